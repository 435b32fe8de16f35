//! The SQL dialects the one statement writer ([`crate::sql`]) speaks: SQLite, which runs, and
//! PostgreSQL and MySQL, which are shown beside it in the playground's dialect lens (never run).
//!
//! The shape is sea-query's: a dialect is a unit struct implementing [`Dialect`], whose default
//! methods write the SQL that Sequelize 6's abstract query generator writes (backtick quoting,
//! `LIMIT offset, limit`, `RETURNING`, `ON CONFLICT`, `START TRANSACTION`); each dialect overrides
//! only what its own generator overrides, with a comment saying so. Trait objects (`&dyn
//! Dialect`), not generics, so the writer's code exists once in the wasm build rather than once
//! per dialect. See ARCHITECTURE.md for why this is our own trait and not sea-query.

use crate::number::format_js_number;
use crate::value::Value;

/// A SQL dialect: how identifiers are quoted, values are written for display, and the few
/// clauses that differ are spelled. The defaults are Sequelize 6's abstract query generator.
pub trait Dialect {
    /// The dialect's name as Sequelize spells it (`sqlite`, `postgres`, `mysql`).
    fn name(&self) -> &'static str;

    /// Writes `name` quoted. Default: backticks with any backtick inside doubled (Sequelize's
    /// quote helper for SQLite and MySQL).
    fn quote(&self, out: &mut String, name: &str) {
        crate::ident::push_quoted(out, name);
    }

    /// Whether the limit comes before the offset as `LIMIT offset, limit` (true, Sequelize's
    /// abstract `addLimitAndOffset`) or is written `LIMIT limit OFFSET offset` (false).
    fn limit_comma(&self) -> bool {
        true
    }

    /// Whether `INSERT … RETURNING` exists. Default: yes.
    fn returning(&self) -> bool {
        true
    }

    /// Whether an upsert is `ON DUPLICATE KEY UPDATE` (MySQL) rather than `ON CONFLICT (key)`.
    fn on_duplicate_key(&self) -> bool {
        false
    }

    /// The statement that starts a transaction. Default: `START TRANSACTION;`.
    fn begin(&self) -> &'static str {
        "START TRANSACTION;"
    }

    /// Sequelize's `tableExistsQuery` (sync's look for a table), given the table's name and the
    /// database's as literals. Default: the abstract generator's (MySQL).
    fn table_exists(&self, table: &str, database: &str) -> String {
        format!(
            "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME = {table} AND TABLE_SCHEMA = {database}"
        )
    }

    /// Sequelize's `showIndexesQuery`, given the table quoted and as a literal. Default: MySQL's.
    fn show_index(&self, quoted: &str, _table: &str) -> String {
        format!("SHOW INDEX FROM {quoted}")
    }

    /// A column type in DDL (`table` and `column` name PostgreSQL's enum types). Default:
    /// Sequelize's abstract types (MySQL's): `TINYINT(1)`, `DATETIME`, `CHAR(36) BINARY`, `ENUM(…)`.
    fn type_name(&self, t: &crate::types::DataType, _table: &str, _column: &str) -> String {
        standard_type(t)
    }

    /// What an auto-increment column's attribute string says. Default: MySQL's.
    fn auto_increment(&self) -> &'static str {
        " auto_increment"
    }

    /// A column's attribute string as `createTableQuery` writes it (`PRIMARY KEY` goes to the
    /// table's key clause). Default: MySQL's, which only takes `PRIMARY KEY` out.
    fn column_definition(&self, attribute: String) -> String {
        attribute.replacen("PRIMARY KEY", "", 1)
    }

    /// Whether `REFERENCES` becomes a table constraint (`FOREIGN KEY (c) REFERENCES …`, MySQL).
    fn foreign_keys_as_constraints(&self) -> bool {
        true
    }

    /// A composite unique key's name in `CREATE TABLE` (with its trailing space), or nothing.
    fn unique_name(&self, quoted: &str) -> String {
        format!("{quoted} ")
    }

    /// Between the columns of the table's key clause.
    fn key_separator(&self) -> &'static str {
        ", "
    }

    /// After `CREATE TABLE …(…)`: MySQL's `ENGINE=InnoDB`.
    fn table_options(&self) -> &'static str {
        " ENGINE=InnoDB"
    }

    /// `addColumnQuery`, given the table and column quoted and the attribute string. Default:
    /// MySQL's.
    fn add_column(&self, table: &str, column: &str, attribute: &str) -> String {
        format!("ALTER TABLE {table} ADD {column} {attribute};")
    }

    /// What `removeColumn` sends, given names quoted and as literals. Default: MySQL's, which
    /// first looks for foreign keys on the column (to drop them with it).
    fn remove_column(
        &self,
        table: &str,
        column: &str,
        table_lit: &str,
        column_lit: &str,
        database: &str,
    ) -> Vec<String> {
        vec![
            format!("SELECT CONSTRAINT_NAME as constraint_name,CONSTRAINT_NAME as constraintName,CONSTRAINT_SCHEMA as constraintSchema,CONSTRAINT_SCHEMA as constraintCatalog,TABLE_NAME as tableName,TABLE_SCHEMA as tableSchema,TABLE_SCHEMA as tableCatalog,COLUMN_NAME as columnName,REFERENCED_TABLE_SCHEMA as referencedTableSchema,REFERENCED_TABLE_SCHEMA as referencedTableCatalog,REFERENCED_TABLE_NAME as referencedTableName,REFERENCED_COLUMN_NAME as referencedColumnName FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE WHERE (REFERENCED_TABLE_NAME = {table_lit} AND REFERENCED_TABLE_SCHEMA = {database} AND REFERENCED_COLUMN_NAME = {column_lit}) OR (TABLE_NAME = {table_lit} AND TABLE_SCHEMA = {database} AND COLUMN_NAME = {column_lit} AND REFERENCED_TABLE_NAME IS NOT NULL)"),
            format!("ALTER TABLE {table} DROP {column};"),
        ]
    }

    /// `addIndexQuery` for plain column lists, names quoted. Default: MySQL's `ALTER TABLE … ADD INDEX`.
    fn add_index(&self, table: &str, name: &str, columns: &str, unique: bool) -> String {
        format!("ALTER TABLE {table} ADD {}INDEX {name} ({columns})", if unique { "UNIQUE " } else { "" })
    }

    /// `removeIndexQuery`, names quoted. Default: MySQL's.
    fn remove_index(&self, table: &str, name: &str) -> String {
        format!("DROP INDEX {name} ON {table}")
    }

    /// Writes a value as a SQL literal of this dialect, for display (Sequelize's `escape`).
    /// Default: the standard spelling — strings in `'` with `'` doubled, booleans `true`/`false`,
    /// dates as `'YYYY-MM-DD HH:mm:ss.SSS +00:00'`.
    fn literal(&self, out: &mut String, value: &Value) {
        standard_literal(out, value);
    }
}

/// The default [`Dialect::literal`], for an override to fall back on.
fn standard_literal(out: &mut String, value: &Value) {
    match value {
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Text(s) => quote_doubled(out, s),
        Value::Json(json) => quote_doubled(out, &json.to_string()),
        Value::Date(ms) => quote_doubled(out, &crate::datetime::format_sqlite(*ms)),
        other => out.push_str(&crate::value::sql_literal(other)),
    }
}

/// `'text'` with every `'` doubled.
fn quote_doubled(out: &mut String, s: &str) {
    out.push('\'');
    out.push_str(&s.replace('\'', "''"));
    out.push('\'');
}

/// SQLite, as Sequelize 6's `sqlite` dialect writes it: the SQL that runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sqlite;

impl Dialect for Sqlite {
    fn name(&self) -> &'static str {
        "sqlite"
    }

    // SQLite's generator: `BEGIN DEFERRED TRANSACTION;` (the transaction's type).
    fn begin(&self) -> &'static str {
        "BEGIN DEFERRED TRANSACTION;"
    }

    // Sequelize's `escape` writes booleans as 1/0 for SQLite, blobs as X'…'.
    fn literal(&self, out: &mut String, value: &Value) {
        out.push_str(&crate::value::sql_literal(value));
    }
}

/// PostgreSQL, as Sequelize 6's `postgres` dialect writes it (display only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Postgres;

impl Dialect for Postgres {
    fn name(&self) -> &'static str {
        "postgres"
    }

    // The quote helper's `postgres` case: double quotes (doubled inside).
    fn quote(&self, out: &mut String, name: &str) {
        out.push('"');
        out.push_str(&name.replace('"', "\"\""));
        out.push('"');
    }

    // The postgres generator's `addLimitAndOffset`: `LIMIT n OFFSET m`.
    fn limit_comma(&self) -> bool {
        false
    }

    fn table_exists(&self, table: &str, _database: &str) -> String {
        format!(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = {table}"
        )
    }

    fn show_index(&self, _quoted: &str, table: &str) -> String {
        format!(
            "SELECT i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique, ix.indkey AS indkey, array_agg(a.attnum) as column_indexes, array_agg(a.attname) AS column_names, pg_get_indexdef(ix.indexrelid) AS definition FROM pg_class t, pg_class i, pg_index ix, pg_attribute a WHERE t.oid = ix.indrelid AND i.oid = ix.indexrelid AND a.attrelid = t.oid AND t.relkind = 'r' and t.relname = {table} GROUP BY i.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, ix.indkey ORDER BY i.relname;"
        )
    }

    // PostgreSQL's data types; an ENUM is a type of its own, `"public"."enum_table_column"`.
    fn type_name(&self, t: &crate::types::DataType, table: &str, column: &str) -> String {
        use crate::types::DataType;
        match t {
            DataType::Boolean => "BOOLEAN".into(),
            DataType::Date => "TIMESTAMP WITH TIME ZONE".into(),
            DataType::Uuid => "UUID".into(),
            DataType::Blob => "BYTEA".into(),
            DataType::Enum(_) => format!("\"public\".\"enum_{table}_{column}\""),
            other => other.sql(),
        }
    }

    fn auto_increment(&self) -> &'static str {
        " SERIAL"
    }

    // The postgres generator names the schema and says COLUMN.
    fn add_column(&self, table: &str, column: &str, attribute: &str) -> String {
        format!("ALTER TABLE \"public\".{table} ADD COLUMN {column} {attribute};")
    }

    fn remove_column(&self, table: &str, column: &str, _: &str, _: &str, _: &str) -> Vec<String> {
        vec![format!("ALTER TABLE \"public\".{table} DROP COLUMN {column};")]
    }

    fn add_index(&self, table: &str, name: &str, columns: &str, unique: bool) -> String {
        format!("CREATE {}INDEX {name} ON {table} ({columns})", if unique { "UNIQUE " } else { "" })
    }

    fn remove_index(&self, _table: &str, name: &str) -> String {
        format!("DROP INDEX IF EXISTS {name}")
    }

    // The postgres generator's `dataTypeMapping`: `PRIMARY KEY` out, and a SERIAL column loses
    // its INTEGER and NOT NULL (BIGINT becomes BIGSERIAL); the spaces stay where they were.
    fn column_definition(&self, attribute: String) -> String {
        let mut s = attribute.replacen("PRIMARY KEY", "", 1);
        if s.contains("SERIAL") {
            if s.contains("BIGINT") {
                s = s.replacen("SERIAL", "BIGSERIAL", 1).replacen("BIGINT", "", 1);
            } else {
                s = s.replacen("INTEGER", "", 1);
            }
            s = s.replacen("NOT NULL", "", 1);
        }
        s
    }

    fn foreign_keys_as_constraints(&self) -> bool {
        false
    }

    fn unique_name(&self, _quoted: &str) -> String {
        String::new()
    }

    fn key_separator(&self) -> &'static str {
        ","
    }

    fn table_options(&self) -> &'static str {
        ""
    }

    // BYTEA's stringify: `E'\\x…'` (hex).
    fn literal(&self, out: &mut String, value: &Value) {
        match value {
            Value::Blob(bytes) => {
                out.push_str("E'\\\\x");
                for b in bytes {
                    out.push_str(&format!("{b:02x}"));
                }
                out.push('\'');
            }
            // Sequelize writes NUL as `\0` for PostgreSQL, which refuses the byte.
            Value::Text(s) => quote_doubled(out, &s.replace('\0', "\\0")),
            other => standard_literal(out, other),
        }
    }
}

/// MySQL, as Sequelize 6's `mysql` dialect writes it (display only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MySql;

impl Dialect for MySql {
    fn name(&self) -> &'static str {
        "mysql"
    }

    // MySQL has no `INSERT … RETURNING`; Sequelize reads the driver's insertId instead.
    fn returning(&self) -> bool {
        false
    }

    fn on_duplicate_key(&self) -> bool {
        true
    }

    // sql-string's MySQL escaping: backslash escapes in strings; DATE without fractions or zone
    // (Sequelize's MySQL DATE(0)); blobs as X'…'.
    fn literal(&self, out: &mut String, value: &Value) {
        match value {
            Value::Text(s) => backslash_quoted(out, s),
            Value::Json(json) => backslash_quoted(out, &json.to_string()),
            Value::Date(ms) => {
                let text = crate::datetime::format_sqlite(*ms);
                // `2026-11-22 21:19:41.000 +00:00` → `2026-11-22 21:19:41`.
                let cut = text.find('.').unwrap_or(text.len());
                quote_doubled(out, &text[..cut]);
            }
            Value::Float(f) => out.push_str(&format_js_number(*f)),
            other => standard_literal(out, other),
        }
    }
}

/// `'text'` as sql-string writes it for MySQL: `\0 \b \t \n \r \x1a " ' \` backslash-escaped.
fn backslash_quoted(out: &mut String, s: &str) {
    out.push('\'');
    for c in s.chars() {
        match c {
            '\0' => out.push_str("\\0"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{1a}' => out.push_str("\\Z"),
            '"' | '\'' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
}

/// The two dialects the lens shows beside SQLite, in the order events carry them.
pub const LENSES: [&dyn Dialect; 2] = [&Postgres, &MySql];

/// The type name Sequelize's abstract data types write (MySQL's, mostly).
pub(crate) fn standard_type(t: &crate::types::DataType) -> String {
    use crate::types::DataType;
    match t {
        DataType::Boolean => "TINYINT(1)".into(),
        DataType::Date => "DATETIME".into(),
        DataType::Uuid => "CHAR(36) BINARY".into(),
        DataType::Enum(values) => {
            let mut out = String::from("ENUM(");
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&crate::value::sql_literal(&Value::Text(v.clone())));
            }
            out.push(')');
            out
        }
        other => other.sql(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(d: &dyn Dialect, v: Value) -> String {
        let mut out = String::new();
        d.literal(&mut out, &v);
        out
    }

    #[test]
    fn literals_follow_sequelize_escape() {
        assert_eq!(lit(&Sqlite, Value::Bool(true)), "1");
        assert_eq!(lit(&Postgres, Value::Bool(true)), "true");
        assert_eq!(lit(&MySql, Value::Bool(false)), "false");
        assert_eq!(lit(&Postgres, "it's".into()), "'it''s'");
        assert_eq!(lit(&MySql, "it's \\ \n".into()), "'it\\'s \\\\ \\n'");
        assert_eq!(lit(&Postgres, Value::Date(0)), "'1970-01-01 00:00:00.000 +00:00'");
        assert_eq!(lit(&MySql, Value::Date(0)), "'1970-01-01 00:00:00'");
        assert_eq!(lit(&Postgres, Value::Blob(vec![1, 255])), "E'\\\\x01ff'");
        assert_eq!(lit(&MySql, Value::Blob(vec![1, 255])), "X'01ff'");
        assert_eq!(lit(&MySql, Value::Float(1.5)), "1.5");
        assert_eq!(lit(&Postgres, Value::Null), "NULL");
    }

    #[test]
    fn identifiers_are_quoted_per_dialect() {
        let q = |d: &dyn Dialect| {
            let mut out = String::new();
            d.quote(&mut out, "a\"b`c");
            out
        };
        assert_eq!(q(&Sqlite), "`a\"b``c`");
        assert_eq!(q(&MySql), "`a\"b``c`");
        assert_eq!(q(&Postgres), "\"a\"\"b`c\"");
    }
}
