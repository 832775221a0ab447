//! The harness's errors: what a store can report, and what an execution can end in.

use crate::bindings::ActionError;

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
    #[error("unavailable: {0}")]
    Unavailable(String),
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
    /// The component trapped: a bug in the action or the host, never bad input.
    #[error("the action stopped unexpectedly (trap): {0}")]
    Trap(String),
}

impl HarnessError {
    /// A stable kebab-case code: the action error's code, or `load-failed` / `trap`.
    pub fn code(&self) -> &str {
        match self {
            HarnessError::Action(error) => error.code(),
            HarnessError::Load(_) => "load-failed",
            HarnessError::Trap(_) => "trap",
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

impl ActionError {
    /// The stable kebab-case code, as SPEC.md and the WIT name it.
    pub fn code(&self) -> &'static str {
        match self {
            ActionError::InvalidParameter(_) => "invalid-parameter",
            ActionError::InvalidJson(_) => "invalid-json",
            ActionError::UnresolvedToken(_) => "unresolved-token",
            ActionError::ConnectorNotFound(_) => "connector-not-found",
            ActionError::AmbiguousConnector(_) => "ambiguous-connector",
            ActionError::ValidationFailed(_) => "validation-failed",
            ActionError::PermissionDenied(_) => "permission-denied",
            ActionError::Conflict(_) => "conflict",
            ActionError::StoreUnavailable(_) => "store-unavailable",
            ActionError::LimitExceeded(_) => "limit-exceeded",
        }
    }

    /// The message a citizen developer reads.
    pub fn message(&self) -> &str {
        match self {
            ActionError::InvalidParameter(e) => &e.message,
            ActionError::InvalidJson(e) => &e.message,
            ActionError::UnresolvedToken(e) => &e.message,
            ActionError::ConnectorNotFound(e) => &e.message,
            ActionError::AmbiguousConnector(e) => &e.message,
            ActionError::ValidationFailed(e) => &e.message,
            ActionError::PermissionDenied(e) => &e.message,
            ActionError::Conflict(e) => &e.message,
            ActionError::StoreUnavailable(e) => &e.message,
            ActionError::LimitExceeded(e) => &e.message,
        }
    }
}
