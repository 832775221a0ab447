//! What the designer's API answers, over the store the CLI was started with
//! and the caller it acts as: the connectors and kinds the page offers, and
//! dry runs through the harness, exactly as `run --dry-run` does them.

use std::sync::Arc;

use connectors_update_harness::stores::AdminError;
use connectors_update_harness::tokens::MapTokens;
use connectors_update_harness::{Caller, CredentialStore, Harness, HarnessError};
use connectors_update_sql::SqlStore;
use serde_json::{Value, json};

/// The store, the harness and the caller of one `designer` run.
pub struct Backend {
    store: Arc<SqlStore>,
    harness: Harness,
    caller: Caller,
}

impl Backend {
    /// A backend acting as `caller` on `store`.
    pub fn new(store: SqlStore, harness: Harness, caller: Caller) -> Self {
        Backend {
            store: Arc::new(store),
            harness,
            caller,
        }
    }

    /// What the page starts from: who it acts as, which store, the
    /// connectors the caller may use (ids, names, kinds, revisions: never a
    /// value) and the kinds the store declares.
    pub fn session(&self) -> Result<Value, Value> {
        let connectors = self.store.list_as(&self.caller).map_err(store_error_json)?;
        let kinds = self.store.kinds(&self.caller).map_err(store_error_json)?;
        Ok(json!({
            "caller": {
                "principal": self.caller.name(),
                "permissions": self.caller.permissions().collect::<Vec<_>>(),
            },
            "store": self.store.location().to_string(),
            "connectors": connectors,
            "kinds": kinds,
        }))
    }

    /// Runs the step's text with `DryRun` set, whatever the step says, and
    /// the tokens given: `Ok(outcome)` or `Err(error)`, as JSON.
    pub fn dry_run(&self, step: &str, tokens: MapTokens) -> Result<Value, Value> {
        let mut step = self.harness.parse_step(step).map_err(error_json)?;
        step.dry_run = true;
        let outcome = self
            .harness
            .execute_as(&self.caller, &step, self.store.clone(), Arc::new(tokens))
            .map_err(error_json)?;
        Ok(json!(outcome))
    }
}

/// An error as the page shows it: the action's `{ code, message, ...fields }`,
/// or the harness's code and message.
pub fn error_json(error: HarnessError) -> Value {
    match error.action_error() {
        Some(action) => action.to_json(),
        None => json!({ "code": error.code().as_str(), "message": error.to_string() }),
    }
}

/// A store's refusal as the page shows it, with the CLI's code.
fn store_error_json(error: connectors_update_harness::StoreError) -> Value {
    let error = AdminError::Store(error);
    json!({ "code": error.code().as_str(), "message": error.to_string() })
}
