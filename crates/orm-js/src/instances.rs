//! Instance methods on handles: `get`, `set`, `keys`, `toJSON`, change tracking (`changed`,
//! `changedKey`, `previous`), `isNewRecord`, `modelOf`, and the writes `save`, `reload`,
//! `updateInstance`, `destroyInstance`, `restoreInstance`, `incrementInstance`, `validate`.
//!
//! Also how instances enter the table ([`Core::register`]): a result with includes is recorded
//! for unused-eager tracking first.
//!
//! Values set on an instance are sanitized as Sequelize's `set` does: a `DATE` given as text
//! becomes a date, a `BOOLEAN` given as `'true'`, `1`, … a boolean. Setting a key that is
//! neither an attribute nor an included association is ignored, as in Sequelize.

use orm::model::Model;
use orm::options::{check_write_options, increment_from_json, record_from_json, value_from_json};
use orm::types::DataType;
use orm::{Include, Instance, Record, Result, Value};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

use crate::convert::Js;
use crate::eager::Origin;
use crate::engine::{arg, done, Core, Engine};
use crate::errors;
use crate::handles::Handle;

impl Core {
    /// Stores an instance; `includes` are the includes of the find that built it, as resolved.
    pub fn register(&mut self, instance: Instance, includes: &[Include]) -> Js {
        match self.register_all(vec![instance], includes) {
            Js::Array(mut items) if !items.is_empty() => items.remove(0),
            _ => Js::Null,
        }
    }

    /// Stores the instances of one result: `[handle]`.
    pub fn register_all(&mut self, instances: Vec<Instance>, includes: &[Include]) -> Js {
        let query = if includes.is_empty() { None } else { self.eager.loaded(includes, &instances) };
        let handles = instances
            .into_iter()
            .map(|instance| {
                let origin = query.map(|query| Origin { query, path: Vec::new() });
                Js::from(u64::from(self.handles.insert(instance, origin)))
            })
            .collect();
        Js::Array(handles)
    }

    /// `get(h, key)`.
    pub fn get(&mut self, handle: Handle, key: &str) -> Result<Js> {
        self.handles.get(handle, key, &mut self.eager)
    }

    /// `set(h, key, value)`.
    pub fn set(&mut self, handle: Handle, key: &str, value: &Json) -> Result<Js> {
        let value = value_from_json(value)?;
        let slot = self.handles.slot_mut(handle)?;
        let model = self.db.model(&slot.instance.model)?;
        if let Some(attr) = model.attribute(key) {
            let value = sanitize(attr.data_type(), value);
            slot.instance.set(key, value);
        } else if model.is_virtual(key) {
            slot.instance.set(key, value);
        }
        Ok(Js::Undefined)
    }

    /// `keys(h)`.
    pub fn keys(&self, handle: Handle) -> Result<Js> {
        Ok(Js::list(self.handles.keys(handle)?, Js::from))
    }

    /// `toJSON(h)`.
    pub fn json_of(&mut self, handle: Handle) -> Result<Js> {
        self.handles.to_json(handle, &mut self.eager)
    }

    /// `changed(h)`: the changed attributes, or `false`.
    pub fn changed(&self, handle: Handle) -> Result<Js> {
        let changed = self.handles.slot(handle)?.instance.changed();
        if changed.is_empty() {
            return Ok(Js::Bool(false));
        }
        Ok(Js::list(changed.iter(), |c| Js::from(c.as_str())))
    }

    /// `changedKey(h, key)`.
    pub fn changed_key(&self, handle: Handle, key: &str) -> Result<Js> {
        Ok(Js::Bool(self.handles.slot(handle)?.instance.is_changed(key)))
    }

    /// `previous(h, key)`: the value when last saved or read; `undefined` when there is none.
    pub fn previous(&self, handle: Handle, key: &str) -> Result<Js> {
        Ok(self.handles.slot(handle)?.instance.previous(key).map_or(Js::Undefined, Js::value))
    }

    /// `isNewRecord(h)`.
    pub fn is_new_record(&self, handle: Handle) -> Result<Js> {
        Ok(Js::Bool(self.handles.slot(handle)?.instance.is_new_record))
    }

    /// `modelOf(h)`.
    pub fn model_of(&self, handle: Handle) -> Result<Js> {
        Ok(Js::from(self.handles.slot(handle)?.instance.model.as_ref()))
    }

    /// `save(h, options)`.
    pub fn save(&mut self, handle: Handle, options: &Json) -> Result<Js> {
        check_write_options("save", options)?;
        let fields = match options.get("fields") {
            None | Some(Json::Null) => None,
            Some(Json::Array(items)) => Some(
                orm::collect::try_map(items, |f| f.as_str().map(str::to_owned).ok_or(()))
                    .map_err(|()| crate::errors::usage("save: fields must be an array of attribute names"))?,
            ),
            Some(_) => return Err(crate::errors::usage("save: fields must be an array of attribute names")),
        };
        let slot = self.handles.slot_mut(handle)?;
        match fields {
            Some(fields) => self.db.save_fields(&mut slot.instance, &fields)?,
            None => self.db.save(&mut slot.instance)?,
        }
        Ok(Js::Undefined)
    }

    /// `reload(h)`.
    pub fn reload(&mut self, handle: Handle) -> Result<Js> {
        let slot = self.handles.slot_mut(handle)?;
        self.db.reload(&mut slot.instance)?;
        Ok(Js::Undefined)
    }

    /// `updateInstance(h, values, options)`: `instance.update(values)`.
    pub fn update_instance(&mut self, handle: Handle, values: &Json, options: &Json) -> Result<Js> {
        check_write_options("update", options)?;
        let values = record_from_json(values)?;
        let slot = self.handles.slot_mut(handle)?;
        let values = sanitize_record(self.db.model(&slot.instance.model)?, values);
        self.db.update_instance(&mut slot.instance, values)?;
        Ok(Js::Undefined)
    }

    /// `destroyInstance(h, options)`: `instance.destroy({ force })`.
    pub fn destroy_instance(&mut self, handle: Handle, options: &Json) -> Result<Js> {
        check_write_options("destroy", options)?;
        let force = options.get("force").and_then(Json::as_bool).unwrap_or(false);
        let slot = self.handles.slot_mut(handle)?;
        self.db.destroy_instance(&mut slot.instance, force)?;
        Ok(Js::Undefined)
    }

    /// `restoreInstance(h)`.
    pub fn restore_instance(&mut self, handle: Handle) -> Result<Js> {
        let slot = self.handles.slot_mut(handle)?;
        self.db.restore_instance(&mut slot.instance)?;
        Ok(Js::Undefined)
    }

    /// `incrementInstance(h, fields, options)`: `instance.increment(fields, { by })`.
    pub fn increment_instance(&mut self, handle: Handle, fields: &Json, options: &Json) -> Result<Js> {
        let increment = increment_from_json(fields, options, false)?;
        if increment.filter.is_some() {
            return Err(errors::usage(
                "instance.increment takes no where: it changes this instance's row; use Model.increment for others",
            ));
        }
        let slot = self.handles.slot(handle)?;
        self.db.increment_instance(&slot.instance, &increment.by)?;
        Ok(Js::Undefined)
    }

    /// `validate(h)`: throws the `ValidationError` a save would throw.
    pub fn validate(&self, handle: Handle) -> Result<Js> {
        self.db.validate(&self.handles.slot(handle)?.instance, None)?;
        Ok(Js::Undefined)
    }
}

/// A value as Sequelize's `set` keeps it for an attribute of `data_type`: text in a `DATE`
/// becomes a date when it reads as one; `'true'`, `'1'`, `1` … in a `BOOLEAN` become booleans.
/// Anything else is kept, for validation to judge.
pub fn sanitize(data_type: &DataType, value: Value) -> Value {
    match (data_type, &value) {
        (DataType::Date, Value::Text(text)) => orm::datetime::parse(text).map_or(value, Value::Date),
        (DataType::Boolean, Value::Text(text)) => match text.as_str() {
            "true" | "1" | "t" => Value::Bool(true),
            "false" | "0" | "f" => Value::Bool(false),
            _ => value,
        },
        (DataType::Boolean, Value::Int(i @ (0 | 1))) => Value::Bool(*i == 1),
        _ => value,
    }
}

/// [`sanitize`] for every value of a record that is an attribute of `model`.
pub fn sanitize_record(model: &Model, mut record: Record) -> Record {
    for (key, value) in record.iter_mut() {
        if let Some(attr) = model.attribute(key) {
            *value = sanitize(attr.data_type(), std::mem::replace(value, Value::Null));
        }
    }
    record
}

impl Engine {
    /// `get(h, key)` → value, handle(s) of an included association, or `undefined`.
    pub fn get(&mut self, handle: Handle, key: &str) -> Result<JsValue, JsValue> {
        done(self.core.get(handle, key))
    }

    /// `set(h, key, valueJson)`.
    pub fn set(&mut self, handle: Handle, key: &str, value: JsValue) -> Result<JsValue, JsValue> {
        let value = arg(&value)?;
        done(self.core.set(handle, key, &value))
    }

    /// `keys(h)` → attribute and included association names, in `dataValues` order.
    pub fn keys(&self, handle: Handle) -> Result<JsValue, JsValue> {
        done(self.core.keys(handle))
    }

    /// `toJSON(h)` → a plain object with includes nested.
    pub fn json_of(&mut self, handle: Handle) -> Result<JsValue, JsValue> {
        done(self.core.json_of(handle))
    }

    /// `changed(h)` → `[names]` or `false`.
    pub fn changed(&self, handle: Handle) -> Result<JsValue, JsValue> {
        done(self.core.changed(handle))
    }

    /// `changedKey(h, key)` → bool.
    pub fn changed_key(&self, handle: Handle, key: &str) -> Result<JsValue, JsValue> {
        done(self.core.changed_key(handle, key))
    }

    /// `previous(h, key)` → the value when last saved or read.
    pub fn previous(&self, handle: Handle, key: &str) -> Result<JsValue, JsValue> {
        done(self.core.previous(handle, key))
    }

    /// `isNewRecord(h)` → bool.
    pub fn is_new_record(&self, handle: Handle) -> Result<JsValue, JsValue> {
        done(self.core.is_new_record(handle))
    }

    /// `modelOf(h)` → model name.
    pub fn model_of(&self, handle: Handle) -> Result<JsValue, JsValue> {
        done(self.core.model_of(handle))
    }

    /// `save(h, optionsJson)`.
    pub fn save(&mut self, handle: Handle, options: JsValue) -> Result<JsValue, JsValue> {
        let options = arg(&options)?;
        done(self.core.save(handle, &options))
    }

    /// `reload(h)`.
    pub fn reload(&mut self, handle: Handle) -> Result<JsValue, JsValue> {
        done(self.core.reload(handle))
    }

    /// `updateInstance(h, valuesJson, optionsJson)`.
    pub fn update_instance(&mut self, handle: Handle, values: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let (values, options) = (arg(&values)?, arg(&options)?);
        done(self.core.update_instance(handle, &values, &options))
    }

    /// `destroyInstance(h, optionsJson)`.
    pub fn destroy_instance(&mut self, handle: Handle, options: JsValue) -> Result<JsValue, JsValue> {
        let options = arg(&options)?;
        done(self.core.destroy_instance(handle, &options))
    }

    /// `restoreInstance(h)`.
    pub fn restore_instance(&mut self, handle: Handle) -> Result<JsValue, JsValue> {
        done(self.core.restore_instance(handle))
    }

    /// `incrementInstance(h, fieldsJson, optionsJson)`.
    pub fn increment_instance(
        &mut self,
        handle: Handle,
        fields: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (fields, options) = (arg(&fields)?, arg(&options)?);
        done(self.core.increment_instance(handle, &fields, &options))
    }

    /// `validate(h)`: throws a `SequelizeValidationError` when a value fails.
    pub fn validate(&self, handle: Handle) -> Result<JsValue, JsValue> {
        done(self.core.validate(handle))
    }

    /// `markRead(h, alias)`: the code read the included association `alias` of this instance.
    pub fn mark_read(&mut self, handle: Handle, alias: &str) -> Result<JsValue, JsValue> {
        done(self.core.mark_read(handle, alias))
    }
}

impl Core {
    /// `markRead(h, alias)`.
    pub fn mark_read(&mut self, handle: Handle, alias: &str) -> Result<Js> {
        let slot = self.handles.slot(handle)?;
        if let Some(origin) = &slot.origin {
            self.eager.read(origin, alias);
        }
        Ok(Js::Undefined)
    }
}
