//! The date parser (`orm::datetime`) and inflection (`orm::inflection`): pure functions on text
//! a learner controls (a date string in a `where` or a value; a model or alias name).

use orm::datetime::{self, MAX_MS};
use orm::inflection;

use super::{nasty_string, run, Rng};

/// Days from 1970-01-01 to `year-month-day`, counted plainly (a reference for the parser's
/// Hinnant arithmetic): whole 400-year cycles, then years, then months.
fn reference_days(year: i64, month: i64, day: i64) -> i64 {
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let cycles = (year - 1970).div_euclid(400);
    let mut y = 1970 + cycles * 400;
    let mut days = cycles * 146_097;
    while y < year {
        days += if leap(y) { 366 } else { 365 };
        y += 1;
    }
    let lengths = [31, if leap(year) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    days + lengths[..(month - 1) as usize].iter().sum::<i64>() + day - 1
}

/// A date-time as text, the parts it was made from, and its time in ms when it is valid.
#[derive(Debug)]
struct DateCase {
    text: String,
    expected: Option<i64>,
}

fn days_in(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(month - 1) as usize]
}

fn generate_date(rng: &mut Rng) -> DateCase {
    let year = match rng.below(4) {
        0 => rng.range(1900, 2100),
        1 => rng.range(0, 9999),
        2 => rng.range(-271_821, 275_760),
        _ => *rng.pick(&[0, 1, -1, 9999, 10_000, 275_760, -271_821, 1970, 2000, 1900]),
    };
    let month = if rng.one_in(20) { rng.range(0, 13) } else { rng.range(1, 12) };
    let day = if rng.one_in(20) || !(1..=12).contains(&month) {
        rng.range(0, 32)
    } else {
        rng.range(1, days_in(year, month))
    };
    let (hour, minute, second) = (rng.range(0, 23), rng.range(0, 59), rng.range(0, 59));
    let millis = rng.range(0, 999);
    let offset_minutes = if rng.one_in(2) { 0 } else { rng.range(-(23 * 60 + 59), 23 * 60 + 59) };
    let year_text = if (0..=9999).contains(&year) && !rng.one_in(10) {
        format!("{year:04}")
    } else if year < 0 {
        format!("-{:06}", -year)
    } else {
        format!("+{year:06}")
    };
    let mut text = format!("{year_text}-{month:02}-{day:02}");
    let valid_date = (1..=12).contains(&month) && day >= 1 && day <= days_in(year, month);
    let mut ms = if valid_date { reference_days(year, month, day) * 86_400_000 } else { 0 };
    // A space before the offset after `T`, which JavaScript refuses (`…T10:20 +01:00`).
    let mut space_after_t = false;
    if rng.below(4) != 0 {
        let separator = *rng.pick(&['T', 't', ' ']);
        text.push(separator);
        text += &format!("{hour:02}:{minute:02}");
        ms += (hour * 3600 + minute * 60) * 1000;
        if rng.below(3) != 0 {
            text += &format!(":{second:02}");
            ms += second * 1000;
            if rng.one_in(2) {
                // Any number of fraction digits: past milliseconds they are dropped.
                let digits = format!("{millis:03}{}", "7".repeat(rng.below(30)));
                let keep = 1 + rng.below(digits.len());
                let fraction = &digits[..keep];
                text += &format!(".{fraction}");
                let first3: String = fraction.chars().chain("00".chars()).take(3).collect();
                ms += first3.parse::<i64>().unwrap();
            }
        }
        match rng.below(4) {
            0 => {}
            1 => text.push(*rng.pick(&['Z', 'z'])),
            _ => {
                let sign = if offset_minutes < 0 { '-' } else { '+' };
                let (h, m) = (offset_minutes.abs() / 60, offset_minutes.abs() % 60);
                let space = if rng.one_in(2) { " " } else { "" };
                space_after_t = separator != ' ' && !space.is_empty();
                let colon = if rng.one_in(3) { "" } else { ":" };
                text += &format!("{space}{sign}{h:02}{colon}{m:02}");
                ms -= offset_minutes * 60_000;
            }
        }
    }
    let expected = (valid_date && !space_after_t && (-MAX_MS..=MAX_MS).contains(&ms) && !text.starts_with("-000000"))
        .then_some(ms);
    DateCase { text, expected }
}

/// Well-formed dates parse to the time a plain count of days gives (or are refused when the day
/// does not exist or is out of a `Date`'s range); every time formats and parses back.
#[test]
fn fuzz_dates_parse_to_the_reference_time() {
    run("dates", 20_000, generate_date, |case| {
        let got = datetime::parse(&case.text);
        if got != case.expected {
            return Err(format!("parse({:?}) = {got:?}, expected {:?}", case.text, case.expected));
        }
        if let Some(ms) = got {
            for text in [datetime::format_iso(ms), datetime::format_sqlite(ms), datetime::format_date_only(ms)] {
                let ms = if text.contains(':') { ms } else { ms.div_euclid(86_400_000) * 86_400_000 };
                if datetime::parse(&text) != Some(ms) {
                    return Err(format!("{ms} formats as {text:?}, which parses as {:?}", datetime::parse(&text)));
                }
            }
        }
        Ok(())
    });
}

/// A date string with random damage: characters replaced, inserted, removed or repeated.
fn damaged_date(rng: &mut Rng) -> String {
    let mut chars: Vec<char> = generate_date(rng).text.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(chars.len() + 1);
        match rng.below(5) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 if at < chars.len() => chars[at] = *rng.pick(&['9', '0', '-', ':', '.', '+', 'é', '\0', ' ', 'T']),
            2 => chars.splice(at..at, nasty_string(rng).chars()).for_each(drop),
            3 => chars.splice(at..at, std::iter::repeat_n('9', rng.below(40))).for_each(drop),
            _ => chars.truncate(at),
        }
    }
    chars.into_iter().collect()
}

/// Anything at all: no panic, and a time within a `Date`'s range that formats and parses back.
#[test]
fn fuzz_dates_damaged_text_never_panics() {
    run("dates-damaged", 30_000, damaged_date, |text| {
        if let Some(ms) = datetime::parse(text) {
            if !(-MAX_MS..=MAX_MS).contains(&ms) {
                return Err(format!("parse({text:?}) = {ms}, beyond a Date's range"));
            }
            let iso = datetime::format_iso(ms);
            if datetime::parse(&iso) != Some(ms) {
                return Err(format!("parse({text:?}) = {ms}, which formats as {iso:?} and does not parse back"));
            }
        }
        Ok(())
    });
}

/// Inflection on anything: no panic. On names of ASCII letters: the plural of a word is not
/// empty, and underscoring is idempotent. (That the port gives what the npm `inflection` 1.13.4
/// gives was checked once on 20,000 random words built from the rules' suffixes, with no
/// difference; the unit tests in `inflection.rs` keep the package's own cases.)
#[test]
fn fuzz_inflection_never_panics() {
    let words = [
        "person",
        "child",
        "octopus",
        "quiz",
        "matrix",
        "vertex",
        "mouse",
        "ox",
        "bus",
        "status",
        "knife",
        "wolf",
        "hive",
        "city",
        "query",
        "series",
        "movie",
        "analysis",
        "datum",
        "criterion",
        "genus",
        "whereas",
        "shoe",
        "sheep",
        "Category",
        "OrderItem",
        "USER",
        "x",
    ];
    run(
        "inflection",
        1_500,
        |rng| match rng.below(3) {
            // Names are at most 64 characters once checked; inflection takes time in their length.
            0 => nasty_string(rng).chars().take(80).collect(),
            1 => {
                let mut w = (*rng.pick(&words)).to_owned();
                for _ in 0..rng.below(3) {
                    let suffixes: &[&str] = &["s", "es", "ies", "en", "_id", "Id", "::", "/", "ves", "ses", "a", "é"];
                    let suffix: &&str = rng.pick(suffixes);
                    w += suffix;
                }
                w
            }
            _ => {
                (0..1 + rng.below(10)).map(|_| *rng.pick(&['a', 'e', 's', 'x', 'y', 'i', 'S', '_', 'f', 'o'])).collect()
            }
        },
        |word| {
            let plural = inflection::pluralize(word);
            let _ = inflection::singularize(word);
            let _ = inflection::singularize(&plural);
            let underscored = inflection::underscore(word);
            let _ = inflection::camelize_lower(word);
            let _ = inflection::camelize(word);
            let _ = inflection::upper_first(word);
            let _ = inflection::default_table_name(word, true);
            if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic()) {
                if plural.is_empty() {
                    return Err(format!("pluralize({word:?}) is empty"));
                }
                if inflection::underscore(&underscored) != underscored {
                    return Err(format!("underscore is not idempotent on {word:?}: {underscored:?}"));
                }
            }
            Ok(())
        },
    );
}
