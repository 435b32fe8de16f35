//! The model-level reads: `findAll`, `findOne`, `findByPk`, `findOrCreate`,
//! `findAndCountAll`, `count` and `max`/`min`/`sum`.
//!
//! Options are parsed by `orm::options` (which refuses anything it does not understand) and run
//! by the core; this module decides the shape of the answer: handles, or with `raw: true` plain
//! rows as Sequelize gives them (values as stored, includes flattened into `'alias.attribute'`
//! keys, or nested objects with `nest: true`).

use orm::options::{count_options_in, find_options_in, find_or_create_from_json, value_from_json, CountOptions};
use orm::{Aggregate, FindOptions, Include, Instance, Result};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

use crate::convert::{nest, raw_rows, Js, Models};
use crate::engine::{arg, done, Core, Engine};
use crate::errors;

impl Core {
    /// `findAll(model, options)`: `[handle]`, or plain rows with `raw: true`.
    pub fn find_all(&mut self, model: &str, options: &Json) -> Result<Js> {
        let find = find_options_in(&self.db, model, "findAll", options)?;
        let found = self.db.find_all(model, &find)?;
        self.result_list(model, &find, options, found)
    }

    /// `findOne(model, options)`: a handle (or a row with `raw: true`), or `null`.
    pub fn find_one(&mut self, model: &str, options: &Json) -> Result<Js> {
        let find = find_options_in(&self.db, model, "findOne", options)?;
        let found = self.db.find_one(model, &find)?;
        self.result_one(model, &find, options, found)
    }

    /// `findByPk(model, key, options)`: as `findOne`; a `null` key finds nothing without a query,
    /// as in Sequelize.
    pub fn find_by_pk(&mut self, model: &str, key: &Json, options: &Json) -> Result<Js> {
        let find = find_options_in(&self.db, model, "findByPk", options)?;
        let key = value_from_json(key)?;
        if key.is_null() {
            self.db.model(model)?;
            return Ok(Js::Null);
        }
        let found = self.db.find_by_pk(model, key, &find)?;
        self.result_one(model, &find, options, found)
    }

    /// `findOrCreate(model, { where, defaults })`: `[handle, created]`.
    pub fn find_or_create(&mut self, model: &str, options: &Json) -> Result<Js> {
        let (filter, defaults) = find_or_create_from_json(options)?;
        let (instance, created) = self.db.find_or_create(model, filter, defaults)?;
        let handle = self.register(instance, &[]);
        Ok(Js::Array(vec![handle, Js::from(created)]))
    }

    /// `findAndCountAll(model, options)`: `{ count, rows }`.
    pub fn find_and_count_all(&mut self, model: &str, options: &Json) -> Result<Js> {
        let counted = count_options_in(&self.db, model, "findAndCountAll", options)?;
        check_countable("findAndCountAll", &counted)?;
        let (count, found) = self.db.find_and_count_all(model, &counted.find)?;
        let rows = self.result_list(model, &counted.find, options, found)?;
        Ok(Js::object([("count", Js::from(count)), ("rows", rows)]))
    }

    /// `count(model, options)`: a number.
    pub fn count(&mut self, model: &str, options: &Json) -> Result<Js> {
        let counted = count_options_in(&self.db, model, "count", options)?;
        Ok(Js::from(self.db.count_column(model, &counted.find, counted.col.as_deref())?))
    }

    /// `aggregate(model, fn, attribute, options)` with `fn` one of `max`, `min`, `sum`.
    pub fn aggregate(&mut self, model: &str, function: &str, attribute: &str, options: &Json) -> Result<Js> {
        let aggregate = match function {
            "max" => Aggregate::Max,
            "min" => Aggregate::Min,
            "sum" => Aggregate::Sum,
            other => return Err(errors::usage(format!("Unknown aggregate {other:?}; use max, min or sum"))),
        };
        let find = find_options_in(&self.db, model, function, options)?;
        Ok(Js::value(&self.db.aggregate(model, aggregate, attribute, &find)?))
    }

    /// A list result: handles, or rows with `raw: true`.
    pub(crate) fn result_list(
        &mut self,
        model: &str,
        find: &FindOptions,
        options: &Json,
        found: Vec<Instance>,
    ) -> Result<Js> {
        if find.raw {
            let nested = options.get("nest").and_then(Json::as_bool).unwrap_or(false);
            let models = self.models_by_path(model, &find.include, &found)?;
            let rows = raw_rows(&found, &models);
            return Ok(Js::Array(orm::collect::map_vec(rows, |row| if nested { nest(row) } else { Js::Object(row) })));
        }
        Ok(self.register_all(found, &find.include))
    }

    fn result_one(&mut self, model: &str, find: &FindOptions, options: &Json, found: Option<Instance>) -> Result<Js> {
        let Some(instance) = found else { return Ok(Js::Null) };
        match self.result_list(model, find, options, vec![instance])? {
            Js::Array(items) => Ok(items.into_iter().next().unwrap_or(Js::Null)),
            other => Ok(other),
        }
    }

    /// The model of every include path of a result (`""` for the root), from the include tree
    /// and, for junction rows, from the instances themselves.
    fn models_by_path(&self, model: &str, includes: &[Include], found: &[Instance]) -> Result<Models> {
        let mut models = Models::new();
        models.insert(String::new(), self.db.model(model)?.clone());
        let mut stack: Vec<(String, String, &Include)> =
            orm::collect::map_vec(includes.iter(), |i| (String::new(), model.to_owned(), i));
        while let Some((prefix, source, include)) = stack.pop() {
            let Some(alias) = include.alias.as_deref() else { continue };
            let target = self.db.association(&source, alias)?.target.clone();
            let path = if prefix.is_empty() { alias.to_owned() } else { format!("{prefix}.{alias}") };
            models.insert(path.clone(), self.db.model(&target)?.clone());
            stack.extend(include.include.iter().map(|i| (path.clone(), target.clone(), i)));
        }
        let mut instances: Vec<(String, &Instance)> = orm::collect::map_vec(found.iter(), |i| (String::new(), i));
        while let Some((path, instance)) = instances.pop() {
            if !models.contains_key(&path) {
                if let Ok(m) = self.db.model(&instance.model) {
                    models.insert(path.clone(), m.clone());
                }
            }
            for (alias, related) in &instance.included {
                let child = if path.is_empty() { alias.clone() } else { format!("{path}.{alias}") };
                match related {
                    orm::Related::One(Some(c)) => instances.push((child, c)),
                    orm::Related::One(None) => {}
                    orm::Related::Many(cs) => instances.extend(cs.iter().map(|c| (child.clone(), c))),
                }
            }
        }
        Ok(models)
    }
}

/// `findAndCountAll` counts rows (or, with `distinct`, roots): `col` is `count`'s alone here.
fn check_countable(method: &str, counted: &CountOptions) -> Result<()> {
    if counted.col.is_some() {
        return Err(errors::usage(format!(
            "Option \"col\" of {method} is not supported: count a column with Model.count({{ col, distinct }})"
        )));
    }
    Ok(())
}

impl Engine {
    /// `findAll(model, optionsJson)` → `[handle]`, or rows with `raw: true`.
    pub fn find_all(&mut self, model: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = arg(&options)?;
        done(self.core.find_all(model, &options))
    }

    /// `findOne(model, optionsJson)` → handle or `null`.
    pub fn find_one(&mut self, model: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = arg(&options)?;
        done(self.core.find_one(model, &options))
    }

    /// `findByPk(model, keyJson, optionsJson)` → handle or `null`.
    pub fn find_by_pk(&mut self, model: &str, key: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let (key, options) = (arg(&key)?, arg(&options)?);
        done(self.core.find_by_pk(model, &key, &options))
    }

    /// `findOrCreate(model, optionsJson)` → `[handle, created]`.
    pub fn find_or_create(&mut self, model: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = arg(&options)?;
        done(self.core.find_or_create(model, &options))
    }

    /// `findAndCountAll(model, optionsJson)` → `{ count, rows }`.
    pub fn find_and_count_all(&mut self, model: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = arg(&options)?;
        done(self.core.find_and_count_all(model, &options))
    }

    /// `count(model, optionsJson)` → number.
    pub fn count(&mut self, model: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = arg(&options)?;
        done(self.core.count(model, &options))
    }

    /// `aggregate(model, fn, attribute, optionsJson)` → value.
    pub fn aggregate(
        &mut self,
        model: &str,
        function: &str,
        attribute: &str,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options = arg(&options)?;
        done(self.core.aggregate(model, function, attribute, &options))
    }
}
