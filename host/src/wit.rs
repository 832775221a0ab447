//! The host's binding layer: the types wasmtime generates from the WIT, and
//! one `From` per type between them and the product's vocabulary
//! ([`connectors_update_model::model`]). Nothing else in the crate names a
//! generated type but the import implementations and the harness.

#![allow(missing_docs, unsafe_code)]

use connectors_update_model::descriptor as shared;
use connectors_update_model::error as errors;
use connectors_update_model::model as shared_model;
use secrecy::{ExposeSecret, SecretString};

use crate::error::StoreError;
use crate::model::{
    ActionError, Change, ChangeOp, Connector, ConnectorSummary, Diagnostic, KindRules, Outcome,
    Step, Violation, WriteMode, WriteReceipt,
};

mod generated {
    wasmtime::component::bindgen!({
        path: "wit",
        world: "connectors-update",
        // Every import may trap: a host implementation that panics ends the
        // execution with a typed harness error instead of unwinding through the guest.
        imports: { default: trappable },
    });
}

pub(crate) use generated::ConnectorsUpdate;
pub(crate) use generated::exports::workflow::connectors::action as exports;
pub(crate) use generated::workflow::connectors::{credential_store, tokens, types};

impl From<Connector> for types::Connector {
    fn from(c: Connector) -> Self {
        types::Connector {
            id: c.id,
            name: c.name,
            kind: c.kind,
            revision: c.revision,
            properties: c
                .properties
                .into_iter()
                .map(|p| types::StoredProperty {
                    name: p.name,
                    value: match p.value {
                        shared_model::StoredValue::Plain(text) => types::StoredValue::Plain(text),
                        shared_model::StoredValue::Secret => types::StoredValue::Secret,
                    },
                })
                .collect(),
        }
    }
}

impl From<ConnectorSummary> for types::ConnectorSummary {
    fn from(c: ConnectorSummary) -> Self {
        types::ConnectorSummary {
            id: c.id,
            name: c.name,
            kind: c.kind,
            revision: c.revision,
        }
    }
}

impl From<KindRules> for types::KindRules {
    fn from(r: KindRules) -> Self {
        types::KindRules {
            kind: r.kind,
            help: r.help,
            properties: r.properties.into_iter().map(Into::into).collect(),
            max_properties: r.max_properties,
            allow_unknown: r.allow_unknown,
        }
    }
}

impl From<types::KindRules> for KindRules {
    fn from(r: types::KindRules) -> Self {
        KindRules {
            kind: r.kind,
            help: r.help,
            properties: r.properties.into_iter().map(Into::into).collect(),
            max_properties: r.max_properties,
            allow_unknown: r.allow_unknown,
        }
    }
}

impl From<shared_model::PropertyRule> for types::PropertyRule {
    fn from(p: shared_model::PropertyRule) -> Self {
        types::PropertyRule {
            name: p.name,
            required: p.required,
            secret: p.secret,
            format: p.format.into(),
            max_length: p.max_length,
            json: p.json.map(|j| types::JsonRule {
                allowed_keys: j.allowed_keys,
                max_entries: j.max_entries,
                strings_only: j.strings_only,
                max_string_length: j.max_string_length,
            }),
            immutable: p.immutable,
            write_permission: p.write_permission,
            deprecated: p.deprecated,
            help: p.help,
        }
    }
}

impl From<types::PropertyRule> for shared_model::PropertyRule {
    fn from(p: types::PropertyRule) -> Self {
        shared_model::PropertyRule {
            name: p.name,
            required: p.required,
            secret: p.secret,
            format: p.format.into(),
            max_length: p.max_length,
            json: p.json.map(|j| shared_model::JsonRule {
                allowed_keys: j.allowed_keys,
                max_entries: j.max_entries,
                strings_only: j.strings_only,
                max_string_length: j.max_string_length,
            }),
            immutable: p.immutable,
            write_permission: p.write_permission,
            deprecated: p.deprecated,
            help: p.help,
        }
    }
}

/// Both directions of one enum whose cases are spelled alike on both sides.
macro_rules! same_cases {
    ($a:ty, $b:ty, $($case:ident),+ $(,)?) => {
        impl From<$a> for $b {
            fn from(value: $a) -> Self {
                match value { $(<$a>::$case => <$b>::$case),+ }
            }
        }
        impl From<$b> for $a {
            fn from(value: $b) -> Self {
                match value { $(<$b>::$case => <$a>::$case),+ }
            }
        }
    };
}

same_cases!(
    types::ValueFormat,
    shared_model::ValueFormat,
    Text,
    Integer,
    Boolean,
    Url,
    Duration,
    JsonObject,
    JsonArray,
    Timestamp,
);
same_cases!(types::WriteMode, WriteMode, Commit, Preview);
same_cases!(exports::MergeMode, shared_model::MergeMode, Replace, Deep);
same_cases!(exports::Severity, shared_model::Severity, Error, Warning);
same_cases!(
    exports::ParameterKind,
    shared::ParameterKind,
    ConnectorReference,
    NameValueList,
    JsonObject,
    UnsignedInteger,
    Boolean,
    Choice,
);

impl From<types::Change> for Change {
    fn from(c: types::Change) -> Self {
        Change {
            name: c.name,
            op: match c.op {
                types::ChangeOp::Set(v) => ChangeOp::set(v.value, v.secret),
                types::ChangeOp::Merge(v) => ChangeOp::merge(v.value, v.secret),
                types::ChangeOp::Remove => ChangeOp::Remove,
            },
        }
    }
}

impl From<WriteReceipt> for types::WriteReceipt {
    fn from(r: WriteReceipt) -> Self {
        types::WriteReceipt {
            revision: r.revision,
            changed: r.changed,
        }
    }
}

impl From<Violation> for types::Violation {
    fn from(v: Violation) -> Self {
        types::Violation {
            property: v.property,
            rule: v.rule,
            message: v.message,
        }
    }
}

impl From<types::Violation> for Violation {
    fn from(v: types::Violation) -> Self {
        Violation {
            property: v.property,
            rule: v.rule,
            message: v.message,
        }
    }
}

/// The one conversion from the harness's store error to the WIT's.
impl From<StoreError> for types::StoreError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => types::StoreError::NotFound,
            StoreError::PermissionDenied { property, reason } => {
                types::StoreError::PermissionDenied(types::PermissionDenied { property, reason })
            }
            StoreError::Conflict(actual) => types::StoreError::Conflict(actual),
            StoreError::Unavailable(reason) => types::StoreError::Unavailable(reason),
            StoreError::Invalid(violations) => {
                types::StoreError::Invalid(violations.into_iter().map(Into::into).collect())
            }
            StoreError::Tampered {
                connector,
                property,
            } => types::StoreError::Tampered(types::TamperedValue {
                connector,
                property,
            }),
            StoreError::Key(key) => types::StoreError::Key(key.to_string()),
            StoreError::ReadOnly { location, why } => {
                types::StoreError::ReadOnly(types::StorePlace { location, why })
            }
            StoreError::Schema {
                location,
                found,
                supported,
            } => types::StoreError::Schema(types::SchemaVersion {
                location,
                found,
                supported,
            }),
            // Neither comes from a call on an open store (only from opening
            // one, or rotating its key). The WIT carries each as what its
            // code is in a step (`ErrorCode::in_a_step`): store-not-found as
            // unavailable, a value that would not re-seal as tampered.
            StoreError::CannotRotate { damaged } if !damaged.is_empty() => {
                let (connector, property) = damaged.into_iter().next().unwrap_or_default();
                types::StoreError::Tampered(types::TamperedValue {
                    connector,
                    property,
                })
            }
            other @ (StoreError::NoStore { .. } | StoreError::CannotRotate { .. }) => {
                types::StoreError::Unavailable(other.to_string())
            }
        }
    }
}

impl From<&Step> for exports::Step {
    fn from(s: &Step) -> Self {
        exports::Step {
            entry_id: s.entry_id.clone(),
            properties: s
                .properties
                .iter()
                .map(|r| exports::PropertyRow {
                    name: r.name.clone(),
                    value: r.value.as_ref().map(|v| v.expose_secret().to_owned()),
                })
                .collect(),
            properties_json: s.properties_json.expose_secret().to_owned(),
            expected_revision: s.expected_revision,
            dry_run: s.dry_run,
            merge_mode: s.merge_mode.into(),
        }
    }
}

impl From<exports::Step> for Step {
    fn from(s: exports::Step) -> Self {
        Step {
            entry_id: s.entry_id,
            properties: s
                .properties
                .into_iter()
                .map(|r| shared_model::PropertyRow {
                    name: r.name,
                    value: r.value.map(SecretString::from),
                })
                .collect(),
            properties_json: s.properties_json.into(),
            expected_revision: s.expected_revision,
            dry_run: s.dry_run,
            merge_mode: s.merge_mode.into(),
        }
    }
}

impl From<exports::Outcome> for Outcome {
    fn from(o: exports::Outcome) -> Self {
        Outcome {
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
}

impl From<exports::Diagnostic> for Diagnostic {
    fn from(d: exports::Diagnostic) -> Self {
        Diagnostic {
            severity: d.severity.into(),
            field: d.field,
            code: d.code,
            message: d.message,
        }
    }
}

impl From<exports::ActionError> for ActionError {
    fn from(e: exports::ActionError) -> Self {
        use exports::ActionError as W;
        match e {
            W::InvalidParameter(e) => ActionError::InvalidParameter(errors::InvalidParameter {
                field: e.field,
                message: e.message,
            }),
            W::InvalidJson(e) => ActionError::InvalidJson(errors::InvalidJson {
                field: e.field,
                line: e.line,
                column: e.column,
                message: e.message,
            }),
            W::UnresolvedToken(e) => ActionError::UnresolvedToken(errors::UnresolvedToken {
                field: e.field,
                token: e.token,
                message: e.message,
            }),
            W::ConnectorNotFound(e) => ActionError::ConnectorNotFound(errors::ConnectorNotFound {
                reference: e.reference,
                message: e.message,
            }),
            W::AmbiguousConnector(e) => {
                ActionError::AmbiguousConnector(errors::AmbiguousConnector {
                    reference: e.reference,
                    candidates: e.candidates,
                    message: e.message,
                })
            }
            W::ValidationFailed(e) => ActionError::ValidationFailed(errors::ValidationFailed {
                violations: e.violations.into_iter().map(Into::into).collect(),
                message: e.message,
            }),
            W::PermissionDenied(e) => ActionError::PermissionDenied(errors::PermissionDenied {
                connector: e.connector,
                property: e.property,
                message: e.message,
            }),
            W::StoreTampered(e) => ActionError::StoreTampered(errors::StoreTampered {
                connector: e.connector,
                property: e.property,
                message: e.message,
            }),
            W::Conflict(e) => ActionError::Conflict(errors::Conflict {
                connector: e.connector,
                expected: e.expected,
                actual: e.actual,
                message: e.message,
            }),
            W::StoreUnavailable(e) => {
                ActionError::StoreUnavailable(errors::StoreUnavailable { message: e.message })
            }
            W::StoreKey(e) => ActionError::StoreKey(errors::StoreFailed { message: e.message }),
            W::StoreReadOnly(e) => {
                ActionError::StoreReadOnly(errors::StoreFailed { message: e.message })
            }
            W::StoreSchema(e) => {
                ActionError::StoreSchema(errors::StoreFailed { message: e.message })
            }
            W::LimitExceeded(e) => ActionError::LimitExceeded(errors::LimitExceeded {
                key: e.key,
                what: e.what,
                limit: e.limit,
                message: e.message,
            }),
        }
    }
}

impl From<exports::Descriptor> for shared::Descriptor {
    fn from(d: exports::Descriptor) -> Self {
        shared::Descriptor {
            action_type: d.action_type,
            version: d.version,
            title: d.title,
            summary: d.summary,
            parameters: d
                .parameters
                .into_iter()
                .map(|p| shared::ParameterDescriptor {
                    key: p.key,
                    label: p.label,
                    help: p.help,
                    kind: p.kind.into(),
                    required: p.required,
                    default_value: p.default_value,
                    supports_tokens: p.supports_tokens,
                    choices: p.choices,
                })
                .collect(),
            outputs: d
                .outputs
                .into_iter()
                .map(|o| shared::OutputDescriptor {
                    key: o.key,
                    help: o.help,
                })
                .collect(),
            limits: d
                .limits
                .into_iter()
                .map(|l| shared::LimitDescriptor {
                    key: l.key,
                    what: l.what,
                    max: l.max,
                })
                .collect(),
            token_syntax: shared::TokenSyntax {
                forms: d.token_syntax.forms,
                identifier: d.token_syntax.identifier,
                format: d.token_syntax.format,
                escapes: d.token_syntax.escapes,
            },
            kinds: d.kinds.into_iter().map(Into::into).collect(),
        }
    }
}
