//! JavaScript regexes (`is`, `not`) on `regex-lite`, for hosts without a JavaScript engine (the
//! native build and the core's own tests): [`translate_js_regex`] rewrites the common patterns
//! learners write so they mean what they mean in JavaScript. The browser build of the API uses
//! the browser's own `RegExp` instead (see `super::set_regex_compiler`).

use super::Matcher;

/// Compiles `source`/`flags` (JavaScript) to a matcher on `regex-lite`.
pub(super) fn compile(source: &str, flags: &str) -> Result<Matcher, String> {
    let translated = translate_js_regex(source, flags)?;
    let regex = regex_lite::Regex::new(&translated).map_err(|e| e.to_string())?;
    Ok(Box::new(move |text: &str| regex.is_match(text)))
}

/// The body of a character class matching JavaScript's `\s`, in `regex-lite` syntax.
const JS_SPACE_CLASS: &str =
    r"\t\n\x0B\x0C\r \xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// Translates a JavaScript regex (`source` and `flags`) to `regex-lite` syntax, so that the
/// common patterns learners write mean the same: `\s` and `.` as in JavaScript, `\/` and other
/// identity escapes, `[^]`. Lookarounds and backreferences (unsupported by `regex-lite`) and
/// unknown flags give an error text. Known differences: `i` folds ASCII case only, and `m`
/// treats only `\n` as a line end.
fn translate_js_regex(source: &str, flags: &str) -> Result<String, String> {
    let mut prefix = String::from("(?");
    for f in flags.chars() {
        match f {
            'i' => prefix.push('i'),
            'm' => prefix.push('m'),
            's' | 'g' | 'u' | 'y' | 'd' => {}
            _ => return Err(format!("unknown regex flag '{f}' (JavaScript knows d, g, i, m, s, u, y)")),
        }
    }
    prefix.push(':');
    if flags.contains('y') {
        prefix.insert_str(0, r"\A");
    }
    let dot = if flags.contains('s') { r"(?s:.)" } else { r"[^\n\r\x{2028}\x{2029}]" };
    let mut out = prefix;
    let mut in_class = false;
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    return Err("the pattern ends with a lone \\".into());
                };
                match e {
                    's' if in_class => out.push_str(JS_SPACE_CLASS),
                    's' => out.push_str(&format!("[{JS_SPACE_CLASS}]")),
                    'S' if !in_class => out.push_str(&format!("[^{JS_SPACE_CLASS}]")),
                    'b' if in_class => out.push_str(r"\x08"),
                    '1'..='9' | 'k' => return Err("backreferences (\\1, \\k<name>) are not supported".into()),
                    'p' | 'P' if flags.contains('u') => {
                        return Err("Unicode property classes (\\p{…}) are not supported".into())
                    }
                    '0' => out.push_str(r"\x00"),
                    'c' => match chars.next() {
                        Some(l) if l.is_ascii_alphabetic() => {
                            out.push_str(&format!(r"\x{:02X}", (l as u8) % 32));
                        }
                        _ => return Err("\\c must be followed by a letter".into()),
                    },
                    'd' | 'D' | 'w' | 'W' | 'S' | 'b' | 'B' | 'n' | 'r' | 't' | 'f' | 'v' | 'x' | 'u' => {
                        out.push('\\');
                        out.push(e);
                    }
                    _ => out.push_str(&regex_lite::escape(e.encode_utf8(&mut [0; 4]))),
                }
            }
            '[' if in_class => out.push_str(r"\["),
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            '[' => {
                let mut ahead = chars.clone();
                if chars.next_if_eq(&']').is_some() {
                    out.push_str(r"[^\x00-\x{10FFFF}]");
                } else if ahead.next() == Some('^') && ahead.next() == Some(']') {
                    chars.nth(1);
                    out.push_str(r"(?s:.)");
                } else {
                    in_class = true;
                    out.push('[');
                    if let Some(caret) = chars.next_if_eq(&'^') {
                        out.push(caret);
                    }
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '.' if !in_class => out.push_str(dot),
            '(' if !in_class && chars.peek() == Some(&'?') => {
                let mut ahead = chars.clone();
                ahead.next();
                let next: String = ahead.take(2).collect();
                if next.starts_with('=') || next.starts_with('!') || next == "<=" || next == "<!" {
                    return Err("lookahead and lookbehind ((?=…), (?<=…), …) are not supported".into());
                }
                out.push('(');
            }
            _ => out.push(c),
        }
    }
    out.push(')');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[rustfmt::skip]
    const REGEXES: &[(&str, &str, &str, bool)] = &[
        ("^[a-z]+$", "i", "ABC", true), ("^[a-z]+$", "", "ABC", false),
        ("^\\d{3}-\\d{4}$", "", "555-1234", true), ("^\\d{3}-\\d{4}$", "", "555-12345", false),
        ("a.c", "", "a\nc", false), ("a.c", "s", "a\nc", true), ("a.c", "", "a\u{2028}c", false),
        ("a.c", "", "a\rc", false), ("^\\s+$", "", "\u{a0}\u{3000}", true),
        ("[\\s]", "", "\u{a0}", true), ("\\S", "", "\u{a0}", false),
        ("^\\/api\\/", "", "/api/x", true), ("\\<b\\>", "", "<b>", true),
        ("^a$", "m", "x\na\ny", true), ("^a$", "", "x\na\ny", false), ("[^]", "", "\n", true),
        ("[]", "", "x", false), ("a[]b", "", "ab", false),
        ("^\\w+@\\w+\\.com$", "gi", "Bob@X.com", true), ("\\bcat\\b", "", "a cat!", true),
        ("[a&&b]", "", "&", true), ("[~]", "", "~", true), ("\\x41\\u0042", "", "AB", true),
        ("^[\\u00e0-\\u00ff]+$", "", "éè", true), ("colou?r", "", "color", true),
        ("^(?<y>\\d{4})-\\d{2}$", "", "2020-01", true), ("^\\p", "", "p", true),
        ("\\cJ", "", "\n", true), ("[\\b]", "", "\u{8}", true), ("a", "y", "ba", false),
        ("\\A", "", "A", true), ("\\-", "", "-", true), ("a]", "", "a]", true), ("a}", "", "a}", true),
        ("^[\\w.-]+$", "", "a.b-c", true),
    ];

    #[test]
    fn regexes_match_javascript() {
        for (source, flags, input, expected) in REGEXES {
            let translated = translate_js_regex(source, flags).unwrap();
            let re = regex_lite::Regex::new(&translated).unwrap();
            assert_eq!(re.is_match(input), *expected, "/{source}/{flags} on {input:?} ({translated})");
        }
    }

    #[test]
    fn unsupported_regex_features_are_reported() {
        let err = |src: &str, flags: &str| translate_js_regex(src, flags).unwrap_err();
        assert!(err("a(?=b)", "").contains("lookahead"));
        assert!(err("(?<!a)b", "").contains("lookbehind"));
        assert!(err("(a)\\1", "").contains("backreferences"));
        assert!(err("\\p{L}", "u").contains("Unicode property"));
        assert_eq!(err("a", "x"), "unknown regex flag 'x' (JavaScript knows d, g, i, m, s, u, y)");
    }
}
