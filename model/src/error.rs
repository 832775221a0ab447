//! The action's typed errors: one case per stable code of SPEC.md, each with
//! a message a citizen developer can act on. Messages name fields, tokens,
//! properties and connectors, never a property value.

use crate::codes::ErrorCode;
use crate::model::Violation;
pub use crate::store_error::{KeyError, StoreError};

/// Why a step failed: one case per stable code of SPEC.md, each carrying
/// its payload record.
/// Not `#[non_exhaustive]`: each case crosses the WIT as a case of its
/// own, so a new one is a new WIT version, and the guest's and the
/// harness's conversions match every case, with no catch-all.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum ActionError {
    /// A parameter is missing, unknown or malformed.
    #[error("{}", .0.message)]
    InvalidParameter(InvalidParameter),
    /// JSON that does not parse, or is not an object.
    #[error("{}", .0.message)]
    InvalidJson(InvalidJson),
    /// A token without a value.
    #[error("{}", .0.message)]
    UnresolvedToken(UnresolvedToken),
    /// No connector with that id or name.
    #[error("{}", .0.message)]
    ConnectorNotFound(ConnectorNotFound),
    /// Several connectors with that name.
    #[error("{}", .0.message)]
    AmbiguousConnector(AmbiguousConnector),
    /// The merged result breaks the kind's rules.
    #[error("{}", .0.message)]
    ValidationFailed(ValidationFailed),
    /// The store refused.
    #[error("{}", .0.message)]
    PermissionDenied(PermissionDenied),
    /// A stored value the step needs failed its integrity check.
    #[error("{}", .0.message)]
    StoreTampered(StoreTampered),
    /// Another writer got there first.
    #[error("{}", .0.message)]
    Conflict(Conflict),
    /// The store or token source failed.
    #[error("{}", .0.message)]
    StoreUnavailable(StoreUnavailable),
    /// The store's key is missing, wrong or malformed.
    #[error("{}", .0.message)]
    StoreKey(StoreFailed),
    /// The store can only be read here; nothing was written.
    #[error("{}", .0.message)]
    StoreReadOnly(StoreFailed),
    /// The store was written by a newer version; nothing was read or written.
    #[error("{}", .0.message)]
    StoreSchema(StoreFailed),
    /// An input crossed a limit.
    #[error("{}", .0.message)]
    LimitExceeded(LimitExceeded),
}

/// A store that could not be used as the step needed (`store-key`,
/// `store-read-only`, `store-schema`): running the step again will not help
/// until an operator fixes the store.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct StoreFailed {
    /// What is wrong and what an operator can do, naming no key or value.
    pub message: String,
}

/// A parameter is missing, unknown or malformed.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct InvalidParameter {
    /// The field's path in the step, such as `Properties[2].PropertyValue`.
    pub field: String,
    /// What is wrong and what to do, for a citizen developer; never a value.
    pub message: String,
}

/// JSON that does not parse, or is not an object.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct InvalidJson {
    /// The field that holds the JSON: `PropertiesJson`, `step`, or a token's field.
    pub field: String,
    /// The parser's 1-based line; 0 when the JSON parsed but is not an object.
    pub line: u32,
    /// The parser's 1-based column; 0 when the JSON parsed but is not an object.
    pub column: u32,
    /// What is wrong and what to do, for a citizen developer; never a value.
    pub message: String,
}

/// A token without a value.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct UnresolvedToken {
    /// The field's path in the step, such as `EntryId`.
    pub field: String,
    /// The token by its source and name only, such as `[Form:Key]` (a
    /// format is part of the value, and is left out).
    pub token: String,
    /// What is wrong and what to do, for a citizen developer; never a value.
    pub message: String,
}

/// No connector with that id or name.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct ConnectorNotFound {
    /// The `EntryId` as written (not as resolved, when it came from tokens).
    pub reference: String,
    /// What is wrong and what to do, for a citizen developer; never a value.
    pub message: String,
}

/// Several connectors with that name.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct AmbiguousConnector {
    /// The `EntryId` as written.
    pub reference: String,
    /// The ids of the connectors of that name the caller may use: give one
    /// of them as `EntryId` instead.
    pub candidates: Vec<String>,
    /// What is wrong and what to do, for a citizen developer; never a value.
    pub message: String,
}

/// The merged result breaks the kind's rules.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct ValidationFailed {
    /// Every rule broken, not only the first.
    pub violations: Vec<Violation>,
    /// What is wrong and what to do, for a citizen developer; never a value.
    pub message: String,
}

/// The store refused the caller, per connector (no grant) or per property
/// (a write permission the caller does not hold).
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct PermissionDenied {
    /// The connector's id, or its reference as written when the refusal
    /// came before it was found; empty for a refused token.
    pub connector: String,
    /// The property, when the refusal is about one (a write permission).
    pub property: Option<String>,
    /// What is wrong and what to do, for a citizen developer; never a value.
    pub message: String,
}

/// A stored value the step needs failed its integrity check.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct StoreTampered {
    /// The connector's id.
    pub connector: String,
    /// The damaged property.
    pub property: String,
    /// What is wrong and what to do, for a citizen developer; never a value.
    pub message: String,
}

/// Another writer got there first.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct Conflict {
    /// The connector's id.
    pub connector: String,
    /// The revision the step expected: its `ExpectedRevision`, or the one
    /// it read (0 when the connector changed while it was being read).
    pub expected: u64,
    /// The revision the store holds now.
    pub actual: u64,
    /// What is wrong and what to do, for a citizen developer; never a value.
    pub message: String,
}

/// The store or token source could not answer now; nothing was written,
/// and running the step again may work.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct StoreUnavailable {
    /// What is wrong and what to do, for a citizen developer; never a value.
    pub message: String,
}

/// An input crossed a limit.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct LimitExceeded {
    /// The limit's key in the descriptor's `limits`, such as `properties-rows`.
    pub key: String,
    /// What crossed it, in the descriptor's words.
    pub what: String,
    /// The largest allowed value.
    pub limit: u64,
    /// What is wrong and what to do, for a citizen developer; never a value.
    pub message: String,
}

impl ActionError {
    /// Its stable code, as the WIT names the case.
    pub fn code(&self) -> ErrorCode {
        match self {
            ActionError::InvalidParameter(_) => ErrorCode::InvalidParameter,
            ActionError::InvalidJson(_) => ErrorCode::InvalidJson,
            ActionError::UnresolvedToken(_) => ErrorCode::UnresolvedToken,
            ActionError::ConnectorNotFound(_) => ErrorCode::ConnectorNotFound,
            ActionError::AmbiguousConnector(_) => ErrorCode::AmbiguousConnector,
            ActionError::ValidationFailed(_) => ErrorCode::ValidationFailed,
            ActionError::PermissionDenied(_) => ErrorCode::PermissionDenied,
            ActionError::Conflict(_) => ErrorCode::Conflict,
            ActionError::StoreUnavailable(_) => ErrorCode::StoreUnavailable,
            ActionError::StoreTampered(_) => ErrorCode::StoreTampered,
            ActionError::StoreKey(_) => ErrorCode::StoreKey,
            ActionError::StoreReadOnly(_) => ErrorCode::StoreReadOnly,
            ActionError::StoreSchema(_) => ErrorCode::StoreSchema,
            ActionError::LimitExceeded(_) => ErrorCode::LimitExceeded,
        }
    }

    /// The message a citizen developer reads: what went wrong and what to do.
    pub fn message(&self) -> &str {
        match self {
            ActionError::InvalidParameter(InvalidParameter { message, .. })
            | ActionError::InvalidJson(InvalidJson { message, .. })
            | ActionError::UnresolvedToken(UnresolvedToken { message, .. })
            | ActionError::ConnectorNotFound(ConnectorNotFound { message, .. })
            | ActionError::AmbiguousConnector(AmbiguousConnector { message, .. })
            | ActionError::ValidationFailed(ValidationFailed { message, .. })
            | ActionError::PermissionDenied(PermissionDenied { message, .. })
            | ActionError::StoreTampered(StoreTampered { message, .. })
            | ActionError::Conflict(Conflict { message, .. })
            | ActionError::StoreUnavailable(StoreUnavailable { message })
            | ActionError::StoreKey(StoreFailed { message })
            | ActionError::StoreReadOnly(StoreFailed { message })
            | ActionError::StoreSchema(StoreFailed { message })
            | ActionError::LimitExceeded(LimitExceeded { message, .. }) => message,
        }
    }

    /// The error as JSON, as the CLI's `--json`-minded callers and the npm
    /// package's `toJSON` give it: `{ "code", "message", ...typed fields }`
    /// (for `conflict`: `connector`, `expected`, `actual`). It names no value,
    /// as the message does not.
    pub fn to_json(&self) -> serde_json::Value {
        use ActionError::*;
        let fields = match self {
            InvalidParameter(e) => serde_json::to_value(e),
            InvalidJson(e) => serde_json::to_value(e),
            UnresolvedToken(e) => serde_json::to_value(e),
            ConnectorNotFound(e) => serde_json::to_value(e),
            AmbiguousConnector(e) => serde_json::to_value(e),
            ValidationFailed(e) => serde_json::to_value(e),
            PermissionDenied(e) => serde_json::to_value(e),
            StoreTampered(e) => serde_json::to_value(e),
            Conflict(e) => serde_json::to_value(e),
            StoreUnavailable(e) => serde_json::to_value(e),
            StoreKey(e) | StoreReadOnly(e) | StoreSchema(e) => serde_json::to_value(e),
            LimitExceeded(e) => serde_json::to_value(e),
        };
        let mut json = serde_json::Map::new();
        json.insert("code".into(), self.code().as_str().into());
        json.insert("message".into(), self.message().into());
        if let Ok(serde_json::Value::Object(fields)) = fields {
            json.extend(fields.into_iter().filter(|(k, _)| k != "message"));
        }
        serde_json::Value::Object(json)
    }

    /// An invalid parameter at `field`.
    pub fn invalid_parameter(field: impl Into<String>, message: impl Into<String>) -> Self {
        ActionError::InvalidParameter(InvalidParameter {
            field: field.into(),
            message: message.into(),
        })
    }

    /// JSON in `field` that failed to parse, at the parser's position.
    pub fn json_syntax(field: &str, what: &str, error: &serde_json::Error) -> Self {
        let reason = json_syntax_reason(error);
        let (line, column) = (error.line() as u32, error.column() as u32);
        ActionError::InvalidJson(InvalidJson {
            field: field.to_string(),
            line,
            column,
            message: format!(
                "{field}: {what} is not valid JSON at line {line}, column {column}: {reason}."
            ),
        })
    }

    /// JSON in `field` that parsed but is not an object.
    pub fn json_not_object(field: &str, what: &str, found: &serde_json::Value) -> Self {
        let found = json_kind(found);
        ActionError::InvalidJson(InvalidJson {
            field: field.to_string(),
            line: 0,
            column: 0,
            message: format!(
                "{field}: {what} must be a JSON object such as {{\"Timeout\": \"30s\"}}, but it is {found}."
            ),
        })
    }

    /// A token in `field` that the host has no value for. `shown` names
    /// the token by its source and name only (`[Form:Key]`): a format is
    /// part of the value.
    pub fn unresolved_token(field: &str, shown: &str) -> Self {
        let shown = shown.to_string();
        let literal = shown.replace('[', "&#91;").replace(']', "&#93;");
        ActionError::UnresolvedToken(UnresolvedToken {
            field: field.to_string(),
            token: shown.clone(),
            message: format!(
                "{field}: token {shown} has no value in this workflow. Check the token's source and name \
                 (they are case-sensitive); to write the brackets literally, write {literal}."
            ),
        })
    }

    /// An input in `field` that crossed `limit`.
    pub fn limit_exceeded(
        field: &str,
        limit: crate::limits::Limit,
        limits: &crate::limits::Limits,
    ) -> Self {
        let max = limit.max(limits);
        ActionError::LimitExceeded(LimitExceeded {
            key: limit.key(limits).to_string(),
            what: limit.what().to_string(),
            limit: max,
            message: format!("{field}: {}", limit.sentence(max)),
        })
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
        ActionError::ValidationFailed(ValidationFailed {
            violations,
            message,
        })
    }

    /// A store's refusal or failure on connector `connector`, which the step
    /// expected at revision `expected` (used for a conflict).
    pub fn from_store(error: StoreError, connector: &str, expected: u64) -> Self {
        match error {
            StoreError::NotFound => ActionError::ConnectorNotFound(ConnectorNotFound {
                reference: connector.to_string(),
                message: format!(
                    "Connector '{connector}' was not found: it may have been deleted meanwhile."
                ),
            }),
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
                ActionError::PermissionDenied(PermissionDenied {
                    connector: connector.to_string(),
                    property,
                    message: format!("Permission denied on {on}: {reason}. {then}"),
                })
            }
            StoreError::Conflict(actual) => ActionError::conflict(connector, expected, actual),
            StoreError::Invalid(violations) => {
                ActionError::validation_failed(connector, None, violations)
            }
            StoreError::Unavailable(reason) => ActionError::StoreUnavailable(StoreUnavailable {
                message: format!(
                    "The credential store could not answer ({reason}); nothing was written. \
                     If the cause is passing (a restart, a network failure), run the step again."
                ),
            }),
            StoreError::Tampered {
                connector,
                property,
            } => ActionError::tampered(&connector, &property),
            // The key, the file's permissions and the schema are the
            // operator's to fix: each keeps its own code.
            error @ StoreError::Key(_) => ActionError::StoreKey(StoreFailed {
                message: format!(
                    "The credential store's key does not work: {}.",
                    store_text(&error)
                ),
            }),
            error @ StoreError::ReadOnly { .. } => ActionError::StoreReadOnly(StoreFailed {
                message: format!(
                    "Connector '{connector}' was not changed: {}.",
                    store_text(&error)
                ),
            }),
            error @ StoreError::Schema { .. } => ActionError::StoreSchema(StoreFailed {
                message: format!(
                    "The credential store cannot be used: {}.",
                    store_text(&error)
                ),
            }),
            // Neither comes from a call on an open store: only from opening
            // one, or from rotating its key. Each takes its code from
            // `StoreError::code`, as every case does, through
            // `ErrorCode::in_a_step` (no step error says store-not-found).
            error @ StoreError::NoStore { .. } => ActionError::StoreUnavailable(StoreUnavailable {
                message: format!(
                    "The credential store could not answer ({}).",
                    store_text(&error)
                ),
            }),
            StoreError::CannotRotate { damaged } => {
                let (connector, property) = damaged.first().cloned().unwrap_or_default();
                ActionError::tampered(&connector, &property)
            }
        }
    }

    /// The stored value of `property` of `connector` failed its integrity check.
    pub fn tampered(connector: &str, property: &str) -> Self {
        ActionError::StoreTampered(StoreTampered {
            connector: connector.to_string(),
            property: property.to_string(),
            message: format!(
                "The stored value of property '{property}' of connector '{connector}' failed its integrity check: \
                 it was changed or moved outside the credential store, and running the step again will not help. \
                 Nothing was written. Set the property again (a step that sets or removes it repairs it), \
                 or restore the store from a backup."
            ),
        })
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
        ActionError::Conflict(Conflict {
            connector: connector.to_string(),
            expected,
            actual,
            message,
        })
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
            let words = match text.rfind(" at line ") {
                Some(at) => &text[..at],
                None => &text,
            };
            crate::json_messages::syntax_words(words)
                .unwrap_or(words)
                .to_string()
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

/// `error`'s text, as `StoreError`'s `Display` writes it, for the cases
/// [`ActionError::from_store`] quotes. A guest gets its store errors
/// through the WIT, which carries a key error only as its text
/// (`KeyError::Reported`) and has no `NoStore` or `CannotRotate`: writing
/// out the cases it can get, rather than calling `Display`, keeps the
/// host's key-file and store-opening messages (4,301 bytes of the core module,
/// measured) out of the component. The native build quotes every other case
/// through `Display`; a guest, which cannot get one, names its code.
/// `store_text_is_the_display` checks that the two agree.
fn store_text(error: &StoreError) -> String {
    match error {
        StoreError::Key(KeyError::Reported(text)) => text.clone(),
        StoreError::ReadOnly { location, why } => {
            let remedy = if location.starts_with("postgres://")
                || location.starts_with("postgresql://")
            {
                "connect as a PostgreSQL role with write privileges on the store's tables \
                 (INSERT, UPDATE, DELETE), to the primary server rather than a standby"
            } else {
                "run this as a user who may write the store (its file and its folder), or work on a copy"
            };
            format!(
                "the store {location} can only be read here ({why}), so nothing was changed; {remedy}"
            )
        }
        StoreError::Schema {
            location,
            found,
            supported,
        } => format!(
            "the store {location} has schema version {found}, and this connectors-update \
             understands up to {supported}; use a newer connectors-update (the store was left as it is)"
        ),
        #[cfg(not(target_arch = "wasm32"))]
        other => other.to_string(),
        #[cfg(target_arch = "wasm32")]
        other => other.code().as_str().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each case of [`StoreError`]; the match fails to compile when
    /// a case is added, so that the test below covers it too.
    fn every_store_error() -> Vec<StoreError> {
        let all = vec![
            StoreError::NotFound,
            StoreError::PermissionDenied {
                property: Some("APIKey".into()),
                reason: "no grant".into(),
            },
            StoreError::Conflict(3),
            StoreError::Unavailable("down".into()),
            StoreError::Invalid(Vec::new()),
            StoreError::Key(KeyError::Reported("wrong key".into())),
            StoreError::Tampered {
                connector: "c".into(),
                property: "p".into(),
            },
            StoreError::CannotRotate {
                damaged: vec![("c".into(), "p".into())],
            },
            StoreError::NoStore {
                location: "store.db".into(),
                why: "no file".into(),
            },
            StoreError::ReadOnly {
                location: "store.db".into(),
                why: "read-only file".into(),
            },
            StoreError::Schema {
                location: "store.db".into(),
                found: 9,
                supported: 1,
            },
        ];
        for error in &all {
            match error {
                StoreError::NotFound
                | StoreError::PermissionDenied { .. }
                | StoreError::Conflict(_)
                | StoreError::Unavailable(_)
                | StoreError::Invalid(_)
                | StoreError::Key(_)
                | StoreError::Tampered { .. }
                | StoreError::CannotRotate { .. }
                | StoreError::NoStore { .. }
                | StoreError::ReadOnly { .. }
                | StoreError::Schema { .. } => {}
            }
        }
        all
    }

    #[test]
    fn store_text_is_the_display() {
        let mut all = every_store_error();
        all.push(StoreError::ReadOnly {
            location: "postgres://db/store".into(),
            why: "a standby".into(),
        });
        all.push(StoreError::ReadOnly {
            location: "postgresql://db/store".into(),
            why: "a standby".into(),
        });
        all.push(StoreError::Key(KeyError::NoneGiven));
        for error in all {
            assert_eq!(store_text(&error), error.to_string(), "{error:?}");
        }
    }

    #[test]
    fn a_step_reports_a_store_error_with_the_store_errors_code() {
        for error in every_store_error() {
            let code = error.code();
            let step = ActionError::from_store(error.clone(), "c", 1);
            assert_eq!(step.code(), code.in_a_step(), "{error:?}");
        }
    }

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

    #[test]
    fn to_json_gives_the_code_the_message_and_the_typed_fields() {
        let e = ActionError::unresolved_token("Properties[0].PropertyValue", "[Form:Key]");
        assert_eq!(
            e.to_json(),
            serde_json::json!({
                "code": "unresolved-token",
                "message": e.message(),
                "field": "Properties[0].PropertyValue",
                "token": "[Form:Key]",
            })
        );
        let conflict = ActionError::Conflict(Conflict {
            connector: "c1".into(),
            expected: 2,
            actual: 3,
            message: "m".into(),
        });
        let json = conflict.to_json();
        assert_eq!(
            (json["code"].as_str(), json["actual"].as_u64()),
            (Some("conflict"), Some(3))
        );
        assert_eq!(json.as_object().map(|o| o.len()), Some(5), "{json}");
    }
}
