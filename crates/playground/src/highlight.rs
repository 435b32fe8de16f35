//! Syntax highlighting for the editor: splits JavaScript into coloured pieces (keywords,
//! strings and template literals, numbers, comments, the rest). A small lexer for display only —
//! it never decides what the code means — and the pieces always concatenate back to the input,
//! so the highlighted layer lines up with the text area over it.

/// What a piece of code is, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Anything else: names, operators, white space.
    Plain,
    /// A keyword (`const`, `await`, `for`, …).
    Keyword,
    /// A string or template literal.
    Str,
    /// A number.
    Num,
    /// A comment.
    Comment,
}

impl Kind {
    /// The CSS class of the piece (`None` for plain text).
    pub fn class(self) -> Option<&'static str> {
        match self {
            Kind::Plain => None,
            Kind::Keyword => Some("tok-kw"),
            Kind::Str => Some("tok-str"),
            Kind::Num => Some("tok-num"),
            Kind::Comment => Some("tok-com"),
        }
    }
}

const KEYWORDS: &[&str] = &[
    "async",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "default",
    "delete",
    "do",
    "else",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "from",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "let",
    "new",
    "null",
    "of",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "undefined",
    "var",
    "void",
    "while",
    "yield",
];

/// Splits `code` into pieces; joining their texts gives `code` back.
pub fn highlight(code: &str) -> Vec<(Kind, &str)> {
    let bytes = code.as_bytes();
    // (kind, start, end); runs of plain text are merged into one piece.
    let mut pieces: Vec<(Kind, usize, usize)> = Vec::new();
    let mut push = |kind: Kind, start: usize, end: usize| match pieces.last_mut() {
        Some((Kind::Plain, _, last_end)) if kind == Kind::Plain => *last_end = end,
        _ if start < end => pieces.push((kind, start, end)),
        _ => {}
    };
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let kind = if c == b'/' && bytes.get(i + 1) == Some(&b'/') {
            i = code[i..].find('\n').map_or(bytes.len(), |n| i + n);
            Kind::Comment
        } else if c == b'/' && bytes.get(i + 1) == Some(&b'*') {
            i = code[i + 2..].find("*/").map_or(bytes.len(), |n| i + 2 + n + 2);
            Kind::Comment
        } else if matches!(c, b'\'' | b'"' | b'`') {
            i += 1;
            while i < bytes.len() && bytes[i] != c {
                // A quoted string ends at its line; a template literal may span lines.
                if bytes[i] == b'\n' && c != b'`' {
                    break;
                }
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(bytes.len());
            Kind::Str
        } else if c.is_ascii_digit() {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.' || bytes[i] == b'_') {
                i += 1;
            }
            Kind::Num
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'$') {
                i += 1;
            }
            // `x.for` or `{ default: 1 }` are names, not keywords; good enough for colours.
            let after_dot = start > 0 && bytes[start - 1] == b'.';
            if !after_dot && KEYWORDS.contains(&&code[start..i]) {
                Kind::Keyword
            } else {
                Kind::Plain
            }
        } else {
            // One character (a whole UTF-8 sequence).
            i += code[i..].chars().next().map_or(1, char::len_utf8);
            Kind::Plain
        };
        // Never split inside a UTF-8 sequence (an escape before a multi-byte character).
        while i < bytes.len() && !code.is_char_boundary(i) {
            i += 1;
        }
        i = i.min(bytes.len());
        push(kind, start, i);
    }
    orm::collect::map_vec(pieces, |(kind, start, end)| (kind, &code[start..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(code: &str) -> Vec<(Kind, &str)> {
        highlight(code).into_iter().filter(|(k, _)| *k != Kind::Plain).collect()
    }

    #[test]
    fn pieces_join_back_to_the_code() {
        for code in [
            "const a = 'x'; // note\nawait f(`t ${1}\n`);",
            "/* open comment",
            "'unterminated\nnext",
            "é = \"ü\\\"\" + 1.5e3;",
            "",
            "a\\",
        ] {
            assert_eq!(highlight(code).iter().map(|(_, t)| *t).collect::<String>(), code);
        }
    }

    #[test]
    fn keywords_strings_numbers_and_comments_are_told_apart() {
        assert_eq!(
            kinds("const n = await User.count(); // how many\nif (n > 10) s = 'big';"),
            [
                (Kind::Keyword, "const"),
                (Kind::Keyword, "await"),
                (Kind::Comment, "// how many"),
                (Kind::Keyword, "if"),
                (Kind::Num, "10"),
                (Kind::Str, "'big'"),
            ]
        );
        assert_eq!(kinds("x.for = 1"), [(Kind::Num, "1")], "a property named like a keyword is a name");
        assert_eq!(kinds("`a\nb`"), [(Kind::Str, "`a\nb`")]);
    }
}
