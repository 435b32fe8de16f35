//! `sequelize.define(name, attributes, options)` (and `Model.init`) into a [`ModelSpec`].
//!
//! An attribute is a type (`title: "STRING"`) or an object (`{ type, allowNull, unique,
//! defaultValue, primaryKey, autoIncrement, field, validate, references, onDelete, onUpdate,
//! comment, values }`). `comment` is accepted and has no effect, as in Sequelize on SQLite
//! (SQLite has no column comments). A reference to a model (`references: { model: User }`)
//! needs the [`Database`] to know that model's table; a reference to the model being defined
//! uses the table this definition gives it.

use serde_json::Value as Json;

use super::values::{boolean, check_keys, child, expected, item, marker, object, string, usage, value_at, Marker, Obj};
use crate::collect::try_map;
use crate::db::Database;
use crate::error::{Error, Result};
use crate::inflection;
use crate::model::{
    AttributeSpec, DefaultValue, IndexSpec, ModelOptions, ModelSpec, References, ReferentialAction, TimestampName,
    Unique,
};
use crate::types::DataType;
use crate::validate;

const ATTRIBUTE: [&str; 13] = [
    "type",
    "allowNull",
    "unique",
    "defaultValue",
    "primaryKey",
    "autoIncrement",
    "field",
    "validate",
    "references",
    "onDelete",
    "onUpdate",
    "comment",
    "values",
];

const ATTRIBUTE_UNSUPPORTED: [(&str, &str); 3] = [
    ("get", "custom getters are not supported yet"),
    ("set", "custom setters are not supported yet"),
    ("autoIncrementIdentity", ""),
];

const OPTIONS: [&str; 12] = [
    "tableName",
    "freezeTableName",
    "timestamps",
    "createdAt",
    "updatedAt",
    "deletedAt",
    "paranoid",
    "underscored",
    "indexes",
    "modelName",
    "sequelize",
    "comment",
];

const OPTIONS_UNSUPPORTED: [(&str, &str); 15] = [
    ("name", "custom singular and plural names are not supported yet"),
    // Functions, which the JavaScript API keeps in its shell; Rust callers use Database::add_hook.
    ("hooks", "hooks are functions: the JavaScript API runs them; from Rust, use Database::add_hook"),
    ("defaultScope", "scopes are the JavaScript API's (it merges them into each call's options)"),
    ("scopes", "scopes are the JavaScript API's (it merges them into each call's options)"),
    ("validate", "model-wide validators are functions: the JavaScript API runs them"),
    ("getterMethods", "getters are functions: the JavaScript API runs them"),
    ("setterMethods", "setters are functions: the JavaScript API runs them"),
    ("version", "optimistic locking is not supported yet"),
    ("omitNull", ""),
    ("schema", "SQLite has no schemas"),
    ("schemaDelimiter", "SQLite has no schemas"),
    ("initialAutoIncrement", ""),
    ("engine", "a MySQL option"),
    ("charset", "a MySQL option"),
    ("collate", "a MySQL option"),
];

/// Parses a model definition: `name`, the attributes object and the options object (`null` for
/// none). `db` gives the tables of models named in `references`.
pub fn model_spec_from_json(db: &Database, name: &str, attributes: &Json, options: &Json) -> Result<ModelSpec> {
    let options = model_options(name, options)?;
    let own_table = match &options.table_name {
        Some(table) => table.clone(),
        None if options.freeze_table_name => name.to_owned(),
        None => inflection::default_table_name(name, options.underscored),
    };
    let table_of = |model: &str| -> Result<String> {
        if model == name {
            return Ok(own_table.clone());
        }
        Ok(db.model(model)?.table.clone())
    };
    let obj = object(name, attributes, "an object of attributes such as { title: DataTypes.STRING }")?;
    let mut spec = ModelSpec::new(name).options(options);
    for (key, json) in obj {
        refuse_reserved(name, key)?;
        if is_virtual(json) {
            spec.virtuals.push(key.clone());
            continue;
        }
        spec.attributes.push(attribute(&child(name, key), key, json, &table_of)?);
    }
    Ok(spec)
}

/// Names no attribute can have: every JavaScript object has them already (`Object.prototype`'s),
/// or the instance keeps its values there (`dataValues`). As attributes they would replace what
/// the instance and JavaScript itself rely on (`constructor` loops for ever, `__proto__` is lost).
const RESERVED_NAMES: [&str; 13] = [
    "__proto__",
    "constructor",
    "dataValues",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "toString",
    "valueOf",
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
    "__lookupSetter__",
];

fn refuse_reserved(model: &str, key: &str) -> Result<()> {
    if !RESERVED_NAMES.contains(&key) {
        return Ok(());
    }
    Err(Error::usage(format!(
        "{model}: `{key}` cannot be an attribute name: every JavaScript object (and so every instance) has a `{key}` \
         already. Give the attribute another name; its column can keep this one: \
         `{{ other: {{ type: DataTypes.STRING, field: '{key}' }} }}`"
    )))
}

/// `DataTypes.VIRTUAL` (alone or as `{ type }`): an attribute with no column. Its getter and
/// setter are the shell's; what else it declares (validators, `allowNull`) is not checked.
fn is_virtual(json: &Json) -> bool {
    let ty = match json {
        Json::String(ty) => Some(ty.as_str()),
        Json::Object(obj) => obj.get("type").and_then(Json::as_str),
        _ => None,
    };
    ty.is_some_and(|t| t == "VIRTUAL" || t.starts_with("VIRTUAL("))
}

fn model_options(name: &str, json: &Json) -> Result<ModelOptions> {
    let mut options = ModelOptions::default();
    if json.is_null() {
        return Ok(options);
    }
    let context = format!("the options of {name}");
    let obj = object(&context, json, "an options object such as { timestamps: false }")?;
    check_keys(obj, &context, &OPTIONS, &OPTIONS_UNSUPPORTED)?;
    let at = |key: &str| format!("{name} options.{key}");
    let flag = |key: &str, default: bool| obj.get(key).map_or(Ok(default), |j| boolean(&at(key), j));
    options.freeze_table_name = flag("freezeTableName", false)?;
    options.timestamps = flag("timestamps", true)?;
    options.paranoid = flag("paranoid", false)?;
    options.underscored = flag("underscored", false)?;
    if let Some(table) = obj.get("tableName").filter(|j| !j.is_null()) {
        options.table_name = Some(string(&at("tableName"), table)?.to_owned());
    }
    for (key, slot) in [
        ("createdAt", &mut options.created_at),
        ("updatedAt", &mut options.updated_at),
        ("deletedAt", &mut options.deleted_at),
    ] {
        *slot = match obj.get(key) {
            None | Some(Json::Null | Json::Bool(true)) => TimestampName::Default,
            Some(Json::Bool(false)) => TimestampName::Off,
            Some(Json::String(named)) => TimestampName::Named(named.clone()),
            Some(other) => return Err(expected(&at(key), "false or an attribute name", other)),
        };
    }
    if let Some(model_name) = obj.get("modelName") {
        let given = string(&at("modelName"), model_name)?;
        if given != name {
            return Err(usage(&at("modelName"), format!("{given} differs from the model's name {name}")));
        }
    }
    if let Some(comment) = obj.get("comment") {
        string(&at("comment"), comment)?;
    }
    if let Some(indexes) = obj.get("indexes").filter(|j| !j.is_null()) {
        let Json::Array(list) = indexes else { return Err(expected(&at("indexes"), "an array of indexes", indexes)) };
        for (i, json) in list.iter().enumerate() {
            options.indexes.push(index(&item(&at("indexes"), i), json)?);
        }
    }
    Ok(options)
}

fn index(path: &str, json: &Json) -> Result<IndexSpec> {
    let obj = object(path, json, "an index such as { fields: ['email'], unique: true }")?;
    check_keys(obj, path, &["fields", "unique", "name"], &[("where", "partial indexes"), ("type", ""), ("using", "")])?;
    let fields_path = child(path, "fields");
    let fields = match obj.get("fields") {
        Some(Json::Array(fields)) => fields,
        other => return Err(expected(&fields_path, "an array of attribute names", other.unwrap_or(&Json::Null))),
    };
    let mut spec = IndexSpec { name: None, fields: Vec::new(), unique: false };
    for (i, field) in fields.iter().enumerate() {
        let at = item(&fields_path, i);
        spec.fields.push(match field {
            Json::String(name) => name.clone(),
            Json::Object(o) => {
                check_keys(o, &at, &["name", "attribute"], &[("order", ""), ("length", ""), ("collate", "")])?;
                let name = o.get("name").or_else(|| o.get("attribute")).unwrap_or(&Json::Null);
                string(&child(&at, "name"), name)?.to_owned()
            }
            other => return Err(expected(&at, "an attribute name", other)),
        });
    }
    if let Some(unique) = obj.get("unique") {
        spec.unique = boolean(&child(path, "unique"), unique)?;
    }
    if let Some(name) = obj.get("name").filter(|j| !j.is_null()) {
        spec.name = Some(string(&child(path, "name"), name)?.to_owned());
    }
    Ok(spec)
}

fn attribute(path: &str, name: &str, json: &Json, table_of: &dyn Fn(&str) -> Result<String>) -> Result<AttributeSpec> {
    if let Json::String(ty) = json {
        return Ok(AttributeSpec::new(name, data_type(path, ty, None)?));
    }
    let obj = object(path, json, "a data type or { type, allowNull, … }")?;
    check_keys(obj, path, &ATTRIBUTE, &ATTRIBUTE_UNSUPPORTED)?;
    let at = |key: &str| child(path, key);
    let ty = match obj.get("type") {
        Some(Json::String(ty)) => data_type(&at("type"), ty, obj.get("values"))?,
        Some(other) => return Err(expected(&at("type"), "a data type such as DataTypes.STRING", other)),
        None => return Err(usage(path, "an attribute needs a type, e.g. { type: DataTypes.STRING }")),
    };
    let mut spec = AttributeSpec::new(name, ty);
    let flag = |key: &str, default: bool| obj.get(key).map_or(Ok(default), |j| boolean(&at(key), j));
    spec.allow_null = flag("allowNull", true)?;
    spec.primary_key = flag("primaryKey", false)?;
    spec.auto_increment = flag("autoIncrement", false)?;
    spec.unique = match obj.get("unique") {
        None | Some(Json::Null | Json::Bool(false)) => None,
        Some(Json::Bool(true)) => Some(Unique::Single),
        Some(Json::String(key)) => Some(Unique::Composite(key.clone())),
        Some(json @ Json::Object(o)) => {
            check_keys(o, &at("unique"), &["name"], &[("msg", "a custom message for unique violations")])?;
            let key = o.get("name").ok_or_else(|| expected(&at("unique"), "{ name: 'key name' }", json))?;
            Some(Unique::Composite(string(&child(&at("unique"), "name"), key)?.to_owned()))
        }
        Some(other) => return Err(expected(&at("unique"), "true, false or the name of a composite key", other)),
    };
    if let Some(json) = obj.get("defaultValue") {
        spec.default = Some(default_value(&at("defaultValue"), json)?);
    }
    if let Some(field) = obj.get("field") {
        spec.field = Some(string(&at("field"), field)?.to_owned());
    }
    if let Some(json) = obj.get("validate") {
        let normalized = validators_json(&at("validate"), json)?;
        spec.validators = validate::validators_from_json(&normalized)
            .map_err(|e| Error::new(e.kind, format!("{}: {}", at("validate"), e.message)))?;
        spec.not_null_msg = validate::not_null_msg(&spec.validators).map(str::to_owned);
    }
    if let Some(comment) = obj.get("comment") {
        string(&at("comment"), comment)?;
    }
    let action = |key: &str| -> Result<Option<ReferentialAction>> {
        obj.get(key)
            .map(|j| {
                ReferentialAction::parse(string(&at(key), j)?)
                    .map_err(|e| Error::new(e.kind, format!("{}: {}", at(key), e.message)))
            })
            .transpose()
    };
    let (on_delete, on_update) = (action("onDelete")?, action("onUpdate")?);
    match obj.get("references").filter(|j| !j.is_null()) {
        Some(json) => {
            let mut references = references(&at("references"), json, table_of)?;
            references.on_delete = on_delete;
            references.on_update = on_update;
            spec.references = Some(references);
        }
        None if on_delete.is_some() || on_update.is_some() => {
            return Err(usage(path, "onDelete and onUpdate need `references: { model, key }` on the attribute"));
        }
        None => {}
    }
    Ok(spec)
}

/// A data type string (`STRING(200)`); `ENUM` may take its values from `values`.
fn data_type(path: &str, ty: &str, values: Option<&Json>) -> Result<DataType> {
    let upper = ty.trim().to_ascii_uppercase();
    if let Some(values) = values {
        if upper != "ENUM" {
            return Err(usage(path, "`values` is only for DataTypes.ENUM"));
        }
        let list = match values {
            Json::Array(list) if !list.is_empty() => list,
            other => return Err(expected(&format!("{path} values"), "a non-empty array of strings", other)),
        };
        let strings = try_map(list.iter().enumerate(), |(i, v)| string(&item("values", i), v).map(str::to_owned));
        return Ok(DataType::Enum(strings?));
    }
    match upper.as_str() {
        "NOW" | "UUIDV1" => {
            return Err(usage(
                path,
                format!("DataTypes.{upper} is a default value, not a type; write defaultValue: DataTypes.{upper}"),
            ))
        }
        "VIRTUAL" => return Err(usage(path, "DataTypes.VIRTUAL takes no arguments here")),
        _ => {}
    }
    DataType::parse(ty).map_err(|e| Error::new(e.kind, format!("{path}: {}", e.message)))
}

fn default_value(path: &str, json: &Json) -> Result<DefaultValue> {
    match marker(path, json)? {
        Some(Marker::Default(name)) => match name {
            "NOW" => Ok(DefaultValue::Now),
            "UUIDV4" => Ok(DefaultValue::UuidV4),
            other => Err(usage(
                path,
                format!(
                    "DataTypes.{other} as a default value is not supported yet; use DataTypes.NOW or DataTypes.UUIDV4"
                ),
            )),
        },
        Some(Marker::Fn(..) | Marker::Literal(_) | Marker::Col(_)) => Err(usage(
            path,
            "a SQL expression as defaultValue is not supported; use a value, DataTypes.NOW or DataTypes.UUIDV4",
        )),
        Some(Marker::Function(_)) => Err(usage(path, "a function as defaultValue is not supported yet; use a value")),
        _ => Ok(DefaultValue::Value(value_at(path, json)?)),
    }
}

fn references(path: &str, json: &Json, table_of: &dyn Fn(&str) -> Result<String>) -> Result<References> {
    let obj = object(path, json, "{ model, key }")?;
    check_keys(obj, path, &["model", "key"], &[("deferrable", "")])?;
    let model_path = child(path, "model");
    let table = match obj.get("model") {
        Some(Json::String(table)) => table.clone(),
        Some(json) => match marker(&model_path, json)? {
            Some(Marker::Model(model)) => table_of(model)?,
            _ => return Err(expected(&model_path, "a model or a table name", json)),
        },
        None => return Err(usage(path, "needs the model (or table name) referenced: { model: 'users', key: 'id' }")),
    };
    let column = match obj.get("key") {
        None | Some(Json::Null) => "id".to_owned(),
        Some(key) => string(&child(path, "key"), key)?.to_owned(),
    };
    Ok(References { table, column, on_delete: None, on_update: None })
}

/// `validate` with RegExps (`{"$regex": …}`) as the validators read them (`{ source, flags }`),
/// and functions (custom validators) refused.
fn validators_json(path: &str, json: &Json) -> Result<Json> {
    let obj: &Obj = object(path, json, "an object of validators such as { len: [2, 10] }")?;
    let mut out = Obj::new();
    for (key, arg) in obj {
        let at = child(path, key);
        if let Some(Marker::Function(_)) = marker(&at, arg)? {
            return Err(usage(&at, "custom validator functions are not supported yet"));
        }
        out.insert(key.clone(), regexes(&at, arg)?);
    }
    Ok(Json::Object(out))
}

fn regexes(path: &str, json: &Json) -> Result<Json> {
    Ok(match (json, marker(path, json)?) {
        (_, Some(Marker::Regex(source, flags))) => serde_json::json!({ "source": source, "flags": flags }),
        (Json::Array(items), _) => Json::Array(try_map(items.iter().enumerate(), |(i, j)| regexes(&item(path, i), j))?),
        (Json::Object(obj), None) => {
            let mut out = Obj::new();
            for (key, value) in obj {
                out.insert(key.clone(), regexes(&child(path, key), value)?);
            }
            Json::Object(out)
        }
        (other, _) => other.clone(),
    })
}
