//! Dynamic Properties: the `PropertiesJson` text, one JSON object whose
//! members set (or, with `null`, remove) properties.
//!
//! The text is parsed before tokens are substituted, and tokens are
//! substituted only inside string keys and string values, so a token's value
//! can never add, remove or rename a key other than where it stands. The one
//! exception is a text that is exactly one token: its value is the JSON.

use serde_json::{Map, Value};

use crate::by_name::{NameIndex, Place};
use crate::error::ActionError;
use crate::json_depth::check_depth;
use crate::limits::{Limit, Limits};
use crate::property_name::{check_property_name, escape_invisible};
use crate::tokens::{TokenResolver, find_tokens, shown_template, whole_token};

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
    /// Where the name came from, which is how errors show it: a token's
    /// value is the host's, and an error shows a parameter as written.
    pub source: KeySource,
}

/// How a Dynamic Properties key was written.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum KeySource {
    /// As it is, without a token: the name is what the step shows.
    Literal,
    /// With tokens, shown as written (`[Form:Name]`, a format left out).
    Template(String),
    /// In the value of the token that is the whole text, shown by it (`[Form:Json]`).
    WholeToken(String),
}

impl KeySource {
    /// How errors show a name from this source; `None` for a literal one,
    /// which is shown as it is.
    pub fn shown(&self) -> Option<String> {
        match self {
            KeySource::Literal => None,
            KeySource::Template(template) => Some(template.clone()),
            KeySource::WholeToken(token) => Some(format!("a key of the value of token {token}")),
        }
    }
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
            .field("source", &self.source)
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
        let object = read_object(&json, &what, limits)?;
        let properties = object
            .members
            .into_iter()
            .map(|(name, value)| DynamicProperty {
                name,
                value: value.into_text(),
                source: KeySource::WholeToken(token.shown()),
            })
            .collect();
        return check_names(properties, limits);
    }
    let object = read_object(text, WHAT, limits)?;
    let mut properties = Vec::with_capacity(object.members.len());
    for (key, value) in object.members {
        let source = match find_tokens(&key).next() {
            Some(_) => KeySource::Template(shown_template(&key)),
            None => KeySource::Literal,
        };
        let name = tokens.resolve_owned(FIELD, key)?;
        let text = match value {
            Member::Number(written) => Some(written),
            Member::Json(value) => value_text(substitute(value, tokens)?),
        };
        properties.push(DynamicProperty {
            name,
            value: text,
            source,
        });
    }
    check_names(properties, limits)
}

/// A top-level member's value, as [`read_object`] reads it.
#[derive(Clone, PartialEq)]
pub enum Member {
    /// A number, as the text it was written with: `1e2` stays `1e2`, where
    /// the parsed number would print `1e+2`.
    Number(String),
    /// Any other JSON value.
    Json(Value),
}

/// Prints the kind of value only: a member's value may be secret.
impl std::fmt::Debug for Member {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Member::Number(_) => write!(f, "Number({})", crate::model::REDACTED),
            Member::Json(_) => write!(f, "Json({})", crate::model::REDACTED),
        }
    }
}

impl Member {
    /// The member as property text, tokens left as they are: see [`value_text`].
    pub fn into_text(self) -> Option<String> {
        match self {
            Member::Number(written) => Some(written),
            Member::Json(value) => value_text(value),
        }
    }
}

/// The members of a JSON object, as [`read_object`] reads them. Its
/// `Debug` prints the keys, never a value.
#[derive(Clone, Default, Debug)]
pub struct ObjectMembers {
    /// The members in the object's order; a key given more than once
    /// stands at its first place with its last value, as a JSON parser
    /// keeps it.
    pub members: Vec<(String, Member)>,
    /// The keys given more than once, each once, in the order of their
    /// second appearance. JSON parsers keep only the last of equal keys, so
    /// a designer's duplicate silently loses: validation warns of each.
    pub duplicates: Vec<String>,
}

/// Reads JSON text as an object in one pass, enforcing the size and depth
/// limits as [`parse_object`] does and refusing with the same errors: the
/// members with their values, numbers as written, and the duplicate keys.
/// One execution reads its Dynamic Properties with this once, where a parse
/// for the values and another for the numbers' text did the work twice.
/// `what` names the text in errors.
pub fn read_object(text: &str, what: &str, limits: &Limits) -> Result<ObjectMembers, ActionError> {
    if text.len() > limits.properties_json_bytes {
        return Err(ActionError::limit_exceeded(
            FIELD,
            Limit::PropertiesJsonBytes,
            limits,
        ));
    }
    if check_depth(strip_bom(text), limits.json_depth).is_err() {
        return Err(ActionError::limit_exceeded(FIELD, Limit::JsonDepth, limits));
    }
    let read = raw_members(text).and_then(|raw| {
        let mut object = ObjectMembers {
            members: Vec::with_capacity(raw.len()),
            duplicates: Vec::new(),
        };
        let mut index = NameIndex::new();
        // Whether the key at each place was reported as a duplicate; only
        // grown when a key comes again, so most texts allocate nothing here.
        let mut reported: Vec<bool> = Vec::new();
        for (key, raw) in raw {
            // Every value is parsed, numbers too, so that one a parser
            // refuses (out of range) is refused here as well.
            let value: Value = serde_json::from_str(raw.get()).ok()?;
            let member = match value {
                Value::Number(_) => Member::Number(raw.get().to_string()),
                other => Member::Json(other),
            };
            let members = &object.members;
            match index.place(&key, members.len(), |at| members[at].0.as_str()) {
                Place::Found(at) => {
                    object.members[at].1 = member;
                    if reported.len() <= at {
                        reported.resize(object.members.len(), false);
                    }
                    if !reported[at] {
                        reported[at] = true;
                        object.duplicates.push(key);
                    }
                }
                Place::New(_) => object.members.push((key, member)),
            }
        }
        Some(object)
    });
    match read {
        Some(object) => Ok(object),
        // Not an object, or not JSON: the whole parse says what and where.
        None => parse_object(text, what, limits).map(|object| ObjectMembers {
            members: object
                .into_iter()
                .map(|(key, value)| (key, Member::Json(value)))
                .collect(),
            duplicates: Vec::new(),
        }),
    }
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
    for property in &properties {
        let DynamicProperty { name, value, .. } = property;
        if name.is_empty() {
            return Err(ActionError::invalid_parameter(
                FIELD,
                format!(
                    "{FIELD}: a property name is empty; every key of the JSON object must name a property."
                ),
            ));
        }
        // The field's name is written out only for an error.
        let field = || key_field(property, limits);
        if name.chars().count() > limits.name_chars {
            return Err(ActionError::limit_exceeded(
                &field(),
                Limit::NameChars,
                limits,
            ));
        }
        if let Err(problem) = check_property_name(name) {
            let made = if property.source != KeySource::Literal {
                " (the name its tokens give)"
            } else {
                ""
            };
            let field = field();
            return Err(ActionError::invalid_parameter(
                &field,
                format!("{field}: {problem}{made}."),
            ));
        }
        if value.as_ref().is_some_and(|v| v.len() > limits.value_bytes) {
            return Err(ActionError::limit_exceeded(
                &field(),
                Limit::ValueBytes,
                limits,
            ));
        }
    }
    Ok(properties)
}

/// The field path errors give for a member: `PropertiesJson.` and its key
/// as written (tokens unresolved), or `PropertiesJson` alone for a key of a
/// whole-text token's value; invisible characters escaped, and a key over
/// the length limit cut to its first 32 characters, so that an error
/// repeats no huge key.
pub fn key_field(property: &DynamicProperty, limits: &Limits) -> String {
    let written = match &property.source {
        KeySource::Literal => property.name.as_str(),
        KeySource::Template(template) => template.as_str(),
        KeySource::WholeToken(_) => return FIELD.to_string(),
    };
    let written = if written.chars().count() > limits.name_chars {
        let head: String = written.chars().take(32).collect();
        format!("{head}…")
    } else {
        written.to_string()
    };
    format!("{FIELD}.{}", escape_invisible(&written))
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

/// Substitutes tokens in every string key and string value of `value`.
fn substitute(value: Value, tokens: &mut TokenResolver<'_>) -> Result<Value, ActionError> {
    Ok(match value {
        Value::String(text) => Value::String(tokens.resolve_owned(FIELD, text)?),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| substitute(item, tokens))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => {
            let mut out = Map::with_capacity(map.len());
            for (key, item) in map {
                out.insert(tokens.resolve_owned(FIELD, key)?, substitute(item, tokens)?);
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
    use crate::tokens::ImportedTokens;

    /// The keys of the JSON object `text` that appear more than once, each
    /// once, in the order of their second appearance. JSON parsers keep only
    /// the last of equal keys, so a designer's duplicate silently loses.
    /// `None` when `text` is not a JSON object. The tests' oracle for
    /// [`ObjectMembers::duplicates`], written the plain way.
    fn duplicate_keys(text: &str) -> Option<Vec<String>> {
        let mut seen = std::collections::HashSet::new();
        let mut twice_seen = std::collections::HashSet::new();
        let mut twice = Vec::new();
        for (key, _) in raw_members(text)? {
            if !seen.insert(key.clone()) && twice_seen.insert(key.clone()) {
                twice.push(key);
            }
        }
        Some(twice)
    }

    struct Tokens;
    impl ImportedTokens for Tokens {
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

    #[test]
    fn a_key_given_twice_keeps_its_first_place_and_its_last_value() {
        assert_eq!(
            run(r#"{"A": "1", "B": 2e0, "A": 3, "C": "[Form:Key]", "B": 1e2, "A": null}"#).unwrap(),
            vec![
                ("A".to_string(), None),
                some("B", "1e2"),
                some("C", "new-key")
            ]
        );
        let read = read_object(r#"{"K": 1, "L": 2, "K": 3, "L": 4, "K": 5}"#, WHAT, &LIMITS)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.duplicates, ["K", "L"]);
        // A key that comes again after later keys were added, and one that
        // comes back a third time, are reported once each, as
        // `duplicate_keys` reports them.
        for text in [
            r#"{"A": 1, "B": 2, "A": 3, "C": 4, "D": 5, "C": 6, "A": 7, "D": 8}"#,
            r#"{"A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8, "I": 9, "I": 0}"#,
            r#"{"A": 1, "a": 2, "A ": 3}"#,
        ] {
            let read = read_object(text, WHAT, &LIMITS).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(Some(read.duplicates), duplicate_keys(text), "{text}");
        }
    }

    /// One reading gives what the parse of the whole object gave: the same
    /// members in the same order, and the same refusal of text that is not
    /// an object, word for word.
    #[test]
    fn one_reading_gives_the_whole_parse_and_its_errors() {
        for text in [
            r#"{"A": "1", "B": {"x": [1, 2.50]}, "C": true, "D": null}"#,
            "\u{feff}{\"A\": 1}",
            "{}",
            "{\n  \"A\": 1,\n  \"B\" 2\n}",
            r#"{"A": 1} x"#,
            r#"{"A": 1e999999}"#,
            r#"{"A": [1e999999]}"#,
            "[1]",
            "\"text\"",
            "",
            "{\"A\": ",
        ] {
            let read = read_object(text, WHAT, &LIMITS);
            let parsed = parse_object(text, WHAT, &LIMITS);
            match (read, parsed) {
                (Ok(read), Ok(parsed)) => {
                    let keys: Vec<&String> = read.members.iter().map(|(k, _)| k).collect();
                    assert_eq!(keys, parsed.keys().collect::<Vec<_>>(), "{text}");
                    for ((_, member), (_, value)) in read.members.into_iter().zip(parsed) {
                        match (member, value) {
                            // A number keeps its text (`1e2`), as it always did.
                            (Member::Number(_), Value::Number(_)) => {}
                            (member, value) => {
                                assert_eq!(member.into_text(), value_text(value), "{text}")
                            }
                        }
                    }
                }
                (Err(read), Err(parsed)) => assert_eq!(read, parsed, "{text}"),
                (read, parsed) => {
                    panic!("{text}: read {:?}, parsed {:?}", read.err(), parsed.err())
                }
            }
        }
    }
}
