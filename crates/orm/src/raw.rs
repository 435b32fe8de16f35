//! Raw SQL with Sequelize's `replacements` or `bind`, turned into SQL with `?` placeholders and
//! a parameter vector: values are never spliced into the SQL text. Also [`inline_params`], which
//! writes a statement with its parameters inlined, for display only (logging).
//!
//! The scanner knows SQLite's lexical rules well enough to leave alone what is not code:
//! string literals (`'...'`, `''` inside), quoted identifiers (`"..."`, `` `...` ``, `[...]`,
//! each with its doubled-quote escape where SQLite has one), `-- line` comments and
//! `/* block */` comments. A placeholder inside any of these stays as written.
//!
//! What counts as a placeholder, compared with Sequelize 6's `injectReplacements` and
//! `formatBindParameters`:
//! - `?` (positional replacement): every `?` in code. Sequelize only replaces a `?` after
//!   whitespace, `(`, `>`, `,`, `=` or `[`, leaving `a+?` for SQLite to bind as NULL; here it is
//!   always a placeholder. SQLite's numbered `?1` is refused.
//! - `:name` (named replacement): a `:` at the start or after a character that is not a letter,
//!   digit or `_`, followed by `[A-Za-z_][A-Za-z0-9_]*`; `::` is skipped as a cast. Sequelize
//!   also wants the name followed by whitespace, `)`, `,`, `;`, `]`, `::` or the end, and leaves
//!   e.g. `a+:x` or `:x||'y'` alone (SQLite then binds NULL); here those are replaced too.
//! - `$1`, `$name` (bind): as Sequelize's `/\B\$(\$|\w+)/`: a `$` at the start or after a
//!   non-word character, then `$` (a literal `$`) or word characters. With an array only
//!   `[1-9][0-9]*` is a key (1-based); with an object any key that is not all digits. As in
//!   Sequelize, whose regular expression runs over the whole text, `$$` becomes `$` inside
//!   string literals, quoted identifiers and comments too (`SELECT '$$'` gives `$`), while `$1`
//!   or `$name` there stays as written (Sequelize would also refuse an unknown `$name` there).
//! - The same name or number may appear several times; each occurrence gets its own `?` and a
//!   copy of the value, in order of appearance.
//!
//! Errors are [`ErrorKind::Usage`](crate::error::ErrorKind::Usage) errors with Sequelize's
//! messages where Sequelize has one. Where Sequelize would silently send SQLite an unbound
//! parameter (a `?` among named replacements, a `:name` among positional ones, a `?` or `:name`
//! with bind parameters), this module refuses the query with a message that says why, since a
//! stray SQLite parameter would shift the positional parameters.

use crate::error::Error;
pub use crate::value::sql_literal;
use crate::value::Value;

/// Parameters given as a plain list or as name/value pairs (Sequelize's `bind` option: an
/// array for `$1`, `$2`, … or an object for `$name`).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Params {
    /// No parameters (the option was not given).
    #[default]
    None,
    /// An array: `$1` is the first value.
    Positional(Vec<Value>),
    /// An object: `$name` is the value under `name`. When a name is listed twice the last entry
    /// wins, as in a JavaScript object literal.
    Named(Vec<(String, Value)>),
}

/// The `bind` option of `sequelize.query`.
pub type Binds = Params;

/// One replacement value. A replacement value may be a list: `IN (:names)` expands to
/// `IN (?, ?, ?)`. An empty list expands to nothing, `IN ()`, exactly as Sequelize 6 writes it
/// for an empty array; SQLite accepts `x IN ()` and it is false for every row.
#[derive(Debug, Clone, PartialEq)]
pub enum Replacement {
    /// A single value: one `?`.
    One(Value),
    /// A list of values: `?, ?, …` (nothing when empty).
    List(Vec<Value>),
}

impl<T: Into<Value>> From<T> for Replacement {
    fn from(v: T) -> Self {
        Replacement::One(v.into())
    }
}

/// The `replacements` option of `sequelize.query`.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Replacements {
    /// No replacements (the option was not given): the SQL is left as it is.
    #[default]
    None,
    /// An array, for `?` placeholders, used in order. Extra values are ignored, as in Sequelize.
    Positional(Vec<Replacement>),
    /// An object, for `:name` placeholders. When a name is listed twice the last entry wins.
    Named(Vec<(String, Replacement)>),
}

/// SQL ready for SQLite: `?` placeholders and the values for them, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedRaw {
    /// The SQL text, with `?` where each value goes.
    pub sql: String,
    /// One value per `?`, in order.
    pub params: Vec<Value>,
}

/// Prepares a raw query as `sequelize.query(sql, { replacements, bind })` does: refuses both
/// at once with Sequelize's message, trims the SQL as Sequelize does, then applies whichever
/// was given ([`apply_replacements`] or [`apply_bind`]).
pub fn prepare_raw(sql: &str, replacements: &Replacements, bind: &Binds) -> Result<PreparedRaw, Error> {
    let sql = sql.trim();
    match (replacements, bind) {
        (Replacements::None, Params::None) => Ok(PreparedRaw { sql: sql.to_owned(), params: Vec::new() }),
        (Replacements::None, bind) => apply_bind(sql, bind),
        (replacements, Params::None) => apply_replacements(sql, replacements),
        _ => Err(Error::usage("Both `replacements` and `bind` cannot be set at the same time")),
    }
}

/// Applies Sequelize `replacements`: `?` placeholders with [`Replacements::Positional`], `:name`
/// placeholders with [`Replacements::Named`]. Each value becomes a `?` and an entry of
/// `params` (a list becomes `?, ?, …`). With [`Replacements::None`] the SQL is returned as it is.
///
/// Errors: a `:name` missing from the map (`Named replacement ":role" has no entry in the
/// replacement map.`), more `?` than values (`Positional replacement (?) 1 has no entry in the
/// replacement map (replacements[1] is undefined).`), an unterminated string literal (`The
/// following SQL query includes an unterminated string literal:\n<sql>`), a `?` among named
/// replacements or a `:name` among positional ones, and SQLite's numbered `?1`.
pub fn apply_replacements(sql: &str, replacements: &Replacements) -> Result<PreparedRaw, Error> {
    let named = match replacements {
        Replacements::None => {
            return Ok(PreparedRaw { sql: sql.to_owned(), params: Vec::new() });
        }
        Replacements::Positional(_) => false,
        Replacements::Named(_) => true,
    };
    let pieces = split(sql);
    if pieces.iter().any(|p| p.kind == PieceKind::UnterminatedString) {
        return Err(Error::usage(format!("The following SQL query includes an unterminated string literal:\n{sql}")));
    }
    let mut out = Out::new(sql.len());
    let mut next_positional = 0usize;
    for piece in &pieces {
        if piece.kind != PieceKind::Code {
            out.sql.push_str(piece.text);
            continue;
        }
        let mut scan = Scan::new(piece.text);
        while let Some((i, c)) = scan.next() {
            match c {
                '?' => {
                    refuse_numbered_placeholder(&scan, i)?;
                    let Replacements::Positional(values) = replacements else {
                        return Err(Error::usage(
                            "Positional replacement (?) found, but `replacements` is an object of \
                             named replacements: write :name placeholders, or pass an array.",
                        ));
                    };
                    let index = next_positional;
                    next_positional += 1;
                    let Some(value) = values.get(index) else {
                        return Err(Error::usage(format!(
                            "Positional replacement (?) {index} has no entry in the replacement \
                             map (replacements[{index}] is undefined)."
                        )));
                    };
                    out.replacement(value);
                }
                ':' => {
                    if scan.peek() == Some(':') {
                        scan.next();
                        out.sql.push_str("::");
                        continue;
                    }
                    let Some(name) = scan.named_after(i) else {
                        out.sql.push(c);
                        continue;
                    };
                    if !named {
                        return Err(Error::usage(format!(
                            "Named replacement \":{name}\" found, but `replacements` is an array of \
                             positional replacements: write ? placeholders, or pass an object."
                        )));
                    }
                    let found = match replacements {
                        Replacements::Named(map) => map.iter().rev().find(|(key, _)| key == name).map(|(_, v)| v),
                        _ => None,
                    };
                    let Some(value) = found else {
                        return Err(Error::usage(format!(
                            "Named replacement \":{name}\" has no entry in the replacement map."
                        )));
                    };
                    scan.skip(name.len());
                    out.replacement(value);
                }
                _ => out.sql.push(c),
            }
        }
    }
    Ok(out.finish())
}

/// Applies Sequelize `bind` parameters: `$1`, `$2`, … (1-based) with [`Params::Positional`],
/// `$name` with [`Params::Named`]; `$$` is a literal `$`. Each becomes a `?` and an entry of
/// `params`. With [`Params::None`] the SQL is returned as it is (and `$$` is not touched, as in
/// Sequelize).
///
/// Errors: a `$key` with no value, including `$3` with two values, `$0`, `$name` with an
/// array or `$1` with an object (`Named bind parameter "$3" has no value in the given
/// object.`), and a `?` or `:name` placeholder in the same query.
pub fn apply_bind(sql: &str, bind: &Binds) -> Result<PreparedRaw, Error> {
    if *bind == Params::None {
        return Ok(PreparedRaw { sql: sql.to_owned(), params: Vec::new() });
    }
    let mut out = Out::new(sql.len());
    for piece in split(sql) {
        if piece.kind != PieceKind::Code {
            unescape_dollars(piece.text, &mut out.sql);
            continue;
        }
        let mut scan = Scan::new(piece.text);
        while let Some((i, c)) = scan.next() {
            match c {
                '$' if !scan.word_before(i) => {
                    if scan.peek() == Some('$') {
                        scan.next();
                        out.sql.push('$');
                        continue;
                    }
                    let key = scan.word_after(i + 1);
                    if key.is_empty() {
                        out.sql.push('$');
                        continue;
                    }
                    let value = match bind {
                        Params::Positional(values) => {
                            positional_key(key).and_then(|n| n.checked_sub(1)).and_then(|index| values.get(index))
                        }
                        Params::Named(map) if !key.bytes().all(|b| b.is_ascii_digit()) => {
                            map.iter().rev().find(|(name, _)| name == key).map(|(_, v)| v)
                        }
                        _ => None,
                    };
                    let Some(value) = value else {
                        return Err(Error::usage(format!(
                            "Named bind parameter \"${key}\" has no value in the given object."
                        )));
                    };
                    scan.skip(key.len());
                    out.sql.push('?');
                    out.params.push(value.clone());
                }
                '?' => {
                    return Err(Error::usage(
                        "Replacement placeholder (?) found in a query that uses `bind`: write \
                         $1, $2, … (or $name) placeholders, or pass `replacements` instead.",
                    ));
                }
                ':' if scan.peek() == Some(':') => {
                    scan.next();
                    out.sql.push_str("::");
                }
                ':' => {
                    if let Some(name) = scan.named_after(i) {
                        return Err(Error::usage(format!(
                            "Named replacement \":{name}\" found in a query that uses `bind`: \
                             write ${name}, or pass `replacements` instead."
                        )));
                    }
                    out.sql.push(c);
                }
                _ => out.sql.push(c),
            }
        }
    }
    Ok(out.finish())
}

/// Writes a statement for display with each `?` placeholder (outside string literals, quoted
/// identifiers and comments) replaced by the SQL literal of the next parameter, the way
/// Sequelize's SQLite dialect escapes values: `NULL`; `1`/`0` for booleans; numbers as
/// JavaScript writes them; `'text'` with `'` doubled; `X'0102ff'` for blobs; dates in quotes as
/// Sequelize stores them (`'2026-11-22 21:19:41.000 +00:00'`); JSON as its text in quotes.
/// A `?` with no parameter left stays `?`; extra parameters are ignored.
///
/// This is for logs only: the statement that runs keeps its placeholders.
pub fn inline_params(sql_with_question_marks: &str, params: &[Value]) -> String {
    inline_params_upto(sql_with_question_marks, params, usize::MAX)
}

/// [`inline_params`] for the first `limit` parameters only: the statement is cut with `…` where
/// the next one would go (a 10,000-row `INSERT` shown in full is a megabyte of text).
pub fn inline_params_upto(sql_with_question_marks: &str, params: &[Value], limit: usize) -> String {
    let mut out = String::with_capacity(sql_with_question_marks.len() + params.len().min(limit) * 8);
    let mut remaining = params.iter().take(limit);
    let mut inlined = 0;
    for piece in split(sql_with_question_marks) {
        if piece.kind != PieceKind::Code {
            out.push_str(piece.text);
            continue;
        }
        for c in piece.text.chars() {
            let value = if c == '?' { remaining.next() } else { None };
            match value {
                Some(value) => {
                    out.push_str(&sql_literal(value));
                    inlined += 1;
                }
                None if c == '?' && inlined == limit => {
                    out.push('…');
                    return out;
                }
                None => out.push(c),
            }
        }
    }
    out
}

/// Copies `text`, writing `$$` as `$` where Sequelize's `/\B\$(\$|\w+)/` would (a `$$` not
/// after a word character, scanning left to right).
fn unescape_dollars(text: &str, out: &mut String) {
    let mut scan = Scan::new(text);
    while let Some((i, c)) = scan.next() {
        if c == '$' && scan.peek() == Some('$') && !scan.word_before(i) {
            scan.next();
        } else if c == '$' && !scan.word_before(i) {
            // `$word` is one match in Sequelize's scan: copy it whole so that a `$` inside it
            // does not start another.
            let word = scan.word_after(i + 1);
            out.push('$');
            out.push_str(word);
            scan.skip(word.len());
            continue;
        }
        out.push(c);
    }
}

/// `[1-9][0-9]*` as a number (None for anything else or on overflow).
fn positional_key(key: &str) -> Option<usize> {
    let mut bytes = key.bytes();
    match bytes.next() {
        Some(b'1'..=b'9') if bytes.all(|b| b.is_ascii_digit()) => key.parse().ok(),
        _ => None,
    }
}

/// Refuses SQLite's numbered `?NNN` (it would not line up with positional replacements).
fn refuse_numbered_placeholder(scan: &Scan<'_>, i: usize) -> Result<(), Error> {
    if scan.peek().is_some_and(|c| c.is_ascii_digit()) {
        let digits = scan.word_after(i + 1);
        return Err(Error::usage(format!(
            "Numbered placeholder \"?{digits}\" is not supported: write ? with an array of \
             replacements, or $1 with bind."
        )));
    }
    Ok(())
}

/// The output being built.
struct Out {
    sql: String,
    params: Vec<Value>,
}

impl Out {
    fn new(capacity: usize) -> Out {
        Out { sql: String::with_capacity(capacity), params: Vec::new() }
    }

    /// `?` for one value, `?, ?, …` for a list (nothing for an empty list).
    fn replacement(&mut self, replacement: &Replacement) {
        match replacement {
            Replacement::One(value) => {
                self.sql.push('?');
                self.params.push(value.clone());
            }
            Replacement::List(values) => {
                for (n, value) in values.iter().enumerate() {
                    if n > 0 {
                        self.sql.push_str(", ");
                    }
                    self.sql.push('?');
                    self.params.push(value.clone());
                }
            }
        }
    }

    fn finish(self) -> PreparedRaw {
        PreparedRaw { sql: self.sql, params: self.params }
    }
}

/// What a piece of SQL text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PieceKind {
    /// Code, where placeholders are looked for.
    Code,
    /// A string literal, a quoted identifier or a comment: copied as it is.
    Opaque,
    /// A string literal that runs to the end of the text.
    UnterminatedString,
}

/// Why a learner's raw statement may not run: it would make a file beside the database —
/// `ATTACH` of anything but an in-memory database (`ATTACH ':memory:' AS x`), or `VACUUM … INTO`.
/// Nothing saves such a file, and in the browser it would outlive the run in the worker's
/// in-memory file system, where the next run finds it (natively it is a file on disk). The
/// statement is read by its tokens outside comments, so `/* */ attach DATABASE 'x' AS y` counts;
/// a file name that is not a plain literal (an expression, a parameter) is refused too.
pub fn makes_a_file(sql: &str) -> Option<String> {
    let mut tokens: Vec<&str> = Vec::new();
    for piece in split(sql) {
        match piece.kind {
            PieceKind::Code => {
                let mut rest = piece.text;
                while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
                    rest = &rest[start..];
                    let first = rest.chars().next().map_or(1, char::len_utf8);
                    let len = if is_word(rest.chars().next().unwrap_or(' ')) {
                        rest.find(|c: char| !is_word(c)).unwrap_or(rest.len())
                    } else {
                        first
                    };
                    tokens.push(&rest[..len]);
                    rest = &rest[len..];
                }
            }
            PieceKind::Opaque if piece.text.starts_with("--") || piece.text.starts_with("/*") => {}
            _ => tokens.push(piece.text),
        }
        if tokens.len() > 4 && !tokens[0].eq_ignore_ascii_case("VACUUM") {
            break;
        }
    }
    let word = |i: usize, w: &str| tokens.get(i).is_some_and(|t| t.eq_ignore_ascii_case(w));
    let refused = if word(0, "ATTACH") {
        let name = if word(1, "DATABASE") { 2 } else { 1 };
        !(matches!(tokens.get(name), Some(&"':memory:'" | &"''")) && word(name + 1, "AS"))
    } else {
        word(0, "VACUUM") && (1..tokens.len()).any(|i| word(i, "INTO"))
    };
    refused.then(|| {
        "SQLITE_ERROR: ATTACH and VACUUM INTO may not name a file here: nothing would save it, and the next run would find it. Attach an in-memory database (ATTACH ':memory:' AS name), or keep data in a named database: new Sequelize({ dialect: 'sqlite', storage: 'name.db' })".to_owned()
    })
}

/// A run of SQL text of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece<'a> {
    kind: PieceKind,
    text: &'a str,
}

/// Splits SQL into code and opaque pieces (literals, quoted identifiers, comments) following
/// SQLite's tokenizer. Unterminated quoted identifiers and block comments run to the end.
fn split(sql: &str) -> Vec<Piece<'_>> {
    let bytes = sql.as_bytes();
    let mut pieces = Vec::new();
    let mut code_start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (end, kind) = match b {
            b'\'' | b'"' | b'`' => {
                let (end, closed) = quoted_end(bytes, i, b);
                let kind = if b == b'\'' && !closed { PieceKind::UnterminatedString } else { PieceKind::Opaque };
                (end, kind)
            }
            b'[' => {
                let end = find_from(bytes, i + 1, b"]").map_or(bytes.len(), |j| j + 1);
                (end, PieceKind::Opaque)
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                (find_from(bytes, i + 2, b"\n").unwrap_or(bytes.len()), PieceKind::Opaque)
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = find_from(bytes, i + 2, b"*/").map_or(bytes.len(), |j| j + 2);
                (end, PieceKind::Opaque)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        // Every boundary is at an ASCII byte, so these slices are on char boundaries.
        if let Some(code) = sql.get(code_start..i).filter(|s| !s.is_empty()) {
            pieces.push(Piece { kind: PieceKind::Code, text: code });
        }
        if let Some(text) = sql.get(i..end) {
            pieces.push(Piece { kind, text });
        }
        i = end;
        code_start = end;
    }
    if let Some(code) = sql.get(code_start..).filter(|s| !s.is_empty()) {
        pieces.push(Piece { kind: PieceKind::Code, text: code });
    }
    pieces
}

/// The end (exclusive) of a quoted run opened by `quote` at `start`, a doubled quote being an
/// escaped one, and whether it was closed.
fn quoted_end(bytes: &[u8], start: usize, quote: u8) -> (usize, bool) {
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        if b == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return (i + 1, true);
        }
        i += 1;
    }
    (bytes.len(), false)
}

/// The first index at or after `from` where `needle` starts.
fn find_from(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A char scanner over one code piece, with look-behind and look-ahead.
struct Scan<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str) -> Scan<'a> {
        Scan { text, pos: 0 }
    }

    /// The next char and its byte index.
    fn next(&mut self) -> Option<(usize, char)> {
        let c = self.text.get(self.pos..)?.chars().next()?;
        let at = self.pos;
        self.pos += c.len_utf8();
        Some((at, c))
    }

    /// The char after the last one returned.
    fn peek(&self) -> Option<char> {
        self.text.get(self.pos..)?.chars().next()
    }

    /// Skips `n` bytes (of ASCII word characters just looked at).
    fn skip(&mut self, n: usize) {
        self.pos += n;
    }

    /// Whether the char before byte `i` is a word character (`[A-Za-z0-9_]`).
    fn word_before(&self, i: usize) -> bool {
        self.text.get(..i).and_then(|s| s.chars().next_back()).is_some_and(is_word)
    }

    /// The run of ASCII word characters starting at byte `i`.
    fn word_after(&self, i: usize) -> &'a str {
        let rest = self.text.get(i..).unwrap_or_default();
        let len = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
        rest.get(..len).unwrap_or_default()
    }

    /// The name of a `:name` placeholder whose `:` is at byte `i`: the `:` must not follow a
    /// word character and the name must start with a letter or `_`.
    fn named_after(&self, i: usize) -> Option<&'a str> {
        if self.word_before(i) {
            return None;
        }
        let name = self.word_after(i + 1);
        name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_').then_some(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn positional(values: Vec<Replacement>) -> Replacements {
        Replacements::Positional(values)
    }

    fn named(pairs: Vec<(&str, Replacement)>) -> Replacements {
        Replacements::Named(crate::collect::map_vec(pairs, |(k, v)| (k.to_owned(), v)))
    }

    fn ok(sql: &str, params: Vec<Value>) -> Result<PreparedRaw, Error> {
        Ok(PreparedRaw { sql: sql.to_owned(), params })
    }

    fn usage(message: &str) -> Result<PreparedRaw, Error> {
        Err(Error::usage(message))
    }

    #[test]
    fn positional_replacements_become_params() {
        let r = positional(vec![1.into(), "x".into()]);
        assert_eq!(
            apply_replacements("SELECT * FROM t WHERE a = ? AND b = ?", &r),
            ok("SELECT * FROM t WHERE a = ? AND b = ?", vec![Value::Int(1), "x".into()])
        );
        // Extra values are ignored, as in Sequelize.
        let r = positional(vec![1.into(), 2.into()]);
        assert_eq!(apply_replacements("SELECT ?", &r), ok("SELECT ?", vec![Value::Int(1)]));
        // `?` anywhere in code, even where Sequelize would skip it.
        let r = positional(vec![1.into(), 2.into()]);
        assert_eq!(
            apply_replacements("SELECT a+?, a<?", &r),
            ok("SELECT a+?, a<?", vec![Value::Int(1), Value::Int(2)])
        );
    }

    #[test]
    fn too_few_positional_replacements_is_sequelizes_error() {
        let r = positional(vec![1.into()]);
        let err = apply_replacements("SELECT * FROM t WHERE a = ? AND b = ?", &r);
        assert_eq!(
            err,
            usage(
                "Positional replacement (?) 1 has no entry in the replacement map \
                 (replacements[1] is undefined)."
            )
        );
        let err = apply_replacements("SELECT ?", &positional(vec![])).expect_err("no values");
        assert_eq!(err.kind, ErrorKind::Usage);
        assert_eq!(
            err.message,
            "Positional replacement (?) 0 has no entry in the replacement map \
             (replacements[0] is undefined)."
        );
    }

    #[test]
    fn named_replacements_and_lists() {
        let r = named(vec![("names", Replacement::List(vec!["a".into(), "b".into(), "c".into()]))]);
        assert_eq!(
            apply_replacements("SELECT * FROM t WHERE a IN (:names)", &r),
            ok("SELECT * FROM t WHERE a IN (?, ?, ?)", vec!["a".into(), "b".into(), "c".into()])
        );
        let r = named(vec![("a", "x".into())]);
        assert_eq!(apply_replacements("SELECT :a, :a", &r), ok("SELECT ?, ?", vec!["x".into(), "x".into()]));
        // The last entry for a name wins, like a JavaScript object literal.
        let r = named(vec![("a", 1.into()), ("a", 2.into())]);
        assert_eq!(apply_replacements("SELECT :a", &r), ok("SELECT ?", vec![Value::Int(2)]));
        let r = named(vec![("x", 1.into()), ("user_id2", 2.into())]);
        assert_eq!(
            apply_replacements("SELECT a+:x, a<:x, a=:x||1, (:x), :x; :user_id2", &r),
            ok("SELECT a+?, a<?, a=?||1, (?), ?; ?", vec![1.into(), 1.into(), 1.into(), 1.into(), 1.into(), 2.into()])
        );
    }

    #[test]
    fn empty_list_writes_nothing_as_sequelize_does() {
        let r = named(vec![("names", Replacement::List(vec![]))]);
        assert_eq!(
            apply_replacements("SELECT * FROM t WHERE a IN (:names)", &r),
            ok("SELECT * FROM t WHERE a IN ()", vec![])
        );
        let r = positional(vec![Replacement::List(vec![])]);
        assert_eq!(apply_replacements("SELECT 1 WHERE 2 IN (?)", &r), ok("SELECT 1 WHERE 2 IN ()", vec![]));
    }

    #[test]
    fn missing_named_replacement_is_sequelizes_error() {
        let err = apply_replacements("SELECT * FROM t WHERE role = :role", &named(vec![("other", 1.into())]));
        assert_eq!(err, usage("Named replacement \":role\" has no entry in the replacement map."));
    }

    #[test]
    fn casts_and_non_placeholders_are_left_alone() {
        let r = named(vec![("x", 1.into())]);
        assert_eq!(
            apply_replacements("SELECT a::text, b:x, :1, :x, ':x', 12:30", &r),
            ok("SELECT a::text, b:x, :1, ?, ':x', 12:30", vec![Value::Int(1)])
        );
        // A lone `:` at the end.
        assert_eq!(apply_replacements("SELECT :", &r), ok("SELECT :", vec![]));
    }

    #[test]
    fn literals_identifiers_and_comments_are_skipped() {
        let r = positional(vec![1.into(), 2.into()]);
        let sql = "SELECT 'it''s ?', \"a?\"\"?\", `b?`, [c?], ? -- ? :x\n, /* ? */ ?";
        assert_eq!(apply_replacements(sql, &r), ok(sql, vec![Value::Int(1), Value::Int(2)]));
        let r = named(vec![("x", 1.into())]);
        let sql = "SELECT ':x', \":x\", `:x`, [:x], :x -- :x\n/* :x */";
        assert_eq!(apply_replacements(sql, &r), ok(sql.replacen(" :x -", " ? -", 1).as_str(), vec![Value::Int(1)]));
        // Non-ASCII text around placeholders.
        let r = named(vec![("名", 1.into()), ("x", "é".into())]);
        assert_eq!(
            apply_replacements("SELECT 'héllo', é:x, (:x) AS \"ü\"", &r),
            ok("SELECT 'héllo', é?, (?) AS \"ü\"", vec!["é".into(), "é".into()])
        );
    }

    #[test]
    fn unterminated_string_literal_is_sequelizes_error() {
        let err = apply_replacements("SELECT 'unterminated ?", &positional(vec![1.into()]));
        assert_eq!(
            err,
            usage("The following SQL query includes an unterminated string literal:\nSELECT 'unterminated ?")
        );
        // Unterminated comments and identifiers just run to the end.
        let r = positional(vec![1.into()]);
        assert_eq!(apply_replacements("SELECT ? /* ?", &r), ok("SELECT ? /* ?", vec![Value::Int(1)]));
        assert_eq!(apply_replacements("SELECT ? \"?", &r), ok("SELECT ? \"?", vec![Value::Int(1)]));
    }

    #[test]
    fn mixing_placeholder_styles_is_refused() {
        let err = apply_replacements("SELECT ?, :x", &positional(vec![1.into()]));
        assert_eq!(
            err,
            usage(
                "Named replacement \":x\" found, but `replacements` is an array of positional \
                 replacements: write ? placeholders, or pass an object."
            )
        );
        let err = apply_replacements("SELECT ?, :x", &named(vec![("x", 2.into())]));
        assert_eq!(
            err,
            usage(
                "Positional replacement (?) found, but `replacements` is an object of named \
                 replacements: write :name placeholders, or pass an array."
            )
        );
        let err = apply_replacements("SELECT ?1", &positional(vec![1.into()]));
        assert_eq!(
            err,
            usage(
                "Numbered placeholder \"?1\" is not supported: write ? with an array of \
                 replacements, or $1 with bind."
            )
        );
    }

    #[test]
    fn no_replacements_leaves_sql_alone() {
        assert_eq!(apply_replacements("SELECT ?, :x", &Replacements::None), ok("SELECT ?, :x", vec![]));
        assert_eq!(apply_bind("SELECT $$, $1", &Params::None), ok("SELECT $$, $1", vec![]));
    }

    #[test]
    fn bind_positional() {
        let b = Params::Positional(vec![1.into(), 2.into()]);
        assert_eq!(apply_bind("SELECT $1, $2", &b), ok("SELECT ?, ?", vec![1.into(), 2.into()]));
        assert_eq!(apply_bind("SELECT $2, $1, $2", &b), ok("SELECT ?, ?, ?", vec![2.into(), 1.into(), 2.into()]));
        let b = Params::Positional(vec![1.into()]);
        assert_eq!(
            apply_bind("SELECT '$$', $$, 'a$1', a$1, $1 -- $2\n", &b),
            ok("SELECT '$', $, 'a$1', a$1, ? -- $2\n", vec![1.into()])
        );
        // Sequelize 6 logged `SELECT $1 AS a, '$' AS b` for `SELECT $1 AS a, '$$' AS b`.
        assert_eq!(apply_bind("SELECT $1 AS a, '$$' AS b", &b), ok("SELECT ? AS a, '$' AS b", vec![1.into()]));
        assert_eq!(
            apply_bind("SELECT 'a$$', '$$$', '$x$$', \"$$\" /* $$ */", &b),
            ok("SELECT 'a$$', '$$', '$x$$', \"$\" /* $ */", vec![])
        );
    }

    #[test]
    fn bind_errors_are_sequelizes() {
        let b = Params::Positional(vec![1.into(), 2.into()]);
        let message = |key: &str| usage(&format!("Named bind parameter \"{key}\" has no value in the given object."));
        assert_eq!(apply_bind("SELECT $1, $3", &b), message("$3"));
        assert_eq!(apply_bind("SELECT $0", &b), message("$0"));
        assert_eq!(apply_bind("SELECT $01", &b), message("$01"));
        assert_eq!(apply_bind("SELECT $name", &b), message("$name"));
        assert_eq!(apply_bind("SELECT $1a", &b), message("$1a"));
        assert_eq!(apply_bind("SELECT $99999999999999999999999", &b), message("$99999999999999999999999"));
        assert_eq!(apply_bind("SELECT $1", &Params::Positional(vec![])), message("$1"));
        let n = Params::Named(vec![("name".to_owned(), 1.into())]);
        assert_eq!(apply_bind("SELECT $name, $other", &n), message("$other"));
        let n = Params::Named(vec![("1".to_owned(), 1.into())]);
        assert_eq!(apply_bind("SELECT $1", &n), message("$1"));
    }

    #[test]
    fn bind_named() {
        let n = Params::Named(vec![
            ("name".to_owned(), "Ann".into()),
            ("age2".to_owned(), 30.into()),
            ("name".to_owned(), "Bob".into()),
        ]);
        assert_eq!(
            apply_bind("SELECT * FROM t WHERE name = $name AND age > $age2 OR x=$name", &n),
            ok("SELECT * FROM t WHERE name = ? AND age > ? OR x=?", vec!["Bob".into(), 30.into(), "Bob".into()])
        );
        // A lone `$` and `a::b` are left alone.
        assert_eq!(apply_bind("SELECT $ ,a::b", &n), ok("SELECT $ ,a::b", vec![]));
    }

    #[test]
    fn bind_refuses_replacement_placeholders() {
        let b = Params::Positional(vec![1.into()]);
        assert_eq!(
            apply_bind("SELECT ?, $1", &b),
            usage(
                "Replacement placeholder (?) found in a query that uses `bind`: write $1, $2, … \
                 (or $name) placeholders, or pass `replacements` instead."
            )
        );
        assert_eq!(
            apply_bind("SELECT :x, $1", &b),
            usage(
                "Named replacement \":x\" found in a query that uses `bind`: write $x, or pass `replacements` instead."
            )
        );
        assert_eq!(apply_bind("SELECT '?', \":x\", $1", &b), ok("SELECT '?', \":x\", ?", vec![1.into()]));
    }

    #[test]
    fn prepare_raw_checks_like_sequelize_query() {
        let r = positional(vec![1.into()]);
        let b = Params::Positional(vec![1.into()]);
        assert_eq!(
            prepare_raw("SELECT ?", &r, &b),
            usage("Both `replacements` and `bind` cannot be set at the same time")
        );
        assert_eq!(prepare_raw("  SELECT ?\n", &r, &Params::None), ok("SELECT ?", vec![1.into()]));
        assert_eq!(prepare_raw(" SELECT $1 ", &Replacements::None, &b), ok("SELECT ?", vec![1.into()]));
        assert_eq!(prepare_raw(" SELECT 1 ", &Replacements::None, &Params::None), ok("SELECT 1", vec![]));
    }

    #[test]
    fn inline_params_upto_cuts_the_statement_at_the_limit() {
        let params = [Value::Int(1), Value::Int(2), Value::Int(3)];
        assert_eq!(inline_params_upto("VALUES (?),(?),(?);", &params, 2), "VALUES (1),(2),(…");
        assert_eq!(inline_params_upto("VALUES (?),(?),(?);", &params, 3), "VALUES (1),(2),(3);");
        assert_eq!(inline_params_upto("VALUES ('?', ?);", &params, 0), "VALUES ('?', …");
    }

    #[test]
    fn inline_params_escapes_like_sequelize_sqlite() {
        let params = vec![
            Value::Null,
            Value::Bool(true),
            Value::Bool(false),
            Value::Int(-42),
            Value::Float(1.5),
            Value::Float(3.0),
            Value::Text("it's".to_owned()),
            Value::Blob(vec![1, 2, 255]),
            Value::Date(1_795_382_381_000),
            Value::from(serde_json::json!({"a": [1, "b'c"]})),
        ];
        assert_eq!(
            inline_params("INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?)", &params),
            "INSERT INTO t VALUES (NULL,1,0,-42,1.5,3,'it''s',X'0102ff',\
             '2026-11-22 21:19:41.000 +00:00','{\"a\":[1,\"b''c\"]}')"
        );
        assert_eq!(
            inline_params("SELECT '?', \"?\", ? -- ?\n, ?, ?", &[1.into(), 2.into()]),
            "SELECT '?', \"?\", 1 -- ?\n, 2, ?"
        );
        assert_eq!(inline_params("SELECT 1", &[1.into()]), "SELECT 1");
        assert_eq!(sql_literal(&Value::Blob(vec![])), "X''");
        assert_eq!(sql_literal(&Value::from(serde_json::json!("x"))), "'\"x\"'");
    }

    #[test]
    fn round_trip_replacements_then_inline_matches_sequelize_output() {
        // Sequelize 6 printed: SELECT * FROM t WHERE a = 1 AND b = 'x'
        let r = positional(vec![1.into(), "x".into()]);
        let prepared = apply_replacements("SELECT * FROM t WHERE a = ? AND b = ?", &r).expect("prepares");
        assert_eq!(inline_params(&prepared.sql, &prepared.params), "SELECT * FROM t WHERE a = 1 AND b = 'x'");
        // Sequelize 6 printed: SELECT * FROM t WHERE a IN ('a', 'b', 'c')
        let r = named(vec![("names", Replacement::List(vec!["a".into(), "b".into(), "c".into()]))]);
        let prepared = apply_replacements("SELECT * FROM t WHERE a IN (:names)", &r).expect("prepares");
        assert_eq!(inline_params(&prepared.sql, &prepared.params), "SELECT * FROM t WHERE a IN ('a', 'b', 'c')");
    }

    #[test]
    fn statements_that_make_a_file_are_found_by_their_tokens() {
        for sql in [
            "ATTACH 'x.db' AS y",
            "  attach database \"x\" as y",
            "-- c\nATTACH 'x' || '.db' AS y",
            "ATTACH ? AS y",
            "ATTACH ':memory:' || 'x' AS y",
            "VACUUM INTO 'x.db'",
            "VACUUM /* c */ \"main\" INTO 'x'",
        ] {
            assert!(makes_a_file(sql).is_some(), "{sql}");
        }
        for sql in [
            "ATTACH ':memory:' AS y",
            "ATTACH DATABASE '' AS y",
            "VACUUM",
            "VACUUM main",
            "EXPLAIN ATTACH 'x.db' AS y",
            "SELECT 'ATTACH x' AS a",
            "SELECT 1 -- VACUUM INTO 'x'",
            "INSERT INTO t VALUES ('VACUUM INTO')",
            "SELECT 'é' AS attach",
            "é ATTACH",
            "",
        ] {
            assert_eq!(makes_a_file(sql), None, "{sql}");
        }
    }
}
