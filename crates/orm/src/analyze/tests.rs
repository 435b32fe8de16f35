//! Tests of N+1 and duplicate detection on hand-made event streams, shaped like the statements
//! the ORM writes (scenario 03 of the parity suite among them), and the helpers that build them.

use std::time::Duration;

use super::*;
use crate::log::LazyOrigin;
use crate::value::Value;

pub(super) const PRODUCTS: &str = "SELECT `id`, `name`, `categoryId` FROM `Products` AS `Product`;";
const PRODUCT_BY_PK: &str = "SELECT `id`, `name`, `categoryId` FROM `Products` AS `Product` WHERE `Product`.`id` = ?;";
const CATEGORY_OF: &str = "SELECT `id`, `label` FROM `Categories` AS `Category` WHERE `Category`.`id` = ? LIMIT ?;";
pub(super) const CATEGORIES: &str = "SELECT `id`, `label` FROM `Categories` AS `Category`;";
const COUNT_PRODUCTS: &str =
    "SELECT count(`id`) AS `count` FROM `Products` AS `Product` WHERE `Product`.`categoryId` = ?;";

/// A statement of run 1 that succeeded; its kind comes from its SQL.
pub(super) fn stmt(
    id: u64,
    sql: &str,
    params: Vec<Value>,
    rows: usize,
    model: Option<&str>,
    op: &'static str,
) -> QueryEvent {
    QueryEvent {
        id,
        call: id,
        run: 1,
        sql: sql.to_owned(),
        params,
        rows,
        duration: Duration::ZERO,
        model: model.map(str::to_owned),
        operation: op,
        kind: StatementKind::of_sql(sql),
        lazy: None,
        failed: false,
        plan: Vec::new(),
        dialects: Vec::new(),
    }
}

/// A lazy load of `association` on instance `key` of `source_model`, from query `source` with
/// `source_rows` rows.
fn lazy(
    mut event: QueryEvent,
    association: &str,
    source_model: &str,
    key: i64,
    source: u64,
    source_rows: usize,
) -> QueryEvent {
    event.lazy = Some(LazyOrigin {
        association: association.to_owned(),
        source_model: source_model.to_owned(),
        source_key: key.to_string(),
        source_query: Some(source),
        source_rows: Some(source_rows),
    });
    event
}

/// `product.getCategory()` as statement `id`, for product `key` in category `category`.
fn get_category(id: u64, key: i64, category: i64, source: u64, source_rows: usize) -> QueryEvent {
    let read = stmt(id, CATEGORY_OF, vec![category.into(), 1.into()], 1, Some("Category"), "lazy");
    lazy(read, "category", "Product", key, source, source_rows)
}

/// Scenario 03's trap: `Product.findAll()` (12 rows), then `getCategory()` on each product.
fn lazy_loop() -> Vec<QueryEvent> {
    let mut events = vec![stmt(1, PRODUCTS, vec![], 12, Some("Product"), "findAll")];
    events.extend((0..12).map(|i| get_category(i as u64 + 2, i + 1, i % 3 + 1, 1, 12)));
    events
}

pub(super) fn run(events: Vec<QueryEvent>) -> Vec<Finding> {
    analyze(&events, Settings::default())
}

fn ids(range: std::ops::RangeInclusive<u64>) -> Vec<u64> {
    range.collect()
}

#[test]
fn lazy_getter_in_a_loop_is_one_nplus1_with_an_include_fix() {
    let found = run(lazy_loop());
    assert_eq!(
        found,
        [Finding {
            kind: FindingKind::NPlusOne,
            run: 1,
            message: "N+1: 12 separate queries loaded `category` for 12 of the 12 Product rows that query #1 \
                      returned, one per row, in the order the code read them (Product 1, 2, 3, 4, 5, 6, … 12); \
                      include `category` in that query to load it in one go."
                .to_owned(),
            model: Some("Product".to_owned()),
            association: Some("category".to_owned()),
            count: 12,
            query_ids: ids(1..=13),
            fix: Some("Product.findAll({ include: [{ model: Category, as: 'category' }] })".to_owned()),
        }],
        "the repeated category ids are part of the N+1, not separate duplicates"
    );
}

#[test]
fn count_accessor_in_a_loop_names_the_association_and_its_target() {
    let mut events = vec![stmt(1, CATEGORIES, vec![], 3, Some("Category"), "findAll")];
    for i in 0..3 {
        let count = stmt(i + 2, COUNT_PRODUCTS, vec![(i as i64 + 1).into()], 1, Some("Product"), "lazy");
        events.push(lazy(count, "products", "Category", i as i64 + 1, 1, 3));
    }
    let found = run(events);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].kind, found[0].count, found[0].query_ids.clone()), (FindingKind::NPlusOne, 3, ids(1..=4)));
    assert_eq!(found[0].fix.as_deref(), Some("Category.findAll({ include: [{ model: Product, as: 'products' }] })"));
}

#[test]
fn a_getter_in_a_nested_loop_is_one_nplus1_per_association() {
    // for (const c of await Category.findAll())          -- #1, 2 rows
    //   for (const p of await c.getProducts())           -- #2 and #5, 2 rows each
    //     await p.getCategory();                         -- #3, #4, #6, #7
    const PRODUCTS_OF: &str = "SELECT `id` FROM `Products` AS `Product` WHERE `Product`.`categoryId` = ?;";
    let mut events = vec![stmt(1, CATEGORIES, vec![], 2, Some("Category"), "findAll")];
    for (c, base) in [(1, 2u64), (2, 5)] {
        let products = stmt(base, PRODUCTS_OF, vec![c.into()], 2, Some("Product"), "lazy");
        events.push(lazy(products, "products", "Category", c, 1, 2));
        events.push(get_category(base + 1, 2 * c - 1, c, base, 2));
        events.push(get_category(base + 2, 2 * c, c, base, 2));
    }
    let found: Vec<_> = run(events).into_iter().map(|f| (f.association, f.count, f.query_ids, f.message)).collect();
    assert_eq!(
        found,
        [
            (
                Some("products".to_owned()),
                2,
                vec![1, 2, 5],
                "N+1: 2 separate queries loaded `products` for 2 of the 2 Category rows that query #1 returned, \
                 one per row, in the order the code read them (Category 1, 2); include `products` in that query \
                 to load it in one go."
                    .to_owned()
            ),
            (
                Some("category".to_owned()),
                4,
                vec![2, 3, 4, 5, 6, 7],
                "N+1: 4 separate queries loaded `category` for 4 of the 4 Product rows that queries #2 and #5 \
                 returned, one per row, in the order the code read them (Product 1, 2, 3, 4); include `category` \
                 in those queries to load it in one go."
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn the_fix_keeps_the_source_finder_and_falls_back_to_the_association_name() {
    let mut events = vec![stmt(1, PRODUCTS, vec![], 5, Some("Product"), "findAndCountAll")];
    for i in 0..2 {
        let mut load = get_category(i + 2, i as i64 + 1, 1, 1, 5);
        load.model = None;
        events.push(load);
    }
    let found = run(events);
    assert_eq!(found[0].fix.as_deref(), Some("Product.findAndCountAll({ include: [{ association: 'category' }] })"));
    assert_eq!(found[0].count, 2);
}

#[test]
fn a_single_record_lazy_load_is_not_nplus1() {
    let one = vec![stmt(1, PRODUCT_BY_PK, vec![1.into()], 1, Some("Product"), "findByPk"), get_category(2, 1, 1, 1, 1)];
    assert_eq!(run(one), []);
    // One lazy load out of a multi-row result is not a loop either.
    let from_many = vec![stmt(1, PRODUCTS, vec![], 12, Some("Product"), "findAll"), get_category(2, 1, 1, 1, 12)];
    assert_eq!(run(from_many), []);
    // Nor is the same instance asked twice (that is a duplicate).
    let twice = vec![
        stmt(1, PRODUCTS, vec![], 12, Some("Product"), "findAll"),
        get_category(2, 1, 1, 1, 12),
        get_category(3, 1, 1, 1, 12),
    ];
    let found = run(twice);
    assert_eq!(
        found.iter().map(|f| (f.kind, f.query_ids.clone())).collect::<Vec<_>>(),
        [(FindingKind::Duplicate, vec![2, 3])]
    );
}

#[test]
fn lazy_loads_of_different_associations_are_not_one_nplus1() {
    let events = vec![
        stmt(1, PRODUCTS, vec![], 3, Some("Product"), "findAll"),
        get_category(2, 1, 1, 1, 3),
        lazy(
            stmt(
                3,
                "SELECT `id` FROM `Suppliers` AS `Supplier` WHERE `Supplier`.`id` = ? LIMIT ?;",
                vec![7.into(), 1.into()],
                1,
                Some("Supplier"),
                "lazy",
            ),
            "supplier",
            "Product",
            2,
            1,
            3,
        ),
        lazy(
            stmt(
                4,
                "SELECT `id` FROM `Reviews` AS `Review` WHERE `Review`.`productId` = ?;",
                vec![3.into()],
                0,
                Some("Review"),
                "lazy",
            ),
            "reviews",
            "Product",
            3,
            1,
            3,
        ),
    ];
    assert_eq!(run(events), []);
}

#[test]
fn failed_statements_are_ignored() {
    let mut events = lazy_loop();
    for event in &mut events[2..] {
        event.failed = true;
    }
    assert_eq!(run(events), [], "one successful lazy load is left");
    let mut again = vec![stmt(1, CATEGORIES, vec![], 3, None, "query"), stmt(2, CATEGORIES, vec![], 0, None, "query")];
    again[1].failed = true;
    assert_eq!(run(again), []);
}

#[test]
fn different_runs_do_not_combine() {
    let mut events = Vec::new();
    for (i, run) in [(1u64, 1u64), (2, 1), (3, 2), (4, 2), (5, 3)] {
        let mut find = stmt(i, PRODUCT_BY_PK, vec![(i as i64).into()], 1, Some("Product"), "findByPk");
        find.run = run;
        events.push(find);
    }
    let mut same = stmt(6, CATEGORIES, vec![], 3, Some("Category"), "findAll");
    same.run = 3;
    let mut same_next_run = stmt(7, CATEGORIES, vec![], 3, Some("Category"), "findAll");
    same_next_run.run = 4;
    events.extend([same, same_next_run]);
    assert_eq!(run(events.clone()), []);
    // The same stream in one run is an N+1 and a duplicate.
    for event in &mut events {
        event.run = 1;
    }
    let kinds: Vec<_> = run(events).iter().map(|f| (f.kind, f.count)).collect();
    assert_eq!(kinds, [(FindingKind::NPlusOne, 5), (FindingKind::Duplicate, 2)]);
}

#[test]
fn the_same_statement_with_different_keys_is_nplus1_by_shape() {
    let events: Vec<_> = [1, 2, 1, 3]
        .iter()
        .enumerate()
        .map(|(i, &k)| stmt(i as u64 + 1, PRODUCT_BY_PK, vec![k.into()], 1, Some("Product"), "findByPk"))
        .collect();
    assert_eq!(
        run(events),
        [Finding {
            kind: FindingKind::NPlusOne,
            run: 1,
            message: "N+1: the same Product query ran 4 times with 3 different parameter values, one query per item; \
                      one query for all the items does the same work."
                .to_owned(),
            model: Some("Product".to_owned()),
            association: None,
            count: 4,
            query_ids: ids(1..=4),
            fix: Some("Product.findAll({ where: { id: [1, 2, 3] } })".to_owned()),
        }],
        "the repeated key 1 is part of the N+1, not a duplicate"
    );
}

#[test]
fn shape_needs_enough_different_parameters() {
    let two: Vec<_> =
        (1..=2).map(|k| stmt(k, PRODUCT_BY_PK, vec![(k as i64).into()], 1, Some("Product"), "findByPk")).collect();
    assert_eq!(run(two.clone()), []);
    let lower = Settings { nplus1_min_repeats: 2, ..Settings::default() };
    assert_eq!(analyze(&two, lower).len(), 1);
}

#[test]
fn shape_writes_an_include_fix_for_lazy_loads_and_no_where_fix_it_cannot_stand_behind() {
    // for (const id of [1, 2, 3]) { const p = await Product.findByPk(id); await p.getCategory(); }
    let mut events = Vec::new();
    for k in 1..=3u64 {
        events.push(stmt(2 * k - 1, PRODUCT_BY_PK, vec![(k as i64).into()], 1, Some("Product"), "findByPk"));
        events.push(get_category(2 * k, k as i64, k as i64, 2 * k - 1, 1));
    }
    let found: Vec<_> = run(events).into_iter().map(|f| (f.model, f.association, f.query_ids, f.fix)).collect();
    assert_eq!(
        found,
        [
            (Some("Product".into()), None, vec![1, 3, 5], Some("Product.findAll({ where: { id: [1, 2, 3] } })".into())),
            (
                Some("Product".into()),
                Some("category".into()),
                vec![2, 4, 6],
                Some("Product.findAll({ include: [{ model: Category, as: 'category' }] })".into())
            ),
        ]
    );
    // A key compared on an included table, or a raw query, gets no fix.
    let joined = "SELECT `Product`.`id` FROM `Products` AS `Product` INNER JOIN `Categories` AS `category` ON 1 WHERE `category`.`id` = ?;";
    let raw = "SELECT name FROM users WHERE id = ?";
    for (sql, model) in [(joined, Some("Product")), (raw, None)] {
        let events: Vec<_> = (1..=3).map(|k| stmt(k, sql, vec![(k as i64).into()], 1, model, "findAll")).collect();
        let found = run(events);
        assert_eq!((found.len(), found[0].fix.clone()), (1, None));
    }
    assert!(run((1..=3).map(|k| stmt(k, "SELECT ?", vec![(k as i64).into()], 1, None, "query")).collect())[0]
        .message
        .starts_with("N+1: the same query ran 3 times"));
}

#[test]
fn a_where_fix_lists_at_most_ten_values() {
    let events: Vec<_> =
        (1..=12).map(|k| stmt(k, PRODUCT_BY_PK, vec![(k as i64).into()], 1, Some("Product"), "findByPk")).collect();
    assert_eq!(
        run(events)[0].fix.as_deref(),
        Some("Product.findAll({ where: { id: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, /* …2 more */] } })")
    );
}

#[test]
fn observing_one_by_one_gives_the_same_findings_as_a_batch() {
    let events = lazy_loop();
    let shared = Rc::new(RefCell::new(Analyzer::default()));
    let mut subscriber = Analyzer::subscriber(&shared);
    for event in events.iter().rev() {
        subscriber(event);
        subscriber(event); // seen twice: counted once
    }
    assert_eq!(shared.borrow().findings(), analyze(&events, Settings::default()));
    assert_eq!(shared.borrow().findings_for_run(1).len(), 1);
    assert_eq!(shared.borrow().findings_for_run(2), []);
    shared.borrow_mut().clear();
    assert_eq!(shared.borrow().findings(), []);
}

#[test]
fn a_source_query_counts_its_rows_once_as_its_latest_lazy_load_reported_them() {
    let mut events = vec![stmt(1, PRODUCTS, vec![], 12, Some("Product"), "findAll")];
    events.push(get_category(2, 1, 1, 1, 12));
    events.push(get_category(3, 2, 2, 1, 5));
    let found = run(events);
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("for 2 of the 5 Product rows that query #1 returned"), "{}", found[0].message);
}

#[test]
fn a_later_hydration_report_replaces_the_earlier_one() {
    let users = "SELECT `User`.`id` FROM `Users` AS `User` LEFT OUTER JOIN `Posts` AS `posts` ON 1;";
    let mut analyzer = Analyzer::default();
    for id in [3, 1, 2] {
        analyzer.observe(&stmt(id, users, vec![], 100, Some("User"), "findAll"));
    }
    let includes = || vec![Include::many("posts", "Post"), Include::many("likes", "Like")];
    analyzer.observe_hydration(Hydration { query_id: 2, instances: 10, includes: includes() });
    analyzer.observe_hydration(Hydration { query_id: 1, instances: 10, includes: includes() });
    analyzer.observe_hydration(Hydration { query_id: 2, instances: 100, includes: includes() });
    let found: Vec<_> = analyzer.findings().iter().map(|f| (f.kind, f.query_ids.clone())).collect();
    assert_eq!(found, [(FindingKind::Duplicate, vec![1, 2, 3]), (FindingKind::Cartesian, vec![1])]);
}

#[test]
fn order_and_groups_are_stable() {
    let keys = [3, 1, 3, 0, 1, 3, 2, 0, 1];
    assert_eq!(crate::collect::order(keys.len(), &|a, b| keys[a].cmp(&keys[b])), [3, 7, 1, 4, 8, 6, 0, 2, 5]);
    assert_eq!(groups(keys.len(), &|a, b| keys[a].cmp(&keys[b])), [vec![3, 7], vec![1, 4, 8], vec![6], vec![0, 2, 5]]);
    assert_eq!(groups(0, &|_, _| std::cmp::Ordering::Equal), Vec::<Vec<usize>>::new());
}

#[test]
fn syncs_look_at_each_table_is_not_an_nplus1_but_the_same_read_from_code_is() {
    const TABLE_CHECK: &str = "SELECT name FROM sqlite_master WHERE type='table' AND name=?;";
    let tables = ["Users", "Posts", "Tags", "TagPost", "Users"];
    let sync = |op| -> Vec<QueryEvent> {
        let tables = tables.iter().enumerate();
        tables.map(|(i, t)| stmt(i as u64 + 1, TABLE_CHECK, vec![(*t).into()], 0, Some("User"), op)).collect()
    };
    assert_eq!(run(sync("sync")), [], "sync's reads are the ORM's own");
    let from_code = run(sync("query"));
    // (Written by the learner, `type='table'` is also a value in the SQL text.)
    let kinds: Vec<_> = from_code.iter().map(|f| f.kind).filter(|k| *k != FindingKind::UnboundValue).collect();
    assert_eq!(kinds, [FindingKind::NPlusOne]);
}

#[test]
fn a_value_written_into_a_raw_query_is_flagged_with_the_bound_rewrite() {
    let raw = stmt(1, "SELECT * FROM users WHERE name = 'ada'", vec![], 1, None, "query");
    let bound = stmt(2, "SELECT * FROM users WHERE name = ?", vec!["ada".into()], 1, None, "query");
    let literal = stmt(
        3,
        "SELECT `id`, (SELECT COUNT(*) FROM Posts WHERE Posts.kind = 'draft') AS `n` FROM `Users` AS `User`;",
        vec![],
        1,
        Some("User"),
        "findAll",
    );
    let found = run(vec![raw, bound, literal]);
    let unbound: Vec<_> = found.iter().filter(|f| f.kind == FindingKind::UnboundValue).collect();
    assert_eq!(unbound.iter().map(|f| f.query_ids.clone()).collect::<Vec<_>>(), [vec![1], vec![3]]);
    assert_eq!(
        unbound[0].fix.as_deref(),
        Some("await sequelize.query(`SELECT * FROM users WHERE name = ?`, { replacements: ['ada'] });")
    );
    assert!(
        unbound[0].message.starts_with("'ada' is written into the SQL text instead of bound"),
        "{}",
        unbound[0].message
    );
    assert_eq!(unbound[1].fix, None, "a literal in a finder has no mechanical rewrite");
    assert!(unbound[1].message.contains("sequelize.literal"));
}

/// `event` with this plan.
fn planned(mut event: QueryEvent, steps: &[&str]) -> QueryEvent {
    event.plan = steps
        .iter()
        .enumerate()
        .map(|(i, detail)| crate::plan::PlanStep { id: i as i64 + 2, parent: 0, detail: (*detail).to_owned() })
        .collect();
    event
}

#[test]
fn repeated_full_reads_by_one_column_ask_for_an_index_with_the_fix_as_code() {
    // The products of each category, looked up in a loop: each reads every product.
    let mut events = vec![planned(stmt(1, CATEGORIES, vec![], 3, Some("Category"), "findAll"), &["SCAN Category"])];
    for (id, category) in [(2, 1), (3, 2), (4, 3)] {
        let count = stmt(id, COUNT_PRODUCTS, vec![Value::Int(category)], 1, Some("Product"), "count");
        events.push(planned(count, &["SCAN Product"]));
    }
    let found: Vec<Finding> = run(events.clone()).into_iter().filter(|f| f.kind == FindingKind::MissingIndex).collect();
    assert_eq!(
        found,
        [Finding {
            kind: FindingKind::MissingIndex,
            run: 1,
            message: "3 statements looked up `Products` rows by `categoryId` without an index \
                      (SQLite's plan: SCAN Product), so each reads the whole table; an index on `categoryId` lets \
                      SQLite search it instead."
                .to_owned(),
            model: None,
            association: None,
            count: 3,
            query_ids: vec![2, 3, 4],
            fix: Some(
                "await sequelize.getQueryInterface().addIndex('Products', ['categoryId']);\n\
                 // or in the model's options: indexes: [{ fields: ['categoryId'] }]"
                    .to_owned()
            ),
        }]
    );
    // Quiet: twice is not a loop; the same statements searching through an index; sync's own.
    let twice = run(events[..3].to_vec());
    assert!(twice.iter().all(|f| f.kind != FindingKind::MissingIndex), "{twice:?}");
    let indexed: Vec<QueryEvent> =
        events.iter().skip(1).map(|e| planned(e.clone(), &["SEARCH Product USING INDEX p_c (categoryId=?)"])).collect();
    assert!(run(indexed).iter().all(|f| f.kind != FindingKind::MissingIndex));
    let syncs: Vec<QueryEvent> = (1..=4)
        .map(|id| planned(stmt(id, COUNT_PRODUCTS, vec![Value::Int(id as i64)], 1, None, "sync"), &["SCAN Product"]))
        .collect();
    assert!(run(syncs).iter().all(|f| f.kind != FindingKind::MissingIndex));
}

#[test]
fn find_and_count_all_with_a_to_many_include_counts_joined_rows() {
    let join = "FROM `Users` AS `User` LEFT OUTER JOIN `Posts` AS `posts` ON `User`.`id` = `posts`.`UserId`;";
    let call = |sql: String, id: u64, rows: usize| {
        let mut event = stmt(id, &sql, vec![], rows, Some("User"), "findAndCountAll");
        event.call = 1;
        event
    };
    let found = |count_sql: &str, includes: Vec<Include>| {
        let mut analyzer = Analyzer::default();
        analyzer.observe(&call(format!("{count_sql} {join}"), 1, 1));
        analyzer.observe(&call(format!("SELECT `User`.`id`, `posts`.`id` AS `posts.id` {join}"), 2, 3));
        analyzer.observe_hydration(Hydration { query_id: 2, instances: 5, includes });
        analyzer.findings().into_iter().filter(|f| f.kind == FindingKind::JoinedCount).collect::<Vec<_>>()
    };
    let trapped = found("SELECT count(*) AS `count`", vec![Include::many("posts", "Post")]);
    assert_eq!(
        trapped,
        [Finding {
            kind: FindingKind::JoinedCount,
            run: 1,
            message: "User.findAndCountAll counted the rows of its JOIN with `posts`, one per joined row, not the User \
                      rows: its count (#1) counts what the findAll read (3 rows for 5 instances); pass `distinct: true` \
                      to count each User once."
                .to_owned(),
            model: Some("User".to_owned()),
            association: Some("posts".to_owned()),
            count: 3,
            query_ids: vec![1, 2],
            fix: Some("User.findAndCountAll({ include: [{ model: Post, as: 'posts' }], distinct: true })".to_owned()),
        }]
    );
    // Quiet: the fix itself, a to-one include, a separate one.
    assert_eq!(found("SELECT count(DISTINCT `User`.`id`) AS `count`", vec![Include::many("posts", "Post")]), []);
    assert_eq!(found("SELECT count(*) AS `count`", vec![Include::one("profile", "Profile")]), []);
    assert_eq!(found("SELECT count(*) AS `count`", vec![Include::many("posts", "Post").separate()]), []);
}

#[test]
fn limit_with_a_joined_to_many_include_and_no_subquery_limits_joined_rows() {
    let found = |sql: &str, params: Vec<Value>, includes: Vec<Include>| {
        let mut analyzer = Analyzer::default();
        analyzer.observe(&stmt(1, sql, params, 2, Some("User"), "findAll"));
        analyzer.observe_hydration(Hydration { query_id: 1, instances: 1, includes });
        analyzer.findings().into_iter().filter(|f| f.kind == FindingKind::JoinedLimit).collect::<Vec<_>>()
    };
    let join = "SELECT `User`.`id`, `Posts`.`id` AS `Posts.id` FROM `Users` AS `User` LEFT OUTER JOIN `Posts` AS `Posts` ON `User`.`id` = `Posts`.`UserId`";
    let trapped = found(&format!("{join} LIMIT ?;"), vec![Value::Int(2)], vec![Include::many("Posts", "Post")]);
    assert_eq!(
        trapped,
        [Finding {
            kind: FindingKind::JoinedLimit,
            run: 1,
            message: "User.findAll's limit: 2 counted the rows of its JOIN with `Posts`, not the User rows: with \
                      `subQuery: false` the LIMIT comes after the JOIN, so its 2 rows held 1 User (the last one with \
                      only the rows of `Posts` that fitted). Load `Posts` with `separate: true`, or leave `subQuery: \
                      false` out: Sequelize then pages the User rows in a subquery."
                .to_owned(),
            model: Some("User".to_owned()),
            association: Some("Posts".to_owned()),
            count: 2,
            query_ids: vec![1],
            fix: Some("User.findAll({ include: [{ model: Post, as: 'Posts', separate: true }], limit: 2 })".to_owned()),
        }]
    );
    let paged =
        found(&format!("{join} LIMIT ?, ?;"), vec![Value::Int(4), Value::Int(2)], vec![Include::many("Posts", "Post")]);
    assert_eq!(
        paged[0].fix.as_deref(),
        Some("User.findAll({ include: [{ model: Post, as: 'Posts', separate: true }], limit: 2, offset: 4 })")
    );
    // Quiet: Sequelize's subquery, a to-one include, a separate one, no limit.
    let subquery = "SELECT `User`.*, `Posts`.`id` AS `Posts.id` FROM (SELECT `User`.`id` FROM `Users` AS `User` LIMIT ?) AS `User` LEFT OUTER JOIN `Posts` AS `Posts` ON `User`.`id` = `Posts`.`UserId`;";
    assert_eq!(found(subquery, vec![Value::Int(2)], vec![Include::many("Posts", "Post")]), []);
    assert_eq!(found(&format!("{join} LIMIT ?;"), vec![Value::Int(2)], vec![Include::one("profile", "Profile")]), []);
    assert_eq!(
        found(&format!("{join} LIMIT ?;"), vec![Value::Int(2)], vec![Include::many("Posts", "Post").separate()]),
        []
    );
    assert_eq!(found(&format!("{join};"), vec![], vec![Include::many("Posts", "Post")]), []);
}
