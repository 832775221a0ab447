//! What the CLI prints on standard output: one type per JSON shape, each
//! built from the library's types, so that the JSON contract is written
//! down in one place and every enum is spelled by its own serde derive.
//!
//! Where the library's serde output already is what the CLI prints, the
//! CLI prints the library's type itself and there is no type here:
//! [`Outcome`](connectors_update_harness::Outcome) (`run`),
//! [`Diagnostic`](connectors_update_harness::Diagnostic) (`validate`),
//! [`KindRules`] (`connector kinds`),
//! [`ConnectorSummary`] (`connector list`),
//! [`HistoryEntry`](connectors_update_sql::HistoryEntry) (`connector history`),
//! [`Rotation`](connectors_update_sql::Rotation) (`connector rotate-key`).
//! `tests/snapshots/` holds what each command prints.
//!
//! The types here that can hold a property value have no `Debug`: the
//! value is printed only where the command prints it.

use connectors_update_harness::connector::{ConnectorSummary, SECRET_MASK};
use connectors_update_harness::descriptor::{
    LimitDescriptor, OutputDescriptor, ParameterDescriptor, ParameterKind, TokenSyntax,
};
use connectors_update_harness::kinds::KindRules;
use connectors_update_harness::stores::ConnectorRecord;
use connectors_update_harness::{Descriptor, ExposeSecret, Outcome};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// `describe`: the descriptor, with each parameter's default as JSON
/// rather than as JSON text, and the token escapes as objects.
#[derive(Serialize)]
pub struct DescriptorShown<'a> {
    action_type: &'a str,
    version: &'a str,
    title: &'a str,
    summary: &'a str,
    parameters: Vec<ParameterShown<'a>>,
    outputs: &'a [OutputDescriptor],
    limits: &'a [LimitDescriptor],
    token_syntax: TokenSyntaxShown<'a>,
    kinds: &'a [KindRules],
}

impl<'a> From<&'a Descriptor> for DescriptorShown<'a> {
    fn from(d: &'a Descriptor) -> Self {
        DescriptorShown {
            action_type: &d.action_type,
            version: &d.version,
            title: &d.title,
            summary: &d.summary,
            parameters: d.parameters.iter().map(ParameterShown::from).collect(),
            outputs: &d.outputs,
            limits: &d.limits,
            token_syntax: TokenSyntaxShown::from(&d.token_syntax),
            kinds: &d.kinds,
        }
    }
}

/// One parameter: `default` is the descriptor's `default_value` parsed
/// (`[]`, `false`, `"replace"`), which a designer can use as it is.
#[derive(Serialize)]
struct ParameterShown<'a> {
    key: &'a str,
    label: &'a str,
    help: &'a str,
    kind: ParameterKind,
    required: bool,
    /// `null` if the action ever sent text that is not JSON.
    default: serde_json::Value,
    supports_tokens: bool,
    choices: &'a [String],
}

impl<'a> From<&'a ParameterDescriptor> for ParameterShown<'a> {
    fn from(p: &'a ParameterDescriptor) -> Self {
        ParameterShown {
            key: &p.key,
            label: &p.label,
            help: &p.help,
            kind: p.kind,
            required: p.required,
            default: serde_json::from_str(&p.default_value).unwrap_or(serde_json::Value::Null),
            supports_tokens: p.supports_tokens,
            choices: &p.choices,
        }
    }
}

/// How tokens are written; each escape as `{"escape", "character"}`
/// rather than the descriptor's pair, which serde would print as an array.
#[derive(Serialize)]
struct TokenSyntaxShown<'a> {
    forms: &'a [String],
    identifier: &'a str,
    format: &'a str,
    escapes: Vec<Escape<'a>>,
}

impl<'a> From<&'a TokenSyntax> for TokenSyntaxShown<'a> {
    fn from(t: &'a TokenSyntax) -> Self {
        TokenSyntaxShown {
            forms: &t.forms,
            identifier: &t.identifier,
            format: &t.format,
            escapes: t
                .escapes
                .iter()
                .map(|(escape, character)| Escape { escape, character })
                .collect(),
        }
    }
}

/// An HTML entity that writes a token's special character literally.
#[derive(Serialize)]
struct Escape<'a> {
    escape: &'a str,
    character: &'a str,
}

/// `connector add`, `connector show` and the demo's connectors: a
/// connector with its values, secret ones masked unless revealed.
#[derive(Serialize)]
pub struct ConnectorShown<'a> {
    id: &'a str,
    name: &'a str,
    kind: Option<&'a str>,
    revision: u64,
    /// Name to value, in the store's order; `null` for a damaged value.
    properties: Properties<'a>,
    /// The names of the secret properties, in the same order.
    secrets: Vec<&'a str>,
    /// The principals it is granted to; empty when it is open to everyone.
    grants: &'a [String],
    /// The names of the values that failed their integrity check (shown
    /// as `null`, with `--reveal` too, so that the others still show).
    damaged: &'a [String],
}

impl<'a> ConnectorShown<'a> {
    /// `record` as shown: secret values as [`SECRET_MASK`] unless `reveal`,
    /// the `damaged` ones as `null`.
    pub fn new(
        record: &'a ConnectorRecord,
        grants: &'a [String],
        damaged: &'a [String],
        reveal: bool,
    ) -> Self {
        let mut properties: Vec<(&str, Option<&str>)> = record
            .properties
            .iter()
            .map(|p| {
                let shown = if damaged.contains(&p.name) {
                    None
                } else if p.secret && !reveal {
                    Some(SECRET_MASK)
                } else {
                    Some(p.value.expose_secret())
                };
                (p.name.as_str(), shown)
            })
            .collect();
        // A damaged value the record does not list still shows, last.
        for name in damaged {
            if !properties.iter().any(|(shown, _)| shown == name) {
                properties.push((name, None));
            }
        }
        ConnectorShown {
            id: &record.id,
            name: &record.name,
            kind: record.kind.as_deref(),
            revision: record.revision,
            properties: Properties(properties),
            secrets: record
                .properties
                .iter()
                .filter(|p| p.secret)
                .map(|p| p.name.as_str())
                .collect(),
            grants,
            damaged,
        }
    }
}

/// Properties as one JSON object, in their order.
struct Properties<'a>(Vec<(&'a str, Option<&'a str>)>);

impl Serialize for Properties<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// `connector grant` and `connector revoke`: who may use the connector now.
#[derive(Debug, Serialize)]
pub struct Grants<'a> {
    id: &'a str,
    name: &'a str,
    grants: &'a [String],
    /// No grants: everyone may use it.
    open: bool,
}

impl<'a> Grants<'a> {
    /// The grants of `connector`.
    pub fn new(connector: &'a ConnectorSummary, grants: &'a [String]) -> Self {
        Grants {
            id: &connector.id,
            name: &connector.name,
            grants,
            open: grants.is_empty(),
        }
    }
}

/// `connector delete`: which connector is gone.
#[derive(Debug, Serialize)]
pub struct Deleted<'a> {
    id: &'a str,
    name: &'a str,
    /// Always `true`, so that a script can tell this from other output.
    deleted: bool,
}

impl<'a> From<&'a ConnectorSummary> for Deleted<'a> {
    fn from(connector: &'a ConnectorSummary) -> Self {
        Deleted {
            id: &connector.id,
            name: &connector.name,
            deleted: true,
        }
    }
}

/// `demo`: where it ran, what each step did, and the samples afterwards
/// (secrets masked).
#[derive(Serialize)]
pub struct DemoReport<'a> {
    /// The store, as [`connectors_update_sql::StoreLocation`] shows it: never a password.
    pub store: &'a str,
    /// Each step, in order.
    pub steps: Vec<DemoStepReport<'a>>,
    /// The samples, as `connector show` prints them.
    pub connectors: Vec<ConnectorShown<'a>>,
}

/// One step of the demo: its title and its outcome.
#[derive(Debug, Serialize)]
pub struct DemoStepReport<'a> {
    /// What the step shows.
    pub title: &'a str,
    /// What it did.
    pub outcome: Outcome,
}
