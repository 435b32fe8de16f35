//! Model definitions.

use serde_json::{json, Value as Json};

use crate::db::Database;
use crate::model::{
    AttributeSpec, DefaultValue, IndexSpec, ModelOptions, ModelSpec, References, ReferentialAction, TimestampName,
    Unique,
};
use crate::options::model_spec_from_json;
use crate::types::DataType;
use crate::validate::{Check, Validator};
use crate::value::Value;

fn define(attributes: Json, options: Json) -> ModelSpec {
    model_spec_from_json(&Database::open_in_memory().unwrap(), "Book", &attributes, &options).unwrap()
}

fn fail(attributes: Json, options: Json) -> String {
    model_spec_from_json(&Database::open_in_memory().unwrap(), "Book", &attributes, &options)
        .unwrap_err()
        .into_data()
        .message
}

#[test]
fn attributes_short_and_long() {
    let spec = define(
        json!({
            "title": "STRING",
            "isbn": {"type": "STRING(13)", "allowNull": false, "unique": true, "field": "isbn_code", "comment": "ISBN-13"},
            "price": {"type": "DECIMAL(10,2)", "defaultValue": 0, "validate": {"min": {"args": [0], "msg": "no"}}},
            "status": {"type": "ENUM", "values": ["draft", "out"], "defaultValue": "draft"},
            "uuid": {"type": "UUID", "primaryKey": true, "defaultValue": {"$default": "UUIDV4"}},
            "seenAt": {"type": "DATE", "defaultValue": {"$default": "NOW"}},
            "meta": {"type": "JSON", "defaultValue": {"tags": []}},
            "shelf": {"type": "INTEGER", "unique": "place"},
        }),
        Json::Null,
    );
    let mut isbn = AttributeSpec::new("isbn", DataType::String(Some(13))).not_null().unique();
    isbn.field = Some("isbn_code".into());
    let mut price =
        AttributeSpec::new("price", DataType::Decimal(Some((10, 2)))).default(DefaultValue::Value(Value::Int(0)));
    price.validators = vec![Validator { check: Check::Min(0.0), msg: Some("no".into()) }];
    let mut shelf = AttributeSpec::new("shelf", DataType::Integer);
    shelf.unique = Some(Unique::Composite("place".into()));
    let expected = ModelSpec::new("Book")
        .attribute(AttributeSpec::new("title", DataType::String(None)))
        .attribute(isbn)
        .attribute(price)
        .attribute(
            AttributeSpec::new("status", DataType::Enum(vec!["draft".into(), "out".into()]))
                .default(DefaultValue::Value(Value::from("draft"))),
        )
        .attribute(AttributeSpec::new("uuid", DataType::Uuid).primary_key().default(DefaultValue::UuidV4))
        .attribute(AttributeSpec::new("seenAt", DataType::Date).default(DefaultValue::Now))
        .attribute(
            AttributeSpec::new("meta", DataType::Json).default(DefaultValue::Value(Value::from(json!({"tags": []})))),
        )
        .attribute(shelf);
    assert_eq!(spec, expected);
}

#[test]
fn validators_with_regexes_and_not_null_messages() {
    let spec = define(
        json!({"code": {"type": "STRING", "allowNull": false, "validate": {
            "is": {"$regex": "^[a-z]+$", "flags": "i"},
            "not": {"args": {"$regex": "x"}, "msg": "no x"},
            "notNull": {"msg": "Code is required"},
        }}}),
        Json::Null,
    );
    let code = &spec.attributes[0];
    assert_eq!(code.validators.len(), 3);
    assert_eq!(format!("{:?}", code.validators[0].check), "Is(/^[a-z]+$/i)");
    assert_eq!(code.validators[1].msg.as_deref(), Some("no x"));
    assert_eq!(code.not_null_msg.as_deref(), Some("Code is required"));
    assert_eq!(
        fail(json!({"code": {"type": "STRING", "validate": {"isEven": {"$function": "isEven"}}}}), Json::Null),
        "Book.code.validate.isEven: custom validator functions are not supported yet"
    );
    assert_eq!(
        fail(json!({"code": {"type": "STRING", "validate": {"len": "x"}}}), Json::Null),
        "Book.code.validate: validator `len` expects `[min, max]` or `[min]` as whole numbers, e.g. `len: [2, 10]`; got \"x\""
    );
}

#[test]
fn options_timestamps_indexes_and_references() {
    let mut db = Database::open_in_memory().unwrap();
    db.define(
        ModelSpec::new("Author")
            .options(ModelOptions { table_name: Some("writers".into()), ..ModelOptions::default() }),
    )
    .unwrap();
    let spec = model_spec_from_json(
        &db,
        "Book",
        &json!({
            "authorId": {"type": "INTEGER", "references": {"model": {"$model": "Author"}}, "onDelete": "cascade"},
            "parentId": {"type": "INTEGER", "references": {"model": {"$model": "Book"}, "key": "id"}},
            "shelfId": {"type": "INTEGER", "references": {"model": "shelves", "key": "code"}, "onUpdate": "SET NULL"},
        }),
        &json!({
            "underscored": true, "paranoid": true, "createdAt": "addedAt", "updatedAt": false,
            "indexes": [{"fields": ["authorId", {"name": "parentId"}], "unique": true, "name": "by_author"}],
            "modelName": "Book", "sequelize": {}, "comment": "books",
        }),
    )
    .unwrap();
    let options = ModelOptions {
        underscored: true,
        paranoid: true,
        created_at: TimestampName::Named("addedAt".into()),
        updated_at: TimestampName::Off,
        indexes: vec![IndexSpec {
            name: Some("by_author".into()),
            fields: vec!["authorId".into(), "parentId".into()],
            unique: true,
        }],
        ..ModelOptions::default()
    };
    assert_eq!(spec.options, options);
    let references: Vec<Option<References>> = spec.attributes.iter().map(|a| a.references.clone()).collect();
    let reference = |table: &str, column: &str, on_delete, on_update| {
        Some(References { table: table.into(), column: column.into(), on_delete, on_update })
    };
    assert_eq!(
        references,
        [
            reference("writers", "id", Some(ReferentialAction::Cascade), None),
            reference("books", "id", None, None),
            reference("shelves", "code", None, Some(ReferentialAction::SetNull)),
        ]
    );
}

#[test]
fn mistakes_in_definitions() {
    assert_eq!(
        fail(json!({"title": {"type": "STRING", "allownull": false}}), Json::Null),
        "Unknown option \"allownull\" in Book.title (did you mean \"allowNull\"?); the options are: type, allowNull, unique, defaultValue, primaryKey, autoIncrement, field, validate, references, onDelete, onUpdate, comment, values"
    );
    assert_eq!(
        fail(json!({"title": {"allowNull": false}}), Json::Null),
        "Book.title: an attribute needs a type, e.g. { type: DataTypes.STRING }"
    );
    assert!(fail(json!({"title": "STRINGY"}), Json::Null)
        .starts_with("Book.title: Unknown data type \"STRINGY\". Use one of"));
    assert_eq!(
        fail(json!({"at": "NOW"}), Json::Null),
        "Book.at: DataTypes.NOW is a default value, not a type; write defaultValue: DataTypes.NOW"
    );
    assert_eq!(
        fail(json!({"title": {"type": "STRING", "allowNull": "no"}}), Json::Null),
        "Book.title.allowNull: expected true or false; got \"no\""
    );
    assert_eq!(
        fail(json!({"at": {"type": "DATE", "defaultValue": {"$fn": "NOW"}}}), Json::Null),
        "Book.at.defaultValue: a SQL expression as defaultValue is not supported; use a value, DataTypes.NOW or DataTypes.UUIDV4"
    );
    assert_eq!(
        fail(json!({"a": {"type": "INTEGER", "onDelete": "CASCADE"}}), Json::Null),
        "Book.a: onDelete and onUpdate need `references: { model, key }` on the attribute"
    );
    assert_eq!(
        fail(json!({"a": {"type": "INTEGER", "references": {"model": "x"}, "onDelete": "EXPLODE"}}), Json::Null),
        "Book.a.onDelete: Unknown referential action \"EXPLODE\"; use CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION"
    );
    assert_eq!(
        fail(json!({"a": {"type": "INTEGER", "references": {"model": {"$model": "Ghost"}}}}), Json::Null),
        "Model \"Ghost\" is not defined; define it first with sequelize.define"
    );
    assert_eq!(
        fail(json!({}), json!({"hooks": {}})),
        "Option \"hooks\" of the options of Book is not supported yet; hooks are functions: the JavaScript API runs them; from Rust, use Database::add_hook"
    );
    assert_eq!(
        fail(json!({}), json!({"scopes": {}})),
        "Option \"scopes\" of the options of Book is not supported yet; scopes are the JavaScript API's (it merges them into each call's options)"
    );
    assert_eq!(
        fail(json!({}), json!({"paranoid": "yes"})),
        "Book options.paranoid: expected true or false; got \"yes\""
    );
    assert_eq!(
        fail(json!({}), json!({"modelName": "Novel"})),
        "Book options.modelName: Novel differs from the model's name Book"
    );
    assert_eq!(
        fail(json!({}), json!({"createdAt": 5})),
        "Book options.createdAt: expected false or an attribute name; got 5"
    );
    assert_eq!(
        fail(json!({}), json!({"indexes": [{"fields": [{"name": "a", "order": "DESC"}]}]})),
        "Option \"order\" of Book options.indexes[0].fields[0] is not supported yet"
    );
    assert_eq!(
        fail(json!([]), Json::Null),
        "Book: expected an object of attributes such as { title: DataTypes.STRING }; got an empty array"
    );
}
