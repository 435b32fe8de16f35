//! Sequelize's attribute validators (`validate: { len: [2, 10], isEmail: true, … }`): parsing
//! them from a model definition, running them on a value and reporting failures the way
//! Sequelize 6 does.
//!
//! Sequelize 6 runs validator.js 13 on `String(value)`; so does [`check_attribute`] (on
//! [`Value::to_js_string`]), with hand-written ports of validator.js's checks in the `formats` submodule. Facts checked
//! against Sequelize 6.37 with validator.js 13.15:
//!
//! * A failure reads `Validation {key} on {attribute} failed` (`Validation len on name failed`)
//!   unless the validator has a `msg`; its type is `Validation error` and its `validatorKey`
//!   the key as written. Every failing validator of an attribute is reported, in declaration
//!   order.
//! * `null` and `undefined` skip every built-in validator; `allowNull: false` reports
//!   `User.name cannot be null` (type `notNull Violation`, key `is_null`) instead, or the
//!   `msg` of a `notNull` validator. See [`not_null_violation`].
//! * `isEmail: false` still validates: Sequelize runs a validator whatever its argument.
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
#[cfg(feature = "regex-lite")]
mod regex_lite_engine;

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use serde_json::Value as Json;

use crate::error::{Error, ValidationErrorItem};
use crate::value::Value;
use formats::*;

/// A compiled regex: true when it matches somewhere in the text.
pub type Matcher = Box<dyn Fn(&str) -> bool>;

/// Compiles a JavaScript regex (source and flags) to a [`Matcher`], or says why it cannot.
pub type RegexCompiler = fn(source: &str, flags: &str) -> Result<Matcher, String>;

thread_local! {
    static REGEX_COMPILER: Cell<Option<RegexCompiler>> = const { Cell::new(None) };
}

/// Installs the regex engine for `is` / `not` validators on this thread. The JavaScript API
/// installs the browser's `RegExp` (what validator.js uses, so every JavaScript pattern means
/// exactly what it means in Sequelize). Without one, the `regex-lite` feature (on by default)
/// compiles a translation of the common JavaScript syntax.
pub fn set_regex_compiler(compiler: RegexCompiler) {
    REGEX_COMPILER.with(|c| c.set(Some(compiler)));
}

fn compile_regex(source: &str, flags: &str) -> Result<Matcher, String> {
    if let Some(compiler) = REGEX_COMPILER.with(Cell::get) {
        return compiler(source, flags);
    }
    #[cfg(feature = "regex-lite")]
    return regex_lite_engine::compile(source, flags);
    #[cfg(not(feature = "regex-lite"))]
    Err("no regex engine: enable the orm crate's `regex-lite` feature or call orm::validate::set_regex_compiler".into())
}

/// A compiled `is` / `not` pattern, kept with its JavaScript source and flags.
#[derive(Clone)]
pub struct Pattern {
    source: String,
    flags: String,
    matcher: Rc<dyn Fn(&str) -> bool>,
}

impl Pattern {
    /// Compiles a JavaScript regex given as source and flags (`"^[a-z]+$"`, `"i"`) with this
    /// thread's regex engine (see [`set_regex_compiler`]); the error text says what is wrong or
    /// not supported.
    pub fn new(source: &str, flags: &str) -> Result<Pattern, String> {
        let matcher = compile_regex(source, flags)?;
        Ok(Pattern { source: source.to_owned(), flags: flags.to_owned(), matcher: Rc::from(matcher) })
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
        (self.matcher)(text)
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
const KNOWN_KEYS: &str = "notEmpty, len, min, max, isEmail, isUrl, isInt, isFloat, isDecimal, \
    isNumeric, isAlpha, isAlphanumeric, isLowercase, isUppercase, isIn, notIn, is, not, contains, \
    notContains, equals, isDate, isAfter, isBefore, isUUID, isIP, isIPv4, isIPv6, notNull";

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
            Check::IsLowercase => s == crate::text::lowercase(&s),
            Check::IsUppercase => s == crate::text::uppercase(&s),
            Check::IsIn(list) => in_list(list),
            Check::NotIn(list) => !in_list(list),
            Check::Is(p) => p.is_match(&s),
            Check::Not(p) => !p.is_match(&s),
            Check::Contains(t) => !t.is_empty() && s.contains(t.as_str()),
            Check::NotContains(t) => t.is_empty() || !s.contains(t.as_str()),
            Check::Equals(t) => s == *t,
            Check::IsDate => date().is_some(),
            Check::IsAfter(d) => {
                matches!((date(), crate::datetime::parse(d)), (Some(a), Some(b)) if a > b)
            }
            Check::IsBefore(d) => {
                matches!((date(), crate::datetime::parse(d)), (Some(a), Some(b)) if a < b)
            }
            Check::IsUuid(version) => is_uuid(&s, *version),
            Check::IsIp(version) => is_ip(&s, *version),
        }
    }
}

/// `String(value)` as validator.js sees it; in a list (`isIn`), `null` is `''`.
fn js_string(value: &Value) -> std::borrow::Cow<'_, str> {
    fn json(j: &Json) -> String {
        match j {
            Json::Null => String::new(),
            Json::String(s) => s.clone(),
            Json::Array(items) => crate::collect::map_vec(items.iter(), json).join(","),
            Json::Object(_) => "[object Object]".to_owned(),
            other => other.to_string(),
        }
    }
    match value {
        // Text is checked as it is, without a copy.
        Value::Text(s) => s.as_str().into(),
        Value::Null => "".into(),
        Value::Json(j) => json(j).into(),
        other => other.to_js_string().into(),
    }
}

/// A JSON value as an ORM [`Value`] (numbers become `Int` when whole).
fn json_to_value(j: &Json) -> Value {
    match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => n.as_i64().map_or_else(|| Value::Float(n.as_f64().unwrap_or(f64::NAN)), Value::Int),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::from(other.clone()),
    }
}

/// The usage error for a validator given arguments it cannot take.
fn bad(key: &str, expected: &str, got: &Json) -> Error {
    Error::usage(format!("validator `{key}` expects {expected}; got {got}"))
}

/// What the validator `key` expects as arguments, for usage errors.
fn expectation(key: &str) -> String {
    match key {
        "len" => "`[min, max]` or `[min]` as whole numbers, e.g. `len: [2, 10]`".into(),
        "min" | "max" => format!("one number, e.g. `{key}: 0`"),
        "isIn" | "notIn" => format!("the values wrapped in an array, e.g. `{key}: [['a', 'b']]`"),
        "is" | "not" => format!("a regex, e.g. `{key}: /^[a-z]+$/i` or `{key}: ['^[a-z]+$', 'i']`"),
        "contains" | "notContains" | "equals" => format!("a string, e.g. `{key}: 'abc'`"),
        "isAfter" | "isBefore" => {
            format!("a date as YYYY-MM-DD[THH:MM:SS], e.g. `{key}: '2020-01-01'`")
        }
        "isUUID" => "a UUID version 1-8 or 'all', e.g. `isUUID: 4`".into(),
        "isIP" => "`true`, `[4]` or `[6]` (or `isIPv4: true`)".into(),
        "isAlpha" | "isAlphanumeric" => "`true` or 'en-US' (the only locale supported)".into(),
        _ => format!("no options (write `{key}: true`)"),
    }
}

/// A number as JavaScript's comparison would coerce it (`5` or `'5'`).
fn js_number(j: &Json) -> Option<f64> {
    match j {
        Json::Number(n) => n.as_f64(),
        Json::String(s) => crate::number::parse(s.trim()).filter(|n| n.is_finite()),
        _ => None,
    }
}

/// A whole, non-negative number (a `len` bound).
fn count(j: &Json) -> Option<usize> {
    let n = js_number(j)?;
    (n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX)).then_some(n as usize)
}

/// The source and flags of a regex given as `'src'`, `['src', 'flags']` or `{ source, flags }`.
fn regex_parts<'a>(positional: &[&'a Json]) -> Option<(&'a str, &'a str)> {
    let text = |j: Option<&'a Json>| j.and_then(Json::as_str);
    match *positional {
        [Json::String(s)] => Some((s, "")),
        [Json::String(s), Json::String(f)] => Some((s, f)),
        [re @ Json::Object(_)] | [re @ Json::Object(_), _] => {
            Some((text(re.get("source"))?, text(re.get("flags")).unwrap_or("")))
        }
        _ => None,
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
                let extra = obj.keys().find(|k| *k != "args" && *k != "msg");
                match (obj.get("args"), extra) {
                    (Some(_), Some(extra)) => {
                        let got = Json::String(format!("unknown option `{extra}`"));
                        return Err(bad(key, "{ args, msg }", &got));
                    }
                    (Some(args), None) => (Some(args), msg),
                    (None, None) => (None, msg),
                    (None, Some(_)) => (Some(arg), msg), // options: `len: { min: 2, max: 10 }`
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
    let fail = || bad(key, &expectation(key), got);
    let one = match positional[..] {
        [one] => Some(one),
        _ => None,
    };
    let text = || one.and_then(Json::as_str).map(str::to_owned).ok_or_else(fail);
    let list = || match one {
        Some(Json::Array(values)) => Ok(crate::collect::map_vec(values.iter(), json_to_value)),
        _ => Err(fail()),
    };
    let pattern = || {
        let (source, flags) = regex_parts(&positional).ok_or_else(fail)?;
        Pattern::new(source, flags).map_err(|e| Error::usage(format!("validator `{key}`: /{source}/{flags}: {e}")))
    };
    let date = || text().and_then(|d| crate::datetime::parse(&d).map(|_| d).ok_or_else(fail));
    let no_args = positional.is_empty() || matches!(args, Some(Json::Bool(_)));
    let check = match key {
        "notNull" => Check::NotNull,
        "notEmpty" => Check::NotEmpty,
        "isEmail" => Check::IsEmail,
        "isUrl" | "isURL" => Check::IsUrl,
        "isInt" => Check::IsInt,
        "isFloat" => Check::IsFloat,
        "isDecimal" => Check::IsDecimal,
        "isNumeric" => Check::IsNumeric,
        "isLowercase" => Check::IsLowercase,
        "isUppercase" => Check::IsUppercase,
        "isDate" => Check::IsDate,
        "isIPv4" => Check::IsIp(Some(4)),
        "isIPv6" => Check::IsIp(Some(6)),
        "isAlpha" | "isAlphanumeric" => {
            if !no_args && one.and_then(Json::as_str) != Some("en-US") {
                return Err(fail());
            }
            return Ok(if key == "isAlpha" { Check::IsAlpha } else { Check::IsAlphanumeric });
        }
        "len" => {
            let known =
                |o: &serde_json::Map<String, Json>| o.keys().all(|k| ["min", "max", "msg"].contains(&k.as_str()));
            let (min, max) = match positional[..] {
                [Json::Object(o)] if known(o) => (o.get("min"), o.get("max")),
                [Json::Object(_)] => return Err(fail()),
                [min] => (Some(min), None),
                [min, max] => (Some(min), Some(max)),
                _ => return Err(fail()),
            };
            let min = min.filter(|m| !m.is_null()).map_or(Some(0), count).ok_or_else(fail)?;
            let max = max.map(|m| count(m).ok_or_else(fail)).transpose()?;
            return Ok(Check::Len { min, max });
        }
        "min" => return Ok(Check::Min(one.and_then(js_number).ok_or_else(fail)?)),
        "max" => return Ok(Check::Max(one.and_then(js_number).ok_or_else(fail)?)),
        "isIn" => return Ok(Check::IsIn(list()?)),
        "notIn" => return Ok(Check::NotIn(list()?)),
        "is" => return Ok(Check::Is(pattern()?)),
        "not" => return Ok(Check::Not(pattern()?)),
        "contains" => return Ok(Check::Contains(text()?)),
        "notContains" => return Ok(Check::NotContains(text()?)),
        "equals" => return Ok(Check::Equals(text()?)),
        "isAfter" => return Ok(Check::IsAfter(date()?)),
        "isBefore" => return Ok(Check::IsBefore(date()?)),
        "isUUID" => {
            if one.and_then(Json::as_str) == Some("all") {
                return Ok(Check::IsUuid(None));
            }
            let version = one.and_then(js_number).filter(|n| (1.0..=8.0).contains(n) && n.fract() == 0.0);
            return Ok(Check::IsUuid(Some(version.ok_or_else(fail)? as u8)));
        }
        // Sequelize passes a version to isIP only in an array (`isIP: [4]`); `isIP: 4` means any.
        "isIP" => {
            return match (args.is_some_and(Json::is_array), one.and_then(js_number)) {
                (false, _) => Ok(Check::IsIp(None)),
                (true, Some(4.0)) => Ok(Check::IsIp(Some(4))),
                (true, Some(6.0)) => Ok(Check::IsIp(Some(6))),
                (true, _) if positional.is_empty() => Ok(Check::IsIp(None)),
                _ => Err(fail()),
            };
        }
        _ => {
            let msg = format!("unknown validator `{key}`; the built-in validators are {KNOWN_KEYS}");
            return Err(Error::usage(msg + " (a custom validator is a function)"));
        }
    };
    if no_args {
        Ok(check)
    } else {
        Err(fail())
    }
}

/// Parses a whole `validate: { … }` object, in declaration order.
pub fn validators_from_json(validate: &Json) -> Result<Vec<Validator>, Error> {
    match validate {
        Json::Object(obj) => crate::collect::try_map(obj, |(key, arg)| Validator::from_json(key, arg)),
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

/// The failure Sequelize reports for an object, array or `Date` given to a `STRING` or `TEXT`
/// attribute (which would otherwise be stored as its JSON text): message `"{attribute} cannot be
/// an array or an object"`, type `string violation`, validator key `not_a_string`.
pub fn string_violation(attribute: &str, value: &Value) -> ValidationErrorItem {
    ValidationErrorItem {
        message: format!("{attribute} cannot be an array or an object"),
        kind: "string violation",
        path: attribute.to_owned(),
        value: value.clone(),
        validator_key: "not_a_string".to_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use serde_json::json;

    /// What Sequelize 6.37.8 (validator.js 13.15.35) reported for `User.name = value`: the keys
    /// of the failing validators, each with the default message `Validation {key} on name failed`.
    /// Observed with `User.build({ name }).validate()` printing `e.errors.map(x => [x.message,
    /// x.type, x.path, x.validatorKey])`. JSON with `'` for `"`.
    #[rustfmt::skip]
    const OBSERVED: &[(&str, &str, &[&str])] = &[
        ("{'notEmpty': true}", "''", &["notEmpty"]), ("{'notEmpty': true}", "'  '", &["notEmpty"]),
        ("{'notEmpty': true}", "'\\t\\n'", &["notEmpty"]), ("{'notEmpty': true}", "'a'", &[]),
        ("{'notEmpty': true}", "'\u{a0}'", &["notEmpty"]), ("{'len': [2, 10]}", "'a'", &["len"]),
        ("{'len': [2, 10]}", "'ab'", &[]), ("{'len': [2, 10]}", "'abcdefghijk'", &["len"]),
        ("{'len': [2, 10]}", "''", &["len"]), ("{'len': [2, 10]}", "'😀'", &["len"]),
        ("{'len': [2, 10]}", "'😀😀'", &[]), ("{'len': [2, 10]}", "'❤\u{fe0f}❤\u{fe0f}'", &[]),
        ("{'len': [2]}", "'abcdefgh'", &[]), ("{'len': 5}", "'abcd'", &["len"]),
        ("{'len': 5}", "'abcdef'", &[]), ("{'len': ['2', '3']}", "'abcd'", &["len"]),
        ("{'len': ['2', '3']}", "'ab'", &[]), ("{'len': [1, 3]}", "0.1", &[]),
        ("{'len': [1, 3]}", "1234", &["len"]),
        ("{'isEmail': true}", "'not-an-email'", &["isEmail"]),
        ("{'isEmail': true}", "'a@b.co'", &[]), ("{'isEmail': false}", "'x'", &["isEmail"]),
        ("{'len': [5, 10], 'isEmail': true, 'isIn': [['a', 'b']]}", "'x'", &["len", "isEmail", "isIn"]),
        ("{'isIn': [['a', 'b', 1, null, true]]}", "'a'", &[]),
        ("{'isIn': [['a', 'b', 1, null, true]]}", "'c'", &["isIn"]),
        ("{'isIn': [['a', 'b', 1, null, true]]}", "'1'", &[]),
        ("{'isIn': [['a', 'b', 1, null, true]]}", "'true'", &[]),
        ("{'isIn': [['a', 'b', 1, null, true]]}", "''", &[]),
        ("{'isIn': [['a', 'b', 1, null, true]]}", "'null'", &["isIn"]),
        ("{'isIn': [[1, 2]]}", "1", &[]), ("{'isIn': [[1, 2]]}", "3", &["isIn"]),
        ("{'isIn': [[1, 2]]}", "'2'", &[]), ("{'notIn': [['a', 'b']]}", "'a'", &["notIn"]),
        ("{'notIn': [['a', 'b']]}", "'c'", &[]), ("{'min': 5}", "4", &["min"]),
        ("{'min': 5}", "5", &[]), ("{'min': 5}", "4.99", &["min"]), ("{'min': 5}", "'4'", &["min"]),
        ("{'min': 5}", "'abc'", &[]), ("{'min': 5}", "'3abc'", &["min"]),
        ("{'min': 5}", "' 3'", &["min"]), ("{'min': 5}", "''", &[]), ("{'min': 5}", "true", &[]),
        ("{'min': 5}", "'Infinity'", &[]), ("{'min': 5}", "'-Infinity'", &["min"]),
        ("{'min': 5}", "'NaN'", &[]), ("{'min': 5}", "'1e0'", &["min"]),
        ("{'min': 5}", "'0x10'", &["min"]), ("{'min': [5], 'max': [10]}", "4", &["min"]),
        ("{'min': [5], 'max': [10]}", "11", &["max"]), ("{'min': [5], 'max': [10]}", "7", &[]),
        ("{'min': '5'}", "4", &["min"]), ("{'min': '5'}", "6", &[]),
        ("{'isInt': true}", "'+1'", &[]), ("{'isInt': true}", "'01'", &[]),
        ("{'isInt': true}", "12", &[]), ("{'isInt': true}", "'1.0'", &["isInt"]),
        ("{'isInt': true}", "' 1'", &["isInt"]), ("{'isInt': true}", "''", &["isInt"]),
        ("{'isInt': true}", "'1e3'", &["isInt"]),
        ("{'len': [2, 3], 'isInt': true, 'contains': '1'}", "5", &["len", "contains"]),
        ("{'len': [2, 3], 'isInt': true, 'contains': '1'}", "123", &[]),
        ("{'len': [2, 3], 'isInt': true, 'contains': '1'}", "1.5", &["isInt"]),
        ("{'len': [2, 3], 'isInt': true, 'contains': '1'}", "true", &["len", "isInt", "contains"]),
        ("{'isFloat': true}", "'-.5'", &[]), ("{'isFloat': true}", "'e5'", &[]),
        ("{'isFloat': true}", "'1,5'", &["isFloat"]),
        ("{'isFloat': true}", "'Infinity'", &["isFloat"]),
        ("{'isDecimal': true}", "'-.5'", &["isDecimal"]), ("{'isDecimal': true}", "'.'", &[]),
        ("{'isDecimal': true}", "'-1.5e-3'", &[]), ("{'isDecimal': true}", "'+1'", &["isDecimal"]),
        ("{'isNumeric': true}", "'+1'", &[]), ("{'isNumeric': true}", "'.5'", &[]),
        ("{'isNumeric': true}", "'1.'", &["isNumeric"]),
        ("{'isNumeric': true}", "'1e5'", &["isNumeric"]), ("{'isAlpha': true}", "'ABC'", &[]),
        ("{'isAlpha': true}", "'é'", &["isAlpha"]), ("{'isAlpha': true}", "''", &["isAlpha"]),
        ("{'isAlpha': true}", "'a b'", &["isAlpha"]), ("{'isAlphanumeric': true}", "'abc1'", &[]),
        ("{'isAlphanumeric': true}", "'ab_1'", &["isAlphanumeric"]),
        ("{'isLowercase': true}", "'aBc'", &["isLowercase"]), ("{'isLowercase': true}", "'é'", &[]),
        ("{'isLowercase': true}", "'123'", &[]), ("{'isLowercase': true}", "''", &[]),
        ("{'isUppercase': true}", "'ß'", &["isUppercase"]), ("{'isUppercase': true}", "'É'", &[]),
        ("{'is': {'source': '^[a-z]+$', 'flags': 'i'}}", "'ABC'", &[]),
        ("{'is': {'source': '^[a-z]+$', 'flags': 'i'}}", "'ab1'", &["is"]),
        ("{'is': ['^[a-z]+$', 'i']}", "'ABC'", &[]),
        ("{'is': ['^[a-z]+$', 'i']}", "'ab1'", &["is"]), ("{'is': '^[a-z]+$'}", "'ABC'", &["is"]),
        ("{'is': '^[a-z]+$'}", "'abc'", &[]),
        ("{'not': {'source': '^[a-z]+$', 'flags': 'i'}}", "'abc'", &["not"]),
        ("{'not': {'source': '^[a-z]+$', 'flags': 'i'}}", "'ab1'", &[]),
        ("{'not': ['[0-9]']}", "'abc'", &[]), ("{'not': ['[0-9]']}", "'ab1'", &["not"]),
        ("{'contains': 'foo'}", "'afoob'", &[]), ("{'contains': 'foo'}", "'bar'", &["contains"]),
        ("{'contains': ''}", "'afoob'", &["contains"]), ("{'notContains': ''}", "'x'", &[]),
        ("{'notContains': 'foo'}", "'afoob'", &["notContains"]),
        ("{'notContains': 'foo'}", "'bar'", &[]), ("{'equals': 'abc'}", "'abc'", &[]),
        ("{'equals': 'abc'}", "'abd'", &["equals"]),
        ("{'isUUID': 4}", "'3b241101-e2bb-4255-8caf-4136c566a962'", &[]),
        ("{'isUUID': 4}", "'3B241101-E2BB-4255-8CAF-4136C566A962'", &[]),
        ("{'isUUID': 4}", "'a8098c1a-f86e-11da-bd1a-00112444be1e'", &["isUUID"]),
        ("{'isUUID': 'all'}", "'a8098c1a-f86e-11da-bd1a-00112444be1e'", &[]),
        ("{'isUUID': 'all'}", "'00000000-0000-0000-0000-000000000000'", &[]),
        ("{'isUUID': 'all'}", "'3b241101-e2bb-9255-8caf-4136c566a962'", &["isUUID"]),
        ("{'isIP': true}", "'1.2.3.4'", &[]), ("{'isIP': true}", "'::1'", &[]),
        ("{'isIP': true}", "'256.1.1.1'", &["isIP"]), ("{'isIP': true}", "'01.2.3.4'", &["isIP"]),
        ("{'isIP': true}", "'fe80::1%eth0'", &[]), ("{'isIP': true}", "'::ffff:1.2.3.4'", &[]),
        ("{'isIP': 4}", "'::1'", &[]), ("{'isIPv4': true}", "'::1'", &["isIPv4"]),
        ("{'isIPv6': true}", "'1.2.3.4'", &["isIPv6"]), ("{'isIPv6': true}", "'2001:db8::1'", &[]),
        ("{'isUrl': true}", "'http://example.com'", &[]), ("{'isUrl': true}", "'example.com'", &[]),
        ("{'isUrl': true}", "'http://localhost:3000'", &["isUrl"]),
        ("{'isUrl': true}", "'x'", &["isUrl"]), ("{'isUrl': true}", "'mailto:a@b.com'", &["isUrl"]),
        ("{'isUrl': true}", "'http://[::1]:80'", &[]), ("{'isDate': true}", "'2020-01-01'", &[]),
        ("{'isDate': true}", "'2020-01-01T10:00:00Z'", &[]),
        ("{'isDate': true}", "'2020-01-01 10:00:00'", &[]),
        ("{'isDate': true}", "'2020-13-01'", &["isDate"]), ("{'isDate': true}", "'x'", &["isDate"]),
        ("{'isDate': true}", "''", &["isDate"]), ("{'isAfter': '2020-01-01'}", "'2020-01-02'", &[]),
        ("{'isAfter': '2020-01-01'}", "'2020-01-01'", &["isAfter"]),
        ("{'isAfter': '2020-01-01'}", "'2019-12-31'", &["isAfter"]),
        ("{'isAfter': '2020-01-01'}", "'x'", &["isAfter"]),
        ("{'isBefore': '2020-01-01'}", "'2019-12-31'", &[]),
    ];

    /// The items `validate` reports for `User.name = value`.
    fn items(validate: &Json, value: impl Into<Value>) -> Vec<ValidationErrorItem> {
        let validators = validators_from_json(validate).unwrap();
        check_attribute("User", "name", &value.into(), &validators)
    }

    /// The messages `validate` reports for `User.name = value`.
    fn run(validate: Json, value: impl Into<Value>) -> Vec<String> {
        crate::collect::map_vec(items(&validate, value), |item| item.message)
    }

    /// The default message of `key` on `name`.
    fn default(key: &str) -> String {
        format!("Validation {key} on name failed")
    }

    #[test]
    fn matches_observed_sequelize_behaviour() {
        let parse = |s: &str| serde_json::from_str::<Json>(&s.replace('\'', "\"")).unwrap();
        for (validate, value, failing) in OBSERVED {
            let found = items(&parse(validate), json_to_value(&parse(value)));
            let keys: Vec<_> = crate::collect::map_vec(found.iter(), |item| item.validator_key.as_str());
            assert_eq!(keys, *failing, "{validate} on {value}");
            for item in found {
                assert_eq!(item.message, default(&item.validator_key));
                assert_eq!((item.kind, item.path.as_str()), ("Validation error", "name"));
            }
        }
    }

    #[test]
    fn failure_items_are_shaped_like_sequelize() {
        let expected = ValidationErrorItem {
            message: "Validation len on name failed".into(),
            kind: "Validation error",
            path: "name".into(),
            value: Value::from("a"),
            validator_key: "len".into(),
        };
        assert_eq!(items(&json!({ "len": [2, 10] }), "a"), vec![expected]);
        // null (and undefined) skip every validator.
        assert!(items(&json!({ "notEmpty": true, "len": [2, 3] }), Value::Null).is_empty());
        let found = items(&json!({ "len": [5, 10], "isEmail": true }), 7);
        assert_eq!(found[0].value, Value::Int(7));
        let expected = "Validation error: Validation len on name failed,\n\
            Validation error: Validation isEmail on name failed";
        assert_eq!(Error::validation(found).message, expected);
    }

    #[test]
    fn not_null_violation_matches_sequelize() {
        let item = not_null_violation("User", "name", None);
        assert_eq!(item.message, "User.name cannot be null");
        assert_eq!((item.kind, item.path.as_str()), ("notNull Violation", "name"));
        assert_eq!((item.validator_key.as_str(), &item.value), ("is_null", &Value::Null));
        let e = Error::validation(vec![item]);
        assert_eq!(e.message, "notNull Violation: User.name cannot be null");
        let custom = json!({ "notNull": { "msg": "Please give a name" }, "len": [2, 5] });
        let custom = validators_from_json(&custom).unwrap();
        let msg = not_null_msg(&custom);
        assert_eq!(not_null_violation("User", "name", msg).message, "Please give a name");
        assert!(check_attribute("User", "name", &"abc".into(), &custom).is_empty());
        let plain = validators_from_json(&json!({ "notNull": true })).unwrap();
        assert_eq!(not_null_msg(&plain), None);
    }

    #[test]
    fn custom_messages_replace_the_default() {
        let both = json!({
            "isEmail": { "msg": "Bad email" },
            "len": { "args": [3, 4], "msg": "Bad len" },
        });
        assert_eq!(run(both, "x"), ["Bad email", "Bad len"]);
        let range = json!({ "min": [5], "max": { "args": [10], "msg": "too big" } });
        assert_eq!(run(range, 11), ["too big"]);
        assert_eq!(run(json!({ "notEmpty": { "msg": "Name required" } }), ""), ["Name required"]);
        let len = json!({ "len": { "min": 2, "max": 3, "msg": "2 or 3" } });
        assert_eq!(run(len, "abcd"), ["2 or 3"]);
        let regex = json!({ "is": { "args": { "source": "^a" }, "msg": "must start with a" } });
        assert_eq!(run(regex, "b"), ["must start with a"]);
        let uuid = json!({ "isUUID": { "args": 1, "msg": "bad" } });
        assert_eq!(run(uuid, "3b241101-e2bb-4255-8caf-4136c566a962"), ["bad"]);
        // An empty msg is falsy in JavaScript: the default is used.
        assert_eq!(run(json!({ "notEmpty": { "msg": "" } }), ""), [default("notEmpty")]);
    }

    #[test]
    fn documented_differences_from_sequelize() {
        // Sequelize fails every value here (it reads the falsy `args: 0` as absent); 0 is meant.
        let zero = json!({ "min": { "args": 0, "msg": "negative" } });
        assert_eq!((run(zero.clone(), -1), run(zero, 0)), (vec!["negative".into()], vec![]));
        // Sequelize reports these under the keys `isURL` and `isIP`.
        assert_eq!(run(json!({ "isURL": true }), "x"), [default("isUrl")]);
        assert_eq!(run(json!({ "isIP": [4] }), "::1"), [default("isIPv4")]);
        // Dates are compared as instants; `String(date)` would not parse as a number.
        let before = json!({ "isBefore": ["2020-01-01"], "isDate": true, "min": 5 });
        assert!(run(before.clone(), Value::Date(0)).is_empty());
        assert_eq!(run(before, Value::Date(1_609_459_200_000)), [default("isBefore")]);
        let p = Pattern::new("^a", "i").unwrap();
        assert_eq!((format!("{p:?}"), p.source(), p.flags()), ("/^a/i".to_owned(), "^a", "i"));
        assert!(run(json!({ "is": "^\\/api\\/\\s" }), "/api/\u{a0}").is_empty());
    }

    #[test]
    fn bad_declarations_are_usage_errors() {
        let usage = |key: &str, arg: Json| {
            let err = Validator::from_json(key, &arg).unwrap_err();
            assert_eq!(err.kind, ErrorKind::Usage);
            err.into_data().message
        };
        let expects = |key: &str, arg: Json, what: &str| {
            let expected = format!("validator `{key}` expects {what}; got {arg}");
            assert_eq!(usage(key, arg), expected);
        };
        let len = "`[min, max]` or `[min]` as whole numbers, e.g. `len: [2, 10]`";
        expects("len", json!("abc"), len);
        expects("len", json!([-1, 2]), len);
        expects("len", json!({ "mn": 2 }), len);
        expects("len", json!(true), len);
        let wrapped = "the values wrapped in an array, e.g. `isIn: [['a', 'b']]`";
        expects("isIn", json!(["a", "b"]), wrapped);
        expects("isUUID", json!(true), "a UUID version 1-8 or 'all', e.g. `isUUID: 4`");
        expects("equals", json!(5), "a string, e.g. `equals: 'abc'`");
        let date = "a date as YYYY-MM-DD[THH:MM:SS], e.g. `isAfter: '2020-01-01'`";
        expects("isAfter", json!("yesterday"), date);
        expects("isAfter", json!(true), date);
        expects("min", json!("abc"), "one number, e.g. `min: 0`");
        expects("max", json!([1, 2]), "one number, e.g. `max: 0`");
        expects("isInt", json!([1]), "no options (write `isInt: true`)");
        expects("isAlpha", json!("de-DE"), "`true` or 'en-US' (the only locale supported)");
        expects("isIP", json!([5]), "`true`, `[4]` or `[6]` (or `isIPv4: true`)");
        let unknown = usage("isFoo", json!(true));
        assert!(unknown.starts_with("unknown validator `isFoo`; the built-in validators are notEmpty"));
        assert!(usage("is", json!("a(?=b)")).starts_with("validator `is`: /a(?=b)/: lookahead"));
        assert!(usage("is", json!(true)).starts_with("validator `is` expects a regex"));
        assert!(usage("len", json!({ "args": [2], "mgs": "x" })).contains("unknown option `mgs`"));
        assert!(usage("notEmpty", json!({ "msg": 5 })).contains("a string `msg`"));
        assert!(usage("isInt", json!({ "args": { "min": 1 } })).contains("no options"));
        assert!(validators_from_json(&json!([])).is_err());
    }

    #[test]
    fn keys_and_arguments() {
        let validate = json!({
            "notNull": true, "notEmpty": true, "len": [1], "min": 0, "max": 1, "isEmail": true,
            "isUrl": true, "isInt": true, "isFloat": true, "isDecimal": true, "isNumeric": true,
            "isAlpha": true, "isAlphanumeric": true, "isLowercase": true, "isUppercase": true,
            "isIn": [[1]], "notIn": [[1]], "is": "a", "not": "a", "contains": "a",
            "notContains": "a", "equals": "a", "isDate": true, "isAfter": "2020-01-01",
            "isBefore": "2020-01-01", "isUUID": 4, "isIP": true, "isIPv4": true, "isIPv6": true
        });
        let validators = validators_from_json(&validate).unwrap();
        let keys: Vec<_> = crate::collect::map_vec(validators.iter(), Validator::key);
        let declared: Vec<_> = crate::collect::map_vec(validate.as_object().unwrap().keys(), String::as_str);
        assert_eq!(keys, declared);
        let check = |key: &str, arg: Json| Validator::from_json(key, &arg).unwrap().check;
        assert_eq!(check("len", json!([2, 10])), Check::Len { min: 2, max: Some(10) });
        assert_eq!(check("len", json!({ "args": [3] })), Check::Len { min: 3, max: None });
        assert_eq!(check("isIP", json!([6])), Check::IsIp(Some(6)));
        let values = vec![Value::from("a"), Value::Int(1)];
        assert_eq!(check("isIn", json!([["a", 1]])), Check::IsIn(values));
        assert_eq!(check("min", json!({ "args": [-2.5] })), Check::Min(-2.5));
        assert_eq!(check("isUUID", json!("all")), Check::IsUuid(None));
    }
}
