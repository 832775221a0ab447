//! The WebAssembly binding layer: one `From` per type between the WIT's
//! generated types and the product's vocabulary ([`crate::model`]), and the
//! exports, which convert and delegate. No step semantics live here.

mod generated {
    wit_bindgen::generate!({
        path: "wit",
        world: "connectors-update",
    });
}

use generated::exports::workflow::connectors::action as wit;
use generated::exports::workflow::connectors::store_support;
use generated::workflow::connectors::{credential_store, tokens as wit_tokens, types};

use crate::describe::describe;
use crate::descriptor;
use crate::error::{ActionError, KeyError, StoreError};
use crate::execute::{ImportedStore, execute};
use crate::limits::LIMITS;
use crate::model;
use crate::tokens::ImportedTokens;

struct Component;

impl wit::Guest for Component {
    fn describe() -> Result<wit::Descriptor, wit::ActionError> {
        // The kinds pass through as the store declares them.
        let kinds = credential_store::kinds()
            .map_err(|e| wit::ActionError::from(ActionError::from_store(e.into(), "", 0)))?;
        Ok(descriptor(describe(&LIMITS, Vec::new()), kinds))
    }

    fn parse_step(json: String) -> Result<wit::Step, wit::ActionError> {
        crate::step::parse_step(&json, &LIMITS)
            .map(Into::into)
            .map_err(Into::into)
    }

    fn validate_json(json: String) -> Vec<wit::Diagnostic> {
        let mut unavailable = None;
        let found = crate::validate::validate_json_naming(&json, &LIMITS, |names| {
            kinds_naming(names, &mut unavailable)
        });
        with_warning(found, unavailable)
    }

    fn validate(step: wit::Step) -> Vec<wit::Diagnostic> {
        let step = step.into();
        let mut unavailable = None;
        let found = crate::validate::validate_naming(&step, &LIMITS, |names| {
            kinds_naming(names, &mut unavailable)
        });
        with_warning(found, unavailable)
    }

    fn execute(step: wit::Step) -> Result<wit::Outcome, wit::ActionError> {
        execute(&step.into(), &mut Imports, &LIMITS)
            .map(Into::into)
            .map_err(Into::into)
    }
}

impl store_support::Guest for Component {
    fn builtin_kinds() -> Vec<types::KindRules> {
        crate::builtin_kinds::builtin_kinds()
            .iter()
            .map(Into::into)
            .collect()
    }

    fn merge_value(stored: Option<String>, patch: String) -> Result<Option<String>, ()> {
        let patch = crate::merge::json_object(&patch).ok_or(())?;
        Ok(crate::merge::merge_into_text(stored.as_deref(), patch))
    }

    fn kinds_naming(kinds: Vec<types::KindRules>, names: Vec<String>) -> Vec<types::KindRules> {
        let kinds: Vec<model::KindRules> = kinds.into_iter().map(Into::into).collect();
        crate::rules::kinds_naming(&kinds, &names)
            .iter()
            .map(Into::into)
            .collect()
    }

    fn check_new_connector(
        rules: types::KindRules,
        properties: Vec<types::Change>,
    ) -> Vec<types::Violation> {
        let rules: model::KindRules = rules.into();
        let empty = model::Connector {
            id: String::new(),
            name: String::new(),
            kind: Some(rules.kind.clone()),
            revision: 0,
            properties: Vec::new(),
        };
        let changes: Vec<model::Change> = properties
            .into_iter()
            .filter_map(|c| match c.op {
                types::ChangeOp::Set(new) => Some(model::Change {
                    name: c.name,
                    op: model::ChangeOp::Set {
                        value: new.value,
                        secret: new.secret,
                    },
                }),
                _ => None,
            })
            .collect();
        crate::property_name::check_names(changes.iter().map(|c| c.name.as_str()))
            .into_iter()
            .chain(crate::rules::check_rules(&empty, &changes, &rules))
            .map(Into::into)
            .collect()
    }

    fn check_value(
        rule: types::PropertyRule,
        value: String,
        secret: bool,
    ) -> Vec<types::Violation> {
        crate::rules::check_property_value(&rule.into(), &value, secret)
            .into_iter()
            .map(Into::into)
            .collect()
    }
}

generated::export!(Component with_types_in generated);

/// The store's rules for `names` (`kinds-naming`), or none, keeping the
/// store's error for the warning that says the kinds could not be read.
fn kinds_naming(names: &[String], unavailable: &mut Option<StoreError>) -> Vec<model::KindRules> {
    match credential_store::kinds_naming(names) {
        Ok(kinds) => kinds.into_iter().map(Into::into).collect(),
        Err(e) => {
            *unavailable = Some(e.into());
            Vec::new()
        }
    }
}

/// A design-time check's findings, with a warning when the store could not
/// list its kinds.
fn with_warning(
    mut found: Vec<model::Diagnostic>,
    unavailable: Option<StoreError>,
) -> Vec<wit::Diagnostic> {
    if let Some(error) = unavailable {
        found.push(crate::validate::kinds_unavailable(error));
    }
    found.into_iter().map(Into::into).collect()
}

/// The host's imports, seen through the plain modules' traits.
struct Imports;

impl ImportedStore for Imports {
    fn get(&mut self, id: &str) -> Result<model::Connector, StoreError> {
        credential_store::get(id)
            .map(Into::into)
            .map_err(Into::into)
    }

    fn find_by_name(&mut self, name: &str) -> Result<Vec<model::ConnectorSummary>, StoreError> {
        credential_store::find_by_name(name)
            .map(|list| list.into_iter().map(Into::into).collect())
            .map_err(Into::into)
    }

    fn rules(&mut self, kind: &str) -> Result<Option<model::KindRules>, StoreError> {
        credential_store::rules(kind)
            .map(|rules| rules.map(Into::into))
            .map_err(Into::into)
    }

    fn write(
        &mut self,
        id: &str,
        expected_revision: u64,
        changes: &[model::Change],
        mode: model::WriteMode,
    ) -> Result<model::WriteReceipt, StoreError> {
        let changes: Vec<types::Change> = changes.iter().map(Into::into).collect();
        credential_store::write(id, expected_revision, &changes, mode.into())
            .map(Into::into)
            .map_err(Into::into)
    }
}

impl ImportedTokens for Imports {
    fn token(&mut self, source: Option<&str>, name: &str) -> Result<Option<String>, StoreError> {
        wit_tokens::resolve(source, name).map_err(Into::into)
    }
}

impl From<types::Connector> for model::Connector {
    fn from(c: types::Connector) -> Self {
        model::Connector {
            id: c.id,
            name: c.name,
            kind: c.kind,
            revision: c.revision,
            properties: c.properties.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<types::StoredProperty> for model::StoredProperty {
    fn from(p: types::StoredProperty) -> Self {
        model::StoredProperty {
            name: p.name,
            value: match p.value {
                types::StoredValue::Plain(text) => model::StoredValue::Plain(text),
                types::StoredValue::Secret => model::StoredValue::Secret,
            },
        }
    }
}

impl From<types::ConnectorSummary> for model::ConnectorSummary {
    fn from(c: types::ConnectorSummary) -> Self {
        model::ConnectorSummary {
            id: c.id,
            name: c.name,
            kind: c.kind,
            revision: c.revision,
        }
    }
}

impl From<types::KindRules> for model::KindRules {
    fn from(r: types::KindRules) -> Self {
        model::KindRules {
            kind: r.kind,
            help: r.help,
            properties: r.properties.into_iter().map(Into::into).collect(),
            max_properties: r.max_properties,
            allow_unknown: r.allow_unknown,
        }
    }
}

impl From<&model::KindRules> for types::KindRules {
    fn from(r: &model::KindRules) -> Self {
        types::KindRules {
            kind: r.kind.clone(),
            help: r.help.clone(),
            properties: r.properties.iter().map(Into::into).collect(),
            max_properties: r.max_properties,
            allow_unknown: r.allow_unknown,
        }
    }
}

impl From<&model::PropertyRule> for types::PropertyRule {
    fn from(p: &model::PropertyRule) -> Self {
        types::PropertyRule {
            name: p.name.clone(),
            required: p.required,
            secret: p.secret,
            format: p.format.into(),
            max_length: p.max_length,
            json: p.json.as_ref().map(|j| types::JsonRule {
                allowed_keys: j.allowed_keys.clone(),
                max_entries: j.max_entries,
                strings_only: j.strings_only,
                max_string_length: j.max_string_length,
            }),
            immutable: p.immutable,
            write_permission: p.write_permission.clone(),
            deprecated: p.deprecated.clone(),
            help: p.help.clone(),
        }
    }
}

impl From<types::PropertyRule> for model::PropertyRule {
    fn from(p: types::PropertyRule) -> Self {
        model::PropertyRule {
            name: p.name,
            required: p.required,
            secret: p.secret,
            format: p.format.into(),
            max_length: p.max_length,
            json: p.json.map(Into::into),
            immutable: p.immutable,
            write_permission: p.write_permission,
            deprecated: p.deprecated,
            help: p.help,
        }
    }
}

impl From<types::JsonRule> for model::JsonRule {
    fn from(j: types::JsonRule) -> Self {
        model::JsonRule {
            allowed_keys: j.allowed_keys,
            max_entries: j.max_entries,
            strings_only: j.strings_only,
            max_string_length: j.max_string_length,
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
    model::ValueFormat,
    Text,
    Integer,
    Boolean,
    Url,
    Duration,
    JsonObject,
    JsonArray,
    Timestamp,
);
same_cases!(types::WriteMode, model::WriteMode, Commit, Preview);
same_cases!(wit::MergeMode, model::MergeMode, Replace, Deep);
same_cases!(wit::Severity, model::Severity, Error, Warning);
same_cases!(
    wit::ParameterKind,
    descriptor::ParameterKind,
    ConnectorReference,
    NameValueList,
    JsonObject,
    UnsignedInteger,
    Boolean,
    Choice,
);

impl From<&model::Change> for types::Change {
    fn from(c: &model::Change) -> Self {
        let new_value = |value: &String, secret: &bool| types::NewValue {
            value: value.clone(),
            secret: *secret,
        };
        types::Change {
            name: c.name.clone(),
            op: match &c.op {
                model::ChangeOp::Set { value, secret } => {
                    types::ChangeOp::Set(new_value(value, secret))
                }
                model::ChangeOp::Merge { patch, secret } => {
                    types::ChangeOp::Merge(new_value(patch, secret))
                }
                model::ChangeOp::Remove => types::ChangeOp::Remove,
            },
        }
    }
}

impl From<types::WriteReceipt> for model::WriteReceipt {
    fn from(r: types::WriteReceipt) -> Self {
        model::WriteReceipt {
            revision: r.revision,
            changed: r.changed,
        }
    }
}

impl From<types::Violation> for model::Violation {
    fn from(v: types::Violation) -> Self {
        model::Violation {
            property: v.property,
            rule: v.rule,
            message: v.message,
        }
    }
}

impl From<model::Violation> for types::Violation {
    fn from(v: model::Violation) -> Self {
        types::Violation {
            property: v.property,
            rule: v.rule,
            message: v.message,
        }
    }
}

impl From<types::StoreError> for StoreError {
    fn from(e: types::StoreError) -> Self {
        match e {
            types::StoreError::NotFound => StoreError::NotFound,
            types::StoreError::PermissionDenied(p) => StoreError::PermissionDenied {
                property: p.property,
                reason: p.reason,
            },
            types::StoreError::Conflict(actual) => StoreError::Conflict(actual),
            types::StoreError::Unavailable(reason) => StoreError::Unavailable(reason),
            types::StoreError::Invalid(violations) => {
                StoreError::Invalid(violations.into_iter().map(Into::into).collect())
            }
            types::StoreError::Tampered(t) => StoreError::Tampered {
                connector: t.connector,
                property: t.property,
            },
            types::StoreError::Key(message) => StoreError::Key(KeyError::Reported(message)),
            types::StoreError::ReadOnly(place) => StoreError::ReadOnly {
                location: place.location,
                why: place.why,
            },
            types::StoreError::Schema(version) => StoreError::Schema {
                location: version.location,
                found: version.found,
                supported: version.supported,
            },
        }
    }
}

impl From<wit::Step> for model::Step {
    fn from(s: wit::Step) -> Self {
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
            merge_mode: s.merge_mode.into(),
        }
    }
}

impl From<model::Step> for wit::Step {
    fn from(s: model::Step) -> Self {
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
            merge_mode: s.merge_mode.into(),
        }
    }
}

impl From<model::Outcome> for wit::Outcome {
    fn from(o: model::Outcome) -> Self {
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
}

impl From<model::Diagnostic> for wit::Diagnostic {
    fn from(d: model::Diagnostic) -> Self {
        wit::Diagnostic {
            severity: d.severity.into(),
            field: d.field,
            code: d.code,
            message: d.message,
        }
    }
}

impl From<ActionError> for wit::ActionError {
    fn from(e: ActionError) -> Self {
        use wit::ActionError as W;
        match e {
            ActionError::InvalidParameter(e) => W::InvalidParameter(wit::InvalidParameter {
                field: e.field,
                message: e.message,
            }),
            ActionError::InvalidJson(e) => W::InvalidJson(wit::InvalidJson {
                field: e.field,
                line: e.line,
                column: e.column,
                message: e.message,
            }),
            ActionError::UnresolvedToken(e) => W::UnresolvedToken(wit::UnresolvedToken {
                field: e.field,
                token: e.token,
                message: e.message,
            }),
            ActionError::ConnectorNotFound(e) => W::ConnectorNotFound(wit::ConnectorNotFound {
                reference: e.reference,
                message: e.message,
            }),
            ActionError::AmbiguousConnector(e) => W::AmbiguousConnector(wit::AmbiguousConnector {
                reference: e.reference,
                candidates: e.candidates,
                message: e.message,
            }),
            ActionError::ValidationFailed(e) => W::ValidationFailed(wit::ValidationFailed {
                violations: e.violations.into_iter().map(Into::into).collect(),
                message: e.message,
            }),
            ActionError::PermissionDenied(e) => W::PermissionDenied(wit::PermissionDenied {
                connector: e.connector,
                property: e.property,
                message: e.message,
            }),
            ActionError::StoreTampered(e) => W::StoreTampered(wit::StoreTampered {
                connector: e.connector,
                property: e.property,
                message: e.message,
            }),
            ActionError::Conflict(e) => W::Conflict(wit::Conflict {
                connector: e.connector,
                expected: e.expected,
                actual: e.actual,
                message: e.message,
            }),
            ActionError::StoreUnavailable(e) => {
                W::StoreUnavailable(wit::StoreUnavailable { message: e.message })
            }
            ActionError::StoreKey(e) => W::StoreKey(wit::StoreFailed { message: e.message }),
            ActionError::StoreReadOnly(e) => {
                W::StoreReadOnly(wit::StoreFailed { message: e.message })
            }
            ActionError::StoreSchema(e) => W::StoreSchema(wit::StoreFailed { message: e.message }),
            ActionError::LimitExceeded(e) => W::LimitExceeded(wit::LimitExceeded {
                key: e.key,
                what: e.what,
                limit: e.limit,
                message: e.message,
            }),
        }
    }
}

/// The descriptor with the store's kinds as the store gave them: they pass
/// through the guest unconverted.
fn descriptor(d: descriptor::Descriptor, kinds: Vec<types::KindRules>) -> wit::Descriptor {
    wit::Descriptor {
        action_type: d.action_type,
        version: d.version,
        title: d.title,
        summary: d.summary,
        parameters: d
            .parameters
            .into_iter()
            .map(|p| wit::ParameterDescriptor {
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
            .map(|o| wit::OutputDescriptor {
                key: o.key,
                help: o.help,
            })
            .collect(),
        limits: d
            .limits
            .into_iter()
            .map(|l| wit::Limit {
                key: l.key,
                what: l.what,
                max: l.max,
            })
            .collect(),
        token_syntax: wit::TokenSyntax {
            forms: d.token_syntax.forms,
            identifier: d.token_syntax.identifier,
            format: d.token_syntax.format,
            escapes: d.token_syntax.escapes,
        },
        kinds,
    }
}
