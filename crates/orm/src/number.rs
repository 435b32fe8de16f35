//! Decimal text read as an `f64`, for the `min`/`max`/`isFloat`… validators and the
//! `FLOAT`/`DECIMAL` values given as text. The text is checked here, with Rust's grammar for
//! `str::parse::<f64>()` (`1`, `-2.5`, `.5`, `5.`, `1e-3`, `inf`, `NaN` …); its digits are
//! converted by the host's number parser when one is installed (the JavaScript API installs the
//! browser's `parseFloat`, which rounds these digits to the same `f64`, so the wasm carries no
//! float parser of its own: 15 KB gzipped, most of it a table of powers of five), or else — with
//! the default `float-parse` feature — by Rust's.
//!
//! The other way, [`display`] and [`debug`] write an `f64` as `format!("{f}")` and
//! `format!("{f:?}")` do, from the shortest digits of serde_json's float writer (which the crate
//! links anyway to write JSON), so the wasm needs no second float printer (core's Grisu and Dragon
//! with their tables).

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

/// `format!("{f}")`: `1`, `-0.5`, `1000000000000000000000`, `0.0000001`, `inf`, `NaN`.
pub fn display(f: f64) -> String {
    written(f, false)
}

/// `format!("{f:?}")`: `1.0`, `-0.5`, `1e16`, `1.5e-7`, `inf`, `NaN`.
pub fn debug(f: f64) -> String {
    written(f, true)
}

fn written(f: f64, debug: bool) -> String {
    if f.is_nan() {
        return "NaN".to_owned();
    }
    let mut out = String::from(if f.is_sign_negative() { "-" } else { "" });
    if f.is_infinite() {
        out.push_str("inf");
        return out;
    }
    let (digits, point) = shortest_digits(f.abs());
    let zeros = |out: &mut String, n: usize| out.extend(std::iter::repeat_n('0', n));
    let abs = f.abs();
    if debug && !(abs == 0.0 || (1e-4..1e16).contains(&abs)) {
        // Debug's exponent form, beyond the range where it writes plain decimals.
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push_str(&(point - 1).to_string());
    } else if point <= 0 {
        out.push_str("0.");
        zeros(&mut out, point.unsigned_abs() as usize);
        out.push_str(&digits);
    } else if point as usize >= digits.len() {
        out.push_str(&digits);
        zeros(&mut out, point as usize - digits.len());
        if debug {
            out.push_str(".0");
        }
    } else {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    }
    out
}

/// The shortest digits that read back as `abs` (finite, not negative), without leading or
/// trailing zeros (`"0"` for zero), and where the decimal point goes: the value is
/// `0.digits × 10^point`.
fn shortest_digits(abs: f64) -> (String, i32) {
    let text = serde_json::Number::from_f64(abs).map(|n| n.to_string()).unwrap_or_default();
    // serde_json writes `12.5`, `0.001`, `1e21`, `1.5e-7`.
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let int_digits = mantissa.find('.').unwrap_or(mantissa.len());
    let all: String = mantissa.chars().filter(|&c| c != '.').collect();
    let significant = all.trim_start_matches('0');
    let point = int_digits as i32 + exponent.parse::<i32>().unwrap_or(0) - (all.len() - significant.len()) as i32;
    let mut digits = match significant.trim_end_matches('0') {
        "" => return ("0".to_owned(), 1),
        digits => digits.to_owned(),
    };
    // Halfway between two shortest candidates, serde_json takes the even one and Rust the upper.
    if digits.ends_with(['0', '2', '4', '6', '8']) && is_halfway_above(abs, &digits, point) {
        let last = digits.pop().map_or(b'0', |d| d as u8);
        digits.push(char::from(last + 1));
    }
    (digits, point)
}

/// Whether `abs` is exactly `0.digits5 × 10^point`: a tie between `digits` and the next number up.
fn is_halfway_above(abs: f64, digits: &str, point: i32) -> bool {
    // abs = odd × 2^exponent; the candidate = (10 × digits + 5) × 10^k, with 10 × digits + 5 odd.
    let bits = abs.to_bits();
    let (raw_exponent, fraction) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
    let (mantissa, exponent) =
        if raw_exponent == 0 { (fraction, -1074) } else { (fraction | (1 << 52), raw_exponent - 1075) };
    let (odd, exponent) = (mantissa >> mantissa.trailing_zeros(), exponent + mantissa.trailing_zeros() as i32);
    // At most 17 digits, so 10 × digits + 5 < 10^18 fits a u64.
    let Ok(candidate) = digits.parse::<u64>().map(|d| d * 10 + 5) else {
        return false;
    };
    let k = point - digits.len() as i32 - 1;
    // Both sides odd times a power of two: the powers must agree, and the odd parts.
    if exponent != k {
        return false;
    }
    match 5u64.checked_pow(k.unsigned_abs()) {
        Some(p) if k >= 0 => candidate.checked_mul(p) == Some(odd),
        Some(p) => candidate % p == 0 && candidate / p == odd,
        None => false,
    }
}

/// Appends `n` in decimal, zero-padded to at least `width` digits (at most 20): what `format!("{n:0width$}")`
/// writes, without the formatting machinery (dates are written for every row of a write, and
/// numbers into every query event handed to JavaScript).
pub fn push_decimal(out: &mut String, n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    let mut rest = n;
    while rest > 0 || digits.len() - start < width.clamp(1, digits.len()) {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    out.push_str(std::str::from_utf8(&digits[start..]).unwrap_or_default());
}

/// Writes a float the way JavaScript's `String(number)` does for the common cases
/// (`1` not `1.0`, `0.1` not `0.10000000000000001`).
pub fn format_js_number(f: f64) -> String {
    if f.is_nan() {
        "NaN".to_owned()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else if f == f.trunc() && f.abs() < 1e21 {
        format!("{}", f as i64)
    } else {
        display(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_decimal_writes_what_format_writes() {
        for (n, width) in [(0, 0), (0, 1), (7, 2), (42, 4), (2026, 4), (123_456, 2), (u64::MAX, 1), (5, 30)] {
            let mut out = String::from("x");
            push_decimal(&mut out, n, width);
            assert_eq!(out, format!("x{n:0w$}", w = width.min(20)), "{n} {width}");
        }
    }

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
    fn floats_are_written_as_rust_writes_them() {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            0.1,
            0.3,
            1.5,
            100.0,
            123.456,
            1e15,
            1e16,
            1e17,
            1e21,
            1e22,
            1e100,
            1e-4,
            0.000099999,
            1e-5,
            1e-7,
            1.5e-7,
            5e-324,
            2.2250738585072014e-308,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            9007199254740993.0,
            123456789012345680.0,
            0.1 + 0.2,
            1.0 / 3.0,
            2.0 / 3.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
            46.0 * 10.0,
            0.25,
            12.34,
            // Halfway between two shortest candidates (Rust takes the upper one).
            f64::from_bits(0x4317_9085_685d_83c9), // 1658206780088562.25: …562.3, not …562.2
            f64::from_bits(0x4317_9085_685d_83cb), // 1658206780088562.75: …562.8
            4503599627370497.5,
            9007199254740994.0 * 3.0,
            2.5e-324,
        ];
        // And a spread of bit patterns (a fixed xorshift sequence), every exponent included.
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..300_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(f64::from_bits(x));
            // Where ties are common: numbers from 2^50 to 2^70, whose last bits are halves and quarters.
            values.push(f64::from_bits(((1023 + 50 + x % 20) << 52) | (x >> 12)));
        }
        for f in values {
            assert_eq!(display(f), format!("{f}"), "display of {:#x}", f.to_bits());
            assert_eq!(debug(f), format!("{f:?}"), "debug of {:#x}", f.to_bits());
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
