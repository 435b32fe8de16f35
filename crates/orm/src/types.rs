//! Data types (`DataTypes.STRING(200)`, `DECIMAL(10, 2)`, …): their SQL spelling on SQLite, and
//! how a [`Value`] is stored in a column of that type and read back from it.
//!
//! The storage follows Sequelize 6 on SQLite: booleans as 0/1, `DATE` as text
//! `YYYY-MM-DD HH:MM:SS.sss +00:00`, `DATEONLY` as `YYYY-MM-DD`, `JSON` as its text. Reading
//! turns those back into the JavaScript types Sequelize gives.

use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef};

use crate::datetime;
use crate::error::{Error, Result};
use crate::value::Value;

/// An attribute's data type.
#[derive(Debug, Clone, PartialEq)]
pub enum DataType {
    /// `STRING(n)`, `VARCHAR(n)`; `n` is 255 when not given.
    String(Option<u32>),
    /// `TEXT`.
    Text,
    /// `INTEGER`.
    Integer,
    /// `BIGINT`.
    BigInt,
    /// `FLOAT`.
    Float,
    /// `REAL`.
    Real,
    /// `DOUBLE`.
    Double,
    /// `DECIMAL(precision, scale)`.
    Decimal(Option<(u32, u32)>),
    /// `BOOLEAN`, stored as 0/1.
    Boolean,
    /// `DATE`: a date and time.
    Date,
    /// `DATEONLY`: a calendar date as `YYYY-MM-DD`.
    DateOnly,
    /// `UUID`, stored as text.
    Uuid,
    /// `ENUM('a', 'b')`: text limited to the listed values.
    Enum(Vec<String>),
    /// `JSON`, stored as text and read back parsed.
    Json,
    /// `BLOB`.
    Blob,
}

impl DataType {
    /// Parses a type as written in JavaScript, without `DataTypes.`: `STRING`, `STRING(200)`,
    /// `DECIMAL(10,2)`, `ENUM('a','b')`, case-insensitive.
    pub fn parse(spec: &str) -> Result<DataType> {
        let spec = spec.trim();
        let (name, args) = match spec.find('(') {
            Some(open) if spec.ends_with(')') => (&spec[..open], Some(&spec[open + 1..spec.len() - 1])),
            Some(_) => return Err(unknown_type(spec)),
            None => (spec, None),
        };
        let numbers = |args: &str| -> Result<Vec<u32>> {
            crate::collect::try_map(args.split(','), |n| n.trim().parse::<u32>().map_err(|_| unknown_type(spec)))
        };
        let ty = match (name.trim().to_ascii_uppercase().as_str(), args) {
            ("STRING" | "VARCHAR" | "CHAR", None) => DataType::String(None),
            ("STRING" | "VARCHAR" | "CHAR", Some(a)) => match numbers(a)?.as_slice() {
                [n] => DataType::String(Some(*n)),
                _ => return Err(unknown_type(spec)),
            },
            ("TEXT" | "CITEXT", None) => DataType::Text,
            ("INTEGER" | "INT" | "SMALLINT" | "TINYINT" | "MEDIUMINT", _) => DataType::Integer,
            ("BIGINT", _) => DataType::BigInt,
            ("FLOAT", _) => DataType::Float,
            ("REAL", _) => DataType::Real,
            ("DOUBLE" | "DOUBLE PRECISION", _) => DataType::Double,
            ("DECIMAL" | "NUMERIC", None) => DataType::Decimal(None),
            ("DECIMAL" | "NUMERIC", Some(a)) => match numbers(a)?.as_slice() {
                [p] => DataType::Decimal(Some((*p, 0))),
                [p, s] => DataType::Decimal(Some((*p, *s))),
                _ => return Err(unknown_type(spec)),
            },
            ("BOOLEAN", None) => DataType::Boolean,
            ("DATE", _) => DataType::Date,
            ("DATEONLY", None) => DataType::DateOnly,
            ("UUID" | "UUIDV4", None) => DataType::Uuid,
            ("ENUM", Some(a)) => DataType::Enum(parse_enum_values(a).ok_or_else(|| unknown_type(spec))?),
            ("JSON" | "JSONB", None) => DataType::Json,
            ("BLOB", _) => DataType::Blob,
            _ => return Err(unknown_type(spec)),
        };
        Ok(ty)
    }

    /// The column type Sequelize writes for this data type on SQLite.
    pub fn sql(&self) -> String {
        match self {
            DataType::String(n) => format!("VARCHAR({})", n.unwrap_or(255)),
            DataType::Text => "TEXT".into(),
            DataType::Integer => "INTEGER".into(),
            DataType::BigInt => "BIGINT".into(),
            DataType::Float => "FLOAT".into(),
            DataType::Real => "REAL".into(),
            DataType::Double => "DOUBLE PRECISION".into(),
            DataType::Decimal(None) => "DECIMAL".into(),
            DataType::Decimal(Some((p, s))) => format!("DECIMAL({p},{s})"),
            DataType::Boolean => "TINYINT(1)".into(),
            DataType::Date => "DATETIME".into(),
            DataType::DateOnly => "DATE".into(),
            DataType::Uuid => "UUID".into(),
            DataType::Enum(_) => "TEXT".into(),
            DataType::Json => "JSON".into(),
            DataType::Blob => "BLOB".into(),
        }
    }

    /// The name as a learner writes it (`STRING(200)`), for messages and generated code.
    pub fn js_name(&self) -> String {
        match self {
            DataType::String(None) => "STRING".into(),
            DataType::String(Some(n)) => format!("STRING({n})"),
            DataType::Text => "TEXT".into(),
            DataType::Integer => "INTEGER".into(),
            DataType::BigInt => "BIGINT".into(),
            DataType::Float => "FLOAT".into(),
            DataType::Real => "REAL".into(),
            DataType::Double => "DOUBLE".into(),
            DataType::Decimal(None) => "DECIMAL".into(),
            DataType::Decimal(Some((p, s))) => format!("DECIMAL({p}, {s})"),
            DataType::Boolean => "BOOLEAN".into(),
            DataType::Date => "DATE".into(),
            DataType::DateOnly => "DATEONLY".into(),
            DataType::Uuid => "UUID".into(),
            DataType::Enum(values) => {
                let list: Vec<String> =
                    crate::collect::map_vec(values.iter(), |v| format!("'{}'", v.replace('\'', "\\'")));
                format!("ENUM({})", list.join(", "))
            }
            DataType::Json => "JSON".into(),
            DataType::Blob => "BLOB".into(),
        }
    }

    /// True for the number types.
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            DataType::Integer
                | DataType::BigInt
                | DataType::Float
                | DataType::Real
                | DataType::Double
                | DataType::Decimal(_)
        )
    }

    /// Converts a value to what is stored in a column of this type. Values that cannot be stored
    /// in the type at all (a string in an `INTEGER` that is not a number) are an error naming the
    /// attribute, rather than something SQLite silently keeps.
    pub fn to_storage(&self, attribute: &str, value: &Value) -> Result<SqlValue> {
        let bad = || {
            Error::new(
                crate::error::ErrorKind::Validation,
                format!("{} is not a valid {} for attribute \"{attribute}\"", printable_value(value), self.js_name()),
            )
        };
        Ok(match (self, value) {
            (_, Value::Null) => SqlValue::Null,
            (DataType::Boolean, Value::Bool(b)) => SqlValue::Integer(i64::from(*b)),
            (DataType::Boolean, Value::Int(i)) if *i == 0 || *i == 1 => SqlValue::Integer(*i),
            (DataType::Boolean, Value::Text(s)) => match s.as_str() {
                "true" | "1" | "t" => SqlValue::Integer(1),
                "false" | "0" | "f" => SqlValue::Integer(0),
                _ => return Err(bad()),
            },
            (DataType::Integer | DataType::BigInt, Value::Int(i)) => SqlValue::Integer(*i),
            // Only what an i64 holds: `as` saturates, and 1e308 became 9223372036854775807. Beyond,
            // a REAL, as SQLite (and so Sequelize) keeps it.
            (DataType::Integer | DataType::BigInt, Value::Float(f))
                if f.fract() == 0.0 && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(f) =>
            {
                SqlValue::Integer(*f as i64)
            }
            (DataType::Integer | DataType::BigInt, Value::Float(f)) => SqlValue::Real(*f),
            (DataType::Integer | DataType::BigInt, Value::Text(s)) => match s.trim().parse::<i64>() {
                Ok(i) => SqlValue::Integer(i),
                Err(_) => return Err(bad()),
            },
            (DataType::Float | DataType::Real | DataType::Double | DataType::Decimal(_), Value::Int(i)) => {
                SqlValue::Real(*i as f64)
            }
            // NaN and ±Infinity as text, as Sequelize stores them (SQLite would make NaN a NULL).
            (DataType::Float | DataType::Real | DataType::Double | DataType::Decimal(_), Value::Float(f))
                if !f.is_finite() =>
            {
                let text = if f.is_nan() {
                    "NaN"
                } else if *f > 0.0 {
                    "Infinity"
                } else {
                    "-Infinity"
                };
                SqlValue::Text(text.to_owned())
            }
            (DataType::Float | DataType::Real | DataType::Double | DataType::Decimal(_), Value::Float(f)) => {
                SqlValue::Real(*f)
            }
            // A Date as its milliseconds, as Sequelize stores it in a number column.
            (
                DataType::Float | DataType::Real | DataType::Double | DataType::Decimal(_) | DataType::Boolean,
                Value::Date(ms),
            ) => SqlValue::Real(*ms as f64),
            (DataType::Float | DataType::Real | DataType::Double | DataType::Decimal(_), Value::Text(s)) => {
                match crate::number::parse(s.trim()) {
                    Some(f) => SqlValue::Real(f),
                    None => return Err(bad()),
                }
            }
            (DataType::Date, Value::Date(ms)) => SqlValue::Text(datetime::format_sqlite(*ms)),
            // A number is milliseconds, within what a JavaScript Date holds (±8.64e15); NaN,
            // ±Infinity and 1e308 are no date (Sequelize makes them an Invalid Date), where they
            // were stored as numbers and read back as numbers.
            (DataType::Date, Value::Int(ms)) if ms.unsigned_abs() <= MAX_DATE_MS as u64 => {
                SqlValue::Text(datetime::format_sqlite(*ms))
            }
            (DataType::Date, Value::Float(ms)) if ms.is_finite() && ms.abs() <= MAX_DATE_MS as f64 => {
                SqlValue::Text(datetime::format_sqlite(ms.trunc() as i64))
            }
            (DataType::Date, Value::Int(_) | Value::Float(_)) => return Err(bad()),
            (DataType::Date, Value::Text(s)) => match datetime::parse(s) {
                Some(ms) => SqlValue::Text(datetime::format_sqlite(ms)),
                None => return Err(bad()),
            },
            (DataType::DateOnly, Value::Date(ms)) => SqlValue::Text(datetime::format_date_only(*ms)),
            (DataType::DateOnly, Value::Text(s)) => match datetime::parse(s) {
                Some(ms) => SqlValue::Text(datetime::format_date_only(ms)),
                None => return Err(bad()),
            },
            (DataType::Json, v) => SqlValue::Text(json_text(v)),
            (DataType::Enum(allowed), Value::Text(s)) => {
                if !allowed.iter().any(|a| a == s) {
                    return Err(Error::new(
                        crate::error::ErrorKind::Validation,
                        format!(
                            "{} is not a valid choice for attribute \"{attribute}\"; use one of {}",
                            printable_value(value),
                            crate::collect::map_vec(allowed.iter(), |a| format!("\"{a}\"")).join(", ")
                        ),
                    ));
                }
                SqlValue::Text(s.clone())
            }
            (DataType::Blob, Value::Blob(b)) => SqlValue::Blob(b.clone()),
            (DataType::Blob, Value::Text(s)) => SqlValue::Blob(s.as_bytes().to_vec()),
            // An object or array is only a JSON attribute's value: SQLite would keep its text in
            // any column but an INTEGER PRIMARY KEY ("datatype mismatch").
            (DataType::String(_) | DataType::Text, Value::Json(_)) => {
                return Err(Error::new(
                    crate::error::ErrorKind::Validation,
                    format!("string violation: {attribute} cannot be an array or an object"),
                ))
            }
            (_, Value::Json(_)) => return Err(bad()),
            (_, other) => plain_storage(other),
        })
    }

    /// Converts what SQLite returned for a column of this type back to the value Sequelize would
    /// give (a boolean for `BOOLEAN`, a date for `DATE`, parsed JSON for `JSON`).
    pub fn from_storage(&self, raw: ValueRef<'_>) -> Value {
        match (self, raw) {
            (_, ValueRef::Null) => Value::Null,
            (DataType::Boolean, ValueRef::Integer(i)) => Value::Bool(i != 0),
            (DataType::Date, ValueRef::Text(t)) => {
                let text = utf8(t);
                datetime::parse(&text).map_or_else(|| Value::Text(text.into_owned()), Value::Date)
            }
            (DataType::Date, ValueRef::Integer(ms)) => Value::Date(ms),
            (DataType::Json, ValueRef::Text(t)) => serde_json::from_slice::<serde_json::Value>(t)
                .map_or_else(|_| Value::Text(String::from_utf8_lossy(t).into_owned()), Value::from),
            (DataType::Float | DataType::Real | DataType::Double | DataType::Decimal(_), ValueRef::Integer(i)) => {
                Value::Float(i as f64)
            }
            (DataType::Float | DataType::Real | DataType::Double | DataType::Decimal(_), ValueRef::Text(t)) => {
                match t {
                    b"NaN" => Value::Float(f64::NAN),
                    b"Infinity" => Value::Float(f64::INFINITY),
                    b"-Infinity" => Value::Float(f64::NEG_INFINITY),
                    _ => value_from_ref(raw),
                }
            }
            (_, raw) => value_from_ref(raw),
        }
    }
}

/// A value converted for a column of type `t`, as a statement's parameter: its storage form,
/// except that a BOOLEAN's 0/1 stays a boolean and a DATE given as a date stays a date. Each binds
/// exactly as its storage form (`ToSql for Value`) and SQLite's log writes them the same (`1`,
/// `'2026-01-01 00:00:00.000 +00:00'`); the dialect lens writes them as PostgreSQL and MySQL do
/// (`true`, MySQL's `'2026-01-01 00:00:00'`).
pub fn param_value(t: &DataType, attribute: &str, value: &Value) -> Result<Value> {
    // A date stays as it is: its text is written once, when it is bound (as `to_storage` would).
    if let (DataType::Date, Value::Date(ms)) = (t, value) {
        return Ok(Value::Date(*ms));
    }
    let stored = t.to_storage(attribute, value)?;
    Ok(match (t, stored, value) {
        (DataType::Boolean, SqlValue::Integer(i @ (0 | 1)), _) => Value::Bool(i == 1),
        (_, stored, _) => from_sql_value(stored),
    })
}

/// A parameter as SQLite binds it: [`param_value`]'s booleans and dates in their storage form.
pub fn bound(value: &Value) -> Value {
    match value {
        Value::Bool(_) | Value::Date(_) => from_sql_value(plain_storage(value)),
        other => other.clone(),
    }
}

/// A stored SQLite value as a [`Value`] (used for bound parameters, which the log shows).
pub fn from_sql_value(stored: SqlValue) -> Value {
    match stored {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::Int(i),
        SqlValue::Real(f) => Value::Float(f),
        SqlValue::Text(t) => Value::Text(t),
        SqlValue::Blob(b) => Value::Blob(b),
    }
}

impl DataType {
    /// Converts a value in storage form (as a raw query or a JOIN read it, untyped) to the value
    /// this type gives: the same as [`DataType::from_storage`] for an already-read value.
    pub fn from_stored(&self, raw: Value) -> Value {
        let stored = match &raw {
            Value::Null => SqlValue::Null,
            Value::Int(i) => SqlValue::Integer(*i),
            Value::Float(f) => SqlValue::Real(*f),
            Value::Text(t) => SqlValue::Text(t.clone()),
            Value::Blob(b) => SqlValue::Blob(b.clone()),
            _ => return raw,
        };
        self.from_storage(ValueRef::from(&stored))
    }
}

/// Text read from SQLite, with invalid UTF-8 replaced (checked first the quick way: almost all
/// text is valid).
fn utf8(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    std::str::from_utf8(bytes).map_or_else(|_| String::from_utf8_lossy(bytes), std::borrow::Cow::Borrowed)
}

/// The value of a column whose type the ORM does not know (raw queries, aggregates).
pub fn value_from_ref(raw: ValueRef<'_>) -> Value {
    match raw {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Float(f),
        ValueRef::Text(t) => Value::Text(utf8(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// How a value is bound when no data type says otherwise (raw queries, `where` on expressions).
pub fn plain_storage(value: &Value) -> SqlValue {
    match value {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Int(i) => SqlValue::Integer(*i),
        Value::Float(f) => SqlValue::Real(*f),
        Value::Text(s) => SqlValue::Text(s.clone()),
        Value::Blob(b) => SqlValue::Blob(b.clone()),
        Value::Date(ms) => SqlValue::Text(datetime::format_sqlite(*ms)),
        Value::Json(j) => SqlValue::Text(j.to_string()),
    }
}

/// Binds a stored value without copying text or bytes.
pub fn borrow_storage(value: &SqlValue) -> ToSqlOutput<'_> {
    ToSqlOutput::Borrowed(ValueRef::from(value))
}

fn json_text(value: &Value) -> String {
    match value {
        Value::Json(j) => j.to_string(),
        Value::Text(s) => serde_json::Value::String(s.clone()).to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or_else(|| "null".to_owned(), |n| n.to_string()),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        Value::Date(ms) => serde_json::Value::String(datetime::format_iso(*ms)).to_string(),
        Value::Blob(b) => serde_json::Value::String(String::from_utf8_lossy(b).into_owned()).to_string(),
    }
}

fn parse_enum_values(args: &str) -> Option<Vec<String>> {
    let values = crate::collect::try_map(args.split(','), |v| {
        let v = v.trim();
        let inner = v
            .strip_prefix('\'')
            .and_then(|v| v.strip_suffix('\''))
            .or_else(|| v.strip_prefix('"').and_then(|v| v.strip_suffix('"')))
            .ok_or(())?;
        Ok::<_, ()>(inner.to_owned())
    });
    values.ok().filter(|v| !v.is_empty())
}

fn unknown_type(spec: &str) -> Error {
    Error::usage(format!(
        "Unknown data type {}. Use one of STRING(n), TEXT, INTEGER, BIGINT, FLOAT, REAL, DOUBLE, DECIMAL(p, s), BOOLEAN, DATE, DATEONLY, UUID, ENUM('a', 'b'), JSON, BLOB.",
        crate::ident::printable(spec)
    ))
}

/// The largest time a JavaScript `Date` holds, in milliseconds either side of 1970.
const MAX_DATE_MS: i64 = 8_640_000_000_000_000;

/// A value as shown in a message, shortened when long.
pub fn printable_value(value: &Value) -> String {
    match value {
        Value::Text(s) => crate::ident::printable(s),
        other => {
            let text = other.to_js_string();
            if text.chars().count() > 40 {
                format!("{}…", text.chars().take(40).collect::<String>())
            } else {
                text
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_types_as_written_in_javascript() {
        assert_eq!(DataType::parse("STRING").unwrap(), DataType::String(None));
        assert_eq!(DataType::parse("string(200)").unwrap(), DataType::String(Some(200)));
        assert_eq!(DataType::parse("DECIMAL(10, 2)").unwrap(), DataType::Decimal(Some((10, 2))));
        assert_eq!(
            DataType::parse("ENUM('draft', 'published')").unwrap(),
            DataType::Enum(vec!["draft".into(), "published".into()])
        );
        let err = DataType::parse("STRINGY").unwrap_err();
        assert!(err.message.contains("Unknown data type \"STRINGY\""), "{}", err.message);
        assert!(DataType::parse("STRING(abc)").is_err());
        assert!(DataType::parse("ENUM()").is_err());
    }

    #[test]
    fn sql_spelling_matches_sequelize_on_sqlite() {
        assert_eq!(DataType::String(None).sql(), "VARCHAR(255)");
        assert_eq!(DataType::Boolean.sql(), "TINYINT(1)");
        assert_eq!(DataType::Date.sql(), "DATETIME");
        assert_eq!(DataType::Decimal(Some((10, 2))).sql(), "DECIMAL(10,2)");
    }

    #[test]
    fn storage_round_trips() {
        let b = DataType::Boolean.to_storage("a", &Value::Bool(true)).unwrap();
        assert_eq!(b, SqlValue::Integer(1));
        assert_eq!(DataType::Boolean.from_storage(ValueRef::Integer(1)), Value::Bool(true));
        let json = serde_json::json!({"a": [1, 2]});
        let stored = DataType::Json.to_storage("a", &Value::from(json.clone())).unwrap();
        assert_eq!(stored, SqlValue::Text("{\"a\":[1,2]}".into()));
        assert_eq!(DataType::Json.from_storage(ValueRef::Text(b"{\"a\":[1,2]}")), Value::from(json));
        assert_eq!(DataType::Decimal(None).from_storage(ValueRef::Integer(3)), Value::Float(3.0));
    }

    #[test]
    fn refuses_values_the_type_cannot_hold() {
        let err = DataType::Integer.to_storage("age", &Value::from("abc")).unwrap_err();
        assert_eq!(err.message, "\"abc\" is not a valid INTEGER for attribute \"age\"");
        let err = DataType::Enum(vec!["a".into()]).to_storage("s", &Value::from("b")).unwrap_err();
        assert!(err.message.contains("use one of \"a\""), "{}", err.message);
    }

    /// Hostile numbers (issue 20): an INTEGER keeps 1e308 as a REAL instead of saturating to
    /// i64::MAX; a DATE refuses numbers no Date holds instead of storing them as numbers; a
    /// number column keeps a Date as its milliseconds, as Sequelize does.
    #[test]
    fn hostile_numbers_are_kept_or_refused() {
        assert_eq!(DataType::Integer.to_storage("n", &Value::Float(1e308)).unwrap(), SqlValue::Real(1e308));
        assert_eq!(DataType::Integer.to_storage("n", &Value::Float(-1e19)).unwrap(), SqlValue::Real(-1e19));
        assert_eq!(DataType::Integer.to_storage("n", &Value::Float(4.0)).unwrap(), SqlValue::Integer(4));
        assert_eq!(
            DataType::Integer.to_storage("n", &Value::Float(-9_223_372_036_854_775_808.0)).unwrap(),
            SqlValue::Integer(i64::MIN)
        );
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e308, 8.64e15 + 1.0] {
            let err = DataType::Date.to_storage("at", &Value::Float(bad)).unwrap_err();
            assert_eq!(err.kind, crate::error::ErrorKind::Validation, "{bad}");
            assert!(err.message.ends_with("is not a valid DATE for attribute \"at\""), "{}", err.message);
        }
        assert!(DataType::Date.to_storage("at", &Value::Int(i64::MAX)).is_err());
        assert_eq!(
            DataType::Date.to_storage("at", &Value::Float(5.9)).unwrap(),
            SqlValue::Text("1970-01-01 00:00:00.005 +00:00".into())
        );
        assert_eq!(DataType::Float.to_storage("f", &Value::Date(86_400_000)).unwrap(), SqlValue::Real(86_400_000.0));
        assert_eq!(DataType::Boolean.to_storage("b", &Value::Date(-1)).unwrap(), SqlValue::Real(-1.0));
    }
}
