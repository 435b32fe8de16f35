//! The engine's methods, declared once: each name with its arguments and what a call may do.
//!
//! [`Engine::call`](crate::Engine::call) checks every call against this table before it
//! dispatches — an unknown name, a missing argument or one of the wrong kind is an `Error` that
//! names the method and the argument (a wrong type used to become `""` or `0` silently) — and
//! the shell derives from it (`engine.methods()`) which calls need it to drop its cached
//! attribute values and which need their query events drained. A native test checks that
//! `ENGINE.md` documents exactly these methods and that `call` dispatches each of them.

/// What one argument of an engine method must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    /// A string: a model name, an attribute, an alias, SQL.
    Text,
    /// An instance handle or a transaction or run id: a whole number ≥ 0.
    Id,
    /// Any JSON value the shell normalised (options, values, rows); `undefined` counts as null.
    Json,
    /// Anything: a flag read for its truthiness, or bytes.
    Any,
}

/// What a call of a method may do, for the shell's bookkeeping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Reads an instance or the engine's state: no statement, no value changes.
    Reads,
    /// Changes values in the engine but runs no statement (`set`, `build`, `define`).
    Changes,
    /// May run statements (their events are to be drained) and change values.
    Runs,
}

/// One method: its name, its arguments (name and kind) and its effect.
#[derive(Debug, Clone, Copy)]
pub struct Method {
    /// The name `call` takes.
    pub name: &'static str,
    /// The arguments, in order: `(name, kind)`.
    pub args: &'static [(&'static str, Arg)],
    /// What a call may do.
    pub effect: Effect,
}

const fn m(name: &'static str, args: &'static [(&'static str, Arg)], effect: Effect) -> Method {
    Method { name, args, effect }
}

use Arg::{Any, Id, Json, Text};
use Effect::{Changes, Reads, Runs};

/// Every method of the engine.
pub const METHODS: &[Method] = &[
    m("open", &[("storage", Text)], Runs),
    m("reset", &[], Runs),
    m("define", &[("model", Text), ("attributes", Json), ("options", Json)], Changes),
    m("modelInfo", &[("model", Text)], Reads),
    m("associate", &[("kind", Text), ("source", Text), ("target", Text), ("options", Json)], Changes),
    m("associations", &[("model", Text)], Reads),
    m("sync", &[("options", Json)], Runs),
    m("syncModel", &[("model", Text), ("options", Json)], Runs),
    m("drop", &[], Runs),
    m("dropModel", &[("model", Text), ("options", Json)], Runs),
    m("begin", &[], Runs),
    m("commit", &[("transaction", Id)], Runs),
    m("rollback", &[("transaction", Id)], Runs),
    m("beginRun", &[("plans", Any), ("dialects", Any), ("history", Any)], Reads),
    m("history", &[], Reads),
    m("exportDatabase", &[("midRun", Arg::Any)], Runs),
    m("importDatabase", &[("bytes", Any)], Runs),
    m("snapshot", &[("rowLimit", Id)], Reads),
    m("takeEvents", &[("full", Any)], Reads),
    m("findings", &[("run", Id)], Reads),
    m("methods", &[], Reads),
    m("findAll", &[("model", Text), ("options", Json)], Runs),
    m("findOne", &[("model", Text), ("options", Json)], Runs),
    m("findByPk", &[("model", Text), ("key", Json), ("options", Json)], Runs),
    m("findOrCreate", &[("model", Text), ("options", Json)], Runs),
    m("findAndCountAll", &[("model", Text), ("options", Json)], Runs),
    m("count", &[("model", Text), ("options", Json)], Runs),
    m("aggregate", &[("model", Text), ("fn", Text), ("attribute", Json), ("options", Json)], Runs),
    m("build", &[("model", Text), ("values", Json), ("defaults", Json)], Changes),
    m("create", &[("model", Text), ("values", Json), ("options", Json)], Runs),
    m("upsert", &[("model", Text), ("values", Json), ("options", Json)], Runs),
    m("bulkCreate", &[("model", Text), ("rows", Json), ("options", Json)], Runs),
    m("update", &[("model", Text), ("values", Json), ("options", Json)], Runs),
    m("destroy", &[("model", Text), ("options", Json)], Runs),
    m("restore", &[("model", Text), ("options", Json)], Runs),
    m("increment", &[("model", Text), ("fields", Json), ("options", Json)], Runs),
    m("query", &[("sql", Text), ("options", Json)], Runs),
    m("queryInterface", &[("method", Text), ("args", Json)], Runs),
    m("get", &[("handle", Id), ("key", Text)], Reads),
    m("set", &[("handle", Id), ("key", Text), ("value", Json)], Changes),
    m("keys", &[("handle", Id)], Reads),
    m("toJSON", &[("handle", Id)], Reads),
    m("changed", &[("handle", Id)], Reads),
    m("changedKey", &[("handle", Id), ("key", Text)], Reads),
    m("previous", &[("handle", Id), ("key", Text)], Reads),
    m("isNewRecord", &[("handle", Id)], Reads),
    m("modelOf", &[("handle", Id)], Reads),
    m("save", &[("handle", Id), ("options", Json)], Runs),
    m("reload", &[("handle", Id)], Runs),
    m("updateInstance", &[("handle", Id), ("values", Json), ("options", Json)], Runs),
    m("destroyInstance", &[("handle", Id), ("options", Json)], Runs),
    m("restoreInstance", &[("handle", Id)], Runs),
    m("incrementInstance", &[("handle", Id), ("fields", Json), ("options", Json)], Runs),
    m("validate", &[("handle", Id)], Reads),
    m("markRead", &[("handle", Id), ("alias", Text)], Reads),
    m("callAccessor", &[("handle", Id), ("alias", Text), ("verb", Text), ("target", Json), ("options", Json)], Runs),
];

/// The method named `name`.
pub fn method(name: &str) -> Option<&'static Method> {
    METHODS.iter().find(|m| m.name == name)
}

/// What a JavaScript value is, for the checks and their messages (no wasm-bindgen needed).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Given {
    /// `undefined` (or an argument left out).
    Undefined,
    /// `null`.
    Null,
    /// A string.
    Text,
    /// A number.
    Number(f64),
    /// Anything else: a boolean, an object, an array, bytes.
    Other,
}

/// Checks `given` against the method's arguments: `Ok` or the message of the error to throw.
pub fn check(method: &Method, given: &[Given]) -> Result<(), String> {
    for (i, (name, kind)) in method.args.iter().enumerate() {
        let got = given.get(i).copied().unwrap_or(Given::Undefined);
        let ok = match kind {
            Arg::Text => got == Given::Text,
            Arg::Id => matches!(got, Given::Number(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX)),
            Arg::Json | Arg::Any => true,
        };
        if !ok {
            let want = match kind {
                Arg::Text => "a string",
                _ => "a whole number (a handle or an id)",
            };
            let got = match got {
                Given::Undefined => "undefined".to_owned(),
                Given::Null => "null".to_owned(),
                Given::Text => "a string".to_owned(),
                Given::Number(n) => format!("the number {}", orm::number::display(n)),
                Given::Other => "an object".to_owned(),
            };
            return Err(format!(
                "The ORM engine's {}: argument {} ({name}) must be {want}; got {got} (the shell and the engine disagree on ENGINE.md)",
                method.name,
                i + 1
            ));
        }
    }
    if given.len() > method.args.len() {
        return Err(format!(
            "The ORM engine's {} takes {} arguments; got {} (the shell and the engine disagree on ENGINE.md)",
            method.name,
            method.args.len(),
            given.len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        for (i, m) in METHODS.iter().enumerate() {
            assert!(METHODS[..i].iter().all(|other| other.name != m.name), "{} twice", m.name);
        }
    }

    #[test]
    fn wrong_arguments_are_named() {
        let find_all = method("findAll").unwrap();
        assert_eq!(check(find_all, &[Given::Text, Given::Null]), Ok(()));
        assert_eq!(check(find_all, &[Given::Text]), Ok(()), "a JSON argument left out is null");
        assert_eq!(
            check(find_all, &[Given::Number(3.0), Given::Null]).unwrap_err(),
            "The ORM engine's findAll: argument 1 (model) must be a string; got the number 3 (the shell and the engine disagree on ENGINE.md)"
        );
        let get = method("get").unwrap();
        assert!(check(get, &[Given::Number(1.5), Given::Text])
            .unwrap_err()
            .contains("(handle) must be a whole number"));
        assert!(check(get, &[Given::Number(-1.0), Given::Text]).is_err());
        assert!(check(get, &[Given::Number(1.0), Given::Undefined])
            .unwrap_err()
            .contains("(key) must be a string; got undefined"));
        assert!(check(method("reset").unwrap(), &[Given::Null]).unwrap_err().contains("takes 0 arguments; got 1"));
        assert!(method("nope").is_none());
    }

    /// ENGINE.md's table documents exactly the methods of [`METHODS`], and `Engine::call`
    /// dispatches each of them.
    #[test]
    fn engine_md_and_the_dispatcher_list_exactly_these_methods() {
        let doc = include_str!("../ENGINE.md");
        let table: String = doc
            .lines()
            .skip_while(|l| !l.starts_with("| method | returns |"))
            .take_while(|l| l.starts_with('|'))
            .map(|l| l.split('|').nth(1).unwrap_or(""))
            .collect::<Vec<_>>()
            .join(" ");
        let mut documented: Vec<&str> = table
            .split('`')
            .skip(1)
            .step_by(2)
            .filter_map(|code| code.find('(').map(|at| &code[..at]))
            .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()))
            .filter(|name| *name != "new" && *name != "Engine")
            .collect();
        documented.sort_unstable();
        documented.dedup();
        let mut declared: Vec<&str> = orm::collect::map_vec(METHODS.iter(), |m| m.name);
        declared.sort_unstable();
        assert_eq!(documented, declared, "ENGINE.md's table and contract::METHODS differ");
        let dispatcher = include_str!("engine.rs");
        for m in METHODS {
            assert!(dispatcher.contains(&format!("\"{}\" =>", m.name)), "Engine::call does not dispatch {}", m.name);
        }
    }
}
