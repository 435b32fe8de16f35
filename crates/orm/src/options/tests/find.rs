//! Finder options, includes and order; and finds parsed from JSON run on a real database.

use serde_json::{json, Value as Json};

use crate::association::{AssociationKind, AssociationOptions};
use crate::db::Database;
use crate::include::{Include, IncludeOrder, ThroughOptions};
use crate::instance::Related;
use crate::log::Recorder;
use crate::options::{count_options_from_json, find_options_from_json, find_options_in, model_spec_from_json};
use crate::query::filter::{Op, Where};
use crate::query::find::{Attributes, FindOptions, SelectExpr};
use crate::sql::Direction;
use crate::sync::SyncOptions;
use crate::value::Value;

fn find(j: Json) -> FindOptions {
    find_options_from_json("findAll", &j).unwrap()
}

fn fail(j: Json) -> String {
    find_options_from_json("findAll", &j).unwrap_err().into_data().message
}

fn attr(name: &str) -> SelectExpr {
    SelectExpr::Attr(name.into())
}

fn count_id() -> SelectExpr {
    SelectExpr::Fn { name: "COUNT".into(), args: vec![attr("id")] }
}

#[test]
fn null_is_the_defaults() {
    assert_eq!(find(Json::Null), FindOptions::default());
    assert_eq!(
        find(json!({"where": {}, "transaction": null, "logging": false, "plain": true})),
        FindOptions::default()
    );
}

#[test]
fn the_finder_options() {
    let options = find(json!({
        "where": {"price": {"$op:lt": 30}},
        "attributes": ["kind", [{"$fn": "COUNT", "args": [{"$col": "id"}]}, "n"], ["title", "name"]],
        "group": "kind",
        "order": [["price", "desc"], "id", [{"$fn": "COUNT", "args": [{"$col": "id"}]}, "DESC"]],
        "limit": 10, "offset": 5.0, "raw": true, "paranoid": false, "rejectOnEmpty": true,
    }));
    let expected = FindOptions {
        filter: Some(Where::attr("price", Op::Lt, 30)),
        attributes: Attributes::Only(vec![
            (attr("kind"), None),
            (count_id(), Some("n".into())),
            (attr("title"), Some("name".into())),
        ]),
        group: vec![attr("kind")],
        order: vec![(attr("price"), Direction::Desc), (attr("id"), Direction::Asc), (count_id(), Direction::Desc)],
        limit: Some(10),
        offset: Some(5),
        raw: true,
        paranoid: false,
        reject_on_empty: true,
        ..FindOptions::default()
    };
    assert_eq!(options, expected);
}

#[test]
fn attributes_forms_and_expressions() {
    assert_eq!(find(json!({"attributes": {"exclude": ["qty"]}})).attributes, Attributes::Exclude(vec!["qty".into()]));
    assert_eq!(
        find(json!({"attributes": {"include": [[{"$literal": "(SELECT 1)"}, "one"]]}})).attributes,
        Attributes::Extra(vec![(SelectExpr::Literal("(SELECT 1)".into()), Some("one".into()))])
    );
    let distinct = find(
        json!({"attributes": [[{"$fn": "COUNT", "args": [{"$fn": "distinct", "args": [{"$col": "kind"}]}]}, "kinds"]]}),
    );
    assert_eq!(
        distinct.attributes,
        Attributes::Only(vec![(
            SelectExpr::Fn { name: "COUNT".into(), args: vec![SelectExpr::Distinct(Box::new(attr("kind")))] },
            Some("kinds".into())
        )])
    );
    let lower = find(json!({"attributes": [[{"$fn": "lower", "args": ["ABC", 1, {"$col": "*"}]}, "x"]]}));
    assert_eq!(
        lower.attributes,
        Attributes::Only(vec![(
            SelectExpr::Fn {
                name: "lower".into(),
                args: vec![SelectExpr::Value(Value::from("ABC")), SelectExpr::Value(Value::Int(1)), SelectExpr::Star]
            },
            Some("x".into())
        )])
    );
    assert_eq!(
        find(json!({"order": {"$literal": "total"}})).order,
        vec![(SelectExpr::Literal("total".into()), Direction::Asc)]
    );
}

#[test]
fn includes_and_their_order() {
    let options = find(json!({
        "include": [
            {"model": {"$model": "OrderItem"}, "as": "lineItems", "required": false, "separate": true,
             "order": [["id", "DESC"]], "attributes": ["id"],
             "include": [{"model": {"$model": "Product"}, "as": "product", "where": {"price": 5}}]},
            {"$model": "User"},
            "tags",
            {"association": "owner", "where": {}},
        ],
        "order": [
            ["id", "ASC"],
            [{"model": {"$model": "OrderItem"}, "as": "lineItems"}, "id", "ASC"],
            [{"$model": "OrderItem"}, {"$model": "Product"}, "name", "desc"],
            [{"$model": "User"}, "name"],
            ["tags", "label", "DESC"],
        ],
    }));
    let product = Include {
        model: Some("Product".into()),
        alias: Some("product".into()),
        filter: Some(Where::eq("price", 5)),
        ..Include::default()
    };
    let line_items = Include {
        model: Some("OrderItem".into()),
        alias: Some("lineItems".into()),
        required: Some(false),
        separate: true,
        order: vec![(attr("id"), Direction::Desc)],
        attributes: Some(Attributes::Only(vec![(attr("id"), None)])),
        include: vec![product],
        ..Include::default()
    };
    let user = Include { model: Some("User".into()), ..Include::default() };
    let owner = Include { alias: Some("owner".into()), required: Some(true), ..Include::default() };
    assert_eq!(options.include, vec![line_items, user, Include::alias("tags"), owner]);
    assert_eq!(options.order, vec![(attr("id"), Direction::Asc)]);
    let term = |path: &[&str], attribute: &str, direction| IncludeOrder {
        path: path.iter().map(|s| (*s).to_owned()).collect(),
        attribute: attribute.into(),
        direction,
    };
    assert_eq!(
        options.include_order,
        vec![
            term(&["lineItems"], "id", Direction::Asc),
            term(&["lineItems", "product"], "name", Direction::Desc),
            term(&["User"], "name", Direction::Asc),
            term(&["tags"], "label", Direction::Desc),
        ]
    );
}

#[test]
fn mistakes_in_find_options() {
    assert_eq!(
        fail(json!({"wher": {}})),
        "Unknown option \"wher\" in findAll (did you mean \"where\"?); the options are: where, attributes, include, order, group, having, limit, offset, raw, paranoid, rejectOnEmpty, subQuery, transaction, logging, benchmark, plain, nest"
    );
    assert_eq!(fail(json!({"subQuery": 0})), "subQuery: expected true or false; got 0");
    assert!(
        fail(json!({"distinct": true})).starts_with("findAll has no option \"distinct\" (Sequelize ignores it there)")
    );
    assert_eq!(fail(json!({"limit": "2"})), "limit: expected a whole number of 0 or more; got \"2\"");
    assert_eq!(fail(json!({"offset": -1})), "offset: expected a whole number of 0 or more; got -1");
    assert_eq!(fail(json!({"raw": 1})), "raw: expected true or false; got 1");
    assert_eq!(fail(json!([])), "findAll: expected an options object such as { where: { id: 1 } }; got an empty array");
    assert_eq!(
        fail(json!({"order": "id"})),
        "order: Order must be type of array or instance of a valid sequelize method; got \"id\" (write order: [['id', 'ASC']])"
    );
    assert_eq!(
        fail(json!({"order": ["id", "DESC"]})),
        "order[1]: \"DESC\" is read as a second order term (a column named \"DESC\"), not as the direction of \"id\"; write order: [[\"id\", \"DESC\"]]"
    );
    assert_eq!(
        fail(json!({"order": [["id", "down"]]})),
        "order[0][1]: \"down\" is not a sort direction; use 'ASC' or 'DESC' (or, to order by an included model, name an include of this query)"
    );
    assert_eq!(
        find(json!({"order": [["id", "DESC NULLS FIRST"], ["age", "nulls last"]]})).order,
        vec![
            (attr("id"), Direction::Nulls { descending: Some(true), first: true }),
            (attr("age"), Direction::Nulls { descending: None, first: false })
        ]
    );
    assert_eq!(
        fail(json!({"include": ["posts"], "order": [["posts", "id", "ASC"], ["id", "ASC"]]})),
        "order[1]: ordering by the main model after an included model is not supported yet; put the included models' terms last"
    );
    assert_eq!(
        fail(json!({"attributes": [{"$literal": "  "}]})),
        "attributes[0]: sequelize.literal('') is empty: write the SQL it stands for"
    );
    // A dotted column is a path inside a JSON attribute (the compiler checks the type).
    assert_eq!(
        find(json!({"attributes": [{"$col": "meta.theme"}]})).attributes,
        Attributes::Only(vec![(SelectExpr::JsonPath { attribute: "meta".into(), path: vec!["theme".into()] }, None)])
    );
    assert_eq!(
        fail(json!({"attributes": {"include": ["a"], "exclude": ["b"]}})),
        "attributes: include and exclude together are not supported yet; list the attributes instead"
    );
    assert_eq!(fail(json!({"attributes": [["a"]]})), "attributes[0]: expected [expression, alias] such as [sequelize.fn('COUNT', sequelize.col('id')), 'n']; got an array");
    assert_eq!(
        fail(json!({"rejectOnEmpty": {}})),
        "rejectOnEmpty: expected true or false (a custom error object is not supported yet); got an empty object"
    );
}

#[test]
fn through_options_of_a_belongs_to_many_include() {
    let options = find(json!({"include": [
        {"model": {"$model": "Course"}, "as": "courses", "through": {"attributes": ["grade"], "where": {"grade": "A"}}},
        {"association": "students", "through": {"attributes": []}},
    ]}));
    let through = |attributes: Vec<&str>, filter| {
        Some(ThroughOptions { attributes: Some(attributes.into_iter().map(str::to_owned).collect()), filter })
    };
    assert_eq!(options.include[0].through, through(vec!["grade"], Some(Where::eq("grade", "A"))));
    assert_eq!(options.include[1].through, through(vec![], None));
}

#[test]
fn mistakes_in_includes() {
    assert_eq!(
        fail(json!({"include": [{"model": "Post"}]})),
        "include[0].model: expected a model such as { model: Post } (to name an association, write { association: 'posts' }); got \"Post\""
    );
    assert_eq!(
        fail(json!({"include": [{"required": true}]})),
        "include[0]: an include needs a model or an association, e.g. { model: Post, as: 'posts' }"
    );
    assert_eq!(
        fail(json!({"include": [{"$model": "Post", "as": "x"}]})),
        "include[0]: malformed {\"$model\": …} value from the JavaScript shell: {\"$model\":\"Post\",\"as\":\"x\"}"
    );
    assert_eq!(
        fail(json!({"include": {"all": true}})),
        "Option \"all\" of include is not supported yet; list the includes"
    );
    assert_eq!(
        fail(json!({"include": [{"association": "posts", "order": [["id", "DESC"]]}]})),
        "include[0].order: an include's own order needs separate: true (Sequelize ignores it otherwise); order a joined include in the top-level order: [[{ model, as }, 'attribute', 'ASC']]"
    );
    assert_eq!(
        fail(json!({"include": [{"association": "a", "paranoid": false}]})),
        "Option \"paranoid\" of include[0] is not supported yet"
    );
    assert_eq!(
        fail(json!({"include": [{"model": {"$model": "Course"}, "through": {"attributes": "grade"}}]})),
        "include[0].through.attributes: expected an array of attribute names; got \"grade\""
    );
    assert_eq!(
        fail(json!({"include": [{"model": {"$model": "Course"}, "through": {"paranoid": false}}]})),
        "Option \"paranoid\" of include[0].through is not supported yet"
    );
    assert_eq!(
        fail(json!({"include": [{"association": "posts", "where": {"$lt": 1}}]})),
        "include[0].where.$lt: attribute names cannot start with $; for the operator write [Op.lt] (a plain \"$lt\" key is an attribute name in Sequelize v6)"
    );
}

#[test]
fn count_options_keep_distinct_and_col() {
    let options =
        count_options_from_json("count", &json!({"where": {"kind": "toy"}, "distinct": true, "col": "sku"})).unwrap();
    assert_eq!(options.find.filter, Some(Where::eq("kind", "toy")));
    assert!(options.find.distinct);
    assert_eq!(options.col.as_deref(), Some("sku"));
    let err = count_options_from_json("count", &json!({"order": [["id", "ASC"]]})).unwrap_err();
    assert_eq!(err.message, "Unknown option \"order\" in count; the options are: where, include, distinct, col, paranoid, transaction, logging, benchmark, plain, nest");
    let paged = find_options_from_json("findAndCountAll", &json!({"distinct": true, "limit": 2})).unwrap();
    assert!(paged.distinct);
    assert_eq!(
        find_options_from_json("findAndCountAll", &json!({"col": "id"})).unwrap_err().message,
        "Option \"col\" of findAndCountAll belongs to count and findAndCountAll; parse those with count_options_from_json"
    );
    let err = find_options_from_json("max", &json!({"limit": 1})).unwrap_err();
    assert!(
        err.message.starts_with("Unknown option \"limit\" in max; the options are: where, paranoid,"),
        "{}",
        err.message
    );
}

/// Categories and products (`Category.hasMany(Product)` and back),
/// defined, associated and seeded through the JSON parsers.
fn shop() -> (Database, Recorder) {
    let mut db = Database::open_in_memory().unwrap();
    let category =
        model_spec_from_json(&db, "Category", &json!({"name": "STRING"}), &json!({"timestamps": false})).unwrap();
    db.define(category).unwrap();
    let attributes = json!({"name": {"type": "STRING(200)", "allowNull": false}, "price": "DECIMAL(10,2)"});
    let product = model_spec_from_json(&db, "Product", &attributes, &json!({"timestamps": false})).unwrap();
    db.define(product).unwrap();
    db.associate(AssociationKind::HasMany, "Category", "Product", AssociationOptions::default()).unwrap();
    db.associate(AssociationKind::BelongsTo, "Product", "Category", AssociationOptions::default()).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    for name in ["Books", "Games"] {
        db.create("Category", crate::options::record_from_json(&json!({ "name": name })).unwrap()).unwrap();
    }
    let rows = json!([
        {"name": "Dune", "price": 9.5, "CategoryId": 1},
        {"name": "Emma", "price": 4, "CategoryId": 1},
        {"name": "Chess", "price": 30, "CategoryId": 2},
        {"name": "Go", "price": 25.25, "CategoryId": 2},
    ]);
    db.bulk_create("Product", crate::options::records_from_json(&rows).unwrap()).unwrap();
    let recorder = Recorder::new();
    db.subscribe(recorder.subscriber());
    (db, recorder)
}

#[test]
fn a_parsed_find_runs_on_a_real_database() {
    let (mut db, recorder) = shop();
    let json = json!({
        "where": {"$op:or": [{"price": {"$op:lt": 5}}, {"name": {"$op:startsWith": "G"}}]},
        "attributes": ["id", "name"],
        "order": [["price", "DESC"]],
        "limit": 5,
    });
    let options = find_options_in(&db, "Product", "findAll", &json).unwrap();
    let found = db.find_all("Product", &options).unwrap();
    let names: Vec<Value> = found.iter().map(|p| p.value("name")).collect();
    assert_eq!(names, [Value::from("Go"), Value::from("Emma")]);
    assert_eq!(
        recorder.sql(),
        ["SELECT `id`, `name` FROM `Products` AS `Product` WHERE `Product`.`price` < ? OR `Product`.`name` LIKE ? ORDER BY `Product`.`price` DESC LIMIT ?;"]
    );
}

#[test]
fn includes_named_by_model_are_resolved_against_the_database() {
    let (mut db, _) = shop();
    let json = json!({
        "include": [{"model": {"$model": "Product"}, "where": {"price": {"$op:gte": 9}}}],
        "order": [["id", "ASC"], [{"$model": "Product"}, "price", "DESC"]],
    });
    let options = find_options_in(&db, "Category", "findAll", &json).unwrap();
    assert_eq!(options.include[0].alias.as_deref(), Some("Products"));
    assert_eq!(options.include_order[0].path, ["Products"]);
    let found = db.find_all("Category", &options).unwrap();
    let summary: Vec<(Value, Vec<Value>)> = found
        .iter()
        .map(|c| {
            let Some(Related::Many(products)) = c.related("Products") else { panic!("products not loaded") };
            (c.value("name"), products.iter().map(|p| p.value("name")).collect())
        })
        .collect();
    assert_eq!(
        summary,
        [
            (Value::from("Books"), vec![Value::from("Dune")]),
            (Value::from("Games"), vec![Value::from("Chess"), Value::from("Go")])
        ]
    );
    let err = find_options_in(&db, "Product", "findAll", &json!({"include": [{"$model": "Product"}]})).unwrap_err();
    assert_eq!(err.message, "Product is not associated to Product!");
}
