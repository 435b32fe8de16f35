//! Migrations written from the models (Sequelize's oldest open request): for each model, in
//! dependency order, how its table differs from it ([`TablePlan`]) — the table to create with
//! every column, or the columns to add, change and remove — and the model's indexes the table
//! lacks. The JavaScript API writes these as a migration's code (`up` makes the tables match the
//! models, `down` puts them back): each column from its SQL definition, the model's as `sync`
//! writes it or the table's as `sqlite_master` keeps it, so both directions read the same.

use super::alter::{AddedColumn, TablePlan};
use crate::db::Database;
use crate::error::Result;

/// An index a model declares and its table lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexPlan {
    /// Its name.
    pub name: String,
    /// Its columns.
    pub columns: Vec<String>,
    /// `UNIQUE`.
    pub unique: bool,
}

impl Database {
    /// What a migration must do to make the tables match the models, table by table (only the
    /// tables that differ; tables no model names are left alone). For a table to create,
    /// `added` lists every column of the model.
    pub fn plans_from_models(&self) -> Result<Vec<(TablePlan, Vec<IndexPlan>)>> {
        let mut plans = Vec::new();
        for name in self.dependency_order()? {
            let model = self.model(&name)?;
            let mut plan = self.alter_plan(&name, true)?;
            if plan.create {
                let single_pk = model.primary_key.len() == 1;
                for attr in &model.attributes {
                    let definition = crate::sync::column_definition(attr, single_pk)?;
                    plan.added.push(AddedColumn { column: attr.field.clone(), definition, simple: true });
                }
            }
            let existing = if plan.create {
                Vec::new()
            } else {
                self.executor.quiet_texts(&format!("PRAGMA index_list({});", crate::ident::quote(&model.table)), 1)?
            };
            let indexes = model.options.indexes.iter().zip(crate::sync::create_index_sql(model));
            let indexes: Vec<IndexPlan> = crate::collect::filter_map_vec(indexes, |(index, (name, _))| {
                (!existing.contains(&name)).then(|| IndexPlan {
                    name,
                    columns: crate::collect::map_vec(index.fields.iter(), |f| {
                        model.attribute(f).map_or_else(|| f.clone(), |a| a.field.clone())
                    }),
                    unique: index.unique,
                })
            });
            if !plan.is_empty() || !indexes.is_empty() {
                plans.push((plan, indexes));
            }
        }
        Ok(plans)
    }
}
