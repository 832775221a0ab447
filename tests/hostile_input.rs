//! Hostile input ends in `limit-exceeded` or `invalid-...`, never a trap or
//! a crash, and is refused before any work grows with it. How long each
//! refusal takes is measured in `cargo bench` (group `hostile`), not here.

use std::sync::Arc;

use connectors_update::{ActionError, HarnessError, MapTokens, PropertyRow, SecretString, Step};
use serde_json::json;

use crate::support::cli::Cli;
use crate::support::faults::one_connector;
use crate::support::{harness, step_json};

/// Runs `step` on a fresh store and returns the action error's code and what it names.
fn refused(step: &Step) -> (String, String) {
    let store = one_connector("Target");
    let before = store.record("c1").unwrap();
    let result = harness().execute(step, store.clone(), Arc::new(MapTokens::default()));
    assert_eq!(store.record("c1").unwrap(), before);
    match result {
        Err(HarnessError::Action(e)) => {
            let what = match &e {
                connectors_update::ActionError::LimitExceeded(l) => l.what.clone(),
                _ => String::new(),
            };
            (e.code().to_string(), what)
        }
        other => panic!("expected a typed action error, got {other:?}"),
    }
}

fn with_json(json: String) -> Step {
    Step {
        entry_id: "c1".into(),
        properties_json: SecretString::from(json),
        ..Step::default()
    }
}

#[test]
fn sixty_four_mib_of_dynamic_properties() {
    let text = format!("{{\"A\": \"{}\"}}", "x".repeat(64 * 1024 * 1024));
    assert_eq!(
        refused(&with_json(text)),
        (
            "limit-exceeded".into(),
            "PropertiesJson size in bytes".into()
        )
    );
}

#[test]
fn a_million_levels_of_nesting() {
    // Through the step JSON (1,000,000 brackets fit in the 1 MiB step limit)...
    let text = format!(
        "{{\"ActionType\": \"Connectors.Update\", \"Parameters\": {{\"EntryId\": \"c1\", \"Extra\": {}}}}}",
        "[".repeat(1_000_000)
    );
    let e = harness().parse_step(&text).unwrap_err();
    assert_eq!(e.code(), "limit-exceeded", "{e}");
    let Some(ActionError::LimitExceeded(detail)) = e.action_error() else {
        panic!("{e:?}")
    };
    assert_eq!(
        (detail.what.as_str(), detail.limit),
        ("JSON nesting depth", 32)
    );
    assert!(e.to_string().contains("nested more than 32 levels"), "{e}");
    // ...and in the Dynamic Properties, within their size limit.
    assert_eq!(
        refused(&with_json("[".repeat(200_000))),
        ("limit-exceeded".into(), "JSON nesting depth".into())
    );
    assert_eq!(
        refused(&with_json("[".repeat(1_000_000))),
        (
            "limit-exceeded".into(),
            "PropertiesJson size in bytes".into()
        )
    );
}

#[test]
fn a_million_properties_rows() {
    let step = Step {
        entry_id: "c1".into(),
        properties: (0..1_000_000)
            .map(|i| PropertyRow::new(format!("P{i}"), "v"))
            .collect(),
        ..Step::default()
    };
    assert_eq!(
        refused(&step),
        ("limit-exceeded".into(), "Properties rows".into())
    );
    assert_eq!(harness().validate(&step).unwrap()[0].code, "limit-exceeded");
}

#[test]
fn many_tokens_and_long_names_and_values() {
    let tokens = "[Form:A]".repeat(5000);
    let step = Step {
        entry_id: "c1".into(),
        properties: vec![PropertyRow::new("A", tokens)],
        ..Step::default()
    };
    assert_eq!(
        refused(&step),
        ("limit-exceeded".into(), "tokens in one field".into())
    );
    let step = Step {
        entry_id: "c1".into(),
        properties: vec![PropertyRow::new("N".repeat(300), "v")],
        ..Step::default()
    };
    assert_eq!(
        refused(&step),
        (
            "limit-exceeded".into(),
            "property name length in characters".into()
        )
    );
    let step = Step {
        entry_id: "c1".into(),
        properties: vec![PropertyRow::new("A", "v".repeat(10 * 1024 * 1024))],
        ..Step::default()
    };
    assert_eq!(
        refused(&step),
        (
            "limit-exceeded".into(),
            "property value size in bytes".into()
        )
    );
}

#[test]
fn a_token_nested_in_its_own_format() {
    let mut value = "[Form:Key]".to_string();
    for _ in 0..1000 {
        value = format!("[Form:Key|{value}]");
    }
    let step = Step {
        entry_id: "c1".into(),
        properties: vec![PropertyRow::new("A", value)],
        ..Step::default()
    };
    assert_eq!(refused(&step).0, "invalid-parameter");
    let diagnostics = harness().validate(&step).unwrap();
    assert_eq!(diagnostics[0].code, "invalid-parameter");
    assert!(diagnostics[0].message.contains("cannot be nested"));
}

#[test]
fn through_the_cli_huge_files_and_invalid_utf8() {
    let cli = Cli::new();
    cli.run(&["connector", "add", "--name", "Target", "--id", "c1"])
        .ok_json();
    // 64 MiB of Dynamic Properties, and a million rows: both over the
    // 1 MiB step limit, refused before they are read whole, with the words
    // the action uses for that limit (one figure for the step limit everywhere).
    let big = step_json(json!({"EntryId": "c1", "PropertiesJson": "x".repeat(64 * 1024 * 1024)}));
    let rows: Vec<_> = (0..1_000_000)
        .map(|i| json!({"PropertyName": format!("P{i}"), "PropertyValue": "v"}))
        .collect();
    let many = step_json(json!({"EntryId": "c1", "Properties": rows}));
    let mut invalid = step_json(json!({"EntryId": "c1"})).into_bytes();
    invalid.splice(10..10, [0xff, 0xfe]);
    for (name, content, code) in [
        ("big.json", big.into_bytes(), "limit-exceeded"),
        ("many.json", many.into_bytes(), "limit-exceeded"),
        ("invalid.json", invalid, "invalid-parameter"),
    ] {
        let file = cli.file(name, content);
        let out = cli.run(&["run", &file]);
        assert_eq!(out.status, 1, "{name}: {}", out.stderr);
        assert!(
            out.stderr.starts_with(&format!("error[{code}]: ")),
            "{name}: {}",
            out.stderr
        );
    }
    let out = cli.run(&["run", &cli.file("big2.json", "x".repeat(2 * 1024 * 1024))]);
    assert!(
        out.stderr
            .contains("the step JSON is larger than 1 MiB (1048576 bytes)"),
        "{}",
        out.stderr
    );
    let shown = cli.run(&["connector", "show", "c1"]).ok_json();
    assert_eq!(shown["revision"], 1);
}
