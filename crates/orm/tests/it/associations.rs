//! Associations and eager loading (parity scenarios 03 and 04): the statements that ran — how
//! many and which — and the nested instances built from them.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use orm::{
    AssociationKind, AssociationOptions, AttributeSpec, DataType, Database, Direction, ErrorKind, FindOptions, Include,
    IncludeOrder, Instance, ModelOptions, ModelSpec, Related, SyncOptions, Value,
};

use crate::{db_with_log, verbs};

fn shop() -> (Database, crate::Recorder) {
    let (mut db, log) = db_with_log();
    let no_timestamps = || ModelOptions { timestamps: false, ..ModelOptions::default() };
    db.define(
        ModelSpec::new("Product")
            .attribute(AttributeSpec::new("name", DataType::String(None)))
            .options(no_timestamps()),
    )
    .unwrap();
    db.define(
        ModelSpec::new("Category")
            .attribute(AttributeSpec::new("label", DataType::String(None)))
            .options(no_timestamps()),
    )
    .unwrap();
    let options = |alias: &str| AssociationOptions {
        alias: Some(alias.into()),
        foreign_key: Some("categoryId".into()),
        ..AssociationOptions::default()
    };
    db.associate(AssociationKind::BelongsTo, "Product", "Category", options("category")).unwrap();
    db.associate(AssociationKind::HasMany, "Category", "Product", options("products")).unwrap();
    db.sync(SyncOptions { force: true, ..Default::default() }).unwrap();
    let cats = db
        .bulk_create("Category", ["Books", "Games", "Tools"].iter().map(|l| rec! { "label" => *l }).collect())
        .unwrap();
    let rows = (0..12).map(|i| rec! { "name" => format!("P{i}"), "categoryId" => cats[i % 3].value("id") }).collect();
    db.bulk_create("Product", rows).unwrap();
    log.clear();
    (db, log)
}

fn one(instance: &Instance, alias: &str) -> Instance {
    match instance.related(alias) {
        Some(Related::One(Some(found))) => (**found).clone(),
        other => panic!("{alias} should be one instance, got {other:?}"),
    }
}

fn many(instance: &Instance, alias: &str) -> Vec<Instance> {
    match instance.related(alias) {
        Some(Related::Many(found)) => found.clone(),
        other => panic!("{alias} should be a list, got {other:?}"),
    }
}

#[test]
fn foreign_keys_references_and_accessors() {
    let (db, _) = shop();
    let product = db.model("Product").unwrap();
    assert_eq!(product.attributes.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["id", "name", "categoryId"]);
    let ddl = db.schema_sql().unwrap().join("\n");
    assert!(
        ddl.contains("`categoryId` INTEGER REFERENCES `Categories` (`id`) ON DELETE SET NULL ON UPDATE CASCADE"),
        "{ddl}"
    );
    let has_many = db.association("Category", "products").unwrap();
    assert_eq!(has_many.accessors()[..4], ["getProducts", "countProducts", "hasProduct", "hasProducts"]);
    assert_eq!(
        db.association("Product", "category").unwrap().accessors(),
        ["getCategory", "setCategory", "createCategory"]
    );
}

#[test]
fn sequelize_default_names() {
    let (mut db, _) = db_with_log();
    for name in ["User", "Post", "Tag"] {
        db.define(ModelSpec::new(name).attribute(AttributeSpec::new("name", DataType::String(None)))).unwrap();
    }
    let has_many =
        db.associate(AssociationKind::HasMany, "User", "Post", AssociationOptions::default()).unwrap().clone();
    assert_eq!((has_many.alias.as_str(), has_many.foreign_key.as_str()), ("Posts", "UserId"));
    let belongs =
        db.associate(AssociationKind::BelongsTo, "Post", "User", AssociationOptions::default()).unwrap().clone();
    assert_eq!((belongs.alias.as_str(), belongs.foreign_key.as_str()), ("User", "UserId"));
    let author = AssociationOptions { alias: Some("author".into()), ..Default::default() };
    assert_eq!(db.associate(AssociationKind::BelongsTo, "Post", "User", author).unwrap().foreign_key, "authorId");
    let through = AssociationOptions { through: Some("PostTags".into()), ..Default::default() };
    let tags = db.associate(AssociationKind::BelongsToMany, "Post", "Tag", through).unwrap().clone();
    assert_eq!((tags.alias.as_str(), tags.foreign_key.as_str()), ("Tags", "PostId"));
    db.sync(SyncOptions::default()).unwrap();
    let ddl = db.schema_sql().unwrap().join("\n");
    assert!(
        ddl.contains("CREATE TABLE `PostTags` (`createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL, `PostId` INTEGER NOT NULL REFERENCES `Posts` (`id`) ON DELETE CASCADE ON UPDATE CASCADE, `TagId` INTEGER NOT NULL REFERENCES `Tags` (`id`) ON DELETE CASCADE ON UPDATE CASCADE, PRIMARY KEY (`PostId`, `TagId`))"),
        "{ddl}"
    );
    let dup = db.associate(AssociationKind::HasMany, "User", "Post", AssociationOptions::default()).unwrap_err();
    assert_eq!(dup.kind, ErrorKind::Association);
    // Defined again (code run again on a kept database), User is a new class without associations.
    db.define(ModelSpec::new("User").attribute(AttributeSpec::new("name", DataType::String(None)))).unwrap();
    assert_eq!(db.associations_of("User").count(), 0);
    assert_eq!(db.associations_of("Post").count(), 3, "associations declared on other models stay");
    db.associate(AssociationKind::HasMany, "User", "Post", AssociationOptions::default()).unwrap();
}

#[test]
fn lazy_loading_in_a_loop_is_n_plus_one() {
    let (mut db, log) = shop();
    let products = db.find_all("Product", &FindOptions::new().order_by("id", Direction::Asc)).unwrap();
    let mut labels = Vec::new();
    for product in &products {
        let Related::One(Some(category)) = db.get_related(product, "category", &FindOptions::new()).unwrap() else {
            panic!("every product has a category")
        };
        labels.push(category.value("label").to_js_string());
    }
    assert_eq!(log.len(), 13, "1 + 12 queries: the N+1 of scenario 03");
    assert_eq!(labels.join(","), "Books,Games,Tools,Books,Games,Tools,Books,Games,Tools,Books,Games,Tools");
    let events = log.events();
    let lazy = events[1].lazy.as_ref().expect("marked as lazy");
    assert_eq!(
        (lazy.association.as_str(), lazy.source_model.as_str(), lazy.source_key.as_str()),
        ("category", "Product", "1")
    );
    assert_eq!((lazy.source_query, lazy.source_rows), (Some(events[0].id), Some(12)));
    assert_eq!(events[1].sql, "SELECT `id`, `label` FROM `Categories` AS `Category` WHERE `Category`.`id` = ?;");

    log.clear();
    let categories = db.find_all("Category", &FindOptions::new().order_by("id", Direction::Asc)).unwrap();
    let mut total = 0;
    for category in &categories {
        total += db.count_related(category, "products", &FindOptions::new()).unwrap();
    }
    assert_eq!((log.len(), total), (4, 12), "count loop: 1 + 3 queries");
}

#[test]
fn eager_loading_with_one_join() {
    let (mut db, log) = shop();
    let options = FindOptions::new().include(Include::alias("category")).order_by("id", Direction::Asc);
    let products = db.find_all("Product", &options).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        log.sql()[0],
        "SELECT `Product`.`id`, `Product`.`name`, `Product`.`categoryId`, `category`.`id` AS `category.id`, `category`.`label` AS `category.label` FROM `Products` AS `Product` LEFT OUTER JOIN `Categories` AS `category` ON `Product`.`categoryId` = `category`.`id` ORDER BY `Product`.`id` ASC;"
    );
    let labels: Vec<String> = products.iter().map(|p| one(p, "category").value("label").to_js_string()).collect();
    assert_eq!(labels.join(","), "Books,Games,Tools,Books,Games,Tools,Books,Games,Tools,Books,Games,Tools");

    log.clear();
    let by_model = Include { model: Some("Product".into()), alias: Some("products".into()), ..Include::default() };
    let mut options = FindOptions::new().include(by_model).order_by("id", Direction::Asc);
    options.include_order.push(IncludeOrder {
        path: vec!["products".into()],
        attribute: "id".into(),
        direction: Direction::Desc,
    });
    let categories = db.find_all("Category", &options).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log.events()[0].rows, 12, "12 joined rows …");
    assert_eq!(categories.len(), 3, "… fold into 3 categories");
    let names: Vec<String> = many(&categories[0], "products").iter().map(|p| p.value("name").to_js_string()).collect();
    assert_eq!(names, ["P9", "P6", "P3", "P0"]);
}

#[test]
fn eager_loading_with_separate_queries() {
    let (mut db, log) = shop();
    let include = Include {
        alias: Some("products".into()),
        separate: true,
        order: vec![(orm::SelectExpr::Attr("id".into()), Direction::Desc)],
        ..Include::default()
    };
    let categories =
        db.find_all("Category", &FindOptions::new().include(include).order_by("id", Direction::Asc)).unwrap();
    assert_eq!(verbs(&log), ["SELECT", "SELECT"], "separate: 2 queries");
    assert_eq!(
        log.sql()[1],
        "SELECT `id`, `name`, `categoryId` FROM `Products` AS `Product` WHERE `Product`.`categoryId` IN (?, ?, ?) ORDER BY `Product`.`id` DESC;"
    );
    let summary: Vec<(String, Vec<String>)> = categories
        .iter()
        .map(|c| {
            (
                c.value("label").to_js_string(),
                many(c, "products").iter().map(|p| p.value("name").to_js_string()).collect(),
            )
        })
        .collect();
    assert_eq!(summary[2], ("Tools".to_owned(), vec!["P11".into(), "P8".into(), "P5".into(), "P2".into()]));
}

#[test]
fn required_includes_and_where_inside() {
    let (mut db, log) = shop();
    db.create("Category", rec! { "label" => "Empty" }).unwrap();
    log.clear();
    let all = db.find_all("Category", &FindOptions::new().include(Include::alias("products"))).unwrap();
    assert_eq!(all.len(), 4, "LEFT OUTER JOIN keeps the empty category");
    assert!(many(&all[3], "products").is_empty());
    let filtered =
        Include { alias: Some("products".into()), filter: Some(orm::Where::eq("name", "P4")), ..Include::default() };
    let found = db.find_all("Category", &FindOptions::new().include(filtered)).unwrap();
    assert!(log.sql()[1].contains("INNER JOIN `Products` AS `products` ON `Category`.`id` = `products`.`categoryId` AND `products`.`name` = ?"), "{}", log.sql()[1]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].value("label"), Value::from("Games"));
    let err = db
        .find_all(
            "Product",
            &FindOptions::new().include(Include { model: Some("Product".into()), ..Include::default() }),
        )
        .unwrap_err();
    assert_eq!((err.kind, err.message.as_str()), (ErrorKind::EagerLoading, "Product is not associated to Product!"));
}

#[test]
fn nested_includes_fold_without_duplicates() {
    let (mut db, log) = db_with_log();
    let no_timestamps = || ModelOptions { timestamps: false, ..ModelOptions::default() };
    db.define(
        ModelSpec::new("Order").attribute(AttributeSpec::new("total", DataType::Integer)).options(no_timestamps()),
    )
    .unwrap();
    db.define(
        ModelSpec::new("OrderItem")
            .attribute(AttributeSpec::new("quantity", DataType::Integer))
            .options(no_timestamps()),
    )
    .unwrap();
    db.define(
        ModelSpec::new("Product")
            .attribute(AttributeSpec::new("name", DataType::String(None)))
            .attribute(AttributeSpec::new("priceInCents", DataType::Integer))
            .options(no_timestamps()),
    )
    .unwrap();
    let fk = |alias: &str, key: &str| AssociationOptions {
        alias: Some(alias.into()),
        foreign_key: Some(key.into()),
        ..AssociationOptions::default()
    };
    db.associate(AssociationKind::HasMany, "Order", "OrderItem", fk("lineItems", "orderId")).unwrap();
    db.associate(AssociationKind::BelongsTo, "OrderItem", "Product", fk("product", "productId")).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    db.create("Product", rec! { "name" => "Laptop", "priceInCents" => 149_999 }).unwrap();
    db.create("Product", rec! { "name" => "Mouse", "priceInCents" => 2599 }).unwrap();
    db.create("Order", rec! { "total" => 157_796 }).unwrap();
    db.bulk_create(
        "OrderItem",
        vec![
            rec! { "quantity" => 1, "orderId" => 1, "productId" => 1 },
            rec! { "quantity" => 3, "orderId" => 1, "productId" => 2 },
        ],
    )
    .unwrap();
    log.clear();
    let product = Include {
        alias: Some("product".into()),
        attributes: Some(orm::Attributes::Only(vec![
            (orm::SelectExpr::Attr("name".into()), None),
            (orm::SelectExpr::Attr("priceInCents".into()), None),
        ])),
        ..Include::default()
    };
    let items = Include { alias: Some("lineItems".into()), include: vec![product], ..Include::default() };
    let mut options = FindOptions::new().include(items);
    options.include_order.push(IncludeOrder {
        path: vec!["lineItems".into()],
        attribute: "id".into(),
        direction: Direction::Asc,
    });
    let order = db.find_by_pk("Order", 1, &options).unwrap().unwrap();
    assert_eq!(log.len(), 1);
    assert!(log.sql()[0].contains("`lineItems->product`.`name` AS `lineItems->product.name`"), "{}", log.sql()[0]);
    let lines: Vec<(Value, Value, Value)> = many(&order, "lineItems")
        .iter()
        .map(|li| {
            let p = one(li, "product");
            (li.value("quantity"), p.value("name"), p.value("priceInCents"))
        })
        .collect();
    assert_eq!(
        lines,
        [
            (Value::Int(1), Value::from("Laptop"), Value::Int(149_999)),
            (Value::Int(3), Value::from("Mouse"), Value::Int(2599))
        ]
    );
}

#[test]
fn find_and_count_all_with_includes_counts_roots_when_distinct() {
    let (mut db, log) = shop();
    let mut options = FindOptions::new().include(Include::alias("products")).order_by("id", Direction::Asc);
    let (count, rows) = db.find_and_count_all("Category", &options).unwrap();
    assert_eq!((count, rows.len()), (12, 3), "without distinct every joined row counts, as in Sequelize");
    options.distinct = true;
    let (count, _) = db.find_and_count_all("Category", &options).unwrap();
    assert_eq!(count, 3);
    assert!(log.sql().iter().any(|s| s.starts_with("SELECT count(DISTINCT `Category`.`id`) AS `count` FROM `Categories` AS `Category` LEFT OUTER JOIN `Products` AS `products`")), "{:#?}", log.sql());
    let only_p4 =
        Include { alias: Some("products".into()), filter: Some(orm::Where::eq("name", "P4")), ..Include::default() };
    let mut filtered = FindOptions::new().include(only_p4);
    filtered.distinct = true;
    assert_eq!(db.count("Category", &filtered).unwrap(), 1, "a where inside the include makes it required");
}
