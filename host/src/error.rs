//! How a call into the action can end when not in success. What a store
//! can report ([`StoreError`], [`KeyError`]) and the codes
//! ([`ErrorCode`]) are the product's shared definitions, re-exported here.

pub use connectors_update_model::codes::ErrorCode;
pub use connectors_update_model::error::{KeyError, StoreError};

use crate::model::ActionError;

/// How an execution (or a call to `describe`, `validate` or `parse-step`) ended, when not in success.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
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
#[non_exhaustive]
pub enum Abort {
    /// The call ran past its deadline ([`GuestLimits::deadline`](crate::GuestLimits::deadline),
    /// or a shorter [`Execution::deadline`](crate::Execution::deadline)) by the
    /// wall clock. A store or token call that blocks is not interrupted: the
    /// call ends when it returns, and makes no other store call.
    #[error("the action timed out after {} ms and was stopped", .after.as_millis())]
    TimedOut {
        /// The deadline it ran past.
        after: std::time::Duration,
    },
    /// The engine cancelled the call with its [`CancelHandle`](crate::CancelHandle).
    #[error("the action was cancelled by the engine")]
    Cancelled,
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
    /// Its stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Abort::TimedOut { .. } => ErrorCode::TimedOut,
            Abort::Cancelled => ErrorCode::Cancelled,
            Abort::MemoryExceeded { .. } => ErrorCode::MemoryLimitExceeded,
            Abort::Panicked => ErrorCode::ActionPanicked,
            Abort::HostPanicked { .. } => ErrorCode::HostFailed,
            Abort::Trap(_) => ErrorCode::Trap,
        }
    }
}

impl HarnessError {
    /// Its stable code: the action error's, `load-failed`, or the [`Abort`]'s.
    pub fn code(&self) -> ErrorCode {
        match self {
            HarnessError::Action(error) => error.code(),
            HarnessError::Load(_) => ErrorCode::LoadFailed,
            HarnessError::Aborted { reason, .. } => reason.code(),
        }
    }

    /// Whether running the same step again may succeed: its code is
    /// retryable ([`ErrorCode::is_retryable`]) and the call committed no
    /// write (a step stopped after its write committed must not run again
    /// blindly: read the connector first).
    pub fn is_retryable(&self) -> bool {
        let committed = matches!(
            self,
            HarnessError::Aborted {
                committed: Some(_),
                ..
            }
        );
        self.code().is_retryable() && !committed
    }

    /// The action's typed error, if that is what this is.
    pub fn action_error(&self) -> Option<&ActionError> {
        match self {
            HarnessError::Action(error) => Some(error),
            _ => None,
        }
    }
}
