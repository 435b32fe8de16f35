//! The N+1 analyzer fed by the real ORM: the lazy-loading loop of scenario 03 is one N+1 with
//! the include as its fix, eager loading is quiet, and two sibling hasMany includes are a
//! cartesian blow-up whose fix is `separate: true`.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::cell::RefCell;
use std::rc::Rc;

use orm::analyze::{Analyzer, FindingKind, Settings};
use orm::{
    AssociationKind, AssociationOptions, AttributeSpec, DataType, Database, Direction, FindOptions, Include,
    ModelOptions, ModelSpec, SyncOptions,
};

fn watched() -> (Database, Rc<RefCell<Analyzer>>) {
    let mut db = Database::open_in_memory().unwrap();
    let analyzer = Rc::new(RefCell::new(Analyzer::new(Settings::default())));
    db.subscribe(Analyzer::subscriber(&analyzer));
    db.subscribe_reports(Analyzer::report_subscriber(&analyzer));
    (db, analyzer)
}

fn define(db: &mut Database, name: &str, attribute: &str) {
    db.define(
        ModelSpec::new(name)
            .attribute(AttributeSpec::new(attribute, DataType::String(None)))
            .options(ModelOptions { timestamps: false, ..Default::default() }),
    )
    .unwrap();
}

fn alias(name: &str, fk: &str) -> AssociationOptions {
    AssociationOptions { alias: Some(name.into()), foreign_key: Some(fk.into()), ..Default::default() }
}

#[test]
fn lazy_loop_is_one_n_plus_one_with_the_include_as_fix() {
    let (mut db, analyzer) = watched();
    define(&mut db, "Product", "name");
    define(&mut db, "Category", "label");
    db.associate(AssociationKind::BelongsTo, "Product", "Category", alias("category", "categoryId")).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    for c in 1..=3 {
        db.create("Category", rec! { "label" => format!("c{c}") }).unwrap();
    }
    db.bulk_create("Product", (0..12).map(|i| rec! { "name" => format!("P{i}"), "categoryId" => i % 3 + 1 }).collect())
        .unwrap();
    let run = db.begin_run();
    let products = db.find_all("Product", &FindOptions::new().order_by("id", Direction::Asc)).unwrap();
    for product in &products {
        db.get_related(product, "category", &FindOptions::new()).unwrap();
    }
    let findings = analyzer.borrow().findings_for_run(run);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let n1 = &findings[0];
    assert_eq!(
        (n1.kind, n1.count, n1.model.as_deref(), n1.association.as_deref()),
        (FindingKind::NPlusOne, 12, Some("Product"), Some("category"))
    );
    assert_eq!(n1.query_ids.len(), 13, "the findAll and the 12 lazy loads");
    assert_eq!(n1.fix.as_deref(), Some("Product.findAll({ include: [{ model: Category, as: 'category' }] })"));

    let eager = db.begin_run();
    db.find_all("Product", &FindOptions::new().include(Include::alias("category"))).unwrap();
    let one = db.find_by_pk("Product", 1, &FindOptions::new()).unwrap().unwrap();
    db.get_related(&one, "category", &FindOptions::new()).unwrap();
    assert!(analyzer.borrow().findings_for_run(eager).is_empty(), "eager loading and a single lazy load are fine");
}

#[test]
fn sibling_has_many_includes_are_a_cartesian_blow_up() {
    let (mut db, analyzer) = watched();
    define(&mut db, "User", "name");
    define(&mut db, "Post", "title");
    define(&mut db, "Like", "kind");
    db.associate(AssociationKind::HasMany, "User", "Post", alias("posts", "userId")).unwrap();
    db.associate(AssociationKind::HasMany, "User", "Like", alias("likes", "userId")).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    db.bulk_create("User", (0..5).map(|i| rec! { "name" => format!("u{i}") }).collect()).unwrap();
    db.bulk_create("Post", (0..50).map(|i| rec! { "title" => format!("p{i}"), "userId" => i % 5 + 1 }).collect())
        .unwrap();
    db.bulk_create("Like", (0..50).map(|i| rec! { "kind" => "up", "userId" => i % 5 + 1 }).collect()).unwrap();
    let run = db.begin_run();
    let both = FindOptions::new().include(Include::alias("posts")).include(Include::alias("likes"));
    let users = db.find_all("User", &both).unwrap();
    assert_eq!(users.len(), 5);
    let findings = analyzer.borrow().findings_for_run(run);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let blow_up = &findings[0];
    assert_eq!((blow_up.kind, blow_up.count), (FindingKind::Cartesian, 500), "5 users × 10 posts × 10 likes rows");
    let fix = blow_up.fix.as_deref().unwrap();
    assert!(fix.contains("separate: true"), "{fix}");

    let separate = db.begin_run();
    let fixed = FindOptions::new()
        .include(Include { alias: Some("posts".into()), separate: true, ..Include::default() })
        .include(Include { alias: Some("likes".into()), separate: true, ..Include::default() });
    db.find_all("User", &fixed).unwrap();
    assert!(analyzer.borrow().findings_for_run(separate).is_empty());
}
