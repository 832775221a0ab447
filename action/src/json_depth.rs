//! A linear pre-scan of JSON nesting depth, so that deeply nested input is
//! refused before a parser recurses into it.

/// JSON nested deeper than the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooDeep;

/// The deepest nesting of `[`/`{` in `text`, ignoring brackets inside
/// strings, or [`TooDeep`] as soon as it passes `limit`. Malformed JSON is
/// left for the parser to report.
pub fn check_depth(text: &str, limit: usize) -> Result<usize, TooDeep> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for byte in text.bytes() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Err(TooDeep);
                }
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(deepest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_nesting_outside_strings() {
        assert_eq!(check_depth(r#"{"a":[1,{"b":"[[[{"}]}"#, 5), Ok(3));
        assert_eq!(check_depth(r#""\"[[""#, 1), Ok(0));
    }

    #[test]
    fn stops_at_the_limit() {
        let deep = "[".repeat(1_000_000);
        assert_eq!(check_depth(&deep, 32), Err(TooDeep));
        assert_eq!(check_depth("[[]]", 2), Ok(2));
        assert_eq!(check_depth("[[[]]]", 2), Err(TooDeep));
    }
}
