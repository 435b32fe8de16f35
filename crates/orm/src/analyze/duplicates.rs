//! Exact duplicates: the same read statement with the same parameters, run again in the same run
//! while nothing was written that could change its result.
//!
//! What counts as "could change": a plain `INSERT` changes its own table, so it only ends the
//! duplicates among reads that name that table. Any other write (`UPDATE`, `DELETE`, upserts,
//! unrecognised raw SQL), any schema change and any `ROLLBACK` ends them all, because foreign-key
//! actions (`ON DELETE CASCADE`, `SET NULL`) change tables the statement never names — a
//! re-read after those is never reported.

use std::collections::{BTreeMap, BTreeSet};

use super::findings::{Finding, FindingKind};
use super::sqltext::{self, WriteScope};
use super::Events;
use crate::log::{QueryEvent, StatementKind};

/// Reads of one statement with one parameter list, between two writes that could change them.
struct Group<'a> {
    first: &'a QueryEvent,
    ids: Vec<u64>,
    names: BTreeSet<String>,
}

/// Reports every group of two or more identical reads with no relevant write between them. Reads
/// in `claimed` (already part of an N+1) are left out: the N+1 fix removes them anyway.
pub(crate) fn find(log: &Events<'_>, claimed: &BTreeSet<u64>) -> Vec<Finding> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    // Per run: (sql, params) → index of the open group in `groups`.
    let mut open: BTreeMap<u64, BTreeMap<(&str, String), usize>> = BTreeMap::new();
    for event in log.events() {
        let run = open.entry(event.run).or_default();
        match event.kind {
            StatementKind::Read if !claimed.contains(&event.id) => {
                let key = (event.sql.as_str(), format!("{:?}", event.params));
                match run.get(&key) {
                    Some(&index) => groups[index].ids.push(event.id),
                    None => {
                        run.insert(key, groups.len());
                        groups.push(Group { first: event, ids: vec![event.id], names: sqltext::names(&event.sql) });
                    }
                }
            }
            StatementKind::Read => {}
            StatementKind::Write => match sqltext::write_scope(&event.sql) {
                WriteScope::Table(table) => run.retain(|_, index| !groups[*index].names.contains(&table)),
                WriteScope::Everything => run.clear(),
            },
            StatementKind::Ddl => run.clear(),
            StatementKind::Transaction => {
                if event.sql.trim_start().get(..8).is_some_and(|w| w.eq_ignore_ascii_case("ROLLBACK")) {
                    run.clear();
                }
            }
        }
    }
    groups.into_iter().filter(|g| g.ids.len() >= 2).map(finding).collect()
}

fn finding(group: Group<'_>) -> Finding {
    let subject = match &group.first.model {
        Some(model) => format!("The same {model} query"),
        None => "The same query".to_owned(),
    };
    Finding {
        kind: FindingKind::Duplicate,
        run: group.first.run,
        message: format!(
            "{subject} ran {} times with the same parameters and nothing changed the data in between; \
             keep the first result in a variable and reuse it.",
            group.ids.len()
        ),
        model: group.first.model.clone(),
        association: group.first.lazy.as_ref().map(|l| l.association.clone()),
        count: group.ids.len(),
        query_ids: group.ids,
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{run, stmt, CATEGORIES};
    use super::*;

    #[test]
    fn an_identical_read_with_no_write_in_between_is_a_duplicate() {
        let events = vec![
            stmt(1, CATEGORIES, vec![], 3, Some("Category"), "findAll"),
            stmt(2, "INSERT INTO `Products` (`name`) VALUES (?);", vec!["P".into()], 1, Some("Product"), "create"),
            stmt(3, CATEGORIES, vec![], 3, Some("Category"), "findAll"),
        ];
        assert_eq!(
            run(events),
            [Finding {
                kind: FindingKind::Duplicate,
                run: 1,
                message:
                    "The same Category query ran 2 times with the same parameters and nothing changed the data in \
                          between; keep the first result in a variable and reuse it."
                        .to_owned(),
                model: Some("Category".to_owned()),
                association: None,
                count: 2,
                query_ids: vec![1, 3],
                fix: None,
            }]
        );
    }

    #[test]
    fn rereading_after_a_write_is_not_a_duplicate() {
        let writes = [
            "INSERT INTO `Categories` (`label`) VALUES (?);",
            "UPDATE `Products` SET `name`=? WHERE `id` = ?;", // may cascade anywhere
            "DELETE FROM `Users` WHERE `id` = ?;",
            "INSERT OR REPLACE INTO `Products` VALUES (?);",
            "DROP TABLE IF EXISTS `Tags`;",
            "ROLLBACK;",
        ];
        for write in writes {
            let events = vec![
                stmt(1, CATEGORIES, vec![], 3, Some("Category"), "findAll"),
                stmt(2, write, vec![], 1, None, "query"),
                stmt(3, CATEGORIES, vec![], 3, Some("Category"), "findAll"),
            ];
            assert_eq!(run(events), [], "{write}");
        }
        let events = vec![
            stmt(1, CATEGORIES, vec![], 3, Some("Category"), "findAll"),
            stmt(2, "BEGIN;", vec![], 0, None, "transaction"),
            stmt(3, CATEGORIES, vec![], 3, Some("Category"), "findAll"),
            stmt(4, "COMMIT;", vec![], 0, None, "transaction"),
        ];
        assert_eq!(run(events).len(), 1, "BEGIN and COMMIT change nothing");
    }

    #[test]
    fn a_failed_write_does_not_end_a_duplicate() {
        let mut write = stmt(2, "UPDATE `Categories` SET `label`=?;", vec![], 0, None, "update");
        write.failed = true;
        let events = vec![
            stmt(1, CATEGORIES, vec![], 3, None, "findAll"),
            write,
            stmt(3, CATEGORIES, vec![], 3, None, "findAll"),
        ];
        assert_eq!(run(events)[0].query_ids, [1, 3]);
    }
}
