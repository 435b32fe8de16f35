//! Schema changes that delete data: a dropped table or column with rows, a column whose new
//! type cannot hold some values as they are. The ORM reports each one with the statement that
//! makes it ([`DataLoss`]), counting the rows itself; this turns the reports into findings with
//! what to do instead. A report stands even when its statement was rolled back: that is what a
//! dry run is for.

use super::findings::{Finding, FindingKind};
use super::Events;
use crate::log::{DataLoss, DataLossKind};

/// One finding per report whose statement is in the log.
pub(crate) fn find(log: &Events<'_>, reports: &[DataLoss]) -> Vec<Finding> {
    crate::collect::filter_map_vec(reports.iter(), |report| {
        let event = log.get(report.query_id)?;
        let rows = plural(report.rows, "row");
        let column = report.column.as_deref().unwrap_or("");
        let table = &report.table;
        let (message, fix) = match &report.what {
                DataLossKind::DroppedTable if event.operation == "sync" => (
                    format!("sync({{ force: true }}) drops \"{table}\" with its {rows}: every run starts from empty tables."),
                    "await sequelize.sync(); // creates the missing tables and keeps the rows\n// change a table that exists with a migration (queryInterface.addColumn, changeColumn, …)".to_owned(),
                ),
                DataLossKind::DroppedTable => (
                    format!("Dropping \"{table}\" deletes its {rows}, and undo() cannot bring them back."),
                    format!("// keep the rows where a down() can find them:\nawait queryInterface.renameTable('{table}', '{table}_old');"),
                ),
                DataLossKind::DroppedColumn => (
                    format!("Dropping column \"{column}\" of \"{table}\" deletes its values in {rows}; a down() that adds the column back brings back NULLs, not the values."),
                    format!("// keep the values where a down() can put them back, then drop the column:\nawait queryInterface.sequelize.query('CREATE TABLE \"{table}_{column}\" AS SELECT id, \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL');"),
                ),
                DataLossKind::Narrowed { from, to, examples } => (
                    format!(
                        "Changing column \"{column}\" of \"{table}\" from {from} to {to}: {rows} hold values {to} cannot keep as they are ({}). SQLite keeps them (a column's type is only an affinity there); PostgreSQL would refuse the change and MySQL would convert or cut them.",
                        examples.join(", ")
                    ),
                    format!("// clean those rows in the same migration, before the change:\nawait queryInterface.bulkUpdate('{table}', {{ {column}: null }}, {{ /* the rows that do not fit */ }});"),
                ),
            };
        Some(Finding {
            kind: FindingKind::DataLoss,
            run: event.run,
            message,
            model: event.model.clone(),
            association: None,
            count: report.rows,
            query_ids: vec![report.query_id],
            fix: Some(fix),
        })
    })
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
