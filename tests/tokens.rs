//! Tokens through the real component: every field, formats, escapes,
//! literal brackets, and an injection attempt.

use connectors_update_harness::ExposeSecret;
use connectors_update_harness::tokens::MapTokens;
use serde_json::json;

use crate::support::{CANARY, action_error, names, run_with, seed_store, step_json};

fn tokens() -> MapTokens {
    MapTokens::from_pairs([
        ("Trigger:Connector", "Twitter API"),
        ("Form:Key", "k-42"),
        ("Form:Field", "Region"),
        ("Env", "eu-west-1"),
        ("Form:Json", r#"{"Timeout": "45s", "Endpoint": null}"#),
        // A value that tries to close the string and add keys of its own.
        ("Form:Evil", r#"x", "Admin": "true", "APIKey": "stolen"#),
    ])
}

#[test]
fn tokens_resolve_in_every_field_with_formats_and_escapes() {
    let store = seed_store();
    let step = step_json(json!({
        "EntryId": "[Trigger:Connector]",
        "Properties": [
            {"PropertyName": "[Form:Field]", "PropertyValue": "[Env]"},
            {"PropertyName": "Authorization", "PropertyValue": "[Form:Key|Bearer {0}]"},
            {"PropertyName": "Literal", "PropertyValue": "[::1]:8080 [0] [1, 2] &#91;Form:Key&#93; a&#124;b"}
        ],
        "PropertiesJson": "{\"Tag\": \"[Env|region-{0}]\"}"
    }));
    let outcome = run_with(store.clone(), &step, tokens()).unwrap();
    assert_eq!(
        outcome.added,
        names(&["Region", "Authorization", "Literal", "Tag"])
    );
    let record = store.record("twitterConnectorId").unwrap();
    assert_eq!(record.value("Region"), Some("eu-west-1"));
    assert_eq!(record.value("Authorization"), Some("Bearer k-42"));
    assert_eq!(
        record.value("Literal"),
        Some("[::1]:8080 [0] [1, 2] [Form:Key] a|b")
    );
    assert_eq!(record.value("Tag"), Some("region-eu-west-1"));
}

#[test]
fn a_whole_field_token_is_parsed_as_the_json() {
    let store = seed_store();
    let step =
        step_json(json!({"EntryId": "twitterConnectorId", "PropertiesJson": " [Form:Json] "}));
    let outcome = run_with(store.clone(), &step, tokens()).unwrap();
    assert_eq!(
        (outcome.changed, outcome.removed),
        (names(&["Timeout"]), names(&["Endpoint"]))
    );
    let record = store.record("twitterConnectorId").unwrap();
    assert_eq!(record.value("Timeout"), Some("45s"));
    assert_eq!(record.value("Endpoint"), None);
}

#[test]
fn a_token_value_cannot_inject_keys() {
    let store = seed_store();
    let step = step_json(
        json!({"EntryId": "twitterConnectorId", "PropertiesJson": "{\"Note\": \"[Form:Evil]\"}"}),
    );
    let outcome = run_with(store.clone(), &step, tokens()).unwrap();
    assert_eq!(outcome.added, names(&["Note"]));
    assert_eq!((outcome.changed, outcome.removed), (names(&[]), names(&[])));
    let record = store.record("twitterConnectorId").unwrap();
    assert_eq!(
        record.value("Note"),
        Some(r#"x", "Admin": "true", "APIKey": "stolen"#)
    );
    assert_eq!(record.value("Admin"), None);
    assert_eq!(
        record.value("APIKey"),
        Some(CANARY),
        "the stored key is untouched"
    );
    assert_eq!(record.revision, 2);
}

#[test]
fn a_token_value_is_never_expanded_again() {
    let store = seed_store();
    let tokens = MapTokens::from_pairs([("Form:Indirect", "[Form:Key]"), ("Form:Key", "k")]);
    let step = step_json(
        json!({"EntryId": "twitterConnectorId", "Properties": [{"PropertyName": "X", "PropertyValue": "[Form:Indirect]"}]}),
    );
    run_with(store.clone(), &step, tokens).unwrap();
    assert_eq!(
        store.record("twitterConnectorId").unwrap().value("X"),
        Some("[Form:Key]")
    );
}

#[test]
fn an_unknown_token_is_never_replaced_by_empty_text() {
    let store = seed_store();
    let step = step_json(json!({"EntryId": "[Trigger:Missing]"}));
    let e = action_error(run_with(store, &step, tokens()));
    assert_eq!(e.code(), "unresolved-token");
    assert!(
        e.message()
            .starts_with("EntryId: token [Trigger:Missing] has no value"),
        "{}",
        e.message()
    );
}

#[test]
fn a_tokens_file_keeps_numbers_as_written() {
    let tokens = MapTokens::from_json(r#"{"Form:Ratio": 1.50, "On": true, "Text": "t"}"#).unwrap();
    use connectors_update_harness::TokenSource;
    assert_eq!(
        tokens
            .resolve(Some("Form"), "Ratio")
            .unwrap()
            .map(|v| v.expose_secret().to_owned())
            .as_deref(),
        Some("1.50")
    );
    assert_eq!(
        tokens
            .resolve(None, "On")
            .unwrap()
            .map(|v| v.expose_secret().to_owned())
            .as_deref(),
        Some("true")
    );
    assert!(
        MapTokens::from_json(r#"{"Nested": {"a": 1}}"#)
            .unwrap_err()
            .contains("'Nested'")
    );
    let not_an_object = MapTokens::from_json("[1]").unwrap_err();
    assert!(not_an_object.contains("JSON object"), "{not_an_object}");
}

/// Tokens whose value is the canary, the way a workflow passes a secret
/// from a form or a vault: stored exactly where they stand, and shown by no
/// outcome or error, whatever the step does with them (`run_with` checks
/// every outcome and error for the canary).
#[test]
fn a_token_whose_value_is_the_canary_is_stored_and_never_shown() {
    let secret_tokens = || {
        MapTokens::from_pairs([
            ("Form:Secret", CANARY.to_string()),
            (
                "Form:Json",
                format!(r#"{{"Token": "{CANARY}", "RetryAttempts": "{CANARY}"}}"#),
            ),
        ])
    };
    let store = seed_store();
    // Stored exactly, in a row (with a format) and in Dynamic Properties.
    let outcome = run_with(
        store.clone(),
        &step_json(json!({
            "EntryId": "twitterConnectorId",
            "Properties": [
                {"PropertyName": "APIKey", "PropertyValue": "[Form:Secret]"},
                {"PropertyName": "Authorization", "PropertyValue": "[Form:Secret|Bearer {0}]"}
            ],
            "PropertiesJson": "{\"Token\": \"[Form:Secret]\"}"
        })),
        secret_tokens(),
    )
    .unwrap();
    assert_eq!(
        (outcome.added, outcome.changed),
        (names(&["Authorization", "Token"]), names(&["APIKey"])),
        "the APIKey already held the canary, and a secret named is changed"
    );
    let record = store.record("twitterConnectorId").unwrap();
    assert_eq!(
        record.value("Authorization"),
        Some(format!("Bearer {CANARY}").as_str())
    );
    assert_eq!(record.value("Token"), Some(CANARY));
    // Refused, each with its code, writing nothing.
    let before = store.records();
    for (code, parameters) in [
        // A value that breaks a rule of its kind (RetryAttempts is an integer).
        (
            "validation-failed",
            json!({"EntryId": "oauthConnectorId", "Properties": [{"PropertyName": "RetryAttempts", "PropertyValue": "[Form:Secret]"}]}),
        ),
        (
            "validation-failed",
            json!({"EntryId": "oauthConnectorId", "PropertiesJson": "[Form:Json]"}),
        ),
        // A whole-text token whose value is not JSON.
        (
            "invalid-json",
            json!({"EntryId": "twitterConnectorId", "PropertiesJson": " [Form:Secret] "}),
        ),
        // A connector reference from a token: its value is the host's secret.
        (
            "connector-not-found",
            json!({"EntryId": "[Form:Secret]", "Properties": [{"PropertyName": "A", "PropertyValue": "1"}]}),
        ),
        (
            "connector-not-found",
            json!({"EntryId": "[Form:Secret|Api {0}]", "Properties": [{"PropertyName": "A", "PropertyValue": "1"}]}),
        ),
    ] {
        // Checked here, to name the case: the parameters hold no value.
        let e = action_error(crate::support::harness().execute(
            &crate::support::step(&step_json(parameters.clone())),
            store.clone(),
            std::sync::Arc::new(secret_tokens()),
        ));
        crate::support::assert_clean(&format!("{code} for {parameters}"), &format!("{e} {e:?}"));
        assert_eq!(e.code(), code, "{parameters}: {}", e.message());
        assert_eq!(store.records(), before, "{parameters}: nothing is written");
    }
}

/// A token's format is part of the value it makes (`[Form:Key|Bearer {0}]`
/// makes the value `Bearer ...`), so no error or diagnostic may quote it:
/// neither `unresolved-token` for a token the host does not know, nor the
/// `format-without-value` warning.
#[test]
fn a_token_format_is_never_shown_in_an_error_or_a_diagnostic() {
    let store = seed_store();
    for (field, parameters) in [
        (
            "Properties[0].PropertyValue",
            json!({"EntryId": "twitterConnectorId", "Properties": [{"PropertyName": "APIKey", "PropertyValue": format!("[Form:Missing|{CANARY}-{{0}}]")}]}),
        ),
        (
            "PropertiesJson",
            json!({"EntryId": "twitterConnectorId", "PropertiesJson": format!("{{\"APIKey\": \"[Form:Missing|{CANARY}-{{0}}]\"}}")}),
        ),
        (
            "EntryId",
            json!({"EntryId": format!("[Form:Missing|{CANARY}{{0}}]")}),
        ),
    ] {
        let before = store.records();
        let e = action_error(crate::support::harness().execute(
            &crate::support::step(&step_json(parameters.clone())),
            store.clone(),
            std::sync::Arc::new(tokens()),
        ));
        assert_eq!(e.code(), "unresolved-token", "{field}");
        // It still names the field and the token (source and name are no value).
        assert!(
            e.message().starts_with(&format!("{field}: ")) && e.message().contains("Form:Missing"),
            "{field}: {}",
            e.message()
        );
        crate::support::assert_clean(field, &format!("{e} {e:?}"));
        assert_eq!(store.records(), before);
    }
    // A format without `{0}` throws the value away: the warning names the
    // token's source and name, not the format.
    let parsed = crate::support::step(&step_json(json!({
        "EntryId": "twitterConnectorId",
        "Properties": [{"PropertyName": "APIKey", "PropertyValue": format!("[Form:Key|{CANARY}]")}],
        "PropertiesJson": format!("{{\"Other\": \"[Form:Key|{CANARY}]\"}}")
    })));
    let diagnostics = crate::support::harness().validate(&parsed).unwrap();
    let warnings: Vec<(&str, &str)> = diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.field.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            ("format-without-value", "Properties[0].PropertyValue"),
            ("format-without-value", "PropertiesJson.Other")
        ]
    );
    crate::support::assert_clean("diagnostics", &format!("{diagnostics:?}"));
}

/// Issue 28, 11b: a property name made by a token was shown resolved in
/// errors, while a token in `EntryId` was shown as written. Decided: an
/// error about a parameter shows it as written, tokens unresolved, with
/// its field; the outcome and the history name what is stored, as
/// `connector show` lists it. Through the harness (the typed violation)
/// and the CLI (its error line, outcome and history).
#[test]
fn a_name_made_by_a_token_is_shown_as_written_in_errors_and_as_stored_in_outcomes() {
    use connectors_update_harness::stores::{MemoryStore, NewConnector};
    let store = std::sync::Arc::new(MemoryStore::new());
    store
        .add(
            NewConnector::new("Billing API")
                .id("billing")
                .kind("rest-api")
                .secret("APIKey", CANARY)
                .set("Endpoint", "https://billing.example.com"),
        )
        .unwrap();
    let tokens = || {
        MapTokens::from_pairs([
            ("Form:Name", "Endpoint"),
            ("Form:Json", r#"{"Endpoint": "nope"}"#),
        ])
    };
    for (parameters, shown, field) in [
        (
            json!({"EntryId": "billing", "Properties": [{"PropertyName": "[Form:Name]", "PropertyValue": "not a url"}]}),
            "[Form:Name]",
            "Properties[0].PropertyName",
        ),
        (
            json!({"EntryId": "billing", "PropertiesJson": "{\"[Form:Name|{0}]\": \"not a url\"}"}),
            "[Form:Name]",
            "PropertiesJson.[Form:Name]",
        ),
        (
            json!({"EntryId": "billing", "PropertiesJson": "[Form:Json]"}),
            "a key of the value of token [Form:Json]",
            "PropertiesJson",
        ),
    ] {
        let connectors_update_harness::ActionError::ValidationFailed(failed) = action_error(
            run_with(store.clone(), &step_json(parameters.clone()), tokens()),
        ) else {
            panic!("{parameters}: expected validation-failed")
        };
        let violation = &failed.violations[0];
        assert_eq!(
            (violation.property.as_str(), violation.rule.as_str()),
            (shown, "format"),
            "{parameters}"
        );
        let written = format!("'{shown}' ({field})");
        for text in [&violation.message, &failed.message] {
            assert!(text.contains(&written), "{parameters}: {text}");
            assert!(!text.contains("'Endpoint'"), "{parameters}: {text}");
        }
    }
    // A name also written literally is the author's own, and shown as it is.
    let both = json!({"EntryId": "billing", "Properties": [
        {"PropertyName": "[Form:Name]", "PropertyValue": "not a url"},
        {"PropertyName": "Endpoint", "PropertyValue": "not a url either"}
    ]});
    let connectors_update_harness::ActionError::ValidationFailed(failed) =
        action_error(run_with(store.clone(), &step_json(both), tokens()))
    else {
        panic!("expected validation-failed")
    };
    assert_eq!(failed.violations[0].property, "Endpoint");

    // The CLI: the error line shows the name as written; the outcome and
    // the history name the property stored.
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
    let tokens_file = cli.file("tokens.json", r#"{"Form:Name": "Endpoint"}"#);
    let step = |value: &str| {
        json!({"EntryId": "billing", "Properties": [{"PropertyName": "[Form:Name]", "PropertyValue": value}]})
            .to_string()
    };
    let refused = cli.run_with_stdin(&["run", "-", "--tokens", &tokens_file], &step("not a url"));
    assert_eq!(refused.status, 1);
    assert!(
        refused.stderr.starts_with("error[validation-failed]: ")
            && refused
                .stderr
                .contains("'[Form:Name]' (Properties[0].PropertyName)")
            && !refused.stderr.contains("'Endpoint'"),
        "{}",
        refused.stderr
    );
    let outcome = cli
        .run_with_stdin(
            &["run", "-", "--tokens", &tokens_file],
            &step("https://new.example.com"),
        )
        .ok_json();
    assert_eq!(outcome["changed"], json!(["Endpoint"]));
    let history = cli.run(&["connector", "history", "billing"]).ok_json();
    let last = history.as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["event"].clone(), last["properties"].clone()),
        (json!("updated"), json!(["Endpoint"]))
    );
}
