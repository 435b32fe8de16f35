//! The string checks behind the validators, ported by hand from validator.js 13 (the library
//! Sequelize 6 calls) so that they accept and reject the same strings, without pulling in a
//! full regex engine: e-mail, URL, host name, IP, UUID, JavaScript's whitespace, `String.length`
//! and `parseFloat`, and the translation of a JavaScript regex (`is: /re/i`) to `regex-lite`.
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
    s.chars().map(char::len_utf16).sum()
}

/// The length validator.js's `isLength` (Sequelize's `len`) counts: UTF-16 code units, minus one
/// per surrogate pair (an emoji counts 1) and one per variation selector U+FE0E/U+FE0F that
/// follows another character (`❤️` counts 1).
pub(crate) fn js_length(s: &str) -> usize {
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
    t[..end].parse().unwrap_or(f64::NAN)
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
    let parts: Vec<&str> = s.split('.').collect();
    let tld = parts.last().copied().unwrap_or_default();
    let letters_tld =
        tld.chars().count() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic() || (in_utf8_range(c) && c != '\u{a9}'));
    let punycode_tld = tld.len() >= 4
        && tld.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
        && tld.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("xn"));
    if parts.len() < 2 || !(letters_tld || punycode_tld) || tld.chars().any(is_js_space) {
        return false;
    }
    parts.iter().all(|part| {
        !part.is_empty()
            && utf16_len(part) <= 63
            && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c >= '\u{a1}')
            && !part.chars().any(|c| ('\u{ff01}'..='\u{ff5e}').contains(&c))
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
                || matches!(c, '\u{1}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}')
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

/// The body of a character class matching JavaScript's `\s`, in `regex-lite` syntax.
const JS_SPACE_CLASS: &str =
    r"\t\n\x0B\x0C\r \xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

/// Translates a JavaScript regex (`source` and `flags`) to `regex-lite` syntax, so that the
/// common patterns learners write mean the same: `\s` and `.` as in JavaScript, `\/` and other
/// identity escapes, `[^]`. Lookarounds and backreferences (unsupported by `regex-lite`) and
/// unknown flags give an error text. Known differences: `i` folds ASCII case only, and `m`
/// treats only `\n` as a line end.
pub(crate) fn translate_js_regex(source: &str, flags: &str) -> Result<String, String> {
    let mut prefix = String::from("(?");
    for f in flags.chars() {
        match f {
            'i' => prefix.push('i'),
            'm' => prefix.push('m'),
            's' | 'g' | 'u' | 'y' | 'd' => {}
            _ => return Err(format!("unknown regex flag '{f}' (JavaScript knows d, g, i, m, s, u, y)")),
        }
    }
    prefix.push(':');
    if flags.contains('y') {
        prefix.insert_str(0, r"\A");
    }
    let dot = if flags.contains('s') { r"(?s:.)" } else { r"[^\n\r\x{2028}\x{2029}]" };
    let mut out = prefix;
    let mut in_class = false;
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(e) = chars.next() else { return Err("the pattern ends with a lone \\".into()) };
                match e {
                    's' if in_class => out.push_str(JS_SPACE_CLASS),
                    's' => out.push_str(&format!("[{JS_SPACE_CLASS}]")),
                    'S' if !in_class => out.push_str(&format!("[^{JS_SPACE_CLASS}]")),
                    'b' if in_class => out.push_str(r"\x08"),
                    '1'..='9' | 'k' => return Err("backreferences (\\1, \\k<name>) are not supported".into()),
                    'p' | 'P' => return Err("Unicode property classes (\\p{…}) are not supported".into()),
                    '0' => out.push_str(r"\x00"),
                    'c' => match chars.next() {
                        Some(l) if l.is_ascii_alphabetic() => {
                            out.push_str(&format!(r"\x{:02X}", (l as u8) % 32));
                        }
                        _ => return Err("\\c must be followed by a letter".into()),
                    },
                    'd' | 'D' | 'w' | 'W' | 'S' | 'b' | 'B' | 'n' | 'r' | 't' | 'f' | 'v' | 'x' | 'u' => {
                        out.push('\\');
                        out.push(e);
                    }
                    _ => out.push_str(&regex_lite::escape(e.encode_utf8(&mut [0; 4]))),
                }
            }
            '[' if in_class => out.push_str(r"\["),
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            '[' => {
                let mut ahead = chars.clone();
                if chars.next_if_eq(&']').is_some() {
                    out.push_str(r"[^\x00-\x{10FFFF}]");
                } else if ahead.next() == Some('^') && ahead.next() == Some(']') {
                    chars.nth(1);
                    out.push_str(r"(?s:.)");
                } else {
                    in_class = true;
                    out.push('[');
                    if let Some(caret) = chars.next_if_eq(&'^') {
                        out.push(caret);
                    }
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '.' if !in_class => out.push_str(dot),
            '(' if !in_class && chars.peek() == Some(&'?') => {
                let mut ahead = chars.clone();
                ahead.next();
                let next: String = ahead.take(2).collect();
                if next.starts_with('=') || next.starts_with('!') || next == "<=" || next == "<!" {
                    return Err("lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported".into());
                }
                out.push('(');
            }
            _ => out.push(c),
        }
    }
    out.push(')');
    Ok(out)
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
