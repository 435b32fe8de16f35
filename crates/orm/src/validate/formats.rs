//! The string checks behind the validators, ported by hand from validator.js 13 (the library
//! Sequelize 6 calls) so that they accept and reject the same strings, without pulling in a
//! full regex engine: e-mail, URL, host name, IP, UUID, JavaScript's whitespace, `String.length`
//! and `parseFloat`.
//!
//! JavaScript strings are UTF-16; where validator.js counts code units (`str.length`) or its
//! regexes see surrogate halves (astral characters such as emoji), the ports below do the same.

/// JavaScript's `\s`: the characters `/\s/` matches (and `parseFloat` skips).
pub(crate) fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

/// JavaScript's `str.length` (UTF-16 code units).
fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.chars().map(char::len_utf16).sum()
}

/// The length validator.js's `isLength` (Sequelize's `len`) counts: UTF-16 code units, minus one
/// per surrogate pair (an emoji counts 1) and one per variation selector U+FE0E/U+FE0F that
/// follows another character (`❤️` counts 1).
pub(crate) fn js_length(s: &str) -> usize {
    if s.is_ascii() {
        return s.len(); // one unit per character, no surrogate pairs, no variation selectors
    }
    let is_selector = |u: u16| u == 0xFE0E || u == 0xFE0F;
    let mut units = s.encode_utf16().peekable();
    let (mut total, mut selectors) = (0_usize, 0_usize);
    while let Some(u) = units.next() {
        total += 1;
        if !is_selector(u) && units.peek().is_some_and(|&next| is_selector(next)) {
            units.next();
            total += 1;
            selectors += 1;
        }
    }
    let pairs = s.chars().filter(|c| c.len_utf16() == 2).count();
    total.saturating_sub(selectors + pairs)
}

/// JavaScript's `parseFloat`: the longest decimal prefix after leading whitespace, `NaN` if none
/// (`"3abc"` gives 3, `"0x10"` gives 0, `"abc"` gives NaN).
pub(crate) fn js_parse_float(s: &str) -> f64 {
    let t = s.trim_start_matches(is_js_space);
    let b = t.as_bytes();
    let digits_from = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    if t[i..].starts_with("Infinity") {
        return if t.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY };
    }
    let int_end = digits_from(i);
    let mut end = int_end;
    if b.get(int_end) == Some(&b'.') {
        let frac_end = digits_from(int_end + 1);
        if int_end > i || frac_end > int_end + 1 {
            end = frac_end;
        }
    }
    if end == i {
        return f64::NAN;
    }
    i = end;
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
        let exp_end = digits_from(i + 1 + sign);
        if exp_end > i + 1 + sign {
            end = exp_end;
        }
    }
    crate::number::parse(&t[..end]).unwrap_or(f64::NAN)
}

/// validator.js `isUUID(str, version)`; `None` is its default `'all'` (versions 1–8, nil, max).
pub(crate) fn is_uuid(s: &str, version: Option<u8>) -> bool {
    let b = s.as_bytes();
    let shape = b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        });
    if !shape {
        return false;
    }
    let variant_ok = matches!(b[19].to_ascii_lowercase(), b'8' | b'9' | b'a' | b'b');
    match version {
        Some(v) => b[14] == b'0' + v && variant_ok,
        None => {
            (matches!(b[14], b'1'..=b'8') && variant_ok)
                || s.bytes().all(|c| c == b'0' || c == b'-')
                || s.bytes().all(|c| matches!(c, b'f' | b'F' | b'-'))
        }
    }
}

/// validator.js's strict IPv4 (no leading zeros, each part 0–255).
fn is_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            (1..=3).contains(&p.len())
                && p.bytes().all(|c| c.is_ascii_digit())
                && !(p.len() > 1 && p.starts_with('0'))
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// The number of 16-bit groups in a `:`-separated run (an IPv4 tail counts two), if well formed.
fn ipv6_groups(run: &str, v4_tail_allowed: bool) -> Option<usize> {
    if run.is_empty() {
        return Some(0);
    }
    let parts: Vec<&str> = run.split(':').collect();
    let mut count = 0;
    for (i, p) in parts.iter().enumerate() {
        if v4_tail_allowed && i + 1 == parts.len() && p.contains('.') {
            count += if is_ipv4(p) { 2 } else { return None };
        } else if (1..=4).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_hexdigit()) {
            count += 1;
        } else {
            return None;
        }
    }
    Some(count)
}

/// validator.js's IPv6: 8 groups, or fewer around one `::`, an optional IPv4 tail and an
/// optional `%zone`.
fn is_ipv6(s: &str) -> bool {
    let addr = match s.split_once('%') {
        Some((addr, zone)) => {
            if zone.is_empty() || !zone.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.') {
                return false;
            }
            addr
        }
        None => s,
    };
    match addr.split_once("::") {
        Some((head, tail)) => match (ipv6_groups(head, false), ipv6_groups(tail, true)) {
            (Some(h), Some(t)) => h + t <= 7,
            _ => false,
        },
        None => ipv6_groups(addr, true) == Some(8),
    }
}

/// validator.js `isIP(str, version)`: `Some(4)`, `Some(6)` or `None` for either.
pub(crate) fn is_ip(s: &str, version: Option<u8>) -> bool {
    match version {
        Some(4) => is_ipv4(s),
        Some(6) => is_ipv6(s),
        _ => is_ipv4(s) || is_ipv6(s),
    }
}

/// Characters validator.js's `[\u00A1-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]` accepts (astral
/// characters are surrogate pairs there, outside every range).
fn in_utf8_range(c: char) -> bool {
    matches!(c, '\u{a1}'..='\u{d7ff}' | '\u{f900}'..='\u{fdcf}' | '\u{fdf0}'..='\u{ffef}')
}

/// validator.js `isFQDN` with its defaults: a TLD of 2+ letters (or `xn--…`), labels of letters,
/// digits, `-` and non-ASCII, none longer than 63, no `_`, no full-width forms, no edge hyphens.
pub(crate) fn is_fqdn(s: &str) -> bool {
    let tld = s.rsplit('.').next().unwrap_or_default();
    let letters_tld =
        tld.chars().count() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic() || (in_utf8_range(c) && c != '\u{a9}'));
    let punycode_tld = tld.len() >= 4
        && tld.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
        && tld.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("xn"));
    if !s.contains('.') || !(letters_tld || punycode_tld) || tld.chars().any(is_js_space) {
        return false;
    }
    s.split('.').all(|part| {
        !part.is_empty()
            && utf16_len(part) <= 63
            && part.chars().all(|c| {
                (c.is_ascii_alphanumeric() || c == '-' || c >= '\u{a1}') && !('\u{ff01}'..='\u{ff5e}').contains(&c)
            })
            && !part.starts_with('-')
            && !part.ends_with('-')
    })
}

/// validator.js `isEmail` with its defaults (the options Sequelize passes are ignored, as it
/// replaces them by `{}`): UTF-8 local parts allowed, a domain with a TLD, no IP domains, local
/// part at most 64 bytes, domain at most 254, whole address at most 254 UTF-16 units.
pub(crate) fn is_email(s: &str) -> bool {
    let Some((user, domain)) = s.rsplit_once('@') else {
        return false;
    };
    if utf16_len(s) > 254 || user.len() > 64 || domain.len() > 254 || !is_fqdn(domain) {
        return false;
    }
    if user.starts_with('"') && user.ends_with('"') {
        let inner = user.get(1..user.len().saturating_sub(1)).unwrap_or_default();
        let plain = |c: char| {
            is_js_space(c)
                || matches!(c, '\u{1}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}')
                || c == '\u{7f}'
                || matches!(c, '!' | '#'..='[' | ']'..='~' | '\u{a0}')
                || in_utf8_range(c)
        };
        let escaped = |c: char| {
            matches!(c, '\u{1}'..='\u{9}' | '\u{b}' | '\u{c}' | '\u{d}'..='\u{7f}' | '\u{a0}') || in_utf8_range(c)
        };
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            let ok = if c == '\\' { chars.next().is_some_and(escaped) } else { plain(c) };
            if !ok {
                return false;
            }
        }
        return true;
    }
    user.split('.').all(|part| {
        !part.is_empty()
            && part.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) || in_utf8_range(c))
    })
}

/// validator.js `isURL` with its defaults (Sequelize's `isUrl` passes none): protocol optional but
/// one of http, https, ftp; a host that is an IP or a domain with a TLD; a port 1–65535.
pub(crate) fn is_url(s: &str) -> bool {
    if s.is_empty() || s.chars().any(|c| is_js_space(c) || c == '<' || c == '>') {
        return false;
    }
    if s.starts_with("mailto:") || utf16_len(s) > 2084 {
        return false;
    }
    let s = s.split('#').next().unwrap_or_default();
    let mut url = s.split('?').next().unwrap_or_default();
    let mut explicit_protocol = false;
    if let Some((proto, after)) = url.split_once(':') {
        let is_proto = proto.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && proto.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        let looks_like_auth_or_port = !after.starts_with("//") && {
            let before_slash = after.split('/').next().unwrap_or_default();
            match before_slash.split_once('@') {
                Some((before_at, _)) => {
                    before_at.chars().all(|c| c.is_ascii_alphanumeric() || "-_.%:".contains(c))
                        && !has_percent_escape(before_at)
                }
                None => after.starts_with(|c: char| c.is_ascii_digit()),
            }
        };
        if is_proto && !looks_like_auth_or_port {
            if !["http", "https", "ftp"].contains(&proto.to_ascii_lowercase().as_str()) {
                return false;
            }
            explicit_protocol = true;
            url = after;
        }
    }
    if let Some(rest) = url.strip_prefix("//") {
        if !explicit_protocol {
            return false;
        }
        url = rest;
    }
    let authority = url.split('/').next().unwrap_or_default();
    if url.is_empty() || authority.starts_with('@') {
        return false;
    }
    let hostname = match authority.split_once('@') {
        Some((auth, rest)) => {
            if auth.split(':').count() > 2 || auth == ":" {
                return false;
            }
            rest
        }
        None => authority,
    };
    let (host, ipv6, port) = match bracketed_ipv6(hostname) {
        Some((ip, port)) => ("", Some(ip), port),
        None => match hostname.split_once(':') {
            Some((host, port)) => (host, None, Some(port)),
            None => (hostname, None, None),
        },
    };
    if let Some(port) = port.filter(|p| !p.is_empty()) {
        let valid = port.bytes().all(|c| c.is_ascii_digit())
            && port.trim_start_matches('0').len() <= 5
            && port.parse::<u32>().is_ok_and(|n| (1..=65_535).contains(&n));
        if !valid {
            return false;
        }
    }
    is_ip(host, None) || is_fqdn(host) || ipv6.is_some_and(|ip| is_ip(ip, Some(6)))
}

/// `%` followed by two hex digits somewhere in `s`.
fn has_percent_escape(s: &str) -> bool {
    s.as_bytes().windows(3).any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// `[ip]` or `[ip]:port` (validator.js `/^\[([^\]]+)\](?::([0-9]+))?$/`).
fn bracketed_ipv6(s: &str) -> Option<(&str, Option<&str>)> {
    let (ip, rest) = s.strip_prefix('[')?.split_once(']')?;
    if ip.is_empty() {
        return None;
    }
    match rest.strip_prefix(':') {
        None if rest.is_empty() => Some((ip, None)),
        Some(port) if !port.is_empty() && port.bytes().all(|c| c.is_ascii_digit()) => Some((ip, Some(port))),
        _ => None,
    }
}

/// Splits off the leading ASCII digits: their count and the rest.
fn split_digits(s: &str) -> (usize, &str) {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (n, &s[n..])
}

/// `rest` is empty or an exponent `[eE][+-]?[0-9]+`.
fn exponent_or_empty(rest: &str) -> bool {
    match rest.strip_prefix(['e', 'E']) {
        None => rest.is_empty(),
        Some(exp) => matches!(split_digits(exp.strip_prefix(['+', '-']).unwrap_or(exp)), (1.., "")),
    }
}

/// `rest` is empty, or `.` with digits, then an optional exponent.
fn fraction_exponent(rest: &str) -> bool {
    exponent_or_empty(rest.strip_prefix('.').map_or(rest, |f| split_digits(f).1))
}

/// validator.js `isInt`: `/^[-+]?[0-9]+$/` (leading zeros allowed).
pub(crate) fn is_int(s: &str) -> bool {
    matches!(split_digits(s.strip_prefix(['+', '-']).unwrap_or(s)), (1.., ""))
}

/// validator.js `isFloat`: `/^[-+]?[0-9]*(\.[0-9]*)?([eE][+-]?[0-9]+)?$/` except `""`, `"."`,
/// `","`, `"-"` and `"+"`.
pub(crate) fn is_float(s: &str) -> bool {
    !["", ".", ",", "-", "+"].contains(&s) && fraction_exponent(split_digits(s.strip_prefix(['+', '-']).unwrap_or(s)).1)
}

/// Sequelize's own `isDecimal`: non-empty and `/^(-?[0-9]+)?(\.[0-9]*)?([eE][+-]?[0-9]+)?$/`.
pub(crate) fn is_decimal(s: &str) -> bool {
    let (digits, rest) = split_digits(s.strip_prefix('-').unwrap_or(s));
    !s.is_empty() && (digits > 0 || !s.starts_with('-')) && fraction_exponent(rest)
}

/// validator.js `isNumeric`: `/^[+-]?([0-9]*[.])?[0-9]+$/`.
pub(crate) fn is_numeric(s: &str) -> bool {
    match split_digits(s.strip_prefix(['+', '-']).unwrap_or(s)) {
        (n, "") => n > 0,
        (_, rest) => rest.strip_prefix('.').is_some_and(|f| matches!(split_digits(f), (1.., ""))),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    //! Expected results generated by running validator.js 13.15 (through Sequelize 6.37's
    //! `validator-extras`, which adds `isDecimal`, `notEmpty` and `is`) on each input.

    use super::*;

    #[rustfmt::skip]
    const EMAILS: &[(&str, bool)] = &[
        ("not-an-email", false), ("a@b.co", true), ("a@b", false), ("A.B+c@Example.COM", true),
        ("\"a b\"@x.org", true), ("a..b@x.org", false), ("ü@x.de", true), ("a@localhost", false),
        ("a@1.2.3.4", false), ("a@[1.2.3.4]", false), ("x@xn--80ak6aa92e.com", true),
        ("a_b@c_d.com", false), ("", false),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@x.com", true),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@x.com", false),
        ("a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.com", true),
        ("a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.com", false),
        ("a@b.c", false), ("a@b.c1", false), ("a@b.-c.com", false), ("a@b..com", false),
        (".a@b.com", false), ("a.@b.com", false), ("a@b@c.com", false), ("\"a@b\"@c.com", true),
        ("a@b.com.", false), ("a@xn--p1ai.xn--p1ai", true), ("a@ｘ.com", false),
        ("a b@c.com", false), ("a@b.ü", false), ("a@b.üü", true), ("😀@b.com", false),
        ("\"@x.com", true), ("\"a\\\"b\"@x.com", true), ("\"a\\\nb\"@x.com", false),
        ("\"a\"b\"@x.com", false), ("o'neil@x.ie", true), ("a@b.co\u{3000}m", false),
        ("a@b.c©", false), ("x@y.XN--P1AI", true), ("a@-b.com", false), ("a@b-.com", false),
        ("a@b_c.com", false), ("a@b.com ", false), (" a@b.com", false),
        ("test@te\u{ad}st.com", true),
        ("a@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee.com", true),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.ddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.com", false),
        ("üüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüü@x.com", false),
        ("üüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüü@x.com", true), ("a@x.😀😀", false), ("a@😀.com", true),
    ];
    #[rustfmt::skip]
    const URLS: &[(&str, bool)] = &[
        ("http://example.com", true), ("example.com", true), ("https://a.b/c?d#e", false),
        ("https://ab.cd/c?d#e", true), ("ftp://x.org", true), ("mailto:a@b.com", false),
        ("javascript:alert(1)", false), ("http://localhost:3000", false),
        ("http://1.2.3.4:80/x", true), ("http://[::1]:80", true), ("http://[::1]", true),
        ("http://[::1]x", false), ("http://user:pw@x.com", true), ("x", false), ("", false),
        ("http://ex ample.com", false), ("//x.com", false), ("http://x.com:0", false),
        ("http://x.com:99999", false), ("http://x.com:65535", true), ("http://x.com:000080", true),
        ("http://x.com:", true), ("localhost:3000", false), ("x.com:3000", true),
        ("http://a_b.com", false), ("http://-a.com", false), ("http://x.123", false),
        ("HTTP://X.COM", true), ("gopher://x.com", false), ("user@x.com", true),
        ("user:pw@x.com", true), ("http://@x.com", false), ("http://:@x.com", false),
        ("http://a:b:c@x.com", false), ("http://a@b@x.com", false), ("http://x.com/<", false),
        ("javascript:%61@x.com", false), ("http://x.com?a=b", true), ("http://x.com#frag", true),
        ("http://1.2.3.4", true), ("http://256.1.1.1", false), ("1.2.3.4", true),
        ("http://x.com:80:90", false), ("http:///x.com", false), ("http://", false),
        ("https://ab.cd\u{a0}", false), ("http://müller.de", true),
        ("http://x.com/path with", false), ("www.example.com/foo/bar?x=1", true),
        ("a:1@x.com", true), ("a.b:c@x.com", true), ("http://x.com:8a", false),
    ];
    #[rustfmt::skip]
    const IPS_ANY: &[(&str, bool)] = &[
        ("1.2.3.4", true), ("::1", true), ("256.1.1.1", false), ("01.2.3.4", false),
        ("0.0.0.0", true), ("255.255.255.255", true), ("1.2.3", false), ("1.2.3.4.5", false),
        ("fe80::1%eth0", true), ("fe80::1%", false), ("fe80::1%a-b", false),
        ("::ffff:1.2.3.4", true), ("::", true), (":::", false), ("1::", true),
        ("1:2:3:4:5:6:7:8", true), ("1:2:3:4:5:6:7:8:9", false), ("1:2:3:4:5:6:7::", true),
        ("1:2:3:4:5:6:7:8::", false), ("::2:3:4:5:6:7:8", true), ("1::3:4:5:6:7:8", true),
        ("1:2:3:4:5:6:1.2.3.4", true), ("1:2:3:4:5:6:7:1.2.3.4", false),
        ("1:2:3:4:5::1.2.3.4", true), ("1.2.3.4::", false), ("2001:db8::1", true),
        ("2001:DB8::1", true), ("12345::1", false), ("g::1", false), ("1::2::3", false),
        (":1::2", false), ("1::2:", false), ("x", false), ("", false), (" 1.2.3.4", false),
    ];
    #[rustfmt::skip]
    const IPS_V4: &[(&str, bool)] = &[
        ("1.2.3.4", true), ("::1", false), ("256.1.1.1", false), ("01.2.3.4", false),
        ("0.0.0.0", true), ("255.255.255.255", true), ("1.2.3", false), ("1.2.3.4.5", false),
        ("fe80::1%eth0", false), ("fe80::1%", false), ("fe80::1%a-b", false),
        ("::ffff:1.2.3.4", false), ("::", false), (":::", false), ("1::", false),
        ("1:2:3:4:5:6:7:8", false), ("1:2:3:4:5:6:7:8:9", false), ("1:2:3:4:5:6:7::", false),
        ("1:2:3:4:5:6:7:8::", false), ("::2:3:4:5:6:7:8", false), ("1::3:4:5:6:7:8", false),
        ("1:2:3:4:5:6:1.2.3.4", false), ("1:2:3:4:5:6:7:1.2.3.4", false),
        ("1:2:3:4:5::1.2.3.4", false), ("1.2.3.4::", false), ("2001:db8::1", false),
        ("2001:DB8::1", false), ("12345::1", false), ("g::1", false), ("1::2::3", false),
        (":1::2", false), ("1::2:", false), ("x", false), ("", false), (" 1.2.3.4", false),
    ];
    #[rustfmt::skip]
    const IPS_V6: &[(&str, bool)] = &[
        ("1.2.3.4", false), ("::1", true), ("256.1.1.1", false), ("01.2.3.4", false),
        ("0.0.0.0", false), ("255.255.255.255", false), ("1.2.3", false), ("1.2.3.4.5", false),
        ("fe80::1%eth0", true), ("fe80::1%", false), ("fe80::1%a-b", false),
        ("::ffff:1.2.3.4", true), ("::", true), (":::", false), ("1::", true),
        ("1:2:3:4:5:6:7:8", true), ("1:2:3:4:5:6:7:8:9", false), ("1:2:3:4:5:6:7::", true),
        ("1:2:3:4:5:6:7:8::", false), ("::2:3:4:5:6:7:8", true), ("1::3:4:5:6:7:8", true),
        ("1:2:3:4:5:6:1.2.3.4", true), ("1:2:3:4:5:6:7:1.2.3.4", false),
        ("1:2:3:4:5::1.2.3.4", true), ("1.2.3.4::", false), ("2001:db8::1", true),
        ("2001:DB8::1", true), ("12345::1", false), ("g::1", false), ("1::2::3", false),
        (":1::2", false), ("1::2:", false), ("x", false), ("", false), (" 1.2.3.4", false),
    ];
    #[rustfmt::skip]
    const UUIDS_ALL: &[(&str, bool)] = &[
        ("3b241101-e2bb-4255-8caf-4136c566a962", true),
        ("a8098c1a-f86e-11da-bd1a-00112444be1e", true),
        ("3B241101-E2BB-4255-8CAF-4136C566A962", true),
        ("00000000-0000-0000-0000-000000000000", true),
        ("FFFFFFFF-ffff-ffff-ffff-ffffffffffff", true),
        ("3b241101-e2bb-9255-8caf-4136c566a962", false),
        ("3b241101-e2bb-4255-7caf-4136c566a962", false),
        ("3b241101-e2bb-0255-8caf-4136c566a962", false),
        ("3b241101e2bb-4255-8caf-4136c566a962", false),
        ("3b241101-e2bb-4255-8caf-4136c566a96g", false), ("x", false), ("", false),
    ];
    #[rustfmt::skip]
    const UUIDS_V4: &[(&str, bool)] = &[
        ("3b241101-e2bb-4255-8caf-4136c566a962", true),
        ("a8098c1a-f86e-11da-bd1a-00112444be1e", false),
        ("3B241101-E2BB-4255-8CAF-4136C566A962", true),
        ("00000000-0000-0000-0000-000000000000", false),
        ("FFFFFFFF-ffff-ffff-ffff-ffffffffffff", false),
        ("3b241101-e2bb-9255-8caf-4136c566a962", false),
        ("3b241101-e2bb-4255-7caf-4136c566a962", false),
        ("3b241101-e2bb-0255-8caf-4136c566a962", false),
        ("3b241101e2bb-4255-8caf-4136c566a962", false),
        ("3b241101-e2bb-4255-8caf-4136c566a96g", false), ("x", false), ("", false),
    ];
    #[rustfmt::skip]
    const UUIDS_V1: &[(&str, bool)] = &[
        ("3b241101-e2bb-4255-8caf-4136c566a962", false),
        ("a8098c1a-f86e-11da-bd1a-00112444be1e", true),
        ("3B241101-E2BB-4255-8CAF-4136C566A962", false),
        ("00000000-0000-0000-0000-000000000000", false),
        ("FFFFFFFF-ffff-ffff-ffff-ffffffffffff", false),
        ("3b241101-e2bb-9255-8caf-4136c566a962", false),
        ("3b241101-e2bb-4255-7caf-4136c566a962", false),
        ("3b241101-e2bb-0255-8caf-4136c566a962", false),
        ("3b241101e2bb-4255-8caf-4136c566a962", false),
        ("3b241101-e2bb-4255-8caf-4136c566a96g", false), ("x", false), ("", false),
    ];
    #[rustfmt::skip]
    const INTS: &[(&str, bool)] = &[
        ("1", true), ("-1", true), ("+1", true), ("01", true), ("1.0", false), ("1.", false),
        (".5", false), ("-.5", false), ("+.", false), (".", false), ("", false), ("-", false),
        ("+", false), (",", false), ("1e5", false), ("1E+5", false), ("1e", false), ("e5", false),
        ("-e5", false), ("1.5.5", false), ("1,5", false), ("Infinity", false), (" 1", false),
        ("1 ", false), ("a", false), ("0x10", false), ("-1.5e-3", false), ("--1", false),
        ("٣", false), ("1.5e", false), ("+1.5e+3", false),
    ];
    #[rustfmt::skip]
    const FLOATS: &[(&str, bool)] = &[
        ("1", true), ("-1", true), ("+1", true), ("01", true), ("1.0", true), ("1.", true),
        (".5", true), ("-.5", true), ("+.", true), (".", false), ("", false), ("-", false),
        ("+", false), (",", false), ("1e5", true), ("1E+5", true), ("1e", false), ("e5", true),
        ("-e5", true), ("1.5.5", false), ("1,5", false), ("Infinity", false), (" 1", false),
        ("1 ", false), ("a", false), ("0x10", false), ("-1.5e-3", true), ("--1", false),
        ("٣", false), ("1.5e", false), ("+1.5e+3", true),
    ];
    #[rustfmt::skip]
    const DECIMALS: &[(&str, bool)] = &[
        ("1", true), ("-1", true), ("+1", false), ("01", true), ("1.0", true), ("1.", true),
        (".5", true), ("-.5", false), ("+.", false), (".", true), ("", false), ("-", false),
        ("+", false), (",", false), ("1e5", true), ("1E+5", true), ("1e", false), ("e5", true),
        ("-e5", false), ("1.5.5", false), ("1,5", false), ("Infinity", false), (" 1", false),
        ("1 ", false), ("a", false), ("0x10", false), ("-1.5e-3", true), ("--1", false),
        ("٣", false), ("1.5e", false), ("+1.5e+3", false),
    ];
    #[rustfmt::skip]
    const NUMERICS: &[(&str, bool)] = &[
        ("1", true), ("-1", true), ("+1", true), ("01", true), ("1.0", true), ("1.", false),
        (".5", true), ("-.5", true), ("+.", false), (".", false), ("", false), ("-", false),
        ("+", false), (",", false), ("1e5", false), ("1E+5", false), ("1e", false), ("e5", false),
        ("-e5", false), ("1.5.5", false), ("1,5", false), ("Infinity", false), (" 1", false),
        ("1 ", false), ("a", false), ("0x10", false), ("-1.5e-3", false), ("--1", false),
        ("٣", false), ("1.5e", false), ("+1.5e+3", false),
    ];
    #[rustfmt::skip]
    const NOT_EMPTY: &[(&str, bool)] = &[
        ("", false), (" ", false), ("\t\n", false), ("\u{a0}", false), ("\u{3000}", false),
        ("\u{feff}", false), ("\u{85}", true), ("\u{200b}", true), ("a", true), (" a ", true),
    ];
    #[rustfmt::skip]
    const PARSE_FLOAT: &[(&str, f64)] = &[
        ("3abc", 3.0), (" 3", 3.0), ("\u{a0}\n3", 3.0), ("-Infinity", f64::NEG_INFINITY),
        ("Infinityx", f64::INFINITY), ("+Infinity", f64::INFINITY), ("1e0", 1.0), (".5", 0.5),
        ("-.5e1", -5.0), ("0x10", 0.0), ("1e", 1.0), ("1e+", 1.0), ("1.e2", 100.0),
        (".", f64::NAN), ("-.", f64::NAN), ("", f64::NAN), ("abc", f64::NAN), ("12.34.56", 12.34),
        ("+-1", f64::NAN), ("5.", 5.0), ("00012", 12.0), ("1_000", 1.0), ("1e400", f64::INFINITY),
    ];
    #[rustfmt::skip]
    const LENGTHS: &[(&str, usize)] = &[
        ("", 0), ("abc", 3), ("😀", 1), ("😀😀", 2), ("❤\u{fe0f}", 1), ("❤\u{fe0f}❤\u{fe0f}", 2),
        ("e\u{301}", 2), ("\u{fe0f}", 1), ("\u{fe0f}\u{fe0f}", 2), ("a\u{fe0f}\u{fe0f}", 2),
        ("😀\u{fe0f}", 1), ("ß", 1), ("𝔘𝔫𝔦", 3), ("👨\u{200d}👩\u{200d}👧", 5),
    ];
    #[rustfmt::skip]
    const LOWER: &[(&str, bool)] = &[
        ("abc", true), ("ABC", false), ("ab1", true), ("é", true), ("É", false), ("ß", true),
        ("Σ", false), ("ΑΣ", false), ("123", true), ("", true), ("İ", false), ("ǅ", false),
    ];
    #[rustfmt::skip]
    const UPPER: &[(&str, bool)] = &[
        ("abc", false), ("ABC", true), ("ab1", false), ("é", false), ("É", true), ("ß", false),
        ("Σ", true), ("ΑΣ", true), ("123", true), ("", true), ("İ", true), ("ǅ", false),
    ];
    #[rustfmt::skip]
    const ALPHA: &[(&str, bool)] = &[
        ("abc", true), ("ABC", true), ("ab1", false), ("é", false), ("É", false), ("ß", false),
        ("Σ", false), ("ΑΣ", false), ("123", false), ("", false), ("İ", false), ("ǅ", false),
        ("a b", false), ("a1", false),
    ];
    #[rustfmt::skip]
    const ALNUM: &[(&str, bool)] = &[
        ("abc", true), ("ABC", true), ("ab1", true), ("é", false), ("É", false), ("ß", false),
        ("Σ", false), ("ΑΣ", false), ("123", true), ("", false), ("İ", false), ("ǅ", false),
        ("a b", false), ("a1", true), ("a_1", false),
    ];
    fn check_table(name: &str, table: &[(&str, bool)], f: impl Fn(&str) -> bool) {
        for (input, expected) in table {
            assert_eq!(f(input), *expected, "{name}({input:?})");
        }
    }

    #[test]
    fn formats_match_validator_js() {
        check_table("isEmail", EMAILS, is_email);
        check_table("isURL", URLS, is_url);
        check_table("isIP", IPS_ANY, |s| is_ip(s, None));
        check_table("isIP 4", IPS_V4, |s| is_ip(s, Some(4)));
        check_table("isIP 6", IPS_V6, |s| is_ip(s, Some(6)));
        check_table("isUUID", UUIDS_ALL, |s| is_uuid(s, None));
        check_table("isUUID 4", UUIDS_V4, |s| is_uuid(s, Some(4)));
        check_table("isUUID 1", UUIDS_V1, |s| is_uuid(s, Some(1)));
        check_table("isInt", INTS, is_int);
        check_table("isFloat", FLOATS, is_float);
        check_table("isDecimal", DECIMALS, is_decimal);
        check_table("isNumeric", NUMERICS, is_numeric);
        check_table("notEmpty", NOT_EMPTY, |s| !s.chars().all(is_js_space));
        check_table("isLowercase", LOWER, |s| s == s.to_lowercase());
        check_table("isUppercase", UPPER, |s| s == s.to_uppercase());
        check_table("isAlpha", ALPHA, |s| !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphabetic()));
        check_table("isAlphanumeric", ALNUM, |s| !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric()));
    }

    #[test]
    fn parse_float_and_length_match_javascript() {
        for (input, expected) in PARSE_FLOAT {
            let got = js_parse_float(input);
            assert!(got == *expected || (got.is_nan() && expected.is_nan()), "parseFloat({input:?}) = {got}");
        }
        for (input, expected) in LENGTHS {
            assert_eq!(js_length(input), *expected, "length of {input:?}");
        }
    }
}
