//! The value formats a connector kind can require.

use crate::model::ValueFormat;

/// Whether `value` has `format`.
pub fn matches_format(format: ValueFormat, value: &str) -> bool {
    match format {
        ValueFormat::Text => true,
        ValueFormat::Integer => value.parse::<i64>().is_ok() && !value.starts_with('+'),
        ValueFormat::Boolean => matches!(value, "true" | "false"),
        ValueFormat::Url => url::Url::parse(value).is_ok_and(|u| u.has_host()),
        ValueFormat::Duration => is_duration(value),
        ValueFormat::JsonObject => matches!(
            serde_json::from_str(value),
            Ok(serde_json::Value::Object(_))
        ),
        ValueFormat::JsonArray => {
            matches!(serde_json::from_str(value), Ok(serde_json::Value::Array(_)))
        }
    }
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
        let number = &rest[..digits];
        if number.is_empty() || number.parse::<f64>().is_err() {
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
}
