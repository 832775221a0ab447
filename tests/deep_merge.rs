//! `MergeMode` deep: RFC 7396 JSON Merge Patch, checked with the RFC's own
//! examples through the real component on every store, for a plain value
//! (merged by the guest) and for a secret (merged by the store, which the
//! guest never reads).

use connectors_update::NewConnector;
use serde_json::{Value, json};

use crate::kinds::{Target, dynamic_deep, targets};
use crate::support::{CANARY, names, step_json};

/// RFC 7396, appendix A: original, patch, result (shared with the guest's unit tests).
fn examples() -> Vec<(Value, Value, Value)> {
    serde_json::from_str(include_str!("fixtures/rfc7396-examples.json")).unwrap()
}

/// What the property holds after a step whose Dynamic Properties give it
/// `json`: a string its text, `null` no property, anything else its JSON.
fn stored_form(json: &str) -> Option<Value> {
    match serde_json::from_str(json).unwrap() {
        Value::Null => None,
        Value::String(s) => Some(Value::String(s)),
        other => Some(other),
    }
}

/// The property as stored, read back the same way.
fn read(t: &Target, id: &str) -> Option<Value> {
    let record = t.record(id);
    let text = record.value("doc")?;
    Some(serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string())))
}

fn check_examples(secret: bool) {
    for t in targets() {
        for (i, (original, patch, result)) in examples().into_iter().enumerate() {
            let id = format!("doc-{i}");
            let new = NewConnector::new(&id).id(&id);
            t.add(if secret {
                new.secret("doc", original.to_string())
                    .secret("Key", CANARY)
            } else {
                new.set("doc", original.to_string()).secret("Key", CANARY)
            });
            t.ok(&dynamic_deep(&id, json!({ "doc": patch })));
            assert_eq!(
                read(&t, &id),
                stored_form(&result.to_string()),
                "{}: {original} merged with {patch} (secret: {secret})",
                t.name
            );
            let record = t.record(&id);
            if let Some(doc) = record.properties.iter().find(|p| p.name == "doc") {
                assert_eq!(doc.secret, secret, "a merge keeps the value's secrecy");
            }
        }
    }
}

#[test]
fn the_rfc_examples_on_a_plain_value() {
    check_examples(false);
}

#[test]
fn the_rfc_examples_on_a_secret_merged_in_the_store() {
    check_examples(true);
}

#[test]
fn the_rfc_section_3_example() {
    let target = json!({
        "title": "Goodbye!",
        "author": {"givenName": "John", "familyName": "Doe"},
        "tags": ["example", "sample"],
        "content": "This will be unchanged"
    });
    let patch = json!({
        "title": "Hello!",
        "phoneNumber": "+01-123-456-7890",
        "author": {"familyName": null},
        "tags": ["example"]
    });
    let result = json!({
        "title": "Hello!",
        "author": {"givenName": "John"},
        "tags": ["example"],
        "content": "This will be unchanged",
        "phoneNumber": "+01-123-456-7890"
    });
    for t in targets() {
        for (id, secret) in [("plain", false), ("secret", true)] {
            let new = NewConnector::new(id).id(id);
            t.add(if secret {
                new.secret("doc", target.to_string())
            } else {
                new.set("doc", target.to_string())
            });
            let out = t.ok(&dynamic_deep(id, json!({ "doc": patch })));
            assert_eq!(out.changed, names(&["doc"]), "{}", t.name);
            let stored = t.record(id);
            let text = stored.value("doc").unwrap();
            assert_eq!(serde_json::from_str::<Value>(text).unwrap(), result);
            // Key order: kept keys first, new keys after, as the RFC shows.
            assert!(text.find("content").unwrap() < text.find("phoneNumber").unwrap());
        }
    }
}

#[test]
fn a_deep_dry_run_on_a_secret_reports_without_writing() {
    for t in targets() {
        t.add(
            NewConnector::new("c")
                .id("c")
                .secret("doc", json!({"secret": CANARY}).to_string()),
        );
        let step = |patch: Value| {
            step_json(json!({
                "EntryId": "c",
                "PropertiesJson": json!({"doc": patch}).to_string(),
                "MergeMode": "deep",
                "DryRun": true
            }))
        };
        let out = t.ok(&step(json!({"more": 1})));
        assert_eq!((out.changed.clone(), out.dry_run), (names(&["doc"]), true));
        assert_eq!(t.record("c").revision, 1, "{}", t.name);
        // A patch that changes nothing is reported as unchanged, still unread.
        let same = t.ok(&step(json!({"secret": CANARY})));
        assert!(same.unchanged, "{}", t.name);
    }
}

#[test]
fn replace_is_the_default() {
    for t in targets() {
        t.add(
            NewConnector::new("c")
                .id("c")
                .set("doc", r#"{"a":1,"b":2}"#),
        );
        t.ok(&step_json(json!({
            "EntryId": "c",
            "PropertiesJson": json!({"doc": {"a": 3}}).to_string()
        })));
        assert_eq!(read(&t, "c"), Some(json!({"a": 3})), "{}", t.name);
    }
}
