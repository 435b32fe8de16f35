//! The [`Engine`]: one `orm::Database` with the instance table, the query-log subscribers and
//! the open transactions, exposed to JavaScript through wasm-bindgen.
//!
//! Every method has two halves. The logic is a method of [`Core`] that takes
//! `serde_json::Value` arguments and returns a [`Js`] tree or an `orm::Error`, so it runs and is
//! tested natively. The method of [`Engine`] only converts: arguments with [`from_js`], the
//! result with [`Js::to_js`], errors with [`errors::throw`]; JavaScript reaches every method by
//! name through [`Engine::call`], the one wasm-bindgen export besides the constructor. This file holds
//! the engine's life cycle, models and associations, `sync`, transactions, runs, events and
//! findings; the other methods live beside their logic (finders, writes, instances, accessors,
//! raw queries).

use orm::options::{association_options_from_json, model_spec_from_json, sync_options_from_json};
use orm::{Association, AssociationKind, Database, Error, Model, Result, Transaction};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, Js};
use crate::eager::Eager;
use crate::errors;
use crate::events::{event_js, finding_js, Observers};
use crate::handles::Handles;

/// The engine's state, and the logic of every engine method.
pub struct Core {
    /// The database: connection, models, query log.
    pub db: Database,
    /// The instances JavaScript holds by handle.
    pub handles: Handles,
    /// The event buffer and the analyzer.
    pub observers: Observers,
    /// Which included associations were loaded and read.
    pub eager: Eager,
    /// The transactions begun with `begin()` and not ended yet.
    pub transactions: Vec<Transaction>,
    /// The schema as `queryInterface('schemaMark')` saw it, for `schemaDiff`.
    pub schema_mark: Vec<orm::schema::diff::TableState>,
}

impl Core {
    /// A core on a fresh in-memory database (`None`) or on the named database.
    pub fn open(storage: Option<&str>) -> Result<Core> {
        let mut db = match storage {
            None | Some(":memory:") | Some("") => Database::open_in_memory()?,
            Some(name) => Database::open(name)?,
        };
        let observers = Observers::attach(&mut db);
        Ok(Core {
            db,
            handles: Handles::default(),
            observers,
            eager: Eager::default(),
            transactions: Vec::new(),
            schema_mark: Vec::new(),
        })
    }

    /// `define(model, attributes, options)`: defines (or redefines) a model.
    pub fn define(&mut self, model: &str, attributes: &Json, options: &Json) -> Result<Js> {
        let spec = model_spec_from_json(&self.db, model, attributes, options)?;
        let name = self.db.define(spec)?.name.clone();
        self.model_info(&name)
    }

    /// `modelInfo(model)`: `{ name, tableName, primaryKeys, attributes: [{ name, field, type,
    /// allowNull, primaryKey, autoIncrement }] }`.
    pub fn model_info(&self, model: &str) -> Result<Js> {
        Ok(model_js(self.db.model(model)?))
    }

    /// `associate(kind, source, target, options)`.
    pub fn associate(&mut self, kind: &str, source: &str, target: &str, options: &Json) -> Result<Js> {
        let kind = match kind {
            "hasOne" => AssociationKind::HasOne,
            "belongsTo" => AssociationKind::BelongsTo,
            "hasMany" => AssociationKind::HasMany,
            "belongsToMany" => AssociationKind::BelongsToMany,
            other => {
                return Err(errors::usage(format!(
                    "Unknown association kind {other:?}; use hasOne, belongsTo, hasMany or belongsToMany"
                )))
            }
        };
        let options = association_options_from_json(kind, options)?;
        let association = self.db.associate(kind, source, target, options)?;
        Ok(association_js(association))
    }

    /// `associations(model)`: every association defined on the model, in definition order.
    pub fn associations(&self, model: &str) -> Result<Js> {
        self.db.model(model)?;
        Ok(Js::list(self.db.associations_of(model), association_js))
    }

    /// `begin()`: a new transaction (a savepoint inside another one); returns its id.
    pub fn begin(&mut self) -> Result<Js> {
        let transaction = self.db.begin()?;
        self.transactions.push(transaction);
        Ok(Js::from(transaction.id()))
    }

    /// `commit(tx)` or `rollback(tx)`.
    pub fn end(&mut self, id: u32, commit: bool) -> Result<Js> {
        let transaction = self
            .transactions
            .iter()
            .copied()
            .find(|t| t.id() == u64::from(id))
            .ok_or_else(|| errors::usage(format!("Unknown transaction {id}")))?;
        if commit {
            self.db.commit(transaction)?;
        } else {
            self.db.rollback(transaction)?;
        }
        Ok(Js::Undefined)
    }

    /// The schema and the data, for the playground's diagram and data panel: every model (as
    /// [`model_js`], with its associations) and every table with its columns, row count and first
    /// `row_limit` rows. Read without logging: none of it shows in the learner's SQL log.
    pub fn snapshot(&self, row_limit: usize) -> Result<Js> {
        let models = orm::collect::map_vec(self.db.models(), |m| {
            let associations = Js::list(self.db.associations_of(&m.name), association_js);
            match model_js(m) {
                Js::Object(mut fields) => {
                    fields.push(("associations".into(), associations));
                    Js::Object(fields)
                }
                other => other,
            }
        });
        let mut tables = Vec::new();
        for name in self.db.table_names()? {
            let peek = self.db.peek_table(&name, row_limit)?;
            let rows = orm::collect::map_vec(peek.rows.iter(), |row| Js::list(row.iter(), Js::value));
            tables.push(Js::object([
                ("name", Js::from(name.as_str())),
                ("columns", Js::list(peek.columns.iter(), |c| Js::from(c.as_str()))),
                ("count", Js::Num(peek.count as f64)),
                ("rows", Js::Array(rows)),
            ]));
        }
        Ok(Js::object([("models", Js::Array(models)), ("tables", Js::Array(tables))]))
    }

    /// `takeEvents(full)`: the query events since the last call; `full` when `logging` will
    /// print them (every parameter inlined, see [`event_js`]).
    pub fn take_events(&self, full: bool) -> Js {
        Js::list(self.observers.take().iter(), |e| event_js(e, full))
    }

    /// `findings(runId)`: what the analyzer found in the run, unused includes included.
    pub fn findings(&self, run: u32) -> Js {
        let found = self.observers.findings(u64::from(run), self.eager.unused());
        Js::list(found.iter(), finding_js)
    }
}

/// A model as `define` and `modelInfo` describe it.
pub fn model_js(model: &Model) -> Js {
    let attributes = orm::collect::map_vec(&model.attributes, |a| {
        Js::object([
            ("name", Js::from(a.name.as_str())),
            ("field", Js::from(a.field.as_str())),
            ("type", Js::from(a.data_type().js_name())),
            ("allowNull", Js::from(a.spec.allow_null)),
            ("primaryKey", Js::from(a.spec.primary_key)),
            ("autoIncrement", Js::from(a.spec.auto_increment)),
            ("unique", Js::from(a.spec.unique.is_some())),
            ("references", references_js(a.spec.references.as_ref())),
        ])
    });
    let keys = orm::collect::filter_map_vec(&model.primary_key, |&i| {
        model.attributes.get(i).map(|a| Js::from(a.name.as_str()))
    });
    Js::object([
        ("name", Js::from(model.name.as_str())),
        ("tableName", Js::from(model.table.as_str())),
        ("primaryKeys", Js::Array(keys)),
        ("attributes", Js::Array(attributes)),
        ("virtuals", Js::list(model.virtuals.iter(), |v| Js::from(v.as_str()))),
    ])
}

/// Where a foreign key points: `{ table, key, onDelete, onUpdate }`, or `null`.
fn references_js(references: Option<&orm::model::References>) -> Js {
    let Some(r) = references else { return Js::Null };
    let action = |a: Option<orm::model::ReferentialAction>| Js::opt_str(a.map(|a| a.sql()));
    Js::object([
        ("table", Js::from(r.table.as_str())),
        ("key", Js::from(r.column.as_str())),
        ("onDelete", action(r.on_delete)),
        ("onUpdate", action(r.on_update)),
    ])
}

/// An association as `associate` and `associations` describe it, with the accessor names of
/// Sequelize's `association.accessors` (only `get`, `set`, `create` for a single association).
/// `through` names the junction model of a `belongsToMany` (`null` otherwise).
pub fn association_js(association: &Association) -> Js {
    let names = association.accessors();
    let keys: &[&str] = if association.kind.is_many() {
        &["get", "count", "hasSingle", "hasAll", "set", "add", "addMultiple", "remove", "removeMultiple", "create"]
    } else {
        &["get", "set", "create"]
    };
    let accessors = keys.iter().zip(names).map(|(k, name)| (*k, Js::from(name)));
    Js::object([
        ("as", Js::from(association.alias.as_str())),
        ("foreignKey", Js::from(association.foreign_key.as_str())),
        ("kind", Js::from(association.kind.name())),
        ("source", Js::from(association.source.as_str())),
        ("target", Js::from(association.target.as_str())),
        ("many", Js::from(association.kind.is_many())),
        ("through", Js::opt_str(association.through.as_ref().map(|t| t.model.as_str()))),
        ("accessors", Js::object(accessors)),
    ])
}

/// Converts a core result for JavaScript: the value, or the thrown error object.
pub(crate) fn done(result: Result<Js>) -> Result<JsValue, JsValue> {
    result.map(|js| js.to_js()).map_err(|e| errors::throw(&e))
}

/// Reads a `*Json` argument.
pub(crate) fn arg(value: &JsValue) -> Result<Json, JsValue> {
    from_js(value)
}

/// The Sequelize-compatible engine JavaScript talks to: see `ENGINE.md` for every method.
#[wasm_bindgen]
pub struct Engine {
    pub(crate) core: Core,
}

impl Engine {
    /// An engine on a fresh in-memory database, for Rust callers.
    pub fn in_memory() -> Result<Engine, Error> {
        #[cfg(target_arch = "wasm32")]
        crate::host::install();
        Ok(Engine { core: Core::open(None)? })
    }
}

#[wasm_bindgen]
impl Engine {
    /// `new Engine()`: an engine on a fresh in-memory database.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Engine, JsValue> {
        Engine::in_memory().map_err(|e| errors::throw(&e))
    }

    /// `call(method, args)`: the method of ENGINE.md named `method` with the arguments in the
    /// array `args`. One entry point instead of a wasm-bindgen export per method keeps the
    /// download small (each export costs a shim in the wasm and a method in the JavaScript
    /// glue); the shell calls the methods by name (`engineMethods` in the shell). An unknown
    /// name throws an `Error`.
    pub fn call(&mut self, method: &str, args: js_sys::Array) -> Result<JsValue, JsValue> {
        // Every call is checked against the one declaration of the methods (contract.rs), so the
        // conversions below cannot meet a wrong type.
        let Some(spec) = crate::contract::method(method) else {
            return Err(errors::throw(&errors::usage(format!(
                "The ORM engine has no method {method} (the shell and the engine disagree on ENGINE.md)"
            ))));
        };
        let given: Vec<crate::contract::Given> = orm::collect::map_vec(args.iter(), |v| given(&v));
        crate::contract::check(spec, &given).map_err(|message| errors::throw(&errors::usage(message)))?;
        let text = |i: u32| args.get(i).as_string().unwrap_or_default();
        let number = |i: u32| args.get(i).as_f64().unwrap_or(0.0) as u32;
        let (s0, h0, v0, v1, v2) = (text(0), number(0), args.get(0), args.get(1), args.get(2));
        let unit = |r: Result<(), JsValue>| r.map(|()| JsValue::UNDEFINED);
        match method {
            "open" => unit(self.open(&s0)),
            "reset" => unit(self.reset()),
            "define" => self.define(&s0, v1, v2),
            "modelInfo" => self.model_info(&s0),
            "associate" => self.associate(&s0, &text(1), &text(2), args.get(3)),
            "associations" => self.associations(&s0),
            "sync" => unit(self.sync(v0)),
            "syncModel" => unit(self.sync_model(&s0, v1)),
            "drop" => unit(self.drop_all()),
            "dropModel" => unit(self.drop_model(&s0, v1)),
            "begin" => self.begin(),
            "commit" => self.commit(h0),
            "rollback" => self.rollback(h0),
            "beginRun" => self.begin_run(v0.is_truthy(), v1.is_truthy(), v2.is_truthy()).map(JsValue::from),
            "history" => Ok(self.history()),
            "exportDatabase" => self
                .export_database(v0.is_truthy())
                .map(|bytes| bytes.map_or(JsValue::NULL, |bytes| js_sys::Uint8Array::from(&bytes[..]).into())),
            "importDatabase" => unit(self.import_database(&js_sys::Uint8Array::new(&v0).to_vec())),
            "snapshot" => self.snapshot(h0),
            "takeEvents" => Ok(self.take_events(v0.is_truthy())),
            "findings" => Ok(self.findings(h0)),
            "findAll" => self.find_all(&s0, v1),
            "findOne" => self.find_one(&s0, v1),
            "findByPk" => self.find_by_pk(&s0, v1, v2),
            "findOrCreate" => self.find_or_create(&s0, v1),
            "findAndCountAll" => self.find_and_count_all(&s0, v1),
            "count" => self.count(&s0, v1),
            "aggregate" => self.aggregate(&s0, &text(1), &text(2), args.get(3)),
            "build" => self.build(&s0, v1, v2),
            "create" => self.create(&s0, v1, v2),
            "upsert" => self.upsert(&s0, v1, v2),
            "bulkCreate" => self.bulk_create(&s0, v1, v2),
            "update" => self.update(&s0, v1, v2),
            "destroy" => self.destroy(&s0, v1),
            "restore" => self.restore(&s0, v1),
            "increment" => self.increment(&s0, v1, v2),
            "query" => self.query(&s0, v1),
            "queryInterface" => self.query_interface(&s0, v1),
            "get" => self.get(h0, &text(1)),
            "set" => self.set(h0, &text(1), v2),
            "keys" => self.keys(h0),
            "toJSON" => self.json_of(h0),
            "changed" => self.changed(h0),
            "changedKey" => self.changed_key(h0, &text(1)),
            "previous" => self.previous(h0, &text(1)),
            "isNewRecord" => self.is_new_record(h0),
            "modelOf" => self.model_of(h0),
            "save" => self.save(h0, v1),
            "reload" => self.reload(h0),
            "updateInstance" => self.update_instance(h0, v1, v2),
            "destroyInstance" => self.destroy_instance(h0, v1),
            "restoreInstance" => self.restore_instance(h0),
            "incrementInstance" => self.increment_instance(h0, v1, v2),
            "validate" => self.validate(h0),
            "markRead" => self.mark_read(h0, &text(1)),
            "callAccessor" => self.call_accessor(h0, &text(1), &text(2), args.get(3), args.get(4)),
            "methods" => Ok(methods_js().to_js()),
            _ => Err(errors::throw(&errors::usage(format!(
                "The ORM engine declares {method} but does not dispatch it (contract.rs and Engine::call differ)"
            )))),
        }
    }
}

/// What a JavaScript argument is, for the contract's checks.
fn given(value: &JsValue) -> crate::contract::Given {
    use crate::contract::Given;
    if value.is_undefined() {
        Given::Undefined
    } else if value.is_null() {
        Given::Null
    } else if value.is_string() {
        Given::Text
    } else if let Some(n) = value.as_f64() {
        Given::Number(n)
    } else {
        Given::Other
    }
}

/// `methods()`: `[{ name, effect }]` with `effect` one of `reads`, `changes`, `runs` — what the
/// shell derives its bookkeeping from (which calls end its cached values, which to drain).
pub fn methods_js() -> Js {
    use crate::contract::{Effect, METHODS};
    Js::list(METHODS, |m| {
        let effect = match m.effect {
            Effect::Reads => "reads",
            Effect::Changes => "changes",
            Effect::Runs => "runs",
        };
        Js::object([("name", Js::from(m.name)), ("effect", Js::from(effect))])
    })
}

/// The methods `call` names, for Rust callers too (the engine's wasm tests call them directly).
impl Engine {
    /// `open(storage)`: reopens on the named database (`':memory:'` for a fresh in-memory one);
    /// models, handles and events start afresh.
    pub fn open(&mut self, storage: &str) -> Result<(), JsValue> {
        let history = self.core.db.history().is_some();
        self.core = Core::open(Some(storage)).map_err(|e| errors::throw(&e))?;
        // A run that asked for its history keeps it on the database it opens.
        self.core.db.set_history(history).map_err(|e| errors::throw(&e))
    }

    /// `reset()`: a fresh in-memory database, no models, no handles.
    pub fn reset(&mut self) -> Result<(), JsValue> {
        self.core = Core::open(None).map_err(|e| errors::throw(&e))?;
        Ok(())
    }

    /// `define(model, attributesJson, optionsJson)` → model info.
    pub fn define(&mut self, model: &str, attributes: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let (attributes, options) = (arg(&attributes)?, arg(&options)?);
        done(self.core.define(model, &attributes, &options))
    }

    /// `modelInfo(model)` → model info.
    pub fn model_info(&self, model: &str) -> Result<JsValue, JsValue> {
        done(self.core.model_info(model))
    }

    /// `associate(kind, source, target, optionsJson)` → association info.
    pub fn associate(&mut self, kind: &str, source: &str, target: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = arg(&options)?;
        done(self.core.associate(kind, source, target, &options))
    }

    /// `associations(model)` → `[association info]`.
    pub fn associations(&self, model: &str) -> Result<JsValue, JsValue> {
        done(self.core.associations(model))
    }

    /// `sync(optionsJson)`: creates the tables of every model.
    pub fn sync(&mut self, options: JsValue) -> Result<(), JsValue> {
        let options = arg(&options)?;
        let core = &mut self.core;
        sync_options_from_json(&options).and_then(|o| core.db.sync(o)).map_err(|e| errors::throw(&e))
    }

    /// `syncModel(model, optionsJson)`: creates one model's table.
    pub fn sync_model(&mut self, model: &str, options: JsValue) -> Result<(), JsValue> {
        let options = arg(&options)?;
        let core = &mut self.core;
        sync_options_from_json(&options).and_then(|o| core.db.sync_model(model, o)).map_err(|e| errors::throw(&e))
    }

    /// `drop()`: drops every model's table.
    pub fn drop_all(&mut self) -> Result<(), JsValue> {
        self.core.db.drop_all().map_err(|e| errors::throw(&e))
    }

    /// `dropModel(model, optionsJson)`: `Model.drop()`.
    pub fn drop_model(&mut self, model: &str, options: JsValue) -> Result<(), JsValue> {
        let options = arg(&options)?;
        orm::options::check_drop_options(&options).map_err(|e| errors::throw(&e))?;
        self.core.db.drop_model(model).map_err(|e| errors::throw(&e))
    }

    /// `begin()` → transaction id.
    pub fn begin(&mut self) -> Result<JsValue, JsValue> {
        done(self.core.begin())
    }

    /// `commit(tx)`.
    pub fn commit(&mut self, tx: u32) -> Result<JsValue, JsValue> {
        done(self.core.end(tx, true))
    }

    /// `rollback(tx)`.
    pub fn rollback(&mut self, tx: u32) -> Result<JsValue, JsValue> {
        done(self.core.end(tx, false))
    }

    /// `beginRun(plans, dialects, history)` → run id; later events carry it, with `plans` each
    /// read, `UPDATE` and `DELETE` its query plan (`orm::plan`), and with `dialects` every
    /// statement what Sequelize would send on PostgreSQL and MySQL (`orm::lens`); with `history`
    /// what each call changes is recorded (`orm::history`, read with `history()`).
    pub fn begin_run(&mut self, plans: bool, dialects: bool, history: bool) -> Result<f64, JsValue> {
        self.core.db.set_plans(plans);
        self.core.db.set_dialects(dialects);
        self.core.db.set_history(history).map_err(|e| errors::throw(&e))?;
        Ok(self.core.db.begin_run() as f64)
    }

    /// `history()` → what each call of the run changed (`crate::history::history_js`), or `null`
    /// when the run did not ask for it.
    pub fn history(&self) -> JsValue {
        self.core.db.history().map_or(JsValue::NULL, |h| crate::history::history_js(h).to_js())
    }

    /// `exportDatabase(midRun)` → the database as the bytes of a `.sqlite` file (a `Uint8Array`):
    /// what is committed (mid-run inside a transaction: `null`; see `orm::Database::export`).
    pub fn export_database(&mut self, mid_run: bool) -> Result<Option<Vec<u8>>, JsValue> {
        self.core.db.export(mid_run).map_err(|e| errors::throw(&e))
    }

    /// `importDatabase(bytes)`: replaces the database's content with a `.sqlite` file's bytes;
    /// throws a `SequelizeDatabaseError` for bytes that are not a SQLite database.
    pub fn import_database(&mut self, bytes: &[u8]) -> Result<(), JsValue> {
        self.core.db.import(bytes).map_err(|e| errors::throw(&e))
    }

    /// `snapshot(rowLimit)`: the models, their associations and the tables' first rows, unlogged
    /// (see `Core::snapshot`).
    pub fn snapshot(&self, row_limit: u32) -> Result<JsValue, JsValue> {
        done(self.core.snapshot(row_limit as usize))
    }

    /// `takeEvents(full)` → the query events since the last call (see [`event_js`]).
    pub fn take_events(&self, full: bool) -> JsValue {
        self.core.take_events(full).to_js()
    }

    /// `findings(runId)` → the analyzer's findings for the run.
    pub fn findings(&self, run: u32) -> JsValue {
        self.core.findings(run).to_js()
    }
}
