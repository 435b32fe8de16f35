//! Bounded-time, deterministic fuzz tests of the core (issue 20: nothing a learner types breaks
//! the page). Each target generates random and mutated inputs — hostile text (quotes, NUL,
//! U+FFFD where JavaScript had a lone surrogate, right-to-left marks), huge and fractional
//! numbers, nesting up to a bounded depth, `__proto__` and `constructor` keys, unknown
//! operators and markers — and checks properties that must hold for every input:
//!
//! - nothing panics;
//! - every statement the core builds prepares in SQLite: the core either runs the statement or
//!   refuses with a clear error before any SQL (a `SequelizeDatabaseError` from SQLite is a bug
//!   unless the learner wrote the SQL: `sequelize.literal`, a function name of their own);
//! - a `where` never matches a row it should not: [`oracle`] compares the primary keys
//!   `findAll` returns with a plain evaluation of the same `where` in Rust (SQL's three-valued
//!   logic, with the SQL Sequelize 6 writes for each operator).
//!
//! The targets: model definitions ([`models`]), finder options with `where` and include trees
//! ([`finders`]), raw-query replacements and bind ([`raw`]), the date parser and inflection
//! ([`text`]), and the `where` oracle ([`oracle`]). Every input that found a bug is kept as a
//! small named test in [`regressions`].
//!
//! Each target runs a fixed number of cases (a few seconds in a debug `cargo test`), each case
//! from its own seed, so a run is the same every time. To run longer, or elsewhere:
//!
//! ```text
//! ORM_FUZZ_ITERS=100000 cargo test -p orm --test it fuzz -- --nocapture   # 100,000 cases per target
//! ORM_FUZZ_SEED=42 cargo test -p orm --test it fuzz                        # other cases than CI's
//! ORM_FUZZ_CASE=0x1234abcd cargo test -p orm --test it fuzz::raw           # replay one case
//! ```
//!
//! A failure prints the target, the case's seed and its input, and the `ORM_FUZZ_CASE` line that
//! replays it. The tests run natively only: they read environment variables and catch panics to
//! print the input, which a wasm32 test in the browser cannot.

mod finders;
mod models;
mod oracle;
mod raw;
mod regressions;
mod text;

use std::fmt::Debug;
use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::{Map, Value as Json};

/// splitmix64: small, fast, and good enough to drive generators.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (i128::from(hi) - i128::from(lo) + 1) as u128;
        (i128::from(lo) + (u128::from(self.next_u64()) % span) as i128) as i64
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn env_number(name: &str) -> Option<u64> {
    let text = std::env::var(name).ok()?;
    let text = text.trim();
    match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}

/// The seed of case `i` of `target`: the target's name and `ORM_FUZZ_SEED` mixed with `i`.
fn case_seed(target: &str, base: u64, i: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a of the name
    for b in target.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    Rng::new(h ^ base.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ i.wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64()
}

/// Runs `cases` cases of `target` (or `ORM_FUZZ_ITERS`): `generate` makes an input from a
/// seeded [`Rng`], `check` returns an error for an input that breaks a property. A panic or an
/// error fails the test with the seed, the input and the line that replays it.
pub fn run<I: Debug>(
    target: &str,
    cases: u64,
    generate: impl Fn(&mut Rng) -> I,
    check: impl Fn(&I) -> Result<(), String>,
) {
    let started = std::time::Instant::now();
    let base = env_number("ORM_FUZZ_SEED").unwrap_or(0);
    let seeds: Vec<u64> = match env_number("ORM_FUZZ_CASE") {
        Some(seed) => vec![seed],
        None => (0..env_number("ORM_FUZZ_ITERS").unwrap_or(cases)).map(|i| case_seed(target, base, i)).collect(),
    };
    for &seed in &seeds {
        let input = generate(&mut Rng::new(seed));
        let outcome = catch_unwind(AssertUnwindSafe(|| check(&input)));
        let failure = match outcome {
            Ok(Ok(())) => continue,
            Ok(Err(message)) => message,
            Err(panic) => {
                let text = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                format!("panicked: {text}")
            }
        };
        panic!(
            "fuzz target {target}, case seed {seed:#x}: {failure}\ninput: {input:?}\nreplay: ORM_FUZZ_CASE={seed:#x} cargo test -p orm --test it fuzz::"
        );
    }
    eprintln!("fuzz target {target}: {} cases in {:.2?}", seeds.len(), started.elapsed());
}

/// Characters that break naive code: quotes of every kind, NUL, SQL punctuation, placeholders,
/// wildcards, escapes, non-ASCII letters, U+FFFD (what a lone surrogate becomes on its way from
/// JavaScript), the largest code point, right-to-left override.
const NASTY: &[char] = &[
    '\'',
    '"',
    '`',
    '\0',
    ';',
    '-',
    '/',
    '*',
    '?',
    ':',
    '$',
    '@',
    '%',
    '_',
    '\\',
    '[',
    ']',
    '(',
    ')',
    '.',
    ',',
    ' ',
    '\n',
    '\t',
    'a',
    'Z',
    '0',
    '9',
    'é',
    'İ',
    'ß',
    '名',
    '🦀',
    '\u{FFFD}',
    '\u{10FFFF}',
    '\u{202E}',
    '\u{0301}',
    '{',
    '}',
    '=',
    '<',
    '>',
    '+',
    '#',
    '~',
    '^',
    '&',
    '|',
    '!',
];

/// Whole strings worth trying as keys and values.
const SPECIAL: &[&str] = &[
    "",
    " ",
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "id",
    "null",
    "undefined",
    "NaN",
    "true",
    "0",
    "-1",
    "1e309",
    "sqlite_master",
    "a.b",
    "$a$",
    "$a.b$",
    "$$",
    "$",
    "$op:",
    "$op:eq",
    "$op:or",
    "$op:and",
    "$op:not",
    "$op:nope",
    "$op:__proto__",
    "$op:constructor",
    "$op:iLike",
    "$date",
    "$bytes",
    "$fn",
    "$col",
    "$literal",
    "$model",
    "$where",
    "$cast",
    "$undefined",
    "$regex",
    "$default",
    "$function",
    "$instance",
    "$keys",
    "$rows",
    "'; DROP TABLE `x`; --",
    "a`b",
    "\"",
    "x\0y",
    "%",
    "_",
    "ENUM(",
    "STRING(99999999999)",
    "DECIMAL(10,",
    "ENUM('a','b')",
    "1970-01-01",
    "2024-02-29T24:00:00.000Z",
    "+275760-09-13T00:00:00.000Z",
    "-271821-04-20",
    "9999-12-31 23:59:59.999 +00:00",
];

/// A random string: special, a run of nasty characters, or a long one.
pub fn nasty_string(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=3 => (*rng.pick(SPECIAL)).to_owned(),
        4 => rng.pick(&['x', 'é', '名', '\'']).to_string().repeat(*rng.pick(&[63, 64, 65, 255, 256, 1000])),
        _ => (0..rng.below(12)).map(|_| *rng.pick(NASTY)).collect(),
    }
}

/// Numbers at the edges: zero and minus zero, ±2⁵³ and one past it, the extremes of i64, u64 and
/// f64, fractions, and denormals.
pub fn nasty_number(rng: &mut Rng) -> Json {
    let n = match rng.below(16) {
        0 => serde_json::Number::from(rng.range(-3, 3)),
        1 => serde_json::Number::from(i64::MAX),
        2 => serde_json::Number::from(i64::MIN),
        3 => serde_json::Number::from(u64::MAX),
        4 => serde_json::Number::from(9_007_199_254_740_992_i64),
        5 => serde_json::Number::from(-9_007_199_254_740_993_i64),
        6 => serde_json::Number::from(4_294_967_296_i64),
        7 => serde_json::Number::from_f64(1.5).unwrap(),
        8 => serde_json::Number::from_f64(-0.0).unwrap(),
        9 => serde_json::Number::from_f64(1e308).unwrap(),
        10 => serde_json::Number::from_f64(-1.7976931348623157e308).unwrap(),
        11 => serde_json::Number::from_f64(5e-324).unwrap(),
        12 => serde_json::Number::from_f64(8.64e15).unwrap(),
        13 => serde_json::Number::from_f64(9.3e18).unwrap(),
        14 => serde_json::Number::from_f64(0.1).unwrap(),
        _ => serde_json::Number::from(rng.range(-100_000, 100_000)),
    };
    Json::Number(n)
}

/// A random JSON value up to `depth` levels deep, with object keys from `keys` (or nasty ones)
/// and strings from `strings` (or nasty ones).
pub fn random_json(rng: &mut Rng, depth: usize, keys: &[&str], strings: &[&str]) -> Json {
    let top = if depth == 0 { 5 } else { 8 };
    match rng.below(top) {
        0 => Json::Null,
        1 => Json::Bool(rng.one_in(2)),
        2 => nasty_number(rng),
        3 | 4 if !strings.is_empty() && rng.one_in(2) => Json::String((*rng.pick(strings)).to_owned()),
        3 | 4 => Json::String(nasty_string(rng)),
        5 => Json::Array((0..rng.below(4)).map(|_| random_json(rng, depth - 1, keys, strings)).collect()),
        _ => {
            let mut obj = Map::new();
            for _ in 0..rng.below(4) {
                let key =
                    if !keys.is_empty() && !rng.one_in(4) { (*rng.pick(keys)).to_owned() } else { nasty_string(rng) };
                obj.insert(key, random_json(rng, depth - 1, keys, strings));
            }
            Json::Object(obj)
        }
    }
}

/// `json` with one random change at a random place: a value replaced, a key renamed, an entry
/// dropped or duplicated under a nasty key, an array emptied or wrapped.
pub fn mutate(rng: &mut Rng, json: &mut Json, keys: &[&str]) {
    // Go down a random path, or change this value.
    if rng.below(3) != 0 {
        let next = match json {
            Json::Array(items) if !items.is_empty() => {
                let i = rng.below(items.len());
                Some(&mut items[i])
            }
            Json::Object(obj) if !obj.is_empty() => {
                let i = rng.below(obj.len());
                obj.values_mut().nth(i)
            }
            _ => None,
        };
        if let Some(next) = next {
            return mutate(rng, next, keys);
        }
    }
    match (rng.below(6), &mut *json) {
        (0, Json::Object(obj)) if !obj.is_empty() => {
            let i = rng.below(obj.len());
            let key = obj.keys().nth(i).unwrap().clone();
            let value = obj.remove(&key).unwrap();
            let new_key = if rng.one_in(2) { (*rng.pick(keys)).to_owned() } else { nasty_string(rng) };
            obj.insert(new_key, value);
        }
        (1, Json::Object(obj)) if !obj.is_empty() => {
            let i = rng.below(obj.len());
            let key = obj.keys().nth(i).unwrap().clone();
            obj.remove(&key);
        }
        (2, Json::Array(items)) => items.clear(),
        (3, _) => {
            let inner = json.take();
            *json = Json::Array(vec![inner]);
        }
        (4, _) => {
            let inner = json.take();
            let mut obj = Map::new();
            obj.insert((*rng.pick(keys)).to_owned(), inner);
            *json = Json::Object(obj);
        }
        _ => *json = random_json(rng, 2, keys, &[]),
    }
}

/// The first `limit` characters of `text`, for messages.
pub fn short(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    text.chars().take(limit).collect::<String>() + "…"
}
