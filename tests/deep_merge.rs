//! `MergeMode` deep: RFC 7396 JSON Merge Patch, checked with the RFC's own
//! examples through the real component on every store, for a plain value
//! (merged by the guest) and for a secret (merged by the store, which the
//! guest never reads).

use std::sync::Arc;

use connectors_update_harness::ActionError;
use connectors_update_harness::kinds::{JsonRule, KindRules, PropertyRule, ValueFormat};
use connectors_update_harness::stores::{MemoryStore, NewConnector};
use serde_json::{Value, json};

use crate::kinds::{Target, dynamic_deep, targets};
use crate::support::{CANARY, action_error, names, run, step_json};

/// RFC 7396, appendix A: original, patch, result (shared with the guest's unit tests).
fn examples() -> Vec<(Value, Value, Value)> {
    serde_json::from_str(include_str!("../model/fixtures/rfc7396-examples.json")).unwrap()
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
            let doc = record.properties.iter().find(|p| p.name == "doc");
            match stored_form(&result.to_string()) {
                Some(_) => assert_eq!(
                    doc.map(|p| p.secret),
                    Some(secret),
                    "{}: example {i}: a merge keeps the value's secrecy",
                    t.name
                ),
                None => assert!(doc.is_none(), "{}: example {i}: removed", t.name),
            }
            assert_eq!(record.value("Key"), Some(CANARY), "{}: untouched", t.name);
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
        // A patch that would change nothing is reported as a change, still
        // unread: whether a guess is right is never told.
        let same = t.ok(&step(json!({"secret": CANARY})));
        let wrong = t.ok(&step(json!({"secret": "a-wrong-guess"})));
        assert_eq!(same, wrong, "{}", t.name);
        assert_eq!(same.changed, names(&["doc"]), "{}", t.name);
        assert_eq!(t.record("c").revision, 1, "{}", t.name);
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

/// A store's kind whose secret `config` holds at most two short strings.
fn vault_store() -> Arc<MemoryStore> {
    let store = Arc::new(MemoryStore::new());
    store.set_rules(KindRules {
        kind: "vault".into(),
        help: "A kind with rules inside a secret JSON object.".into(),
        properties: vec![PropertyRule {
            name: "config".into(),
            required: false,
            secret: true,
            format: ValueFormat::JsonObject,
            max_length: Some(120),
            json: Some(JsonRule {
                allowed_keys: None,
                max_entries: Some(2),
                strings_only: true,
                max_string_length: Some(40),
            }),
            immutable: false,
            write_permission: None,
            deprecated: None,
            help: String::new(),
        }],
        max_properties: None,
        allow_unknown: true,
    });
    store
        .add(NewConnector::new("v").id("v").kind("vault").secret(
            "config",
            json!({"user": "u", "password": CANARY}).to_string(),
        ))
        .unwrap();
    store
}

fn merge_config(patch: Value, dry_run: bool) -> String {
    step_json(json!({
        "EntryId": "v",
        "PropertiesJson": json!({"config": patch}).to_string(),
        "MergeMode": "deep",
        "DryRun": dry_run
    }))
}

#[test]
fn a_secret_merged_in_the_store_is_checked_against_its_kinds_rules() {
    let store = vault_store();
    let before = store.record("v").unwrap();
    // The guest sees only the patch, which is fine; the merged secret would
    // hold three entries, and only the store can tell.
    for dry_run in [false, true] {
        let ActionError::ValidationFailed(failed) = action_error(run(
            store.clone(),
            &merge_config(json!({"region": "eu-region-7f3a"}), dry_run),
        )) else {
            panic!("expected validation-failed")
        };
        assert_eq!(failed.violations.len(), 1, "{failed:?}");
        let v = &failed.violations[0];
        assert_eq!(
            (v.property.as_str(), v.rule.as_str()),
            ("config", "json-entries")
        );
        assert!(
            failed
                .message
                .starts_with("Connector 'v' was not changed: 1 rule(s) would be broken.")
                && failed.message.contains(&v.message)
                && v.message.contains("at most 2"),
            "{}",
            failed.message
        );
        assert!(
            !failed.message.contains("eu-region-7f3a"),
            "the message names no value"
        );
        assert_eq!(store.record("v").unwrap(), before, "nothing was written");
    }
    // Several rules at once, each reported.
    let long = "x".repeat(41);
    let ActionError::ValidationFailed(failed) = action_error(run(
        store.clone(),
        &merge_config(json!({"user": 7, "password": long}), false),
    )) else {
        panic!("expected validation-failed")
    };
    let rules: Vec<&str> = failed.violations.iter().map(|v| v.rule.as_str()).collect();
    assert_eq!(rules, ["json-strings", "json-string-length"], "{failed:?}");
    assert!(!failed.message.contains(&long));
    assert_eq!(store.record("v").unwrap(), before);
    // A merge that keeps to the rules is written: a key replaced, one removed, one added.
    let out = run(
        store.clone(),
        &merge_config(json!({"user": null, "region": "eu"}), false),
    )
    .unwrap();
    assert_eq!(out.changed, names(&["config"]));
    let after = store.record("v").unwrap();
    let config: Value = serde_json::from_str(after.value("config").unwrap()).unwrap();
    assert_eq!(config, json!({"password": CANARY, "region": "eu"}));
}
