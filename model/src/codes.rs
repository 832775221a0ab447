//! Every stable error code of the product, once: what the action returns,
//! what a store reports, and how the harness or the CLI can end a call. The
//! CLI prints these, the WIT's case names spell the action's, and an engine
//! matches on them.

use std::fmt;

/// A stable kebab-case error code.
///
/// New codes may be added in a minor version: match with a wildcard arm.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// A parameter is missing, unknown or malformed.
    InvalidParameter,
    /// JSON that does not parse, or is not an object.
    InvalidJson,
    /// A token has no value in this workflow.
    UnresolvedToken,
    /// No connector has that id or name (for this caller).
    ConnectorNotFound,
    /// Several connectors have that name.
    AmbiguousConnector,
    /// The step would break the connector kind's rules; nothing was written.
    ValidationFailed,
    /// The caller may not do this.
    PermissionDenied,
    /// Another writer changed the connector first; nothing was written.
    Conflict,
    /// An input crossed one of the descriptor's limits.
    LimitExceeded,
    /// The store or token source could not answer now.
    StoreUnavailable,
    /// A stored value failed its integrity check.
    StoreTampered,
    /// The store's key is missing, wrong or malformed.
    StoreKey,
    /// The store can only be read here.
    StoreReadOnly,
    /// The store was written by a newer version.
    StoreSchema,
    /// There is no store where one was to be opened.
    StoreNotFound,
    /// The call ran past its deadline and was stopped.
    TimedOut,
    /// The engine cancelled the call.
    Cancelled,
    /// The guest asked for more memory than its cap.
    MemoryLimitExceeded,
    /// The action panicked: a bug in the action.
    ActionPanicked,
    /// The host's implementation of an import panicked.
    HostFailed,
    /// Any other trap: a bug in the action or the host.
    Trap,
    /// The component could not be compiled or instantiated.
    LoadFailed,
}

impl ErrorCode {
    /// Every code, in the order of the list above.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::InvalidParameter,
        ErrorCode::InvalidJson,
        ErrorCode::UnresolvedToken,
        ErrorCode::ConnectorNotFound,
        ErrorCode::AmbiguousConnector,
        ErrorCode::ValidationFailed,
        ErrorCode::PermissionDenied,
        ErrorCode::Conflict,
        ErrorCode::LimitExceeded,
        ErrorCode::StoreUnavailable,
        ErrorCode::StoreTampered,
        ErrorCode::StoreKey,
        ErrorCode::StoreReadOnly,
        ErrorCode::StoreSchema,
        ErrorCode::StoreNotFound,
        ErrorCode::TimedOut,
        ErrorCode::Cancelled,
        ErrorCode::MemoryLimitExceeded,
        ErrorCode::ActionPanicked,
        ErrorCode::HostFailed,
        ErrorCode::Trap,
        ErrorCode::LoadFailed,
    ];

    /// The code as the CLI prints it and the WIT spells it: `store-key`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidParameter => "invalid-parameter",
            ErrorCode::InvalidJson => "invalid-json",
            ErrorCode::UnresolvedToken => "unresolved-token",
            ErrorCode::ConnectorNotFound => "connector-not-found",
            ErrorCode::AmbiguousConnector => "ambiguous-connector",
            ErrorCode::ValidationFailed => "validation-failed",
            ErrorCode::PermissionDenied => "permission-denied",
            ErrorCode::Conflict => "conflict",
            ErrorCode::LimitExceeded => "limit-exceeded",
            ErrorCode::StoreUnavailable => "store-unavailable",
            ErrorCode::StoreTampered => "store-tampered",
            ErrorCode::StoreKey => "store-key",
            ErrorCode::StoreReadOnly => "store-read-only",
            ErrorCode::StoreSchema => "store-schema",
            ErrorCode::StoreNotFound => "store-not-found",
            ErrorCode::TimedOut => "timed-out",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::MemoryLimitExceeded => "memory-limit-exceeded",
            ErrorCode::ActionPanicked => "action-panicked",
            ErrorCode::HostFailed => "host-failed",
            ErrorCode::Trap => "trap",
            ErrorCode::LoadFailed => "load-failed",
        }
    }

    /// The code a step's error carries for this one. A step's errors are
    /// the WIT's `action-error` cases, which have no `store-not-found`:
    /// only opening a store gives it, never a call on an open one, and a
    /// step reports it as `store-unavailable`. Every other code is its own.
    pub const fn in_a_step(self) -> ErrorCode {
        match self {
            ErrorCode::StoreNotFound => ErrorCode::StoreUnavailable,
            other => other,
        }
    }

    /// Whether running the same step again, unchanged, may succeed: a
    /// conflict (the step reads the connector again), a store that could
    /// not answer, a deadline or a cancellation. Every other code needs the
    /// step, the store or the product fixed first. A harness error adds
    /// that nothing may have been committed (`HarnessError::is_retryable`).
    pub const fn is_retryable(self) -> bool {
        matches!(
            self,
            ErrorCode::Conflict
                | ErrorCode::StoreUnavailable
                | ErrorCode::TimedOut
                | ErrorCode::Cancelled
        )
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_serialize_as_spelled() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} twice");
            assert!(
                text.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{text}"
            );
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::String(text.into())
            );
        }
        assert!(ErrorCode::Conflict.is_retryable());
        assert!(!ErrorCode::StoreKey.is_retryable());
        assert!(!ErrorCode::ValidationFailed.is_retryable());
    }
}
