//! The run's history for the page's time travel (`history()`, see ENGINE.md): what each
//! top-level call changed, as `orm::history` recorded it, in a compact JSON shape — a change is
//! an array, not an object, because a 10,000-row `bulkCreate` has 10,000 of them.

use orm::history::History;

use crate::convert::Js;

/// At most this many changes of a step carry their values: the page draws 50 rows of a table at a
/// step, and a 10,000-row `bulkCreate`'s values as JavaScript objects, sent to the page, cost
/// more than recording them. The others are `[table, rowid, kind]`: the row is there (counted,
/// and a later step that writes it sends its values).
pub const SENT_VALUES: usize = 1000;

/// `{ tables: [{ name, columns }], steps: [{ call, label, changes: [[table, rowid, kind,
/// values | null]] }] }`, `table` an index into `tables`, `kind` one of `inserted`, `updated`,
/// `deleted`, `soft-deleted`, `rolled-back`; past [`SENT_VALUES`] changes of a step, without
/// their values.
pub fn history_js(history: &History) -> Js {
    let table = |t: &orm::history::HistoryTable| {
        Js::object([
            ("name", Js::from(t.name.as_str())),
            ("columns", Js::list(t.columns.iter(), |c| Js::from(c.as_str()))),
        ])
    };
    let change = |(i, c): (usize, &orm::history::Change)| {
        let mut out = vec![Js::from(c.table), Js::Num(c.rowid as f64), Js::from(c.kind.name())];
        if i < SENT_VALUES {
            out.push(c.values.as_ref().map_or(Js::Null, |v| Js::list(v.iter(), Js::value)));
        }
        Js::Array(out)
    };
    let step = |s: &orm::history::Step| {
        Js::object([
            ("call", Js::from(s.call)),
            ("label", Js::from(s.label.as_str())),
            ("changes", Js::list(s.changes.iter().enumerate(), change)),
        ])
    };
    Js::object([("tables", Js::list(history.tables.iter(), table)), ("steps", Js::list(history.steps.iter(), step))])
}
