//! Eager loading (`include`): one JOIN for the whole tree (Sequelize's default), or one
//! separate `WHERE fk IN (…)` query per level (`separate: true`). Whichever the strategy, rows
//! are folded by primary key into nested instances, in parent order, without duplicates.
//!
//! JOIN aliases and column names follow Sequelize: the include's table is aliased by its path
//! (`lineItems->product`) and each column as `` `path.attribute` ``.

mod fold;
mod join;

use crate::association::{Association, AssociationKind};
use crate::db::{Ctx, Database};
use crate::error::{Error, ErrorKind, Result};
use crate::instance::{Instance, Related};
use crate::keys::{self, GroupKey};
use crate::model::Model;
use crate::query::filter::Where;
use crate::query::find::{Attributes, FindOptions, SelectExpr};
use crate::value::Value;

pub use crate::query::include::{Include, IncludeOrder, ThroughOptions};

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
                        crate::collect::map_vec(self.associations_of(source), |a| a.alias.as_str()).join(", ")
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
        let candidates: Vec<&Association> =
            crate::collect::filter_map_vec(self.associations_of(source), |a| (&a.target == model).then_some(a));
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
        // With includes, Sequelize reads the primary key even where `attributes` leaves it out:
        // the rows fold by it, and a separate include or a paged root joins on it (without it
        // the roots came back once per joined row, or SQLite refused the paged subquery).
        // As Sequelize: first and hidden from the instances with a JOIN; last and shown with
        // separate includes only.
        let keyed;
        let any_joined = options.include.iter().any(|i| !i.separate);
        let mut hidden_key = None;
        let options = match (&options.attributes, model.primary_key_attribute()) {
            (Attributes::Only(list), Some(pk))
                if !options.raw && !list.iter().any(|(e, _)| *e == SelectExpr::Attr(pk.name.clone())) =>
            {
                let mut list = list.clone();
                let key = (SelectExpr::Attr(pk.name.clone()), None);
                if any_joined {
                    list.insert(0, key);
                    hidden_key = Some(pk.name.clone());
                } else {
                    list.push(key);
                }
                keyed = FindOptions { attributes: Attributes::Only(list), ..options.clone() };
                &keyed
            }
            _ => options,
        };
        let joined: Vec<Include> =
            crate::collect::filter_map_vec(&options.include, |i| (!i.separate).then(|| i.clone()));
        let separate: Vec<Include> =
            crate::collect::filter_map_vec(&options.include, |i| i.separate.then(|| i.clone()));
        // (With separate includes only, the root's columns are qualified all the same, as
        // Sequelize writes them; a separate include's own query without includes is not.)
        let mut instances = if options.include.is_empty() {
            self.select_instances_with(model, options, ctx.clone())?
        } else {
            self.select_joined(model, options, &joined, ctx.clone())?
        };
        for include in &separate {
            self.load_separate(model, &mut instances, include, &ctx)?;
        }
        if let Some(key) = hidden_key {
            instances.iter_mut().for_each(|i| i.hide(&key));
        }
        let shapes = self.include_shapes(&model.name, &options.include);
        self.report(|_| {
            let (query_id, _) = instances.first()?.source?;
            let shapes = shapes.ok()?;
            let joined: Vec<&str> =
                crate::collect::map_vec(shapes.iter().filter(|s| !s.separate), |s| s.association.as_str());
            let instances = instances.iter().map(|i| 1 + count_nested(i, Some(&joined))).sum();
            Some(crate::log::Report::Hydration(crate::log::Hydration { query_id, instances, includes: shapes }))
        });
        Ok(instances)
    }

    fn load_separate(&mut self, model: &Model, parents: &mut [Instance], include: &Include, ctx: &Ctx) -> Result<()> {
        let association = self.resolve_include(&model.name, include)?;
        let target = self.model_rc(&association.target)?;
        let (parent_key, child_key) = match association.kind {
            AssociationKind::HasMany | AssociationKind::HasOne => {
                (association.key.clone(), association.foreign_key.clone())
            }
            AssociationKind::BelongsTo => (association.foreign_key.clone(), association.key.clone()),
            AssociationKind::BelongsToMany => return self.load_separate_through(&association, parents, include, ctx),
        };
        if include.required.unwrap_or(false) {
            return Err(Error::usage("required: true with separate: true is not supported yet"));
        }
        let keys = distinct_keys(parents, &parent_key);
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
            let child_ctx = Ctx { model: Some(&target.name), operation: ctx.operation, lazy: None };
            children = self.find_with_includes(&target, &options, child_ctx)?;
        }
        // Group the children (by index: an instance moves once, into its parent's list) by the
        // key that ties them to a parent, once, in their order.
        let mut groups: keys::KeyMap<GroupKey, Vec<usize>> = keys::KeyMap::default();
        for (i, child) in children.iter().enumerate() {
            if let Some(key) = GroupKey::of(child.get(&child_key)) {
                groups.entry(key).or_default().push(i);
            }
        }
        let mut children: Vec<Option<Instance>> = crate::collect::map_vec(children, Some);
        // Parents with a unique key take their children; otherwise each gets a copy.
        let unique_parent_key = model.primary_key_attribute().is_some_and(|pk| pk.name == parent_key);
        for parent in parents.iter_mut() {
            let indices = GroupKey::of(parent.get(&parent_key)).and_then(|key| groups.get(&key));
            let mine: Vec<Instance> = crate::collect::filter_map_vec(indices.map_or(&[][..], Vec::as_slice), |&i| {
                if unique_parent_key {
                    children[i].take()
                } else {
                    children[i].clone()
                }
            });
            let related = if association.kind.is_many() {
                Related::Many(mine)
            } else {
                Related::One(mine.into_iter().next().map(Box::new))
            };
            parent.included.insert(association.alias.clone(), related);
        }
        Ok(())
    }
}

/// The distinct non-null values of `attribute` across `instances`, in first-seen order.
pub(crate) fn distinct_keys(instances: &[Instance], attribute: &str) -> Vec<Value> {
    let mut seen = keys::KeySet::default();
    let mut keys = Vec::new();
    for instance in instances {
        if let Some(key) = GroupKey::of(instance.get(attribute)) {
            if seen.insert(key) {
                keys.push(instance.value(attribute));
            }
        }
    }
    keys
}

/// How many instances hang below `instance` through the given associations (every association
/// when `None`), each counted once per place.
fn count_nested(instance: &Instance, aliases: Option<&[&str]>) -> usize {
    instance
        .included
        .iter()
        .filter(|(alias, _)| aliases.is_none_or(|a| a.contains(&alias.as_str())))
        .map(|(_, related)| match related {
            Related::One(Some(child)) => 1 + count_nested(child, None),
            Related::One(None) => 0,
            Related::Many(children) => children.iter().map(|c| 1 + count_nested(c, None)).sum(),
        })
        .sum()
}

impl Database {
    /// The include tree as the analyzer reads it: alias, model, to-many or not, separate or not.
    fn include_shapes(&self, source: &str, includes: &[Include]) -> Result<Vec<crate::log::IncludeShape>> {
        crate::collect::try_map(includes, |include| {
            let association = self.resolve_include(source, include)?;
            Ok(crate::log::IncludeShape {
                association: association.alias.clone(),
                model: association.target.clone(),
                many: association.kind.is_many(),
                separate: include.separate,
                include: self.include_shapes(&association.target, &include.include)?,
            })
        })
    }

    /// `separate: true` on a `belongsToMany` include (which Sequelize does not support): one query
    /// across the junction for all parents.
    fn load_separate_through(
        &mut self,
        association: &Association,
        parents: &mut [Instance],
        include: &Include,
        ctx: &Ctx,
    ) -> Result<()> {
        let keys = distinct_keys(parents, &association.key);
        let mut options = FindOptions {
            filter: include.filter.clone(),
            order: include.order.clone(),
            through: include.through.clone(),
            ..FindOptions::default()
        };
        if !include.include.is_empty() {
            return Err(Error::usage("nested includes under a separate belongsToMany include are not supported yet"));
        }
        if let Some(attributes) = &include.attributes {
            options.attributes = attributes.clone();
        }
        let found = if keys.is_empty() {
            Vec::new()
        } else {
            let child_ctx = Ctx { model: Some(&association.target), operation: ctx.operation, lazy: None };
            self.select_through(association, &keys, &options, &child_ctx)?
        };
        let mut groups: keys::KeyMap<GroupKey, Vec<Instance>> = keys::KeyMap::default();
        for (key, instance) in found {
            if let Some(key) = GroupKey::of(Some(&key)) {
                groups.entry(key).or_default().push(instance);
            }
        }
        for parent in parents.iter_mut() {
            let mine = GroupKey::of(parent.get(&association.key)).and_then(|k| groups.remove(&k)).unwrap_or_default();
            parent.included.insert(association.alias.clone(), Related::Many(mine));
        }
        Ok(())
    }
}
