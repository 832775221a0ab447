//! Precedence, removal, value conversion, no-ops and dry runs.

use connectors_update_harness::stores::NewConnector;
use serde_json::json;

use crate::support::{names, run, seed_store, step_json};

#[test]
fn dynamic_properties_win_over_rows_and_later_rows_win() {
    let store = seed_store();
    let outcome = run(
        store.clone(),
        &step_json(json!({
            "EntryId": "twitterConnectorId",
            "Properties": [
                {"PropertyName": "A", "PropertyValue": "row-1"},
                {"PropertyName": "A", "PropertyValue": "row-2"},
                {"PropertyName": "B", "PropertyValue": "row"},
                {"PropertyName": "b", "PropertyValue": "lower"}
            ],
            "PropertiesJson": "{\"B\": \"json\"}"
        })),
    )
    .unwrap();
    let record = store.record("twitterConnectorId").unwrap();
    assert_eq!(record.value("A"), Some("row-2"));
    assert_eq!(record.value("B"), Some("json"));
    assert_eq!(record.value("b"), Some("lower"), "names are case-sensitive");
    // The connector's id never changes, and no connector is made or lost.
    assert_eq!(outcome.id, "twitterConnectorId");
    let mut ids: Vec<String> = store.records().into_iter().map(|r| r.id).collect();
    ids.sort();
    assert_eq!(ids, names(&["oauthConnectorId", "twitterConnectorId"]));
    assert_eq!(
        record
            .properties
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["APIKey", "Endpoint", "Timeout", "A", "B", "b"],
        "the rows' names, in order, after the stored ones"
    );
}

#[test]
fn json_values_become_property_text_and_null_removes() {
    let store = seed_store();
    let outcome = run(store.clone(), &step_json(json!({
        "EntryId": "twitterConnectorId",
        "PropertiesJson": "{\"Retries\": 5, \"Ratio\": 0.50, \"On\": true, \"Scopes\": [\"a\", \"b\"], \"Extra\": {\"x\": 1}, \"Timeout\": null, \"Never\": null}"
    })))
    .unwrap();
    assert_eq!(
        outcome.added,
        names(&["Retries", "Ratio", "On", "Scopes", "Extra"])
    );
    assert_eq!(outcome.removed, names(&["Timeout"]));
    let record = store.record("twitterConnectorId").unwrap();
    assert_eq!(record.value("Retries"), Some("5"));
    assert_eq!(record.value("Ratio"), Some("0.50"));
    assert_eq!(record.value("On"), Some("true"));
    assert_eq!(record.value("Scopes"), Some(r#"["a","b"]"#));
    assert_eq!(record.value("Extra"), Some(r#"{"x":1}"#));
    assert_eq!(record.value("Timeout"), None);
}

#[test]
fn a_step_that_changes_nothing_does_not_write() {
    let store = seed_store();
    let outcome = run(
        store.clone(),
        &step_json(json!({
            "EntryId": "twitterConnectorId",
            "Properties": [{"PropertyName": "Timeout", "PropertyValue": "10s"}],
            "PropertiesJson": "{\"Missing\": null, \"APIKey\": \"******\"}"
        })),
    )
    .unwrap();
    assert!(outcome.unchanged);
    assert_eq!((outcome.revision_before, outcome.revision_after), (1, 1));
    assert_eq!(store.record("twitterConnectorId").unwrap().revision, 1);
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let store = seed_store();
    let before = store.record("twitterConnectorId").unwrap();
    let outcome = run(store.clone(), &step_json(json!({
        "EntryId": "twitterConnectorId",
        "DryRun": true,
        "Properties": [{"PropertyName": "APIKey", "PropertyValue": "next"}, {"PropertyName": "New", "PropertyValue": "n"}],
        "PropertiesJson": "{\"Timeout\": null}"
    })))
    .unwrap();
    assert!(outcome.dry_run && !outcome.unchanged);
    assert_eq!(
        (outcome.added, outcome.changed, outcome.removed),
        (names(&["New"]), names(&["APIKey"]), names(&["Timeout"]))
    );
    assert_eq!((outcome.revision_before, outcome.revision_after), (1, 1));
    assert_eq!(store.record("twitterConnectorId").unwrap(), before);
}

#[test]
fn expected_revision_writes_when_it_matches() {
    let store = seed_store();
    store.add(NewConnector::new("Other").id("other")).unwrap();
    let outcome = run(store.clone(), &step_json(json!({
        "EntryId": "other", "ExpectedRevision": 1, "Properties": [{"PropertyName": "A", "PropertyValue": "1"}]
    })))
    .unwrap();
    assert_eq!(outcome.revision_after, 2);
}
