//! Missing indexes, read from the query plans ([`crate::plan`]): a statement that finds rows by a
//! column but reads every row of the table to do it (`SCAN Item` for `` WHERE `Item`.`orderId` = ? ``),
//! or for which SQLite built an index of its own for the one statement (`SEARCH items USING
//! AUTOMATIC COVERING INDEX (orderId=?)`). Reported when the same table and column were searched
//! that way by at least [`Settings::index_min_statements`] statements of a run — a loop: one full
//! read of a small table costs what the table costs, the same read once per iteration multiplies
//! it. The fix is the index, as code.

use super::{groups, js, Events, Settings};
use crate::analyze::findings::{Finding, FindingKind};

/// A table (by the name the plan gives it) and the column a step searches it by, when the step
/// reads the whole table for it or builds an automatic index on it.
fn unindexed<'a>(detail: &'a str, sql: &'a str) -> Option<(&'a str, &'a str)> {
    if let Some(rest) = detail.strip_prefix("SEARCH ").filter(|_| detail.contains(" USING AUTOMATIC ")) {
        let alias = rest.split(' ').next()?;
        let column = detail.split_once('(')?.1.split(['=', '>', '<', ' ', ')']).next()?;
        return Some((alias, column));
    }
    let alias = crate::plan::scanned_table(detail)?;
    let (_, filter) = sql.split_once(" WHERE ")?;
    let qualified = format!("`{alias}`.`");
    let (_, after) = filter.split_once(qualified.as_str())?;
    let (column, rest) = after.split_once('`')?;
    [" = ", " IN ("].iter().any(|op| rest.starts_with(op)).then_some((alias, column))
}

/// The table behind `alias` in the statement (`` `Items` AS `Item` `` gives `Items`).
fn table_of<'a>(sql: &'a str, alias: &'a str) -> &'a str {
    let marker = format!("` AS `{alias}`");
    sql.find(&marker).and_then(|end| sql[..end].rfind('`').map(|start| &sql[start + 1..end])).unwrap_or(alias)
}

/// The findings: one per run, table and column searched without an index often enough.
pub(crate) fn find(log: &Events<'_>, settings: &Settings) -> Vec<Finding> {
    let mut hits: Vec<(u64, &str, &str, &str, u64)> = Vec::new();
    for event in log.events().filter(|e| e.operation != "sync") {
        for step in &event.plan {
            if let Some((alias, column)) = unindexed(&step.detail, &event.sql) {
                hits.push((event.run, table_of(&event.sql, alias), column, step.detail.as_str(), event.id));
            }
        }
    }
    let by_key = groups(hits.len(), &|a, b| {
        let (a, b) = (&hits[a], &hits[b]);
        a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)).then_with(|| a.2.cmp(b.2))
    });
    let mut findings = Vec::new();
    for group in by_key {
        let mut ids: Vec<u64> = crate::collect::map_vec(group.iter(), |&i| hits[i].4);
        ids.dedup();
        if ids.len() < settings.index_min_statements.max(1) {
            continue;
        }
        let (run, table, column, detail, _) = hits[group[0]];
        findings.push(Finding {
            kind: FindingKind::MissingIndex,
            run,
            message: format!(
                "{} statements looked up `{table}` rows by `{column}` without an index \
                 (SQLite's plan: {detail}), so each reads the whole table; an index on `{column}` lets \
                 SQLite search it instead.",
                ids.len()
            ),
            model: None,
            association: None,
            count: ids.len(),
            query_ids: ids,
            fix: Some(format!(
                "await sequelize.getQueryInterface().addIndex({}, [{column}]);\n\
                 // or in the model's options: indexes: [{{ fields: [{column}] }}]",
                js::string(table),
                column = js::string(column),
            )),
        });
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAZY: &str = "SELECT `id`, `orderId` FROM `Items` AS `Item` WHERE `Item`.`orderId` = ?;";

    #[test]
    fn a_scan_for_a_compared_column_or_an_automatic_index_needs_one() {
        assert_eq!(unindexed("SCAN Item", LAZY), Some(("Item", "orderId")));
        assert_eq!(table_of(LAZY, "Item"), "Items");
        let join =
            "SELECT … FROM `Orders` AS `Order` LEFT OUTER JOIN `Items` AS `items` ON `Order`.`id` = `items`.`orderId`;";
        assert_eq!(
            unindexed("SEARCH items USING AUTOMATIC COVERING INDEX (orderId=?) LEFT-JOIN", join),
            Some(("items", "orderId"))
        );
        assert_eq!(table_of(join, "items"), "Items");
        // Quiet: a scan without a filter on the table, a search through a real index, a range.
        assert_eq!(unindexed("SCAN Order", join), None);
        assert_eq!(unindexed("SEARCH Item USING INDEX i (orderId=?)", LAZY), None);
        assert_eq!(unindexed("SCAN Item", "SELECT * FROM `Items` AS `Item` WHERE `Item`.`price` > ?"), None);
        assert_eq!(table_of("SELECT * FROM t", "t"), "t");
    }
}
