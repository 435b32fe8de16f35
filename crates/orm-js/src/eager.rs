//! Unused eager loading: which included associations a result loaded, and which of them the
//! code read.
//!
//! A query event cannot tell whether code used an include; only the engine sees the reads. When
//! a find with `include` returns instances, [`Eager::loaded`] records every include path of the
//! query (`["items"]`, `["items", "product"]`) with the number of instances loaded through it.
//! Reading an included association on any instance of that result (`get`, `markRead`,
//! `toJSON`) marks its path as read. At report time, every loaded path that was never read —
//! and whose parent path was read, so that one unused include is reported once, not once per
//! level below it — becomes an [`UnusedInclude`] for the analyzer.

use std::collections::BTreeSet;

use orm::analyze::UnusedInclude;
use orm::{Include, Instance, Related};

/// Where an instance sits in a result with includes: the result's read event, and the
/// association names from the root down to the instance (empty for a root instance).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The id of the read's query event (the finder's top-level statement).
    pub query: u64,
    /// The aliases from the root to the instance.
    pub path: Vec<String>,
}

impl Origin {
    /// The origin of an instance under `alias` of an instance from here.
    pub fn child(&self, alias: &str) -> Origin {
        let mut path = self.path.clone();
        path.push(alias.to_owned());
        Origin { query: self.query, path }
    }
}

/// One include path of one result, and how many instances it loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Loaded {
    query: u64,
    path: Vec<String>,
    instances: usize,
}

/// The loaded include paths and the reads, for every result since the engine started.
#[derive(Debug, Default)]
pub struct Eager {
    loaded: Vec<Loaded>,
    read: BTreeSet<(u64, Vec<String>)>,
}

impl Eager {
    /// Records the include paths of a result: `includes` as resolved (every alias set) and the
    /// root instances built, whose first one carries the read's event id. A result without
    /// instances records nothing: there was nothing to read.
    pub fn loaded(&mut self, includes: &[Include], instances: &[Instance]) -> Option<u64> {
        let (query, _) = instances.first()?.source?;
        let roots: Vec<&Instance> = instances.iter().collect();
        self.record(query, &[], includes, &roots);
        Some(query)
    }

    fn record(&mut self, query: u64, prefix: &[String], includes: &[Include], parents: &[&Instance]) {
        for include in includes {
            let Some(alias) = include.alias.as_deref() else { continue };
            let children: Vec<&Instance> =
                orm::collect::flat_map_vec(parents.iter(), |parent| match parent.included.get(alias) {
                    Some(Related::One(Some(child))) => vec![child.as_ref()],
                    Some(Related::Many(children)) => children.iter().collect(),
                    _ => Vec::new(),
                });
            let mut path = prefix.to_vec();
            path.push(alias.to_owned());
            self.loaded.push(Loaded { query, path: path.clone(), instances: children.len() });
            self.record(query, &path, &include.include, &children);
        }
    }

    /// Marks the association `alias` of an instance from `origin` as read.
    pub fn read(&mut self, origin: &Origin, alias: &str) {
        let mut path = origin.path.clone();
        path.push(alias.to_owned());
        self.read.insert((origin.query, path));
    }

    /// The includes never read whose parent was read (or is the root).
    pub fn unused(&self) -> Vec<UnusedInclude> {
        let unused = self.loaded.iter().filter(|l| !self.read.contains(&(l.query, l.path.clone()))).filter(|l| {
            let parent = &l.path[..l.path.len().saturating_sub(1)];
            parent.is_empty() || self.read.contains(&(l.query, parent.to_vec()))
        });
        orm::collect::map_vec(unused, |l| UnusedInclude {
            query_id: l.query,
            path: l.path.clone(),
            instances: l.instances,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use orm::{Record, Value};

    fn instance(model: &str, id: i64) -> Instance {
        Instance::loaded(model, Record::from([("id".to_owned(), Value::Int(id))]), Some((4, 2)))
    }

    fn order(id: i64, items: usize) -> Instance {
        let mut order = instance("Order", id);
        let mut list = Vec::new();
        for i in 0..items {
            let mut item = instance("Item", i as i64);
            item.included.insert("product".into(), Related::One(Some(Box::new(instance("Product", 1)))));
            list.push(item);
        }
        order.included.insert("items".into(), Related::Many(list));
        order.included.insert("customer".into(), Related::One(None));
        order
    }

    fn includes() -> Vec<Include> {
        let mut items = Include::alias("items");
        items.include.push(Include::alias("product"));
        vec![items, Include::alias("customer")]
    }

    fn paths(eager: &Eager) -> Vec<(String, usize)> {
        orm::collect::map_vec(eager.unused(), |u| (u.path.join("."), u.instances))
    }

    #[test]
    fn unread_includes_are_reported_at_the_top_most_level() {
        let mut eager = Eager::default();
        assert_eq!(eager.loaded(&includes(), &[order(1, 2), order(2, 1)]), Some(4));
        assert_eq!(paths(&eager), [("items".to_owned(), 3), ("customer".to_owned(), 0)]);
        let root = Origin { query: 4, path: vec![] };
        eager.read(&root, "items");
        assert_eq!(paths(&eager), [("items.product".to_owned(), 3), ("customer".to_owned(), 0)]);
        eager.read(&root.child("items"), "product");
        eager.read(&root, "customer");
        assert!(eager.unused().is_empty());
    }

    #[test]
    fn an_empty_result_records_nothing() {
        let mut eager = Eager::default();
        assert_eq!(eager.loaded(&includes(), &[]), None);
        assert!(eager.unused().is_empty());
    }
}
