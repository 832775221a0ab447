//! Dynamic Properties: the `PropertiesJson` text, one JSON object whose
//! members set (or, with `null`, remove) properties.
//!
//! The text is parsed before tokens are substituted, and tokens are
//! substituted only inside string keys and string values, so a token's value
//! can never add, remove or rename a key other than where it stands. The one
//! exception is a text that is exactly one token: its value is the JSON.

use serde_json::{Map, Value};

use crate::error::ActionError;
use crate::json_depth::check_depth;
use crate::limits::{Limit, Limits};
use crate::tokens::{TokenResolver, whole_token};

/// The parameter's key, used as the field path in errors.
pub const FIELD: &str = "PropertiesJson";
const WHAT: &str = "Dynamic Properties";

/// One member of the Dynamic Properties object: a name and its new value,
/// `None` to remove the property. Its `Debug` prints the name only.
#[derive(Clone, PartialEq, Eq)]
pub struct DynamicProperty {
    /// The property's name, tokens resolved.
    pub name: String,
    /// Its new value, tokens resolved; `None` removes the property.
    pub value: Option<String>,
}

impl DynamicProperty {
    /// The name and value, for the merge.
    pub fn into_pair(self) -> (String, Option<String>) {
        (self.name, self.value)
    }
}

impl std::fmt::Debug for DynamicProperty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DynamicProperty")
            .field("name", &self.name)
            .field(
                "value",
                &self.value.as_ref().map(|_| crate::model::REDACTED),
            )
            .finish()
    }
}

/// Parses JSON text as an object, enforcing the size and depth limits.
/// `what` names the text in errors.
pub fn parse_object(
    text: &str,
    what: &str,
    limits: &Limits,
) -> Result<Map<String, Value>, ActionError> {
    if text.len() > limits.properties_json_bytes {
        return Err(ActionError::limit_exceeded(
            FIELD,
            Limit::PropertiesJsonBytes,
            limits,
        ));
    }
    let text = strip_bom(text);
    if check_depth(text, limits.json_depth).is_err() {
        return Err(ActionError::limit_exceeded(FIELD, Limit::JsonDepth, limits));
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(ActionError::json_not_object(FIELD, what, &other)),
        Err(error) => Err(ActionError::json_syntax(FIELD, what, &error)),
    }
}

/// The properties that `text` sets and removes, in the object's order, with
/// tokens resolved. Blank text means none.
pub fn resolve_dynamic_properties(
    text: &str,
    tokens: &mut TokenResolver<'_>,
    limits: &Limits,
) -> Result<Vec<DynamicProperty>, ActionError> {
    if strip_bom(text).trim().is_empty() {
        return Ok(Vec::new());
    }
    if text.len() > limits.properties_json_bytes {
        return Err(ActionError::limit_exceeded(
            FIELD,
            Limit::PropertiesJsonBytes,
            limits,
        ));
    }
    if let Some(token) = whole_token(strip_bom(text)) {
        // The token's value is the whole Dynamic Properties text: it is held
        // to that text's limit, and blank means none, as blank text does.
        let json = tokens.token_value_within(FIELD, &token, Limit::PropertiesJsonBytes)?;
        if strip_bom(&json).trim().is_empty() {
            return Ok(Vec::new());
        }
        let what = format!("the value of token {}", token.shown());
        let object = parse_object(&json, &what, limits)?;
        let numbers = number_texts(&json);
        let properties = object
            .into_iter()
            .map(|(name, value)| {
                let text = match (&value, numbers.get(&name)) {
                    (Value::Number(_), Some(written)) => Some(written.clone()),
                    _ => value_text(value),
                };
                DynamicProperty { name, value: text }
            })
            .collect();
        return check_names(properties, limits);
    }
    let object = parse_object(text, WHAT, limits)?;
    let numbers = number_texts(text);
    let mut properties = Vec::with_capacity(object.len());
    for (key, value) in object {
        let name = tokens.resolve(FIELD, &key)?;
        let text = match (&value, numbers.get(&key)) {
            (Value::Number(_), Some(written)) => Some(written.clone()),
            _ => value_text(substitute(value, tokens)?),
        };
        properties.push(DynamicProperty { name, value: text });
    }
    check_names(properties, limits)
}

/// Refuses empty and over-long names, and too many members.
fn check_names(
    properties: Vec<DynamicProperty>,
    limits: &Limits,
) -> Result<Vec<DynamicProperty>, ActionError> {
    if properties.len() > limits.properties {
        return Err(ActionError::limit_exceeded(
            FIELD,
            Limit::DynamicProperties,
            limits,
        ));
    }
    for DynamicProperty { name, value } in &properties {
        if name.is_empty() {
            return Err(ActionError::invalid_parameter(
                FIELD,
                format!(
                    "{FIELD}: a property name is empty; every key of the JSON object must name a property."
                ),
            ));
        }
        if name.chars().count() > limits.name_chars {
            return Err(ActionError::limit_exceeded(
                &format!("{FIELD}.{}", shown_name(name, limits)),
                Limit::NameChars,
                limits,
            ));
        }
        if value.as_ref().is_some_and(|v| v.len() > limits.value_bytes) {
            return Err(ActionError::limit_exceeded(
                &format!("{FIELD}.{name}"),
                Limit::ValueBytes,
                limits,
            ));
        }
    }
    Ok(properties)
}

/// A name as a field path shows it: cut to the first 32 characters when it
/// is over the length limit, so an error does not repeat a huge key.
fn shown_name(name: &str, limits: &Limits) -> String {
    if name.chars().count() > limits.name_chars {
        let head: String = name.chars().take(32).collect();
        format!("{head}…")
    } else {
        name.to_string()
    }
}

/// `text` without a leading UTF-8 byte-order mark, which some editors
/// write at the start of a file and which is not part of the JSON.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The members of the JSON object `text` in their order, duplicates
/// included, each value as its raw JSON text; `None` when `text` is not a
/// JSON object.
fn raw_members(text: &str) -> Option<Vec<(String, &serde_json::value::RawValue)>> {
    use serde::de::{Deserializer, MapAccess, Visitor};
    use serde_json::value::RawValue;
    struct Members;
    impl<'de> Visitor<'de> for Members {
        type Value = Vec<(String, &'de RawValue)>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut members = Vec::new();
            while let Some(key) = map.next_key::<String>()? {
                members.push((key, map.next_value::<&RawValue>()?));
            }
            Ok(members)
        }
    }
    let mut reader = serde_json::Deserializer::from_str(strip_bom(text));
    let members = reader.deserialize_map(Members).ok()?;
    reader.end().ok()?;
    Some(members)
}

/// The keys of the JSON object `text` that appear more than once, each
/// once, in the order of their second appearance. JSON parsers keep only
/// the last of equal keys, so a designer's duplicate silently loses.
/// `None` when `text` is not a JSON object.
pub fn duplicate_keys(text: &str) -> Option<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    let mut twice = Vec::new();
    for (key, _) in raw_members(text)? {
        if !seen.insert(key.clone()) && !twice.contains(&key) {
            twice.push(key);
        }
    }
    Some(twice)
}

/// The text each top-level member that is a number was written with, by
/// key (the last of duplicate keys, as the parser keeps): `1e2` stays
/// `1e2`, where the parsed number would print `1e+2`.
fn number_texts(text: &str) -> std::collections::HashMap<String, String> {
    raw_members(text)
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, raw)| {
            raw.get()
                .starts_with(|c: char| c == '-' || c.is_ascii_digit())
        })
        .map(|(key, raw)| (key, raw.get().to_string()))
        .collect()
}

/// Substitutes tokens in every string key and string value of `value`.
fn substitute(value: Value, tokens: &mut TokenResolver<'_>) -> Result<Value, ActionError> {
    Ok(match value {
        Value::String(text) => Value::String(tokens.resolve(FIELD, &text)?),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| substitute(item, tokens))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => {
            let mut out = Map::with_capacity(map.len());
            for (key, item) in map {
                out.insert(tokens.resolve(FIELD, &key)?, substitute(item, tokens)?);
            }
            Value::Object(out)
        }
        scalar => scalar,
    })
}

/// A member's value as property text: strings as they are, numbers and
/// booleans as their JSON text, objects and arrays as compact JSON, and
/// `null` as `None` (remove).
pub fn value_text(value: Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::InvalidJson;
    use crate::error::StoreError;
    use crate::limits::LIMITS;
    use crate::tokens::TokenSource;

    struct Tokens;
    impl TokenSource for Tokens {
        fn token(
            &mut self,
            source: Option<&str>,
            name: &str,
        ) -> Result<Option<String>, StoreError> {
            Ok(match (source, name) {
                (Some("Form"), "Key") => Some("new-key".into()),
                (Some("Evil"), "Quote") => Some("x\", \"Admin\": \"true".into()),
                (Some("Form"), "Json") => Some(r#"{"A": "1", "B": null}"#.into()),
                (Some("Form"), "Array") => Some("[1]".into()),
                _ => None,
            })
        }
    }

    fn run(text: &str) -> Result<Vec<(String, Option<String>)>, ActionError> {
        let mut tokens = Tokens;
        let mut resolver = TokenResolver::new(&mut tokens, LIMITS);
        resolve_dynamic_properties(text, &mut resolver, &LIMITS)
            .map(|p| p.into_iter().map(DynamicProperty::into_pair).collect())
    }

    fn some(name: &str, value: &str) -> (String, Option<String>) {
        (name.to_string(), Some(value.to_string()))
    }

    #[test]
    fn blank_means_none() {
        assert_eq!(run("").unwrap(), vec![]);
        assert_eq!(run("  \n\t").unwrap(), vec![]);
    }

    #[test]
    fn values_become_text_and_null_removes() {
        let got = run(r#"{"S": "60s", "N": 5, "F": 1.50, "B": true, "O": {"a": [1, "x"]}, "A": [], "R": null}"#).unwrap();
        assert_eq!(
            got,
            vec![
                some("S", "60s"),
                some("N", "5"),
                some("F", "1.50"),
                some("B", "true"),
                some("O", r#"{"a":[1,"x"]}"#),
                some("A", "[]"),
                ("R".to_string(), None),
            ]
        );
    }

    #[test]
    fn tokens_are_substituted_inside_strings_only() {
        assert_eq!(
            run(r#"{"APIKey": "[Form:Key]", "[Form:Key]": "v"}"#).unwrap(),
            vec![some("APIKey", "new-key"), some("new-key", "v")]
        );
        assert_eq!(
            run(r#"{"O": {"k": ["[Form:Key]"]}}"#).unwrap(),
            vec![some("O", r#"{"k":["new-key"]}"#)]
        );
    }

    #[test]
    fn a_token_value_cannot_inject_keys() {
        let got = run(r#"{"Name": "[Evil:Quote]"}"#).unwrap();
        assert_eq!(got, vec![some("Name", "x\", \"Admin\": \"true")]);
    }

    #[test]
    fn a_whole_field_token_is_the_json() {
        assert_eq!(
            run(" [Form:Json] ").unwrap(),
            vec![some("A", "1"), ("B".to_string(), None)]
        );
        let err = run("[Form:Array]").unwrap_err();
        assert_eq!(err.code(), "invalid-json");
        assert!(err.to_string().contains("must be a JSON object"), "{err}");
        assert_eq!(run("[Form:Nope]").unwrap_err().code(), "unresolved-token");
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        match run("{\n  \"A\": 1,\n  \"B\" 2\n}").unwrap_err() {
            ActionError::InvalidJson(InvalidJson {
                line,
                column,
                message,
                ..
            }) => {
                assert_eq!((line, column), (3, 7));
                assert!(
                    message.contains("not valid JSON at line 3, column 7"),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn non_objects_are_refused() {
        for text in ["[1,2]", "\"text\"", "5", "true", "null"] {
            let err = run(text).unwrap_err();
            assert!(
                err.to_string().contains("must be a JSON object"),
                "{text}: {err}"
            );
        }
    }

    #[test]
    fn empty_names_and_deep_nesting_are_refused() {
        assert_eq!(run(r#"{"": "x"}"#).unwrap_err().code(), "invalid-parameter");
        let deep = format!("{{\"A\": {}{}}}", "[".repeat(100), "]".repeat(100));
        assert_eq!(run(&deep).unwrap_err().code(), "limit-exceeded");
    }
}
