//! The model-level writes: `build`, `create`, `bulkCreate`, `update`, `destroy`, `restore`
//! and `increment` (`decrement` is the shell negating the amounts).
//!
//! Values are sanitized as Sequelize's `set` does (see [`crate::instances::sanitize`]) before
//! the core builds instances from them.

use orm::options::{
    check_write_options, destroy_options_from_json, increment_from_json, record_from_json, records_from_json,
    restore_where_from_json, update_where_from_json,
};
use orm::Result;
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

use crate::convert::Js;
use crate::engine::{arg, done, Core, Engine};
use crate::instances::sanitize_record;

impl Core {
    /// `build(model, values)`: a handle to a new, unsaved instance.
    /// `build(model, values, defaults)`: `defaults` are the values of `defaultValue` functions,
    /// which the shell calls (null when there are none).
    pub fn build(&mut self, model: &str, values: &Json, defaults: &Json) -> Result<Js> {
        let values = sanitize_record(self.db.model(model)?, record_from_json(values)?);
        let defaults = match defaults {
            Json::Null => orm::Record::new(),
            json => sanitize_record(self.db.model(model)?, record_from_json(json)?),
        };
        let instance = self.db.build_with_defaults(model, values, defaults)?;
        Ok(self.register(instance, &[]))
    }

    /// `create(model, values, options)`: a handle to the saved instance.
    pub fn create(&mut self, model: &str, values: &Json, options: &Json) -> Result<Js> {
        check_write_options("create", options)?;
        let values = sanitize_record(self.db.model(model)?, record_from_json(values)?);
        let instance = self.db.create(model, values)?;
        Ok(self.register(instance, &[]))
    }

    /// `upsert(model, values, options)`: `[handle, null]` (Sequelize's `created` is null on
    /// SQLite). `returning` is accepted: the instance always has the row's key.
    pub fn upsert(&mut self, model: &str, values: &Json, options: &Json) -> Result<Js> {
        let mut options = options.clone();
        if let Json::Object(obj) = &mut options {
            obj.remove("returning");
        }
        check_write_options("upsert", &options)?;
        let values = sanitize_record(self.db.model(model)?, record_from_json(values)?);
        let instance = self.db.upsert(model, values)?;
        Ok(Js::Array(vec![self.register(instance, &[]), Js::Null]))
    }

    /// `bulkCreate(model, rows, options)`: `[handle]`. `validate: true` is accepted: the core
    /// always validates.
    pub fn bulk_create(&mut self, model: &str, rows: &Json, options: &Json) -> Result<Js> {
        let mut options = options.clone();
        if let Json::Object(obj) = &mut options {
            if obj.get("validate") == Some(&Json::Bool(true)) {
                obj.remove("validate");
            }
        }
        check_write_options("bulkCreate", &options)?;
        let resolved = self.db.model(model)?;
        let rows = records_from_json(rows)?.into_iter().map(|r| sanitize_record(resolved, r)).collect();
        let instances = self.db.bulk_create(model, rows)?;
        Ok(self.register_all(instances, &[]))
    }

    /// `update(model, values, { where })`: `[affectedCount]`.
    pub fn update(&mut self, model: &str, values: &Json, options: &Json) -> Result<Js> {
        let filter = update_where_from_json(options)?;
        let values = sanitize_record(self.db.model(model)?, record_from_json(values)?);
        let count = self.db.update_where(model, values, Some(filter))?;
        Ok(Js::Array(vec![Js::from(count)]))
    }

    /// `destroy(model, { where, truncate, force })`: the number of rows.
    pub fn destroy(&mut self, model: &str, options: &Json) -> Result<Js> {
        let options = destroy_options_from_json(options)?;
        Ok(Js::from(self.db.destroy_where(model, options)?))
    }

    /// `restore(model, { where })`: the number of rows.
    pub fn restore(&mut self, model: &str, options: &Json) -> Result<Js> {
        let filter = restore_where_from_json(options)?;
        Ok(Js::from(self.db.restore_where(model, filter)?))
    }

    /// `increment(model, fields, { by, where })`.
    pub fn increment(&mut self, model: &str, fields: &Json, options: &Json) -> Result<Js> {
        let increment = increment_from_json(fields, options, false)?;
        self.db.increment_where(model, &increment.by, increment.filter)?;
        Ok(Js::Undefined)
    }
}

impl Engine {
    /// `build(model, valuesJson)` → handle.
    pub fn build(&mut self, model: &str, values: JsValue, defaults: JsValue) -> Result<JsValue, JsValue> {
        let (values, defaults) = (arg(&values)?, arg(&defaults)?);
        done(self.core.build(model, &values, &defaults))
    }

    /// `create(model, valuesJson, optionsJson)` → handle.
    pub fn create(&mut self, model: &str, values: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let (values, options) = (arg(&values)?, arg(&options)?);
        done(self.core.create(model, &values, &options))
    }

    /// `upsert(model, valuesJson, optionsJson)` → `[handle, null]`.
    pub fn upsert(&mut self, model: &str, values: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let (values, options) = (arg(&values)?, arg(&options)?);
        done(self.core.upsert(model, &values, &options))
    }

    /// `bulkCreate(model, rowsJson, optionsJson)` → `[handle]`.
    pub fn bulk_create(&mut self, model: &str, rows: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let (rows, options) = (arg(&rows)?, arg(&options)?);
        done(self.core.bulk_create(model, &rows, &options))
    }

    /// `update(model, valuesJson, optionsJson)` → `[affectedCount]`.
    pub fn update(&mut self, model: &str, values: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let (values, options) = (arg(&values)?, arg(&options)?);
        done(self.core.update(model, &values, &options))
    }

    /// `destroy(model, optionsJson)` → number.
    pub fn destroy(&mut self, model: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = arg(&options)?;
        done(self.core.destroy(model, &options))
    }

    /// `restore(model, optionsJson)` → number.
    pub fn restore(&mut self, model: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = arg(&options)?;
        done(self.core.restore(model, &options))
    }

    /// `increment(model, fieldsJson, optionsJson)`.
    pub fn increment(&mut self, model: &str, fields: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let (fields, options) = (arg(&fields)?, arg(&options)?);
        done(self.core.increment(model, &fields, &options))
    }
}
