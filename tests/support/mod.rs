//! Shared helpers: one harness for the whole suite, fixtures holding the
//! canary secret, fault-injecting store wrappers, and a CLI runner.
//!
//! The helpers also install, once, a panic hook that looks at every panic's
//! message in the test process, caught or not: see [`guard_panics`].

#![allow(dead_code)]

pub mod backends;
pub mod cli;
pub mod faults;
pub mod forward;
pub mod tls_server;

use std::io::Write;
use std::sync::{Arc, Once, OnceLock};

use connectors_update_harness::stores::{MemoryStore, NewConnector};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{ActionError, Harness, HarnessError, Outcome, Step, TokenSource};

/// A secret value that must never appear in any output, error, diagnostic or Debug print.
pub const CANARY: &str = "canary-3d5e1f-never-print-me";

/// Installs, once for the whole process, a panic hook that aborts the test
/// run when a panic's message holds the canary.
///
/// The harness catches a host's panic and turns it into a trap, so a panic
/// that quoted a value would never fail a test by itself: the hook sees
/// every panic first, caught or not. It aborts rather than fails, because a
/// caught panic has no test to fail, and writes a note naming where the
/// panic was (never its message) straight to the standard error, around
/// the test harness's output capture, which an abort would throw away. A
/// test's own failed `assert_eq!` that would print the canary aborts too:
/// the note names its line.
///
/// Every helper below calls this, so any test that uses one is covered; a
/// panic in a test that uses none, before any other test ran, is the gap.
pub fn guard_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info.payload_as_str().is_some_and(holds_canary) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()))
                    .unwrap_or_else(|| "an unknown place".into());
                let thread = std::thread::current();
                let _ = writeln!(
                    std::io::stderr(),
                    "\nA PANIC'S MESSAGE HOLDS THE CANARY SECRET, at {at} (thread {}); \
                     the message is withheld and the test process aborts.",
                    thread.name().unwrap_or("unnamed")
                );
                std::process::abort();
            }
            previous(info);
        }));
    });
}

/// Whether `text` holds the canary: the panic hook's test.
pub fn holds_canary(text: &str) -> bool {
    text.contains(CANARY)
}

/// The harness, loaded once for the whole suite, as an engine would.
pub fn harness() -> &'static Harness {
    guard_panics();
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| Harness::new().expect("the embedded component loads"))
}

/// Panics if `text` holds the canary, without printing it.
pub fn assert_clean(context: &str, text: &str) {
    guard_panics();
    if let Some(at) = text.find(CANARY) {
        panic!("{context}: the canary secret appears at byte {at} of the output");
    }
}

/// A store with the seed's connectors, every one holding the canary as a secret.
pub fn seed_store() -> Arc<MemoryStore> {
    guard_panics();
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
    store: Arc<dyn connectors_update_harness::CredentialStore>,
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
    store: Arc<dyn connectors_update_harness::CredentialStore>,
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
    guard_panics();
    serde_json::json!({ "ActionType": "Connectors.Update", "Parameters": parameters }).to_string()
}

/// Owned strings, for comparing name lists.
pub fn names(list: &[&str]) -> Vec<String> {
    guard_panics();
    list.iter().map(|s| s.to_string()).collect()
}
