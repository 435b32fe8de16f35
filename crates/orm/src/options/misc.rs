//! The options of association calls (`hasMany(Target, { as, foreignKey, … })`), of
//! `sequelize.query` (`replacements`, `bind`, `type`, …) and of `sync`.
//!
//! `sequelize.query` has options the core does not read because they only shape what the shell
//! returns (`type`, `raw`, `plain`, `nest`, `model`, `mapToModel`): they are parsed into
//! [`RawQueryOptions`] beside the core's [`QueryOptions`], so the shell gets them checked.

use serde_json::Value as Json;

use super::values::{boolean, check_keys, child, expected, item, marker, object, scalar, string, usage, Marker};
use crate::association::{AssociationKind, AssociationOptions};
use crate::collect::try_map;
use crate::error::{Error, Result};
use crate::model::ReferentialAction;
use crate::raw::{Params, Replacement, Replacements};
use crate::raw_query::QueryOptions;
use crate::sync::SyncOptions;
use crate::value::Value;

/// Parses the options of an association call of `kind` (`null` for none). Each kind accepts
/// the options Sequelize gives it that the core honours: `as`, `foreignKey` (a name or
/// `{ name, allowNull }`), `onDelete`, `onUpdate`, `constraints`, plus `sourceKey` (hasOne,
/// hasMany), `targetKey` (belongsTo), `through` and `otherKey` (belongsToMany).
pub fn association_options_from_json(kind: AssociationKind, json: &Json) -> Result<AssociationOptions> {
    let mut options = AssociationOptions::default();
    if json.is_null() {
        return Ok(options);
    }
    let name = kind.name();
    let method = format!("{}{}", name[..1].to_ascii_lowercase(), &name[1..]);
    let obj = object(&method, json, "an options object such as { as: 'posts', foreignKey: 'userId' }")?;
    let mut known = vec!["as", "foreignKey", "onDelete", "onUpdate", "constraints"];
    known.extend(match kind {
        AssociationKind::BelongsTo => &["targetKey"][..],
        AssociationKind::HasOne | AssociationKind::HasMany => &["sourceKey"][..],
        AssociationKind::BelongsToMany => &["through", "otherKey"][..],
    });
    let mut unsupported = vec![
        ("hooks", ""),
        ("scope", "association scopes are not supported yet"),
        ("uniqueKey", ""),
        ("foreignKeyConstraint", "use constraints"),
    ];
    if kind == AssociationKind::BelongsToMany {
        unsupported.extend([("sourceKey", "not for belongsToMany"), ("targetKey", "not for belongsToMany")]);
    }
    check_keys(obj, &method, &known, &unsupported)?;
    let at = |key: &str| child(&method, key);
    let name_of = |key: &str, json: &Json| -> Result<(String, Option<bool>)> {
        match json {
            Json::String(name) => Ok((name.clone(), None)),
            Json::Object(o) => {
                check_keys(o, &at(key), &["name", "allowNull"], &[("field", ""), ("type", ""), ("defaultValue", "")])?;
                let allow_null = o.get("allowNull").map(|j| boolean(&child(&at(key), "allowNull"), j)).transpose()?;
                let name = o.get("name").map(|j| string(&child(&at(key), "name"), j)).transpose()?;
                Ok((name.unwrap_or_default().to_owned(), allow_null))
            }
            other => Err(expected(&at(key), "an attribute name or { name, allowNull }", other)),
        }
    };
    if let Some(alias) = obj.get("as") {
        options.alias = Some(match alias {
            Json::String(alias) => alias.clone(),
            Json::Object(_) => {
                return Err(usage(&at("as"), "{ singular, plural } aliases are not supported yet; give one name"))
            }
            other => return Err(expected(&at("as"), "an alias such as 'posts'", other)),
        });
    }
    if let Some(json) = obj.get("foreignKey") {
        let (name, allow_null) = name_of("foreignKey", json)?;
        if allow_null.is_some() && kind == AssociationKind::BelongsToMany {
            return Err(usage(
                &at("foreignKey"),
                "allowNull is not supported on belongsToMany keys (the junction's keys are never null)",
            ));
        }
        options.foreign_key = Some(name).filter(|n| !n.is_empty());
        options.foreign_key_allow_null = allow_null;
    }
    if let Some(json) = obj.get("otherKey") {
        let (name, allow_null) = name_of("otherKey", json)?;
        if allow_null.is_some() {
            return Err(usage(
                &at("otherKey"),
                "allowNull is not supported on otherKey (the junction's keys are never null)",
            ));
        }
        options.other_key = Some(name).filter(|n| !n.is_empty());
    }
    for (key, slot) in [("sourceKey", &mut options.source_key), ("targetKey", &mut options.target_key)] {
        if let Some(json) = obj.get(key) {
            *slot = Some(string(&at(key), json)?.to_owned());
        }
    }
    if let Some(json) = obj.get("through") {
        options.through = Some(through(&at("through"), json)?);
    }
    let action = |key: &str| -> Result<Option<ReferentialAction>> {
        let Some(json) = obj.get(key) else { return Ok(None) };
        ReferentialAction::parse(string(&at(key), json)?)
            .map(Some)
            .map_err(|e| Error::new(e.kind, format!("{}: {}", at(key), e.message)))
    };
    options.on_delete = action("onDelete")?;
    options.on_update = action("onUpdate")?;
    if let Some(json) = obj.get("constraints") {
        options.no_constraints = !boolean(&at("constraints"), json)?;
    }
    Ok(options)
}

/// `through`: a model, a table name, or `{ model }`.
fn through(path: &str, json: &Json) -> Result<String> {
    let what = "a model, a table name or { model }";
    match (json, marker(path, json)?) {
        (Json::String(name), _) => Ok(name.clone()),
        (_, Some(Marker::Model(name))) => Ok(name.to_owned()),
        (Json::Object(obj), None) => {
            check_keys(obj, path, &["model"], &[("unique", ""), ("paranoid", ""), ("scope", "")])?;
            match obj.get("model") {
                Some(model) => through(&child(path, "model"), model),
                None => Err(expected(path, what, json)),
            }
        }
        (other, _) => Err(expected(path, what, other)),
    }
}

/// Sequelize's `QueryTypes`: what `sequelize.query` returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryType {
    /// `QueryTypes.SELECT`: the rows.
    Select,
    /// `QueryTypes.INSERT`.
    Insert,
    /// `QueryTypes.UPDATE`.
    Update,
    /// `QueryTypes.BULKUPDATE`.
    BulkUpdate,
    /// `QueryTypes.DELETE`.
    Delete,
    /// `QueryTypes.BULKDELETE`.
    BulkDelete,
    /// `QueryTypes.UPSERT`.
    Upsert,
    /// `QueryTypes.RAW`: `[results, metadata]`.
    Raw,
    /// `QueryTypes.SHOWTABLES`.
    ShowTables,
    /// `QueryTypes.DESCRIBE`.
    Describe,
}

impl QueryType {
    /// The type named as in `QueryTypes` (`"SELECT"`).
    pub fn parse(name: &str) -> Option<QueryType> {
        Some(match name {
            "SELECT" => QueryType::Select,
            "INSERT" => QueryType::Insert,
            "UPDATE" => QueryType::Update,
            "BULKUPDATE" => QueryType::BulkUpdate,
            "DELETE" => QueryType::Delete,
            "BULKDELETE" => QueryType::BulkDelete,
            "UPSERT" => QueryType::Upsert,
            "RAW" => QueryType::Raw,
            "SHOWTABLES" => QueryType::ShowTables,
            "DESCRIBE" => QueryType::Describe,
            _ => return None,
        })
    }
}

/// The options of `sequelize.query`: the core's part, and the parts that shape what the shell
/// returns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawQueryOptions {
    /// `replacements` and `bind`, for [`crate::Database::query`].
    pub query: QueryOptions,
    /// `type`.
    pub query_type: Option<QueryType>,
    /// `raw`.
    pub raw: Option<bool>,
    /// `plain: true`: only the first row.
    pub plain: bool,
    /// `nest: true`: `a.b` columns become nested objects.
    pub nest: bool,
    /// `model`: build instances of this model from the rows.
    pub model: Option<String>,
    /// `mapToModel: true`: map column names to attribute names of `model`.
    pub map_to_model: bool,
}

/// Parses the options of `sequelize.query` (`null` for none).
pub fn query_options_from_json(json: &Json) -> Result<RawQueryOptions> {
    let mut options = RawQueryOptions::default();
    if json.is_null() {
        return Ok(options);
    }
    let context = "sequelize.query";
    let obj = object(context, json, "an options object such as { replacements: { id: 1 } }")?;
    let known = [
        "replacements",
        "bind",
        "type",
        "raw",
        "plain",
        "nest",
        "model",
        "mapToModel",
        "transaction",
        "logging",
        "benchmark",
    ];
    check_keys(obj, context, &known, &[("fieldMap", ""), ("instance", ""), ("retry", ""), ("useMaster", "")])?;
    if let Some(json) = obj.get("replacements") {
        options.query.replacements = replacements("replacements", json)?;
    }
    if let Some(json) = obj.get("bind") {
        options.query.bind = bind("bind", json)?;
    }
    if let Some(json) = obj.get("type").filter(|j| !j.is_null()) {
        let name = string("type", json)?;
        options.query_type = Some(QueryType::parse(name).ok_or_else(|| {
            usage(
                "type",
                format!(
                    "unknown query type {}; use QueryTypes.SELECT, INSERT, UPDATE, BULKUPDATE, DELETE, BULKDELETE, UPSERT, RAW, SHOWTABLES or DESCRIBE",
                    crate::ident::printable(name)
                ),
            )
        })?);
    }
    options.raw = obj.get("raw").map(|j| boolean("raw", j)).transpose()?;
    options.plain = obj.get("plain").map_or(Ok(false), |j| boolean("plain", j))?;
    options.nest = obj.get("nest").map_or(Ok(false), |j| boolean("nest", j))?;
    options.map_to_model = obj.get("mapToModel").map_or(Ok(false), |j| boolean("mapToModel", j))?;
    if let Some(json) = obj.get("model").filter(|j| !j.is_null()) {
        options.model = match marker("model", json)? {
            Some(Marker::Model(name)) => Some(name.to_owned()),
            _ => return Err(expected("model", "a model", json)),
        };
    }
    Ok(options)
}

fn replacements(path: &str, json: &Json) -> Result<Replacements> {
    let one = |path: &str, json: &Json| -> Result<Replacement> {
        match json {
            Json::Array(items) => {
                Ok(Replacement::List(try_map(items.iter().enumerate(), |(i, j)| scalar(&item(path, i), j, "a value"))?))
            }
            other => Ok(Replacement::One(scalar(path, other, "a value or an array of values")?)),
        }
    };
    match json {
        Json::Null => Ok(Replacements::None),
        Json::Array(items) => {
            Ok(Replacements::Positional(try_map(items.iter().enumerate(), |(i, j)| one(&item(path, i), j))?))
        }
        other => {
            let obj = object(path, other, "an array (for ?) or an object (for :name)")?;
            let named = try_map(obj, |(k, j)| Ok((k.clone(), one(&child(path, k), j)?)));
            Ok(Replacements::Named(named?))
        }
    }
}

fn bind(path: &str, json: &Json) -> Result<Params> {
    let one = |path: &str, json: &Json| -> Result<Value> {
        scalar(path, json, "a value (bind parameters are single values)")
    };
    match json {
        Json::Null => Ok(Params::None),
        Json::Array(items) => {
            Ok(Params::Positional(try_map(items.iter().enumerate(), |(i, j)| one(&item(path, i), j))?))
        }
        other => {
            let obj = object(path, other, "an array (for $1) or an object (for $name)")?;
            Ok(Params::Named(try_map(obj, |(k, j)| Ok((k.clone(), one(&child(path, k), j)?)))?))
        }
    }
}

/// Checks the options of `Model.drop(options)`: `cascade` (accepted; SQLite has no
/// `DROP … CASCADE`, and Sequelize sends the same statement) and the shell's own.
pub fn check_drop_options(json: &Json) -> Result<()> {
    if json.is_null() {
        return Ok(());
    }
    let obj = object("drop", json, "an options object such as { cascade: true }")?;
    check_keys(obj, "drop", &["cascade", "logging", "benchmark", "transaction"], &[])
}

/// Parses the options of `sequelize.sync` / `Model.sync` (`null` for none).
pub fn sync_options_from_json(json: &Json) -> Result<SyncOptions> {
    if json.is_null() {
        return Ok(SyncOptions::default());
    }
    let obj = object("sync", json, "an options object such as { force: true }")?;
    check_keys(obj, "sync", &["force", "alter", "logging", "benchmark"], &[("match", ""), ("hooks", "")])?;
    let alter = match obj.get("alter") {
        None | Some(Json::Null) | Some(Json::Bool(false)) => None,
        Some(Json::Bool(true)) => Some(crate::sync::Alter { drop: true }),
        Some(Json::Object(alter)) => {
            check_keys(alter, "sync's alter", &["drop"], &[])?;
            Some(crate::sync::Alter { drop: alter.get("drop").map_or(Ok(true), |j| boolean("alter.drop", j))? })
        }
        Some(other) => {
            return Err(Error::usage(format!("sync: alter must be true, false or {{ drop: false }}; got {other}")))
        }
    };
    Ok(SyncOptions { force: obj.get("force").map_or(Ok(false), |j| boolean("force", j))?, alter })
}
