//! The per-value limit (the descriptor's `value-bytes`, 65,536 bytes) holds
//! for every way a value is written: added with `connector add`, sent by a
//! step, or grown past it by deep merges a little at a time, plain or
//! secret, in every store.

use connectors_update_harness::stores::NewConnector;
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{ActionError, Caller, HarnessError};
use serde_json::json;

use crate::kinds::targets;
use crate::support::cli::Cli;
use crate::support::{CANARY, step_json};

const LIMIT: usize = 64 * 1024;

fn grow(entry: &str, name: &str, key: &str, bytes: usize) -> String {
    step_json(json!({
        "EntryId": entry,
        "PropertiesJson": json!({ name: { key: "v".repeat(bytes) } }).to_string(),
        "MergeMode": "deep",
    }))
}

#[test]
fn deep_merges_cannot_grow_a_value_past_the_limit_in_any_store() {
    for t in targets() {
        t.add(
            NewConnector::new("Grow")
                .id("grow")
                .set("Plain", "{}")
                .secret("Secret", json!({"k": CANARY}).to_string()),
        );
        for name in ["Plain", "Secret"] {
            t.ok(&grow("grow", name, "k1", 30_000));
            t.ok(&grow("grow", name, "k2", 30_000));
            let before = t.record("grow");
            let error = t
                .run(
                    &Caller::anonymous(),
                    &grow("grow", name, "k3", 30_000),
                    MapTokens::default(),
                )
                .unwrap_err();
            let HarnessError::Action(ActionError::ValidationFailed(failed)) = &error else {
                panic!("{}: {name}: {error:?}", t.name)
            };
            assert_eq!(failed.violations.len(), 1, "{}", t.name);
            assert_eq!(failed.violations[0].property, name);
            assert_eq!(failed.violations[0].rule, "max-bytes");
            assert_eq!(
                t.record("grow"),
                before,
                "{}: something was written",
                t.name
            );
            assert!(t.record("grow").value(name).unwrap().len() <= LIMIT);
        }
    }
}

#[test]
fn a_store_refuses_to_add_a_value_over_the_limit() {
    for t in targets() {
        for (name, secret) in [("Plain", false), ("Secret", true)] {
            let big = "v".repeat(LIMIT + 1);
            let new = NewConnector::new("Big").id("big");
            let new = if secret {
                new.secret(name, big)
            } else {
                new.set(name, big)
            };
            let error = t.try_add(new).expect_err(t.name);
            assert!(
                error.to_string().contains("at most 65536 bytes"),
                "{}: {error}",
                t.name
            );
            assert!(t.ids().is_empty(), "{}", t.name);
        }
        t.add(
            NewConnector::new("At")
                .id("at")
                .secret("S", "v".repeat(LIMIT)),
        );
    }
}

#[test]
fn the_cli_refuses_a_secret_file_over_the_limit_and_merges_that_grow_past_it() {
    let cli = Cli::new();
    let big = cli.file("big.secret", "s".repeat(1024 * 1024));
    let run = cli.run(&[
        "connector",
        "add",
        "--name",
        "Big",
        "--secret",
        &format!("K=@{big}"),
    ]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error[invalid-parameter]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("at most 65536 bytes"), "{}", run.stderr);
    assert!(!run.stderr.contains("sss"), "{}", run.stderr);

    cli.run(&[
        "connector",
        "add",
        "--name",
        "Grow",
        "--id",
        "grow",
        "--secret",
        "S={}",
        "--set",
        "P={}",
    ])
    .ok_json();
    for name in ["S", "P"] {
        let mut statuses = Vec::new();
        for n in 0..4 {
            let step = cli.file("grow.json", grow("grow", name, &format!("k{n}"), 30_000));
            let run = cli.run(&["run", &step]);
            if run.status != 0 {
                assert!(
                    run.stderr.starts_with("error[validation-failed]"),
                    "{}",
                    run.stderr
                );
                assert!(
                    run.stderr.contains(&format!(
                        "Property '{name}' would hold more than 65536 bytes"
                    )),
                    "{}",
                    run.stderr
                );
            }
            statuses.push(run.status);
        }
        assert_eq!(statuses, [0, 0, 1, 1], "{name}");
    }
    let shown = cli
        .run(&["connector", "show", "grow", "--reveal"])
        .ok_json();
    for name in ["S", "P"] {
        assert!(
            shown["properties"][name].as_str().unwrap().len() <= LIMIT,
            "{name}"
        );
    }
}
