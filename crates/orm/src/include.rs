//! Eager loading (`include`): one JOIN for the whole tree (Sequelize's default), or one
//! separate `WHERE fk IN (…)` query per level (`separate: true`). Whichever the strategy, rows
//! are folded by primary key into nested instances, in parent order, without duplicates.
//!
//! JOIN aliases and column names follow Sequelize: the include's table is aliased by its path
//! (`lineItems->product`) and each column as `` `path.attribute` ``.

use std::collections::HashMap;

use crate::association::{Association, AssociationKind};
use crate::db::{Ctx, Database};
use crate::error::{Error, ErrorKind, Result};
use crate::instance::{Instance, Record, Related};
use crate::model::Model;
use crate::query::filter::Where;
use crate::query::find::{compile_expr, compile_filter, Attributes, FindOptions, SelectExpr};
use crate::sql::{CmpOp, Cond, Direction, Expr, Join, Select, TableRef};
use crate::value::Value;

/// One entry of `include`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Include {
    /// `model`: the associated model's name (used to find the association when `as` is absent).
    pub model: Option<String>,
    /// `as`: the association's alias.
    pub alias: Option<String>,
    /// `required`: INNER JOIN when true. Defaults to true when `where` is given, as in Sequelize.
    pub required: Option<bool>,
    /// `where` on the included model.
    pub filter: Option<Where>,
    /// `attributes` of the included model.
    pub attributes: Option<Attributes>,
    /// `separate: true`: load with its own `IN (…)` query.
    pub separate: bool,
    /// `order` (for a separate include).
    pub order: Vec<(SelectExpr, Direction)>,
    /// Nested includes.
    pub include: Vec<Include>,
}

impl Include {
    /// An include of the association named `alias`.
    pub fn alias(alias: &str) -> Include {
        Include { alias: Some(alias.to_owned()), ..Include::default() }
    }
}

/// An order term on an included model: `[{ model, as }, 'attribute', 'ASC']`.
#[derive(Debug, Clone, PartialEq)]
pub struct IncludeOrder {
    /// The aliases from the root to the included model.
    pub path: Vec<String>,
    /// The attribute.
    pub attribute: String,
    /// The direction.
    pub direction: Direction,
}

/// A resolved include node of the JOIN tree.
struct Node {
    association: Association,
    model: Model,
    path: String,
    parent: usize,
    /// Columns of this node in the result: (key, attribute).
    columns: Vec<String>,
    first_column: usize,
}

impl Database {
    /// Resolves an include against `source`: by `as`, or by the target model when it is
    /// associated once. An include that is not associated is Sequelize's EagerLoadingError.
    pub(crate) fn resolve_include(&self, source: &str, include: &Include) -> Result<Association> {
        if let Some(alias) = &include.alias {
            let association = self.association(source, alias).map_err(|_| {
                Error::new(
                    ErrorKind::EagerLoading,
                    format!(
                        "{} is associated to {source} using an alias. You've included an alias ({alias}), but it does not match the alias(es) defined in your association ({}).",
                        include.model.as_deref().unwrap_or(alias),
                        self.associations_of(source).map(|a| a.alias.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                )
            })?;
            if let Some(model) = &include.model {
                if &association.target != model {
                    return Err(Error::new(ErrorKind::EagerLoading, format!("{model} is not associated to {source}!")));
                }
            }
            return Ok(association.clone());
        }
        let Some(model) = &include.model else {
            return Err(Error::usage("An include needs a model or an `as`"));
        };
        let candidates: Vec<&Association> = self.associations_of(source).filter(|a| &a.target == model).collect();
        match candidates.as_slice() {
            [] => Err(Error::new(ErrorKind::EagerLoading, format!("{model} is not associated to {source}!"))),
            [one] if one.alias == *model || one.alias == crate::inflection::pluralize(model) => Ok((*one).clone()),
            [one] => Err(Error::new(
                ErrorKind::EagerLoading,
                format!(
                    "{model} is associated to {source} using an alias. You must use the 'as' keyword to specify the alias within your include statement: include: [{{ model: {model}, as: '{}' }}]",
                    one.alias
                ),
            )),
            _ => Err(Error::new(
                ErrorKind::EagerLoading,
                format!("{model} is associated to {source} more than once. Use the 'as' keyword to say which association to include."),
            )),
        }
    }

    /// `findAll` with `include`: the JOIN for the non-separate includes, then one query per
    /// separate include.
    pub(crate) fn find_with_includes(
        &mut self,
        model: &Model,
        options: &FindOptions,
        ctx: Ctx,
    ) -> Result<Vec<Instance>> {
        let joined: Vec<Include> = options.include.iter().filter(|i| !i.separate).cloned().collect();
        let separate: Vec<Include> = options.include.iter().filter(|i| i.separate).cloned().collect();
        let mut instances = if joined.is_empty() {
            let mut plain = options.clone();
            plain.include.clear();
            self.select_instances_with(model, &plain, ctx.clone())?
        } else {
            self.select_joined(model, options, &joined, ctx.clone())?
        };
        for include in &separate {
            self.load_separate(model, &mut instances, include, &ctx)?;
        }
        Ok(instances)
    }

    fn select_joined(
        &mut self,
        model: &Model,
        options: &FindOptions,
        includes: &[Include],
        ctx: Ctx,
    ) -> Result<Vec<Instance>> {
        let root = model.name.as_str();
        let (mut select, root_columns) = {
            let mut plain = options.clone();
            plain.include.clear();
            plain.order.clear();
            crate::query::find::compile_find(model, &plain)?
        };
        // With includes, every column is qualified by its table alias, as Sequelize writes it.
        for (expr, _) in &mut select.columns {
            if let Expr::Column { table, .. } = expr {
                *table = Some(root.to_owned());
            }
        }
        let mut nodes: Vec<Node> = Vec::new();
        self.add_join_nodes(model, root, usize::MAX, includes, &mut select, &mut nodes, root_columns.len())?;
        if options.limit.is_some() && nodes.iter().any(|n| n.association.kind.is_many()) {
            return Err(Error::usage(format!(
                "limit with an include of a many association is not supported yet; add `separate: true` to the include of {}",
                nodes.iter().find(|n| n.association.kind.is_many()).map_or("", |n| n.association.alias.as_str())
            )));
        }
        for (expr, direction) in &options.order {
            select.order.push((compile_expr(model, root, expr)?, *direction));
        }
        for term in &options.include_order {
            let path = term.path.join("->");
            let node = nodes.iter().find(|n| n.path == path).ok_or_else(|| {
                Error::usage(format!("order names the include {path}, which this query does not include"))
            })?;
            let field = node.model.require_attribute(&term.attribute)?.field.clone();
            select.order.push((Expr::col(&node.path, &field), term.direction));
        }
        let (rows, event) = self.read(&ctx, &select.render(), |row| {
            let mut values: Vec<Value> = Vec::with_capacity(row.as_ref().column_count());
            for i in 0..row.as_ref().column_count() {
                values.push(crate::types::value_from_ref(row.get_ref(i).unwrap_or(rusqlite::types::ValueRef::Null)));
            }
            values
        })?;
        Ok(fold_rows(model, &root_columns, &nodes, rows, event))
    }

    #[allow(clippy::too_many_arguments)]
    fn add_join_nodes(
        &self,
        parent_model: &Model,
        parent_alias: &str,
        parent: usize,
        includes: &[Include],
        select: &mut Select,
        nodes: &mut Vec<Node>,
        mut next_column: usize,
    ) -> Result<usize> {
        for include in includes {
            if include.separate {
                return Err(Error::usage("separate: true is only supported on top-level includes for now"));
            }
            let association = self.resolve_include(&parent_model.name, include)?;
            let target = self.model(&association.target)?.clone();
            let path = if parent == usize::MAX {
                association.alias.clone()
            } else {
                format!("{parent_alias}->{}", association.alias)
            };
            let required = include.required.unwrap_or(include.filter.is_some());
            let mut on = vec![];
            match association.kind {
                AssociationKind::BelongsTo => on.push(Cond::Compare(
                    Expr::col(parent_alias, &parent_model.require_attribute(&association.foreign_key)?.field),
                    CmpOp::Eq,
                    Expr::col(&path, &target.require_attribute(&association.key)?.field),
                )),
                AssociationKind::HasOne | AssociationKind::HasMany => on.push(Cond::Compare(
                    Expr::col(parent_alias, &parent_model.require_attribute(&association.key)?.field),
                    CmpOp::Eq,
                    Expr::col(&path, &target.require_attribute(&association.foreign_key)?.field),
                )),
                AssociationKind::BelongsToMany => {
                    let through = association.through.clone().ok_or_else(|| Error::usage("junction missing"))?;
                    let junction = self.model(&through.model)?.clone();
                    let junction_alias = format!("{path}->{}", junction.name);
                    select.joins.push(Join {
                        inner: required,
                        table: TableRef { table: junction.table.clone(), alias: Some(junction_alias.clone()) },
                        on: Cond::Compare(
                            Expr::col(parent_alias, &parent_model.require_attribute(&association.key)?.field),
                            CmpOp::Eq,
                            Expr::col(&junction_alias, &junction.require_attribute(&association.foreign_key)?.field),
                        ),
                    });
                    on.push(Cond::Compare(
                        Expr::col(&junction_alias, &junction.require_attribute(&through.other_key)?.field),
                        CmpOp::Eq,
                        Expr::col(&path, &target.require_attribute(&through.target_key)?.field),
                    ));
                }
            }
            if let Some(extra) = compile_filter(&target, Some(&path), include.filter.as_ref(), true)? {
                on.push(extra);
            }
            select.joins.push(Join {
                inner: required,
                table: TableRef { table: target.table.clone(), alias: Some(path.clone()) },
                on: if on.len() == 1 { on.remove(0) } else { Cond::And(on) },
            });
            let attributes = include.attributes.clone().unwrap_or(Attributes::All);
            let mut columns = Vec::new();
            let pk_names: Vec<String> = target.primary_key.iter().map(|&i| target.attributes[i].name.clone()).collect();
            let mut wanted: Vec<String> = match &attributes {
                Attributes::All | Attributes::Extra(_) => target.attributes.iter().map(|a| a.name.clone()).collect(),
                Attributes::Exclude(skip) => {
                    target.attributes.iter().filter(|a| !skip.contains(&a.name)).map(|a| a.name.clone()).collect()
                }
                Attributes::Only(list) => list
                    .iter()
                    .map(|(e, _)| match e {
                        SelectExpr::Attr(a) => Ok(a.clone()),
                        _ => Err(Error::usage("functions in the attributes of an include are not supported yet")),
                    })
                    .collect::<Result<_>>()?,
            };
            // The primary key is always read, so rows can be folded (Sequelize does the same).
            for pk in pk_names.iter().rev() {
                if !wanted.contains(pk) {
                    wanted.insert(0, pk.clone());
                }
            }
            for name in &wanted {
                let attr = target.require_attribute(name)?;
                select.columns.push((Expr::col(&path, &attr.field), Some(format!("{path}.{name}"))));
                columns.push(name.clone());
            }
            let index = nodes.len();
            let count = columns.len();
            nodes.push(Node {
                association,
                model: target.clone(),
                path: path.clone(),
                parent,
                columns,
                first_column: next_column,
            });
            next_column += count;
            next_column = self.add_join_nodes(&target, &path, index, &include.include, select, nodes, next_column)?;
        }
        Ok(next_column)
    }

    fn load_separate(&mut self, model: &Model, parents: &mut [Instance], include: &Include, ctx: &Ctx) -> Result<()> {
        let association = self.resolve_include(&model.name, include)?;
        let target = self.model(&association.target)?.clone();
        let (parent_key, child_key) = match association.kind {
            AssociationKind::HasMany | AssociationKind::HasOne => {
                (association.key.clone(), association.foreign_key.clone())
            }
            AssociationKind::BelongsTo => (association.foreign_key.clone(), association.key.clone()),
            AssociationKind::BelongsToMany => {
                return Err(Error::usage(format!(
                    "separate: true on the belongsToMany include {} is not supported yet; remove `separate`",
                    association.alias
                )))
            }
        };
        let mut keys: Vec<Value> = Vec::new();
        for parent in parents.iter() {
            let key = parent.value(&parent_key);
            if !key.is_null() && !keys.contains(&key) {
                keys.push(key);
            }
        }
        let mut children = Vec::new();
        if !keys.is_empty() {
            let mut options = FindOptions {
                filter: Some(Where::is_in(&child_key, keys)),
                order: include.order.clone(),
                include: include.include.clone(),
                ..FindOptions::default()
            };
            if let Some(filter) = &include.filter {
                options.filter = options.filter.map(|w| w.and(filter.clone()));
            }
            if let Some(attributes) = &include.attributes {
                options.attributes = attributes.clone();
            }
            let child_ctx = Ctx { model: Some(target.name.clone()), operation: ctx.operation, lazy: None };
            children = self.find_with_includes(&target, &options, child_ctx)?;
        }
        let required = include.required.unwrap_or(false);
        for parent in parents.iter_mut() {
            let key = parent.value(&parent_key);
            let mine: Vec<Instance> =
                children.iter().filter(|c| !key.is_null() && c.value(&child_key) == key).cloned().collect();
            let related = if association.kind.is_many() {
                Related::Many(mine)
            } else {
                Related::One(mine.into_iter().next().map(Box::new))
            };
            parent.included.insert(association.alias.clone(), related);
        }
        if required {
            // A required separate include keeps only parents that have children.
            return Err(Error::usage("required: true with separate: true is not supported yet"));
        }
        Ok(())
    }
}

/// Folds joined rows into instances: one per distinct root key in first-seen order, and under
/// each, one per distinct child key per include, recursively.
fn fold_rows(
    model: &Model,
    root_columns: &[crate::query::find::ResultColumn],
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
                Some(attr) => convert(attr.data_type(), raw),
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
            let parent_slot = if node.parent == usize::MAX { Some(root_slot) } else { placed[node.parent] };
            let Some(parent_slot) = parent_slot else { continue };
            let key = (node.parent, parent_slot, format!("{n}:{}", key_of(&pk_values)));
            if let Some(&existing) = child_index.get(&key) {
                placed[n] = Some(existing);
                continue;
            }
            let mut record = Record::new();
            for (name, value) in node.columns.iter().zip(values) {
                let converted = node.model.attribute(name).map_or(value.clone(), |a| convert(a.data_type(), value));
                record.insert(name.clone(), converted);
            }
            let slot = arenas[n].len();
            arenas[n].push(Slot {
                instance: Instance::loaded(&node.model.name, record, Some((event, total))),
                children: vec![Vec::new(); nodes.len()],
            });
            child_index.insert(key, slot);
            placed[n] = Some(slot);
            if node.parent == usize::MAX {
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
            let related = if node.association.kind.is_many() {
                Related::Many(built)
            } else {
                Related::One(built.into_iter().next().map(Box::new))
            };
            instance.included.insert(node.association.alias.clone(), related);
        }
        instance
    }
    roots.into_iter().map(|s| build(s.instance, &s.children, nodes, &arenas, usize::MAX)).collect()
}

/// Converts a raw column value to the attribute's type (the JOIN reads untyped values).
fn convert(data_type: &crate::types::DataType, raw: Value) -> Value {
    let stored = match &raw {
        Value::Null => rusqlite::types::Value::Null,
        Value::Int(i) => rusqlite::types::Value::Integer(*i),
        Value::Float(f) => rusqlite::types::Value::Real(*f),
        Value::Text(t) => rusqlite::types::Value::Text(t.clone()),
        Value::Blob(b) => rusqlite::types::Value::Blob(b.clone()),
        _ => return raw,
    };
    data_type.from_storage(rusqlite::types::ValueRef::from(&stored))
}
