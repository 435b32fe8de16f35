//! `sync({ alter: true })` and migrations written from the models: the difference between a
//! model as defined and its table as it is ([`TablePlan`]), applied to the table or written as
//! a migration's code.
//!
//! Sequelize's `alter` adds the missing columns with `ALTER TABLE … ADD`, removes the columns the
//! model does not have, and calls `changeColumn` on *every* other column — one table rebuild per
//! column, each losing the table's indexes and cascading into the tables that reference it
//! (see [`super::rebuild`]). We add the same columns, and rebuild a table once, only when a column
//! differs or goes, keeping what the table had. A column that `ALTER TABLE … ADD` cannot add
//! (`UNIQUE`, a key) is added by that rebuild instead of failing.

use super::definition;
use crate::db::{Ctx, Database};
use crate::error::Result;
use crate::ident::quote;
use crate::log::{DataLoss, DataLossKind, Report};
use crate::model::Unique;

/// How one model's table differs from the model.
#[derive(Debug, Clone, PartialEq)]
pub struct TablePlan {
    /// The model.
    pub model: String,
    /// The table.
    pub table: String,
    /// The table does not exist yet.
    pub create: bool,
    /// Columns to add, with their definitions (`ALTER TABLE … ADD` when `simple`).
    pub added: Vec<AddedColumn>,
    /// Columns the model no longer has, with their definitions as the table has them.
    pub removed: Vec<(String, String)>,
    /// Columns whose definition differs: `(column, as the table has it, as the model says)`.
    pub changed: Vec<(String, String, String)>,
}

/// A column the table lacks.
#[derive(Debug, Clone, PartialEq)]
pub struct AddedColumn {
    /// Its name.
    pub column: String,
    /// Its definition.
    pub definition: String,
    /// Whether `ALTER TABLE … ADD` can add it (not `UNIQUE`, not a key).
    pub simple: bool,
}

impl TablePlan {
    /// True when the table already matches the model.
    pub fn is_empty(&self) -> bool {
        !self.create && self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    fn needs_rebuild(&self) -> bool {
        !self.removed.is_empty() || !self.changed.is_empty() || self.added.iter().any(|a| !a.simple)
    }
}

impl Database {
    /// How the table of `model` differs from it; `drop: false` keeps the columns the model does
    /// not have (`alter: { drop: false }`).
    pub fn alter_plan(&self, model: &str, drop: bool) -> Result<TablePlan> {
        let model = self.model(model)?;
        let mut plan = TablePlan {
            model: model.name.clone(),
            table: model.table.clone(),
            create: false,
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
        };
        if !self.table_exists(&model.table)? {
            plan.create = true;
            return Ok(plan);
        }
        let table = self.table_definition(&model.table)?;
        let single_pk = model.primary_key.len() == 1;
        for attr in &model.attributes {
            let wanted = crate::sync::column_definition(attr, single_pk)?;
            match table.column(&attr.field) {
                None => plan.added.push(AddedColumn {
                    column: attr.field.clone(),
                    definition: wanted,
                    simple: !attr.spec.primary_key && attr.spec.unique != Some(Unique::Single),
                }),
                // A key stays as it is, as in Sequelize.
                Some(_) if attr.spec.primary_key => {}
                Some(at) if normalized(&table.elements[at]) != normalized(&wanted) => {
                    plan.changed.push((attr.field.clone(), table.elements[at].clone(), wanted))
                }
                Some(_) => {}
            }
        }
        if drop {
            for column in table.columns() {
                if !model.attributes.iter().any(|a| a.field == column) {
                    let at = table.column(&column).unwrap_or_default();
                    plan.removed.push((column, table.elements[at].clone()));
                }
            }
        }
        Ok(plan)
    }

    /// Makes the existing table of `model` match it (the `alter` of `sync`).
    pub(crate) fn alter_table(&mut self, model: &str, drop: bool) -> Result<()> {
        let plan = self.alter_plan(model, drop)?;
        let ctx = Ctx::new(Some(model), "sync");
        for added in plan.added.iter().filter(|a| a.simple) {
            self.executor.exec(
                &ctx,
                &crate::lens::SqliteOnly::text(format!("ALTER TABLE {} ADD {};", quote(&plan.table), added.definition)),
            )?;
        }
        if !plan.needs_rebuild() {
            return Ok(());
        }
        let mut table = self.table_definition(&plan.table)?;
        let old_columns = table.columns();
        for (column, _, wanted) in &plan.changed {
            if let Some(at) = table.column(column) {
                table.elements[at] = wanted.clone();
            }
        }
        table
            .elements
            .retain(|e| definition::column_name(e).is_none_or(|c| !plan.removed.iter().any(|(r, _)| *r == c)));
        // Columns come before the table constraints, as SQLite wants them.
        let first_constraint = table.elements.iter().position(|e| definition::column_name(e).is_none());
        for added in plan.added.iter().filter(|a| !a.simple) {
            let at = first_constraint.unwrap_or(table.elements.len());
            table.elements.insert(at, added.definition.clone());
        }
        let copied: Vec<String> =
            crate::collect::filter_map_vec(table.columns(), |c| old_columns.contains(&c).then_some(c));
        let losses = self.alter_losses(&plan)?;
        let copy_id = self.rebuild_table(&ctx, &plan.table, &table, &copied)?;
        for mut loss in losses {
            loss.query_id = copy_id;
            self.report(|_| Some(Report::DataLoss(loss)));
        }
        Ok(())
    }

    /// What the rebuild of `plan` loses: the values of the removed columns, the values the
    /// changed columns' new types cannot keep (counted only when someone listens).
    fn alter_losses(&self, plan: &TablePlan) -> Result<Vec<DataLoss>> {
        let mut losses = Vec::new();
        if !self.executor.wants_reports() {
            return Ok(losses);
        }
        let loss = |column: &str, rows: usize, what| DataLoss {
            query_id: 0,
            table: plan.table.clone(),
            column: Some(column.to_owned()),
            rows,
            what,
        };
        for (column, _) in &plan.removed {
            let rows = self.count_values(&plan.table, column)?;
            if rows > 0 {
                losses.push(loss(column, rows, DataLossKind::DroppedColumn));
            }
        }
        for (column, old, new) in &plan.changed {
            let (from, to) = (definition::declared_type_upper(old), definition::declared_type_upper(new));
            if let Some((rows, examples)) = self.narrowing(&plan.table, column, &from, &to)? {
                losses.push(loss(column, rows, DataLossKind::Narrowed { from, to, examples }));
            }
        }
        Ok(losses)
    }

    /// How many rows of `table` hold a value (not NULL) in `column`.
    pub(crate) fn count_values(&self, table: &str, column: &str) -> Result<usize> {
        Ok(self.executor.quiet_number(&format!("SELECT count({}) FROM {};", quote(column), quote(table)))? as usize)
    }
}

/// A definition compared without case or spacing (`DEFAULT 0` and `default  0` are the same).
/// Lower-cased by [`crate::text`], like every other name: Rust's own `to_lowercase` would bring
/// Unicode's case tables back into the wasm.
fn normalized(definition: &str) -> String {
    let compact: String = definition.chars().filter(|c| !c.is_whitespace()).collect();
    crate::text::lowercase(&compact)
}
