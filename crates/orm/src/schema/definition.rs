//! A table's `CREATE TABLE` text split into its parts — each column definition and table
//! constraint as SQLite keeps it in `sqlite_master` — so that a rebuild can replace one column,
//! add or drop a constraint, and write everything else back exactly as it was (`AUTOINCREMENT`,
//! `ON DELETE CASCADE`, `CHECK`s, collations: what Sequelize's rebuild from `PRAGMA TABLE_INFO`
//! loses).

use crate::error::{Error, Result};
use crate::ident::quote;

/// The parts of one `CREATE TABLE name (…) options` statement.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TableDefinition {
    /// The column definitions and table constraints, in order, each trimmed.
    pub(crate) elements: Vec<String>,
    /// What follows the closing parenthesis (`WITHOUT ROWID`, `STRICT`), trimmed.
    options: String,
}

impl TableDefinition {
    /// Splits `sql` (a `CREATE TABLE` statement as `sqlite_master` keeps it) at its top-level
    /// commas; quotes (`'…'`, `"…"`, `` `…` ``, `[…]`) and parentheses are respected.
    pub(crate) fn parse(sql: &str) -> Result<TableDefinition> {
        let malformed = || Error::usage(format!("Cannot read this table's definition: {sql}"));
        let open = scan(sql, |c, depth| c == '(' && depth == 0).ok_or_else(malformed)?;
        let body_start = open + 1;
        let mut elements = Vec::new();
        let mut start = body_start;
        let mut close = None;
        let mut depth = 0usize;
        let mut chars = sql[body_start..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let at = body_start + i;
            match c {
                '\'' | '"' | '`' | '[' => {
                    let end = if c == '[' { ']' } else { c };
                    // Skip to the closing quote; a doubled quote is an escaped one.
                    loop {
                        match chars.next() {
                            Some((_, q)) if q == end => {
                                if end != ']' && chars.peek().is_some_and(|(_, n)| *n == end) {
                                    chars.next();
                                } else {
                                    break;
                                }
                            }
                            Some(_) => {}
                            None => return Err(malformed()),
                        }
                    }
                }
                '(' => depth += 1,
                ')' if depth == 0 => {
                    close = Some(at);
                    break;
                }
                ')' => depth -= 1,
                ',' if depth == 0 => {
                    elements.push(sql[start..at].trim().to_owned());
                    start = at + 1;
                }
                _ => {}
            }
        }
        let close = close.ok_or_else(malformed)?;
        elements.push(sql[start..close].trim().to_owned());
        if elements.iter().any(String::is_empty) {
            return Err(malformed());
        }
        Ok(TableDefinition { elements, options: sql[close + 1..].trim().trim_end_matches(';').trim().to_owned() })
    }

    /// The `CREATE TABLE` statement of these parts under the name `table`.
    pub(crate) fn render(&self, table: &str) -> String {
        let mut sql = format!("CREATE TABLE {} ({})", quote(table), self.elements.join(", "));
        if !self.options.is_empty() {
            sql.push(' ');
            sql.push_str(&self.options);
        }
        sql.push(';');
        sql
    }

    /// The position of the definition of column `name`.
    pub(crate) fn column(&self, name: &str) -> Option<usize> {
        self.elements.iter().position(|e| column_name(e).as_deref() == Some(name))
    }

    /// The names of the columns, in order.
    pub(crate) fn columns(&self) -> Vec<String> {
        crate::collect::filter_map_vec(self.elements.iter(), |e| column_name(e))
    }

    /// The position of the table constraint named `name` (`CONSTRAINT name …`).
    pub(crate) fn constraint(&self, name: &str) -> Option<usize> {
        self.elements.iter().position(|e| constraint_name(e).as_deref() == Some(name))
    }
}

/// The column an element defines, or `None` for a table constraint.
pub(crate) fn column_name(element: &str) -> Option<String> {
    let (first, _) = first_token(element)?;
    if first.quoted {
        return Some(first.text);
    }
    let keyword = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];
    (!keyword.iter().any(|k| first.text.eq_ignore_ascii_case(k))).then_some(first.text)
}

/// The name of a table constraint (`CONSTRAINT name …`), or `None`.
pub(crate) fn constraint_name(element: &str) -> Option<String> {
    let (first, rest) = first_token(element)?;
    if first.quoted || !first.text.eq_ignore_ascii_case("CONSTRAINT") {
        return None;
    }
    first_token(rest).map(|(name, _)| name.text)
}

/// The declared type of a column element (`VARCHAR(20)`, `DECIMAL(10,2)`), or `None` when it
/// has none (SQLite allows that).
pub(crate) fn declared_type(element: &str) -> Option<String> {
    let (_, rest) = first_token(element)?;
    let stops = [
        "CONSTRAINT",
        "PRIMARY",
        "NOT",
        "NULL",
        "UNIQUE",
        "CHECK",
        "DEFAULT",
        "COLLATE",
        "REFERENCES",
        "GENERATED",
        "AS",
    ];
    let words: Vec<&str> =
        rest.split_whitespace().take_while(|w| !stops.iter().any(|k| w.eq_ignore_ascii_case(k))).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// [`declared_type`] upper-cased, empty when there is none (what narrowing compares).
pub(crate) fn declared_type_upper(element: &str) -> String {
    declared_type(element).unwrap_or_default().to_ascii_uppercase()
}

/// Names quoted and joined as English does (`"a"`, `"a" and "b"`).
pub(crate) fn and_quoted(names: &[String]) -> String {
    let quoted: Vec<String> = crate::collect::map_vec(names.iter(), |n| format!("\"{n}\""));
    crate::text::and_list(&quoted)
}

struct Token {
    text: String,
    quoted: bool,
}

/// The first identifier of `text` (unquoted), and what follows it.
fn first_token(text: &str) -> Option<(Token, &str)> {
    let text = text.trim_start();
    let first = text.chars().next()?;
    let close = match first {
        '"' => '"',
        '`' => '`',
        '[' => ']',
        '\'' => '\'',
        _ => {
            let end = text.find(|c: char| c.is_whitespace() || c == '(' || c == ',').unwrap_or(text.len());
            return Some((Token { text: text[..end].to_owned(), quoted: false }, &text[end..]));
        }
    };
    let mut name = String::new();
    let mut chars = text.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if c == close {
            if close != ']' && chars.peek().is_some_and(|(_, n)| *n == close) {
                chars.next();
                name.push(c);
                continue;
            }
            return Some((Token { text: name, quoted: true }, &text[i + c.len_utf8()..]));
        }
        name.push(c);
    }
    None
}

/// The byte offset of the first character outside quotes for which `found(c, depth)` holds.
fn scan(sql: &str, found: impl Fn(char, usize) -> bool) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in sql.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '\'' | '"' | '`') => quote = Some(c),
            None if c == '[' => quote = Some(']'),
            None if found(c, 0) => return Some(i),
            None => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDERS: &str = "CREATE TABLE `orders` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `total` DECIMAL(10,2) NOT NULL DEFAULT 0, `note` VARCHAR(255) DEFAULT 'a, (b)', `userId` INTEGER REFERENCES `users` (`id`) ON DELETE CASCADE, CONSTRAINT `orders_total_ck` CHECK (`total` >= 0))";

    #[test]
    fn splits_at_top_level_commas_only() {
        let t = TableDefinition::parse(ORDERS).unwrap();
        assert_eq!(t.elements.len(), 5);
        assert_eq!(t.elements[1], "`total` DECIMAL(10,2) NOT NULL DEFAULT 0");
        assert_eq!(t.elements[2], "`note` VARCHAR(255) DEFAULT 'a, (b)'");
        assert_eq!(t.columns(), ["id", "total", "note", "userId"]);
        assert_eq!(t.column("userId"), Some(3));
        assert_eq!(t.constraint("orders_total_ck"), Some(4));
        assert_eq!(t.render("orders"), format!("{ORDERS};"));
    }

    #[test]
    fn reads_every_quoting_and_keeps_table_options() {
        let t = TableDefinition::parse(
            "CREATE TABLE \"t(\" (\"a\"\"b\" TEXT, [c d] INT, e, PRIMARY KEY (e)) WITHOUT ROWID;",
        )
        .unwrap();
        assert_eq!(t.columns(), ["a\"b", "c d", "e"]);
        assert_eq!(t.render("t"), "CREATE TABLE `t` (\"a\"\"b\" TEXT, [c d] INT, e, PRIMARY KEY (e)) WITHOUT ROWID;");
        assert_eq!(declared_type(&t.elements[2]), None);
        let orders = TableDefinition::parse(ORDERS).unwrap();
        assert_eq!(declared_type(&orders.elements[1]).as_deref(), Some("DECIMAL(10,2)"));
        assert_eq!(declared_type("`a` VARCHAR(20) NOT NULL").as_deref(), Some("VARCHAR(20)"));
    }

    #[test]
    fn malformed_text_is_an_error_not_a_panic() {
        for sql in ["CREATE TABLE t", "CREATE TABLE t (a TEXT", "CREATE TABLE t (a TEXT,)", "CREATE TABLE t ('a)"] {
            assert!(TableDefinition::parse(sql).is_err(), "{sql}");
        }
    }
}
