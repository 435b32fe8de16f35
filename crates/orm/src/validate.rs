//! Sequelize's attribute validators (`validate: { len: [2, 10], isEmail: true, … }`): parsing
//! them from a model definition, running them on a value and reporting failures the way
//! Sequelize 6 does.
//!
//! Sequelize 6 runs validator.js 13 on `String(value)`; so does [`check_attribute`] (on
//! [`Value::to_js_string`]), with hand-written ports of the checks in [`formats`]. Facts checked
//! against Sequelize 6.37 with validator.js 13.15:
//!
//! * A failure reads `Validation {key} on {attribute} failed` (`Validation len on name failed`)
//!   unless the validator has a `msg`; its type is `Validation error` and its `validatorKey`
//!   the key as written. Every failing validator of an attribute is reported, in declaration
//!   order.
//! * `null` and `undefined` skip every built-in validator; `allowNull: false` reports
//!   `User.name cannot be null` (type `notNull Violation`, key `is_null`) instead, or the
//!   `msg` of a `notNull` validator. See [`not_null_violation`].
//! * `isEmail: false` still validates (Sequelize only looks at the value's presence).
//! * `min`/`max` use `parseFloat`, so text that is not a number passes them (`'abc'` passes
//!   `min: 5`, `'3abc'` fails it).
//! * `len` counts as validator.js does: an emoji or a letter with a variation selector is 1.
//!
//! Deliberate differences, where Sequelize would fail every value or throw at validation time,
//! are usage errors at definition time instead: unknown keys, `isUUID: true` (a version is
//! needed), `isAfter: true`, `isIn: ['a', 'b']` (Sequelize reads it as a substring test of
//! `'a'`), `equals: 5`. `min: { args: 0 }` means 0 (Sequelize fails every value, reading
//! the falsy `args` as absent). `isURL` and `isIP: [4]` report the keys `isUrl` and `isIPv4`.
//! A `Date` value is checked as its ISO text (JavaScript's `String(date)` is the long form),
//! dates use [`crate::datetime::parse`] rather than JavaScript's lenient `Date.parse`, and
//! `is: /re/i` folds ASCII case only.

mod formats;

use std::fmt;

use serde_json::Value as Json;

use crate::error::{Error, ValidationErrorItem};
use crate::value::Value;
use formats::*;

/// A compiled `is` / `not` pattern, kept with its JavaScript source and flags.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    flags: String,
    regex: regex_lite::Regex,
}

impl Pattern {
    /// Compiles a JavaScript regex given as source and flags (`"^[a-z]+$"`, `"i"`); the error text
    /// says what is not supported.
    pub fn new(source: &str, flags: &str) -> Result<Pattern, String> {
        let translated = translate_js_regex(source, flags)?;
        let regex = regex_lite::Regex::new(&translated).map_err(|e| e.to_string())?;
        Ok(Pattern { source: source.to_owned(), flags: flags.to_owned(), regex })
    }

    /// The pattern's JavaScript source (between the slashes).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The pattern's JavaScript flags (`"i"`, `"gi"`, …).
    pub fn flags(&self) -> &str {
        &self.flags
    }

    /// True when the pattern matches somewhere in `text` (JavaScript's `text.match(re)`).
    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source && self.flags == other.flags
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}/{}", self.source, self.flags)
    }
}

/// One validator as declared in a model: `len: [2, 10]`, `isEmail: true`,
/// `min: { args: [0], msg: '…' }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Validator {
    /// What is checked.
    pub check: Check,
    /// The custom message (`msg`) reported instead of the default one.
    pub msg: Option<String>,
}

/// What a [`Validator`] checks, with its arguments.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// `notNull`: never fails here (nulls skip validators); its `msg` is the message of the
    /// `allowNull: false` failure (see [`not_null_msg`]).
    NotNull,
    /// `notEmpty`: not empty nor only whitespace.
    NotEmpty,
    /// `len: [min, max]`: length within the bounds (characters as validator.js counts them).
    Len {
        /// Fewest characters allowed.
        min: usize,
        /// Most characters allowed, if bounded.
        max: Option<usize>,
    },
    /// `min: n`: at least `n`, as `parseFloat` reads the text (text that is no number passes).
    Min(f64),
    /// `max: n`: at most `n`, as `parseFloat` reads the text (text that is no number passes).
    Max(f64),
    /// `isEmail`: an e-mail address.
    IsEmail,
    /// `isUrl`: a http, https or ftp URL (the protocol may be left out).
    IsUrl,
    /// `isInt`: an integer (`-12`, `+3`, `007`).
    IsInt,
    /// `isFloat`: a number (`1.5`, `-.5`, `1e5`).
    IsFloat,
    /// `isDecimal`: a decimal number (`-1.5`, `.5`, `1e5`; no `+`).
    IsDecimal,
    /// `isNumeric`: digits with an optional sign and decimal point (`-1.5`; no exponent).
    IsNumeric,
    /// `isAlpha`: ASCII letters only.
    IsAlpha,
    /// `isAlphanumeric`: ASCII letters and digits only.
    IsAlphanumeric,
    /// `isLowercase`: unchanged by lower-casing.
    IsLowercase,
    /// `isUppercase`: unchanged by upper-casing.
    IsUppercase,
    /// `isIn: [[…]]`: one of the values (compared as text).
    IsIn(Vec<Value>),
    /// `notIn: [[…]]`: none of the values (compared as text).
    NotIn(Vec<Value>),
    /// `is: /re/`: the pattern matches.
    Is(Pattern),
    /// `not: /re/`: the pattern does not match.
    Not(Pattern),
    /// `contains: 'x'`: contains the text (never true for `''`).
    Contains(String),
    /// `notContains: 'x'`: does not contain the text.
    NotContains(String),
    /// `equals: 'x'`: is exactly the text.
    Equals(String),
    /// `isDate`: a date.
    IsDate,
    /// `isAfter: '2020-01-01'`: a date strictly after this one.
    IsAfter(String),
    /// `isBefore: '2020-01-01'`: a date strictly before this one.
    IsBefore(String),
    /// `isUUID: 4`: a UUID of this version (`None`: `'all'`, versions 1–8, nil and max).
    IsUuid(Option<u8>),
    /// `isIP`, `isIPv4`, `isIPv6`: an IP address of version 4, 6 or either (`None`).
    IsIp(Option<u8>),
}

/// The keys [`Validator::from_json`] knows, for error messages.
const KNOWN_KEYS: &str = "notEmpty, len, min, max, isEmail, isUrl, isInt, isFloat, isDecimal, isNumeric, \
isAlpha, isAlphanumeric, isLowercase, isUppercase, isIn, notIn, is, not, contains, notContains, equals, \
isDate, isAfter, isBefore, isUUID, isIP, isIPv4, isIPv6, notNull";

impl Check {
    /// Sequelize's key for this check (`"len"`, `"isEmail"`, …).
    pub fn key(&self) -> &'static str {
        match self {
            Check::NotNull => "notNull",
            Check::NotEmpty => "notEmpty",
            Check::Len { .. } => "len",
            Check::Min(_) => "min",
            Check::Max(_) => "max",
            Check::IsEmail => "isEmail",
            Check::IsUrl => "isUrl",
            Check::IsInt => "isInt",
            Check::IsFloat => "isFloat",
            Check::IsDecimal => "isDecimal",
            Check::IsNumeric => "isNumeric",
            Check::IsAlpha => "isAlpha",
            Check::IsAlphanumeric => "isAlphanumeric",
            Check::IsLowercase => "isLowercase",
            Check::IsUppercase => "isUppercase",
            Check::IsIn(_) => "isIn",
            Check::NotIn(_) => "notIn",
            Check::Is(_) => "is",
            Check::Not(_) => "not",
            Check::Contains(_) => "contains",
            Check::NotContains(_) => "notContains",
            Check::Equals(_) => "equals",
            Check::IsDate => "isDate",
            Check::IsAfter(_) => "isAfter",
            Check::IsBefore(_) => "isBefore",
            Check::IsUuid(_) => "isUUID",
            Check::IsIp(None) => "isIP",
            Check::IsIp(Some(4)) => "isIPv4",
            Check::IsIp(Some(_)) => "isIPv6",
        }
    }

    /// True when `value` passes the check; `null` passes everything, as in Sequelize.
    pub fn passes(&self, value: &Value) -> bool {
        if value.is_null() {
            return true;
        }
        let s = js_string(value);
        let number = || match value {
            Value::Int(_) | Value::Float(_) => value.as_f64().unwrap_or(f64::NAN),
            Value::Date(_) => f64::NAN, // `String(date)` starts with the weekday
            _ => js_parse_float(&s),
        };
        let date = || match value {
            Value::Date(ms) => Some(*ms),
            _ => crate::datetime::parse(&s),
        };
        let in_list = |list: &[Value]| list.iter().any(|v| js_string(v) == s);
        match self {
            Check::NotNull => true,
            Check::NotEmpty => !s.chars().all(is_js_space),
            Check::Len { min, max } => {
                let n = js_length(&s);
                n >= *min && max.is_none_or(|max| n <= max)
            }
            Check::Min(min) => number().is_nan() || number() >= *min,
            Check::Max(max) => number().is_nan() || number() <= *max,
            Check::IsEmail => is_email(&s),
            Check::IsUrl => is_url(&s),
            Check::IsInt => is_int(&s),
            Check::IsFloat => is_float(&s),
            Check::IsDecimal => is_decimal(&s),
            Check::IsNumeric => is_numeric(&s),
            Check::IsAlpha => !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphabetic()),
            Check::IsAlphanumeric => !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric()),
            Check::IsLowercase => s == s.to_lowercase(),
            Check::IsUppercase => s == s.to_uppercase(),
            Check::IsIn(list) => in_list(list),
            Check::NotIn(list) => !in_list(list),
            Check::Is(p) => p.is_match(&s),
            Check::Not(p) => !p.is_match(&s),
            Check::Contains(t) => !t.is_empty() && s.contains(t.as_str()),
            Check::NotContains(t) => t.is_empty() || !s.contains(t.as_str()),
            Check::Equals(t) => s == *t,
            Check::IsDate => date().is_some(),
            Check::IsAfter(d) => matches!((date(), crate::datetime::parse(d)), (Some(a), Some(b)) if a > b),
            Check::IsBefore(d) => matches!((date(), crate::datetime::parse(d)), (Some(a), Some(b)) if a < b),
            Check::IsUuid(version) => is_uuid(&s, *version),
            Check::IsIp(version) => is_ip(&s, *version),
        }
    }
}

/// `String(value)` as validator.js sees it; in a list (`isIn`), `null` is `''`.
fn js_string(value: &Value) -> String {
    fn json(j: &Json) -> String {
        match j {
            Json::Null => String::new(),
            Json::String(s) => s.clone(),
            Json::Array(items) => items.iter().map(json).collect::<Vec<_>>().join(","),
            Json::Object(_) => "[object Object]".to_owned(),
            other => other.to_string(),
        }
    }
    match value {
        Value::Null => String::new(),
        Value::Json(j) => json(j),
        other => other.to_js_string(),
    }
}

/// A JSON value as an ORM [`Value`] (numbers become `Int` when whole).
fn json_to_value(j: &Json) -> Value {
    match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => n.as_i64().map_or_else(|| Value::Float(n.as_f64().unwrap_or(f64::NAN)), Value::Int),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Json(other.clone()),
    }
}

/// The usage error for a validator given arguments it cannot take.
fn bad(key: &str, expected: &str, got: &Json) -> Error {
    Error::usage(format!("validator `{key}` expects {expected}; got {got}"))
}

/// A number as JavaScript's comparison would coerce it (`5` or `'5'`).
fn js_number(j: &Json) -> Option<f64> {
    match j {
        Json::Number(n) => n.as_f64(),
        Json::String(s) if !s.trim().is_empty() => s.trim().parse().ok().filter(|n: &f64| !n.is_nan()),
        _ => None,
    }
}

/// A whole, non-negative number (a `len` bound).
fn count(j: &Json) -> Option<usize> {
    js_number(j).filter(|n| *n >= 0.0 && n.fract() == 0.0 && *n <= u32::MAX as f64).map(|n| n as usize)
}

/// A string argument, bare or as the only element of the args array.
fn text_arg<'a>(key: &str, args: &[&'a Json], what: &str, got: &Json) -> Result<&'a str, Error> {
    match args {
        [Json::String(s)] => Ok(s),
        _ => Err(bad(key, what, got)),
    }
}

impl Validator {
    /// Parses a validator from its Sequelize key and argument as a learner writes it in
    /// `validate: { key: arg }`: `true`, a bare value (`min: 1`, `is: '^a'`), an args array
    /// (`len: [2, 10]`, `isIn: [['a', 'b']]`, `is: ['^a', 'i']`), a regex as
    /// `{ "source": "^a", "flags": "i" }`, or `{ args, msg }`. Unknown keys and bad arguments
    /// give a usage error naming the key and saying what is expected.
    pub fn from_json(key: &str, arg: &Json) -> Result<Validator, Error> {
        let is_regex = matches!(key, "is" | "not") && arg.get("source").is_some();
        let (args, msg) = match arg {
            Json::Object(obj) if !is_regex => {
                let msg = match obj.get("msg") {
                    None | Some(Json::Null) => None,
                    Some(Json::String(m)) => Some(m.clone()).filter(|m| !m.is_empty()),
                    Some(other) => return Err(bad(key, "a string `msg`", other)),
                };
                if let Some(args) = obj.get("args") {
                    if let Some(extra) = obj.keys().find(|k| *k != "args" && *k != "msg") {
                        return Err(bad(key, "{ args, msg }", &Json::String(format!("unknown option `{extra}`"))));
                    }
                    (Some(args), msg)
                } else if obj.keys().all(|k| k == "msg") {
                    (None, msg)
                } else {
                    (Some(arg), msg) // options object such as `len: { min: 2, max: 10, msg }`
                }
            }
            Json::Bool(_) => (None, None),
            other => (Some(other), None),
        };
        let check = parse_check(key, args)?;
        Ok(Validator { check, msg })
    }

    /// Sequelize's key of this validator (`"len"`, `"isEmail"`, …).
    pub fn key(&self) -> &'static str {
        self.check.key()
    }
}

/// Builds the [`Check`] of `key` from its arguments (`None`: `true` or only a `msg`).
fn parse_check(key: &str, args: Option<&Json>) -> Result<Check, Error> {
    let positional: Vec<&Json> = match args {
        None => Vec::new(),
        Some(Json::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
    };
    let true_json = Json::Bool(true);
    let got = args.unwrap_or(&true_json);
    let no_args = |check: Check| match args {
        None | Some(Json::Bool(_)) => Ok(check),
        Some(Json::Array(a)) if a.is_empty() => Ok(check),
        Some(other) => Err(bad(key, &format!("no options (write `{key}: true`)"), other)),
    };
    let number = || match positional[..] {
        [n] => js_number(n).ok_or_else(|| bad(key, &format!("a number, e.g. `{key}: 0`"), n)),
        _ => Err(bad(key, &format!("one number, e.g. `{key}: 0`"), got)),
    };
    let list = || match positional[..] {
        [Json::Array(values)] => Ok(values.iter().map(json_to_value).collect()),
        _ => Err(bad(key, &format!("the values wrapped in an array, e.g. `{key}: [['a', 'b']]`"), got)),
    };
    let pattern = || {
        let (source, flags) = match positional[..] {
            [Json::String(s)] => (s.as_str(), ""),
            [Json::String(s), Json::String(f)] => (s.as_str(), f.as_str()),
            [regex @ Json::Object(_)] | [regex @ Json::Object(_), _] => {
                match (regex.get("source"), regex.get("flags")) {
                    (Some(Json::String(s)), None) => (s.as_str(), ""),
                    (Some(Json::String(s)), Some(Json::String(f))) => (s.as_str(), f.as_str()),
                    _ => return Err(bad(key, "a regex `{ source, flags }`", regex)),
                }
            }
            _ => {
                return Err(bad(key, &format!("a regex, e.g. `{key}: /^[a-z]+$/i` or `{key}: ['^[a-z]+$', 'i']`"), got))
            }
        };
        Pattern::new(source, flags).map_err(|e| Error::usage(format!("validator `{key}`: /{source}/{flags}: {e}")))
    };
    let date = || {
        let d = text_arg(key, &positional, &format!("a date, e.g. `{key}: '2020-01-01'`"), got)?;
        match crate::datetime::parse(d) {
            Some(_) => Ok(d.to_owned()),
            None => Err(bad(key, "a date written YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS", got)),
        }
    };
    let text = || text_arg(key, &positional, &format!("a string, e.g. `{key}: 'abc'`"), got).map(str::to_owned);
    Ok(match key {
        "notNull" => no_args(Check::NotNull)?,
        "notEmpty" => no_args(Check::NotEmpty)?,
        "isEmail" => no_args(Check::IsEmail)?,
        "isUrl" | "isURL" => no_args(Check::IsUrl)?,
        "isInt" => no_args(Check::IsInt)?,
        "isFloat" => no_args(Check::IsFloat)?,
        "isDecimal" => no_args(Check::IsDecimal)?,
        "isNumeric" => no_args(Check::IsNumeric)?,
        "isLowercase" => no_args(Check::IsLowercase)?,
        "isUppercase" => no_args(Check::IsUppercase)?,
        "isDate" => no_args(Check::IsDate)?,
        "isIPv4" => no_args(Check::IsIp(Some(4)))?,
        "isIPv6" => no_args(Check::IsIp(Some(6)))?,
        "isAlpha" | "isAlphanumeric" => {
            if !matches!(positional[..], [] | [Json::Bool(_)] | [Json::String(_)]) {
                return Err(bad(key, &format!("`true` or the locale 'en-US' (write `{key}: true`)"), got));
            }
            if let [Json::String(locale)] = positional[..] {
                if locale != "en-US" {
                    return Err(bad(key, "the locale 'en-US' (the only one supported)", got));
                }
            }
            if key == "isAlpha" {
                Check::IsAlpha
            } else {
                Check::IsAlphanumeric
            }
        }
        "len" => {
            let (min, max) = match positional[..] {
                [Json::Object(o)] if o.keys().all(|k| ["min", "max", "msg"].contains(&k.as_str())) => {
                    (o.get("min"), o.get("max"))
                }
                [min] => (Some(min), None),
                [min, max] => (Some(min), Some(max)),
                _ => (None, Some(got)),
            };
            let min = min.filter(|m| !m.is_null()).map_or(Some(0), count);
            let max = max.map(count);
            match (min, max) {
                (Some(min), None) => Check::Len { min, max: None },
                (Some(min), Some(Some(max))) => Check::Len { min, max: Some(max) },
                _ => return Err(bad(key, "`[min, max]` or `[min]` as whole numbers, e.g. `len: [2, 10]`", got)),
            }
        }
        "min" => Check::Min(number()?),
        "max" => Check::Max(number()?),
        "isIn" => Check::IsIn(list()?),
        "notIn" => Check::NotIn(list()?),
        "is" => Check::Is(pattern()?),
        "not" => Check::Not(pattern()?),
        "contains" => Check::Contains(text()?),
        "notContains" => Check::NotContains(text()?),
        "equals" => Check::Equals(text()?),
        "isAfter" => Check::IsAfter(date()?),
        "isBefore" => Check::IsBefore(date()?),
        "isUUID" => match positional[..] {
            [Json::String(s)] if s == "all" => Check::IsUuid(None),
            [v] => match js_number(v) {
                Some(n) if (1.0..=8.0).contains(&n) && n.fract() == 0.0 => Check::IsUuid(Some(n as u8)),
                _ => return Err(bad(key, "a UUID version 1-8 or 'all', e.g. `isUUID: 4`", got)),
            },
            _ => return Err(bad(key, "a UUID version 1-8 or 'all', e.g. `isUUID: 4`", got)),
        },
        // Sequelize passes a version to isIP only inside an array (`isIP: [4]`); `isIP: 4` is any.
        "isIP" => match positional[..] {
            [v] if args.is_some_and(Json::is_array) => match js_number(v) {
                Some(4.0) => Check::IsIp(Some(4)),
                Some(6.0) => Check::IsIp(Some(6)),
                _ => return Err(bad(key, "4 or 6, e.g. `isIP: [4]` (or `isIPv4: true`)", got)),
            },
            _ => Check::IsIp(None),
        },
        _ => {
            return Err(Error::usage(format!(
                "unknown validator `{key}`; the built-in validators are {KNOWN_KEYS} (a custom validator is a function)"
            )))
        }
    })
}

/// Parses a whole `validate: { … }` object, in declaration order.
pub fn validators_from_json(validate: &Json) -> Result<Vec<Validator>, Error> {
    match validate {
        Json::Object(obj) => obj.iter().map(|(key, arg)| Validator::from_json(key, arg)).collect(),
        other => Err(bad("validate", "an object such as `{ len: [2, 10] }`", other)),
    }
}

/// Runs every validator on one attribute's value and returns the failures in declaration order,
/// shaped as Sequelize reports them (`Validation len on name failed`, type `Validation error`).
/// A null value passes every validator, as in Sequelize (`allowNull: false` is checked by
/// [`not_null_violation`]). `_model` names the model, for symmetry with [`not_null_violation`].
pub fn check_attribute(
    _model: &str,
    attribute: &str,
    value: &Value,
    validators: &[Validator],
) -> Vec<ValidationErrorItem> {
    validators
        .iter()
        .filter(|v| !v.check.passes(value))
        .map(|v| ValidationErrorItem {
            message: v.msg.clone().unwrap_or_else(|| format!("Validation {} on {attribute} failed", v.key())),
            kind: "Validation error",
            path: attribute.to_owned(),
            value: value.clone(),
            validator_key: v.key().to_owned(),
        })
        .collect()
}

/// The custom message of a `notNull` validator among `validators`, if any, to pass to
/// [`not_null_violation`].
pub fn not_null_msg(validators: &[Validator]) -> Option<&str> {
    validators.iter().find(|v| v.check == Check::NotNull).and_then(|v| v.msg.as_deref())
}

/// The failure Sequelize reports for a null in an `allowNull: false` attribute: message
/// `"{Model}.{attribute} cannot be null"` (or `custom_msg`), type `notNull Violation` (with
/// Sequelize's capital V), validator key `is_null`, value null.
pub fn not_null_violation(model: &str, attribute: &str, custom_msg: Option<&str>) -> ValidationErrorItem {
    ValidationErrorItem {
        message: custom_msg.map_or_else(|| format!("{model}.{attribute} cannot be null"), str::to_owned),
        kind: "notNull Violation",
        path: attribute.to_owned(),
        value: Value::Null,
        validator_key: "is_null".to_owned(),
    }
}
