//! Exact duplicates: the same read statement with the same parameters, run again in the same run
//! while nothing was written that could change its result.
//!
//! What counts as "could change": a plain `INSERT` changes its own table, so it only ends the
//! duplicates among reads that name that table. Any other write (`UPDATE`, `DELETE`, upserts,
//! unrecognised raw SQL), any schema change and any `ROLLBACK` ends them all, because foreign-key
//! actions (`ON DELETE CASCADE`, `SET NULL`) change tables the statement never names — a
//! re-read after those is never reported.

use super::findings::{Finding, FindingKind};
use super::sqltext::{self, WriteScope};
use super::{groups, is_learner_read, params_key, Events};
use crate::log::{QueryEvent, StatementKind};

/// Reads of one statement with one parameter list, between two writes that could change them.
struct Group<'a> {
    first: &'a QueryEvent,
    ids: Vec<u64>,
    names: Vec<String>,
}

/// Reports every group of two or more identical reads with no relevant write between them. Reads
/// marked in `claimed` (already part of an N+1, by position in the events) are left out: the N+1
/// fix removes them anyway.
pub(crate) fn find(log: &Events<'_>, claimed: &[bool]) -> Vec<Finding> {
    // The reads to compare, numbered by what makes them identical: run, SQL and parameters.
    let reads: Vec<(usize, &QueryEvent, String)> =
        crate::collect::filter_map_vec(log.events().enumerate(), |(at, e)| {
            (is_learner_read(e) && !claimed[at]).then(|| (at, e, params_key(&e.params)))
        });
    let classes = groups(reads.len(), &|a, b| {
        let (a, b) = (&reads[a], &reads[b]);
        (a.1.run.cmp(&b.1.run)).then_with(|| a.1.sql.cmp(&b.1.sql)).then_with(|| a.2.cmp(&b.2))
    });
    let mut class_of = vec![usize::MAX; claimed.len()];
    for (class, members) in classes.iter().enumerate() {
        for &i in members {
            class_of[reads[i].0] = class;
        }
    }
    let mut groups: Vec<Group<'_>> = Vec::new();
    // Class → index of its open group in `groups`.
    let mut open: Vec<Option<usize>> = vec![None; classes.len()];
    // Per run: the (class, group) pairs open in it.
    let mut runs: Vec<(u64, Vec<(usize, usize)>)> = Vec::new();
    for (at, event) in log.events().enumerate() {
        let i = runs.iter().position(|r| r.0 == event.run).unwrap_or_else(|| {
            runs.push((event.run, Vec::new()));
            runs.len() - 1
        });
        let run = &mut runs[i].1;
        // Closes the open groups of this run that `ends` says a write could change.
        let mut close = |ends: &dyn Fn(&Group<'_>) -> bool| {
            run.retain(|&(class, index)| {
                let ended = ends(&groups[index]);
                if ended {
                    open[class] = None;
                }
                !ended
            })
        };
        match event.kind {
            StatementKind::Read if !claimed[at] && is_learner_read(event) => {
                let class = class_of[at];
                match open[class] {
                    Some(index) => groups[index].ids.push(event.id),
                    None => {
                        open[class] = Some(groups.len());
                        run.push((class, groups.len()));
                        groups.push(Group { first: event, ids: vec![event.id], names: sqltext::names(&event.sql) });
                    }
                }
            }
            StatementKind::Read => {}
            StatementKind::Write => match sqltext::write_scope(&event.sql) {
                WriteScope::Table(table) => close(&|group| group.names.contains(&table)),
                WriteScope::Everything => close(&|_| true),
            },
            StatementKind::Ddl => close(&|_| true),
            StatementKind::Transaction => {
                if event.sql.trim_start().get(..8).is_some_and(|w| w.eq_ignore_ascii_case("ROLLBACK")) {
                    close(&|_| true);
                }
            }
        }
    }
    crate::collect::map_vec(groups.into_iter().filter(|g| g.ids.len() >= 2), finding)
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
