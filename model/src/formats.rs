//! The value formats a connector kind can require.

use serde_json::Value;

use crate::error::{json_kind, json_syntax_reason};
use crate::model::ValueFormat;

/// Whether `value` has `format`.
pub fn matches_format(format: ValueFormat, value: &str) -> bool {
    format_problem(format, value).is_none()
}

/// Why `value` does not have `format`: `None` when it has it, else a
/// sentence to add to "must be ..." (empty when there is nothing to add).
/// For the JSON formats it says where the text stops being JSON, or what
/// JSON it is instead; it never quotes the value.
pub fn format_problem(format: ValueFormat, value: &str) -> Option<String> {
    let fits = match format {
        ValueFormat::Text => true,
        ValueFormat::Integer if value.parse::<i64>().is_ok() && !value.starts_with('+') => true,
        ValueFormat::Integer => {
            let digits = value.strip_prefix('-').unwrap_or(value);
            let whole = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
            return Some(if whole {
                format!(
                    " It is a whole number, but outside the range {} to {}.",
                    i64::MIN,
                    i64::MAX
                )
            } else {
                String::new()
            });
        }
        ValueFormat::Boolean => matches!(value, "true" | "false"),
        ValueFormat::Url
            if !value.is_ascii() && written_host(value).is_some_and(|h| !h.is_ascii()) =>
        {
            return Some(NON_ASCII_HOST.to_owned());
        }
        ValueFormat::Url => url::Url::parse(value).is_ok_and(|u| u.has_host()),
        ValueFormat::Duration => is_duration(value),
        ValueFormat::Timestamp => {
            time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339)
                .is_ok()
        }
        ValueFormat::JsonObject | ValueFormat::JsonArray => {
            return json_problem(format, value);
        }
    };
    (!fits).then(String::new)
}

fn json_problem(format: ValueFormat, value: &str) -> Option<String> {
    match serde_json::from_str::<Value>(value) {
        Err(e) => Some(format!(
            " It is not valid JSON at line {}, column {}: {}.",
            e.line(),
            e.column(),
            json_syntax_reason(&e)
        )),
        Ok(Value::Object(_)) if format == ValueFormat::JsonObject => None,
        Ok(Value::Array(_)) if format == ValueFormat::JsonArray => None,
        Ok(other) => Some(format!(" It is {}.", json_kind(&other))),
    }
}

/// What a URL whose host is written outside ASCII is told. `url` runs
/// without IDNA (model/Cargo.toml pins `idna_adapter`'s stub, which carries
/// no Unicode tables), so such a host is refused and its xn-- form asked for.
const NON_ASCII_HOST: &str = " Its host has characters outside ASCII: write the host in its \
     xn-- (Punycode) form, such as xn--bcher-kva.example for b\u{fc}cher.example.";

/// The host of `value` as written, found the way the URL standard splits an
/// absolute URL (surrounding spaces and controls ignored; after a special
/// scheme any run of `/` and `\\`, after another `//`; the authority ends at
/// `/`, `?` or `#`, and at `\\` for a special scheme; the host follows the
/// last `@` and ends at a `:`; an IP literal in brackets is left to `url`). Only used to tell a host
/// outside ASCII apart: `url` decides everything else.
fn written_host(value: &str) -> Option<&str> {
    let value = value.trim_matches(|c: char| c <= ' ');
    let (scheme, rest) = value.split_once(':')?;
    let special = ["http", "https", "ws", "wss", "ftp", "file"]
        .iter()
        .any(|s| scheme.eq_ignore_ascii_case(s));
    let authority = if special {
        rest.trim_start_matches(['/', '\\'])
    } else {
        rest.strip_prefix("//")?
    };
    let end = authority
        .find(|c: char| matches!(c, '/' | '?' | '#') || (special && c == '\\'))
        .unwrap_or(authority.len());
    let authority = &authority[..end];
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if host.starts_with('[') {
        return None; // an IP literal, not a name: `url` refuses one outside ASCII
    }
    Some(&host[..host.find(':').unwrap_or(host.len())])
}

/// How the format is described to a user: "must be {description}".
pub fn describe_format(format: ValueFormat) -> &'static str {
    match format {
        ValueFormat::Text => "text",
        ValueFormat::Integer => "a whole number such as 5 or -12",
        ValueFormat::Boolean => "true or false",
        ValueFormat::Url => "an absolute URL with a host, such as https://api.example.com",
        ValueFormat::Duration => "a duration such as 30s, 1h30m, 250ms or PT30S",
        ValueFormat::JsonObject => "the text of a JSON object, such as {\"a\": 1}",
        ValueFormat::JsonArray => "the text of a JSON array, such as [\"a\", \"b\"]",
        ValueFormat::Timestamp => {
            "an RFC 3339 timestamp with a UTC offset, such as 2026-11-23T10:00:00Z"
        }
    }
}

/// The format's name as the WIT and the descriptor spell it.
pub fn format_name(format: ValueFormat) -> &'static str {
    match format {
        ValueFormat::Text => "text",
        ValueFormat::Integer => "integer",
        ValueFormat::Boolean => "boolean",
        ValueFormat::Url => "url",
        ValueFormat::Duration => "duration",
        ValueFormat::JsonObject => "json-object",
        ValueFormat::JsonArray => "json-array",
        ValueFormat::Timestamp => "timestamp",
    }
}

/// `60s`, `1h30m`, `250ms`, `1.5h`, `2d` (units ms, s, m, h, d), or an ISO
/// 8601 duration such as `PT30S` or `P1DT2H`.
fn is_duration(value: &str) -> bool {
    if let Some(rest) = value.strip_prefix('P') {
        return is_iso_duration(rest);
    }
    let mut rest = value;
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        if !is_decimal(&rest[..digits]) {
            return false;
        }
        rest = &rest[digits..];
        let unit = ["ms", "s", "m", "h", "d"]
            .into_iter()
            .find(|u| rest.starts_with(u));
        match unit {
            Some(unit) => rest = &rest[unit.len()..],
            None => return false,
        }
    }
    true
}

/// Whether `number`, made of ASCII digits and dots, is what `f64`'s parser
/// accepts from such text (`1.5`, `1.`, `.5`; not `.` or `1.2.3`). Checked
/// by hand because the float parser and its tables were 15 KB of the guest,
/// here for this one question.
fn is_decimal(number: &str) -> bool {
    number.bytes().any(|b| b.is_ascii_digit()) && number.bytes().filter(|&b| b == b'.').count() <= 1
}

fn is_iso_duration(rest: &str) -> bool {
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let parts_ok = |text: &str, units: &[char]| -> Option<usize> {
        let mut count = 0;
        let mut rest = text;
        let mut allowed = units;
        while !rest.is_empty() {
            let end = rest.find(|c: char| !c.is_ascii_digit() && c != '.' && c != ',')?;
            if end == 0 {
                return None;
            }
            let unit = rest[end..].chars().next()?;
            let at = allowed.iter().position(|u| *u == unit)?;
            allowed = &allowed[at + 1..];
            rest = &rest[end + unit.len_utf8()..];
            count += 1;
        }
        Some(count)
    };
    let Some(date_parts) = parts_ok(date, &['Y', 'M', 'W', 'D']) else {
        return false;
    };
    match time {
        Some(time) => matches!(parts_ok(time, &['H', 'M', 'S']), Some(n) if n > 0),
        None => date_parts > 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ValueFormat::*;

    #[test]
    fn json_problems_say_where_and_what_without_the_value() {
        let broken = format_problem(JsonArray, r#"["mail.read", "#).unwrap_or_default();
        assert!(broken.contains("line 1, column 14"), "{broken}");
        assert!(!broken.contains("mail.read"), "{broken}");
        let object = format_problem(JsonArray, r#"{"a": 1}"#).unwrap_or_default();
        assert_eq!(object, " It is an object.");
        assert_eq!(format_problem(Boolean, "yes").as_deref(), Some(""));
        assert_eq!(format_problem(JsonObject, "{}"), None);
    }

    #[test]
    fn formats_accept_and_refuse() {
        let cases: &[(ValueFormat, &[&str], &[&str])] = &[
            (
                Integer,
                &["5", "-12", "0"],
                &["5.0", "+5", "", "five", "99999999999999999999"],
            ),
            (Boolean, &["true", "false"], &["True", "1", "yes", ""]),
            (
                Url,
                &["https://api.example.com/v2", "postgres://db:5432/x"],
                &["example.com", "mailto:a@b.c", "", "http://"],
            ),
            (
                Duration,
                &[
                    "60s", "1h30m", "250ms", "1.5h", "2d", "PT30S", "P1DT2H", "P2W",
                ],
                &["", "60", "s", "1x", "P", "PT", "P1H"],
            ),
            (JsonObject, &["{}", r#"{"a":[1]}"#], &["[]", "{", "1"]),
            (JsonArray, &["[]", r#"["a"]"#], &["{}", "[", "\"a\""]),
            (
                Timestamp,
                &[
                    "2026-11-23T10:00:00Z",
                    "2026-11-23T11:00:00.5+01:00",
                    "1985-04-12t23:20:50.52z",
                ],
                &[
                    "",
                    "2026-11-23",
                    "2026-11-23T10:00:00",
                    "2026-13-01T00:00:00Z",
                    "yesterday",
                ],
            ),
            (Text, &["", "anything"], &[]),
        ];
        for (format, good, bad) in cases {
            for value in *good {
                assert!(
                    matches_format(*format, value),
                    "{format:?} should accept {value:?}"
                );
            }
            for value in *bad {
                assert!(
                    !matches_format(*format, value),
                    "{format:?} should refuse {value:?}"
                );
            }
        }
    }

    #[test]
    fn ascii_urls_are_parsed_as_the_url_standard_says() {
        for accepted in [
            "HTTPS://API.Example.COM",
            "http://[::1]:8080/x",
            "http://127.0.0.1",
            "https:api.example.com",
            "https://xn--bcher-kva.example",
            "ftp://files.example/a%20b",
        ] {
            assert_eq!(format_problem(Url, accepted), None, "{accepted}");
        }
        for refused in [
            "http://a b.example",
            "http://[::1",
            "http://1.2.3.256",
            "file:///tmp/x",
        ] {
            assert_eq!(
                format_problem(Url, refused).as_deref(),
                Some(""),
                "{refused}"
            );
        }
    }

    #[test]
    fn a_host_outside_ascii_is_refused_asking_for_its_xn_form() {
        for written in [
            "https://caf\u{e9}.example",
            "HTTPS://CAF\u{c9}.example:8443/x",
            "https:caf\u{e9}.example",
            "https://user@caf\u{e9}.example/p?q#f",
            "postgres://caf\u{e9}/x",
            "https://example\u{3002}com",
            "https://\u{ff41}pi.example.com",
            "https://\u{200b}example.com",
        ] {
            let detail = format_problem(Url, written).unwrap_or_default();
            assert!(detail.contains("xn--"), "{written}: {detail}");
            assert!(!detail.contains("caf"), "{written}: {detail}");
            let violations = crate::rules::check_property_value(
                &crate::model::PropertyRule::new("Endpoint", Url),
                written,
                false,
            );
            assert_eq!(violations.len(), 1, "{written}");
            assert_eq!(violations[0].rule, "format");
            assert!(violations[0].message.contains("xn--"), "{written}");
            assert!(!violations[0].message.contains("caf"), "{written}");
        }
        // Its Punycode form is accepted, in any case, with a port, for any scheme.
        for punycode in [
            "https://xn--caf-dma.example",
            "HTTPS://XN--CAF-DMA.example:8443/x",
            "postgres://u:p@xn--caf-dma:5432/x",
        ] {
            assert_eq!(format_problem(Url, punycode), None, "{punycode}");
        }
        // Outside ASCII anywhere but the host is as before: percent-encoded.
        for elsewhere in [
            "https://example.com/caf\u{e9}",
            "https://example.com/?q=\u{e9}#\u{e9}",
            "https://us\u{e9}r@example.com",
            "postgres://db/\u{e9}",
        ] {
            assert_eq!(format_problem(Url, elsewhere), None, "{elsewhere}");
        }
        // Refused as before, without the xn-- advice: an IP literal outside
        // ASCII, and (new: IDNA used to decode it) a host percent-encoding
        // characters outside ASCII.
        for refused in ["http://[::\u{e9}]", "https://caf%C3%A9.example"] {
            assert_eq!(
                format_problem(Url, refused).as_deref(),
                Some(""),
                "{refused}"
            );
        }
        // New: without Unicode tables an xn-- label is checked as Punycode
        // only, not against UTS 46's rules on what it decodes to (IDNA
        // refused these two).
        for accepted in ["https://xn--a.example", "https://xn--a-ecp.ru"] {
            assert_eq!(format_problem(Url, accepted), None, "{accepted}");
        }
        for bad_punycode in ["https://xn--.example", "https://xn--zz-.example"] {
            assert_eq!(
                format_problem(Url, bad_punycode).as_deref(),
                Some(""),
                "{bad_punycode}"
            );
        }
    }

    #[test]
    fn the_url_standards_ascii_edge_cases_are_as_they_were() {
        for accepted in [
            "https://user:pass@example.com:8443/p?q#f",
            "https://@example.com",
            "http://example.com:65535",
            "http://example.com:",
            "http://[fe80::1]:80/",
            "http://[::ffff:1.2.3.4]",
            "redis://[::1]:6379",
            "http://0x7f.1",
            "https:///api.example.com",
            "http:\\\\example.com\\a",
            " https://example.com ",
            "https://exa\tmple.com",
            "https://ex%61mple.com",
            "foo://host%41",
            "file://host/x",
            "http://a_b.example",
            "https://a.example#",
        ] {
            assert_eq!(format_problem(Url, accepted), None, "{accepted:?}");
        }
        for refused in [
            "http://example.com:65536",
            "http://example.com:-1",
            "http://999999999999",
            "http://1.2.3.4.5",
            "http://foo.09",
            "http://[1:2:3:4:5:6:7:8:9]",
            "http://[fe80::1%25eth0]/",
            "http://a%2Fb.example",
            "https://ex%00ample.com",
            "https://user@",
            "foo://a b",
            "foo://",
            "foo:/x",
            "javascript:alert(1)",
            "urn:isbn:1",
        ] {
            assert_eq!(
                format_problem(Url, refused).as_deref(),
                Some(""),
                "{refused:?}"
            );
        }
    }

    #[test]
    fn a_duration_number_is_what_the_float_parser_would_accept() {
        for number in [
            "1", "1.5", "1.", ".5", "007", "0.000", ".", "..", "1..5", "1.2.3", "",
        ] {
            assert_eq!(
                is_decimal(number),
                number.parse::<f64>().is_ok(),
                "{number:?}"
            );
        }
        for (value, ok) in [
            ("1.s", true),
            (".5h", true),
            (".s", false),
            ("1.2.3m", false),
            ("1.5h.5m", true),
        ] {
            assert_eq!(is_duration(value), ok, "{value:?}");
        }
    }

    #[test]
    fn an_out_of_range_integer_says_so() {
        let detail = format_problem(Integer, "99999999999999999999").unwrap();
        assert!(detail.contains("outside the range"), "{detail}");
        assert_eq!(format_problem(Integer, "five").as_deref(), Some(""));
    }
}
