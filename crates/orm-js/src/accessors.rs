//! Association accessors on instances (`callAccessor(h, alias, verb, arg, options)`): the
//! `getX`, `countX`, `setX`, `addX(s)`, `removeX(s)`, `hasX(s)` and `createX` that Sequelize
//! generates, on the core's lazy loads and association writes.
//!
//! Targets arrive as instance handles (`{"$instance": h}`), as primary-key values, or as a list
//! of those; each becomes the target's primary key. A target that is not an instance of the
//! associated model, or that has not been saved, is a clear error.

use orm::options::{count_options_in, find_options_in, record_from_json, value_from_json};
use orm::{Association, Record, Related, Result, Value};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

use crate::convert::Js;
use crate::engine::{arg, done, Core, Engine};
use crate::errors;
use crate::handles::Handle;

/// The options every accessor accepts and the shell acts on.
const TRANSPORT: [&str; 3] = ["transaction", "logging", "benchmark"];

impl Core {
    /// `callAccessor(h, alias, verb, arg, options)`.
    pub fn call_accessor(&mut self, handle: Handle, alias: &str, verb: &str, arg: &Json, options: &Json) -> Result<Js> {
        let model = self.handles.slot(handle)?.instance.model.clone();
        let association = self.db.association(&model, alias)?.clone();
        let name = accessor_name(&association, verb);
        match verb {
            "get" => {
                let (options, through) = junction_read_options(&association, &name, options)?;
                let mut find = find_options_in(&self.db, &association.target, &name, &options)?;
                find.through = through;
                let related = self.db.get_related(&self.handles.slot(handle)?.instance, alias, &find)?;
                Ok(match related {
                    Related::One(one) => match one {
                        Some(instance) => self.register(*instance, &find.include),
                        None => Js::Null,
                    },
                    Related::Many(many) => self.register_all(many, &find.include),
                })
            }
            "count" => {
                let counted = count_options_in(&self.db, &association.target, "count", options)?;
                let count = self.db.count_related(&self.handles.slot(handle)?.instance, alias, &counted.find)?;
                Ok(Js::from(count))
            }
            "set" => {
                let through = if association.through.is_some() {
                    through(&name, options)?
                } else {
                    check_options(&name, options, &[])?;
                    Record::new()
                };
                let targets = self.targets(&association, arg)?;
                let slot = self.handles.slot_mut(handle)?;
                self.db.set_related_through(&mut slot.instance, alias, &targets, through)?;
                Ok(Js::Undefined)
            }
            "add" => {
                let through = through(&name, options)?;
                let targets = self.targets(&association, arg)?;
                self.db.add_related(&self.handles.slot(handle)?.instance, alias, &targets, through)?;
                Ok(Js::Undefined)
            }
            "remove" => {
                check_options(&name, options, &[])?;
                let targets = self.targets(&association, arg)?;
                self.db.remove_related(&self.handles.slot(handle)?.instance, alias, &targets)?;
                Ok(Js::Undefined)
            }
            "has" => {
                check_options(&name, options, &[])?;
                let targets = self.targets(&association, arg)?;
                Ok(Js::Bool(self.db.has_related(&self.handles.slot(handle)?.instance, alias, &targets)?))
            }
            "create" => {
                let through = through(&name, options)?;
                let values = record_from_json(arg)?;
                let slot = self.handles.slot_mut(handle)?;
                let created = self.db.create_related(&mut slot.instance, alias, values, through)?;
                Ok(self.register(created, &[]))
            }
            other => Err(errors::usage(format!(
                "Unknown accessor verb {other:?}; use get, set, add, remove, has, count or create"
            ))),
        }
    }

    /// The primary keys of the targets given to an accessor: `null` (none), a handle, a key,
    /// or a list of handles and keys.
    fn targets(&self, association: &Association, arg: &Json) -> Result<Vec<Value>> {
        let items: Vec<&Json> = match arg {
            Json::Null => Vec::new(),
            Json::Array(items) => items.iter().collect(),
            one => vec![one],
        };
        let target = self.db.model(&association.target)?;
        let pk = target
            .primary_key_attribute()
            .map(|a| a.name.clone())
            .ok_or_else(|| errors::usage(format!("{} needs a single primary key for this accessor", target.name)))?;
        let mut keys = Vec::with_capacity(items.len());
        for item in items {
            let key = match item.get("$instance").and_then(Json::as_u64) {
                Some(h) => {
                    let h = Handle::try_from(h).map_err(|_| errors::unknown_handle(Handle::MAX))?;
                    let instance = &self.handles.slot(h)?.instance;
                    if *instance.model != *target.name {
                        return Err(errors::usage(format!(
                            "{} of {} takes {} instances (or their keys); got a {}",
                            association.alias, association.source, target.name, instance.model
                        )));
                    }
                    let key = instance.value(&pk);
                    if key.is_null() {
                        return Err(errors::usage(format!(
                            "This {} has no {pk} yet; save it before associating it",
                            target.name
                        )));
                    }
                    key
                }
                None => value_from_json(item)?,
            };
            keys.push(key);
        }
        Ok(keys)
    }
}

/// The accessor's Sequelize name (`addCourse`), for messages.
fn accessor_name(association: &Association, verb: &str) -> String {
    let upper = orm::inflection::upper_first(&association.alias);
    let single = orm::inflection::upper_first(&orm::inflection::singularize(&association.alias));
    match verb {
        "add" | "remove" | "has" | "create" if association.kind.is_many() => format!("{verb}{single}"),
        _ => format!("{verb}{upper}"),
    }
}

/// Refuses options other than the transport ones and `own`.
fn check_options(method: &str, options: &Json, own: &[&str]) -> Result<()> {
    let obj = match options {
        Json::Null => return Ok(()),
        Json::Object(obj) => obj,
        other => return Err(errors::usage(format!("{method}: expected an options object; got {other}"))),
    };
    let known: Vec<&str> = own.iter().chain(TRANSPORT.iter()).copied().collect();
    match obj.keys().find(|k| !known.contains(&k.as_str())) {
        Some(key) => {
            Err(errors::usage(format!("Unknown option {key:?} in {method}; the options are: {}", known.join(", "))))
        }
        None => Ok(()),
    }
}

/// A `belongsToMany` getter's own options (`joinTableAttributes`, `through: { where,
/// attributes }`), taken out of the finder options the rest of `getX` shares with `findAll`.
fn junction_read_options(
    association: &Association,
    method: &str,
    options: &Json,
) -> Result<(Json, Option<orm::ThroughOptions>)> {
    let Json::Object(obj) = options else { return Ok((options.clone(), None)) };
    if association.through.is_none() || !(obj.contains_key("joinTableAttributes") || obj.contains_key("through")) {
        return Ok((options.clone(), None));
    }
    let mut rest = obj.clone();
    let mut through = match rest.remove("through") {
        None | Some(Json::Null) => orm::ThroughOptions::default(),
        Some(json) => orm::options::through_options_from_json(&format!("{method}.through"), &json)?,
    };
    match rest.remove("joinTableAttributes") {
        None | Some(Json::Null) => {}
        Some(Json::Array(names)) => {
            let names = orm::collect::try_map(names, |n| n.as_str().map(str::to_owned).ok_or(()));
            through.attributes = Some(names.map_err(|()| {
                errors::usage(format!("{method}: joinTableAttributes must be an array of attribute names"))
            })?);
        }
        Some(_) => {
            return Err(errors::usage(format!("{method}: joinTableAttributes must be an array of attribute names")))
        }
    }
    Ok((Json::Object(rest), Some(through)))
}

/// The `through` values of `addX` / `createX` (junction attributes of a `belongsToMany`).
fn through(method: &str, options: &Json) -> Result<Record> {
    check_options(method, options, &["through"])?;
    match options.get("through") {
        None | Some(Json::Null) => Ok(Record::new()),
        Some(values) => record_from_json(values),
    }
}

impl Engine {
    /// `callAccessor(h, alias, verb, argJson, optionsJson)` → what Sequelize's accessor returns
    /// (handle, `[handle]`, bool, number, or `undefined`).
    pub fn call_accessor(
        &mut self,
        handle: Handle,
        alias: &str,
        verb: &str,
        target: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (target, options) = (arg(&target)?, arg(&options)?);
        done(self.core.call_accessor(handle, alias, verb, &target, &options))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn options_are_checked() {
        assert!(check_options("addCourse", &json!({"transaction": null}), &[]).is_ok());
        let err = check_options("addCourse", &json!({"thru": {}}), &["through"]).unwrap_err();
        assert_eq!(
            err.message,
            "Unknown option \"thru\" in addCourse; the options are: through, transaction, logging, benchmark"
        );
        assert_eq!(through("addCourse", &json!({"through": {"grade": "A"}})).unwrap()["grade"], Value::from("A"));
    }
}
