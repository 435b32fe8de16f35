//! Associations on a [`Database`]: defining them (`hasMany` and the others) with Sequelize 6's
//! defaults — the alias, the foreign key and which model holds it, `ON DELETE` / `ON UPDATE`, the
//! junction model of a `belongsToMany` — and the lazy loads behind the accessors Sequelize
//! generates (`getCategory`, `countProducts`, …). What an association is, as data, is
//! [`crate::association`].
//!
//! Every lazy load is marked in the query log with a [`LazyOrigin`]: the instance it was called
//! on and the query whose result that instance came from. That is what lets the analyzer tell a
//! lazy load inside a loop (N+1) from a single one.

use crate::association::{Association, AssociationKind, AssociationOptions, Through};
use crate::db::{Ctx, Database};
use crate::error::{Error, ErrorKind, Result};
use crate::inflection;
use crate::instance::{Instance, Related};
use crate::log::LazyOrigin;
use crate::model::{AttributeSpec, ModelOptions, ModelSpec, References, ReferentialAction};
use crate::query::filter::Where;
use crate::query::find::FindOptions;
use crate::value::Value;

impl Database {
    /// Defines an association (`Source.hasMany(Target, options)` and the others), adding the
    /// foreign-key attribute to the model that holds it, or the junction model of a
    /// `belongsToMany`. Both models must be defined first.
    pub fn associate(
        &mut self,
        kind: AssociationKind,
        source: &str,
        target: &str,
        options: AssociationOptions,
    ) -> Result<&Association> {
        let source_model = self.model_rc(source)?;
        let target_model = self.model_rc(target)?;
        let pk_of = |m: &crate::model::Model| -> Result<String> {
            m.primary_key_attribute().map(|a| a.name.clone()).ok_or_else(|| {
                Error::new(ErrorKind::Association, format!("{} needs a single primary key to be associated", m.name))
            })
        };
        let alias = match &options.alias {
            Some(alias) => alias.clone(),
            None if kind.is_many() => inflection::pluralize(&target_model.name),
            None => target_model.name.clone(),
        };
        crate::ident::check(crate::ident::IdentKind::Alias, &alias)?;
        if self.associations.iter().any(|a| a.source == source_model.name && a.alias == alias) {
            return Err(Error::new(
                ErrorKind::Association,
                format!(
                    "You have used the alias {alias} in two separate associations. Aliased associations must have unique aliases."
                ),
            ));
        }
        let reference = |table: &str, column: &str, allow_null: bool| {
            (!options.no_constraints).then(|| References {
                table: table.to_owned(),
                column: column.to_owned(),
                on_delete: Some(options.on_delete.unwrap_or(if allow_null {
                    ReferentialAction::SetNull
                } else {
                    ReferentialAction::Cascade
                })),
                on_update: Some(options.on_update.unwrap_or(ReferentialAction::Cascade)),
            })
        };
        let (foreign_key, key, through) = match kind {
            AssociationKind::BelongsTo | AssociationKind::HasOne | AssociationKind::HasMany => {
                // belongsTo: the source holds a key to the target; hasOne/hasMany: the reverse.
                let (keyed, holder, key, prefix) = if kind == AssociationKind::BelongsTo {
                    let key = options.target_key.clone().unwrap_or(pk_of(&target_model)?);
                    (&target_model, &source_model, key, alias.clone())
                } else {
                    let key = options.source_key.clone().unwrap_or(pk_of(&source_model)?);
                    (&source_model, &target_model, key, source_model.name.clone())
                };
                let key_attr = keyed.require_attribute(&key)?;
                let foreign_key =
                    options.foreign_key.clone().unwrap_or_else(|| inflection::camelize(&format!("{prefix}_{key}")));
                let allow_null = options.foreign_key_allow_null.unwrap_or(true);
                let mut spec = AttributeSpec::new(&foreign_key, key_attr.data_type().clone());
                spec.allow_null = allow_null;
                spec.references = reference(&keyed.table, &key_attr.field, allow_null);
                self.add_foreign_key(&holder.name, spec)?;
                (foreign_key, key, None)
            }
            AssociationKind::BelongsToMany => {
                let through = options.through.clone().ok_or_else(|| {
                    Error::new(
                        ErrorKind::Association,
                        format!(
                            "{}.belongsToMany({}) needs a `through` model or table name",
                            source_model.name, target_model.name
                        ),
                    )
                })?;
                let key = pk_of(&source_model)?;
                let target_key = pk_of(&target_model)?;
                let foreign_key = options
                    .foreign_key
                    .clone()
                    .unwrap_or_else(|| inflection::camelize(&format!("{}_{}", source_model.name, key)));
                let other_key = options
                    .other_key
                    .clone()
                    .unwrap_or_else(|| inflection::camelize(&format!("{}_{}", target_model.name, target_key)));
                // A junction model whose `id` Sequelize added gets the pair of keys as its primary
                // key instead, as in Sequelize.
                if let Ok(existing) = self.model(&through) {
                    if existing.auto_primary_key && existing.primary_key.len() == 1 {
                        self.drop_auto_primary_key(&through);
                    }
                }
                if self.model(&through).is_err() {
                    let spec = ModelSpec::new(&through)
                        .options(ModelOptions { table_name: Some(through.clone()), ..ModelOptions::default() });
                    self.define_junction(spec)?;
                }
                for (fk, model) in [(&foreign_key, &source_model), (&other_key, &target_model)] {
                    let key_attr = model.require_attribute(&pk_of(model)?)?;
                    let mut spec = AttributeSpec::new(fk, key_attr.data_type().clone()).not_null();
                    spec.references = Some(References {
                        table: model.table.clone(),
                        column: key_attr.field.clone(),
                        on_delete: Some(options.on_delete.unwrap_or(ReferentialAction::Cascade)),
                        on_update: Some(options.on_update.unwrap_or(ReferentialAction::Cascade)),
                    });
                    if options.no_constraints {
                        spec.references = None;
                    }
                    spec.primary_key = true;
                    self.add_foreign_key(&through, spec)?;
                }
                (foreign_key, key, Some(Through { model: through, other_key, target_key }))
            }
        };
        let (source, target) = (source_model.name.clone(), target_model.name.clone());
        self.associations.push(Association { kind, source, target, alias, foreign_key, key, through });
        self.associations.last().ok_or_else(|| Error::usage("association vanished"))
    }

    /// The association of `source` named `alias`.
    pub fn association(&self, source: &str, alias: &str) -> Result<&Association> {
        self.associations.iter().find(|a| a.source == source && a.alias == alias).ok_or_else(|| {
            let known: Vec<&str> =
                crate::collect::map_vec(self.associations.iter().filter(|a| a.source == source), |a| a.alias.as_str());
            Error::new(
                ErrorKind::EagerLoading,
                format!(
                    "{source} has no association {}{}",
                    crate::ident::printable(alias),
                    if known.is_empty() {
                        String::new()
                    } else {
                        format!("; its associations are: {}", known.join(", "))
                    }
                ),
            )
        })
    }

    /// Every association defined on `source`.
    pub fn associations_of<'a>(&'a self, source: &'a str) -> impl Iterator<Item = &'a Association> + 'a {
        self.associations.iter().filter(move |a| a.source == source)
    }

    /// Lazily loads an association of an instance (`product.getCategory()`,
    /// `category.getProducts(options)`). The statement is marked as a lazy load in the log.
    pub fn get_related(&mut self, instance: &Instance, alias: &str, options: &FindOptions) -> Result<Related> {
        let association = self.association(&instance.model, alias)?.clone();
        let origin = lazy_origin(self, instance, &association)?;
        if association.kind == AssociationKind::BelongsToMany {
            let key = source_key_value(instance, &association)?;
            let ctx = Ctx { model: Some(&association.target), operation: "lazy", lazy: Some(origin) };
            let found = self.in_call(|db| db.select_through(&association, &[key], options, &ctx))?;
            return Ok(Related::Many(crate::collect::map_vec(found, |(_, instance)| instance)));
        }
        let (target, filter) = self.related_filter(instance, &association)?;
        let mut options = options.clone();
        options.filter = Some(match options.filter.take() {
            Some(w) => filter.and(w),
            None => filter,
        });
        if !association.kind.is_many() {
            options.limit = None;
        }
        let target_model = self.model_rc(&target)?;
        let ctx = Ctx { model: Some(&target), operation: "lazy", lazy: Some(origin) };
        let found = self.in_call(|db| db.select_instances_with(&target_model, &options, ctx))?;
        Ok(if association.kind.is_many() {
            Related::Many(found)
        } else {
            Related::One(found.into_iter().next().map(Box::new))
        })
    }

    /// Counts an association of an instance (`category.countProducts()`), marked as a lazy load.
    pub fn count_related(&mut self, instance: &Instance, alias: &str, options: &FindOptions) -> Result<i64> {
        let association = self.association(&instance.model, alias)?.clone();
        let origin = lazy_origin(self, instance, &association)?;
        if association.kind == AssociationKind::BelongsToMany {
            let key = source_key_value(instance, &association)?;
            let ctx = Ctx { model: Some(&association.target), operation: "lazy", lazy: Some(origin) };
            return self.in_call(|db| db.count_through(&association, &key, options, &ctx));
        }
        let (target, filter) = self.related_filter(instance, &association)?;
        let mut options = options.clone();
        options.filter = Some(match options.filter.take() {
            Some(w) => filter.and(w),
            None => filter,
        });
        let target_model = self.model_rc(&target)?;
        let ctx = Ctx { model: Some(&target), operation: "lazy", lazy: Some(origin) };
        self.in_call(|db| db.count_rows_with(&target_model, &options, None, ctx))
    }

    /// The `where` that selects the associated rows of one instance.
    fn related_filter(&self, instance: &Instance, association: &Association) -> Result<(String, Where)> {
        let key_value = |name: &str| -> Result<Value> {
            let value = instance.value(name);
            if value.is_null() {
                return Err(Error::usage(format!(
                    "This {} has no value for \"{name}\", so its {} cannot be loaded",
                    instance.model, association.alias
                )));
            }
            Ok(value)
        };
        Ok(match association.kind {
            AssociationKind::BelongsTo => {
                (association.target.clone(), Where::eq(&association.key, instance.value(&association.foreign_key)))
            }
            AssociationKind::HasOne | AssociationKind::HasMany => {
                (association.target.clone(), Where::eq(&association.foreign_key, key_value(&association.key)?))
            }
            AssociationKind::BelongsToMany => {
                return Err(Error::usage(format!(
                    "Lazy loading {} through a junction is not supported yet; use include: [{{ model: {}, as: '{}' }}]",
                    association.alias, association.target, association.alias
                )))
            }
        })
    }
}

/// The source's key value for a `hasOne`/`hasMany`/`belongsToMany` read; an unsaved instance has
/// none, which is a usage error.
pub(crate) fn source_key_value(instance: &Instance, association: &Association) -> Result<Value> {
    let value = instance.value(&association.key);
    if value.is_null() {
        return Err(Error::usage(format!(
            "This {} has no value for \"{}\", so its {} cannot be read or changed; save it first",
            instance.model, association.key, association.alias
        )));
    }
    Ok(value)
}

fn lazy_origin(db: &Database, instance: &Instance, association: &Association) -> Result<LazyOrigin> {
    let source = db.model(&instance.model)?;
    let key = source.primary_key_attribute().map(|a| instance.value(&a.name).to_js_string()).unwrap_or_default();
    Ok(LazyOrigin {
        association: association.alias.clone(),
        source_model: instance.model.to_string(),
        source_key: key,
        source_query: instance.source.map(|(id, _)| id),
        source_rows: instance.source.map(|(_, rows)| rows),
    })
}
