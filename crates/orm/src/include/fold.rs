//! Folding joined rows into nested instances: one instance per distinct primary key at each
//! level, in first-seen order, so a parent with many children appears once with all of them.

use std::collections::hash_map::Entry;
use std::rc::Rc;

use rusqlite::types::ValueRef;

use crate::attribute_values::{Names, Values};
use crate::instance::{Instance, Related};
use crate::keys::{GroupKey, KeyMap, RowKey};
use crate::model::Model;
use crate::query::find::ResultColumn;
use crate::types::DataType;
use crate::value::Value;

/// A node of the JOIN tree: one included model (or a junction row), and where its columns are.
pub(crate) struct Node {
    /// The key the node is attached under on its parent (`category`, or the junction's name).
    pub alias: String,
    /// Whether the parent holds a list of these.
    pub many: bool,
    /// The node's model.
    pub model: Model,
    /// The table alias (`lineItems->product`).
    pub path: String,
    /// The parent node, or `ROOT`.
    pub parent: usize,
    /// The attributes read, in column order.
    pub columns: Vec<String>,
    /// Columns read only to fold rows (a primary key not asked for): not shown on instances.
    pub hidden: Vec<String>,
    /// The index of the node's first column in the row.
    pub first_column: usize,
}

/// The parent index of top-level nodes.
pub(crate) const ROOT: usize = usize::MAX;

/// `raw: true` with includes: one flat row per joined row, keyed `alias.attribute` (nested:
/// `posts.comments.body`), without folding — what Sequelize returns.
pub(crate) fn flat_rows(
    model: &Model,
    root_columns: &[ResultColumn],
    nodes: &[Node],
    rows: Vec<Vec<Value>>,
    event: u64,
) -> Vec<Instance> {
    let total = rows.len();
    let root_types = crate::query::find::column_types(model, root_columns);
    // Every row has the same keys: the root's, then `alias.attribute` for each visible column.
    let mut names: Vec<String> = crate::collect::map_vec(root_columns.iter(), |c| c.key.clone());
    let mut sources: Vec<(usize, Option<&DataType>)> =
        crate::collect::map_vec(root_types.iter().copied().enumerate(), |s| s);
    for node in nodes {
        let prefix = node.path.replace("->", ".");
        for (c, name) in node.columns.iter().enumerate() {
            if !node.hidden.contains(name) {
                names.push(format!("{prefix}.{name}"));
                sources.push((node.first_column + c, node.model.attribute(name).map(|a| a.data_type())));
            }
        }
    }
    let names: Names = std::rc::Rc::new(names);
    let model_name: std::rc::Rc<str> = model.name.as_str().into();
    crate::collect::map_vec(rows, |mut row| {
        let values = crate::collect::map_vec(&sources, |&(i, data_type)| {
            typed_value(data_type, row.get_mut(i).map(std::mem::take).unwrap_or_default())
        });
        Instance::read(&model_name, Values::from_row(&names, values), Some((event, total)))
    })
}

/// An instance being folded, and the arena indices of its children per node (empty until it
/// has one).
struct Slot {
    instance: Instance,
    children: Vec<Vec<usize>>,
}

/// Folds joined rows into instances as SQLite gives them: one per distinct root key in
/// first-seen order, and under each, one per distinct child key per include, recursively. Keys
/// are compared as [`GroupKey`]s read straight from the row, so a row whose root (or child) is
/// already known reads nothing else for it, and no row is copied out of SQLite whole.
pub(crate) struct Folder<'a> {
    nodes: &'a [Node],
    root_types: Vec<Option<&'a DataType>>,
    root_pk: Vec<usize>,
    /// Each node's primary key columns, as positions in the row.
    node_pk: Vec<Vec<usize>>,
    node_types: Vec<Vec<Option<&'a DataType>>>,
    /// The keys of each level's instances, shared by all of them (hidden columns left out).
    root_names: Names,
    node_names: Vec<Names>,
    root_model: Rc<str>,
    node_models: Vec<Rc<str>>,
    roots: Vec<Slot>,
    /// An arena of instances per node; children are referenced by arena index, and every slot
    /// belongs to exactly one parent, so building the tree moves each instance once.
    arenas: Vec<Vec<Option<Slot>>>,
    root_index: KeyMap<RowKey, usize>,
    /// The root of the previous row: rows of one root usually come together.
    last_root: Option<(RowKey, usize)>,
    /// Keyed by node, parent slot and primary key: siblings with equal ids stay apart.
    child_index: KeyMap<(usize, usize, RowKey), usize>,
    /// Where each node's instance for the current row landed (None when it has none).
    placed: Vec<Option<usize>>,
}

impl<'a> Folder<'a> {
    /// A folder for rows whose first columns are `root_columns` of `model`, then the nodes'.
    pub(crate) fn new(model: &'a Model, root_columns: &'a [ResultColumn], nodes: &'a [Node]) -> Folder<'a> {
        let root_pk = crate::collect::filter_map_vec(model.primary_key.iter(), |&i| {
            root_columns.iter().position(|c| c.attribute.as_deref() == Some(&model.attributes[i].name))
        });
        let node_pk = crate::collect::map_vec(nodes.iter(), |node| {
            crate::collect::filter_map_vec(node.model.primary_key.iter(), |&i| {
                node.columns.iter().position(|c| c == &node.model.attributes[i].name).map(|p| node.first_column + p)
            })
        });
        Folder {
            nodes,
            root_types: crate::query::find::column_types(model, root_columns),
            root_pk,
            node_pk,
            node_types: crate::collect::map_vec(nodes.iter(), |node| {
                crate::collect::map_vec(node.columns.iter(), |c| node.model.attribute(c).map(|a| a.data_type()))
            }),
            root_names: crate::query::find::column_names(root_columns),
            node_names: crate::collect::map_vec(nodes.iter(), |node| {
                Rc::new(crate::collect::filter_map_vec(node.columns.iter(), |c| {
                    (!node.hidden.contains(c)).then(|| c.clone())
                }))
            }),
            root_model: model.name.as_str().into(),
            node_models: crate::collect::map_vec(nodes.iter(), |node| node.model.name.as_str().into()),
            roots: Vec::new(),
            arenas: crate::collect::map_vec(nodes.iter(), |_| Vec::new()),
            root_index: KeyMap::default(),
            last_root: None,
            child_index: KeyMap::default(),
            placed: vec![None; nodes.len()],
        }
    }

    /// Takes one joined row.
    pub(crate) fn push(&mut self, row: &rusqlite::Row<'_>) {
        let root_key = key_at(row, &self.root_pk);
        let known = match (&root_key, &self.last_root) {
            (Some(key), Some((last, slot))) if key == last => Some(*slot),
            (Some(key), _) => self.root_index.get(key).copied(),
            (None, _) => None,
        };
        let root_slot = match known {
            Some(slot) => slot,
            None => {
                let values =
                    crate::collect::map_vec(self.root_types.iter().enumerate(), |(i, t)| typed(*t, raw(row, i)));
                self.roots.push(Slot {
                    instance: Instance::read(&self.root_model, Values::from_row(&self.root_names, values), None),
                    children: Vec::new(),
                });
                let slot = self.roots.len() - 1;
                if let Some(key) = &root_key {
                    self.root_index.insert(key.clone(), slot);
                }
                slot
            }
        };
        if let Some(key) = root_key {
            self.last_root = Some((key, root_slot));
        }
        self.placed.fill(None);
        for (n, node) in self.nodes.iter().enumerate() {
            let Some(pk) = key_at(row, &self.node_pk[n]) else { continue };
            let parent_slot = if node.parent == ROOT { Some(root_slot) } else { self.placed[node.parent] };
            let Some(parent_slot) = parent_slot else { continue };
            let slot = match self.child_index.entry((n, parent_slot, pk)) {
                Entry::Occupied(existing) => {
                    self.placed[n] = Some(*existing.get());
                    continue;
                }
                Entry::Vacant(vacant) => *vacant.insert(self.arenas[n].len()),
            };
            let mut visible = Vec::with_capacity(self.node_names[n].len());
            for (c, (name, data_type)) in node.columns.iter().zip(&self.node_types[n]).enumerate() {
                if !node.hidden.contains(name) {
                    visible.push(typed(*data_type, raw(row, node.first_column + c)));
                }
            }
            let values = Values::from_row(&self.node_names[n], visible);
            self.arenas[n].push(Some(Slot {
                instance: Instance::read(&self.node_models[n], values, None),
                children: Vec::new(),
            }));
            self.placed[n] = Some(slot);
            let parent = if node.parent == ROOT {
                self.roots.get_mut(root_slot)
            } else {
                self.arenas[node.parent].get_mut(parent_slot).and_then(Option::as_mut)
            };
            if let Some(parent) = parent {
                if parent.children.is_empty() {
                    parent.children = vec![Vec::new(); self.nodes.len()];
                }
                parent.children[n].push(slot);
            }
        }
    }

    /// The root instances with their included ones, each marked as read by event `event` of
    /// `total` rows.
    pub(crate) fn finish(self, event: u64, total: usize) -> Vec<Instance> {
        fn build(
            slot: Slot,
            nodes: &[Node],
            arenas: &mut [Vec<Option<Slot>>],
            parent: usize,
            source: (u64, usize),
        ) -> Instance {
            let Slot { mut instance, children } = slot;
            instance.source = Some(source);
            for (n, node) in nodes.iter().enumerate() {
                if node.parent != parent {
                    continue;
                }
                let mine = children.get(n).map_or(&[][..], Vec::as_slice);
                let mut built = Vec::with_capacity(mine.len());
                for &i in mine {
                    if let Some(child) = arenas[n].get_mut(i).and_then(Option::take) {
                        built.push(build(child, nodes, arenas, n, source));
                    }
                }
                let related =
                    if node.many { Related::Many(built) } else { Related::One(built.into_iter().next().map(Box::new)) };
                instance.included.insert(node.alias.clone(), related);
            }
            instance
        }
        let Folder { nodes, roots, mut arenas, .. } = self;
        crate::collect::map_vec(roots, |s| build(s, nodes, &mut arenas, ROOT, (event, total)))
    }
}

/// A column of a row, null when it is missing.
fn raw<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> ValueRef<'r> {
    row.get_ref(i).unwrap_or(ValueRef::Null)
}

/// The key of a row at these column positions; `None` when there are none or one is null.
fn key_at(row: &rusqlite::Row<'_>, positions: &[usize]) -> Option<RowKey> {
    let column = |p: usize| match raw(row, p) {
        ValueRef::Integer(i) => Some(GroupKey::Int(i)),
        other => GroupKey::of(Some(&crate::types::value_from_ref(other))),
    };
    match positions {
        [] => None,
        [p] => column(*p).map(RowKey::One),
        _ => crate::collect::try_map(positions, |&p| column(p).ok_or(())).ok().map(RowKey::Many),
    }
}

/// A column read as its attribute's type gives it (untyped for expressions).
fn typed(data_type: Option<&DataType>, raw: ValueRef<'_>) -> Value {
    match data_type {
        Some(t) => t.from_storage(raw),
        None => crate::types::value_from_ref(raw),
    }
}

/// A raw value as its attribute's type gives it (as it is for expressions without a type).
fn typed_value(data_type: Option<&DataType>, raw: Value) -> Value {
    match data_type {
        Some(t) => t.from_stored(raw),
        None => raw,
    }
}
