//! Differential tests: the core's ports of JavaScript libraries against the originals, on
//! generated inputs. `tests/differential/generate.js` runs the originals (validator.js through
//! Sequelize 6, the `inflection` package, `Date.parse`/`toISOString` and Sequelize's moment
//! formatting) on inputs from a seeded PRNG and writes their answers into the `*.jsonl` fixtures
//! beside it (the first line names the versions); these tests run the ports on every input and
//! compare. To regenerate the fixtures (no network needed):
//!
//! ```text
//! NODE_PATH=/work/seq/node_modules node crates/orm/tests/differential/generate.js
//! ```
//!
//! A mismatch prints the input, the original's answer and the port's. Where the port differs on
//! purpose the difference is named in [`Differences`] with its reason, counted and printed.
//! Native only: the fixtures are half a megabyte, which the wasm test binary need not carry.

use std::collections::BTreeMap;

use orm::{datetime, inflection, validate::Validator, Value};
use serde_json::Value as Json;

const VALIDATORS: &str = include_str!("../differential/validators.jsonl");
const INFLECTION: &str = include_str!("../differential/inflection.jsonl");
const DATES: &str = include_str!("../differential/dates.jsonl");

/// The fixture's header and rows.
fn rows(fixture: &str) -> (Json, Vec<Json>) {
    let mut lines = fixture.lines().map(|l| serde_json::from_str::<Json>(l).unwrap());
    let header = lines.next().unwrap();
    (header, lines.collect())
}

/// Mismatches and intended differences found while comparing one port.
#[derive(Default)]
struct Differences {
    compared: usize,
    mismatches: Vec<String>,
    intended: BTreeMap<&'static str, usize>,
}

impl Differences {
    fn same<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, input: &str, original: T, port: T) {
        self.compared += 1;
        if original != port {
            self.mismatches.push(format!("{what}({input:?}): original {original:?}, port {port:?}"));
        }
    }

    fn intended(&mut self, reason: &'static str) {
        self.compared += 1;
        *self.intended.entry(reason).or_default() += 1;
    }

    fn finish(self, port: &str, header: &Json) {
        println!("{port}: {} comparisons against {header}", self.compared);
        for (reason, n) in &self.intended {
            println!("  intended difference, {n} inputs: {reason}");
        }
        let shown: Vec<_> = self.mismatches.iter().take(40).cloned().collect();
        assert!(
            self.mismatches.is_empty(),
            "{port}: {} mismatches with the original, the first {}:\n{}",
            self.mismatches.len(),
            shown.len(),
            shown.join("\n")
        );
    }
}

/// The JSON the generator wrote without its bulky `columns` and `note`, for the summary line.
fn versions(header: &Json) -> Json {
    let mut h = header.clone();
    if let Some(o) = h.as_object_mut() {
        o.remove("columns");
        o.remove("note");
    }
    h
}

/// Why `datetime::parse` refuses text in its forms that JavaScript's `Date.parse` may still read
/// (V8 falls back to its legacy parser, which rolls `2020-02-30` over into March), by the code
/// `generate.js`'s `dateForm` gives it; `None` for a code that is no documented refusal.
fn refusal(code: &str) -> Option<&'static str> {
    Some(match code {
        "year-minus-zero" => "year minus zero (-0000, -000000) is refused, as JavaScript's ISO form refuses -000000",
        "month" => "a month outside 1-12 is refused",
        "day-zero" => "day 00 is refused",
        "day-past-month-end" => {
            "a day past the month's end (2020-02-30) is refused, where V8 rolls it into the next month"
        }
        "time" => "an hour past 23 (but 24:00:00.000), a minute or second past 59 is refused",
        "offset" => "an offset past 23:59 is refused",
        _ => return None,
    })
}

#[test]
fn validators_match_sequelize() {
    let (header, rows) = rows(VALIDATORS);
    let columns: Vec<(String, Json, Validator)> = header["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let (key, arg) = (c[0].as_str().unwrap(), &c[1]);
            let v = Validator::from_json(key, arg).unwrap_or_else(|e| panic!("{key}: {arg}: {e:?}"));
            (key.to_owned(), arg.clone(), v)
        })
        .collect();
    let mut d = Differences::default();
    for row in &rows {
        let input = row[0].as_str().unwrap();
        let bits = row[1].as_str().unwrap().as_bytes();
        // What generate.js's `dateForm` says of text in datetime::parse's forms; None outside them.
        let date_form = row.get(2).and_then(Json::as_str);
        let value = Value::from(input);
        for ((key, arg, validator), bit) in columns.iter().zip(bits) {
            let original = *bit == b'1';
            let port = validator.check.passes(&value);
            if original != port && matches!(key.as_str(), "isDate" | "isAfter" | "isBefore") {
                // validate.rs: dates are read by datetime::parse, not JavaScript's Date.parse.
                match date_form {
                    // 'Sat Mar 03 2040', '2020/1/1', '1982' are refused.
                    None if !port => {
                        d.intended(
                            "a date outside datetime::parse's forms, which Date.parse reads leniently, is refused",
                        );
                        continue;
                    }
                    // `-0001-01-01`, `10000-01-01`: the dates test checks the instant parse gives.
                    Some("moment-year") => {
                        d.intended("a year as moment writes it (-0001, 10000) is read, which Date.parse reads otherwise or not at all");
                        continue;
                    }
                    // `0012-01-01 00:00`, which V8 reads as 2001-12-01: the dates test checks it.
                    Some("two-digit-year") => {
                        d.intended(
                            "a year 0-99 in a space-separated date-time reads as written, not as V8's two-digit year",
                        );
                        continue;
                    }
                    Some(code) if !port => {
                        if let Some(reason) = refusal(code) {
                            d.intended(reason);
                            continue;
                        }
                    }
                    _ => {}
                }
            }
            d.same(&format!("{key}: {arg}"), input, original, port);
        }
    }
    d.finish("validators", &versions(&header));
}

#[test]
fn inflection_matches_the_inflection_package() {
    let (header, rows) = rows(INFLECTION);
    let mut d = Differences::default();
    for row in &rows {
        let w = row[0].as_str().unwrap();
        let text = |i: usize| row[i].as_str().map(str::to_owned);
        d.same("pluralize", w, text(1), Some(inflection::pluralize(w)));
        d.same("singularize", w, text(2), Some(inflection::singularize(w)));
        d.same("underscore", w, text(3), Some(inflection::underscore(w)));
        d.same("camelize(w, true)", w, text(4), Some(inflection::camelize_lower(w)));
        match text(5) {
            Some(expected) => d.same("Utils.camelize", w, expected, inflection::camelize(w)),
            // Sequelize's `c.toUpperCase()` on a trailing `-`/`_`/space run, where no character
            // follows, throws a TypeError; the port drops the run (inflection.rs).
            None => d.intended("Utils.camelize throws on a trailing - _ or space run; the port drops the run"),
        }
        d.same("_.upperFirst", w, text(6), Some(inflection::upper_first(w)));
    }
    d.finish("inflection", &versions(&header));
}

#[test]
fn dates_match_javascript_and_moment() {
    let (header, rows) = rows(DATES);
    let mut d = Differences::default();
    for row in &rows {
        match row[0].as_str().unwrap() {
            "f" => {
                let ms = row[1].as_i64().unwrap();
                let input = ms.to_string();
                d.same("toISOString", &input, row[2].as_str().unwrap(), &datetime::format_iso(ms));
                if let (Some(sqlite), Some(date_only)) = (row[3].as_str(), row[4].as_str()) {
                    d.same("DATE (moment)", &input, sqlite, &datetime::format_sqlite(ms));
                    d.same("DATEONLY (moment)", &input, date_only, &datetime::format_date_only(ms));
                } else {
                    // Beyond ±8.64e15 ms JavaScript has no Date to format; the port never holds one
                    // (parse refuses it) and its ISO form says `Invalid Date` as JavaScript's String does.
                    d.intended("no moment form for a time beyond ±8.64e15 ms (no such Date in JavaScript)");
                }
            }
            "p" => {
                let s = row[1].as_str().unwrap();
                let js = row[2].as_i64();
                let port = datetime::parse(s);
                match row[3].as_str().unwrap() {
                    "date" => d.same("Date.parse", s, js, port),
                    form @ ("moment-year" | "two-digit-year") => {
                        // Years as moment writes them (`-0001`, `10000`): JavaScript reads them
                        // with its fallback parser or not at all; years 0-99 in a space-separated
                        // date-time (`0012-01-01 00:00:00.000 +00:00`, how format_sqlite writes
                        // year 12): V8's fallback parser reads two-digit years (2001-12-01). The
                        // port reads the year as written, so that what format_sqlite wrote reads
                        // back: the instant JavaScript gives the same text in its ISO form.
                        let iso = row[4].as_i64();
                        if js == port {
                            d.same("Date.parse", s, js, port);
                        } else {
                            d.intended(if form == "moment-year" {
                                "a year as moment writes it (-0001, 10000) reads as JavaScript's ISO ±yyyyyy form"
                            } else {
                                "a year 0-99 in a space-separated date-time reads as written, not as V8's two-digit year"
                            });
                            d.same("Date.parse of the ISO form", s, iso, port);
                        }
                    }
                    "other" => match js {
                        None => d.same("Date.parse", s, None, port),
                        Some(_) => {
                            d.intended(
                                "text outside parse's documented forms that Date.parse reads leniently is refused",
                            );
                            d.same("parse (outside its forms)", s, None, port);
                        }
                    },
                    code => match (js, refusal(code)) {
                        (Some(_), Some(reason)) => {
                            d.intended(reason);
                            d.same("parse (refused on purpose)", s, None, port);
                        }
                        (None, Some(_)) => d.same("Date.parse", s, None, port),
                        (_, None) => panic!("unknown form {code} of {s:?}"),
                    },
                }
            }
            other => panic!("unknown row kind {other}"),
        }
    }
    d.finish("dates", &versions(&header));
}
