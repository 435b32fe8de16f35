//! Identifiers: checking that a model, attribute, alias or table name is safe, and quoting it.
//!
//! Every identifier the ORM writes into SQL passes through [`quote`], which wraps it in
//! backticks (as Sequelize does on SQLite) and doubles any backtick inside. On top of that, names
//! that come from a learner are checked up front by [`check`], so a hostile name is refused with a
//! clear error before any SQL runs — quoting is the second wall, not the only one.

use crate::error::{Error, ErrorKind, Result};

/// The longest identifier accepted, in characters.
pub const MAX_LEN: usize = 64;

/// What an identifier names, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentKind {
    /// A model name (`sequelize.define('Book', …)`).
    Model,
    /// An attribute name.
    Attribute,
    /// A column name (`field`).
    Column,
    /// A table name.
    Table,
    /// An alias (`as`, attribute alias).
    Alias,
    /// An index or constraint name.
    Index,
}

impl IdentKind {
    fn noun(self) -> &'static str {
        match self {
            IdentKind::Model => "model name",
            IdentKind::Attribute => "attribute name",
            IdentKind::Column => "column name",
            IdentKind::Table => "table name",
            IdentKind::Alias => "alias",
            IdentKind::Index => "index name",
        }
    }
}

/// Checks that `name` is a safe identifier: 1 to [`MAX_LEN`] characters, a letter or `_` first,
/// then letters, digits, `_` or `$` (Unicode letters and digits count), and no `sqlite_` prefix
/// (SQLite reserves it for its own tables).
pub fn check(kind: IdentKind, name: &str) -> Result<()> {
    let fail = |why: &str| {
        Err(Error::new(
            ErrorKind::InvalidIdentifier,
            format!(
                "Invalid {} {}: {why}. Use letters, digits and underscores, starting with a letter or underscore (at most {MAX_LEN} characters).",
                kind.noun(),
                printable(name)
            ),
        ))
    };
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return fail("it is empty");
    };
    if name.chars().count() > MAX_LEN {
        return fail("it is too long");
    }
    if !(first.is_alphabetic() || first == '_') {
        return fail("it must start with a letter or an underscore");
    }
    if let Some(bad) = chars.find(|c| !(c.is_alphanumeric() || *c == '_' || *c == '$')) {
        return fail(&format!("the character {} is not allowed", printable(&bad.to_string())));
    }
    if name.len() >= 7 && name.as_bytes()[..7].eq_ignore_ascii_case(b"sqlite_") {
        return fail("names starting with \"sqlite_\" are reserved by SQLite");
    }
    Ok(())
}

/// Quotes an identifier for SQLite with backticks, doubling any backtick inside.
pub fn quote(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    push_quoted(&mut out, name);
    out
}

/// Appends `name` quoted with backticks to `out`.
pub fn push_quoted(out: &mut String, name: &str) {
    out.push('`');
    // Each backtick inside is doubled; the pieces between them are copied whole.
    for (i, piece) in name.split('`').enumerate() {
        if i > 0 {
            out.push_str("``");
        }
        out.push_str(piece);
    }
    out.push('`');
}

/// A name as it can be shown in a message: quoted, with control characters escaped and a huge
/// name shortened, so an error message is never itself hostile.
pub fn printable(name: &str) -> String {
    let mut shown: String = name.chars().take(40).flat_map(char::escape_debug).collect();
    if name.chars().count() > 40 {
        shown.push('…');
    }
    format!("\"{shown}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_names() {
        for name in ["Book", "priceInCents", "_private", "order_items", "名前", "a$b", "User2"] {
            assert!(check(IdentKind::Attribute, name).is_ok(), "{name}");
        }
    }

    #[test]
    fn refuses_hostile_names_with_a_clear_message() {
        for name in [
            "",
            "1abc",
            "a b",
            "a`b",
            "a\"b",
            "a'b",
            "x;DROP TABLE t",
            "a\0b",
            "sqlite_master",
            "SQLITE_x",
            "a-b",
            "a.b",
            "(",
            "--",
        ] {
            let err = check(IdentKind::Model, name).unwrap_err();
            assert_eq!(err.kind, ErrorKind::InvalidIdentifier, "{name}");
            assert!(err.message.starts_with("Invalid model name"), "{}", err.message);
        }
        let long = "a".repeat(MAX_LEN + 1);
        assert!(check(IdentKind::Table, &long).unwrap_err().message.contains("too long"));
        assert!(check(IdentKind::Table, &"a".repeat(MAX_LEN)).is_ok());
    }

    #[test]
    fn quoting_doubles_backticks() {
        assert_eq!(quote("Book"), "`Book`");
        assert_eq!(quote("a`b"), "`a``b`");
    }

    #[test]
    fn printable_escapes_and_shortens() {
        assert_eq!(printable("a\0b"), "\"a\\0b\"");
        assert!(printable(&"x".repeat(100)).ends_with("…\""));
    }
}
