//! Who may do what: the access table of docs/cli.md ("Grants: who may do what"),
//! every cell one row of [`TABLE`], each on a fresh store, checked through
//! the real CLI (a subprocess, on SQLite and PostgreSQL) and through the
//! library (`SqlStore`'s administration, and the `CredentialStore` calls of
//! `MemoryStore` and `SqlStore`).
//!
//! A refusal is `permission-denied` with nothing written: the connector's
//! values, revision, grants and history are as they were. An allowed write
//! is recorded under the real caller, never under the `PRINCIPAL` a grant or
//! revoke names.

use std::sync::Arc;

use connectors_update_harness::connector::{Change, ChangeOp, StoredValue, WriteMode};
use connectors_update_harness::stores::{AdminError, ConnectorRecord, MemoryStore, NewConnector};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{Caller, CredentialStore, HarnessError, StoreError};
use connectors_update_sql::{HistoryEntry, HistoryEvent, KeySource, SqlStore, StoreLocation};
use serde_json::{Value, json};

use crate::support::backends::Db;
use crate::support::cli::Cli;
use crate::support::faults::{Fault, Faulty, Site};
use crate::support::{CANARY, assert_clean, harness, step, step_json};

/// A verb of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verb {
    Run,
    DryRun,
    Validate,
    Describe,
    Show,
    Reveal,
    List,
    History,
    /// Grants `carol`.
    Grant,
    /// Revokes `bob`.
    Revoke,
    Delete,
    /// Adds `c2`, named like `c1`.
    Add,
}

/// A column of the table: the connector's state and who asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    /// No grants; an anonymous caller.
    OpenAnonymous,
    /// No grants; `mallory`.
    OpenPrincipal,
    /// Granted to `alice` and `bob`; `alice`.
    Grantee,
    /// Granted to `alice` and `bob`; `mallory`.
    NonGrantee,
    /// Granted to `alice` and `bob`; an anonymous caller.
    GrantedAnonymous,
}

impl Column {
    fn granted(self) -> bool {
        matches!(
            self,
            Column::Grantee | Column::NonGrantee | Column::GrantedAnonymous
        )
    }

    fn principal(self) -> Option<&'static str> {
        match self {
            Column::OpenAnonymous | Column::GrantedAnonymous => None,
            Column::OpenPrincipal | Column::NonGrantee => Some("mallory"),
            Column::Grantee => Some("alice"),
        }
    }

    fn caller(self) -> Caller {
        match self.principal() {
            Some(name) => Caller::principal(name),
            None => Caller::anonymous(),
        }
    }
}

/// What the cell answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Allowed,
    /// `permission-denied`, nothing written.
    Denied,
    /// `list` only: the connector is left out.
    Hidden,
}

/// The history entry an allowed cell adds (on `c1`; on `c2` for `add`):
/// its event and its grantee.
type Recorded = Option<(HistoryEvent, Option<&'static str>)>;

use Answer::{Allowed, Denied, Hidden};
use Column::{GrantedAnonymous, Grantee, NonGrantee, OpenAnonymous, OpenPrincipal};
use HistoryEvent::{Created, Deleted, Granted, Revoked, Updated};
use Verb::*;

/// docs/cli.md's table, one row per cell.
const TABLE: &[(Verb, Column, Answer, Recorded)] = &[
    (Run, OpenAnonymous, Allowed, Some((Updated, None))),
    (Run, OpenPrincipal, Allowed, Some((Updated, None))),
    (Run, Grantee, Allowed, Some((Updated, None))),
    (Run, NonGrantee, Denied, None),
    (Run, GrantedAnonymous, Denied, None),
    (DryRun, OpenAnonymous, Allowed, None),
    (DryRun, OpenPrincipal, Allowed, None),
    (DryRun, Grantee, Allowed, None),
    (DryRun, NonGrantee, Denied, None),
    (DryRun, GrantedAnonymous, Denied, None),
    (Validate, OpenAnonymous, Allowed, None),
    (Validate, OpenPrincipal, Allowed, None),
    (Validate, Grantee, Allowed, None),
    (Validate, NonGrantee, Allowed, None),
    (Validate, GrantedAnonymous, Allowed, None),
    (Describe, OpenAnonymous, Allowed, None),
    (Describe, OpenPrincipal, Allowed, None),
    (Describe, Grantee, Allowed, None),
    (Describe, NonGrantee, Allowed, None),
    (Describe, GrantedAnonymous, Allowed, None),
    (Show, OpenAnonymous, Allowed, None),
    (Show, OpenPrincipal, Allowed, None),
    (Show, Grantee, Allowed, None),
    (Show, NonGrantee, Denied, None),
    (Show, GrantedAnonymous, Denied, None),
    (Reveal, OpenAnonymous, Allowed, None),
    (Reveal, OpenPrincipal, Allowed, None),
    (Reveal, Grantee, Allowed, None),
    (Reveal, NonGrantee, Denied, None),
    (Reveal, GrantedAnonymous, Denied, None),
    (List, OpenAnonymous, Allowed, None),
    (List, OpenPrincipal, Allowed, None),
    (List, Grantee, Allowed, None),
    (List, NonGrantee, Hidden, None),
    (List, GrantedAnonymous, Hidden, None),
    (History, OpenAnonymous, Allowed, None),
    (History, OpenPrincipal, Allowed, None),
    (History, Grantee, Allowed, None),
    (History, NonGrantee, Denied, None),
    (History, GrantedAnonymous, Denied, None),
    (
        Grant,
        OpenAnonymous,
        Allowed,
        Some((Granted, Some("carol"))),
    ),
    (
        Grant,
        OpenPrincipal,
        Allowed,
        Some((Granted, Some("carol"))),
    ),
    (Grant, Grantee, Allowed, Some((Granted, Some("carol")))),
    (Grant, NonGrantee, Denied, None),
    (Grant, GrantedAnonymous, Denied, None),
    // On an open connector bob has no grant to revoke: nothing changes.
    (Revoke, OpenAnonymous, Allowed, None),
    (Revoke, OpenPrincipal, Allowed, None),
    (Revoke, Grantee, Allowed, Some((Revoked, Some("bob")))),
    (Revoke, NonGrantee, Denied, None),
    (Revoke, GrantedAnonymous, Denied, None),
    (Delete, OpenAnonymous, Allowed, Some((Deleted, None))),
    (Delete, OpenPrincipal, Allowed, Some((Deleted, None))),
    (Delete, Grantee, Allowed, Some((Deleted, None))),
    (Delete, NonGrantee, Denied, None),
    (Delete, GrantedAnonymous, Denied, None),
    (Add, OpenAnonymous, Allowed, Some((Created, None))),
    (Add, OpenPrincipal, Allowed, Some((Created, None))),
    (Add, Grantee, Allowed, Some((Created, None))),
    (Add, NonGrantee, Allowed, Some((Created, None))),
    (Add, GrantedAnonymous, Allowed, Some((Created, None))),
];

#[test]
fn the_table_has_every_cell_once() {
    let verbs = [
        Run, DryRun, Validate, Describe, Show, Reveal, List, History, Grant, Revoke, Delete, Add,
    ];
    let columns = [
        OpenAnonymous,
        OpenPrincipal,
        Grantee,
        NonGrantee,
        GrantedAnonymous,
    ];
    for verb in verbs {
        for column in columns {
            let n = TABLE
                .iter()
                .filter(|(v, c, ..)| *v == verb && *c == column)
                .count();
            assert_eq!(n, 1, "{verb:?} × {column:?}");
        }
    }
    assert_eq!(TABLE.len(), verbs.len() * columns.len());
}

/// What a store holds of `c1`, and which connectors there are.
#[derive(Debug, PartialEq)]
struct Snapshot {
    record: Option<ConnectorRecord>,
    grants: Vec<String>,
    /// `None` for a store without history.
    history: Option<Vec<HistoryEntry>>,
    ids: Vec<String>,
    /// The history of `c2` (the connector `add` adds).
    added_history: Option<Vec<HistoryEntry>>,
}

/// A way to do the table's verbs.
trait World {
    fn name(&self) -> String;
    fn snapshot(&self) -> Snapshot;
    /// Does `verb` as `column`'s caller: what it showed (normalized, see
    /// [`check_cell`]), or the refusal's code and message; `None` when this
    /// world has no such verb.
    fn act(
        &self,
        verb: Verb,
        column: Column,
        value: &str,
    ) -> Option<Result<Value, (String, String)>>;
}

/// The connectors every cell starts from: `c0` (open, named "Other") and
/// `c1` (named "Shared", the canary as its secret `APIKey`), granted to
/// alice and bob when `granted`.
fn fixture(store: &SqlStore, granted: bool) {
    store
        .add(NewConnector::new("Other").id("c0").set("A", "1"))
        .unwrap();
    store.add(shared()).unwrap();
    if granted {
        store.grant(&Caller::anonymous(), "c1", "alice").unwrap();
        store
            .grant(&Caller::principal("alice"), "c1", "bob")
            .unwrap();
    }
}

fn shared() -> NewConnector {
    NewConnector::new("Shared")
        .id("c1")
        .secret("APIKey", CANARY)
        .set("Endpoint", "https://old.example")
}

fn memory_fixture(granted: bool) -> Arc<MemoryStore> {
    let store = Arc::new(MemoryStore::new());
    store
        .add(NewConnector::new("Other").id("c0").set("A", "1"))
        .unwrap();
    store.add(shared()).unwrap();
    if granted {
        store.grant("c1", "alice").unwrap();
        store.grant("c1", "bob").unwrap();
    }
    store
}

fn sql_snapshot(store: &SqlStore) -> Snapshot {
    Snapshot {
        record: store.record("c1").unwrap(),
        grants: store.grants("c1").unwrap(),
        history: Some(store.full_history("c1").unwrap()),
        ids: store.list().unwrap().into_iter().map(|c| c.id).collect(),
        added_history: Some(store.full_history("c2").unwrap()),
    }
}

/// Each run sets its own value, so that no run is `unchanged` and every
/// allowed one reaches the store's write.
fn fresh_value() -> String {
    format!("https://{}.example", uuid::Uuid::new_v4().simple())
}

fn set_endpoint(value: &str, dry_run: bool) -> String {
    step_json(json!({
        "EntryId": "c1",
        "Properties": [{"PropertyName": "Endpoint", "PropertyValue": value}],
        "DryRun": dry_run
    }))
}

/// The real CLI on a store of its own.
struct CliWorld {
    cli: Cli,
    location: String,
    key_file: std::path::PathBuf,
    backend: &'static str,
}

impl CliWorld {
    fn new(db: Db, granted: bool) -> Self {
        let (location, key_file, backend) = (db.location.clone(), db.key_file.clone(), db.name);
        fixture(&db.open(), granted);
        CliWorld {
            cli: Cli::on(db),
            location,
            key_file,
            backend,
        }
    }

    fn store(&self) -> SqlStore {
        SqlStore::open(
            &StoreLocation::parse(&self.location).unwrap(),
            KeySource::File(self.key_file.clone()),
        )
        .unwrap()
    }

    fn cli(&self, column: Column, args: &[&str]) -> Result<Value, (String, String)> {
        let mut all: Vec<&str> = Vec::new();
        if let Some(name) = column.principal() {
            all.extend(["--as", name]);
        }
        all.extend(args);
        let run = self.cli.run(&all);
        match run.status {
            0 if run.stdout.trim().is_empty() => Ok(Value::Null),
            0 => Ok(run.json()),
            1 => {
                let line = run.stderr.trim_end();
                let code = line
                    .strip_prefix("error[")
                    .and_then(|rest| rest.split_once(']'))
                    .map(|(code, _)| code.to_string())
                    .unwrap_or_else(|| panic!("{args:?}: not an error line: {line}"));
                Err((code, line.to_string()))
            }
            other => panic!("{args:?} exited with {other}: {}", run.stderr),
        }
    }
}

impl World for CliWorld {
    fn name(&self) -> String {
        format!("cli on {}", self.backend)
    }

    fn snapshot(&self) -> Snapshot {
        sql_snapshot(&self.store())
    }

    fn act(
        &self,
        verb: Verb,
        column: Column,
        value: &str,
    ) -> Option<Result<Value, (String, String)>> {
        let step = || {
            self.cli
                .file("step.json", set_endpoint(value, verb == DryRun))
        };
        Some(match verb {
            Run | DryRun => self
                .cli(column, &["run", &step()])
                .map(|out| json!({"changed": out["changed"], "dry_run": out["dry_run"]})),
            Validate => self
                .cli(column, &["validate", &step()])
                .map(|_| Value::Null),
            Describe => self.cli(column, &["describe"]).map(|_| Value::Null),
            Show => self
                .cli(column, &["connector", "show", "c1"])
                .map(|out| json!({"id": out["id"], "APIKey": out["properties"]["APIKey"]})),
            Reveal => self
                .cli(column, &["connector", "show", "c1", "--reveal"])
                .map(|out| json!({"id": out["id"], "APIKey": out["properties"]["APIKey"]})),
            List => self.cli(column, &["connector", "list"]).map(|out| {
                out.as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c["id"].clone())
                    .collect()
            }),
            History => self
                .cli(column, &["connector", "history", "c1"])
                .map(|out| json!(out.as_array().unwrap().len())),
            Grant => self
                .cli(column, &["connector", "grant", "c1", "carol"])
                .map(|out| json!({"grants": out["grants"]})),
            Revoke => self
                .cli(column, &["connector", "revoke", "c1", "bob"])
                .map(|out| json!({"grants": out["grants"]})),
            Delete => self
                .cli(column, &["connector", "delete", "c1"])
                .map(|out| json!({"id": out["id"]})),
            Add => self
                .cli(
                    column,
                    &[
                        "connector",
                        "add",
                        "--name",
                        "Shared",
                        "--id",
                        "c2",
                        "--set",
                        "A=2",
                    ],
                )
                .map(|out| json!({"id": out["id"]})),
        })
    }
}

/// `SqlStore`'s administration and its `CredentialStore` calls.
struct SqlWorld {
    store: Arc<SqlStore>,
    backend: &'static str,
    _db: Db,
}

fn store_refusal(error: StoreError) -> (String, String) {
    let code = AdminError::Store(error.clone()).code().to_string();
    (code, error.to_string())
}

fn admin_refusal(error: AdminError) -> (String, String) {
    (error.code().to_string(), error.to_string())
}

/// The `CredentialStore` calls a verb makes, on any store.
fn trait_act(
    store: Arc<dyn CredentialStore>,
    verb: Verb,
    column: Column,
    value: &str,
) -> Option<Result<Value, (String, String)>> {
    let caller = column.caller();
    Some(match verb {
        Run | DryRun => {
            let mode = if verb == Run {
                WriteMode::Commit
            } else {
                WriteMode::Preview
            };
            let change = [Change {
                name: "Endpoint".into(),
                op: ChangeOp::set(value, false),
            }];
            store
                .write(&caller, "c1", 1, &change, mode)
                .map(|r| json!({"changed": r.changed, "dry_run": verb == DryRun}))
                .map_err(store_refusal)
        }
        Validate | Describe => {
            // A store that fails every read of a connector: design time reads none.
            let faulty = Arc::new(Faulty::new(
                store,
                Arc::new(MapTokens::default()),
                Site::Get,
                1,
                Fault::Unavailable,
            ));
            let done = if verb == Validate {
                harness()
                    .validate_with(&step(&set_endpoint(value, false)), faulty.clone())
                    .map(drop)
            } else {
                harness().describe_with(faulty.clone()).map(drop)
            };
            if let Err(e) = done {
                panic!("{verb:?}: {e}");
            }
            for call in faulty.calls() {
                assert!(
                    matches!(call, Site::Kinds | Site::Rules),
                    "{verb:?} made a {call:?} call"
                );
            }
            Ok(Value::Null)
        }
        Show => store
            .get(&caller, "c1")
            .map(|c| {
                let key = c.properties.iter().find(|p| p.name == "APIKey").unwrap();
                assert_eq!(key.value, StoredValue::Secret);
                json!({"id": c.id, "APIKey": "******"})
            })
            .map_err(store_refusal),
        // The caller's view of a name: only the connectors it may use.
        List => store
            .find_by_name(&caller, "Shared")
            .map(|found| {
                std::iter::once(json!("c0"))
                    .chain(found.into_iter().map(|c| json!(c.id)))
                    .collect()
            })
            .or_else(|e| match e {
                StoreError::PermissionDenied { property: None, .. } => Ok(json!(["c0"])),
                other => Err(store_refusal(other)),
            }),
        Reveal | History | Grant | Revoke | Delete | Add => return None,
    })
}

impl World for SqlWorld {
    fn name(&self) -> String {
        format!("SqlStore on {}", self.backend)
    }

    fn snapshot(&self) -> Snapshot {
        sql_snapshot(&self.store)
    }

    fn act(
        &self,
        verb: Verb,
        column: Column,
        value: &str,
    ) -> Option<Result<Value, (String, String)>> {
        let caller = column.caller();
        let store = &self.store;
        Some(match verb {
            Reveal => store
                .find_as(&caller, "c1")
                .map(|found| json!({"id": found.record.id, "APIKey": found.record.value("APIKey")}))
                .map_err(admin_refusal),
            List => {
                let listed: Value = store
                    .list_as(&caller)
                    .unwrap()
                    .into_iter()
                    .map(|c| json!(c.id))
                    .collect();
                // The trait's view of the name agrees with the list.
                let found = trait_act(store.clone(), List, column, value)?;
                assert_eq!(
                    found.as_ref().ok(),
                    Some(&listed),
                    "list_as and find_by_name"
                );
                Ok(listed)
            }
            History => store
                .history(&caller, "c1")
                .map(|h| json!(h.len()))
                .map_err(admin_refusal),
            Grant => store
                .grant(&caller, "c1", "carol")
                .map(|(_, grants)| json!({"grants": grants}))
                .map_err(admin_refusal),
            Revoke => store
                .revoke(&caller, "c1", "bob")
                .map(|(_, grants)| json!({"grants": grants}))
                .map_err(admin_refusal),
            Delete => store
                .delete(&caller, "c1")
                .map(|c| json!({"id": c.id}))
                .map_err(admin_refusal),
            Add => store
                .add_as(&caller, NewConnector::new("Shared").id("c2").set("A", "2"))
                .map(|c| json!({"id": c.id}))
                .map_err(admin_refusal),
            Show => {
                // The administration's show agrees with the trait's get.
                let admin = store
                    .find_as(&caller, "c1")
                    .map(|_| ())
                    .map_err(admin_refusal);
                let shown = trait_act(store.clone(), Show, column, value)?;
                assert_eq!(
                    admin.as_ref().err().map(|e| &e.0),
                    shown.as_ref().err().map(|e| &e.0),
                    "find_as and get"
                );
                shown
            }
            Run | DryRun | Validate | Describe => trait_act(store.clone(), verb, column, value)?,
        })
    }
}

/// `MemoryStore`'s `CredentialStore` calls (its administration checks no caller).
struct MemoryWorld(Arc<MemoryStore>);

impl World for MemoryWorld {
    fn name(&self) -> String {
        "MemoryStore".into()
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            record: self.0.record("c1"),
            grants: self.0.grants("c1"),
            history: None,
            ids: self.0.records().into_iter().map(|c| c.id).collect(),
            added_history: None,
        }
    }

    fn act(
        &self,
        verb: Verb,
        column: Column,
        value: &str,
    ) -> Option<Result<Value, (String, String)>> {
        trait_act(self.0.clone(), verb, column, value)
    }
}

/// Checks one cell in `world`: the answer, what was written, what the
/// history records. Returns whether the world has the verb.
fn check_cell(
    world: &dyn World,
    (verb, column, answer, recorded): (Verb, Column, Answer, Recorded),
) -> bool {
    let cell = format!("{}: {verb:?} × {column:?}", world.name());
    let before = world.snapshot();
    let value = fresh_value();
    let Some(result) = world.act(verb, column, &value) else {
        return false;
    };
    let after = world.snapshot();
    if let Err((_, message)) = &result {
        assert_clean(&cell, message);
    }
    let output = match (answer, result) {
        (Denied, Err((code, message))) => {
            assert_eq!(code, "permission-denied", "{cell}: {message}");
            assert!(
                message.contains("connector 'c1'"),
                "{cell}: the refusal names the connector: {message}"
            );
            assert_eq!(after, before, "{cell}: nothing is written when refused");
            return true;
        }
        (Denied, Ok(out)) => panic!("{cell}: expected permission-denied, got {out}"),
        (_, Err((code, message))) => panic!("{cell}: expected it allowed, got {code}: {message}"),
        (_, Ok(out)) => out,
    };

    // What the verb shows, and what it leaves besides the history.
    let mut expected = Snapshot {
        record: before.record.clone(),
        grants: before.grants.clone(),
        history: None,
        ids: before.ids.clone(),
        added_history: None,
    };
    match verb {
        Run | DryRun => {
            assert_eq!(
                output,
                json!({"changed": ["Endpoint"], "dry_run": verb == DryRun}),
                "{cell}"
            );
            if verb == Run {
                let record = expected.record.as_mut().unwrap();
                record.revision += 1;
                let endpoint = record
                    .properties
                    .iter_mut()
                    .find(|p| p.name == "Endpoint")
                    .unwrap();
                endpoint.value = value.clone().into();
            }
        }
        Validate | Describe => assert_eq!(output, Value::Null, "{cell}"),
        Show => assert_eq!(output, json!({"id": "c1", "APIKey": "******"}), "{cell}"),
        Reveal => assert_eq!(output, json!({"id": "c1", "APIKey": CANARY}), "{cell}"),
        List => {
            let listed = if answer == Hidden {
                json!(["c0"])
            } else {
                json!(["c0", "c1"])
            };
            assert_eq!(output, listed, "{cell}");
        }
        History => {
            let n = before.history.as_ref().map_or(0, Vec::len);
            assert_eq!(output, json!(n), "{cell}");
        }
        Grant => {
            expected.grants.push("carol".into());
            expected.grants.sort();
            assert_eq!(output, json!({"grants": expected.grants}), "{cell}");
        }
        Revoke => {
            expected.grants.retain(|g| g != "bob");
            assert_eq!(output, json!({"grants": expected.grants}), "{cell}");
        }
        Delete => {
            assert_eq!(output, json!({"id": "c1"}), "{cell}");
            expected.record = None;
            expected.grants.clear();
            expected.ids.retain(|id| id != "c1");
        }
        Add => {
            assert_eq!(output, json!({"id": "c2"}), "{cell}");
            expected.ids = vec!["c0".into(), "c1".into(), "c2".into()];
        }
    }
    let without_history = |s: &Snapshot| Snapshot {
        record: s.record.clone(),
        grants: s.grants.clone(),
        history: None,
        ids: s.ids.clone(),
        added_history: None,
    };
    assert_eq!(without_history(&after), expected, "{cell}");

    // The history: the entry the table names, under the real caller; the
    // other connector's history untouched.
    let (Some(history_before), Some(history_after)) = (&before.history, &after.history) else {
        return true;
    };
    let (added_before, added_after) = (
        before.added_history.as_ref().unwrap(),
        after.added_history.as_ref().unwrap(),
    );
    let (old, new, untouched_before, untouched_after) = if verb == Add {
        (added_before, added_after, history_before, history_after)
    } else {
        (history_before, history_after, added_before, added_after)
    };
    assert_eq!(untouched_after, untouched_before, "{cell}");
    assert!(new.len() >= old.len(), "{cell}: history lost entries");
    assert_eq!(&new[..old.len()], &old[..], "{cell}: earlier entries kept");
    let revision = before.record.as_ref().map_or(0, |r| r.revision);
    let want: Vec<HistoryEntry> = recorded
        .into_iter()
        .map(|(event, grantee)| HistoryEntry {
            connector: if verb == Add { "c2" } else { "c1" }.into(),
            at: String::new(),
            event,
            principal: column.principal().map(str::to_string),
            revision_before: if event == Created { 0 } else { revision },
            revision_after: match event {
                Created => 1,
                Deleted => 0,
                Updated => revision + 1,
                _ => revision,
            },
            properties: match event {
                Created => vec!["A".into()],
                Updated => vec!["Endpoint".into()],
                Deleted => vec!["APIKey".into(), "Endpoint".into()],
                _ => Vec::new(),
            },
            grantee: grantee.map(str::to_string),
        })
        .collect();
    let got: Vec<HistoryEntry> = new[old.len()..]
        .iter()
        .map(|e| {
            assert!(humantime::parse_rfc3339(&e.at).is_ok(), "{cell}: {}", e.at);
            HistoryEntry {
                at: String::new(),
                ..e.clone()
            }
        })
        .collect();
    assert_eq!(got, want, "{cell}: the history");
    true
}

fn each_cell(make: impl Fn(bool) -> Box<dyn World>, verbs_expected: usize) {
    let mut covered = 0;
    for &row in TABLE {
        let world = make(row.1.granted());
        if check_cell(world.as_ref(), row) {
            covered += 1;
        }
    }
    assert_eq!(covered, verbs_expected * 5, "cells covered");
}

#[test]
fn every_cell_through_the_cli_on_sqlite() {
    each_cell(|granted| Box::new(CliWorld::new(Db::sqlite(), granted)), 12);
}

#[test]
fn every_cell_through_the_cli_on_postgres() {
    if Db::postgres().is_none() {
        return;
    }
    each_cell(
        |granted| Box::new(CliWorld::new(Db::postgres().unwrap(), granted)),
        12,
    );
}

fn sql_world(db: Db, granted: bool) -> Box<dyn World> {
    let store = Arc::new(db.open());
    fixture(&store, granted);
    Box::new(SqlWorld {
        store,
        backend: db.name,
        _db: db,
    })
}

#[test]
fn every_cell_through_sql_store_on_sqlite() {
    each_cell(|granted| sql_world(Db::sqlite(), granted), 12);
}

#[test]
fn every_cell_through_sql_store_on_postgres() {
    if Db::postgres().is_none() {
        return;
    }
    each_cell(|granted| sql_world(Db::postgres().unwrap(), granted), 12);
}

#[test]
fn every_store_call_cell_through_memory_store() {
    // Run, DryRun, Validate, Describe, Show (get) and List (find_by_name).
    each_cell(|granted| Box::new(MemoryWorld(memory_fixture(granted))), 6);
}

/// One store of each kind that comes with the harness, for tests that must
/// hold on all: `MemoryStore`, and `SqlStore` on SQLite and PostgreSQL.
pub(crate) struct Target {
    /// "memory", "sqlite" or "postgres".
    pub name: &'static str,
    memory: Option<Arc<MemoryStore>>,
    sql: Option<Arc<SqlStore>>,
    _db: Option<Db>,
}

/// The in-memory store, an SQLite file, and PostgreSQL when there is a server.
pub(crate) fn targets() -> Vec<Target> {
    std::iter::once(Target {
        name: "memory",
        memory: Some(Arc::new(MemoryStore::new())),
        sql: None,
        _db: None,
    })
    .chain(Db::all().into_iter().map(|db| Target {
        name: db.name,
        memory: None,
        sql: Some(Arc::new(db.open())),
        _db: Some(db),
    }))
    .collect()
}

impl Target {
    pub fn store(&self) -> Arc<dyn CredentialStore> {
        match (&self.memory, &self.sql) {
            (Some(m), _) => m.clone(),
            (_, Some(s)) => s.clone(),
            _ => unreachable!("a target has a store"),
        }
    }

    /// Adds a connector, which must be accepted.
    pub fn add(&self, new: NewConnector) {
        match (&self.memory, &self.sql) {
            (Some(m), _) => drop(m.add(new).unwrap()),
            (_, Some(s)) => drop(s.add(new).unwrap()),
            _ => unreachable!("a target has a store"),
        }
    }

    /// The connector with this id, values included.
    pub fn record(&self, id: &str) -> ConnectorRecord {
        match (&self.memory, &self.sql) {
            (Some(m), _) => m.record(id),
            (_, Some(s)) => s.record(id).unwrap(),
            _ => unreachable!("a target has a store"),
        }
        .unwrap_or_else(|| panic!("{}: no connector '{id}'", self.name))
    }

    /// Grants `principal` the connector `id`, as one of its grantees (or
    /// anyone, while it is open) would.
    pub fn grant(&self, id: &str, principal: &str) {
        match (&self.memory, &self.sql) {
            (Some(m), _) => drop(m.grant(id, principal).unwrap()),
            (_, Some(s)) => {
                let by = match s.grants(id).unwrap().first() {
                    Some(grantee) => Caller::principal(grantee),
                    None => Caller::anonymous(),
                };
                drop(s.grant(&by, id, principal).unwrap());
            }
            _ => unreachable!("a target has a store"),
        }
    }

    /// Takes `principal`'s grant away, as it may itself.
    pub fn revoke(&self, id: &str, principal: &str) {
        match (&self.memory, &self.sql) {
            (Some(m), _) => drop(m.revoke(id, principal).unwrap()),
            (_, Some(s)) => drop(
                s.revoke(&Caller::principal(principal), id, principal)
                    .unwrap(),
            ),
            _ => unreachable!("a target has a store"),
        }
    }

    /// Runs a step for `caller`; no outcome or error may show the canary.
    pub fn run(
        &self,
        caller: &Caller,
        json: &str,
    ) -> Result<connectors_update_harness::Outcome, HarnessError> {
        run_on(self.store(), caller, json)
    }
}

/// Runs a step on `store` for `caller`; no outcome or error may show the canary.
pub(crate) fn run_on(
    store: Arc<dyn CredentialStore>,
    caller: &Caller,
    json: &str,
) -> Result<connectors_update_harness::Outcome, HarnessError> {
    let result = harness().execute_as(caller, &step(json), store, Arc::new(MapTokens::default()));
    match &result {
        Ok(outcome) => assert_clean("outcome", &format!("{outcome:?}")),
        Err(error) => assert_clean("error", &format!("{error} {error:?}")),
    }
    result
}

/// Issue 13's takeover, as it was tried: on a connector granted to alice,
/// mallory revokes alice, grants himself, and reveals the secret. Each
/// step is refused, nothing changes, and the history names who really did
/// what when one principal grants or revokes another.
fn the_takeover_is_refused(cli: Cli) {
    cli.add_twitter();
    let reference = "twitterConnectorId";
    cli.run(&["--as", "alice", "connector", "grant", reference, "alice"])
        .ok_json();
    let history = |cli: &Cli| {
        cli.run(&["--as", "alice", "connector", "history", reference])
            .ok_json()
    };
    let before = history(&cli);
    for args in [
        vec!["--as", "mallory", "connector", "revoke", reference, "alice"],
        vec!["connector", "revoke", reference, "alice"],
        vec![
            "--as",
            "mallory",
            "connector",
            "grant",
            reference,
            "mallory",
        ],
        vec![
            "--as",
            "mallory",
            "connector",
            "show",
            reference,
            "--reveal",
        ],
        vec!["--as", "mallory", "connector", "delete", reference],
        vec!["--as", "mallory", "connector", "history", reference],
    ] {
        let refused = cli.run(&args);
        assert_eq!(refused.status, 1, "{args:?}: {}", refused.stdout);
        assert!(refused.stdout.is_empty(), "{args:?}");
        let who = if args[0] == "--as" {
            "principal 'mallory'"
        } else {
            "an anonymous caller"
        };
        assert_eq!(
            refused.stderr.trim_end(),
            format!(
                "error[permission-denied]: permission denied: {who} has no grant on connector '{reference}'"
            ),
            "{args:?}"
        );
    }
    // The environment's principal meets the positional no differently.
    let refused = cli.run_with_env(
        &["connector", "revoke", reference, "alice"],
        "CONNECTORS_PRINCIPAL",
        "mallory",
    );
    assert!(
        refused.stderr.contains("principal 'mallory' has no grant"),
        "{}",
        refused.stderr
    );
    // Nor can he take the id over by adding a connector under it.
    let taken = cli.run(&[
        "--as",
        "mallory",
        "connector",
        "add",
        "--name",
        "Mine",
        "--id",
        reference,
    ]);
    assert!(
        taken.stderr.starts_with(
            "error[invalid-parameter]: a connector with id 'twitterConnectorId' exists already"
        ),
        "{}",
        taken.stderr
    );
    assert_eq!(history(&cli), before, "nothing was recorded");

    // X grants Y, Y revokes X: the history tells them apart.
    cli.run(&["--as", "alice", "connector", "grant", reference, "bob"])
        .ok_json();
    let revoked = cli
        .run(&["--as", "bob", "connector", "revoke", reference, "alice"])
        .ok_json();
    assert_eq!(revoked["grants"], json!(["bob"]));
    let alice = cli.run(&["--as", "alice", "connector", "history", reference]);
    assert!(
        alice.stderr.starts_with("error[permission-denied]"),
        "alice lost her grant: {}",
        alice.stderr
    );
    let entries = cli
        .run(&["--as", "bob", "connector", "history", reference])
        .ok_json();
    let shape: Vec<Value> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| json!([e["event"], e["principal"], e.get("grantee")]))
        .collect();
    assert_eq!(
        shape,
        vec![
            json!(["created", null, null]),
            json!(["granted", "alice", "alice"]),
            json!(["granted", "alice", "bob"]),
            json!(["revoked", "bob", "alice"]),
        ]
    );
    let shown = cli
        .run(&["--as", "bob", "connector", "show", reference, "--reveal"])
        .ok_json();
    assert_eq!(shown["properties"]["APIKey"], CANARY);
    assert_eq!(shown["grants"], json!(["bob"]));
}

#[test]
fn the_takeover_is_refused_on_sqlite() {
    the_takeover_is_refused(Cli::new());
}

#[test]
fn the_takeover_is_refused_on_postgres() {
    if let Some(db) = Db::postgres() {
        the_takeover_is_refused(Cli::on(db));
    }
}

/// Connectors `c1` (alice's), `c2` (bob's) and, if `open_one`, `c3`
/// (open), all named "Shared".
fn namesakes(t: &Target, open_one: bool) {
    for id in ["c1", "c2", "c3"]
        .into_iter()
        .take(if open_one { 3 } else { 2 })
    {
        t.add(
            NewConnector::new("Shared")
                .id(id)
                .secret("APIKey", CANARY)
                .set("B", "0"),
        );
    }
    t.grant("c1", "alice");
    t.grant("c2", "bob");
}

fn set_b(entry: &str, value: &str) -> String {
    step_json(json!({
        "EntryId": entry,
        "Properties": [{"PropertyName": "B", "PropertyValue": value}]
    }))
}

#[test]
fn by_name_the_connectors_the_caller_may_not_use_are_no_candidates() {
    for t in targets() {
        namesakes(&t, true);
        let store = t.store();
        let ids = |caller: &Caller| -> Vec<String> {
            store
                .find_by_name(caller, "Shared")
                .unwrap()
                .into_iter()
                .map(|c| c.id)
                .collect()
        };
        assert_eq!(ids(&Caller::principal("alice")), ["c1", "c3"], "{}", t.name);
        assert_eq!(ids(&Caller::principal("bob")), ["c2", "c3"], "{}", t.name);
        assert_eq!(ids(&Caller::principal("mallory")), ["c3"], "{}", t.name);
        assert_eq!(ids(&Caller::anonymous()), ["c3"], "{}", t.name);

        // Mallory's one candidate is the open one: the step updates it.
        let out = t
            .run(&Caller::principal("mallory"), &set_b("Shared", "m"))
            .unwrap();
        assert_eq!(out.id, "c3", "{}", t.name);
        assert_eq!(t.record("c3").value("B"), Some("m"));

        // Alice's name is ambiguous among hers and the open one only.
        let error = t
            .run(&Caller::principal("alice"), &set_b("Shared", "a"))
            .unwrap_err();
        let HarnessError::Action(connectors_update_harness::ActionError::AmbiguousConnector(
            ambiguous,
        )) = &error
        else {
            panic!("{}: {error:?}", t.name)
        };
        assert_eq!(ambiguous.candidates, ["c1", "c3"], "{}", t.name);
        assert!(!error.to_string().contains("c2"), "{error}");
        assert_eq!(t.record("c1").value("B"), Some("0"));
        assert_eq!(t.record("c2").value("B"), Some("0"));
    }
}

#[test]
fn a_name_whose_connectors_are_all_closed_is_refused_naming_the_name_only() {
    for t in targets() {
        namesakes(&t, false);
        let before = (t.record("c1"), t.record("c2"));
        for caller in [Caller::principal("mallory"), Caller::anonymous()] {
            let found = t.store().find_by_name(&caller, "Shared");
            let Err(StoreError::PermissionDenied {
                property: None,
                reason,
            }) = &found
            else {
                panic!("{}: {found:?}", t.name)
            };
            assert!(!reason.contains("c1") && !reason.contains("c2"), "{reason}");

            let error = t.run(&caller, &set_b("Shared", "x")).unwrap_err();
            assert_eq!(error.code(), "permission-denied", "{}", t.name);
            let message = error.to_string();
            assert!(message.contains("connector 'Shared'"), "{message}");
            assert!(
                !message.contains("c1") && !message.contains("c2"),
                "{}: the refusal lists no id: {message}",
                t.name
            );
        }
        // Alice has one candidate, hers.
        let out = t
            .run(&Caller::principal("alice"), &set_b("Shared", "a"))
            .unwrap();
        assert_eq!(out.id, "c1");
        assert_eq!(t.record("c2"), before.1, "{}", t.name);
        // A name nobody has is not-found for everyone.
        let found = t
            .store()
            .find_by_name(&Caller::principal("mallory"), "Nobody");
        assert_eq!(found, Ok(Vec::new()), "{}", t.name);
    }
}

/// The administration resolves names as the action does, for the caller.
fn names_through_the_cli(cli: Cli) {
    for id in ["c1", "c2", "c3"] {
        cli.run(&[
            "connector",
            "add",
            "--name",
            "Shared",
            "--id",
            id,
            "--set",
            "B=0",
        ])
        .ok_json();
    }
    cli.run(&["connector", "grant", "c1", "alice"]).ok_json();
    cli.run(&["connector", "grant", "c2", "bob"]).ok_json();

    let shown = cli
        .run(&["--as", "mallory", "connector", "show", "Shared"])
        .ok_json();
    assert_eq!(shown["id"], "c3");
    let ambiguous = cli.run(&["--as", "alice", "connector", "history", "Shared"]);
    assert_eq!(
        ambiguous.stderr.trim_end(),
        "error[ambiguous-connector]: 2 connectors are named 'Shared' (ids: c1, c3); use an id"
    );
    let listed = cli.run(&["--as", "alice", "connector", "list"]).ok_json();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["c1", "c3"]);

    cli.run(&["--as", "mallory", "connector", "delete", "c3"])
        .ok_json();
    for args in [
        vec!["--as", "mallory", "connector", "show", "Shared"],
        vec!["--as", "mallory", "connector", "grant", "Shared", "mallory"],
        vec!["connector", "delete", "Shared"],
    ] {
        let refused = cli.run(&args);
        assert!(
            refused
                .stderr
                .starts_with("error[permission-denied]: permission denied: ")
                && refused
                    .stderr
                    .contains("has no grant on any connector named 'Shared'")
                && !refused.stderr.contains("c1")
                && !refused.stderr.contains("c2"),
            "{args:?}: {}",
            refused.stderr
        );
    }
    let grants = |id: &str, who: &str| {
        cli.run(&["--as", who, "connector", "show", id]).ok_json()["grants"].clone()
    };
    assert_eq!(grants("c1", "alice"), json!(["alice"]));
    assert_eq!(grants("c2", "bob"), json!(["bob"]));
    assert_eq!(
        cli.run(&["--as", "alice", "connector", "show", "Shared"])
            .ok_json()["id"],
        "c1"
    );
}

#[test]
fn names_through_the_cli_on_sqlite() {
    names_through_the_cli(Cli::new());
}

#[test]
fn names_through_the_cli_on_postgres() {
    if let Some(db) = Db::postgres() {
        names_through_the_cli(Cli::on(db));
    }
}

/// Both stores check in one order: the connector exists, then the grant,
/// then the revision, then the permissions of the properties changed.
#[test]
fn every_store_answers_a_non_grantee_alike() {
    for t in targets() {
        t.add(
            NewConnector::new("Conn")
                .id("con_1")
                .kind("auth0-connection")
                .set("name", "Conn")
                .secret("options", json!({"client_secret": CANARY}).to_string()),
        );
        t.grant("con_1", "alice");
        let before = t.record("con_1");
        let store = t.store();
        let mallory = Caller::principal("mallory").with_permission("update:connections_options");
        let change = |name: &str| {
            vec![Change {
                name: name.into(),
                op: ChangeOp::set(r#"{"client_secret": "x"}"#, true),
            }]
        };
        let answers: Vec<Result<(), StoreError>> = vec![
            store.get(&mallory, "nope").map(drop),
            store.get(&mallory, "con_1").map(drop),
            store
                .write(&mallory, "nope", 1, &change("options"), WriteMode::Commit)
                .map(drop),
            // A wrong revision: the grant is checked first.
            store
                .write(&mallory, "con_1", 7, &change("options"), WriteMode::Commit)
                .map(drop),
            store
                .write(&mallory, "con_1", 1, &change("options"), WriteMode::Preview)
                .map(drop),
            // Alice without the permission: her grant passes, the revision
            // is checked next, then the property.
            store
                .write(
                    &Caller::principal("alice"),
                    "con_1",
                    7,
                    &change("options"),
                    WriteMode::Commit,
                )
                .map(drop),
            store
                .write(
                    &Caller::principal("alice"),
                    "con_1",
                    1,
                    &change("options"),
                    WriteMode::Commit,
                )
                .map(drop),
        ];
        let denied = |property: Option<&str>, reason: &str| {
            Err(StoreError::PermissionDenied {
                property: property.map(str::to_string),
                reason: reason.to_string(),
            })
        };
        assert_eq!(
            answers,
            vec![
                Err(StoreError::NotFound),
                denied(
                    None,
                    "principal 'mallory' has no grant on connector 'con_1'"
                ),
                Err(StoreError::NotFound),
                denied(
                    None,
                    "principal 'mallory' has no grant on connector 'con_1'"
                ),
                denied(
                    None,
                    "principal 'mallory' has no grant on connector 'con_1'"
                ),
                Err(StoreError::Conflict(1)),
                denied(
                    Some("options"),
                    "changing property 'options' of a connector of kind 'auth0-connection' needs the permission \
                     'update:connections_options', which principal 'alice' does not hold"
                ),
            ],
            "{}",
            t.name
        );
        assert_eq!(t.record("con_1"), before, "{}", t.name);
    }
}

/// The values of a deleted connector leave the SQLite files: the database,
/// its WAL and its shared memory hold neither the sealed bytes (of this
/// revision or an earlier one) nor any plaintext.
#[test]
fn a_deleted_connectors_values_leave_the_sqlite_files() {
    let db = Db::sqlite();
    let store = db.open();
    let endpoint = format!("https://{}.example", uuid::Uuid::new_v4().simple());
    store
        .add(
            NewConnector::new("Doomed")
                .id("doomed")
                .secret("APIKey", CANARY)
                .set("Endpoint", &endpoint),
        )
        .unwrap();
    store
        .add(NewConnector::new("Kept").id("kept").set("A", "1"))
        .unwrap();
    let sealed = |name: &str| {
        db.bytes(&format!(
            "SELECT sealed FROM properties WHERE connector_id = 'doomed' AND name = '{name}'"
        ))
    };
    let first = sealed("APIKey");
    let rotated = format!("{CANARY}-rotated");
    store
        .write(
            &Caller::anonymous(),
            "doomed",
            1,
            &[Change {
                name: "APIKey".into(),
                op: ChangeOp::set(&rotated, true),
            }],
            WriteMode::Commit,
        )
        .unwrap();
    let second = sealed("APIKey");
    let endpoint_sealed = sealed("Endpoint");
    let files = || -> Vec<(String, Vec<u8>)> {
        std::fs::read_dir(db.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.to_string_lossy().ends_with(".key"))
            .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
            .collect()
    };
    let holds = |needle: &[u8]| {
        files()
            .into_iter()
            .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle))
            .map(|(name, _)| name)
            .collect::<Vec<_>>()
    };
    // The search can find them: before the delete they are there.
    assert!(
        !holds(&second).is_empty(),
        "the sealed value is in the files"
    );
    assert!(!holds(&endpoint_sealed).is_empty());

    let deleted = store.delete(&Caller::principal("alice"), "Doomed").unwrap();
    assert_eq!(deleted.id, "doomed");
    for (what, needle) in [
        ("the sealed APIKey", second.as_slice()),
        ("the earlier sealed APIKey", first.as_slice()),
        ("the sealed Endpoint", endpoint_sealed.as_slice()),
        ("the plaintext APIKey", CANARY.as_bytes()),
        ("the plaintext Endpoint", endpoint.as_bytes()),
    ] {
        assert_eq!(holds(needle), Vec::<String>::new(), "{what} is left");
    }
    // The rest of the store is intact.
    assert_eq!(store.record("kept").unwrap().unwrap().value("A"), Some("1"));
    assert_eq!(store.record("doomed").unwrap(), None);
}

/// A delete's history is kept, names the caller, and a connector added
/// later with the same id starts its own; no row of the deleted one is left.
fn delete_keeps_the_history(db: Db) {
    let store = db.open();
    store
        .add_as(
            &Caller::principal("alice"),
            NewConnector::new("Doomed")
                .id("doomed")
                .secret("APIKey", CANARY),
        )
        .unwrap();
    store
        .grant(&Caller::principal("alice"), "doomed", "alice")
        .unwrap();
    let error = store
        .delete(&Caller::principal("mallory"), "doomed")
        .unwrap_err();
    assert_eq!(error.code(), "permission-denied", "{}", db.name);
    store.delete(&Caller::principal("alice"), "doomed").unwrap();
    for table in ["properties", "grants"] {
        let count = if db.name == "postgres" {
            "convert_to(COUNT(*)::text, 'UTF8')"
        } else {
            "CAST(CAST(COUNT(*) AS TEXT) AS BLOB)"
        };
        let left = db.bytes(&format!(
            "SELECT {count} FROM {table} WHERE connector_id = 'doomed'"
        ));
        assert_eq!(left, b"0", "{}: {table}", db.name);
    }
    let again = store
        .delete(&Caller::principal("alice"), "doomed")
        .unwrap_err();
    assert_eq!(again.code(), "connector-not-found");
    assert_eq!(
        store
            .history(&Caller::anonymous(), "doomed")
            .unwrap_err()
            .code(),
        "connector-not-found"
    );

    store
        .add_as(
            &Caller::principal("bob"),
            NewConnector::new("Reborn").id("doomed").set("A", "1"),
        )
        .unwrap();
    let events = |entries: Vec<HistoryEntry>| -> Vec<(HistoryEvent, Option<String>)> {
        entries
            .into_iter()
            .map(|e| (e.event, e.principal))
            .collect()
    };
    let who = |name: &str| Some(name.to_string());
    assert_eq!(
        events(store.history(&Caller::anonymous(), "doomed").unwrap()),
        vec![(Created, who("bob"))],
        "{}: a new history",
        db.name
    );
    let full = store.full_history("doomed").unwrap();
    let deleted = full.iter().find(|e| e.event == Deleted).unwrap();
    assert_eq!(
        (
            deleted.principal.as_deref(),
            deleted.revision_before,
            deleted.revision_after,
            deleted.properties.clone()
        ),
        (Some("alice"), 1, 0, vec!["APIKey".to_string()])
    );
    assert_eq!(
        events(full),
        vec![
            (Created, who("alice")),
            (Granted, who("alice")),
            (Deleted, who("alice")),
            (Created, who("bob")),
        ],
        "{}",
        db.name
    );
}

#[test]
fn a_delete_keeps_the_history_on_sqlite() {
    delete_keeps_the_history(Db::sqlite());
}

#[test]
fn a_delete_keeps_the_history_on_postgres() {
    if let Some(db) = Db::postgres() {
        delete_keeps_the_history(db);
    }
}
