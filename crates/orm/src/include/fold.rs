//! Folding joined rows into nested instances: one instance per distinct primary key at each
//! level, in first-seen order, so a parent with many children appears once with all of them.

use std::collections::HashMap;

use crate::instance::{Instance, Record, Related};
use crate::model::Model;
use crate::query::find::ResultColumn;
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
    rows.into_iter()
        .map(|row| {
            let mut record = Record::with_capacity(row.len());
            for (i, column) in root_columns.iter().enumerate() {
                let raw = row.get(i).cloned().unwrap_or(Value::Null);
                let value = match column.attribute.as_deref().and_then(|a| model.attribute(a)) {
                    Some(attr) => attr.data_type().from_stored(raw),
                    None => raw,
                };
                record.insert(column.key.clone(), value);
            }
            for node in nodes {
                let prefix = node.path.replace("->", ".");
                for (c, name) in node.columns.iter().enumerate() {
                    if node.hidden.contains(name) {
                        continue;
                    }
                    let raw = row.get(node.first_column + c).cloned().unwrap_or(Value::Null);
                    let value = node.model.attribute(name).map_or(raw.clone(), |a| a.data_type().from_stored(raw));
                    record.insert(format!("{prefix}.{name}"), value);
                }
            }
            Instance::loaded(&model.name, record, Some((event, total)))
        })
        .collect()
}

/// Folds joined rows into instances: one per distinct root key in first-seen order, and under
/// each, one per distinct child key per include, recursively.
pub(crate) fn fold_rows(
    model: &Model,
    root_columns: &[ResultColumn],
    nodes: &[Node],
    rows: Vec<Vec<Value>>,
    event: u64,
) -> Vec<Instance> {
    // An arena of instances per node; children are referenced by arena index.
    struct Slot {
        instance: Instance,
        children: Vec<Vec<usize>>,
    }
    let total = rows.len();
    let mut roots: Vec<Slot> = Vec::new();
    let mut arenas: Vec<Vec<Slot>> = nodes.iter().map(|_| Vec::new()).collect();
    let mut root_index: HashMap<String, usize> = HashMap::new();
    let mut child_index: HashMap<(usize, usize, String), usize> = HashMap::new();
    let key_of = |values: &[Value]| format!("{values:?}");
    for row in rows {
        let mut record = Record::new();
        for (i, column) in root_columns.iter().enumerate() {
            let raw = row.get(i).cloned().unwrap_or(Value::Null);
            let value = match column.attribute.as_deref().and_then(|a| model.attribute(a)) {
                Some(attr) => attr.data_type().from_stored(raw),
                None => raw,
            };
            record.insert(column.key.clone(), value);
        }
        let root_key = model
            .primary_key
            .iter()
            .map(|&i| record.get(&model.attributes[i].name).cloned().unwrap_or(Value::Null))
            .collect::<Vec<_>>();
        let root_key =
            if root_key.iter().all(Value::is_null) { format!("row{}", roots.len()) } else { key_of(&root_key) };
        let root_slot = *root_index.entry(root_key).or_insert_with(|| {
            roots.push(Slot {
                instance: Instance::loaded(&model.name, record, Some((event, total))),
                children: vec![Vec::new(); nodes.len()],
            });
            roots.len() - 1
        });
        // Where each node's instance for this row landed (None when the row has no such child).
        let mut placed: Vec<Option<usize>> = vec![None; nodes.len()];
        for (n, node) in nodes.iter().enumerate() {
            let values: Vec<Value> = (0..node.columns.len())
                .map(|c| row.get(node.first_column + c).cloned().unwrap_or(Value::Null))
                .collect();
            let pk_values: Vec<Value> = node
                .model
                .primary_key
                .iter()
                .filter_map(|&i| node.columns.iter().position(|c| c == &node.model.attributes[i].name))
                .map(|p| values[p].clone())
                .collect();
            if pk_values.is_empty() || pk_values.iter().all(Value::is_null) {
                continue;
            }
            let parent_slot = if node.parent == ROOT { Some(root_slot) } else { placed[node.parent] };
            let Some(parent_slot) = parent_slot else { continue };
            let key = (node.parent, parent_slot, format!("{n}:{}", key_of(&pk_values)));
            if let Some(&existing) = child_index.get(&key) {
                placed[n] = Some(existing);
                continue;
            }
            let mut record = Record::new();
            for (name, value) in node.columns.iter().zip(values) {
                if node.hidden.contains(name) {
                    continue;
                }
                let converted = node.model.attribute(name).map_or(value.clone(), |a| a.data_type().from_stored(value));
                record.insert(name.clone(), converted);
            }
            let slot = arenas[n].len();
            arenas[n].push(Slot {
                instance: Instance::loaded(&node.model.name, record, Some((event, total))),
                children: vec![Vec::new(); nodes.len()],
            });
            child_index.insert(key, slot);
            placed[n] = Some(slot);
            if node.parent == ROOT {
                roots[root_slot].children[n].push(slot);
            } else if let Some(p) = arenas[node.parent].get_mut(parent_slot) {
                p.children[n].push(slot);
            }
        }
    }
    fn build(
        slot_instance: Instance,
        children: &[Vec<usize>],
        nodes: &[Node],
        arenas: &[Vec<Slot>],
        parent: usize,
    ) -> Instance {
        let mut instance = slot_instance;
        for (n, node) in nodes.iter().enumerate() {
            if node.parent != parent {
                continue;
            }
            let built: Vec<Instance> = children[n]
                .iter()
                .filter_map(|&i| arenas[n].get(i))
                .map(|s| build(s.instance.clone(), &s.children, nodes, arenas, n))
                .collect();
            let related =
                if node.many { Related::Many(built) } else { Related::One(built.into_iter().next().map(Box::new)) };
            instance.included.insert(node.alias.clone(), related);
        }
        instance
    }
    roots.into_iter().map(|s| build(s.instance, &s.children, nodes, &arenas, ROOT)).collect()
}
