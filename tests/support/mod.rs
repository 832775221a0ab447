//! Shared helpers: one harness for the whole suite, fixtures holding the
//! canary secret, fault-injecting store wrappers, and a CLI runner.

#![allow(dead_code)]

pub mod backends;
pub mod cli;
pub mod faults;

use std::sync::{Arc, OnceLock};

use connectors_update::{
    ActionError, Harness, HarnessError, MapTokens, MemoryStore, NewConnector, Outcome, Step,
    TokenSource,
};

/// A secret value that must never appear in any output, error, diagnostic or Debug print.
pub const CANARY: &str = "canary-3d5e1f-never-print-me";

/// The harness, loaded once for the whole suite, as an engine would.
pub fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| Harness::new().expect("the embedded component loads"))
}

/// Panics if `text` holds the canary, without printing it.
pub fn assert_clean(context: &str, text: &str) {
    if let Some(at) = text.find(CANARY) {
        panic!("{context}: the canary secret appears at byte {at} of the output");
    }
}

/// A store with the seed's connectors, every one holding the canary as a secret.
pub fn seed_store() -> Arc<MemoryStore> {
    let store = Arc::new(MemoryStore::new());
    store
        .add(
            NewConnector::new("Twitter API")
                .id("twitterConnectorId")
                .secret("APIKey", CANARY)
                .set("Endpoint", "https://api.twitter.com/2")
                .set("Timeout", "10s"),
        )
        .unwrap();
    store
        .add(
            NewConnector::new("OAuth Connection")
                .id("oauthConnectorId")
                .kind("oauth2")
                .set("ClientId", "clientId0")
                .secret("ClientSecret", CANARY)
                .set("RetryAttempts", "3"),
        )
        .unwrap();
    store
}

/// Parses a step with the component, checking the result is clean.
pub fn step(json: &str) -> Step {
    match harness().parse_step(json) {
        Ok(step) => step,
        Err(e) => panic!("the step does not parse: {e}"),
    }
}

/// Runs `json` against `store` with `tokens`, checking every output for the canary.
pub fn run_with(
    store: Arc<dyn connectors_update::CredentialStore>,
    json: &str,
    tokens: impl TokenSource + 'static,
) -> Result<Outcome, HarnessError> {
    let result = harness().execute(&step(json), store, Arc::new(tokens));
    match &result {
        Ok(outcome) => assert_clean(
            "outcome",
            &format!("{outcome:?} {}", serde_json::to_string(outcome).unwrap()),
        ),
        Err(error) => assert_clean("error", &format!("{error} {error:?}")),
    }
    result
}

/// Runs `json` against `store` without tokens.
pub fn run(
    store: Arc<dyn connectors_update::CredentialStore>,
    json: &str,
) -> Result<Outcome, HarnessError> {
    run_with(store, json, MapTokens::default())
}

/// The action error a run must end in.
pub fn action_error(result: Result<Outcome, HarnessError>) -> ActionError {
    match result {
        Ok(outcome) => panic!("expected an error, got {outcome:?}"),
        Err(HarnessError::Action(error)) => error,
        Err(other) => panic!("expected an action error, got {other}"),
    }
}

/// A step JSON with these parameters.
pub fn step_json(parameters: serde_json::Value) -> String {
    serde_json::json!({ "ActionType": "Connectors.Update", "Parameters": parameters }).to_string()
}

/// Owned strings, for comparing name lists.
pub fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}
