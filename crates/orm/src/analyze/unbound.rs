//! Values written into SQL text instead of bound: a raw query (`sequelize.query`) or a
//! `sequelize.literal` with `'ada'` or `42` in its text. The ORM binds every value it writes, so
//! such a value is the learner's: the statement cannot be reused for another value, and a value
//! that came from a user could change the SQL (injection). The finding says so and, for a raw
//! query, writes the bound version as code.

use super::findings::{Finding, FindingKind};
use super::sqltext::spliced_values;
use super::Events;
use crate::log::StatementKind;

/// One finding per statement (reads and writes, not schema changes) with values in its text.
pub(crate) fn find(log: &Events<'_>) -> Vec<Finding> {
    // (`sync`'s own `type='table'` look-ups are Sequelize's statements, not the learner's.)
    let statements = log
        .events()
        .filter(|e| matches!(e.kind, StatementKind::Read | StatementKind::Write) && !e.failed && e.operation != "sync");
    crate::collect::filter_map_vec(statements, |e| {
        let values = spliced_values(&e.sql);
        if values.is_empty() {
            return None;
        }
        let shown = values.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
        let more = if values.len() > 3 { ", …" } else { "" };
        let raw = e.operation == "query";
        let message = format!(
                "{shown}{more} {} written into the SQL text instead of bound: the statement cannot be reused for other values, and a value that came from a user could change the SQL (injection). {}",
                if values.len() == 1 { "is" } else { "are" },
                if raw {
                    "Put a placeholder in the SQL and pass the value in `replacements` (or `bind`)."
                } else {
                    "In a sequelize.literal, keep only SQL; put the value in a `where` (it is bound), or run the query with sequelize.query and `replacements`."
                }
            );
        let fix = raw.then(|| bound_rewrite(&e.sql, &values));
        Some(Finding {
            kind: FindingKind::UnboundValue,
            run: e.run,
            message,
            model: e.model.clone(),
            association: None,
            count: values.len(),
            query_ids: vec![e.id],
            fix,
        })
    })
}

/// The raw query with `?` for each spliced value and the values as `replacements`.
fn bound_rewrite(sql: &str, values: &[String]) -> String {
    let mut rewritten = String::new();
    let mut rest = sql;
    for value in values {
        match rest.find(value.as_str()) {
            Some(at) => {
                rewritten.push_str(&rest[..at]);
                rewritten.push('?');
                rest = &rest[at + value.len()..];
            }
            None => break,
        }
    }
    rewritten.push_str(rest);
    let as_js = |v: &String| match v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        Some(text) => format!("'{}'", text.replace("''", "'").replace('\\', "\\\\").replace('\'', "\\'")),
        None => v.clone(),
    };
    let sql_js = rewritten.replace('\\', "\\\\").replace('`', "\\`");
    format!(
        "await sequelize.query(`{sql_js}`, {{ replacements: [{}] }});",
        crate::collect::map_vec(values.iter(), as_js).join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::bound_rewrite;

    #[test]
    fn the_fix_binds_each_value() {
        assert_eq!(
            bound_rewrite("SELECT * FROM users WHERE name = 'o''brien' AND age > 30", &["'o''brien'".into(), "30".into()]),
            "await sequelize.query(`SELECT * FROM users WHERE name = ? AND age > ?`, { replacements: ['o\\'brien', 30] });"
        );
    }
}
