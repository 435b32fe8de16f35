//! Just enough reading of SQL text for the analyzer: which names a statement mentions, which
//! table an `INSERT` writes, and which column a `?` placeholder is compared with.
//!
//! This is a tokenizer, not a parser. Statements from the ORM are regular (backtick-quoted names,
//! `?` for every value), and raw queries from learners may be anything, so every answer here
//! errs on the safe side: when in doubt a write counts as touching every table, and a
//! placeholder has no column.

/// One token of SQL text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A bare word: a keyword or an unquoted name.
    Word(String),
    /// A quoted name (`` `x` ``, `"x"`, `[x]`), unquoted.
    Quoted(String),
    /// A string or number literal, as written (`'ada'`, `42`).
    Literal(String),
    /// A `?` placeholder; `true` for a numbered one (`?3`).
    Placeholder(bool),
    /// Any other character.
    Punct(char),
}

/// Splits SQL into tokens, skipping whitespace and comments.
fn tokens(sql: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '-' if chars.peek() == Some(&'-') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '\'' => {
                let content = quoted(&mut chars, '\'');
                out.push(Token::Literal(format!("'{}'", content.replace('\'', "''"))));
            }
            '`' | '"' => out.push(Token::Quoted(quoted(&mut chars, c))),
            '[' => {
                let name: String = chars.by_ref().take_while(|&c| c != ']').collect();
                out.push(Token::Quoted(name));
            }
            '?' => {
                let mut numbered = false;
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                    numbered = true;
                }
                out.push(Token::Placeholder(numbered));
            }
            c if is_word_char(c) => {
                let mut word = String::from(c);
                while let Some(&next) = chars.peek() {
                    if !is_word_char(next) {
                        break;
                    }
                    word.push(next);
                    chars.next();
                }
                if c.is_ascii_digit() {
                    out.push(Token::Literal(word));
                } else {
                    out.push(Token::Word(word));
                }
            }
            c => out.push(Token::Punct(c)),
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// Reads up to the closing `quote` (a doubled one stands for itself) and returns the content.
fn quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, quote: char) -> String {
    let mut content = String::new();
    while let Some(c) = chars.next() {
        if c == quote {
            if chars.peek() == Some(&quote) {
                chars.next();
            } else {
                break;
            }
        }
        content.push(c);
    }
    content
}

/// The values written into a statement's text where a bound parameter belongs (`= 'ada'`,
/// `> 42`, `LIKE 'A%'`, an `IN (…)` or `VALUES (…)` list), as written. A literal that is a
/// function's argument (`json_extract(meta, '$.level')`, `date('now', '+1 day')`) or compared
/// with another literal (`0 = 1`) is not a value someone passed in, and is left out.
pub(crate) fn spliced_values(sql: &str) -> Vec<String> {
    let tokens = tokens(sql);
    let is_operator = |t: &Token| matches!(t, Token::Punct('=' | '<' | '>' | '!'));
    let mut found = Vec::new();
    // For each open parenthesis: whether it holds a list of values (`IN (`, `VALUES (`).
    let mut lists: Vec<bool> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| tokens.get(j));
        match token {
            Token::Punct('(') => {
                let list = match before {
                    Some(Token::Word(w)) => w.eq_ignore_ascii_case("IN") || w.eq_ignore_ascii_case("VALUES"),
                    // The next row of an `INSERT … VALUES (…), (…)`.
                    Some(Token::Punct(',')) => lists.is_empty() && values_clause(&tokens[..i]),
                    _ => false,
                };
                lists.push(list);
            }
            Token::Punct(')') => {
                lists.pop();
            }
            Token::Literal(text) => {
                let value = match before {
                    Some(t) if is_operator(t) => {
                        // What the operator compares the literal with: another literal (`0 = 1`)
                        // is the code's own constant, not a value passed in.
                        let left = tokens[..i].iter().rev().find(|t| !is_operator(t));
                        !matches!(left, Some(Token::Literal(_)))
                    }
                    // (Not `IS 1`: the ORM writes `IS 1` for `[Op.is]: true` itself.)
                    Some(Token::Word(w)) => ["LIKE", "GLOB"].iter().any(|k| w.eq_ignore_ascii_case(k)),
                    Some(Token::Punct('(' | ',')) => lists.last() == Some(&true),
                    _ => false,
                };
                if value {
                    found.push(text.clone());
                }
            }
            _ => {}
        }
    }
    found
}

/// Whether the tokens before a `(` are an `INSERT … VALUES (…), (` (a second row of values).
fn values_clause(tokens: &[Token]) -> bool {
    tokens.iter().any(|t| matches!(t, Token::Word(w) if w.eq_ignore_ascii_case("VALUES")))
}

/// Every name a statement mentions (quoted or bare, keywords included), lowercased, in order
/// and with repeats: a read is affected by a write to a table when its name is among them.
pub(crate) fn names(sql: &str) -> Vec<String> {
    crate::collect::filter_map_vec(tokens(sql), |t| match t {
        Token::Word(w) | Token::Quoted(w) => Some(crate::text::lowercase(&w)),
        _ => None,
    })
}

/// What a write may have changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WriteScope {
    /// Only rows of this table (lowercased name).
    Table(String),
    /// Anything: an `UPDATE` or `DELETE` can cascade through foreign keys (`ON DELETE CASCADE`,
    /// `SET NULL`) into tables its text never names, and an unrecognised write may do anything.
    Everything,
}

/// What a write statement may have changed. Only a plain `INSERT … INTO t` (or `INSERT OR
/// IGNORE/ABORT/FAIL/ROLLBACK`) is confined to its table; `INSERT OR REPLACE` and upserts
/// (`ON CONFLICT`) delete or update rows, so they count as touching everything.
pub(crate) fn write_scope(sql: &str) -> WriteScope {
    let toks = tokens(sql);
    let word = |i: usize| match toks.get(i) {
        Some(Token::Word(w)) => Some(w.to_ascii_uppercase()),
        _ => None,
    };
    if word(0).as_deref() != Some("INSERT")
        || toks.iter().any(|t| matches!(t, Token::Word(w) if w.eq_ignore_ascii_case("CONFLICT")))
    {
        return WriteScope::Everything;
    }
    let mut i = 1;
    if word(i).as_deref() == Some("OR") {
        if word(i + 1).as_deref() == Some("REPLACE") {
            return WriteScope::Everything;
        }
        i += 2;
    }
    if word(i).as_deref() != Some("INTO") {
        return WriteScope::Everything;
    }
    i += 1;
    // `schema.table`: the table is the name after the dot.
    if toks.get(i + 1) == Some(&Token::Punct('.')) {
        i += 2;
    }
    match toks.get(i) {
        Some(Token::Word(name) | Token::Quoted(name)) => WriteScope::Table(crate::text::lowercase(name)),
        _ => WriteScope::Everything,
    }
}

/// The column the `index`-th `?` (from 0) is compared with by `=`, with the table alias that
/// qualifies it if any: `(Some("Product"), "id")` for `` `Product`.`id` = ? ``, `(None, "id")` for
/// `id = ?`. `None` for any other use of the placeholder, or when placeholders are numbered.
pub(crate) fn equality_column(sql: &str, index: usize) -> Option<(Option<String>, String)> {
    let toks = tokens(sql);
    if toks.contains(&Token::Placeholder(true)) {
        return None;
    }
    let at = toks.iter().enumerate().filter(|(_, t)| **t == Token::Placeholder(false)).nth(index)?.0;
    match toks.get(..at)? {
        [.., Token::Word(q) | Token::Quoted(q), Token::Punct('.'), Token::Word(c) | Token::Quoted(c), Token::Punct('=')] => {
            Some((Some(q.clone()), c.clone()))
        }
        [.., Token::Word(c) | Token::Quoted(c), Token::Punct('=')] if !is_keyword(c) => Some((None, c.clone())),
        _ => None,
    }
}

/// Keywords that can stand right before `=` where a column would be expected.
fn is_keyword(word: &str) -> bool {
    ["SET", "WHERE", "AND", "OR", "NOT", "ON"].iter().any(|k| word.eq_ignore_ascii_case(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_names_from_orm_and_raw_sql() {
        let sql = "SELECT `Product`.`id`, `category`.`label` FROM `Products` AS `Product` \
                   LEFT OUTER JOIN `Categories` AS `category` ON `Product`.`categoryId` = `category`.`id` \
                   WHERE `Product`.`name` = ?;";
        let has = |names: &[String], name: &str| names.iter().any(|n| n == name);
        let n = names(sql);
        assert!(has(&n, "products") && has(&n, "categories") && has(&n, "categoryid"));
        let raw = names("select * from users u, \"Posts\" p where u.name = 'orders' -- comments\n");
        assert!(has(&raw, "users") && has(&raw, "posts"));
        assert!(!has(&raw, "orders"), "string literals are not names");
        assert!(!has(&raw, "comments"), "comments are skipped");
    }

    #[test]
    fn confines_only_plain_inserts_to_their_table() {
        let table = |t: &str| WriteScope::Table(t.to_owned());
        assert_eq!(write_scope("INSERT INTO `Products` (`name`) VALUES (?);"), table("products"));
        assert_eq!(write_scope("insert or ignore into main.logs values (1)"), table("logs"));
        assert_eq!(write_scope("INSERT OR REPLACE INTO `Products` VALUES (?)"), WriteScope::Everything);
        assert_eq!(
            write_scope("INSERT INTO `Users` (`id`) VALUES (?) ON CONFLICT (`id`) DO UPDATE SET `name`=?"),
            WriteScope::Everything
        );
        assert_eq!(write_scope("UPDATE `Products` SET `name`=? WHERE `id` = ?"), WriteScope::Everything);
        assert_eq!(write_scope("DELETE FROM `Users` WHERE `id` = ?"), WriteScope::Everything);
        assert_eq!(write_scope("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x"), WriteScope::Everything);
    }

    #[test]
    fn finds_the_column_a_placeholder_is_compared_with() {
        let sql = "SELECT `id` FROM `Products` AS `Product` WHERE `Product`.`categoryId` = ? LIMIT ?;";
        let column = |q: Option<&str>, c: &str| Some((q.map(str::to_owned), c.to_owned()));
        assert_eq!(equality_column(sql, 0), column(Some("Product"), "categoryId"));
        assert_eq!(equality_column(sql, 1), None, "LIMIT ? is not a comparison");
        assert_eq!(equality_column(sql, 2), None);
        assert_eq!(equality_column("SELECT * FROM t WHERE a >= ?", 0), None);
        assert_eq!(equality_column("SELECT * FROM t WHERE name = '?' AND id = ?", 0), column(None, "id"));
        assert_eq!(equality_column("SELECT * FROM t WHERE id = ?1", 0), None);
    }
}

#[cfg(test)]
mod spliced_tests {
    use super::spliced_values;

    #[test]
    fn values_in_the_text_are_found_and_the_codes_own_constants_are_not() {
        assert_eq!(spliced_values("SELECT * FROM users WHERE name = 'ada' AND age > 30"), ["'ada'", "30"]);
        assert_eq!(spliced_values("SELECT * FROM t WHERE name LIKE 'A%' OR id IN (1, 2)"), ["'A%'", "1", "2"]);
        assert_eq!(spliced_values("INSERT INTO t (a, b) VALUES ('x', 1), ('y', 2)"), ["'x'", "1", "'y'", "2"]);
        assert_eq!(spliced_values("SELECT name FROM users WHERE name = ? AND role = :role"), Vec::<String>::new());
        assert!(
            spliced_values("SELECT json_extract(meta, '$.level'), date('now', '+1 day') FROM t WHERE 0 = 1").is_empty()
        );
        assert!(spliced_values("SELECT `Book`.`id` FROM `Books` AS `Book` WHERE `Book`.`x` IS 1 OR 1 = 1").is_empty());
        assert_eq!(spliced_values("SELECT * FROM t WHERE note = 'it''s'"), ["'it''s'"]);
    }
}
