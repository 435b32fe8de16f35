//! Eager loading: what the ORM reports after it hydrates a read with includes ([`Hydration`]),
//! what access tracking reports about includes the code never read ([`UnusedInclude`]), and the
//! two findings built from them — cartesian blow-up and unused eager loading.
//!
//! A query event alone cannot show either problem: the rows a JOIN read are in the event, but the
//! instances they folded into and the include tree are only known after hydration, and whether
//! an association was read is only known when the learner's code has finished with the result.

use super::findings::{Finding, FindingKind};
use super::{find_id, js, Events, Settings};
use crate::log::{QueryEvent, StatementKind};
use crate::text::and_list;

pub use crate::log::{Hydration, IncludeShape as Include};

/// An include whose association the code never read on any instance of a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnusedInclude {
    /// The id of the query event that loaded the result (the top-level read of the finder).
    pub query_id: u64,
    /// The association names from the root to the unused include: `["posts"]`,
    /// `["posts", "comments"]`.
    pub path: Vec<String>,
    /// How many instances were loaded through it.
    pub instances: usize,
}

/// The read event a report is about: known, and a read (failed statements are never stored).
fn read<'a>(log: &Events<'a>, query_id: u64) -> Option<&'a QueryEvent> {
    log.get(query_id).filter(|e| e.kind == StatementKind::Read)
}

/// Cartesian blow-up: reads that returned at least `cartesian_min_rows` rows and at least
/// `cartesian_ratio` rows per instance built, through joined to-many includes.
pub(crate) fn cartesian(log: &Events<'_>, hydrations: &[Hydration], settings: &Settings) -> Vec<Finding> {
    let mut findings = Vec::new();
    for hydration in hydrations {
        let Some(event) = read(log, hydration.query_id) else { continue };
        let instances = hydration.instances.max(1);
        if event.rows < settings.cartesian_min_rows || (event.rows as f64) < settings.cartesian_ratio * instances as f64
        {
            continue;
        }
        let mut joined_many = Vec::new();
        joined_to_many(&hydration.includes, "", &mut joined_many);
        // Only to-many JOINs multiply rows; without one the report cannot be right.
        if joined_many.is_empty() {
            continue;
        }
        let Some(model) = event.model.as_deref() else { continue };
        let finder = js::finder(Some(event.operation));
        let includes = render(&hydration.includes, &[], true);
        findings.push(Finding {
            kind: FindingKind::Cartesian,
            run: event.run,
            message: format!(
                "{model}.{} read {} rows to build {} instances: the JOINs of {} multiply each other's rows; \
                 load the to-many includes with `separate: true`.",
                event.operation,
                event.rows,
                hydration.instances,
                and_list(&crate::collect::map_vec(joined_many.iter(), |p| format!("`{p}`"))),
            ),
            model: Some(model.to_owned()),
            association: Some(joined_many.join(", ")),
            count: event.rows,
            query_ids: vec![event.id],
            fix: Some(js::call(model, finder, &[format!("include: {includes}")])),
        });
    }
    findings
}

/// The counting trap: `findAndCountAll` with a joined to-many include counts the rows of the JOIN
/// — one per child — not the parent rows (Sequelize counts `count(id)` over the same JOIN, as we
/// do). Found from the findAll's hydration (its include tree) and the count statement of the same
/// call without `DISTINCT`; the fix is `distinct: true`.
pub(crate) fn joined_count(log: &Events<'_>, hydrations: &[Hydration]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for hydration in hydrations {
        let Some(rows) = read(log, hydration.query_id).filter(|e| e.operation == "findAndCountAll") else { continue };
        let mut joined_many = Vec::new();
        joined_to_many(&hydration.includes, "", &mut joined_many);
        let counted = log.events().rev().find(|e| e.call == rows.call && e.id < rows.id);
        let Some(count) = counted.filter(|e| e.sql.starts_with("SELECT count(") && !e.sql.contains("DISTINCT")) else {
            continue;
        };
        let Some(model) = rows.model.as_deref().filter(|_| !joined_many.is_empty()) else { continue };
        let includes = render(&hydration.includes, &[], false);
        findings.push(Finding {
            kind: FindingKind::JoinedCount,
            run: rows.run,
            message: format!(
                "{model}.findAndCountAll counted the rows of its JOIN with {}, one per joined row, not the {model} \
                 rows: its count (#{}) counts what the findAll read ({} rows for {} instances); pass `distinct: true` \
                 to count each {model} once.",
                and_list(&crate::collect::map_vec(joined_many.iter(), |p| format!("`{p}`"))),
                count.id,
                rows.rows,
                hydration.instances,
            ),
            model: Some(model.to_owned()),
            association: Some(joined_many.join(", ")),
            count: rows.rows,
            query_ids: vec![count.id, rows.id],
            fix: Some(js::call(model, "findAndCountAll", &[format!("include: {includes}"), "distinct: true".into()])),
        });
    }
    findings
}

/// The limit trap: with `subQuery: false`, the `LIMIT` of a find with a joined to-many include
/// counts the rows of the JOIN — one per child — so fewer parents come back, and the last one
/// with only the children that fitted. (Without it Sequelize, as the core, pages the parents in
/// a subquery: `FROM (SELECT … LIMIT ?) AS User`.) Found from the hydration (its include tree)
/// and the statement's text: a `LIMIT` and no subquery. The fix loads the to-many includes with
/// `separate: true` (or leaves `subQuery: false` out).
pub(crate) fn joined_limit(log: &Events<'_>, hydrations: &[Hydration]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for hydration in hydrations {
        let Some(rows) = read(log, hydration.query_id) else { continue };
        let paged = rows.sql.contains(" LIMIT ?") && !rows.sql.contains("FROM (SELECT");
        let mut joined_many = Vec::new();
        joined_to_many(&hydration.includes, "", &mut joined_many);
        let Some(model) = rows.model.as_deref().filter(|_| paged && !joined_many.is_empty()) else { continue };
        // `LIMIT ?` (the limit) or `LIMIT ?, ?` (the offset, then the limit): the last parameters.
        let n = rows.params.len();
        let number = |i: usize| rows.params.get(i).map(ToString::to_string).unwrap_or_default();
        let mut paging = vec![format!("limit: {}", number(n.wrapping_sub(1)))];
        if rows.sql.contains(" LIMIT ?, ?") {
            paging.push(format!("offset: {}", number(n.wrapping_sub(2))));
        }
        let includes = render(&hydration.includes, &[], true);
        let many = and_list(&crate::collect::map_vec(joined_many.iter(), |p| format!("`{p}`")));
        findings.push(Finding {
            kind: FindingKind::JoinedLimit,
            run: rows.run,
            message: format!(
                "{model}.{}'s {} counted the rows of its JOIN with {many}, not the {model} rows: with `subQuery: \
                 false` the LIMIT comes after the JOIN, so its {} rows held {} {model} (the last one with only the rows \
                 of {many} that fitted). Load {many} with `separate: true`, or leave `subQuery: false` out: Sequelize then \
                 pages the {model} rows in a subquery.",
                rows.operation,
                paging[0],
                rows.rows,
                hydration.instances,
            ),
            model: Some(model.to_owned()),
            association: Some(joined_many.join(", ")),
            count: rows.rows,
            query_ids: vec![rows.id],
            fix: Some(js::call(model, js::finder(Some(rows.operation)), &[vec![format!("include: {includes}")], paging].concat())),
        });
    }
    findings
}

/// The paths of the to-many includes joined into the statement itself (a separate include and
/// everything under it run as other statements).
fn joined_to_many(includes: &[Include], prefix: &str, out: &mut Vec<String>) {
    for include in includes.iter().filter(|i| !i.separate) {
        let path = format!("{prefix}{}", include.association);
        if include.many {
            out.push(path.clone());
        }
        joined_to_many(&include.include, &format!("{path}."), out);
    }
}

/// Writes an include tree as code, leaving out the include at `skip` (a path; empty skips
/// nothing) and, with `separate_many`, marking every to-many include `separate: true`.
fn render(includes: &[Include], skip: &[String], separate_many: bool) -> String {
    let entries: Vec<String> =
        crate::collect::map_vec(includes.iter().filter(|i| !(skip.len() == 1 && skip[0] == i.association)), |i| {
            let mut extra = Vec::new();
            if i.separate || (separate_many && i.many) {
                extra.push("separate: true".to_owned());
            }
            let nested_skip = match skip.split_first() {
                Some((head, rest)) if *head == i.association => rest,
                _ => &[],
            };
            if !i.include.is_empty() {
                let children = render(&i.include, nested_skip, separate_many);
                if children != "[]" {
                    extra.push(format!("include: {children}"));
                }
            }
            js::include_entry(Some(&i.model), &i.association, &extra)
        });
    js::array(&entries)
}

/// Unused eager loading: one finding per reported include (repeated reports count once), for
/// reads the analyzer has seen. `hydrations` are ascending by query id.
pub(crate) fn unused(log: &Events<'_>, hydrations: &[Hydration], reports: &[UnusedInclude]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, report) in reports.iter().enumerate() {
        let repeated = reports[..i].iter().any(|r| r.query_id == report.query_id && r.path == report.path);
        if report.path.is_empty() || repeated {
            continue;
        }
        let Some(event) = read(log, report.query_id) else { continue };
        let path = report.path.join(".");
        let subject = match &event.model {
            Some(model) => format!("{model}.{}", event.operation),
            None => format!("Query #{}", event.id),
        };
        let hydration = find_id(hydrations, report.query_id, |h| h.query_id).ok().map(|i| &hydrations[i]);
        let fix = match (&event.model, hydration) {
            (Some(model), Some(hydration)) => {
                let rest = render(&hydration.includes, &report.path, false);
                let options = if rest == "[]" { vec![] } else { vec![format!("include: {rest}")] };
                Some(js::call(model, js::finder(Some(event.operation)), &options))
            }
            _ => None,
        };
        findings.push(Finding {
            kind: FindingKind::UnusedEager,
            run: event.run,
            message: format!(
                "{subject} included `{path}` and loaded {} instances through it, but the code never read them; \
                 leave the include out and the query does less work.",
                report.instances
            ),
            model: event.model.clone(),
            association: Some(path),
            count: report.instances,
            query_ids: vec![event.id],
            fix,
        });
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::super::tests::{stmt, PRODUCTS};
    use super::super::{analyze, Analyzer, Settings};
    use super::*;

    const USERS: &str = "SELECT `User`.`id`, `posts`.`id`, `likes`.`id` FROM `Users` AS `User` \
                         LEFT OUTER JOIN `Posts` AS `posts` ON `User`.`id` = `posts`.`userId` \
                         LEFT OUTER JOIN `Likes` AS `likes` ON `User`.`id` = `likes`.`userId`;";
    const ORDERS: &str = "SELECT `Order`.`id` FROM `Orders` AS `Order` LEFT OUTER JOIN `Items` AS `items` ON 1;";

    fn analyzer(rows: usize, instances: usize, includes: Vec<Include>) -> Analyzer {
        let mut analyzer = Analyzer::default();
        analyzer.observe(&stmt(1, USERS, vec![], rows, Some("User"), "findAll"));
        analyzer.observe_hydration(Hydration { query_id: 1, instances, includes });
        analyzer
    }

    fn siblings() -> Vec<Include> {
        vec![Include::one("profile", "Profile"), Include::many("posts", "Post"), Include::many("likes", "Like")]
    }

    #[test]
    fn sibling_to_many_joins_are_a_cartesian_blow_up() {
        // 10 users × 10 posts × 10 likes: 1000 rows for 10 + 10 + 100 + 100 instances.
        assert_eq!(
            analyzer(1000, 220, siblings()).findings(),
            [Finding {
                kind: FindingKind::Cartesian,
                run: 1,
                message: "User.findAll read 1000 rows to build 220 instances: the JOINs of `posts` and `likes` \
                          multiply each other's rows; load the to-many includes with `separate: true`."
                    .to_owned(),
                model: Some("User".to_owned()),
                association: Some("posts, likes".to_owned()),
                count: 1000,
                query_ids: vec![1],
                fix: Some(
                    "User.findAll({ include: [{ model: Profile, as: 'profile' }, \
                     { model: Post, as: 'posts', separate: true }, { model: Like, as: 'likes', separate: true }] })"
                        .to_owned()
                ),
            }]
        );
    }

    #[test]
    fn a_join_that_reads_about_one_row_per_instance_is_fine() {
        let one_many = vec![Include::many("posts", "Post")];
        assert_eq!(analyzer(100, 110, one_many).findings(), [], "10 users × 10 posts");
        assert_eq!(analyzer(45, 20, siblings()).findings(), [], "below cartesian_min_rows");
        assert_eq!(analyzer(99, 50, siblings()).findings(), [], "below cartesian_ratio");
        assert_eq!(analyzer(100, 50, siblings()).findings().len(), 1, "at both thresholds");
        let to_one = vec![Include::one("profile", "Profile")];
        assert_eq!(analyzer(1000, 10, to_one).findings(), [], "no to-many JOIN, nothing to fix");
        let separate = vec![Include::many("posts", "Post").separate(), Include::many("likes", "Like").separate()];
        assert_eq!(analyzer(1000, 10, separate).findings(), [], "separate includes are other statements");
        let mut unknown = analyzer(1000, 10, siblings());
        unknown.observe_hydration(Hydration { query_id: 9, instances: 1, includes: siblings() });
        assert_eq!(unknown.findings().len(), 1, "a report about an unseen statement is ignored");
        let strict = Settings { cartesian_ratio: 10.0, ..Settings::default() };
        let mut analyzer = Analyzer::new(strict);
        analyzer.observe(&stmt(1, USERS, vec![], 1000, Some("User"), "findAll"));
        analyzer.observe_hydration(Hydration { query_id: 1, instances: 220, includes: siblings() });
        assert_eq!(analyzer.findings(), []);
    }

    #[test]
    fn nested_includes_keep_their_shape_in_the_fix() {
        let includes = vec![
            Include::many("posts", "Post")
                .with(Include::many("comments", "Comment"))
                .with(Include::one("author", "User")),
            Include::many("likes", "Like"),
            Include::many("groups", "Group").separate().with(Include::many("members", "User")),
        ];
        let found = analyzer(5000, 300, includes).findings();
        assert_eq!(found[0].association.as_deref(), Some("posts, posts.comments, likes"));
        assert!(found[0].message.contains("the JOINs of `posts`, `posts.comments` and `likes` multiply"));
        assert_eq!(
            found[0].fix.as_deref(),
            Some(
                "User.findAll({ include: [{ model: Post, as: 'posts', separate: true, include: \
                 [{ model: Comment, as: 'comments', separate: true }, { model: User, as: 'author' }] }, \
                 { model: Like, as: 'likes', separate: true }, { model: Group, as: 'groups', separate: true, \
                 include: [{ model: User, as: 'members', separate: true }] }] })"
            )
        );
    }

    fn orders(reports: &[(&[&str], usize)], hydrated: bool) -> Vec<Finding> {
        let mut analyzer = Analyzer::default();
        analyzer.observe(&stmt(1, ORDERS, vec![], 12, Some("Order"), "findAll"));
        if hydrated {
            let items = Include::many("items", "OrderItem").with(Include::one("product", "Product"));
            let includes = vec![Include::one("customer", "Customer"), items];
            analyzer.observe_hydration(Hydration { query_id: 1, instances: 30, includes });
        }
        for (path, instances) in reports {
            let path = crate::collect::map_vec(path.iter(), |s| s.to_string());
            analyzer.observe_unused_include(UnusedInclude { query_id: 1, path, instances: *instances });
        }
        analyzer.findings()
    }

    #[test]
    fn an_include_never_read_is_unused_eager_loading() {
        assert_eq!(
            orders(&[(&["items"], 12), (&["items"], 12)], true),
            [Finding {
                kind: FindingKind::UnusedEager,
                run: 1,
                message: "Order.findAll included `items` and loaded 12 instances through it, but the code never \
                          read them; leave the include out and the query does less work."
                    .to_owned(),
                model: Some("Order".to_owned()),
                association: Some("items".to_owned()),
                count: 12,
                query_ids: vec![1],
                fix: Some("Order.findAll({ include: [{ model: Customer, as: 'customer' }] })".to_owned()),
            }],
            "a repeated report counts once"
        );
        let nested = orders(&[(&["items", "product"], 12)], true);
        assert_eq!(nested[0].association.as_deref(), Some("items.product"));
        assert_eq!(
            nested[0].fix.as_deref(),
            Some(
                "Order.findAll({ include: [{ model: Customer, as: 'customer' }, { model: OrderItem, as: 'items' }] })"
            )
        );
        let both = orders(&[(&["customer"], 12), (&["items"], 12)], true);
        let fixes: Vec<_> = crate::collect::map_vec(both.iter(), |f| f.fix.clone().unwrap_or_default());
        assert_eq!(fixes[0], "Order.findAll({ include: [{ model: OrderItem, as: 'items', include: [{ model: Product, as: 'product' }] }] })");
        assert_eq!(orders(&[(&["items"], 12)], false)[0].fix, None, "no include tree, no fix");
        assert_eq!(orders(&[(&[], 12)], true), [], "an empty path names nothing");
    }

    #[test]
    fn an_include_that_was_the_only_one_leaves_a_plain_finder() {
        let mut analyzer = Analyzer::default();
        analyzer.observe(&stmt(1, ORDERS, vec![], 2, Some("Order"), "findOne"));
        analyzer.observe_hydration(Hydration {
            query_id: 1,
            instances: 3,
            includes: vec![Include::many("items", "Item")],
        });
        analyzer.observe_unused_include(UnusedInclude { query_id: 1, path: vec!["items".into()], instances: 2 });
        analyzer.observe_unused_include(UnusedInclude { query_id: 7, path: vec!["items".into()], instances: 2 });
        let found = analyzer.findings();
        assert_eq!(found.len(), 1, "the report about an unseen statement is ignored");
        assert_eq!(found[0].fix.as_deref(), Some("Order.findOne()"));
    }

    #[test]
    fn findings_of_every_kind_come_out_in_statement_order() {
        let mut events = vec![stmt(1, PRODUCTS, vec![], 3, Some("Product"), "findAll")];
        events.extend((2..=4).map(|k| stmt(k, "SELECT ?", vec![(k as i64).into()], 1, None, "query")));
        events.push(stmt(5, USERS, vec![], 1000, Some("User"), "findAll"));
        events.push(stmt(6, PRODUCTS, vec![], 3, Some("Product"), "findAll"));
        let mut analyzer = Analyzer::default();
        for event in &events {
            analyzer.observe(event);
        }
        analyzer.observe_hydration(Hydration { query_id: 5, instances: 220, includes: siblings() });
        analyzer.observe_unused_include(UnusedInclude { query_id: 5, path: vec!["profile".into()], instances: 10 });
        let order: Vec<_> = crate::collect::map_vec(analyzer.findings().iter(), |f| (f.kind, f.query_ids[0]));
        assert_eq!(
            order,
            [
                (FindingKind::Duplicate, 1),
                (FindingKind::NPlusOne, 2),
                (FindingKind::Cartesian, 5),
                (FindingKind::UnusedEager, 5)
            ]
        );
        assert_eq!(analyze(&events, Settings::default()).len(), 2, "without the ORM's reports");
    }
}
