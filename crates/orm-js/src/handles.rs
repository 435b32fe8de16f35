//! The instance table: JavaScript holds instances as handles (numbers from 1), the engine holds
//! the [`Instance`]s. A handle lives until the engine is reset.
//!
//! An instance that came with included associations is split up as it is stored: every
//! included instance gets its own handle and the parent keeps the handles, so that
//! `post.author` is the same object each time it is read and a change to it stays in the tree
//! that `toJSON` prints.

use indexmap::IndexMap;
use orm::{Instance, Related, Result};

use crate::convert::Js;
use crate::eager::{Eager, Origin};
use crate::errors::unknown_handle;

/// A handle: a number JavaScript holds for an instance.
pub type Handle = u32;

/// An included association on a stored instance.
#[derive(Debug, Clone, PartialEq)]
pub enum Rel {
    /// A single association: the instance, or none.
    One(Option<Handle>),
    /// A many association: the instances, in order.
    Many(Vec<Handle>),
}

impl Rel {
    /// The association as JavaScript gets it from `get`: a handle, `null` or `[handle]`.
    pub fn to_js(&self) -> Js {
        match self {
            Rel::One(Some(h)) => Js::from(u64::from(*h)),
            Rel::One(None) => Js::Null,
            Rel::Many(hs) => Js::list(hs.iter(), |h| Js::from(u64::from(*h))),
        }
    }
}

/// One stored instance.
#[derive(Debug, Clone)]
pub struct Slot {
    /// The instance, without its included associations (they are in `included`).
    pub instance: Instance,
    /// The included associations, by alias, in include order.
    pub included: IndexMap<String, Rel>,
    /// Where the instance sits in a result with includes, for unused-eager tracking.
    pub origin: Option<Origin>,
}

/// The table of stored instances.
#[derive(Debug, Default)]
pub struct Handles {
    slots: Vec<Slot>,
}

impl Handles {
    /// Stores an instance and, each under its own handle, the instances included in it.
    pub fn insert(&mut self, mut instance: Instance, origin: Option<Origin>) -> Handle {
        let included = std::mem::take(&mut instance.included);
        let mut rels = IndexMap::with_capacity(included.len());
        for (alias, related) in included {
            let child = origin.as_ref().map(|o| o.child(&alias));
            let rel = match related {
                Related::One(one) => Rel::One(one.map(|b| self.insert(*b, child.clone()))),
                Related::Many(many) => Rel::Many(orm::collect::map_vec(many, |c| self.insert(c, child.clone()))),
            };
            rels.insert(alias, rel);
        }
        self.slots.push(Slot { instance, included: rels, origin });
        Handle::try_from(self.slots.len()).unwrap_or(Handle::MAX)
    }

    /// The instance behind a handle.
    pub fn slot(&self, handle: Handle) -> Result<&Slot> {
        let index = (handle as usize).checked_sub(1).ok_or_else(|| unknown_handle(handle))?;
        self.slots.get(index).ok_or_else(|| unknown_handle(handle))
    }

    /// The instance behind a handle, to change it.
    pub fn slot_mut(&mut self, handle: Handle) -> Result<&mut Slot> {
        let index = (handle as usize).checked_sub(1).ok_or_else(|| unknown_handle(handle))?;
        self.slots.get_mut(index).ok_or_else(|| unknown_handle(handle))
    }

    /// `instance.get(key)`: an attribute value, an included association (which counts as a
    /// read of it), or `undefined`.
    pub fn get(&self, handle: Handle, key: &str, eager: &mut Eager) -> Result<Js> {
        let slot = self.slot(handle)?;
        if let Some(value) = slot.instance.get(key) {
            return Ok(Js::value(value));
        }
        match slot.included.get(key) {
            Some(rel) => {
                if let Some(origin) = &slot.origin {
                    eager.read(origin, key);
                }
                Ok(rel.to_js())
            }
            None => Ok(Js::Undefined),
        }
    }

    /// The keys of `dataValues`: attributes, then included associations.
    pub fn keys(&self, handle: Handle) -> Result<Vec<String>> {
        let slot = self.slot(handle)?;
        Ok(slot.instance.values().keys().chain(slot.included.keys()).cloned().collect())
    }

    /// `instance.toJSON()`: the values in `dataValues` order with included instances nested.
    /// Every included association in the tree counts as read.
    pub fn to_json(&self, handle: Handle, eager: &mut Eager) -> Result<Js> {
        let slot = self.slot(handle)?;
        let mut pairs: Vec<(String, Js)> =
            orm::collect::map_vec(slot.instance.values().iter(), |(k, v)| (k.clone(), Js::value(v)));
        for (alias, rel) in &slot.included {
            if let Some(origin) = &slot.origin {
                eager.read(origin, alias);
            }
            let value = match rel {
                Rel::One(Some(child)) => self.to_json(*child, eager)?,
                Rel::One(None) => Js::Null,
                Rel::Many(children) => Js::Array(orm::collect::try_map(children, |c| self.to_json(*c, eager))?),
            };
            pairs.push((alias.clone(), value));
        }
        Ok(Js::Object(pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use orm::{Record, Value};
    use serde_json::json;

    fn instance(model: &str, pairs: &[(&str, Value)]) -> Instance {
        let record: Record = pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
        Instance::loaded(model, record, Some((3, 1)))
    }

    #[test]
    fn included_instances_get_their_own_handles() {
        let mut handles = Handles::default();
        let mut post = instance("Post", &[("id", Value::Int(1)), ("title", Value::from("Hi"))]);
        post.included.insert(
            "author".into(),
            Related::One(Some(Box::new(instance("User", &[("id", Value::Int(9)), ("name", Value::from("Ann"))])))),
        );
        post.included.insert("comments".into(), Related::Many(vec![]));
        let origin = Origin { query: 3, path: vec![] };
        let h = handles.insert(post, Some(origin));
        assert_eq!(h, 2, "the author is stored first, as handle 1");
        assert_eq!(handles.keys(h).unwrap(), ["id", "title", "author", "comments"]);
        let mut eager = Eager::default();
        assert_eq!(handles.get(h, "author", &mut eager).unwrap(), Js::Num(1.0));
        assert_eq!(handles.get(h, "nope", &mut eager).unwrap(), Js::Undefined);
        assert_eq!(handles.slot(1).unwrap().origin.as_ref().map(|o| o.path.clone()), Some(vec!["author".to_owned()]));
        handles.slot_mut(1).unwrap().instance.set("name", Value::from("Bea"));
        assert_eq!(
            handles.to_json(h, &mut eager).unwrap().to_json(),
            json!({"id": 1, "title": "Hi", "author": {"id": 9, "name": "Bea"}, "comments": []})
        );
        assert!(handles.slot(0).is_err());
        assert!(handles.slot(3).is_err());
    }
}
