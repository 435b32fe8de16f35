//! Writing fixes as JavaScript a learner can paste into the playground: model references, finder
//! calls, include entries and literals, each escaped so that any name gives valid code.

use crate::number::format_js_number;
use crate::value::Value;

/// The finder a fix calls: the original one when it can be repeated without its arguments
/// (`findOne`, `findAndCountAll`), `findAll` otherwise (`findByPk` needs its key, a getter is not
/// a model method).
pub(crate) fn finder(operation: Option<&str>) -> &'static str {
    match operation {
        Some("findOne") => "findOne",
        Some("findAndCountAll") => "findAndCountAll",
        _ => "findAll",
    }
}

/// Whether `name` can be written bare in JavaScript (as a variable or an object key).
pub(crate) fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let start_ok = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$');
    start_ok && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// A single-quoted JavaScript string.
pub(crate) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// An object key: bare when it is an identifier, quoted otherwise.
pub(crate) fn key(name: &str) -> String {
    if is_identifier(name) {
        name.to_owned()
    } else {
        string(name)
    }
}

/// A reference to a model: its name when that is an identifier (the learner's variable, by
/// convention), `sequelize.model('…')` otherwise.
pub(crate) fn model(name: &str) -> String {
    if is_identifier(name) {
        name.to_owned()
    } else {
        format!("sequelize.model({})", string(name))
    }
}

/// A value as a JavaScript literal, for the kinds a `where` can hold as written; `None` for the
/// others (bytes, dates, JSON), where a literal would not mean the same thing.
pub(crate) fn literal(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some("null".to_owned()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) if f.is_finite() => Some(format_js_number(*f)),
        Value::Text(s) => Some(string(s)),
        _ => None,
    }
}

/// `Model.finder({ a, b })`, or `Model.finder()` without options.
pub(crate) fn call(model_name: &str, finder: &str, options: &[String]) -> String {
    let receiver = model(model_name);
    if options.is_empty() {
        format!("{receiver}.{finder}()")
    } else {
        format!("{receiver}.{finder}({{ {} }})", options.join(", "))
    }
}

/// `[a, b]`.
pub(crate) fn array(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

/// One include entry: `{ model: Category, as: 'category', …extra }`, or
/// `{ association: 'category', …extra }` when the target model is not known.
pub(crate) fn include_entry(target: Option<&str>, association: &str, extra: &[String]) -> String {
    let mut parts = match target {
        Some(target) => vec![format!("model: {}", model(target)), format!("as: {}", string(association))],
        None => vec![format!("association: {}", string(association))],
    };
    parts.extend(extra.iter().cloned());
    format!("{{ {} }}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_calls_and_includes() {
        let include = include_entry(Some("Category"), "category", &[]);
        assert_eq!(include, "{ model: Category, as: 'category' }");
        assert_eq!(
            call("Product", "findAll", &[format!("include: {}", array(&[include]))]),
            "Product.findAll({ include: [{ model: Category, as: 'category' }] })"
        );
        assert_eq!(call("Product", "findAll", &[]), "Product.findAll()");
        assert_eq!(
            include_entry(None, "posts", &["separate: true".to_owned()]),
            "{ association: 'posts', separate: true }"
        );
        assert_eq!(model("$Odd_1"), "$Odd_1");
        assert_eq!(model("1st"), "sequelize.model('1st')");
    }

    #[test]
    fn escapes_strings_and_keys() {
        assert_eq!(string("O'Brien \\ \n"), "'O\\'Brien \\\\ \\n'");
        assert_eq!(key("categoryId"), "categoryId");
        assert_eq!(key("category id"), "'category id'");
    }

    #[test]
    fn writes_literals_it_can() {
        assert_eq!(literal(&Value::Int(3)).as_deref(), Some("3"));
        assert_eq!(literal(&Value::Float(2.0)).as_deref(), Some("2"));
        assert_eq!(literal(&Value::Float(f64::NAN)), None);
        assert_eq!(literal(&Value::Text("a'b".into())).as_deref(), Some("'a\\'b'"));
        assert_eq!(literal(&Value::Bool(true)).as_deref(), Some("true"));
        assert_eq!(literal(&Value::Null).as_deref(), Some("null"));
        assert_eq!(literal(&Value::Date(0)), None);
        assert_eq!(literal(&Value::Blob(vec![1])), None);
    }

    #[test]
    fn keeps_finders_that_repeat_without_arguments() {
        assert_eq!(finder(Some("findOne")), "findOne");
        assert_eq!(finder(Some("findAndCountAll")), "findAndCountAll");
        assert_eq!(finder(Some("findByPk")), "findAll");
        assert_eq!(finder(Some("getPosts")), "findAll");
        assert_eq!(finder(None), "findAll");
    }
}
