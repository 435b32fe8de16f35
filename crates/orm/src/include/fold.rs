//! Folding joined rows into nested instances: one instance per distinct primary key at each
//! level, in first-seen order, so a parent with many children appears once with all of them.

use std::collections::HashMap;

use crate::attribute_values::{Names, Values};
use crate::include::GroupKey;
use crate::instance::{Instance, Related};
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
    let root_types = crate::crud::column_types(model, root_columns);
    // Every row has the same keys: the root's, then `alias.attribute` for each visible column.
    let mut names: Vec<String> = root_columns.iter().map(|c| c.key.clone()).collect();
    let mut sources: Vec<(usize, Option<&DataType>)> = root_types.iter().copied().enumerate().collect();
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
    rows.into_iter()
        .map(|mut row| {
            let values = sources
                .iter()
                .map(|&(i, data_type)| typed(data_type, row.get_mut(i).map(std::mem::take).unwrap_or_default()))
                .collect();
            Instance::read(&model_name, Values::from_row(&names, values), Some((event, total)))
        })
        .collect()
}

/// Folds joined rows into instances: one per distinct root key in first-seen order, and under
/// each, one per distinct child key per include, recursively. Keys are compared as
/// [`GroupKey`]s on the raw row, so a row whose root is already known builds nothing new for it.
pub(crate) fn fold_rows(
    model: &Model,
    root_columns: &[ResultColumn],
    nodes: &[Node],
    rows: Vec<Vec<Value>>,
    event: u64,
) -> Vec<Instance> {
    // An arena of instances per node; children are referenced by arena index, and every slot
    // belongs to exactly one parent, so building the tree moves each instance once.
    struct Slot {
        instance: Instance,
        children: Vec<Vec<usize>>,
    }
    let total = rows.len();
    let root_types = crate::crud::column_types(model, root_columns);
    let root_pk: Vec<usize> = model
        .primary_key
        .iter()
        .filter_map(|&i| root_columns.iter().position(|c| c.attribute.as_deref() == Some(&model.attributes[i].name)))
        .collect();
    let node_pk: Vec<Vec<usize>> = nodes
        .iter()
        .map(|node| {
            node.model
                .primary_key
                .iter()
                .filter_map(|&i| node.columns.iter().position(|c| c == &node.model.attributes[i].name))
                .collect()
        })
        .collect();
    let node_types: Vec<Vec<Option<&DataType>>> = nodes
        .iter()
        .map(|node| node.columns.iter().map(|c| node.model.attribute(c).map(|a| a.data_type())).collect())
        .collect();
    // The keys of each level's instances, shared by all of them (hidden columns left out).
    let root_names = crate::crud::column_names(root_columns);
    let root_model: std::rc::Rc<str> = model.name.as_str().into();
    let node_models: Vec<std::rc::Rc<str>> = nodes.iter().map(|node| node.model.name.as_str().into()).collect();
    let node_names: Vec<Names> = nodes
        .iter()
        .map(|node| std::rc::Rc::new(node.columns.iter().filter(|c| !node.hidden.contains(c)).cloned().collect()))
        .collect();
    let key_at = |row: &[Value], positions: &[usize]| -> Option<Vec<GroupKey>> {
        let keys: Option<Vec<GroupKey>> = positions.iter().map(|&p| GroupKey::of(row.get(p))).collect();
        keys.filter(|k| !k.is_empty())
    };

    let mut roots: Vec<Slot> = Vec::new();
    let mut arenas: Vec<Vec<Option<Slot>>> = nodes.iter().map(|_| Vec::new()).collect();
    let mut root_index: HashMap<Vec<GroupKey>, usize> = HashMap::new();
    // Keyed by node, parent slot and primary key: siblings with equal ids stay apart.
    let mut child_index: HashMap<(usize, usize, Vec<GroupKey>), usize> = HashMap::new();
    for mut row in rows {
        let root_key = key_at(&row, &root_pk);
        let known = root_key.as_ref().and_then(|k| root_index.get(k).copied());
        let root_slot = match known {
            Some(slot) => slot,
            None => {
                let values = root_types
                    .iter()
                    .enumerate()
                    .map(|(i, data_type)| typed(*data_type, row.get_mut(i).map(std::mem::take).unwrap_or(Value::Null)))
                    .collect();
                let record = Values::from_row(&root_names, values);
                roots.push(Slot {
                    instance: Instance::read(&root_model, record, Some((event, total))),
                    children: vec![Vec::new(); nodes.len()],
                });
                if let Some(key) = root_key {
                    root_index.insert(key, roots.len() - 1);
                }
                roots.len() - 1
            }
        };
        // Where each node's instance for this row landed (None when the row has no such child).
        let mut placed: Vec<Option<usize>> = vec![None; nodes.len()];
        for (n, node) in nodes.iter().enumerate() {
            let columns = node.first_column..node.first_column + node.columns.len();
            let Some(values) = row.get_mut(columns) else { continue };
            let Some(pk) = key_at(values, &node_pk[n]) else { continue };
            let parent_slot = if node.parent == ROOT { Some(root_slot) } else { placed[node.parent] };
            let Some(parent_slot) = parent_slot else { continue };
            let key = (n, parent_slot, pk);
            if let Some(&existing) = child_index.get(&key) {
                placed[n] = Some(existing);
                continue;
            }
            let mut visible = Vec::with_capacity(node_names[n].len());
            for ((name, value), data_type) in node.columns.iter().zip(values.iter_mut()).zip(&node_types[n]) {
                if !node.hidden.contains(name) {
                    visible.push(typed(*data_type, std::mem::take(value)));
                }
            }
            let record = Values::from_row(&node_names[n], visible);
            let slot = arenas[n].len();
            arenas[n].push(Some(Slot {
                instance: Instance::read(&node_models[n], record, Some((event, total))),
                children: vec![Vec::new(); nodes.len()],
            }));
            child_index.insert(key, slot);
            placed[n] = Some(slot);
            if node.parent == ROOT {
                roots[root_slot].children[n].push(slot);
            } else if let Some(Some(p)) = arenas[node.parent].get_mut(parent_slot) {
                p.children[n].push(slot);
            }
        }
    }
    fn build(slot: Slot, nodes: &[Node], arenas: &mut [Vec<Option<Slot>>], parent: usize) -> Instance {
        let Slot { mut instance, children } = slot;
        for (n, node) in nodes.iter().enumerate() {
            if node.parent != parent {
                continue;
            }
            let mut built = Vec::with_capacity(children[n].len());
            for &i in &children[n] {
                if let Some(child) = arenas[n].get_mut(i).and_then(Option::take) {
                    built.push(build(child, nodes, arenas, n));
                }
            }
            let related =
                if node.many { Related::Many(built) } else { Related::One(built.into_iter().next().map(Box::new)) };
            instance.included.insert(node.alias.clone(), related);
        }
        instance
    }
    roots.into_iter().map(|s| build(s, nodes, &mut arenas, ROOT)).collect()
}

/// A raw value as its attribute's type gives it (as it is for expressions without a type).
fn typed(data_type: Option<&DataType>, raw: Value) -> Value {
    match data_type {
        Some(t) => t.from_stored(raw),
        None => raw,
    }
}
