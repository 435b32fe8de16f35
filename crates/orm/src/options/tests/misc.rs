//! Association options, `sequelize.query` options and `sync` options.

use serde_json::{json, Value as Json};

use crate::association::{AssociationKind, AssociationOptions};
use crate::model::ReferentialAction;
use crate::options::{
    association_options_from_json, query_options_from_json, sync_options_from_json, QueryType, RawQueryOptions,
};
use crate::raw::{Params, Replacement, Replacements};
use crate::raw_query::QueryOptions;
use crate::sync::SyncOptions;
use crate::value::Value;

fn assoc(kind: AssociationKind, j: Json) -> Result<AssociationOptions, String> {
    association_options_from_json(kind, &j).map_err(|e| e.into_data().message)
}

#[test]
fn association_options() {
    let options = assoc(
        AssociationKind::HasMany,
        json!({"as": "lineItems", "foreignKey": {"name": "orderId", "allowNull": false}, "sourceKey": "id", "onDelete": "CASCADE", "constraints": true}),
    );
    let expected = AssociationOptions {
        alias: Some("lineItems".into()),
        foreign_key: Some("orderId".into()),
        foreign_key_allow_null: Some(false),
        source_key: Some("id".into()),
        on_delete: Some(ReferentialAction::Cascade),
        ..AssociationOptions::default()
    };
    assert_eq!(options, Ok(expected));
    let options = assoc(
        AssociationKind::BelongsToMany,
        json!({"through": {"model": {"$model": "Enrollment"}}, "as": "courses", "foreignKey": "studentId", "otherKey": "courseId", "constraints": false}),
    );
    let expected = AssociationOptions {
        alias: Some("courses".into()),
        foreign_key: Some("studentId".into()),
        other_key: Some("courseId".into()),
        through: Some("Enrollment".into()),
        no_constraints: true,
        ..AssociationOptions::default()
    };
    assert_eq!(options, Ok(expected));
    assert_eq!(
        assoc(AssociationKind::BelongsToMany, json!({"through": "tags"})).unwrap().through.as_deref(),
        Some("tags")
    );
    assert_eq!(
        assoc(AssociationKind::BelongsTo, json!({"foreignKey": {"allowNull": false}})).unwrap().foreign_key_allow_null,
        Some(false)
    );
    assert_eq!(assoc(AssociationKind::HasOne, Json::Null), Ok(AssociationOptions::default()));
}

#[test]
fn association_mistakes() {
    assert_eq!(
        assoc(AssociationKind::BelongsTo, json!({"sourceKey": "id"})),
        Err("Unknown option \"sourceKey\" in belongsTo; the options are: as, foreignKey, onDelete, onUpdate, constraints, targetKey".into())
    );
    assert_eq!(
        assoc(AssociationKind::BelongsToMany, json!({"through": "t", "sourceKey": "id"})),
        Err("Option \"sourceKey\" of belongsToMany is not supported yet; not for belongsToMany".into())
    );
    assert_eq!(
        assoc(AssociationKind::HasMany, json!({"scope": {}})),
        Err("Option \"scope\" of hasMany is not supported yet; association scopes are not supported yet".into())
    );
    assert_eq!(
        assoc(AssociationKind::HasMany, json!({"as": {"singular": "a", "plural": "as"}})),
        Err("hasMany.as: { singular, plural } aliases are not supported yet; give one name".into())
    );
    assert_eq!(
        assoc(AssociationKind::HasMany, json!({"onDelete": "boom"})),
        Err("hasMany.onDelete: Unknown referential action \"boom\"; use CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION".into())
    );
    assert_eq!(
        assoc(AssociationKind::BelongsToMany, json!({"through": 5})),
        Err("belongsToMany.through: expected a model, a table name or { model }; got 5".into())
    );
}

#[test]
fn query_options() {
    let options = query_options_from_json(&json!({
        "replacements": {"role": "user", "names": ["ann", "cy"], "at": {"$date": 0}},
        "type": "SELECT", "plain": false, "nest": true, "raw": true, "logging": false,
        "model": {"$model": "User"}, "mapToModel": true,
    }))
    .unwrap();
    let expected = RawQueryOptions {
        query: QueryOptions {
            replacements: Replacements::Named(vec![
                ("role".into(), Replacement::One(Value::from("user"))),
                ("names".into(), Replacement::List(vec![Value::from("ann"), Value::from("cy")])),
                ("at".into(), Replacement::One(Value::Date(0))),
            ]),
            bind: Params::None,
        },
        query_type: Some(QueryType::Select),
        raw: Some(true),
        plain: false,
        nest: true,
        model: Some("User".into()),
        map_to_model: true,
    };
    assert_eq!(options, expected);
    let positional = query_options_from_json(&json!({"replacements": ["admin", [1, 2]]})).unwrap();
    assert_eq!(
        positional.query.replacements,
        Replacements::Positional(vec![Replacement::One("admin".into()), Replacement::List(vec![1.into(), 2.into()])])
    );
    let bind = query_options_from_json(&json!({"bind": [1, "x"]})).unwrap();
    assert_eq!(bind.query.bind, Params::Positional(vec![Value::Int(1), Value::from("x")]));
    let bind = query_options_from_json(&json!({"bind": {"role": "user"}})).unwrap();
    assert_eq!(bind.query.bind, Params::Named(vec![("role".into(), Value::from("user"))]));
    let err = |j: Json| query_options_from_json(&j).unwrap_err().into_data().message;
    assert_eq!(
        err(json!({"bind": {"ids": [1, 2]}})),
        "bind.ids: expected a value (bind parameters are single values); got an array"
    );
    assert_eq!(err(json!({"replacements": {"a": [[1]]}})), "replacements.a[0]: expected a value; got an array");
    assert!(err(json!({"type": "select"})).starts_with("type: unknown query type \"select\"; use QueryTypes.SELECT"));
    assert_eq!(
        err(json!({"replacements": "x"})),
        "replacements: expected an array (for ?) or an object (for :name); got \"x\""
    );
}

#[test]
fn sync_options() {
    assert_eq!(
        sync_options_from_json(&json!({"force": true, "logging": false})).unwrap(),
        SyncOptions { force: true, ..Default::default() }
    );
    assert_eq!(sync_options_from_json(&Json::Null).unwrap(), SyncOptions::default());
    let alter = |drop| Some(orm_alter(drop));
    assert_eq!(sync_options_from_json(&json!({"alter": true})).unwrap().alter, alter(true));
    assert_eq!(sync_options_from_json(&json!({"alter": {"drop": false}})).unwrap().alter, alter(false));
    assert_eq!(sync_options_from_json(&json!({"alter": false})).unwrap().alter, None);
    assert!(sync_options_from_json(&json!({"alter": "yes"})).unwrap_err().message.contains("alter must be"));
    assert!(sync_options_from_json(&json!({"alter": {"dorp": false}}))
        .unwrap_err()
        .message
        .contains("did you mean \"drop\""));
}

fn orm_alter(drop: bool) -> crate::sync::Alter {
    crate::sync::Alter { drop }
}
