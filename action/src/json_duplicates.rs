//! Finding the keys a JSON text gives twice in one object, at any depth.
//!
//! A JSON parser keeps one of two equal keys and drops the other without a
//! word: in a step, `"DryRun": true, "DryRun": false` would write. The step
//! reader refuses such a step, naming each key by its field path, and this
//! module finds them: a second pass over text that already parsed, which
//! reads no value (so it cannot quote one).

use std::cell::RefCell;
use std::collections::HashSet;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::property_name::escape_invisible;

/// The path of every key `text` gives more than once within one object,
/// each once, in the order of the text: `DryRun`, `Properties[0].PropertyName`,
/// `PropertiesJson.A.b`. Keys are shown with invisible characters escaped.
/// Text that is not JSON gives none: its parse reports it.
pub fn duplicate_key_paths(text: &str) -> Vec<String> {
    let found = RefCell::new(Vec::new());
    let mut reader = serde_json::Deserializer::from_str(text);
    // The depth was checked before the text was parsed; serde_json's own
    // recursion limit stays on as well.
    let seed = Scan {
        path: String::new(),
        found: &found,
    };
    if seed.deserialize(&mut reader).is_err() {
        return Vec::new();
    }
    found.into_inner()
}

/// One value of the text, at `path`.
struct Scan<'f> {
    path: String,
    found: &'f RefCell<Vec<String>>,
}

impl<'de> DeserializeSeed<'de> for Scan<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl Scan<'_> {
    fn child(&self, step: String) -> Scan<'_> {
        Scan {
            path: step,
            found: self.found,
        }
    }
}

impl<'de> Visitor<'de> for Scan<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        let mut reported = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            // A number read with `arbitrary_precision` comes as a one-key map
            // of serde_json's own: it holds no key of the text.
            if key == "$serde_json::private::Number" {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let shown = escape_invisible(&key);
            let path = if self.path.is_empty() {
                shown
            } else {
                format!("{}.{shown}", self.path)
            };
            if !seen.insert(key.clone()) && reported.insert(key) {
                self.found.borrow_mut().push(path.clone());
            }
            map.next_value_seed(self.child(path))?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        while seq
            .next_element_seed(self.child(format!("{}[{i}]", self.path)))?
            .is_some()
        {
            i += 1;
        }
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_repeated_key_once_with_its_path() {
        let text = r#"{"DryRun": true, "DryRun": false, "DryRun": true,
            "Properties": [{"PropertyName": "a", "PropertyName": "b", "PropertyValue": 1.5e400}],
            "PropertiesJson": {"A": {"b": 1, "b": [2]}, "C": 3},
            "Parameters": {}, "Parameters": {"EntryId": "x", "EntryId": "y"}}"#;
        assert_eq!(
            duplicate_key_paths(text),
            [
                "DryRun",
                "Properties[0].PropertyName",
                "PropertiesJson.A.b",
                "Parameters",
                "Parameters.EntryId"
            ]
        );
    }

    #[test]
    fn the_same_key_in_two_objects_is_no_duplicate() {
        let text =
            r#"{"Properties": [{"PropertyName": "a"}, {"PropertyName": "a"}], "A": {"A": 1}}"#;
        assert!(duplicate_key_paths(text).is_empty());
        assert!(duplicate_key_paths("{\"a\": ").is_empty());
        assert!(duplicate_key_paths("[1, 2, {}]").is_empty());
    }

    #[test]
    fn keys_are_shown_without_their_invisible_characters() {
        let text = "{\"A\\u001b[2J\": 1, \"A\\u001b[2J\": 2}";
        assert_eq!(duplicate_key_paths(text), ["A\\u{001B}[2J"]);
    }
}
