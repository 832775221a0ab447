//! The WebAssembly binding layer: converts between the WIT types and the
//! plain modules' types, and delegates. No step semantics live here.

mod bindings {
    wit_bindgen::generate!({
        path: "../wit",
        world: "connectors-update",
    });
}

use bindings::exports::workflow::connectors::action as wit;
use bindings::workflow::connectors::{credential_store, tokens as wit_tokens, types};

use crate::describe::{ParameterKind, describe};
use crate::error::ActionError;
use crate::execute::{CredentialStore, execute};
use crate::limits::LIMITS;
use crate::model;
use crate::tokens::TokenSource;

struct Component;

impl wit::Guest for Component {
    fn describe() -> Result<wit::Descriptor, wit::ActionError> {
        // The kinds pass through as the store declares them.
        let kinds = credential_store::kinds()
            .map_err(|e| action_error(ActionError::from_store(store_error(e), "", 0)))?;
        Ok(descriptor(describe(&LIMITS), kinds))
    }

    fn parse_step(json: String) -> Result<wit::Step, wit::ActionError> {
        crate::step::parse_step(&json, &LIMITS)
            .map(step_to_wit)
            .map_err(action_error)
    }

    fn validate_json(json: String) -> Vec<wit::Diagnostic> {
        with_kinds(|kinds| crate::validate::validate_json(&json, &LIMITS, kinds))
    }

    fn validate(step: wit::Step) -> Vec<wit::Diagnostic> {
        let step = step_from_wit(step);
        with_kinds(|kinds| crate::validate::validate(&step, &LIMITS, kinds))
    }

    fn execute(step: wit::Step) -> Result<wit::Outcome, wit::ActionError> {
        execute(&step_from_wit(step), &mut Imports, &LIMITS)
            .map(outcome)
            .map_err(action_error)
    }
}

bindings::export!(Component with_types_in bindings);

/// Runs a design-time check with the store's kinds, adding a warning when
/// the store cannot list them.
fn with_kinds(
    check: impl FnOnce(&[model::KindRules]) -> Vec<model::Diagnostic>,
) -> Vec<wit::Diagnostic> {
    let (kinds, unavailable) = match credential_store::kinds() {
        Ok(kinds) => (kinds.into_iter().map(kind_rules).collect(), None),
        Err(e) => (Vec::new(), Some(store_error(e))),
    };
    let mut found = check(&kinds);
    if let Some(error) = unavailable {
        found.push(crate::validate::kinds_unavailable(error));
    }
    found.into_iter().map(diagnostic).collect()
}

/// The host's imports, seen through the plain modules' traits.
struct Imports;

impl CredentialStore for Imports {
    fn get(&mut self, id: &str) -> Result<model::Connector, model::StoreError> {
        credential_store::get(id)
            .map(connector)
            .map_err(store_error)
    }

    fn find_by_name(
        &mut self,
        name: &str,
    ) -> Result<Vec<model::ConnectorSummary>, model::StoreError> {
        credential_store::find_by_name(name)
            .map(|list| {
                list.into_iter()
                    .map(|c| model::ConnectorSummary {
                        id: c.id,
                        name: c.name,
                    })
                    .collect()
            })
            .map_err(store_error)
    }

    fn rules(&mut self, kind: &str) -> Result<Option<model::KindRules>, model::StoreError> {
        credential_store::rules(kind)
            .map(|rules| rules.map(kind_rules))
            .map_err(store_error)
    }

    fn write(
        &mut self,
        id: &str,
        expected_revision: u64,
        changes: &[model::Change],
        mode: model::WriteMode,
    ) -> Result<model::WriteReceipt, model::StoreError> {
        let changes: Vec<types::Change> = changes.iter().map(change).collect();
        let mode = match mode {
            model::WriteMode::Commit => types::WriteMode::Commit,
            model::WriteMode::Preview => types::WriteMode::Preview,
        };
        credential_store::write(id, expected_revision, &changes, mode)
            .map(|r| model::WriteReceipt {
                revision: r.revision,
                changed: r.changed,
            })
            .map_err(store_error)
    }
}

impl TokenSource for Imports {
    fn token(
        &mut self,
        source: Option<&str>,
        name: &str,
    ) -> Result<Option<String>, model::StoreError> {
        wit_tokens::resolve(source, name).map_err(store_error)
    }
}

fn connector(c: types::Connector) -> model::Connector {
    model::Connector {
        id: c.id,
        name: c.name,
        kind: c.kind,
        revision: c.revision,
        properties: c
            .properties
            .into_iter()
            .map(|p| model::StoredProperty {
                name: p.name,
                value: match p.value {
                    types::StoredValue::Plain(text) => model::StoredValue::Plain(text),
                    types::StoredValue::Secret => model::StoredValue::Secret,
                },
            })
            .collect(),
    }
}

fn kind_rules(r: types::KindRules) -> model::KindRules {
    model::KindRules {
        kind: r.kind,
        help: r.help,
        properties: r
            .properties
            .into_iter()
            .map(|p| model::PropertyRule {
                name: p.name,
                required: p.required,
                secret: p.secret,
                format: match p.format {
                    types::ValueFormat::Text => model::ValueFormat::Text,
                    types::ValueFormat::Integer => model::ValueFormat::Integer,
                    types::ValueFormat::Boolean => model::ValueFormat::Boolean,
                    types::ValueFormat::Url => model::ValueFormat::Url,
                    types::ValueFormat::Duration => model::ValueFormat::Duration,
                    types::ValueFormat::JsonObject => model::ValueFormat::JsonObject,
                    types::ValueFormat::JsonArray => model::ValueFormat::JsonArray,
                    types::ValueFormat::Timestamp => model::ValueFormat::Timestamp,
                },
                max_length: p.max_length,
                json: p.json.map(|j| model::JsonRule {
                    allowed_keys: j.allowed_keys,
                    max_entries: j.max_entries,
                    strings_only: j.strings_only,
                    max_string_length: j.max_string_length,
                }),
                immutable: p.immutable,
                write_permission: p.write_permission,
                deprecated: p.deprecated,
                help: p.help,
            })
            .collect(),
        max_properties: r.max_properties,
        allow_unknown: r.allow_unknown,
    }
}

fn change(c: &model::Change) -> types::Change {
    types::Change {
        name: c.name.clone(),
        op: match &c.op {
            model::ChangeOp::Set { value, secret } => types::ChangeOp::Set(types::NewValue {
                value: value.clone(),
                secret: *secret,
            }),
            model::ChangeOp::Merge { patch, secret } => types::ChangeOp::Merge(types::NewValue {
                value: patch.clone(),
                secret: *secret,
            }),
            model::ChangeOp::Remove => types::ChangeOp::Remove,
        },
    }
}

fn store_error(e: types::StoreError) -> model::StoreError {
    match e {
        types::StoreError::NotFound => model::StoreError::NotFound,
        types::StoreError::PermissionDenied(p) => model::StoreError::PermissionDenied {
            property: p.property,
            reason: p.reason,
        },
        types::StoreError::Conflict(actual) => model::StoreError::Conflict(actual),
        types::StoreError::Unavailable(reason) => model::StoreError::Unavailable(reason),
        types::StoreError::Invalid(violations) => model::StoreError::Invalid(
            violations
                .into_iter()
                .map(|v| crate::error::Violation {
                    property: v.property,
                    rule: v.rule,
                    message: v.message,
                })
                .collect(),
        ),
        types::StoreError::Tampered(t) => model::StoreError::Tampered {
            connector: t.connector,
            property: t.property,
        },
    }
}

fn step_from_wit(s: wit::Step) -> model::Step {
    model::Step {
        entry_id: s.entry_id,
        properties: s
            .properties
            .into_iter()
            .map(|r| model::PropertyRow {
                name: r.name,
                value: r.value,
            })
            .collect(),
        properties_json: s.properties_json,
        expected_revision: s.expected_revision,
        dry_run: s.dry_run,
        merge_mode: match s.merge_mode {
            wit::MergeMode::Replace => model::MergeMode::Replace,
            wit::MergeMode::Deep => model::MergeMode::Deep,
        },
    }
}

fn step_to_wit(s: model::Step) -> wit::Step {
    wit::Step {
        entry_id: s.entry_id,
        properties: s
            .properties
            .into_iter()
            .map(|r| wit::PropertyRow {
                name: r.name,
                value: r.value,
            })
            .collect(),
        properties_json: s.properties_json,
        expected_revision: s.expected_revision,
        dry_run: s.dry_run,
        merge_mode: match s.merge_mode {
            model::MergeMode::Replace => wit::MergeMode::Replace,
            model::MergeMode::Deep => wit::MergeMode::Deep,
        },
    }
}

fn outcome(o: model::Outcome) -> wit::Outcome {
    wit::Outcome {
        id: o.id,
        name: o.name,
        revision_before: o.revision_before,
        revision_after: o.revision_after,
        added: o.added,
        changed: o.changed,
        removed: o.removed,
        unchanged: o.unchanged,
        dry_run: o.dry_run,
    }
}

fn diagnostic(d: model::Diagnostic) -> wit::Diagnostic {
    wit::Diagnostic {
        severity: match d.severity {
            model::Severity::Error => wit::Severity::Error,
            model::Severity::Warning => wit::Severity::Warning,
        },
        field: d.field,
        code: d.code,
        message: d.message,
    }
}

/// The one conversion from the plain modules' error to the WIT error.
fn action_error(e: ActionError) -> wit::ActionError {
    match e {
        ActionError::InvalidParameter { field, message } => {
            wit::ActionError::InvalidParameter(wit::InvalidParameter { field, message })
        }
        ActionError::InvalidJson {
            field,
            line,
            column,
            message,
        } => wit::ActionError::InvalidJson(wit::InvalidJson {
            field,
            line,
            column,
            message,
        }),
        ActionError::UnresolvedToken {
            field,
            token,
            message,
        } => wit::ActionError::UnresolvedToken(wit::UnresolvedToken {
            field,
            token,
            message,
        }),
        ActionError::ConnectorNotFound { reference, message } => {
            wit::ActionError::ConnectorNotFound(wit::ConnectorNotFound { reference, message })
        }
        ActionError::AmbiguousConnector {
            reference,
            candidates,
            message,
        } => wit::ActionError::AmbiguousConnector(wit::AmbiguousConnector {
            reference,
            candidates,
            message,
        }),
        ActionError::ValidationFailed {
            violations,
            message,
        } => wit::ActionError::ValidationFailed(wit::ValidationFailed {
            violations: violations
                .into_iter()
                .map(|v| wit::Violation {
                    property: v.property,
                    rule: v.rule,
                    message: v.message,
                })
                .collect(),
            message,
        }),
        ActionError::PermissionDenied {
            connector,
            property,
            message,
        } => wit::ActionError::PermissionDenied(wit::PermissionDenied {
            connector,
            property,
            message,
        }),
        ActionError::Conflict {
            connector,
            expected,
            actual,
            message,
        } => wit::ActionError::Conflict(wit::Conflict {
            connector,
            expected,
            actual,
            message,
        }),
        ActionError::StoreUnavailable { message } => {
            wit::ActionError::StoreUnavailable(wit::StoreUnavailable { message })
        }
        ActionError::StoreTampered {
            connector,
            property,
            message,
        } => wit::ActionError::StoreTampered(wit::StoreTampered {
            connector,
            property,
            message,
        }),
        ActionError::LimitExceeded {
            what,
            limit,
            message,
        } => wit::ActionError::LimitExceeded(wit::LimitExceeded {
            what,
            limit,
            message,
        }),
    }
}

fn descriptor(d: crate::describe::Descriptor, kinds: Vec<types::KindRules>) -> wit::Descriptor {
    wit::Descriptor {
        action_type: d.action_type.into(),
        version: d.version.into(),
        title: d.title.into(),
        summary: d.summary.into(),
        parameters: d
            .parameters
            .into_iter()
            .map(|p| wit::ParameterDescriptor {
                key: p.key.into(),
                label: p.label.into(),
                help: p.help.into(),
                kind: match p.kind {
                    ParameterKind::ConnectorReference => wit::ParameterKind::ConnectorReference,
                    ParameterKind::NameValueList => wit::ParameterKind::NameValueList,
                    ParameterKind::JsonObject => wit::ParameterKind::JsonObject,
                    ParameterKind::UnsignedInteger => wit::ParameterKind::UnsignedInteger,
                    ParameterKind::Boolean => wit::ParameterKind::Boolean,
                    ParameterKind::Choice => wit::ParameterKind::Choice,
                },
                required: p.required,
                default_value: p.default_value.into(),
                supports_tokens: p.supports_tokens,
                choices: p.choices.into_iter().map(Into::into).collect(),
            })
            .collect(),
        outputs: d
            .outputs
            .into_iter()
            .map(|(key, help)| wit::OutputDescriptor {
                key: key.into(),
                help: help.into(),
            })
            .collect(),
        limits: d
            .limits
            .into_iter()
            .map(|(key, what, max)| wit::Limit {
                key: key.into(),
                what: what.into(),
                max,
            })
            .collect(),
        token_syntax: wit::TokenSyntax {
            forms: d.token_forms.into_iter().map(Into::into).collect(),
            identifier: d.token_identifier.into(),
            format: d.token_format.into(),
            escapes: d
                .token_escapes
                .into_iter()
                .map(|(e, c)| (e.to_string(), c.to_string()))
                .collect(),
        },
        kinds,
    }
}
