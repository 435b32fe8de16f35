//! Upper- and lower-casing text the way JavaScript does (`toUpperCase`, `toLowerCase`), for
//! inflection (table names, accessors), the `isLowercase`/`isUppercase` validators and the
//! analyzer. ASCII text is handled here; other text goes to the host's case mapper when one is
//! installed (the JavaScript API installs the browser's own, so the result is JavaScript's
//! exactly and the wasm carries no Unicode case tables), or else — with the default
//! `unicode-case` feature — to Rust's, which follows the same Unicode data.

use std::cell::Cell;

/// Which way to case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `toLowerCase`.
    Lower,
    /// `toUpperCase`.
    Upper,
}

/// Cases non-ASCII text as the host would.
pub type CaseMapper = fn(&str, Case) -> String;

thread_local! {
    static CASE_MAPPER: Cell<Option<CaseMapper>> = const { Cell::new(None) };
}

/// Installs the case mapper for non-ASCII text on this thread.
pub fn set_case_mapper(mapper: CaseMapper) {
    CASE_MAPPER.with(|m| m.set(Some(mapper)));
}

fn map(text: &str, case: Case) -> String {
    if text.is_ascii() {
        return match case {
            Case::Lower => text.to_ascii_lowercase(),
            Case::Upper => text.to_ascii_uppercase(),
        };
    }
    if let Some(mapper) = CASE_MAPPER.with(Cell::get) {
        return mapper(text, case);
    }
    #[cfg(feature = "unicode-case")]
    return match case {
        Case::Lower => text.to_lowercase(),
        Case::Upper => text.to_uppercase(),
    };
    // Without Unicode data and without a host, only ASCII letters change.
    #[cfg(not(feature = "unicode-case"))]
    match case {
        Case::Lower => text.to_ascii_lowercase(),
        Case::Upper => text.to_ascii_uppercase(),
    }
}

/// JavaScript's `text.toLowerCase()`.
pub fn lowercase(text: &str) -> String {
    map(text, Case::Lower)
}

/// JavaScript's `text.toUpperCase()`.
pub fn uppercase(text: &str) -> String {
    map(text, Case::Upper)
}

/// One character in upper or lower case (possibly several characters: `ß` → `SS`).
pub fn char_case(c: char, case: Case) -> String {
    let mut buf = [0; 4];
    map(c.encode_utf8(&mut buf), case)
}

/// Joins items as English does: `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn joins_lists_as_english_does() {
        let list = |v: &[&str]| and_list(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(list(&[]), "");
        assert_eq!(list(&["#1"]), "#1");
        assert_eq!(list(&["#1", "#4"]), "#1 and #4");
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
    }

    use super::*;

    #[test]
    fn ascii_and_unicode_case_like_javascript() {
        assert_eq!(lowercase("OrderItems"), "orderitems");
        assert_eq!(uppercase("n+1"), "N+1");
        assert_eq!(lowercase("ÜBER"), "über");
        assert_eq!(uppercase("straße"), "STRASSE");
        assert_eq!(char_case('ß', Case::Upper), "SS");
        assert_eq!(char_case('É', Case::Lower), "é");
    }
}
