//! Plain words for the JSON parser's messages about escapes and strings,
//! which speak of the parser's internals ("unexpected end of hex escape"
//! for a lone surrogate). Only the parser's category of error is turned
//! into words here: its text never quotes the input.

/// The words for a syntax error the parser describes as `parser_words`,
/// when there are plainer ones; `None` keeps the parser's.
pub fn syntax_words(parser_words: &str) -> Option<&'static str> {
    Some(match parser_words {
        // serde_json says the first when `\uD800`-`\uDBFF` is not followed
        // by a `\u` escape, and the second when what follows is not a low
        // surrogate, or when a low surrogate comes alone.
        "unexpected end of hex escape" | "lone leading surrogate in hex escape" => {
            "a \\u escape here is a lone surrogate (\\uD800 to \\uDFFF), which is not a character: \
             a \\uD800-\\uDBFF escape must be followed by a \\uDC00-\\uDFFF escape, the two making one \
             character; write the character itself, or both halves of its pair"
        }
        "invalid unicode code point" => {
            "a \\u escape here is not a valid unicode character; write the character itself"
        }
        "invalid escape" => {
            "an invalid escape: after a backslash come only \\\", \\\\, /, b, f, n, r, t, or u and four hex digits; \
             write a backslash itself as \\\\"
        }
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "a string holds a control character (U+0000 to U+001F), such as a line break or a tab; \
             write it as an escape such as \\n or \\t"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> String {
        let error = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        let words = error.to_string();
        let words = &words[..words.rfind(" at line ").unwrap()];
        syntax_words(words).unwrap_or(words).to_string()
    }

    #[test]
    fn lone_surrogates_and_bad_escapes_are_named_plainly() {
        for text in [
            r#"{"a": "\ud800"}"#,
            r#"{"a": "\ud800\u0041"}"#,
            r#"{"a": "\udc00"}"#,
            r#"{"a": "x\ud83dy"}"#,
        ] {
            assert!(
                reason(text).contains("lone surrogate"),
                "{text}: {}",
                reason(text)
            );
        }
        assert!(reason(r#"{"a": "\q"}"#).contains("invalid escape"));
        assert!(reason("{\"a\": \"x\ty\"}").contains("control character"));
        // A pair is one character, and fine.
        assert!(serde_json::from_str::<serde_json::Value>(r#""\ud83d\udd11""#).is_ok());
    }
}
