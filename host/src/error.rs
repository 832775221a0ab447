//! The harness's errors: what a store can report, and what an execution can end in.

use crate::model::ActionError;
use crate::store::key::KeyError;

/// Why a [`CredentialStore`](crate::CredentialStore) or
/// [`TokenSource`](crate::TokenSource) refused or failed a call.
///
/// Messages must name no property value: they reach the action's errors.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No connector has that id.
    #[error("not found")]
    NotFound,
    /// The caller may not do this.
    #[error("permission denied: {reason}")]
    PermissionDenied {
        /// The property, when the refusal is per property.
        property: Option<String>,
        /// Why, naming no value.
        reason: String,
    },
    /// The connector is no longer at the expected revision; this is the current one.
    #[error("conflict: the connector is at revision {0}")]
    Conflict(u64),
    /// The store cannot answer now.
    #[error("{0}")]
    Unavailable(String),
    /// The write would leave a value that breaks the kind's rules where only
    /// the store sees it: a secret merged in the store. Nothing was written.
    #[error("{}", .0.iter().map(|v| v.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<crate::model::Violation>),
    /// The store's key is missing, wrong or malformed: nothing was read or changed.
    #[error("{0}")]
    Key(#[from] KeyError),
    /// A stored value failed its integrity check: it was changed outside
    /// connectors-update, or moved from another connector or property.
    ///
    /// Only reading that value fails: a write that sets or removes the
    /// property repairs it, and the connector's other values still open.
    #[error(
        "the stored value of property '{property}' of connector '{connector}' failed its integrity check: it was changed or moved outside connectors-update, and cannot be read; set the property again (a step that sets or removes it repairs it) or restore the store from a backup"
    )]
    Tampered {
        /// The connector's id.
        connector: String,
        /// The property's name.
        property: String,
    },
    /// The key was not rotated because these values (connector id, property
    /// name) fail their integrity check: a value that does not open cannot
    /// be re-sealed. Nothing was changed; the old key still opens the store.
    #[error(
        "the key was not rotated, and nothing was changed: {} stored value(s) failed their integrity check and cannot be re-sealed: {}; set each again (a step that sets or removes the property repairs it) or restore the store from a backup, then rotate again",
        .damaged.len(),
        .damaged.iter().map(|(c, p)| format!("property '{p}' of connector '{c}'")).collect::<Vec<_>>().join(", ")
    )]
    CannotRotate {
        /// The damaged values: (connector id, property name).
        damaged: Vec<(String, String)>,
    },
    /// There is no store where one was to be opened, and none was created:
    /// only adding a connector creates a store.
    #[error(
        "there is no connectors-update store at {location} ({why}); nothing was created. Check --store (or CONNECTORS_STORE); `connectors-update connector add` (or `demo`) creates a store"
    )]
    NoStore {
        /// The SQLite path, or the PostgreSQL address without its password.
        location: String,
        /// What was found instead.
        why: String,
    },
    /// The store can be read, not written, by this process (its file or
    /// folder is not writable, or it was opened read-only). Nothing was written.
    #[error(
        "the store {location} can only be read here ({why}), so nothing was changed; run this as a user who may write the store (its file and its folder), or work on a copy"
    )]
    ReadOnly {
        /// The SQLite path, or the PostgreSQL address without its password.
        location: String,
        /// Why it is read-only.
        why: String,
    },
    /// The store was written by a newer version of connectors-update.
    #[error(
        "the store {location} has schema version {found}, and this connectors-update understands up to {supported}; use a newer connectors-update (the store was left as it is)"
    )]
    Schema {
        /// The SQLite path, or the PostgreSQL address without its password.
        location: String,
        /// The store's schema version.
        found: u32,
        /// The newest this build understands.
        supported: u32,
    },
}

/// How an execution (or a call to `describe`, `validate` or `parse-step`) ended, when not in success.
#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    /// The action's own typed error: bad input, a store refusal, a conflict...
    #[error("{}", .0.message())]
    Action(ActionError),
    /// The component could not be compiled or instantiated.
    #[error("the action's component could not be loaded: {0}")]
    Load(String),
    /// The harness stopped the guest, or the guest stopped: the harness goes
    /// on serving other calls.
    #[error("{reason}; {}", written(*.committed))]
    Aborted {
        /// Why.
        reason: Abort,
        /// The revision a write of this call had already committed, if one
        /// had (the write is whole either way: a store applies all or nothing).
        committed: Option<u64>,
    },
}

fn written(committed: Option<u64>) -> String {
    match committed {
        None => "nothing was written".into(),
        Some(revision) => {
            format!("its write had already been committed as revision {revision}")
        }
    }
}

/// Why the harness stopped a call into the guest.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Abort {
    /// The call ran past [`GuestLimits::deadline`](crate::GuestLimits::deadline).
    #[error("the action timed out after {} ms and was stopped", .after.as_millis())]
    TimedOut {
        /// The deadline it ran past.
        after: std::time::Duration,
    },
    /// The guest asked for more memory than [`GuestLimits::memory_bytes`](crate::GuestLimits::memory_bytes).
    #[error("the action was stopped: memory limit of {} MiB exceeded", mib(*.limit_bytes))]
    MemoryExceeded {
        /// The cap, in bytes.
        limit_bytes: usize,
    },
    /// The action panicked: a bug in the action, not in the step.
    #[error(
        "the action stopped on an internal error (a panic); this is a bug in the action, not in the step"
    )]
    Panicked,
    /// The host's implementation of an import panicked.
    #[error("the host's {import} failed (it panicked), so the action was stopped")]
    HostPanicked {
        /// The import, such as `credential-store.write`.
        import: &'static str,
    },
    /// Any other trap: a bug in the action or the host, never bad input.
    #[error("the action stopped unexpectedly (trap): {0}")]
    Trap(String),
}

fn mib(bytes: usize) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    if mib.fract() == 0.0 {
        format!("{mib:.0}")
    } else {
        format!("{mib:.2}")
    }
}

impl Abort {
    /// A stable kebab-case code.
    pub fn code(&self) -> &'static str {
        match self {
            Abort::TimedOut { .. } => "timed-out",
            Abort::MemoryExceeded { .. } => "memory-limit-exceeded",
            Abort::Panicked => "action-panicked",
            Abort::HostPanicked { .. } => "host-failed",
            Abort::Trap(_) => "trap",
        }
    }
}

impl HarnessError {
    /// A stable kebab-case code: the action error's code, `load-failed`, or the [`Abort`]'s code.
    pub fn code(&self) -> &str {
        match self {
            HarnessError::Action(error) => error.code(),
            HarnessError::Load(_) => "load-failed",
            HarnessError::Aborted { reason, .. } => reason.code(),
        }
    }

    /// The action's typed error, if that is what this is.
    pub fn action_error(&self) -> Option<&ActionError> {
        match self {
            HarnessError::Action(error) => Some(error),
            _ => None,
        }
    }
}
