//! Decimal text read as an `f64`, for the `min`/`max`/`isFloat`… validators and the
//! `FLOAT`/`DECIMAL` values given as text. The text is checked here, with Rust's grammar for
//! `str::parse::<f64>()` (`1`, `-2.5`, `.5`, `5.`, `1e-3`, `inf`, `NaN` …); its digits are
//! converted by the host's number parser when one is installed (the JavaScript API installs the
//! browser's `parseFloat`, which rounds these digits to the same `f64`, so the wasm carries no
//! float parser of its own: 15 KB gzipped, most of it a table of powers of five), or else — with
//! the default `float-parse` feature — by Rust's.

use std::cell::Cell;

/// Converts a well-formed decimal literal (digits, at most one `.`, an optional exponent, an
/// optional sign) to the nearest `f64`, as the host reads numbers.
pub type NumberParser = fn(&str) -> f64;

thread_local! {
    static NUMBER_PARSER: Cell<Option<NumberParser>> = const { Cell::new(None) };
}

/// Installs the number parser for decimal literals on this thread.
pub fn set_number_parser(parser: NumberParser) {
    NUMBER_PARSER.with(|p| p.set(Some(parser)));
}

/// `text.parse::<f64>().ok()`: the same texts are numbers, with the same values.
pub fn parse(text: &str) -> Option<f64> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let special = match unsigned.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(value) = special {
        return Some(if negative { -value } else { value });
    }
    if !is_decimal_literal(unsigned) {
        return None;
    }
    if let Some(parser) = NUMBER_PARSER.with(Cell::get) {
        return Some(parser(text));
    }
    #[cfg(feature = "float-parse")]
    return text.parse().ok();
    // Without a parser of Rust's and without a host, decimal text is no number.
    #[cfg(not(feature = "float-parse"))]
    None
}

/// `digits [. digits] [(e|E) [+|-] digits]` or `. digits …`: at least one mantissa digit.
fn is_decimal_literal(text: &str) -> bool {
    let b = text.as_bytes();
    let digits_from = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let int_end = digits_from(0);
    let mut end = int_end;
    if b.get(end) == Some(&b'.') {
        end = digits_from(end + 1);
    }
    let mantissa_digits = end - usize::from(end > int_end);
    if mantissa_digits == 0 {
        return false;
    }
    if matches!(b.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(end + 1), Some(b'+' | b'-')));
        let exponent_end = digits_from(end + 1 + sign);
        if exponent_end == end + 1 + sign {
            return false;
        }
        end = exponent_end;
    }
    end == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text here reads as `str::parse` reads it (natively `parse` uses Rust's parser too,
    /// so this checks the grammar: which texts are numbers at all).
    #[test]
    fn the_same_texts_are_numbers_as_for_str_parse() {
        let texts = [
            "0",
            "-0",
            "+1",
            "1.5",
            "-2.25",
            ".5",
            "5.",
            "1.e5",
            "1e5",
            "1E+5",
            "1e-5",
            "007",
            "1e400",
            "-1e400",
            "1e-400",
            "inf",
            "-Infinity",
            "NaN",
            "+nan",
            "iNf",
            "",
            "+",
            "-",
            ".",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1.2.3",
            "1_000",
            " 1",
            "1 ",
            "0x10",
            "1,5",
            "--1",
            "+-1",
            "1-2",
            "Infinity1",
            "nan1",
            "1ee5",
            "١",
            "123456789012345678901234567890",
            "2.2250738585072011e-308",
            "1.7976931348623158e308",
        ];
        for text in texts {
            let want = text.parse::<f64>().ok();
            let got = parse(text);
            assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "{text:?}");
        }
    }

    #[test]
    fn the_host_converts_the_digits() {
        set_number_parser(|_| 42.0);
        assert_eq!(parse("1.5"), Some(42.0));
        assert_eq!(parse("inf"), Some(f64::INFINITY), "special values are read here");
        assert_eq!(parse("abc"), None, "the host sees only decimal literals");
        NUMBER_PARSER.with(|p| p.set(None));
    }
}
