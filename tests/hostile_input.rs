//! Hostile input ends in `limit-exceeded` or `invalid-...`, never a trap or
//! a crash, and is refused before any work grows with it. How long each
//! refusal takes is measured in `cargo bench` (group `hostile`), not here.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use connectors_update_harness::connector::{Change, ChangeOp};
use connectors_update_harness::kinds::KindRules;
use connectors_update_harness::stores::{MemoryStore, NewConnector};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{ActionError, HarnessError, PropertyRow, SecretString, Step};
use serde_json::json;

use crate::support::cli::Cli;
use crate::support::faults::{Racing, one_connector};
use crate::support::{CANARY, action_error, harness, names, run, run_with, step_json};

/// Runs `step` on a fresh store and returns the action error's code and what it names.
fn refused(step: &Step) -> (String, String) {
    let store = one_connector("Target");
    let before = store.record("c1").unwrap();
    let result = harness().execute(step, store.clone(), Arc::new(MapTokens::default()));
    assert_eq!(store.record("c1").unwrap(), before);
    match result {
        Err(HarnessError::Action(e)) => {
            let what = match &e {
                connectors_update_harness::ActionError::LimitExceeded(l) => {
                    assert_names_a_described_limit(l);
                    l.what.clone()
                }
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
        (detail.key.as_str(), detail.what.as_str(), detail.limit),
        ("json-depth", "JSON nesting depth", 32)
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
            .contains("is larger than 1 MiB, the most a step file may hold"),
        "{}",
        out.stderr
    );
    let shown = cli.run(&["connector", "show", "c1"]).ok_json();
    assert_eq!(shown["revision"], 1);
}

/// Runs `json` on `store` with `tokens`, expecting `limit-exceeded` for
/// `what` at `limit`, and checks that nothing was written.
fn over_limit(
    store: Arc<MemoryStore>,
    json: &str,
    tokens: MapTokens,
    what: &str,
    limit: u64,
) -> connectors_update_harness::errors::LimitExceeded {
    let before = store.records();
    let e = action_error(run_with(store.clone(), json, tokens));
    assert_eq!(store.records(), before, "{what}: nothing is written");
    match e {
        ActionError::LimitExceeded(l) => {
            assert_eq!((l.what.as_str(), l.limit), (what, limit), "{}", l.message);
            assert_names_a_described_limit(&l);
            l
        }
        other => panic!("expected limit-exceeded for {what}, got {other:?}"),
    }
}

/// An engine looks the limit up by its key: the descriptor lists that key
/// with the same largest value.
fn assert_names_a_described_limit(l: &connectors_update_harness::errors::LimitExceeded) {
    let descriptor = harness().describe().unwrap();
    let described = descriptor.limits.iter().find(|d| d.key == l.key);
    assert_eq!(
        described.map(|d| d.max),
        Some(l.limit),
        "limit-exceeded names key '{}' ({}), which the descriptor lists as {described:?}",
        l.key,
        l.what
    );
}

fn rows(parameters: &[(String, String)]) -> serde_json::Value {
    parameters
        .iter()
        .map(|(n, v)| json!({"PropertyName": n, "PropertyValue": v}))
        .collect()
}

const KIB: usize = 1024;

#[test]
fn a_value_over_64_kib_once_its_tokens_are_resolved() {
    let tokens = || {
        MapTokens::from_pairs([
            ("Form:Half", "h".repeat(40 * KIB)),
            ("Form:Exact", "e".repeat(64 * KIB)),
            ("Form:Big", "b".repeat(64 * KIB + 1)),
        ])
    };
    let limit = 64 * KIB as u64;
    // In a row: 30 KiB written, 40 KiB from the token.
    let row = step_json(json!({
        "EntryId": "c1",
        "Properties": rows(&[("A".into(), format!("{}[Form:Half]", "x".repeat(30 * KIB)))])
    }));
    over_limit(
        one_connector("T"),
        &row,
        tokens(),
        "property value size in bytes",
        limit,
    );
    // In a Dynamic Properties value: two tokens of 40 KiB.
    let dynamic = step_json(
        json!({"EntryId": "c1", "PropertiesJson": "{\"A\": \"[Form:Half][Form:Half]\"}"}),
    );
    over_limit(
        one_connector("T"),
        &dynamic,
        tokens(),
        "property value size in bytes",
        limit,
    );
    // One token's value over 64 KiB, wherever it stands.
    for field in [
        json!({"EntryId": "c1", "Properties": rows(&[("A".into(), "[Form:Big]".into())])}),
        json!({"EntryId": "c1", "PropertiesJson": "{\"A\": \"[Form:Big]\"}"}),
    ] {
        over_limit(
            one_connector("T"),
            &step_json(field),
            tokens(),
            "property value size in bytes",
            limit,
        );
    }
    // Exactly 64 KiB is allowed, and stored whole.
    let store = one_connector("T");
    let out = run_with(
        store.clone(),
        &step_json(
            json!({"EntryId": "c1", "Properties": rows(&[("A".into(), "[Form:Exact]".into())])}),
        ),
        tokens(),
    )
    .unwrap();
    assert_eq!(out.changed, names(&["A"]));
    assert_eq!(
        store.record("c1").unwrap().value("A").map(str::len),
        Some(64 * KIB)
    );
}

/// A connector with `n` plain properties `P0`.. besides `c1`'s `Secret` and `A`.
fn crowded(n: usize) -> Arc<MemoryStore> {
    let mut new = NewConnector::new("Crowded")
        .id("c1")
        .secret("Secret", CANARY);
    for i in 0..n {
        new = new.set(format!("P{i}"), "v");
    }
    let store = Arc::new(MemoryStore::new());
    store.add(new).unwrap();
    store
}

fn new_rows(n: usize) -> serde_json::Value {
    rows(
        &(0..n)
            .map(|i| (format!("New{i}"), "n".to_string()))
            .collect::<Vec<_>>(),
    )
}

#[test]
fn a_connector_may_hold_at_most_1000_properties_after_the_merge() {
    // 1 + 989 stored, 10 new: 1000, allowed.
    let store = crowded(989);
    let out = run(
        store.clone(),
        &step_json(json!({"EntryId": "c1", "Properties": new_rows(10)})),
    )
    .unwrap();
    assert_eq!(out.added.len(), 10);
    assert_eq!(store.record("c1").unwrap().properties.len(), 1000);
    // Removing one makes room for one.
    let store = crowded(989);
    let mut dynamic = serde_json::Map::new();
    dynamic.insert("P0".into(), serde_json::Value::Null);
    let out = run(
        store.clone(),
        &step_json(json!({
            "EntryId": "c1",
            "Properties": new_rows(11),
            "PropertiesJson": serde_json::Value::Object(dynamic).to_string()
        })),
    )
    .unwrap();
    assert_eq!((out.added.len(), out.removed.len()), (11, 1));
    assert_eq!(store.record("c1").unwrap().properties.len(), 1000);
    // One more would make 1001: refused, naming the limit.
    over_limit(
        crowded(989),
        &step_json(json!({"EntryId": "c1", "Properties": new_rows(11)})),
        MapTokens::default(),
        "properties per connector",
        1000,
    );
}

#[test]
fn a_step_may_name_at_most_1000_properties() {
    // Rows and Dynamic Properties together.
    let json: serde_json::Map<String, serde_json::Value> =
        (0..401).map(|i| (format!("J{i}"), json!("j"))).collect();
    over_limit(
        one_connector("T"),
        &step_json(json!({
            "EntryId": "c1",
            "Properties": new_rows(600),
            "PropertiesJson": serde_json::Value::Object(json).to_string()
        })),
        MapTokens::default(),
        "properties per connector",
        1000,
    );
}

#[test]
fn dynamic_properties_hold_at_most_1000_members() {
    let object = |n: usize| {
        let map: serde_json::Map<String, serde_json::Value> =
            (0..n).map(|i| (format!("D{i}"), json!(i))).collect();
        serde_json::Value::Object(map).to_string()
    };
    over_limit(
        one_connector("T"),
        &step_json(json!({"EntryId": "c1", "PropertiesJson": object(1001)})),
        MapTokens::default(),
        "number of properties in Dynamic Properties",
        1000,
    );
    // 998 new and c1's two: 1000.
    let store = one_connector("T");
    let out = run(
        store.clone(),
        &step_json(json!({"EntryId": "c1", "PropertiesJson": object(998)})),
    )
    .unwrap();
    assert_eq!(out.added.len(), 998);
    assert_eq!(store.record("c1").unwrap().value("D997"), Some("997"));
}

#[test]
fn names_of_256_characters_pass_and_257_are_refused() {
    // Characters, not bytes: `é` is two bytes.
    for letter in ["n", "é"] {
        let at_limit = letter.repeat(256);
        let over = letter.repeat(257);
        let store = one_connector("T");
        let out = run(
            store.clone(),
            &step_json(json!({
                "EntryId": "c1",
                "Properties": rows(&[(at_limit.clone(), "row".into())]),
                "PropertiesJson": json!({ format!("{at_limit}x").chars().skip(1).collect::<String>(): "json" }).to_string()
            })),
        )
        .unwrap();
        assert_eq!(out.added.len(), 2, "{letter}");
        assert_eq!(store.record("c1").unwrap().value(&at_limit), Some("row"));
        for parameters in [
            json!({"EntryId": "c1", "Properties": rows(&[(over.clone(), "v".into())])}),
            json!({"EntryId": "c1", "PropertiesJson": json!({ over.clone(): "v" }).to_string()}),
        ] {
            over_limit(
                one_connector("T"),
                &step_json(parameters),
                MapTokens::default(),
                "property name length in characters",
                256,
            );
        }
    }
}

#[test]
fn json_nested_32_deep_passes_and_33_is_refused() {
    // The Dynamic Properties object is the first level.
    let nested = |depth: usize| {
        format!(
            "{{\"Deep\": {}{}}}",
            "[".repeat(depth - 1),
            "]".repeat(depth - 1)
        )
    };
    let store = one_connector("T");
    run(
        store.clone(),
        &step_json(json!({"EntryId": "c1", "PropertiesJson": nested(32)})),
    )
    .unwrap();
    assert_eq!(
        store.record("c1").unwrap().value("Deep"),
        Some(format!("{}{}", "[".repeat(31), "]".repeat(31)).as_str())
    );
    over_limit(
        one_connector("T"),
        &step_json(json!({"EntryId": "c1", "PropertiesJson": nested(33)})),
        MapTokens::default(),
        "JSON nesting depth",
        32,
    );
    // The same for a whole-text token's value.
    over_limit(
        one_connector("T"),
        &step_json(json!({"EntryId": "c1", "PropertiesJson": "[Form:Json]"})),
        MapTokens::from_pairs([("Form:Json", nested(33))]),
        "JSON nesting depth",
        32,
    );
    // The step JSON itself: its own object and Parameters are two levels.
    let step_text = |depth: usize| {
        format!(
            "{{\"ActionType\": \"Connectors.Update\", \"Parameters\": {{\"EntryId\": \"c1\", \"Extra\": {}{}}}}}",
            "[".repeat(depth - 2),
            "]".repeat(depth - 2)
        )
    };
    let deep = harness().parse_step(&step_text(33)).unwrap_err();
    assert_eq!(deep.code(), "limit-exceeded", "{deep}");
    let HarnessError::Action(ActionError::LimitExceeded(l)) = deep else {
        panic!("{deep:?}")
    };
    assert_eq!((l.what.as_str(), l.limit), ("JSON nesting depth", 32));
    // At 32 the depth is fine, and the unknown key is what is refused.
    let shallow = harness().parse_step(&step_text(32)).unwrap_err();
    assert_eq!(shallow.code(), "invalid-parameter", "{shallow}");
    assert!(shallow.to_string().contains("Extra"), "{shallow}");
}

/// A kind allowing at most three properties.
fn small_kind(store: &MemoryStore) {
    store.set_rules(KindRules {
        kind: "small".into(),
        help: "At most three properties.".into(),
        properties: vec![],
        max_properties: Some(3),
        allow_unknown: true,
    });
}

fn small_store() -> Arc<MemoryStore> {
    let store = Arc::new(MemoryStore::new());
    small_kind(&store);
    store
        .add(
            NewConnector::new("Small")
                .id("s")
                .kind("small")
                .set("A", "1")
                .secret("Key", CANARY),
        )
        .unwrap();
    store
}

fn max_properties_refusal(failed: &connectors_update_harness::errors::ValidationFailed) {
    let rules: Vec<(&str, &str)> = failed
        .violations
        .iter()
        .map(|v| (v.property.as_str(), v.rule.as_str()))
        .collect();
    assert_eq!(rules, [("", "max-properties")], "{failed:?}");
    assert!(failed.violations[0].message.contains('3'), "{failed:?}");
}

#[test]
fn a_kinds_max_properties_through_the_harness() {
    let set = |names: &[&str]| {
        step_json(json!({
            "EntryId": "s",
            "Properties": rows(&names.iter().map(|n| (n.to_string(), "v".to_string())).collect::<Vec<_>>())
        }))
    };
    // Two stored, one more: three, allowed.
    let store = small_store();
    assert_eq!(
        run(store.clone(), &set(&["B"])).unwrap().added,
        names(&["B"])
    );
    // Two more: four, refused whole, nothing written.
    let store = small_store();
    let before = store.records();
    let ActionError::ValidationFailed(failed) = action_error(run(store.clone(), &set(&["B", "C"])))
    else {
        panic!("expected validation-failed")
    };
    max_properties_refusal(&failed);
    assert_eq!(store.records(), before);
    // Removing one makes room.
    let store = small_store();
    let out = run(
        store.clone(),
        &step_json(json!({"EntryId": "s", "Properties": rows(&[("B".into(), "v".into()), ("C".into(), "v".into())]), "PropertiesJson": "{\"A\": null}"})),
    )
    .unwrap();
    assert_eq!(
        (out.added, out.removed),
        (names(&["B", "C"]), names(&["A"]))
    );
}

#[test]
fn a_retry_whose_re_read_breaks_a_rule_is_refused_and_writes_nothing() {
    // Between the action's read and its write, another writer adds C: the
    // action's B would now make four properties of a kind allowing three.
    let store = small_store();
    let racing = Arc::new(Racing::new(
        store.clone(),
        vec![Change {
            name: "C".into(),
            op: ChangeOp::set("other", false),
        }],
    ));
    let e = action_error(run(
        racing.clone(),
        &step_json(json!({"EntryId": "s", "Properties": rows(&[("B".into(), "mine".into())])})),
    ));
    let ActionError::ValidationFailed(failed) = e else {
        panic!("expected validation-failed, got {e:?}")
    };
    max_properties_refusal(&failed);
    assert_eq!(
        racing.writes.load(Ordering::SeqCst),
        1,
        "no write after the re-read"
    );
    let record = store.record("s").unwrap();
    assert_eq!(record.revision, 2, "only the other writer's write");
    assert_eq!(
        (record.value("B"), record.value("C")),
        (None, Some("other"))
    );
}

#[test]
fn a_retry_whose_re_read_leaves_nothing_to_do_is_unchanged() {
    // The other writer sets the very value the step sets.
    let store = small_store();
    let racing = Arc::new(Racing::new(
        store.clone(),
        vec![Change {
            name: "A".into(),
            op: ChangeOp::set("2", false),
        }],
    ));
    let out = run(
        racing.clone(),
        &step_json(json!({"EntryId": "s", "Properties": rows(&[("A".into(), "2".into())])})),
    )
    .unwrap();
    assert!(out.unchanged, "{out:?}");
    assert_eq!(
        (out.revision_before, out.revision_after, out.changed),
        (2, 2, names(&[]))
    );
    assert_eq!(racing.writes.load(Ordering::SeqCst), 1);
    assert_eq!(store.record("s").unwrap().revision, 2);
}
