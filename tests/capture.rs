//! Nothing to capture: ids and names never stand for each other. A store
//! refuses a connector whose id is another's name, or whose name is
//! another's id, so that whoever may add a connector cannot capture the
//! steps that name another one; and the action calls a reference that
//! still matches one connector's id and another's name (in an engine's own
//! store that lets such a pair in) ambiguous, writing to neither.

use std::sync::Arc;

use connectors_update_harness::connector::{
    Change, Connector, ConnectorSummary, WriteMode, WriteReceipt,
};
use connectors_update_harness::stores::{MemoryStore, NewConnector};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{ActionError, Caller, CredentialStore, HarnessError, StoreError};
use serde_json::json;

use crate::kinds::targets;
use crate::support::cli::Cli;
use crate::support::forward::{Wraps, forward_store};
use crate::support::{CANARY, harness, step, step_json};

fn prod() -> NewConnector {
    NewConnector::new("Prod API")
        .id("prod1")
        .kind("rest-api")
        .secret("APIKey", CANARY)
}

#[test]
fn every_store_refuses_an_id_that_is_a_name_or_a_name_that_is_an_id() {
    for t in targets() {
        t.add(prod());
        for (what, decoy) in [
            (
                "an id that is a name",
                NewConnector::new("decoy").id("Prod API"),
            ),
            (
                "a name that is an id",
                NewConnector::new("prod1").id("decoy"),
            ),
        ] {
            let error = t
                .try_add(decoy.kind("rest-api").set("APIKey", "x"))
                .expect_err(&format!("{}: {what} was added", t.name));
            let message = error.to_string();
            assert!(
                message.contains("ids and names never stand for each other"),
                "{}: {message}",
                t.name
            );
            assert_eq!(t.ids(), ["prod1"], "{}: something was added", t.name);
        }
        // A connector whose id is its own name is no pair; a shared name is allowed.
        t.add(NewConnector::new("Self").id("Self"));
        t.add(NewConnector::new("Prod API").id("prod2"));
    }
}

/// The attack, through the CLI: mallory may add connectors; alice's
/// connector, granted to her, is named "Prod API".
#[test]
fn mallory_cannot_add_a_decoy_that_captures_alices_step() {
    let cli = Cli::new();
    cli.run(&[
        "connector",
        "add",
        "--name",
        "Prod API",
        "--id",
        "prod1",
        "--kind",
        "rest-api",
        "--secret",
        &format!("APIKey={CANARY}"),
    ])
    .ok_json();
    cli.run(&["connector", "grant", "prod1", "alice"]).ok_json();
    for args in [
        ["--id", "Prod API", "--name", "decoy"],
        ["--id", "decoy", "--name", "prod1"],
    ] {
        let mut all = vec![
            "--as",
            "mallory",
            "connector",
            "add",
            "--kind",
            "rest-api",
            "--set",
            "APIKey=x",
        ];
        all.extend(args);
        let run = cli.run(&all);
        assert_eq!(run.status, 1, "{}", run.stderr);
        assert!(
            run.stderr.starts_with("error[invalid-parameter]"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("ids and names never stand for each other"),
            "{}",
            run.stderr
        );
    }
    let list = cli.run(&["--as", "alice", "connector", "list"]).ok_json();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert!(
        cli.run(&["--as", "mallory", "connector", "list"])
            .ok_json()
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Alice's rotation still lands in her connector.
    let step = cli.file(
        "rotate.json",
        step_json(json!({
            "EntryId": "Prod API",
            "Properties": [{"PropertyName": "APIKey", "PropertyValue": "new-key"}],
        })),
    );
    let outcome = cli.run(&["--as", "alice", "run", &step]).ok_json();
    assert_eq!(outcome["id"], "prod1");
}

/// An engine's store that lets the pair in: two stores seen as one, the
/// decoy in one, alice's connector in the other.
struct TwoStores {
    first: MemoryStore,
    second: MemoryStore,
}

impl TwoStores {
    fn holding(&self, id: &str) -> &MemoryStore {
        if self.first.record(id).is_some() {
            &self.first
        } else {
            &self.second
        }
    }
}

impl Wraps for TwoStores {
    fn inner(&self) -> &dyn CredentialStore {
        &self.first
    }

    fn get(&self, caller: &Caller, id: &str) -> Result<Connector, StoreError> {
        self.holding(id).get(caller, id)
    }

    fn find_by_name(
        &self,
        caller: &Caller,
        name: &str,
    ) -> Result<Vec<ConnectorSummary>, StoreError> {
        let mut found = Vec::new();
        for store in [&self.first, &self.second] {
            match store.find_by_name(caller, name) {
                Ok(some) => found.extend(some),
                Err(StoreError::PermissionDenied { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(found)
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected_revision: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        self.holding(id)
            .write(caller, id, expected_revision, changes, mode)
    }
}

forward_store!(TwoStores);

#[test]
fn a_reference_that_is_one_connectors_id_and_anothers_name_is_ambiguous() {
    let store = Arc::new(TwoStores {
        first: MemoryStore::new(),
        second: MemoryStore::new(),
    });
    store
        .first
        .add(
            NewConnector::new("decoy")
                .id("Prod API")
                .kind("rest-api")
                .set("APIKey", "x"),
        )
        .unwrap();
    store.second.add(prod()).unwrap();
    store.second.grant("prod1", "alice").unwrap();
    let rotate = step_json(json!({
        "EntryId": "Prod API",
        "Properties": [{"PropertyName": "APIKey", "PropertyValue": "alices-new-key"}],
    }));
    for caller in [Caller::principal("alice"), Caller::anonymous()] {
        let result = harness().execute_as(
            &caller,
            &step(&rotate),
            store.clone(),
            Arc::new(MapTokens::default()),
        );
        match (caller.name(), result) {
            // Alice sees both: ambiguous, listing the id first.
            (Some("alice"), Err(HarnessError::Action(ActionError::AmbiguousConnector(a)))) => {
                assert_eq!(a.candidates, ["Prod API", "prod1"]);
                assert!(
                    a.message
                        .contains("ids and names never stand for each other"),
                    "{}",
                    a.message
                );
            }
            // Anyone else sees only the decoy, theirs to update.
            (None, Ok(outcome)) => assert_eq!(outcome.id, "Prod API"),
            (who, other) => panic!("{who:?}: {other:?}"),
        }
    }
    assert_eq!(
        store.second.record("prod1").unwrap().value("APIKey"),
        Some(CANARY)
    );
    assert_eq!(store.second.record("prod1").unwrap().revision, 1);
    // Closed to the caller by id, it is refused as it is: nothing is written
    // to the connector of that name either.
    store.first.grant("Prod API", "mallory").unwrap();
    let result = harness().execute_as(
        &Caller::principal("alice"),
        &step(&rotate),
        store.clone(),
        Arc::new(MapTokens::default()),
    );
    let Err(error) = result else {
        panic!("{result:?}")
    };
    assert_eq!(error.code(), "permission-denied");
    assert_eq!(store.second.record("prod1").unwrap().revision, 1);
}

/// A secret's name with an invisible character, or a kind's name in
/// another case, is refused when a connector is added too, in every store
/// and through the CLI, and nothing is printed raw.
#[test]
fn adding_a_name_that_hides_a_character_or_a_kinds_name_in_another_case_is_refused() {
    for t in targets() {
        for name in ["API\u{200b}Key", "API\u{202e}Key", "Key\u{7}"] {
            let error = t
                .try_add(
                    NewConnector::new("N")
                        .id("n")
                        .kind("rest-api")
                        .secret("APIKey", "k")
                        .set(name, "v"),
                )
                .expect_err(t.name);
            let message = error.to_string();
            assert!(message.contains("U+"), "{}: {message}", t.name);
            assert!(
                !message
                    .chars()
                    .any(|c| c == '\u{200b}' || c == '\u{202e}' || c == '\u{7}'),
                "{}",
                t.name
            );
        }
        let error = t
            .try_add(
                NewConnector::new("N")
                    .id("n")
                    .kind("rest-api")
                    .set("ApiKey", "k"),
            )
            .expect_err(t.name);
        assert!(error.to_string().contains("APIKey"), "{}: {error}", t.name);
        assert!(t.ids().is_empty(), "{}", t.name);
    }
    let cli = Cli::new();
    let run = cli.run(&[
        "connector",
        "add",
        "--name",
        "N",
        "--kind",
        "rest-api",
        "--set",
        "API\u{200b}Key=v",
        "--secret",
        "APIKey=k",
    ]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stderr.contains("U+200B"), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{200b}'), "{}", run.stderr);
}

/// Two adds at once on one PostgreSQL store, one taking a name and the
/// other the same text as an id: one of them is refused, every time (each
/// add holds the store's names lock, so the second sees the first).
#[test]
fn two_adds_at_once_never_both_take_a_text_as_an_id_and_a_name_on_postgres() {
    let Some(db) = crate::support::backends::Db::postgres() else {
        return;
    };
    let (a, b) = (Arc::new(db.open()), Arc::new(db.open()));
    for round in 0..40 {
        let text = format!("Prod {round}");
        let barrier = Arc::new(std::sync::Barrier::new(2));
        let first = {
            let (a, barrier, text) = (a.clone(), barrier.clone(), text.clone());
            std::thread::spawn(move || {
                barrier.wait();
                a.add(NewConnector::new(text).id(format!("p{round}")))
                    .is_ok()
            })
        };
        let second = {
            let (b, barrier, text) = (b.clone(), barrier.clone(), text.clone());
            std::thread::spawn(move || {
                barrier.wait();
                b.add(NewConnector::new("decoy").id(text)).is_ok()
            })
        };
        let added = [first.join().unwrap(), second.join().unwrap()];
        assert_eq!(
            added.iter().filter(|&&ok| ok).count(),
            1,
            "round {round}: {added:?}"
        );
    }
}
