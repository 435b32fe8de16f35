//! Migrations written from the models (Sequelize's oldest open request): the difference
//! between the models as defined and the tables as they are ([`super::alter::TablePlan`]),
//! written as a migration's code — `up` makes the tables match the models, `down` puts them
//! back — for the learner to read, paste into `sequelize.migrator([…])` or a sequelize-cli file.
//!
//! Each column is written from its SQL definition (the model's, as `sync` would write it, or the
//! table's, as `sqlite_master` keeps it) read back into Sequelize's attribute options, so `up`
//! and `down` are written the same way.

use super::definition::{self, ColumnParts};
use crate::db::Database;
use crate::error::Result;
use crate::model::Model;

impl Database {
    /// The migration `{ name, up, down }` that makes the tables match the models, as code; `None`
    /// when they already do. Tables no model names are left alone.
    pub fn migration_from_models(&self, name: &str) -> Result<Option<String>> {
        let order = self.dependency_order()?;
        let mut up: Vec<String> = Vec::new();
        let mut down: Vec<String> = Vec::new();
        for model_name in &order {
            let model = self.model(model_name)?;
            let plan = self.alter_plan(model_name, true)?;
            let table = js_string(&plan.table);
            if plan.create {
                let single_pk = model.primary_key.len() == 1;
                let mut columns = Vec::new();
                for attr in &model.attributes {
                    let sql = crate::sync::column_definition(attr, single_pk)?;
                    columns.push(format!("      {}: {},", js_key(&attr.field), attribute_js(&sql)));
                }
                up.push(format!("    await queryInterface.createTable({table}, {{\n{}\n    }});", columns.join("\n")));
                down.push(format!("    await queryInterface.dropTable({table});"));
            } else {
                for added in &plan.added {
                    let column = js_string(&added.column);
                    up.push(format!(
                        "    await queryInterface.addColumn({table}, {column}, {});",
                        attribute_js(&added.definition)
                    ));
                    down.push(format!("    await queryInterface.removeColumn({table}, {column});"));
                }
                for (column, old, new) in &plan.changed {
                    let column = js_string(column);
                    up.push(format!(
                        "    await queryInterface.changeColumn({table}, {column}, {});",
                        attribute_js(new)
                    ));
                    down.push(format!(
                        "    await queryInterface.changeColumn({table}, {column}, {});",
                        attribute_js(old)
                    ));
                }
                for (column, old) in &plan.removed {
                    let column = js_string(column);
                    up.push(format!("    await queryInterface.removeColumn({table}, {column});"));
                    down.push(format!("    await queryInterface.addColumn({table}, {column}, {});", attribute_js(old)));
                }
            }
            self.missing_indexes_js(model, plan.create, &table, &mut up, &mut down)?;
        }
        if up.is_empty() {
            return Ok(None);
        }
        down.reverse();
        Ok(Some(format!(
            "{{\n  name: {},\n  async up(queryInterface, Sequelize) {{\n{}\n  }},\n  async down(queryInterface, Sequelize) {{\n{}\n  }},\n}}",
            js_string(name),
            up.join("\n"),
            down.join("\n")
        )))
    }

    /// `addIndex` for the model's indexes the table lacks (every one, for a new table).
    fn missing_indexes_js(
        &self,
        model: &Model,
        create: bool,
        table: &str,
        up: &mut Vec<String>,
        down: &mut Vec<String>,
    ) -> Result<()> {
        let existing: Vec<String> = if create {
            Vec::new()
        } else {
            self.quiet_read(&format!("PRAGMA index_list({});", crate::ident::quote(&model.table)), |row| row.get(1))?
        };
        for (index, (name, _)) in model.options.indexes.iter().zip(crate::sync::create_index_sql(model)) {
            if existing.contains(&name) {
                continue;
            }
            let fields: Vec<String> = index
                .fields
                .iter()
                .map(|f| js_string(&model.attribute(f).map_or_else(|| f.clone(), |a| a.field.clone())))
                .collect();
            let unique = if index.unique { ", unique: true" } else { "" };
            up.push(format!(
                "    await queryInterface.addIndex({table}, [{}], {{ name: {}{unique} }});",
                fields.join(", "),
                js_string(&name)
            ));
            down.push(format!("    await queryInterface.removeIndex({table}, {});", js_string(&name)));
        }
        Ok(())
    }
}

/// A column's SQL definition as Sequelize's attribute options.
fn attribute_js(sql: &str) -> String {
    let Some(parts) = definition::column_parts(sql) else { return "{}".to_owned() };
    let mut fields = vec![format!("type: {}", type_js(&parts))];
    if parts.not_null || (parts.primary_key && parts.auto_increment) {
        fields.push("allowNull: false".to_owned());
    }
    if parts.primary_key {
        fields.push("primaryKey: true".to_owned());
    }
    if parts.auto_increment {
        fields.push("autoIncrement: true".to_owned());
    }
    if parts.unique {
        fields.push("unique: true".to_owned());
    }
    if let Some(default) = &parts.default {
        fields.push(format!("defaultValue: {}", literal_js(default)));
    }
    if let Some((table, column, on_delete, on_update)) = &parts.references {
        fields.push(format!("references: {{ model: {}, key: {} }}", js_string(table), js_string(column)));
        if let Some(action) = on_delete {
            fields.push(format!("onDelete: {}", js_string(action)));
        }
        if let Some(action) = on_update {
            fields.push(format!("onUpdate: {}", js_string(action)));
        }
    }
    format!("{{ {} }}", fields.join(", "))
}

/// The Sequelize data type of a declared SQL type (`VARCHAR(20)` → `Sequelize.STRING(20)`); a
/// type Sequelize has no name for is written as the SQL string, which Sequelize accepts.
fn type_js(parts: &ColumnParts) -> String {
    let declared = parts.declared_type.clone().unwrap_or_default();
    let upper = declared.to_ascii_uppercase();
    let named = match upper.as_str() {
        "VARCHAR(255)" => Some("STRING".to_owned()),
        "TINYINT(1)" => Some("BOOLEAN".to_owned()),
        "DATETIME" => Some("DATE".to_owned()),
        "DATE" => Some("DATEONLY".to_owned()),
        "DOUBLE PRECISION" => Some("DOUBLE".to_owned()),
        "UUID" | "JSON" | "BLOB" | "TEXT" | "INTEGER" | "BIGINT" | "FLOAT" | "REAL" | "DECIMAL" => Some(upper.clone()),
        _ => crate::types::DataType::parse(&upper).ok().map(|t| t.js_name()),
    };
    match named {
        Some(name) => format!("Sequelize.{name}"),
        None => js_string(&declared),
    }
}

/// A SQL literal as JavaScript (`'it''s'` → `'it\'s'`, `NULL` → `null`).
fn literal_js(sql: &str) -> String {
    if let Some(inner) = sql.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
        return js_string(&inner.replace("''", "'"));
    }
    if sql.eq_ignore_ascii_case("NULL") {
        return "null".to_owned();
    }
    if sql.parse::<f64>().is_ok() {
        return sql.to_owned();
    }
    format!("Sequelize.literal({})", js_string(sql))
}

/// A JavaScript string literal in single quotes.
fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// An object key: bare when it is an identifier, quoted otherwise.
fn js_key(name: &str) -> String {
    let mut chars = name.chars();
    let bare = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if bare {
        name.to_owned()
    } else {
        js_string(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_written_as_sequelize_attributes() {
        assert_eq!(
            attribute_js("`id` INTEGER PRIMARY KEY AUTOINCREMENT"),
            "{ type: Sequelize.INTEGER, allowNull: false, primaryKey: true, autoIncrement: true }"
        );
        assert_eq!(
            attribute_js("`code` VARCHAR(20) NOT NULL DEFAULT 'it''s' UNIQUE"),
            "{ type: Sequelize.STRING(20), allowNull: false, unique: true, defaultValue: 'it\\'s' }"
        );
        assert_eq!(
            attribute_js("`UserId` INTEGER REFERENCES `Users` (`id`) ON DELETE CASCADE ON UPDATE CASCADE"),
            "{ type: Sequelize.INTEGER, references: { model: 'Users', key: 'id' }, onDelete: 'CASCADE', onUpdate: 'CASCADE' }"
        );
        assert_eq!(attribute_js("`at` DATETIME"), "{ type: Sequelize.DATE }");
        assert_eq!(attribute_js("`ok` TINYINT(1) DEFAULT 1"), "{ type: Sequelize.BOOLEAN, defaultValue: 1 }");
        assert_eq!(attribute_js("`p` DECIMAL(10,2)"), "{ type: Sequelize.DECIMAL(10, 2) }");
        assert_eq!(attribute_js("`g` GEOMETRY"), "{ type: 'GEOMETRY' }");
    }

    #[test]
    fn names_are_escaped_in_the_code() {
        assert_eq!(js_string("a'b\\c\n"), "'a\\'b\\\\c\\n'");
        assert_eq!(js_key("user_id"), "user_id");
        assert_eq!(js_key("first name"), "'first name'");
    }
}
