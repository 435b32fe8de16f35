//! Instances: one row of a model in memory, with Sequelize's change tracking (`changed()`,
//! `previous()`), `isNewRecord`, and where it came from (the query whose result built it), which
//! the N+1 analyzer reads to tell a lazy load inside a loop from a single lazy load.

use std::rc::Rc;

use indexmap::IndexMap;

pub use crate::attribute_values::Record;
use crate::attribute_values::Values;
use crate::value::Value;

/// An association's value on an instance: what a lazy load returned, or what an `include`
/// loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum Related {
    /// A single association (`belongsTo`, `hasOne`): the instance, or none.
    One(Option<Box<Instance>>),
    /// A many association (`hasMany`, `belongsToMany`): the instances, in order.
    Many(Vec<Instance>),
}

/// One instance of a model.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// The model's name (shared by the instances of one query).
    pub model: Rc<str>,
    values: Values,
    /// The saved values of the attributes set since the last save or read (only those: copying
    /// every row's values up front would double the cost of every read), in the order set.
    previous: Vec<(String, Value)>,
    changed: Vec<String>,
    /// True until the instance is saved (Sequelize's `isNewRecord`).
    pub is_new_record: bool,
    /// The id of the query event whose result built this instance, and how many rows it had.
    pub source: Option<(u64, usize)>,
    /// Associations loaded by `include`, by alias, in include order.
    pub included: IndexMap<String, Related>,
}

impl Instance {
    /// Hides `name` from the instance's values: a key a find read only to fold its rows.
    pub(crate) fn hide(&mut self, name: &str) {
        self.values.remove(name);
    }

    /// A new, unsaved instance with these values (`Model.build`).
    pub fn new(model: &str, values: Record) -> Self {
        let values = Values::from(values);
        let changed = crate::collect::map_vec(values.keys(), String::clone);
        Instance::built(&model.into(), values, changed)
    }

    /// A new, unsaved instance whose `changed` attributes are the given ones (`Model.build`
    /// counts only the values passed, not defaults).
    pub fn built(model: &Rc<str>, values: Values, changed: Vec<String>) -> Self {
        Instance {
            model: Rc::clone(model),
            values,
            previous: Vec::new(),
            changed,
            is_new_record: true,
            source: None,
            included: IndexMap::new(),
        }
    }

    /// An instance read from the database: nothing is changed.
    pub fn loaded(model: &str, values: Record, source: Option<(u64, usize)>) -> Self {
        Instance::read(&model.into(), Values::from(values), source)
    }

    /// [`Instance::loaded`] with the model's name shared with the other instances of a query.
    pub(crate) fn read(model: &Rc<str>, values: Values, source: Option<(u64, usize)>) -> Self {
        Instance {
            model: Rc::clone(model),
            previous: Vec::new(),
            values,
            changed: Vec::new(),
            is_new_record: false,
            source,
            included: IndexMap::new(),
        }
    }

    /// The value of an attribute, if it is set.
    pub fn get(&self, attribute: &str) -> Option<&Value> {
        self.values.get(attribute)
    }

    /// The value of an attribute, or null.
    pub fn value(&self, attribute: &str) -> Value {
        self.values.get(attribute).cloned().unwrap_or(Value::Null)
    }

    /// Every value, in order (`dataValues`).
    pub fn values(&self) -> &Values {
        &self.values
    }

    /// Sets an attribute; it counts as changed when it differs from the value last saved or read.
    pub fn set(&mut self, attribute: &str, value: Value) {
        if !self.is_new_record && self.saved(attribute).is_none() {
            if let Some(saved) = self.values.get(attribute) {
                self.previous.push((attribute.to_owned(), saved.clone()));
            }
        }
        let differs = self.saved(attribute) != Some(&value);
        self.values.insert(attribute, value);
        let listed = self.changed.iter().any(|c| c == attribute);
        if differs && !listed {
            self.changed.push(attribute.to_owned());
        } else if !differs && listed && !self.is_new_record {
            self.changed.retain(|c| c != attribute);
        }
    }

    /// The attributes changed since the last save or read, in the order they were set.
    pub fn changed(&self) -> &[String] {
        &self.changed
    }

    /// Whether `attribute` changed since the last save or read.
    pub fn is_changed(&self, attribute: &str) -> bool {
        self.changed.iter().any(|c| c == attribute)
    }

    /// The saved value of an attribute set since the last save or read.
    fn saved(&self, attribute: &str) -> Option<&Value> {
        self.previous.iter().find(|(name, _)| name == attribute).map(|(_, value)| value)
    }

    /// The value an attribute had when last saved or read (none for a record never saved).
    pub fn previous(&self, attribute: &str) -> Option<&Value> {
        match self.saved(attribute) {
            Some(saved) => Some(saved),
            None if self.is_new_record => None,
            None => self.values.get(attribute),
        }
    }

    /// An association loaded by `include`, by alias.
    pub fn related(&self, alias: &str) -> Option<&Related> {
        self.included.get(alias)
    }

    /// Marks everything as saved: the current values become the previous ones.
    pub(crate) fn mark_saved(&mut self) {
        self.previous.clear();
        self.changed.clear();
        self.is_new_record = false;
    }

    /// Marks only `fields` as saved (`save({ fields })`): the others stay changed.
    pub(crate) fn mark_saved_fields(&mut self, fields: &[String]) {
        self.previous.retain(|(name, _)| !fields.contains(name));
        self.changed.retain(|name| !fields.contains(name));
        self.is_new_record = false;
    }

    /// Replaces every value with what was read (reload).
    pub(crate) fn replace_values(&mut self, values: Values) {
        for (k, v) in values.iter() {
            self.values.insert(k, v.clone());
        }
        self.mark_saved();
    }

    /// Sets a value without counting it as a change (keys assigned by the database).
    pub(crate) fn set_saved(&mut self, attribute: &str, value: Value) {
        self.values.insert(attribute, value);
        self.previous.retain(|(name, _)| name != attribute);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_tracking_follows_sequelize() {
        let mut record = Record::new();
        record.insert("title".into(), Value::from("a"));
        let mut book = Instance::loaded("Book", record, None);
        assert!(book.changed().is_empty());
        book.set("title", Value::from("b"));
        assert_eq!(book.changed(), ["title"]);
        assert_eq!(book.previous("title"), Some(&Value::from("a")));
        book.set("title", Value::from("a"));
        assert!(book.changed().is_empty(), "setting the old value back is no change");
        let fresh = Instance::new("Book", Record::from([("title".to_owned(), Value::from("x"))]));
        assert!(fresh.is_new_record);
        assert_eq!(fresh.changed(), ["title"]);
    }
}
