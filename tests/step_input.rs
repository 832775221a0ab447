//! What a careless or hostile step does, through the real component: a row
//! without a value, a required property blanked, revision 0, values hidden
//! in token formats and references, every problem of a step in one
//! `validate` pass, and a damaged stored value reported as such.

use std::sync::Arc;

use connectors_update_harness::connector::{
    Change, Connector, ConnectorSummary, WriteMode, WriteReceipt,
};
use connectors_update_harness::kinds::KindRules;
use connectors_update_harness::stores::{MemoryStore, NewConnector};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{ActionError, Caller, CredentialStore, Severity, StoreError};
use connectors_update_harness::{ExposeSecret, PropertyRow};
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
            want(Error, "Properties[2].PropertyName", "validation-failed"),
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

/// A CLI store with a `rest-api` connector, `billing`, whose `APIKey` is
/// the canary.
fn billing_cli() -> crate::support::cli::Cli {
    let cli = crate::support::cli::Cli::new();
    let secret = format!("APIKey={CANARY}");
    cli.run(&[
        "connector",
        "add",
        "--name",
        "Billing API",
        "--id",
        "billing",
        "--kind",
        "rest-api",
        "--secret",
        &secret,
        "--set",
        "Endpoint=https://billing.example.com",
    ])
    .ok_json();
    cli
}

/// `connector show billing`: its revision and its property names.
fn billing_names(cli: &crate::support::cli::Cli) -> (serde_json::Value, Vec<String>) {
    let shown = cli.run(&["connector", "show", "billing"]).ok_json();
    let mut names: Vec<String> = shown["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    names.sort();
    (shown["revision"].clone(), names)
}

/// Issue 28, defect 5: `ApiKey`, `API\u{200B}Key` or a name with a bidi or
/// control character was stored as a plain property beside the secret
/// `APIKey`, which stayed unrotated. Each is refused by `run` (naming the
/// row, and `did you mean APIKey?`), reported by `validate` at its field,
/// and nothing is written; no message holds the invisible character.
#[test]
fn a_kinds_name_in_another_case_or_with_invisible_characters_is_refused_through_the_cli() {
    let cli = billing_cli();
    let row = |name: &str| json!({"EntryId": "billing", "Properties": [{"PropertyName": name, "PropertyValue": "rotated-key"}]});
    let dynamic = |name: &str| json!({"EntryId": "billing", "PropertiesJson": json!({ name: "rotated-key" }).to_string()});
    for (step, code, field, words, hidden) in [
        (
            row("ApiKey"),
            "validation-failed",
            "Properties[0].PropertyName",
            "did you mean APIKey?",
            None,
        ),
        (
            row("apikey"),
            "validation-failed",
            "Properties[0].PropertyName",
            "did you mean APIKey?",
            None,
        ),
        (
            dynamic("APIKEY"),
            "validation-failed",
            "PropertiesJson.APIKEY",
            "did you mean APIKey?",
            None,
        ),
        (
            row("API\u{200B}Key"),
            "invalid-parameter",
            "Properties[0].PropertyName",
            "U+200B",
            Some('\u{200B}'),
        ),
        (
            row("\u{202E}yeKIPA"),
            "invalid-parameter",
            "Properties[0].PropertyName",
            "U+202E",
            Some('\u{202E}'),
        ),
        (
            row("API\u{2066}Key\u{2069}"),
            "invalid-parameter",
            "Properties[0].PropertyName",
            "U+2066",
            Some('\u{2066}'),
        ),
        (
            row("API\u{7}Key"),
            "invalid-parameter",
            "Properties[0].PropertyName",
            "U+0007",
            Some('\u{7}'),
        ),
        (
            row("API\u{1b}[2JKey"),
            "invalid-parameter",
            "Properties[0].PropertyName",
            "U+001B",
            Some('\u{1b}'),
        ),
        (
            row("API\u{A0}Key"),
            "invalid-parameter",
            "Properties[0].PropertyName",
            "U+00A0",
            Some('\u{A0}'),
        ),
        (
            row("API\u{3164}Key"),
            "invalid-parameter",
            "Properties[0].PropertyName",
            "U+3164",
            Some('\u{3164}'),
        ),
        (
            dynamic("API\u{200D}Key"),
            "invalid-parameter",
            "PropertiesJson.API\\u{200D}Key",
            "U+200D",
            Some('\u{200D}'),
        ),
    ] {
        let path = cli.file("step.json", step.to_string());
        let run = cli.run(&["run", &path]);
        assert_eq!(run.status, 1, "{step}: {}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!("error[{code}]")) && run.stderr.contains(words),
            "{step}: {}",
            run.stderr
        );
        let validated = cli.run(&["validate", &path]);
        assert_eq!(validated.status, 1, "{step}: {}", validated.stdout);
        let diagnostics = validated.json();
        let errors: Vec<(&str, &str)> = diagnostics
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| (d["field"].as_str().unwrap(), d["code"].as_str().unwrap()))
            .collect();
        assert_eq!(errors, [(field, code)], "{step}: {diagnostics}");
        if let Some(hidden) = hidden {
            assert!(
                !run.stderr.contains(hidden) && !validated.stdout.contains(hidden),
                "{step}: the character itself is shown"
            );
        }
        assert_eq!(
            billing_names(&cli),
            (json!(1), vec!["APIKey".to_string(), "Endpoint".to_string()]),
            "{step}: nothing is written"
        );
    }
    // The name as the kind declares it rotates the secret.
    let path = cli.file("step.json", row("APIKey").to_string());
    let outcome = cli.run(&["run", &path]).ok_json();
    assert_eq!(outcome["changed"], json!(["APIKey"]));
    // Removing a name in another case is allowed: it cleans up, and writes
    // no secret anywhere.
    let path = cli.file(
        "step.json",
        json!({"EntryId": "billing", "PropertiesJson": "{\"apikey\": null}"}).to_string(),
    );
    assert_eq!(cli.run(&["run", &path]).ok_json()["unchanged"], true);
}

/// Issue 28, defect 10: `"DryRun": true, "DryRun": false` wrote, and a
/// repeated `EntryId`, `Parameters` or row key took the last silently.
/// Each is `invalid-parameter` naming the key's field, from `run` (a file
/// and standard input) and `validate`, and nothing is written.
#[test]
fn a_key_given_twice_in_the_step_is_refused_through_the_cli() {
    let cli = billing_cli();
    let endpoint = r#"[{"PropertyName": "Endpoint", "PropertyValue": "https://new.example.com"}]"#;
    for (text, field) in [
        (
            format!(r#"{{"EntryId": "billing", "DryRun": true, "Properties": {endpoint}, "DryRun": false}}"#),
            "DryRun",
        ),
        (
            format!(r#"{{"ActionType": "Connectors.Update", "Parameters": {{"EntryId": "other", "EntryId": "billing", "Properties": {endpoint}}}}}"#),
            "EntryId",
        ),
        (
            format!(r#"{{"ActionType": "Connectors.Update", "Parameters": {{"EntryId": "billing", "DryRun": true}}, "Parameters": {{"EntryId": "billing", "Properties": {endpoint}}}}}"#),
            "Parameters",
        ),
        (
            r#"{"EntryId": "billing", "Properties": [{"PropertyName": "Timeout", "PropertyName": "Endpoint", "PropertyValue": "https://new.example.com"}]}"#.to_string(),
            "Properties[0].PropertyName",
        ),
        (
            r#"{"EntryId": "billing", "PropertiesJson": {"Endpoint": "https://a.example.com", "Endpoint": "https://new.example.com"}}"#.to_string(),
            "PropertiesJson.Endpoint",
        ),
    ] {
        let path = cli.file("step.json", &text);
        for run in [
            cli.run(&["run", &path]),
            cli.run_with_stdin(&["run", "-"], &text),
        ] {
            assert_eq!(run.status, 1, "{text}: {}", run.stdout);
            assert!(
                run.stderr.starts_with("error[invalid-parameter]: ")
                    && run.stderr.contains(&format!("{field}: the key"))
                    && run.stderr.contains("more than once"),
                "{text}: {}",
                run.stderr
            );
        }
        let validated = cli.run(&["validate", &path]);
        assert_eq!(validated.status, 1, "{text}");
        let found: Vec<(String, String, String)> = validated
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["severity"].as_str().unwrap().to_string(),
                    d["field"].as_str().unwrap().to_string(),
                    d["code"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [(
                "error".to_string(),
                field.to_string(),
                "invalid-parameter".to_string()
            )],
            "{text}"
        );
        assert_eq!(billing_names(&cli).0, json!(1), "{text}: nothing is written");
    }
}

/// Issue 28, friction: a lone surrogate read "unexpected end of hex
/// escape", and a mistyped key listed the keys without suggesting one.
#[test]
fn a_lone_surrogate_and_a_mistyped_key_get_messages_to_act_on() {
    let cli = billing_cli();
    for text in [
        "{\"EntryId\": \"billing\",\n \"Properties\": [{\"PropertyName\": \"Endpoint\", \"PropertyValue\": \"\\ud800\"}]}",
        "{\"EntryId\": \"billing\",\n \"Properties\": [{\"PropertyName\": \"Endpoint\", \"PropertyValue\": \"\\udc00x\"}]}",
    ] {
        let path = cli.file("step.json", text);
        let run = cli.run(&["run", &path]);
        assert_eq!(run.status, 1);
        assert!(
            run.stderr.starts_with("error[invalid-json]: ")
                && run.stderr.contains("at line 2, column")
                && run.stderr.contains("lone surrogate")
                && !run.stderr.contains("hex escape"),
            "{}",
            run.stderr
        );
    }
    for (key, meant, field) in [
        ("PropertyNam", "PropertyName", "Properties[0].PropertyNam"),
        ("PropertyVal", "PropertyValue", "Properties[0].PropertyVal"),
    ] {
        let text =
            json!({"EntryId": "billing", "Properties": [{"PropertyValue": "x", key: "Endpoint"}]})
                .to_string();
        let path = cli.file("step.json", &text);
        let validated = cli.run(&["validate", &path]);
        let diagnostics = validated.json();
        let found = diagnostics
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["field"] == field)
            .unwrap_or_else(|| panic!("{diagnostics}"));
        assert!(
            found["message"]
                .as_str()
                .unwrap()
                .contains(&format!("Did you mean '{meant}'?")),
            "{found}"
        );
        let run = cli.run(&["run", &path]);
        assert!(
            run.stderr.contains(&format!("Did you mean '{meant}'?")),
            "{}",
            run.stderr
        );
    }
}
