//! What a careless or hostile step does, through the real component: a row
//! without a value, a required property blanked, revision 0, values hidden
//! in token formats and references, every problem of a step in one
//! `validate` pass, and a damaged stored value reported as such.

use std::sync::Arc;

use connectors_update::connector::{Change, Connector, ConnectorSummary, WriteMode, WriteReceipt};
use connectors_update::kinds::KindRules;
use connectors_update::stores::{MemoryStore, NewConnector};
use connectors_update::tokens::MapTokens;
use connectors_update::{ActionError, Caller, CredentialStore, Severity, StoreError};
use connectors_update::{ExposeSecret, PropertyRow};
use serde_json::json;

use crate::support::{
    CANARY, action_error, assert_clean, harness, names, run, run_with, step, step_json,
};

/// A store with one `rest-api` connector, whose `APIKey` is required and secret.
fn rest_api_store() -> Arc<MemoryStore> {
    let store = Arc::new(MemoryStore::new());
    store
        .add(
            NewConnector::new("Billing API")
                .id("billing")
                .kind("rest-api")
                .secret("APIKey", CANARY)
                .set("Endpoint", "https://billing.example.com"),
        )
        .unwrap();
    store
}

fn api_key(store: &MemoryStore) -> String {
    let record = store.record("billing").unwrap();
    let key = record
        .properties
        .iter()
        .find(|p| p.name == "APIKey")
        .unwrap();
    key.value.expose_secret().to_string()
}

#[test]
fn a_row_without_a_value_is_refused_and_validate_says_so() {
    let store = rest_api_store();
    let json = step_json(json!({
        "EntryId": "billing",
        "Properties": [{"PropertyName": "APIKey"}]
    }));
    let parsed = step(&json);
    assert_eq!(parsed.properties[0], PropertyRow::without_value("APIKey"));
    let ActionError::InvalidParameter(e) = action_error(run(store.clone(), &json)) else {
        panic!("expected invalid-parameter")
    };
    assert_eq!(e.field, "Properties[0].PropertyValue");
    assert!(e.message.contains("has no PropertyValue"), "{}", e.message);
    assert_eq!(api_key(&store), CANARY, "nothing was written");
    assert_eq!(store.record("billing").unwrap().revision, 1);

    for diagnostics in [
        harness().validate(&parsed).unwrap(),
        harness().validate_json(&json).unwrap(),
    ] {
        let found: Vec<(&str, &str)> = diagnostics
            .iter()
            .map(|d| (d.field.as_str(), d.code.as_str()))
            .collect();
        assert_eq!(
            found,
            [("Properties[0].PropertyValue", "invalid-parameter")]
        );
        assert_eq!(diagnostics[0].severity, Severity::Error);
    }
}

#[test]
fn a_required_property_cannot_be_blanked_and_validate_warns() {
    for parameters in [
        json!({"EntryId": "billing", "Properties": [{"PropertyName": "APIKey", "PropertyValue": ""}]}),
        json!({"EntryId": "billing", "PropertiesJson": "{\"APIKey\": \"\"}"}),
        json!({"EntryId": "billing", "Properties": [{"PropertyName": "APIKey", "PropertyValue": "[Form:Blank]"}]}),
    ] {
        let store = rest_api_store();
        let json = step_json(parameters);
        let e = action_error(run_with(
            store.clone(),
            &json,
            MapTokens::from_pairs([("Form:Blank", " ")]),
        ));
        let ActionError::ValidationFailed(detail) = &e else {
            panic!("{e:?}")
        };
        let rules: Vec<(&str, &str)> = detail
            .violations
            .iter()
            .map(|v| (v.property.as_str(), v.rule.as_str()))
            .collect();
        assert_eq!(rules, [("APIKey", "required")], "{json}");
        assert_eq!(api_key(&store), CANARY);
        assert_eq!(store.record("billing").unwrap().revision, 1);
    }
    let warned = harness()
        .validate_json(&step_json(json!({
            "EntryId": "billing",
            "Properties": [{"PropertyName": "APIKey", "PropertyValue": ""}]
        })))
        .unwrap();
    let found: Vec<(&str, &str)> = warned
        .iter()
        .map(|d| (d.field.as_str(), d.code.as_str()))
        .collect();
    assert_eq!(found, [("Properties[0].PropertyValue", "empty-required")]);
}

#[test]
fn expected_revision_zero_is_refused_at_parse_validate_and_execute() {
    let json = step_json(json!({"EntryId": "billing", "ExpectedRevision": 0}));
    let e = harness().parse_step(&json).unwrap_err();
    assert_eq!(e.code(), "invalid-parameter");
    assert!(e.to_string().contains("revisions start at 1"), "{e}");
    let d = harness().validate_json(&json).unwrap();
    assert_eq!(
        (d.len(), d[0].field.as_str(), d[0].code.as_str()),
        (1, "ExpectedRevision", "invalid-parameter")
    );
    // A typed step with 0 (an engine's own) is refused before anything is read.
    let mut typed = step(&step_json(
        json!({"EntryId": "billing", "Properties": [{"PropertyName": "A", "PropertyValue": "1"}]}),
    ));
    typed.expected_revision = Some(0);
    let store = rest_api_store();
    let result = harness().execute(&typed, store.clone(), Arc::new(MapTokens::default()));
    assert_eq!(result.unwrap_err().code(), "invalid-parameter");
    assert_eq!(store.record("billing").unwrap().revision, 1);
    // Out of range is said plainly.
    let huge = step_json(json!({"EntryId": "b", "ExpectedRevision": "18446744073709551616"}));
    let e = harness().parse_step(&huge).unwrap_err();
    assert!(e.to_string().contains("too large"), "{e}");
}

#[test]
fn validate_json_reports_every_problem_of_a_broken_step_in_one_pass() {
    let json = r#"{"ActionType": "Connectors.Update", "Parameters": {
        "EntryId": "",
        "Properties": [
            {"PropertyName": "APIKey", "PropertyValue": "[Form:A|[Form:B]]"},
            {"PropertyName": "", "PropertyValue": "x"},
            {"PropertyName": "apikey", "PropertyValue": "y"}
        ],
        "PropertiesJson": "{\"Timeout\": 1, \"Timeout\": ",
        "MergeMode": "merge",
        "Colour": 1,
        "Size": 2
    }}"#;
    let found: Vec<(Severity, String, String)> = harness()
        .validate_json(json)
        .unwrap()
        .into_iter()
        .map(|d| (d.severity, d.field, d.code))
        .collect();
    let want = |s, f: &str, c: &str| (s, f.to_string(), c.to_string());
    use Severity::{Error, Warning};
    assert_eq!(
        found,
        [
            want(Error, "Colour", "invalid-parameter"),
            want(Error, "Size", "invalid-parameter"),
            want(Error, "MergeMode", "invalid-parameter"),
            want(Error, "EntryId", "invalid-parameter"),
            want(Error, "Properties[0].PropertyValue", "invalid-parameter"),
            want(Error, "Properties[1].PropertyName", "invalid-parameter"),
            want(Error, "PropertiesJson", "invalid-json"),
            want(Warning, "Properties[2].PropertyName", "case-collision"),
        ]
    );
    // The typed entry point has nothing to add to a step that parsed.
    let half = step_json(json!({"EntryId": "x", "PropertiesJson": "{\"A\": 1, \"A\": 2}"}));
    let d = harness().validate_json(&half).unwrap();
    assert_eq!(
        d.iter()
            .map(|d| (d.field.as_str(), d.code.as_str()))
            .collect::<Vec<_>>(),
        [("PropertiesJson.A", "duplicate-key")]
    );
}

#[test]
fn token_formats_and_token_references_never_reach_an_error() {
    let store = rest_api_store();
    let e = action_error(run(
        store.clone(),
        &step_json(json!({
            "EntryId": "billing",
            "Properties": [{"PropertyName": "APIKey", "PropertyValue": format!("[Form:Missing|{CANARY}-{{0}}]")}]
        })),
    ));
    let ActionError::UnresolvedToken(detail) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(detail.token, "[Form:Missing]");
    let d = harness()
        .validate_json(&step_json(json!({
            "EntryId": "billing",
            "Properties": [{"PropertyName": "A", "PropertyValue": format!("[Form:K|{CANARY}]")}]
        })))
        .unwrap();
    assert_eq!(d[0].code, "format-without-value");
    assert_clean("format-without-value", &format!("{d:?}"));
    // An EntryId from a token: its value is the host's and is not echoed.
    let e = action_error(run_with(
        store,
        &step_json(
            json!({"EntryId": "[Env:Connector]", "Properties": [{"PropertyName": "A", "PropertyValue": "1"}]}),
        ),
        MapTokens::from_pairs([("Env:Connector", CANARY)]),
    ));
    let ActionError::ConnectorNotFound(detail) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(detail.reference, "[Env:Connector]");
}

#[test]
fn a_token_used_as_a_value_is_stored_and_never_shown() {
    let store = rest_api_store();
    let outcome = run_with(
        store.clone(),
        &step_json(json!({"EntryId": "billing", "Properties": [{"PropertyName": "Endpoint", "PropertyValue": "[Form:Url]"}]})),
        MapTokens::from_pairs([("Form:Url", format!("https://{CANARY}.example.com"))]),
    )
    .unwrap();
    assert_eq!(outcome.changed, names(&["Endpoint"]));
    let record = store.record("billing").unwrap();
    let endpoint = record
        .properties
        .iter()
        .find(|p| p.name == "Endpoint")
        .unwrap();
    assert_eq!(
        endpoint.value.expose_secret(),
        format!("https://{CANARY}.example.com")
    );
}

#[test]
fn dynamic_properties_keep_number_text_and_take_a_large_whole_token() {
    let store = rest_api_store();
    run(
        store.clone(),
        &step_json(
            json!({"EntryId": "billing", "PropertiesJson": "{\"Retries\": 1e2, \"Ratio\": 0.50}"}),
        ),
    )
    .unwrap();
    let record = store.record("billing").unwrap();
    let value = |n: &str| {
        record
            .properties
            .iter()
            .find(|p| p.name == n)
            .map(|p| p.value.expose_secret().to_string())
    };
    assert_eq!(
        (value("Retries").as_deref(), value("Ratio").as_deref()),
        (Some("1e2"), Some("0.50"))
    );

    // A whole-text token is held to the Dynamic Properties limit (256 KiB), not a value's (64 KiB).
    let object: serde_json::Map<String, serde_json::Value> = (0..50)
        .map(|i| (format!("P{i}"), json!("v".repeat(2000))))
        .collect();
    let big = serde_json::Value::Object(object).to_string();
    let outcome = run_with(
        store.clone(),
        &step_json(json!({"EntryId": "billing", "PropertiesJson": "[Form:Json]"})),
        MapTokens::from_pairs([("Form:Json", big)]),
    )
    .unwrap();
    assert_eq!(outcome.added.len(), 50);
    // A token that is blank means no Dynamic Properties, as blank text does.
    let outcome = run_with(
        store,
        &step_json(json!({"EntryId": "billing", "PropertiesJson": "[Form:Json]"})),
        MapTokens::from_pairs([("Form:Json", "")]),
    )
    .unwrap();
    assert!(outcome.unchanged);
}

#[test]
fn a_step_file_with_a_bom_reads_and_odd_step_texts_get_messages_to_act_on() {
    let parsed = harness()
        .parse_step("\u{feff}{\"EntryId\": \"billing\"}")
        .unwrap();
    assert_eq!(parsed.entry_id, "billing");
    let empty = harness().parse_step("").unwrap_err().to_string();
    assert!(
        empty.contains("the step is empty") && !empty.contains("column 0"),
        "{empty}"
    );
    let array = harness().parse_step("[]").unwrap_err().to_string();
    assert!(
        array.contains("A step looks like") && !array.contains("Timeout"),
        "{array}"
    );
}

/// A store whose every read says the stored `APIKey` was tampered with.
#[derive(Debug)]
struct Tampered;

impl CredentialStore for Tampered {
    fn get(&self, _: &Caller, _: &str) -> Result<Connector, StoreError> {
        Err(StoreError::Tampered {
            connector: "billing".into(),
            property: "APIKey".into(),
        })
    }
    fn find_by_name(&self, _: &Caller, _: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        Ok(Vec::new())
    }
    fn rules(&self, _: &Caller, _: &str) -> Result<Option<KindRules>, StoreError> {
        Ok(None)
    }
    fn kinds(&self, _: &Caller) -> Result<Vec<KindRules>, StoreError> {
        Ok(Vec::new())
    }
    fn write(
        &self,
        _: &Caller,
        _: &str,
        _: u64,
        _: &[Change],
        _: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        unreachable!("nothing is written after a failed read")
    }
}

#[test]
fn a_tampered_value_is_store_tampered_naming_connector_and_property() {
    let e = action_error(run(
        Arc::new(Tampered),
        &step_json(
            json!({"EntryId": "billing", "Properties": [{"PropertyName": "A", "PropertyValue": "1"}]}),
        ),
    ));
    assert_eq!(e.code(), "store-tampered");
    let ActionError::StoreTampered(detail) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(
        (detail.connector.as_str(), detail.property.as_str()),
        ("billing", "APIKey")
    );
    assert!(!detail.message.contains("Try again"), "{}", detail.message);
    assert!(
        detail.message.contains("Set the property again"),
        "{}",
        detail.message
    );
}
