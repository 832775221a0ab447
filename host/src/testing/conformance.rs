//! The conformance cases of `conformance/*.json` (in this crate; `tests/conformance` at the workspace root points here), the action's
//! behaviour written once as data, run through the harness against the
//! stores an engine builds: [`check_conformance`]. The npm package's test kit
//! runs the same files with the same expectations, so both hosts are held
//! to one behaviour. The files' format is in `conformance/README.md`.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{Map, Value, json};

use crate::error::{HarnessError, KeyError, StoreError};
use crate::harness::Harness;
use crate::kinds::builtin_kinds;
use crate::model::{
    ActionError, Caller, Change, ChangeOp, Connector, ConnectorSummary, KindRules, NewConnector,
    StoredValue, WriteMode, WriteReceipt,
};
use crate::store::CredentialStore;
use crate::token_sources::{MapTokens, TokenSource};

use super::{Fixture, Grant};
use secrecy::SecretString;

/// The case files, by name, as the repository holds them.
pub const CASE_FILES: &[(&str, &str)] = &[
    ("design.json", include_str!("../../conformance/design.json")),
    ("errors.json", include_str!("../../conformance/errors.json")),
    ("kinds.json", include_str!("../../conformance/kinds.json")),
    ("merge.json", include_str!("../../conformance/merge.json")),
    ("names.json", include_str!("../../conformance/names.json")),
    ("seed.json", include_str!("../../conformance/seed.json")),
    ("tokens.json", include_str!("../../conformance/tokens.json")),
];

/// One case whose outcome differed from the file's, in words that name no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The case's file.
    pub file: &'static str,
    /// The case's name.
    pub case: String,
    /// What the case expects.
    pub expected: String,
    /// What happened instead.
    pub seen: String,
}

/// Every mismatch of a conformance run, at least one.
#[derive(Clone, PartialEq, Eq)]
pub struct Mismatches(pub Vec<Mismatch>);

impl fmt::Display for Mismatches {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} conformance case(s) differ:", self.0.len())?;
        for m in &self.0 {
            write!(
                f,
                "\n- {}: {}: expected {}; seen {}",
                m.file, m.case, m.expected, m.seen
            )?;
        }
        Ok(())
    }
}

impl fmt::Debug for Mismatches {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Mismatches {}

/// Runs every conformance case through `harness` against a fresh store
/// `make` builds for the case's [`Fixture`]: its connectors, its grants,
/// and its kinds (the built-in ones its connectors name and any a case
/// declares itself), which the store must declare.
/// `Err` lists every case that came out otherwise than its file says.
///
/// Through the contract alone a secret's value cannot be read, nor told
/// from another (a write that names a secret always changes it), so this
/// checks that each secret a case expects is a secret, not what it holds:
/// [`check_conformance_revealing`] checks that too, given a way to read it.
pub fn check_conformance<S, F>(harness: &Harness, make: F) -> Result<(), Mismatches>
where
    S: CredentialStore + 'static,
    F: Fn(&Fixture) -> S,
{
    run_cases(
        harness,
        &make,
        None::<&fn(&S, &str, &str) -> Option<String>>,
    )
}

/// [`check_conformance`], also checking what each secret holds afterwards
/// with `reveal(store, connector id, property name)`, the store's own
/// administrative read (such as `MemoryStore::record`): the value, or
/// `None` when the store does not hold it. A mismatch never shows it.
pub fn check_conformance_revealing<S, F, R>(
    harness: &Harness,
    make: F,
    reveal: R,
) -> Result<(), Mismatches>
where
    S: CredentialStore + 'static,
    F: Fn(&Fixture) -> S,
    R: Fn(&S, &str, &str) -> Option<String>,
{
    run_cases(harness, &make, Some(&reveal))
}

fn run_cases<S, F, R>(harness: &Harness, make: &F, reveal: Option<&R>) -> Result<(), Mismatches>
where
    S: CredentialStore + 'static,
    F: Fn(&Fixture) -> S,
    R: Fn(&S, &str, &str) -> Option<String>,
{
    let mut found = Vec::new();
    for (file, text) in CASE_FILES {
        let parsed: Value = serde_json::from_str(text).expect("the case files are JSON");
        let store = parsed.get("store").cloned().unwrap_or(Value::Null);
        for case in parsed["cases"].as_array().into_iter().flatten() {
            let name = case["name"].as_str().unwrap_or("unnamed").to_string();
            let mut fail = |expected: String, seen: String| {
                found.push(Mismatch {
                    file,
                    case: name.clone(),
                    expected,
                    seen,
                })
            };
            run_case(
                harness,
                make,
                reveal,
                case.get("store").unwrap_or(&store),
                case,
                &mut fail,
            );
        }
    }
    if found.is_empty() {
        Ok(())
    } else {
        Err(Mismatches(found))
    }
}

type Fail<'a> = dyn FnMut(String, String) + 'a;

/// A store's administrative read of one value: (connector id, property name).
type Reveal<'a> = dyn Fn(&str, &str) -> Option<String> + 'a;

fn run_case<S, F, R>(
    harness: &Harness,
    make: &F,
    reveal: Option<&R>,
    stored: &Value,
    case: &Value,
    fail: &mut Fail<'_>,
) where
    S: CredentialStore + 'static,
    F: Fn(&Fixture) -> S,
    R: Fn(&S, &str, &str) -> Option<String>,
{
    let fixture = fixture(stored);
    let made = Arc::new(make(&fixture));
    let inner: Arc<dyn CredentialStore> = made.clone();
    let fault = case.get("fault");
    let store: Arc<dyn CredentialStore> = Arc::new(Wrapped {
        inner: inner.clone(),
        fault: fault.cloned(),
        races: case["race"].as_u64().unwrap_or(0),
        raced: AtomicU64::new(0),
    });
    let pairs: Vec<(String, String)> = case["tokens"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| {
            let value = v.as_str().expect("a case's token values are text");
            (k.clone(), value.to_string())
        })
        .chain(big_tokens(case))
        .collect();
    let tokens: Arc<dyn TokenSource> = Arc::new(FaultyTokens {
        inner: MapTokens::from_pairs(pairs),
        fault: fault.filter(|f| f["call"] == "resolve").cloned(),
    });
    let caller = caller(&case["caller"]);
    let (result, printed) = match case["call"].as_str().unwrap_or("execute") {
        "validate" => {
            let found = harness.validate_json_with(&step_text(case), store);
            let printed = printed(&found);
            (found.map(|d| json!(d)), printed)
        }
        "describe" => {
            let found = harness.describe_with(store);
            let printed = printed(&found);
            (found.map(|d| json!(d)), printed)
        }
        _ => {
            let found = harness
                .parse_step(&step_text(case))
                .and_then(|step| harness.execute_as(&caller, &step, store, tokens));
            let printed = printed(&found);
            (found.map(|o| json!(o)), printed)
        }
    };
    let secrets = canaries(&[stored, case]);
    for canary in &secrets {
        if printed.contains(canary) {
            fail("no canary in the output".into(), "a canary in it".into());
        }
    }
    // A mismatch quotes what the action answered, which a broken store may
    // have filled with a value: the case's canaries are masked in it.
    let mask = |text: String| {
        secrets
            .iter()
            .fold(text, |text, canary| text.replace(canary.as_str(), "******"))
    };
    let mut fail = |expected: String, seen: String| fail(mask(expected), mask(seen));
    compare(&case["expect"], &result, &mut fail);
    for (id, want) in case["after"].as_object().into_iter().flatten() {
        let revealed = reveal.map(|r| |id: &str, name: &str| r(&made, id, name));
        let revealed = revealed.as_ref().map(|r| r as &Reveal<'_>);
        check_after(&*inner, revealed, &fixture, &caller, id, want, &mut fail);
    }
}

/// Everything a call answered, as text to look for canaries in.
fn printed<T: serde::Serialize>(result: &Result<T, HarnessError>) -> String {
    match result {
        Ok(answer) => serde_json::to_string(answer).unwrap_or_default(),
        Err(error) => format!("{error} {error:?}"),
    }
}

/// The expected outcome, diagnostics, descriptor or error against the
/// result (the call's answer as JSON).
fn compare(expect: &Value, result: &Result<Value, HarnessError>, fail: &mut Fail<'_>) {
    if let Some(want) = expect.get("diagnostics") {
        return match result {
            Ok(found) => compare_diagnostics(want, found, fail),
            Err(e) => fail("diagnostics".into(), format!("error {}", e.code())),
        };
    }
    if let Some(want) = expect.get("describe") {
        return match result {
            Ok(found) => compare_descriptor(want, found, fail),
            Err(e) => fail("a descriptor".into(), format!("error {}", e.code())),
        };
    }
    if let Some(want) = expect.get("outcome") {
        let outcome = match result {
            Ok(outcome) => outcome.clone(),
            Err(e) => return fail("an outcome".into(), format!("error {}", e.code())),
        };
        for (key, value) in want.as_object().into_iter().flatten() {
            if outcome.get(key) != Some(value) {
                fail(
                    format!("{key} {value}"),
                    format!("{key} {}", outcome.get(key).unwrap_or(&Value::Null)),
                );
            }
        }
    } else if let Some(want) = expect.get("error") {
        let error = match result {
            Ok(_) => return fail(format!("error {}", want["code"]), "an outcome".into()),
            Err(e) => e,
        };
        let code = error.code().to_string();
        if want["code"].as_str() != Some(code.as_str()) {
            return fail(format!("error {}", want["code"]), format!("error {code}"));
        }
        let details = error.action_error().map(details).unwrap_or_default();
        for (key, value) in want.as_object().into_iter().flatten() {
            // A detail the error leaves out is null, as the npm package's runner reads it.
            let seen = details.get(key).unwrap_or(&Value::Null);
            if key != "code" && seen != value {
                fail(format!("{key} {value}"), format!("{key} {seen}"));
            }
        }
    }
}

/// Each expected diagnostic, in order, against those found: the fields
/// given (`severity`, `field`, `code`) must match, and no other may be found.
fn compare_diagnostics(want: &Value, found: &Value, fail: &mut Fail<'_>) {
    let brief = |list: &Value, keys: &[&str]| -> Vec<String> {
        list.as_array()
            .into_iter()
            .flatten()
            .map(|d| {
                keys.iter()
                    .map(|k| d[*k].as_str().unwrap_or("-"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    let keys = ["severity", "field", "code"];
    let wanted = brief(want, &keys);
    let seen = brief(found, &keys);
    if wanted != seen {
        fail(
            format!("diagnostics [{}]", wanted.join("; ")),
            format!("[{}]", seen.join("; ")),
        );
    }
}

/// The kinds a descriptor lists and its parameters' keys, in order.
fn compare_descriptor(want: &Value, found: &Value, fail: &mut Fail<'_>) {
    for (list, key) in [("kinds", "kind"), ("parameters", "key")] {
        let Some(wanted) = want.get(list).filter(|w| !w.is_null()) else {
            continue;
        };
        let seen: Vec<Value> = found[list]
            .as_array()
            .into_iter()
            .flatten()
            .map(|item| item[key].clone())
            .collect();
        if wanted.as_array() != Some(&seen) {
            fail(
                format!("{list} {wanted}"),
                format!("{list} {}", json!(seen)),
            );
        }
    }
}

/// An action error's typed fields, as the CLI and the npm package spell them.
fn details(error: &ActionError) -> Map<String, Value> {
    match error.to_json() {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// The connector afterwards, read through the contract, and a secret's
/// value through `reveal` when there is one.
fn check_after(
    store: &dyn CredentialStore,
    reveal: Option<&Reveal<'_>>,
    fixture: &Fixture,
    caller: &Caller,
    id: &str,
    want: &Value,
    fail: &mut Fail<'_>,
) {
    let grantee = fixture.grants.iter().find(|g| g.connector == id);
    let mut reader = match grantee {
        Some(g) => Caller::principal(g.principal.clone()),
        None => caller.clone(),
    };
    for p in caller.permissions() {
        reader = reader.with_permission(p);
    }
    let got = match store.get(&reader, id) {
        Ok(c) => c,
        Err(e) => {
            return fail(format!("{id} readable"), format!("{:?}", e.code()));
        }
    };
    if Some(got.revision) != want["revision"].as_u64() {
        fail(
            format!("{id} at revision {}", want["revision"]),
            format!("revision {}", got.revision),
        );
    }
    let wanted = want["properties"].as_object().cloned().unwrap_or_default();
    // Sorted, duplicates kept: a store that lists a name twice is seen.
    let mut names: Vec<&str> = got.properties.iter().map(|p| p.name.as_str()).collect();
    names.sort_unstable();
    let mut expected: Vec<&str> = wanted.keys().map(String::as_str).collect();
    expected.sort_unstable();
    if names != expected {
        return fail(
            format!("{id} holding {}", expected.join(", ")),
            format!("it holds {}", names.join(", ")),
        );
    }
    for p in &got.properties {
        match (&wanted[&p.name], &p.value) {
            (Value::Object(w), StoredValue::Plain(v)) if w.contains_key("count") => {
                if *v != repeated(&Value::Object(w.clone())) {
                    fail(
                        format!("{id}.{} with the expected value", p.name),
                        "another value".into(),
                    );
                }
            }
            (Value::Object(w), StoredValue::Secret) if w.contains_key("count") => {
                fail(format!("{id}.{} plain", p.name), "a secret".into())
            }
            (Value::String(w), StoredValue::Plain(v)) if w != v => fail(
                format!("{id}.{} with the expected value", p.name),
                "another value".into(),
            ),
            (Value::String(_), StoredValue::Secret) => {
                fail(format!("{id}.{} plain", p.name), "a secret".into())
            }
            (Value::Object(w), StoredValue::Secret) => {
                let value = w.get("secret").and_then(Value::as_str).unwrap_or_default();
                if let Some(reveal) = reveal
                    && reveal(id, &p.name).as_deref() != Some(value)
                {
                    fail(
                        format!("{id}.{} holding the expected secret", p.name),
                        "another value, or none".into(),
                    );
                }
            }
            (Value::Object(_), StoredValue::Plain(_)) => {
                fail(format!("{id}.{} secret", p.name), "a plain value".into())
            }
            (Value::String(_), StoredValue::Plain(_)) => {}
            _ => fail(
                format!(
                    "{id}.{} given in the case as text or {{\"secret\": text}}",
                    p.name
                ),
                "another JSON value in the case".into(),
            ),
        }
    }
}

/// The file's store as a [`Fixture`], with the built-in kinds it names.
fn fixture(store: &Value) -> Fixture {
    let mut kinds: Vec<KindRules> = Vec::new();
    let connectors = store["connectors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let mut new = NewConnector::new(c["name"].as_str().unwrap_or_default())
                .id(c["id"].as_str().unwrap_or_default());
            if let Some(kind) = c["kind"].as_str() {
                new = new.kind(kind);
            }
            for p in c["properties"].as_array().into_iter().flatten() {
                let (name, value) = (
                    p["name"].as_str().unwrap_or_default(),
                    p["value"].as_str().unwrap_or_default(),
                );
                new = if p["secret"] == true {
                    new.secret(name, value)
                } else {
                    new.set(name, value)
                };
            }
            new
        })
        .collect();
    // The built-in kinds the connectors name, in the built-in order; then
    // the kinds the file declares (in the JSON `connector kinds` prints),
    // each replacing a built-in one of its name where it stands, or after
    // them, in the file's order: as the npm package's runner builds it.
    let named: BTreeSet<&str> = store["connectors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    kinds.extend(
        builtin_kinds()
            .iter()
            .filter(|k| named.contains(k.kind.as_str()))
            .cloned(),
    );
    for kind in store["kinds"].as_array().into_iter().flatten() {
        let rules: KindRules = serde_json::from_value(kind.clone())
            .unwrap_or_else(|e| panic!("a case file declares a malformed kind: {e}"));
        match kinds.iter_mut().find(|k| k.kind == rules.kind) {
            Some(at) => *at = rules,
            None => kinds.push(rules),
        }
    }
    let grants = store["grants"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| Grant {
            connector: g["connector"].as_str().unwrap_or_default().into(),
            principal: g["principal"].as_str().unwrap_or_default().into(),
        })
        .collect();
    Fixture {
        connectors,
        grants,
        kinds,
    }
}

fn caller(value: &Value) -> Caller {
    let mut caller = match value["principal"].as_str() {
        Some(p) => Caller::principal(p),
        None => Caller::anonymous(),
    };
    for p in value["permissions"].as_array().into_iter().flatten() {
        caller = caller.with_permission(p.as_str().unwrap_or_default());
    }
    caller
}

/// The step text a case runs: `stepText`, or `step` with its generated parts.
fn step_text(case: &Value) -> String {
    if let Some(text) = case["stepText"].as_str() {
        return text.into();
    }
    let mut step = case["step"].clone();
    let params = if step.get("Parameters").is_some() {
        &mut step["Parameters"]
    } else {
        &mut step
    };
    if let Some(rows) = case.get("stepRows") {
        let count = rows["count"].as_u64().unwrap_or(0);
        let name = rows["name"].as_str().unwrap_or("P");
        params["Properties"] = (0..count)
            .map(|i| json!({"PropertyName": format!("{name}{i}"), "PropertyValue": rows["value"]}))
            .collect();
    }
    if let Some(depth) = case["dynamicNesting"].as_u64() {
        let depth = depth as usize;
        params["PropertiesJson"] =
            format!("{{\"Deep\": {}{}}}", "[".repeat(depth), "]".repeat(depth)).into();
    }
    step.to_string()
}

/// The case's `bigTokens`: each `{ "text", "count" }`, the text repeated.
fn big_tokens(case: &Value) -> Vec<(String, String)> {
    case["bigTokens"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), repeated(v)))
        .collect()
}

/// `{ "text", "count" }`: the text repeated `count` times.
fn repeated(v: &Value) -> String {
    let text = v["text"].as_str().expect("a repeated text's text is text");
    let count = v["count"]
        .as_u64()
        .expect("a repeated text's count is a number");
    text.repeat(count as usize)
}

/// Every `canary...` word in the store and the case (its tokens and step).
fn canaries(values: &[&Value]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut texts = Vec::new();
    values.iter().for_each(|v| collect(v, &mut texts));
    for text in texts {
        let lower = text.to_ascii_lowercase();
        let mut from = 0;
        while let Some(at) = lower[from..].find("canary") {
            let start = from + at;
            let end = text[start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .map_or(text.len(), |n| start + n);
            found.insert(text[start..end].to_string());
            from = end;
        }
    }
    found
}

fn collect<'a>(value: &'a Value, into: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => into.push(s),
        Value::Array(a) => a.iter().for_each(|v| collect(v, into)),
        Value::Object(o) => o.values().for_each(|v| collect(v, into)),
        _ => {}
    }
}

/// The case's store error, `{ "kind", ...fields }`.
fn store_error(e: &Value) -> StoreError {
    let text = |key: &str| e[key].as_str().unwrap_or_default().to_string();
    match e["kind"].as_str().unwrap_or_default() {
        "not-found" => StoreError::NotFound,
        "permission-denied" => StoreError::PermissionDenied {
            property: e["property"].as_str().map(String::from),
            reason: text("reason"),
        },
        "conflict" => StoreError::Conflict(e["actual"].as_u64().unwrap_or(0)),
        "tampered" => StoreError::Tampered {
            connector: text("connector"),
            property: text("property"),
        },
        "key" => StoreError::Key(KeyError::Reported(text("message"))),
        "read-only" => StoreError::ReadOnly {
            location: text("location"),
            why: text("why"),
        },
        "schema" => StoreError::Schema {
            location: text("location"),
            found: e["found"].as_u64().unwrap_or(0) as u32,
            supported: e["supported"].as_u64().unwrap_or(0) as u32,
        },
        _ => StoreError::Unavailable(text("message")),
    }
}

/// A store with a case's fault and racing writer.
struct Wrapped {
    inner: Arc<dyn CredentialStore>,
    fault: Option<Value>,
    races: u64,
    raced: AtomicU64,
}

impl Wrapped {
    fn fault(&self, call: &str) -> Result<(), StoreError> {
        match &self.fault {
            Some(f) if f["call"] == call => Err(store_error(&f["error"])),
            _ => Ok(()),
        }
    }
}

impl CredentialStore for Wrapped {
    fn get(&self, caller: &Caller, id: &str) -> Result<Connector, StoreError> {
        self.fault("get")?;
        self.inner.get(caller, id)
    }

    fn find_by_name(
        &self,
        caller: &Caller,
        name: &str,
    ) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.fault("findByName")?;
        self.inner.find_by_name(caller, name)
    }

    fn rules(&self, caller: &Caller, kind: &str) -> Result<Option<KindRules>, StoreError> {
        self.fault("rules")?;
        self.inner.rules(caller, kind)
    }

    fn kinds(&self, caller: &Caller) -> Result<Vec<KindRules>, StoreError> {
        self.fault("kinds")?;
        self.inner.kinds(caller)
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected_revision: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        self.fault("write")?;
        if mode == WriteMode::Commit && self.raced.load(Ordering::SeqCst) < self.races {
            let n = self.raced.fetch_add(1, Ordering::SeqCst) + 1;
            let now = self.inner.get(caller, id)?;
            let racer = [Change {
                name: "Racer".into(),
                op: ChangeOp::set(n.to_string(), false),
            }];
            self.inner
                .write(caller, id, now.revision, &racer, WriteMode::Commit)?;
        }
        self.inner
            .write(caller, id, expected_revision, changes, mode)
    }

    fn identity(&self) -> Option<String> {
        self.inner.identity()
    }
}

/// Tokens with a case's fault.
struct FaultyTokens {
    inner: MapTokens,
    fault: Option<Value>,
}

impl TokenSource for FaultyTokens {
    fn resolve(
        &self,
        source: Option<&str>,
        name: &str,
    ) -> Result<Option<SecretString>, StoreError> {
        if let Some(f) = &self.fault {
            return Err(store_error(&f["error"]));
        }
        self.inner.resolve(source, name)
    }
}
