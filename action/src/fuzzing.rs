//! The fuzz target's body, with its oracles: `fuzz/` runs it under
//! libFuzzer, and a test here replays every file of `fuzz/corpus/` through
//! it on every `cargo test`, on the stable toolchain, so a finding added to
//! the corpus stays fixed.
//!
//! [`step_and_tokens`] parses arbitrary bytes as a step, validates it and
//! executes it against a small in-memory host whose connector has a kind
//! with rules, a secret holding [`CANARY`], and tokens of which some are
//! unknown, one is the canary and one tries to inject a key. A panic is a
//! finding, and so is a broken oracle:
//!
//! - no error, diagnostic or outcome shows the canary (unless the input
//!   itself holds it, and so may use it as a name);
//! - a failed or dry or unchanged execution writes nothing;
//! - a successful one changes exactly the names its outcome lists, as
//!   added, changed or removed, in one revision;
//! - what it leaves keeps the kind's rules;
//! - a token's value never adds a key ([`INJECTED`] is never a name unless
//!   the input writes it);
//! - every error has a kebab-case code.

use std::collections::BTreeMap;

use crate::error::ActionError;
use crate::error::StoreError;
use crate::execute::{ImportedStore, execute};
use crate::limits::LIMITS;
use crate::merge::{json_object, merge_into_text};
use crate::model::{
    Change, ChangeOp, Connector, ConnectorSummary, KindRules, PropertyRule, StoredProperty,
    StoredValue, ValueFormat, WriteMode, WriteReceipt,
};
use crate::step::parse_step;
use crate::tokens::ImportedTokens;
use crate::validate::validate;

/// The secret the host holds and one token's value: never in any output.
pub const CANARY: &str = "canary-3d5e1f-never-print-me";

/// The key [`EVIL`] tries to add.
pub const INJECTED: &str = "Zz9Injected";

/// A token value that tries to close its string and add a key.
pub const EVIL: &str = "x\", \"Zz9Injected\": \"1";

/// The connector's kind: a required name, formats, a length, a secret, a cap.
fn kind() -> KindRules {
    KindRules {
        kind: "fuzzed".into(),
        help: String::new(),
        properties: vec![
            PropertyRule {
                required: true,
                ..PropertyRule::new("Req", ValueFormat::Text)
            },
            PropertyRule::new("N", ValueFormat::Integer),
            PropertyRule::new("Url", ValueFormat::Url),
            PropertyRule {
                max_length: Some(8),
                ..PropertyRule::new("Short", ValueFormat::Text)
            },
            PropertyRule {
                secret: true,
                ..PropertyRule::new("S", ValueFormat::Text)
            },
        ],
        max_properties: Some(12),
        allow_unknown: true,
    }
}

/// One property as the host keeps it: value and secrecy.
type Kept = BTreeMap<String, (String, bool)>;

/// `c1` ("C", kind `fuzzed`), and `t1`, `t2`, both named "Twin".
#[derive(Debug, Clone, PartialEq, Eq)]
struct Host {
    revision: u64,
    properties: Kept,
}

impl Host {
    fn new() -> Self {
        let properties = [
            ("Req", "r", false),
            ("N", "1", false),
            ("S", CANARY, true),
            ("A", "1", false),
        ]
        .into_iter()
        .map(|(n, v, s)| (n.to_string(), (v.to_string(), s)))
        .collect();
        Host {
            revision: 1,
            properties,
        }
    }
}

impl ImportedStore for Host {
    fn get(&mut self, id: &str) -> Result<Connector, StoreError> {
        let (name, kind, revision, properties) = match id {
            "c1" => (
                "C",
                Some("fuzzed".to_string()),
                self.revision,
                &self.properties,
            ),
            "t1" | "t2" => ("Twin", None, 1, &Kept::new()),
            _ => return Err(StoreError::NotFound),
        };
        Ok(Connector {
            id: id.into(),
            name: name.into(),
            kind,
            revision,
            properties: properties
                .iter()
                .map(|(name, (value, secret))| StoredProperty {
                    name: name.clone(),
                    value: if *secret {
                        StoredValue::Secret
                    } else {
                        StoredValue::Plain(value.clone())
                    },
                })
                .collect(),
        })
    }

    fn find_by_name(&mut self, name: &str) -> Result<Vec<ConnectorSummary>, StoreError> {
        let ids: &[&str] = match name {
            "C" => &["c1"],
            "Twin" => &["t1", "t2"],
            _ => &[],
        };
        Ok(ids
            .iter()
            .map(|id| ConnectorSummary {
                id: id.to_string(),
                name: name.into(),
                kind: None,
                revision: 1,
            })
            .collect())
    }

    fn rules(&mut self, kind: &str) -> Result<Option<KindRules>, StoreError> {
        Ok((kind == "fuzzed").then(self::kind))
    }

    fn write(
        &mut self,
        id: &str,
        expected: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        if id != "c1" {
            // The twins are read-only: a write to one is refused, typed.
            return Err(StoreError::PermissionDenied {
                property: None,
                reason: "the twins are read-only".into(),
            });
        }
        if expected != self.revision {
            return Err(StoreError::Conflict(self.revision));
        }
        let mut next = self.properties.clone();
        let mut changed = Vec::new();
        for change in changes {
            let before = next.get(&change.name).cloned();
            match &change.op {
                ChangeOp::Remove => {
                    next.remove(&change.name);
                }
                ChangeOp::Set { value, secret } => {
                    let secret = *secret || before.as_ref().is_some_and(|b| b.1);
                    next.insert(change.name.clone(), (value.clone(), secret));
                }
                ChangeOp::Merge { patch, secret } => {
                    let patch = json_object(patch).ok_or_else(|| {
                        StoreError::Unavailable("a merge patch that is not an object".into())
                    })?;
                    let target = before.as_ref().map(|b| b.0.as_str());
                    if let Some(merged) = merge_into_text(target, patch) {
                        let secret = *secret || before.as_ref().is_some_and(|b| b.1);
                        next.insert(change.name.clone(), (merged, secret));
                    }
                }
            }
            if next.get(&change.name) != before.as_ref() && !changed.contains(&change.name) {
                changed.push(change.name.clone());
            }
        }
        if mode == WriteMode::Commit && !changed.is_empty() {
            self.properties = next;
            self.revision += 1;
        }
        Ok(WriteReceipt {
            revision: self.revision,
            changed,
        })
    }
}

impl ImportedTokens for Host {
    fn token(&mut self, source: Option<&str>, name: &str) -> Result<Option<String>, StoreError> {
        Ok(match (source, name) {
            (Some("Form"), "Key") => Some("k-1".into()),
            (Some("Form"), "Secret") => Some(CANARY.into()),
            (Some("Form"), "Evil") => Some(EVIL.into()),
            (Some("Form"), "Json") => {
                Some(r#"{"N": 5, "A": null, "Url": "https://x.example"}"#.into())
            }
            (Some("Form"), "Tokens") => Some("[Form:Secret]".into()),
            (None, "Env") => Some("eu".into()),
            (Some("Store"), "Down") => {
                return Err(StoreError::Unavailable("the token source is down".into()));
            }
            _ => None,
        })
    }
}

/// A broken oracle: the fuzzer reports the panic as a finding.
macro_rules! oracle {
    ($holds:expr, $($why:tt)+) => {
        if !$holds {
            panic!("oracle broken: {}", format_args!($($why)+));
        }
    };
}

fn is_kebab_code(code: &str) -> bool {
    !code.is_empty()
        && !code.starts_with('-')
        && !code.ends_with('-')
        && code.chars().all(|c| c.is_ascii_lowercase() || c == '-')
}

fn check_error(error: &ActionError, quiet: bool) {
    oracle!(
        is_kebab_code(error.code().as_str()),
        "an error code that is not kebab-case"
    );
    if quiet {
        let shown = format!("{error} {error:?}");
        oracle!(
            !shown.contains(CANARY),
            "an error shows the canary ({})",
            error.code()
        );
    }
}

/// Runs one fuzz input through `parse_step`, `validate` and `execute`,
/// checking the oracles of the module's doc; panics on a finding.
pub fn step_and_tokens(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // With the canary in the input, it may be a name, which outputs show.
    let step = match parse_step(text, &LIMITS) {
        Ok(step) => step,
        Err(error) => return check_error(&error, !text.contains(CANARY)),
    };
    let quiet = !text.contains(CANARY) && !names_may_hold_the_canary(&step);
    let diagnostics = validate(&step, &LIMITS, &[kind()]);
    if quiet {
        oracle!(
            !format!("{diagnostics:?} {step:?}").contains(CANARY),
            "a diagnostic shows the canary"
        );
    }
    let mut host = Host::new();
    let before = host.clone();
    let result = execute(&step, &mut host, &LIMITS);
    let outcome = match result {
        Err(error) => {
            check_error(&error, quiet);
            oracle!(
                host == before,
                "a failed execution wrote ({})",
                error.code()
            );
            return;
        }
        Ok(outcome) => outcome,
    };
    if quiet {
        oracle!(
            !format!("{outcome:?}").contains(CANARY),
            "an outcome shows the canary"
        );
    }
    if outcome.id != "c1" {
        // A twin: nothing to write, or the write would have been refused.
        oracle!(
            outcome.unchanged || outcome.dry_run,
            "a write to a read-only twin"
        );
        oracle!(host == before, "a twin's execution wrote to c1");
        return;
    }
    if outcome.dry_run || outcome.unchanged {
        oracle!(host == before, "a dry or unchanged execution wrote");
        return;
    }
    check_reported_changes(&before.properties, &host.properties, &outcome);
    oracle!(
        (
            outcome.revision_before,
            outcome.revision_after,
            host.revision
        ) == (before.revision, before.revision + 1, before.revision + 1),
        "one write, one revision"
    );
    check_rules_kept(&host.properties);
    oracle!(
        !host.properties.contains_key(INJECTED) || text.contains(INJECTED),
        "a token's value added a key"
    );
}

/// Whether a name may come from the canary token (`[Form:Secret]`): a
/// name is shown by outcomes and messages, wherever it came from.
fn names_may_hold_the_canary(step: &crate::model::Step) -> bool {
    let json_keys = match serde_json::from_str::<serde_json::Value>(&step.properties_json) {
        Ok(serde_json::Value::Object(map)) => map.keys().any(|k| k.contains("Secret")),
        _ => false,
    };
    json_keys
        || step
            .properties
            .iter()
            .any(|row| row.name.contains("Secret"))
}

/// The outcome names exactly what changed, each in the right list.
fn check_reported_changes(before: &Kept, after: &Kept, outcome: &crate::model::Outcome) {
    let mut added = Vec::new();
    let mut changed = Vec::new();
    let mut removed = Vec::new();
    for (name, value) in after {
        match before.get(name) {
            None => added.push(name.clone()),
            Some(old) if old != value => changed.push(name.clone()),
            Some(_) => {}
        }
    }
    for name in before.keys() {
        if !after.contains_key(name) {
            removed.push(name.clone());
        }
    }
    let sorted = |list: &[String]| {
        let mut list = list.to_vec();
        list.sort();
        list
    };
    oracle!(
        (
            sorted(&outcome.added),
            sorted(&outcome.changed),
            sorted(&outcome.removed)
        ) == (added, changed, removed),
        "the outcome does not list what changed"
    );
    // A secret stays secret.
    if let (Some(old), Some(new)) = (before.get("S"), after.get("S")) {
        oracle!(old.1 && new.1, "the secret S lost its secrecy");
    }
}

/// What a successful write leaves keeps the kind's rules.
fn check_rules_kept(after: &Kept) {
    oracle!(after.len() <= 12, "more properties than the kind allows");
    oracle!(
        after.get("Req").is_some_and(|v| !v.0.is_empty()),
        "the required Req is missing or empty"
    );
    if let Some((n, _)) = after.get("N") {
        oracle!(n.parse::<i64>().is_ok(), "N is not an integer");
    }
    if let Some((short, _)) = after.get("Short") {
        oracle!(short.chars().count() <= 8, "Short is longer than 8");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of `fuzz/corpus/*/`, as `(path, bytes)`.
    fn corpus() -> Vec<(String, Vec<u8>)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
        let mut files = Vec::new();
        for target in std::fs::read_dir(&root).expect("fuzz/corpus exists") {
            let target = target.expect("a corpus folder").path();
            for file in std::fs::read_dir(&target).expect("a readable corpus folder") {
                let path = file.expect("a corpus file").path();
                let bytes = std::fs::read(&path).expect("a readable corpus file");
                files.push((path.display().to_string(), bytes));
            }
        }
        files.sort();
        files
    }

    #[test]
    fn the_fuzz_corpus_replays_clean() {
        let files = corpus();
        assert!(files.len() >= 20, "the corpus holds {} files", files.len());
        // Every file is tried, so one finding does not hide another.
        let failing: Vec<String> = files
            .into_iter()
            .filter(|(_, bytes)| std::panic::catch_unwind(|| step_and_tokens(bytes)).is_err())
            .map(|(path, _)| path)
            .collect();
        assert!(
            failing.is_empty(),
            "the fuzz target fails on these corpus files (its panics above say why): {failing:#?}"
        );
    }

    /// Each oracle can fail: a host that leaks or lies is caught.
    #[test]
    fn the_oracles_catch_a_lying_outcome_and_a_broken_rule() {
        let mut before = Kept::new();
        before.insert("A".into(), ("1".into(), false));
        let mut after = before.clone();
        after.insert("B".into(), ("2".into(), false));
        let lying = crate::model::Outcome {
            changed: vec!["B".into()],
            ..Default::default()
        };
        assert!(
            std::panic::catch_unwind(|| check_reported_changes(&before, &after, &lying)).is_err()
        );
        let honest = crate::model::Outcome {
            added: vec!["B".into()],
            ..Default::default()
        };
        check_reported_changes(&before, &after, &honest);
        assert!(
            std::panic::catch_unwind(|| check_rules_kept(&after)).is_err(),
            "no Req"
        );
        let error = ActionError::invalid_parameter("EntryId", format!("EntryId: {CANARY}"));
        assert!(std::panic::catch_unwind(|| check_error(&error, true)).is_err());
        check_error(&error, false);
    }
}
