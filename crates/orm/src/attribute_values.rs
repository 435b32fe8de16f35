//! The values of one instance: the attribute names, shared by every row one query read, and one
//! vector of values per row. A read of 10,000 rows builds one list of names, not 10,000 maps.
//!
//! Lookups scan the names: a model has a handful of attributes, where a scan is as fast as a
//! hash. Setting an attribute the row did not read copies the names for that row alone.

use std::rc::Rc;

use indexmap::IndexMap;

use crate::value::Value;

/// A row as an ordered map from attribute name (or alias) to value.
pub type Record = IndexMap<String, Value>;

/// Attribute names in column order, shared by the rows of one query.
pub type Names = Rc<Vec<String>>;

/// Ordered values by attribute name (or alias), like a [`Record`].
#[derive(Clone, Default)]
pub struct Values {
    names: Names,
    values: Vec<Value>,
}

impl Values {
    /// No values.
    pub fn new() -> Values {
        Values::default()
    }

    /// A row whose `values` are in the order of `names` (extra values are dropped, missing ones
    /// are null).
    pub fn from_row(names: &Names, mut values: Vec<Value>) -> Values {
        values.resize(names.len(), Value::Null);
        Values { names: Rc::clone(names), values }
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// Drops `name` and its value (the names of other rows are not touched: this row gets its own).
    pub fn remove(&mut self, name: &str) {
        if let Some(i) = self.position(name) {
            Rc::make_mut(&mut self.names).remove(i);
            self.values.remove(i);
        }
    }

    /// The value of `name`, if it is set.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.position(name).map(|i| &self.values[i])
    }

    /// The value of `name`, looked for at `index` first (rows built or read in attribute order
    /// have each attribute at its own index).
    pub fn get_at(&self, index: usize, name: &str) -> Option<&Value> {
        match self.names.get(index) {
            Some(found) if found == name => self.values.get(index),
            _ => self.get(name),
        }
    }

    /// Whether `name` is set.
    pub fn contains_key(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// Sets `name`, in place when it is set already, otherwise last.
    pub fn insert(&mut self, name: &str, value: Value) {
        match self.position(name) {
            Some(i) => self.values[i] = value,
            None => {
                Rc::make_mut(&mut self.names).push(name.to_owned());
                self.values.push(value);
            }
        }
    }

    /// The names, in order.
    pub fn keys(&self) -> std::slice::Iter<'_, String> {
        self.names.iter()
    }

    /// The names and values, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.names.iter().zip(&self.values)
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// A copy as a [`Record`].
    pub fn to_record(&self) -> Record {
        self.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }
}

impl From<Record> for Values {
    fn from(record: Record) -> Values {
        let (names, values) = record.into_iter().unzip();
        Values { names: Rc::new(names), values }
    }
}

/// Equal when they hold the same names with equal values, in any order (as maps compare).
impl PartialEq for Values {
    fn eq(&self, other: &Values) -> bool {
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl std::fmt::Debug for Values {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_share_names_until_one_sets_a_new_attribute() {
        let names: Names = Rc::new(vec!["id".into(), "title".into()]);
        let mut a = Values::from_row(&names, vec![Value::Int(1), Value::from("a")]);
        let b = Values::from_row(&names, vec![Value::Int(2)]);
        assert_eq!(b.get("title"), Some(&Value::Null));
        assert_eq!((a.get_at(0, "id"), a.get_at(0, "title")), (Some(&Value::Int(1)), Some(&Value::from("a"))));
        a.insert("title", Value::from("b"));
        a.insert("extra", Value::Bool(true));
        assert_eq!(a.keys().collect::<Vec<_>>(), ["id", "title", "extra"]);
        assert_eq!(b.keys().len(), 2, "the other row keeps the shared names");
        let record = a.to_record();
        assert_eq!(Values::from(record), a);
    }
}
