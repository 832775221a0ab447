//! The action's typed errors: one case per stable code of SPEC.md, each with
//! a message a citizen developer can act on. Messages name fields, tokens,
//! properties and connectors, never a property value.

/// One broken rule of a connector's kind.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Violation {
    /// The property name.
    pub property: String,
    /// The rule: `required`, `format`, `max-length`, `max-properties`,
    /// `unknown-property`, `immutable`, `json-keys`, `json-entries`,
    /// `json-strings` or `json-string-length`.
    pub rule: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Why a step failed.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum ActionError {
    /// A parameter is missing, unknown or malformed.
    #[error("{message}")]
    InvalidParameter {
        /// Field path.
        field: String,
        /// Message.
        message: String,
    },
    /// JSON that does not parse, or is not an object.
    #[error("{message}")]
    InvalidJson {
        /// Field path.
        field: String,
        /// 1-based line, 0 for a shape error.
        line: u32,
        /// 1-based column, 0 for a shape error.
        column: u32,
        /// Message.
        message: String,
    },
    /// A token without a value.
    #[error("{message}")]
    UnresolvedToken {
        /// Field path.
        field: String,
        /// The token as written.
        token: String,
        /// Message.
        message: String,
    },
    /// No connector with that id or name.
    #[error("{message}")]
    ConnectorNotFound {
        /// The reference.
        reference: String,
        /// Message.
        message: String,
    },
    /// Several connectors with that name.
    #[error("{message}")]
    AmbiguousConnector {
        /// The reference.
        reference: String,
        /// Their ids.
        candidates: Vec<String>,
        /// Message.
        message: String,
    },
    /// The merged result breaks the kind's rules.
    #[error("{message}")]
    ValidationFailed {
        /// Every violation.
        violations: Vec<Violation>,
        /// Message.
        message: String,
    },
    /// The store refused.
    #[error("{message}")]
    PermissionDenied {
        /// Connector id or reference.
        connector: String,
        /// The property, for a per-property refusal.
        property: Option<String>,
        /// Message.
        message: String,
    },
    /// A stored value the step needs failed its integrity check.
    #[error("{message}")]
    StoreTampered {
        /// Connector id.
        connector: String,
        /// The damaged property.
        property: String,
        /// Message.
        message: String,
    },
    /// Another writer got there first.
    #[error("{message}")]
    Conflict {
        /// Connector id.
        connector: String,
        /// Expected revision.
        expected: u64,
        /// Stored revision.
        actual: u64,
        /// Message.
        message: String,
    },
    /// The store or token source failed.
    #[error("{message}")]
    StoreUnavailable {
        /// Message.
        message: String,
    },
    /// An input crossed a limit.
    #[error("{message}")]
    LimitExceeded {
        /// What crossed it.
        what: String,
        /// The limit.
        limit: u64,
        /// Message.
        message: String,
    },
}

impl ActionError {
    /// The stable kebab-case code.
    pub fn code(&self) -> &'static str {
        match self {
            ActionError::InvalidParameter { .. } => "invalid-parameter",
            ActionError::InvalidJson { .. } => "invalid-json",
            ActionError::UnresolvedToken { .. } => "unresolved-token",
            ActionError::ConnectorNotFound { .. } => "connector-not-found",
            ActionError::AmbiguousConnector { .. } => "ambiguous-connector",
            ActionError::ValidationFailed { .. } => "validation-failed",
            ActionError::PermissionDenied { .. } => "permission-denied",
            ActionError::Conflict { .. } => "conflict",
            ActionError::StoreUnavailable { .. } => "store-unavailable",
            ActionError::StoreTampered { .. } => "store-tampered",
            ActionError::LimitExceeded { .. } => "limit-exceeded",
        }
    }

    /// An invalid parameter at `field`.
    pub fn invalid_parameter(field: impl Into<String>, message: impl Into<String>) -> Self {
        ActionError::InvalidParameter {
            field: field.into(),
            message: message.into(),
        }
    }

    /// JSON in `field` that failed to parse, at the parser's position.
    pub fn json_syntax(field: &str, what: &str, error: &serde_json::Error) -> Self {
        let reason = json_syntax_reason(error);
        let (line, column) = (error.line() as u32, error.column() as u32);
        ActionError::InvalidJson {
            field: field.to_string(),
            line,
            column,
            message: format!(
                "{field}: {what} is not valid JSON at line {line}, column {column}: {reason}."
            ),
        }
    }

    /// JSON in `field` that parsed but is not an object.
    pub fn json_not_object(field: &str, what: &str, found: &serde_json::Value) -> Self {
        let found = json_kind(found);
        ActionError::InvalidJson {
            field: field.to_string(),
            line: 0,
            column: 0,
            message: format!(
                "{field}: {what} must be a JSON object such as {{\"Timeout\": \"30s\"}}, but it is {found}."
            ),
        }
    }

    /// A token in `field` that the host has no value for. `shown` names
    /// the token by its source and name only (`[Form:Key]`): a format is
    /// part of the value.
    pub fn unresolved_token(field: &str, shown: &str) -> Self {
        let shown = shown.to_string();
        let literal = shown.replace('[', "&#91;").replace(']', "&#93;");
        ActionError::UnresolvedToken {
            field: field.to_string(),
            token: shown.clone(),
            message: format!(
                "{field}: token {shown} has no value in this workflow. Check the token's source and name \
                 (they are case-sensitive); to write the brackets literally, write {literal}."
            ),
        }
    }

    /// An input in `field` that crossed `limit`.
    pub fn limit_exceeded(
        field: &str,
        limit: crate::limits::Limit,
        limits: &crate::limits::Limits,
    ) -> Self {
        let max = limit.max(limits);
        ActionError::LimitExceeded {
            what: limit.what().to_string(),
            limit: max,
            message: format!("{field}: {}", limit.sentence(max)),
        }
    }

    /// The step would leave connector `connector` (of kind `kind`, when the
    /// guest knows it) breaking `violations`; nothing was written.
    pub fn validation_failed(
        connector: &str,
        kind: Option<&str>,
        violations: Vec<Violation>,
    ) -> Self {
        let of_kind = kind.map(|k| format!(" of kind '{k}'")).unwrap_or_default();
        let message = format!(
            "Connector '{connector}' was not changed: {} rule(s){of_kind} would be broken. {}",
            violations.len(),
            violations
                .iter()
                .map(|v| v.message.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        );
        ActionError::ValidationFailed {
            violations,
            message,
        }
    }

    /// A store's refusal or failure on connector `connector`, which the step
    /// expected at revision `expected` (used for a conflict).
    pub fn from_store(error: crate::model::StoreError, connector: &str, expected: u64) -> Self {
        use crate::model::StoreError;
        match error {
            StoreError::NotFound => ActionError::ConnectorNotFound {
                reference: connector.to_string(),
                message: format!(
                    "Connector '{connector}' was not found: it may have been deleted meanwhile."
                ),
            },
            StoreError::PermissionDenied { property, reason } => {
                let (on, then) = match &property {
                    Some(p) => (
                        format!("property '{p}' of connector '{connector}'"),
                        "Leave the property out of the step, or run the step as a caller allowed to change it.",
                    ),
                    None => (
                        format!("connector '{connector}'"),
                        "Ask someone the connector is granted to for a grant, or run the step as a principal that has one.",
                    ),
                };
                ActionError::PermissionDenied {
                    connector: connector.to_string(),
                    property,
                    message: format!("Permission denied on {on}: {reason}. {then}"),
                }
            }
            StoreError::Conflict(actual) => ActionError::conflict(connector, expected, actual),
            StoreError::Invalid(violations) => {
                ActionError::validation_failed(connector, None, violations)
            }
            StoreError::Unavailable(reason) => ActionError::StoreUnavailable {
                message: format!(
                    "The credential store could not answer ({reason}); nothing was written. \
                     If the cause is passing (a restart, a network failure), run the step again."
                ),
            },
            StoreError::Tampered {
                connector,
                property,
            } => ActionError::tampered(&connector, &property),
        }
    }

    /// The stored value of `property` of `connector` failed its integrity check.
    pub fn tampered(connector: &str, property: &str) -> Self {
        ActionError::StoreTampered {
            connector: connector.to_string(),
            property: property.to_string(),
            message: format!(
                "The stored value of property '{property}' of connector '{connector}' failed its integrity check: \
                 it was changed or moved outside the credential store, and running the step again will not help. \
                 Nothing was written. Set the property again (a step that sets or removes it repairs it), \
                 or restore the store from a backup."
            ),
        }
    }

    /// The stored revision is not the expected one (`expected` is 0 when the
    /// conflict came while reading, before any revision was expected).
    pub fn conflict(connector: &str, expected: u64, actual: u64) -> Self {
        let message = if expected == 0 {
            format!(
                "Connector '{connector}' changed while it was being read (it is now at revision {actual}). \
                 Nothing was written; rerun the step."
            )
        } else {
            format!(
                "Connector '{connector}' is at revision {actual}, not the expected revision {expected}: \
                 someone else changed it. Nothing was written; read it again and rerun the step."
            )
        };
        ActionError::Conflict {
            connector: connector.to_string(),
            expected,
            actual,
            message,
        }
    }
}

/// Why JSON failed to parse, without its position and without quoting it.
pub fn json_syntax_reason(error: &serde_json::Error) -> String {
    // Only the category and position of a syntax error are used: the
    // parser's text for other categories can quote the input.
    match error.classify() {
        serde_json::error::Category::Eof => "the text ends too early".to_string(),
        serde_json::error::Category::Syntax => {
            let text = error.to_string();
            match text.rfind(" at line ") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        }
        _ => "it is not well-formed".to_string(),
    }
}

/// What kind of JSON value `value` is, with its article: "an array".
pub fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Null => "null",
        serde_json::Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_the_position_but_not_the_text() {
        let err = serde_json::from_str::<serde_json::Value>("{\"a\": secret}").unwrap_err();
        let e = ActionError::json_syntax("PropertiesJson", "Dynamic Properties", &err);
        assert_eq!(e.code(), "invalid-json");
        let text = e.to_string();
        assert!(text.contains("line 1, column 7"), "{text}");
        assert!(!text.contains("secret"), "{text}");
    }

    #[test]
    fn unresolved_token_shows_the_literal_spelling() {
        let e = ActionError::unresolved_token("EntryId", "[Form:Id]");
        assert!(!e.to_string().contains('|'), "{e}");
        assert!(e.to_string().contains("&#91;Form:Id&#93;"), "{e}");
        assert_eq!(e.code(), "unresolved-token");
    }
}
