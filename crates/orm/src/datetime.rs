//! Dates without a date crate: the current time, the text forms Sequelize 6 and JavaScript use
//! for a `Date`, and a parser for the ISO-like forms a learner or SQLite hands back.
//!
//! A point in time is an `i64` of milliseconds since the Unix epoch (UTC), like JavaScript's
//! `Date` and [`crate::value::Value::Date`]. Calendar arithmetic uses Howard Hinnant's
//! `days_from_civil` / `civil_from_days` algorithms (proleptic Gregorian calendar, year 0
//! exists and is a leap year, as in JavaScript).
//!
//! Everything here is UTC: Sequelize's default `timezone` option is `+00:00`, so that is the
//! offset it writes into SQLite. Text without an offset is read as UTC too (JavaScript would read
//! a date-time without an offset as local time; the ORM has no local time zone).

use web_time::{SystemTime, UNIX_EPOCH};

/// Milliseconds in a day.
const MS_PER_DAY: i64 = 86_400_000;

/// The largest distance from the epoch a JavaScript `Date` can hold (±100,000,000 days).
pub const MAX_MS: i64 = 8_640_000_000_000_000;

/// The current time in milliseconds since the Unix epoch (`Date.now()`). Uses
/// `web_time::SystemTime`, so it works natively and on `wasm32-unknown-unknown`.
pub fn now_ms() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_millis()).map_or(i64::MIN, |ms| -ms),
    }
}

/// JavaScript's `Date.prototype.toISOString`: `2026-11-22T21:19:41.000Z`. Years outside
/// `0..=9999` are written with a sign and six digits as JavaScript does (`+010000-01-01T…`,
/// `-000001-01-01T…`). A time beyond ±[`MAX_MS`], where JavaScript throws
/// `RangeError: Invalid time value`, gives `Invalid Date`.
pub fn format_iso(ms: i64) -> String {
    if !(-MAX_MS..=MAX_MS).contains(&ms) {
        return "Invalid Date".to_owned();
    }
    let p = Parts::from_ms(ms);
    let mut out = String::with_capacity(24);
    match p.year {
        0..=9999 => push_digits(&mut out, p.year, 4),
        year if year < 0 => {
            out.push('-');
            push_digits(&mut out, -year, 6);
        }
        year => {
            out.push('+');
            push_digits(&mut out, year, 6);
        }
    }
    p.push_rest_of_date(&mut out);
    out.push('T');
    p.push_time(&mut out);
    out.push('Z');
    out
}

/// How Sequelize 6 writes a `DATE` into SQLite (moment's `YYYY-MM-DD HH:mm:ss.SSS Z` with the
/// default `+00:00` time zone): `2026-11-22 21:19:41.000 +00:00`. Years are written as moment
/// writes them: at least four digits, a `-` for negative years (`-0001`), no `+`.
pub fn format_sqlite(ms: i64) -> String {
    let p = Parts::from_ms(ms);
    let mut out = date_text(&p);
    out.push(' ');
    p.push_time(&mut out);
    out.push_str(" +00:00");
    out
}

/// The calendar date in UTC as `YYYY-MM-DD` (how Sequelize writes a `DATEONLY`): `2026-11-22`.
/// Years are written as in [`format_sqlite`].
pub fn format_date_only(ms: i64) -> String {
    date_text(&Parts::from_ms(ms))
}

/// Reads a date or date-time and returns milliseconds since the epoch (UTC), or `None` when the
/// text is not one of the accepted forms or names a day or time that does not exist.
///
/// Accepted (`T` may be `t` or a space; `Z` may be `z`):
/// - `YYYY-MM-DD` — midnight UTC;
/// - `YYYY-MM-DDTHH:MM`, `…:SS`, `…:SS.fraction` — the fraction may have any number of digits
///   (at least one); digits past milliseconds are dropped, as JavaScript does;
/// - any date-time followed by `Z`, `±hh:mm` or `±hhmm`; after a space-separated date and time
///   optionally after one space (`2026-11-22 21:19:41.000 +00:00`, Sequelize's SQLite form).
///   **No offset means UTC.**
/// - the year may also be JavaScript's extended form, a sign and six digits (`+010000`,
///   `-000001`; `-000000` is refused as in JavaScript), or as [`format_sqlite`] writes years
///   outside 0–9999: `-` and four to six digits (`-0001`), or five or six digits (`10000`).
///
/// Refused: months outside 1–12, days past the month's end (`2026-02-30`), hours past 23
/// (except `24:00:00.000`, the end of a day, which JavaScript accepts), minutes or seconds past
/// 59, offsets past `23:59`, and results beyond ±[`MAX_MS`].
pub fn parse(s: &str) -> Option<i64> {
    let mut cur = Cursor { bytes: s.as_bytes(), pos: 0 };
    // JavaScript's years: four digits, or a sign and six. Also what `format_sqlite` writes (as
    // moment does) for the years past those, so that a stored date reads back: `-0001`, `10000`.
    let sign = cur.peek().filter(|b| matches!(b, b'+' | b'-'));
    cur.pos += usize::from(sign.is_some());
    let width = cur.bytes[cur.pos..].iter().take_while(|b| b.is_ascii_digit()).count();
    let year = match (sign, width) {
        (Some(b'+'), 6) | (None | Some(b'-'), 4..=6) => cur.digits(width)?,
        _ => return None,
    };
    let year = match sign {
        Some(b'-') if year == 0 => return None,
        Some(b'-') => -year,
        _ => year,
    };
    cur.expect(b'-')?;
    let month = cur.digits(2)?;
    cur.expect(b'-')?;
    let day = cur.digits(2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let mut ms_of_day = 0;
    let mut offset_ms = 0;
    if !cur.at_end() {
        let space_separated = match cur.next()? {
            b'T' | b't' => false,
            b' ' => true,
            _ => return None,
        };
        let hour = cur.digits(2)?;
        cur.expect(b':')?;
        let minute = cur.digits(2)?;
        let mut second = 0;
        let mut milli = 0;
        if cur.peek() == Some(b':') {
            cur.pos += 1;
            second = cur.digits(2)?;
            if cur.peek() == Some(b'.') {
                cur.pos += 1;
                milli = cur.fraction_ms()?;
            }
        }
        let end_of_day = hour == 24 && minute == 0 && second == 0 && milli == 0;
        if (hour > 23 && !end_of_day) || minute > 59 || second > 59 {
            return None;
        }
        ms_of_day = ((hour * 60 + minute) * 60 + second) * 1000 + milli;
        // A space before the offset only after a space-separated date and time (JavaScript
        // refuses `2026-11-22T21:19 Z`), and it must be followed by an offset.
        if space_separated && cur.peek() == Some(b' ') {
            cur.pos += 1;
            if cur.at_end() {
                return None;
            }
        }
        if !cur.at_end() {
            offset_ms = cur.offset_ms()?;
        }
        if !cur.at_end() {
            return None;
        }
    }
    let ms = days.checked_mul(MS_PER_DAY)?.checked_add(ms_of_day)?.checked_sub(offset_ms)?;
    (-MAX_MS..=MAX_MS).contains(&ms).then_some(ms)
}

/// A point in time broken into UTC calendar fields.
struct Parts {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    milli: i64,
}

impl Parts {
    /// `-MM-DD`.
    fn push_rest_of_date(&self, out: &mut String) {
        out.push('-');
        push_digits(out, self.month, 2);
        out.push('-');
        push_digits(out, self.day, 2);
    }

    /// `HH:MM:SS.mmm`.
    fn push_time(&self, out: &mut String) {
        push_digits(out, self.hour, 2);
        out.push(':');
        push_digits(out, self.minute, 2);
        out.push(':');
        push_digits(out, self.second, 2);
        out.push('.');
        push_digits(out, self.milli, 3);
    }

    fn from_ms(ms: i64) -> Parts {
        let days = ms.div_euclid(MS_PER_DAY);
        let in_day = ms.rem_euclid(MS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        Parts {
            year,
            month,
            day,
            hour: in_day / 3_600_000,
            minute: in_day / 60_000 % 60,
            second: in_day / 1000 % 60,
            milli: in_day % 1000,
        }
    }
}

/// `YYYY-MM-DD` with moment's year rule (zero-filled to four digits, `-` when negative).
fn date_text(p: &Parts) -> String {
    let mut out = String::with_capacity(29);
    if p.year < 0 {
        out.push('-');
    }
    push_digits(&mut out, p.year.abs(), 4);
    p.push_rest_of_date(&mut out);
    out
}

/// Appends `n` (not negative) in decimal, zero-padded to at least `width` digits.
fn push_digits(out: &mut String, n: i64, width: usize) {
    crate::number::push_decimal(out, n.unsigned_abs(), width);
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A byte cursor over the text being parsed.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn expect(&mut self, want: u8) -> Option<()> {
        (self.next()? == want).then_some(())
    }

    /// Exactly `n` ASCII digits as a number.
    fn digits(&mut self, n: usize) -> Option<i64> {
        let mut value = 0i64;
        for _ in 0..n {
            let b = self.next()?;
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + i64::from(b - b'0');
        }
        Some(value)
    }

    /// One or more digits of a decimal fraction of a second, as whole milliseconds (truncated).
    fn fraction_ms(&mut self) -> Option<i64> {
        let start = self.pos;
        let mut ms = 0i64;
        while let Some(b) = self.peek().filter(u8::is_ascii_digit) {
            if self.pos - start < 3 {
                ms = ms * 10 + i64::from(b - b'0');
            }
            self.pos += 1;
        }
        let count = self.pos - start;
        if count == 0 {
            return None;
        }
        for _ in count..3 {
            ms *= 10;
        }
        Some(ms)
    }

    /// `Z`, `±hh:mm` or `±hhmm`, as milliseconds east of UTC.
    fn offset_ms(&mut self) -> Option<i64> {
        let sign = match self.next()? {
            b'Z' | b'z' => return Some(0),
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let hours = self.digits(2)?;
        if self.peek() == Some(b':') {
            self.pos += 1;
        }
        let minutes = self.digits(2)?;
        if hours > 23 || minutes > 59 {
            return None;
        }
        Some(sign * (hours * 60 + minutes) * 60_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected strings and numbers printed by node 20 (`toISOString`, `Date.parse`) and by
    // moment as Sequelize 6 uses it (`YYYY-MM-DD HH:mm:ss.SSS Z` in UTC).
    const FORMATS: &[(i64, &str, &str, &str)] = &[
        (0, "1970-01-01T00:00:00.000Z", "1970-01-01 00:00:00.000 +00:00", "1970-01-01"),
        (-1, "1969-12-31T23:59:59.999Z", "1969-12-31 23:59:59.999 +00:00", "1969-12-31"),
        (1_795_382_381_000, "2026-11-22T21:19:41.000Z", "2026-11-22 21:19:41.000 +00:00", "2026-11-22"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z", "2000-02-29 00:00:00.000 +00:00", "2000-02-29"),
        (-62_135_596_800_000, "0001-01-01T00:00:00.000Z", "0001-01-01 00:00:00.000 +00:00", "0001-01-01"),
        (-62_198_755_200_000, "-000001-01-01T00:00:00.000Z", "-0001-01-01 00:00:00.000 +00:00", "-0001-01-01"),
        (-62_198_755_200_001, "-000002-12-31T23:59:59.999Z", "-0002-12-31 23:59:59.999 +00:00", "-0002-12-31"),
        (253_402_300_800_000, "+010000-01-01T00:00:00.000Z", "10000-01-01 00:00:00.000 +00:00", "10000-01-01"),
        (MAX_MS, "+275760-09-13T00:00:00.000Z", "275760-09-13 00:00:00.000 +00:00", "275760-09-13"),
        (-MAX_MS, "-271821-04-20T00:00:00.000Z", "-271821-04-20 00:00:00.000 +00:00", "-271821-04-20"),
    ];

    #[test]
    fn formats_match_javascript_and_sequelize() {
        for (ms, iso, sqlite, date_only) in FORMATS {
            assert_eq!(format_iso(*ms), *iso, "format_iso({ms})");
            assert_eq!(format_sqlite(*ms), *sqlite, "format_sqlite({ms})");
            assert_eq!(format_date_only(*ms), *date_only, "format_date_only({ms})");
        }
    }

    #[test]
    fn format_iso_out_of_range_is_invalid_date() {
        assert_eq!(format_iso(MAX_MS + 1), "Invalid Date");
        assert_eq!(format_iso(i64::MIN), "Invalid Date");
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        assert_eq!(format_sqlite(i64::MAX), "292278994-08-17 07:12:55.807 +00:00");
        assert_eq!(format_date_only(i64::MIN), "-292275055-05-16");
        assert_eq!(parse("+275760-09-13T00:00:00.000+00:01"), Some(MAX_MS - 60_000));
    }

    #[test]
    fn formats_round_trip_through_parse() {
        for (ms, iso, sqlite, _) in FORMATS {
            assert_eq!(parse(iso), Some(*ms), "parse({iso:?})");
            // moment's years outside 0..=9999 with fewer than six digits (`-0001`, `10000`) are
            // not a form `parse` reads, nor one JavaScript's `Date.parse` reads.
            let four_digit_year = sqlite.as_bytes().get(4) == Some(&b'-');
            match parse(sqlite) {
                Some(parsed) => assert_eq!(parsed, *ms, "parse({sqlite:?})"),
                None => assert!(!four_digit_year, "parse({sqlite:?})"),
            }
        }
        for ms in [-86_400_001, -1000, 1, 999, 1_000_000_000_123, 4_102_444_799_999] {
            assert_eq!(parse(&format_iso(ms)), Some(ms));
            assert_eq!(parse(&format_sqlite(ms)), Some(ms));
        }
    }

    #[test]
    fn digits_are_written_as_format_writes_them() {
        for (n, width) in [(0, 2), (7, 2), (42, 2), (5, 3), (999, 3), (2026, 4), (12, 4), (123_456, 6), (1_234_567, 4)]
        {
            let mut out = String::new();
            push_digits(&mut out, n, width);
            assert_eq!(out, format!("{n:0width$}"));
        }
    }

    #[test]
    fn parses_the_accepted_forms() {
        // Values from node's Date.parse where it agrees.
        let cases: &[(&str, i64)] = &[
            ("2026-11-22", 1_795_305_600_000),
            ("2026-11-22T21:19:41Z", 1_795_382_381_000),
            ("2026-11-22T21:19Z", 1_795_382_340_000),
            ("2026-11-22T21:19", 1_795_382_340_000),
            ("2026-11-22 21:19:41", 1_795_382_381_000),
            ("2026-11-22T21:19:41.1234Z", 1_795_382_381_123),
            ("2026-11-22T21:19:41.5Z", 1_795_382_381_500),
            ("2026-11-22T21:19:41.05", 1_795_382_381_050),
            ("2026-11-22T21:19:41+0130", 1_795_376_981_000),
            ("2026-11-22T21:19:41+01:30", 1_795_376_981_000),
            ("2026-11-22T21:19:41-23:59", 1_795_468_721_000),
            ("2026-11-22 21:19:41.000 +00:00", 1_795_382_381_000),
            ("2026-11-22 21:19:41.000 -05:00", 1_795_400_381_000),
            ("2026-11-22 21:19:41.000+02:00", 1_795_375_181_000),
            ("2026-11-22 21:19:41 Z", 1_795_382_381_000),
            ("2026-11-22t21:19:41z", 1_795_382_381_000),
            ("2026-11-22T24:00:00Z", 1_795_392_000_000),
            ("2024-02-29", 1_709_164_800_000),
            ("2000-02-29", 951_782_400_000),
            ("1969-12-31T23:59:59.999Z", -1),
            ("1900-01-01", -2_208_988_800_000),
            ("0000-01-01", -62_167_219_200_000),
            ("+275760-09-13T00:00:00.000Z", MAX_MS),
            ("-000001-01-01T00:00:00Z", -62_198_755_200_000),
        ];
        for (text, ms) in cases {
            assert_eq!(parse(text), Some(*ms), "parse({text:?})");
        }
    }

    #[test]
    fn refuses_invalid_dates_and_forms() {
        for text in [
            "",
            "2026",
            "2026-11",
            "2026-1-2",
            "26-11-22",
            "2026-02-30",
            "2026-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-11-00",
            "2026-11-22T25:00",
            "2026-11-22T24:00:01Z",
            "2026-11-22T24:30Z",
            "2026-11-22T21:60",
            "2026-11-22T21:19:60Z",
            "2026-11-22T21",
            "2026-11-22T21:19:41.Z",
            "2026-11-22T21:19:41+01",
            "2026-11-22T21:19:41+24:00",
            "2026-11-22T21:19:41+01:60",
            "2026-11-22T21:19:41 ",
            "2026-11-22T21:19:41 Z",
            "2026-11-22t21:19 +01:00",
            "2026-11-22T21:19:41Zjunk",
            "2026-11-22X21:19",
            "2026-11-22 ",
            "-000000-01-01T00:00:00Z",
            "+275760-09-13T00:00:00.001Z",
            "２０２６-11-22",
        ] {
            assert_eq!(parse(text), None, "parse({text:?})");
        }
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap(2000));
        assert!(is_leap(2024));
        assert!(is_leap(0));
        assert!(is_leap(-4));
        assert!(!is_leap(1900));
        assert!(!is_leap(2026));
        assert_eq!(format_date_only(parse("2024-02-29").expect("valid") + MS_PER_DAY), "2024-03-01");
        assert_eq!(format_date_only(parse("2023-02-28").expect("valid") + MS_PER_DAY), "2023-03-01");
    }

    #[test]
    fn civil_day_conversions_agree_over_a_wide_range() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(days_from_civil(2026, 11, 22), 20_779);
    }

    #[test]
    fn now_is_after_this_code_was_written() {
        let now = now_ms();
        assert!(now > 1_600_000_000_000, "{now}");
        assert!(now < MAX_MS);
    }
}
