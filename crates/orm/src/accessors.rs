//! The write side of the association accessors Sequelize generates — `setCategory`,
//! `createCategory`, `addProduct(s)`, `removeProduct(s)`, `setProducts`, `hasProduct(s)`,
//! `createProduct` — as statements on the model that holds the foreign key (or on the junction
//! of a `belongsToMany`). Targets are given by their key values; the JavaScript layer turns the
//! instances a learner passes into keys.

use crate::associate::source_key_value;
use crate::association::AssociationKind;
use crate::crud::DestroyOptions;
use crate::db::Database;
use crate::error::{Error, Result};
use crate::instance::{Instance, Record};
use crate::query::filter::{Op, Operand, Where};
use crate::query::find::FindOptions;
use crate::value::Value;

impl Database {
    /// `setX(target)` / `setXs(targets)`: makes exactly these targets associated with
    /// `instance` (`None`/empty clears a single association).
    pub fn set_related(&mut self, instance: &mut Instance, alias: &str, targets: &[Value]) -> Result<()> {
        self.set_related_through(instance, alias, targets, Record::new())
    }

    /// [`Database::set_related`] with `through` values for a `belongsToMany`'s junction rows
    /// (`setProjects(projects, { through: { role } })`): new rows get them, and rows that stay
    /// are updated with them, as in Sequelize.
    pub fn set_related_through(
        &mut self,
        instance: &mut Instance,
        alias: &str,
        targets: &[Value],
        through: Record,
    ) -> Result<()> {
        let association = self.association(&instance.model, alias)?.clone();
        let single = |targets: &[Value]| -> Result<Value> {
            match targets {
                [] => Ok(Value::Null),
                [one] => Ok(one.clone()),
                _ => Err(Error::usage(format!(
                    "set{} takes one instance or null",
                    crate::inflection::upper_first(alias)
                ))),
            }
        };
        self.in_call(|db| match association.kind {
            AssociationKind::BelongsTo => {
                instance.set(&association.foreign_key, single(targets)?);
                db.save(instance)
            }
            AssociationKind::HasOne => {
                let key = source_key_value(instance, &association)?;
                let target = single(targets)?;
                db.update_where(
                    &association.target,
                    Record::from([(association.foreign_key.clone(), Value::Null)]),
                    Some(Where::eq(&association.foreign_key, key.clone())),
                )?;
                if !target.is_null() {
                    let pk = target_pk(db, &association.target)?;
                    db.update_where(
                        &association.target,
                        Record::from([(association.foreign_key.clone(), key)]),
                        Some(Where::eq(&pk, target)),
                    )?;
                }
                Ok(())
            }
            AssociationKind::HasMany => {
                let key = source_key_value(instance, &association)?;
                let pk = target_pk(db, &association.target)?;
                let others = Where::eq(&association.foreign_key, key.clone()).and(Where::Attr {
                    attribute: pk.clone(),
                    op: Op::NotIn,
                    operand: Operand::List(targets.to_vec()),
                });
                db.update_where(
                    &association.target,
                    Record::from([(association.foreign_key.clone(), Value::Null)]),
                    Some(others),
                )?;
                if !targets.is_empty() {
                    db.update_where(
                        &association.target,
                        Record::from([(association.foreign_key.clone(), key)]),
                        Some(Where::is_in(&pk, targets.to_vec())),
                    )?;
                }
                Ok(())
            }
            AssociationKind::BelongsToMany => {
                let key = source_key_value(instance, &association)?;
                let junction = association.through.clone().ok_or_else(|| Error::usage("junction missing"))?;
                let stale = Where::eq(&association.foreign_key, key).and(Where::Attr {
                    attribute: junction.other_key.clone(),
                    op: Op::NotIn,
                    operand: Operand::List(targets.to_vec()),
                });
                db.destroy_where(
                    &junction.model,
                    DestroyOptions { filter: Some(stale), force: true, ..Default::default() },
                )?;
                db.add_related(instance, alias, targets, through)
            }
        })
    }

    /// `addX(target)` / `addXs(targets)` on a many association; `through` values go into new
    /// junction rows of a `belongsToMany`.
    pub fn add_related(&mut self, instance: &Instance, alias: &str, targets: &[Value], through: Record) -> Result<()> {
        let association = self.association(&instance.model, alias)?.clone();
        let key = source_key_value(instance, &association)?;
        if targets.is_empty() {
            return Ok(());
        }
        self.in_call(|db| match association.kind {
            AssociationKind::HasMany => {
                let pk = target_pk(db, &association.target)?;
                db.update_where(
                    &association.target,
                    Record::from([(association.foreign_key.clone(), key)]),
                    Some(Where::is_in(&pk, targets.to_vec())),
                )
                .map(|_| ())
            }
            AssociationKind::BelongsToMany => {
                let junction = association.through.clone().ok_or_else(|| Error::usage("junction missing"))?;
                let existing_filter = Where::eq(&association.foreign_key, key.clone())
                    .and(Where::is_in(&junction.other_key, targets.to_vec()));
                let existing = db.find_all(&junction.model, &FindOptions::new().filter(existing_filter))?;
                let present: Vec<Value> =
                    crate::collect::map_vec(existing.iter(), |row| row.value(&junction.other_key));
                // Rows that exist already take the new `through` values (Sequelize updates them).
                if !through.is_empty() && !present.is_empty() {
                    db.update_where(
                        &junction.model,
                        through.clone(),
                        Some(
                            Where::eq(&association.foreign_key, key.clone())
                                .and(Where::is_in(&junction.other_key, present.clone())),
                        ),
                    )?;
                }
                let rows: Vec<Record> = targets
                    .iter()
                    .filter(|t| !present.contains(t))
                    .map(|t| {
                        let mut row = through.clone();
                        row.insert(association.foreign_key.clone(), key.clone());
                        row.insert(junction.other_key.clone(), t.clone());
                        row
                    })
                    .collect();
                db.bulk_create(&junction.model, rows).map(|_| ())
            }
            _ => Err(not_many(&association.alias, "add")),
        })
    }

    /// `removeX(target)` / `removeXs(targets)` on a many association.
    pub fn remove_related(&mut self, instance: &Instance, alias: &str, targets: &[Value]) -> Result<()> {
        let association = self.association(&instance.model, alias)?.clone();
        let key = source_key_value(instance, &association)?;
        self.in_call(|db| match association.kind {
            AssociationKind::HasMany => {
                let pk = target_pk(db, &association.target)?;
                let filter = Where::eq(&association.foreign_key, key).and(Where::is_in(&pk, targets.to_vec()));
                db.update_where(
                    &association.target,
                    Record::from([(association.foreign_key.clone(), Value::Null)]),
                    Some(filter),
                )
                .map(|_| ())
            }
            AssociationKind::BelongsToMany => {
                let junction = association.through.clone().ok_or_else(|| Error::usage("junction missing"))?;
                let filter =
                    Where::eq(&association.foreign_key, key).and(Where::is_in(&junction.other_key, targets.to_vec()));
                db.destroy_where(
                    &junction.model,
                    DestroyOptions { filter: Some(filter), force: true, ..Default::default() },
                )
                .map(|_| ())
            }
            _ => Err(not_many(&association.alias, "remove")),
        })
    }

    /// `hasX(target)` / `hasXs(targets)`: whether every target is associated (a lazy read).
    pub fn has_related(&mut self, instance: &Instance, alias: &str, targets: &[Value]) -> Result<bool> {
        let association = self.association(&instance.model, alias)?.clone();
        if !association.kind.is_many() {
            return Err(not_many(&association.alias, "has"));
        }
        let mut distinct: Vec<Value> = Vec::new();
        for t in targets {
            if !distinct.contains(t) {
                distinct.push(t.clone());
            }
        }
        let pk = target_pk(self, &association.target)?;
        let options = FindOptions::new().filter(Where::is_in(&pk, distinct.clone()));
        let found = self.count_related(instance, alias, &options)?;
        Ok(usize::try_from(found).unwrap_or(0) == distinct.len())
    }

    /// `createX(values)`: creates a target already associated with `instance`.
    pub fn create_related(
        &mut self,
        instance: &mut Instance,
        alias: &str,
        values: Record,
        through: Record,
    ) -> Result<Instance> {
        let association = self.association(&instance.model, alias)?.clone();
        self.in_call(|db| match association.kind {
            AssociationKind::HasOne | AssociationKind::HasMany => {
                let mut values = values;
                values.insert(association.foreign_key.clone(), source_key_value(instance, &association)?);
                db.create(&association.target, values)
            }
            AssociationKind::BelongsTo => {
                let created = db.create(&association.target, values)?;
                instance.set(&association.foreign_key, created.value(&association.key));
                db.save(instance)?;
                Ok(created)
            }
            AssociationKind::BelongsToMany => {
                let created = db.create(&association.target, values)?;
                let pk = target_pk(db, &association.target)?;
                db.add_related(instance, alias, &[created.value(&pk)], through)?;
                Ok(created)
            }
        })
    }
}

fn target_pk(db: &Database, model: &str) -> Result<String> {
    let model = db.model(model)?;
    model
        .primary_key_attribute()
        .map(|a| a.name.clone())
        .ok_or_else(|| Error::usage(format!("{} needs a single primary key for this accessor", model.name)))
}

fn not_many(alias: &str, verb: &str) -> Error {
    Error::usage(format!(
        "{verb}{} does not exist: {alias} is a single association; use set{} instead",
        crate::inflection::upper_first(alias),
        crate::inflection::upper_first(alias)
    ))
}
