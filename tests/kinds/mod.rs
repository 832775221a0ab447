//! The seed systems' connector kinds, on every store that comes with the
//! harness: each seed document's update replayed as a step (its example
//! request, as Properties and Dynamic Properties), and each rule of the
//! kind shown refusing bad input with the message a user sees, nothing
//! written.

mod auth0;
mod logto;
mod nylas;
mod twenty;

use std::sync::Arc;

use connectors_update_harness::kinds::{KindRules, Violation};
use connectors_update_harness::stores::{AdminError, ConnectorRecord, MemoryStore, NewConnector};
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{ActionError, Caller, CredentialStore, HarnessError, Outcome};
use connectors_update_sql::SqlStore;

use crate::support::backends::Db;
use crate::support::{assert_clean, harness, step};

/// One store a kind's tests run on.
pub struct Target {
    /// "memory", "sqlite" or "postgres".
    pub name: &'static str,
    memory: Option<Arc<MemoryStore>>,
    sql: Option<Arc<SqlStore>>,
    _db: Option<Db>,
}

/// The in-memory store, an SQLite file, and PostgreSQL when there is a
/// server, each with the built-in kinds (the ones it has unless given others).
pub fn targets() -> Vec<Target> {
    stores(None)
}

/// The same stores, each given these kinds in place of the built-in ones.
pub fn targets_with(kinds: &[KindRules]) -> Vec<Target> {
    stores(Some(kinds))
}

fn stores(kinds: Option<&[KindRules]>) -> Vec<Target> {
    crate::support::guard_panics();
    let memory = MemoryStore::new();
    let memory = Target {
        name: "memory",
        memory: Some(Arc::new(match kinds {
            Some(kinds) => memory.with_kinds(kinds.iter().cloned()),
            None => memory,
        })),
        sql: None,
        _db: None,
    };
    std::iter::once(memory)
        .chain(Db::all().into_iter().map(|db| {
            let sql = db.open();
            Target {
                name: db.name,
                memory: None,
                sql: Some(Arc::new(match kinds {
                    Some(kinds) => sql.with_kinds(kinds.iter().cloned()),
                    None => sql,
                })),
                _db: Some(db),
            }
        }))
        .collect()
}

impl Target {
    /// The store, as the harness takes it.
    pub fn store(&self) -> Arc<dyn CredentialStore> {
        match (&self.memory, &self.sql) {
            (Some(m), _) => m.clone(),
            (_, Some(s)) => s.clone(),
            _ => unreachable!("a target has a store"),
        }
    }

    /// Adds a connector, which must be accepted.
    pub fn add(&self, new: NewConnector) -> ConnectorRecord {
        self.try_add(new)
            .unwrap_or_else(|e| panic!("{}: the connector is refused: {e}", self.name))
    }

    /// Adds a connector, as the store's administration does.
    pub fn try_add(&self, new: NewConnector) -> Result<ConnectorRecord, AdminError> {
        match (&self.memory, &self.sql) {
            (Some(m), _) => m.add(new),
            (_, Some(s)) => s.add(new),
            _ => unreachable!("a target has a store"),
        }
    }

    /// The ids of every connector in the store, in order.
    pub fn ids(&self) -> Vec<String> {
        match (&self.memory, &self.sql) {
            (Some(m), _) => m.records().into_iter().map(|r| r.id).collect(),
            (_, Some(s)) => s.list().unwrap().into_iter().map(|c| c.id).collect(),
            _ => unreachable!("a target has a store"),
        }
    }

    /// The connector with this id, values included.
    pub fn record(&self, id: &str) -> ConnectorRecord {
        let found = match (&self.memory, &self.sql) {
            (Some(m), _) => m.record(id),
            (_, Some(s)) => s.record(id).unwrap(),
            _ => unreachable!("a target has a store"),
        };
        found.unwrap_or_else(|| panic!("{}: no connector '{id}'", self.name))
    }

    /// A property's value parsed as JSON.
    pub fn json(&self, id: &str, name: &str) -> serde_json::Value {
        let record = self.record(id);
        let text = record
            .value(name)
            .unwrap_or_else(|| panic!("{}: '{name}' is not stored", self.name));
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"))
    }

    /// Runs a step for `caller` with `tokens`; no outcome or error may show the canary.
    pub fn run(
        &self,
        caller: &Caller,
        json: &str,
        tokens: MapTokens,
    ) -> Result<Outcome, HarnessError> {
        let result = harness().execute_as(caller, &step(json), self.store(), Arc::new(tokens));
        match &result {
            Ok(outcome) => assert_clean(self.name, &format!("{outcome:?}")),
            Err(error) => assert_clean(self.name, &format!("{error} {error:?}")),
        }
        result
    }

    /// Runs a step that must succeed, for an anonymous caller without tokens.
    pub fn ok(&self, json: &str) -> Outcome {
        self.run(&Caller::anonymous(), json, MapTokens::default())
            .unwrap_or_else(|e| panic!("{}: {e}", self.name))
    }

    /// Runs a step on connector `id` that its kind's rules must refuse, and
    /// checks that nothing was written; returns the violations.
    pub fn refused(&self, id: &str, json: &str) -> Vec<Violation> {
        let before = self.record(id);
        let error = match self.run(&Caller::anonymous(), json, MapTokens::default()) {
            Err(HarnessError::Action(error)) => error,
            other => panic!("{}: expected validation-failed, got {other:?}", self.name),
        };
        let ActionError::ValidationFailed(failed) = error else {
            panic!("{}: expected validation-failed, got {error:?}", self.name)
        };
        assert_eq!(
            self.record(id),
            before,
            "{}: something was written",
            self.name
        );
        for v in &failed.violations {
            assert!(
                failed.message.contains(&v.message),
                "the summary repeats every violation"
            );
        }
        failed.violations
    }
}

/// The one violation a refusal must hold: its property and rule, and words
/// its message must contain.
pub fn assert_one(violations: &[Violation], property: &str, rule: &str, words: &[&str]) {
    assert_eq!(
        violations.len(),
        1,
        "expected one violation of {property}/{rule}: {violations:?}"
    );
    let v = &violations[0];
    assert_eq!((v.property.as_str(), v.rule.as_str()), (property, rule));
    for word in words {
        assert!(v.message.contains(word), "'{word}' not in: {}", v.message);
    }
}

/// A step on `entry` with these Dynamic Properties (a JSON object).
pub fn dynamic(entry: &str, properties: serde_json::Value) -> String {
    crate::support::step_json(serde_json::json!({
        "EntryId": entry,
        "PropertiesJson": properties.to_string(),
    }))
}

/// The same step in `MergeMode` deep.
pub fn dynamic_deep(entry: &str, properties: serde_json::Value) -> String {
    crate::support::step_json(serde_json::json!({
        "EntryId": entry,
        "PropertiesJson": properties.to_string(),
        "MergeMode": "deep",
    }))
}
