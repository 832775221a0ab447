//! The descriptor a low-code designer reads to offer and configure the step.

use crate::model::KindRules;

/// The kind of value a parameter takes, which picks the designer's control.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParameterKind {
    /// A connector's id or name: a picker of the store's connectors.
    ConnectorReference,
    /// Name-value rows: a grid.
    NameValueList,
    /// Text of a JSON object: a JSON editor.
    JsonObject,
    /// A whole number, 0 or more.
    UnsignedInteger,
    /// `true` or `false`.
    Boolean,
    /// One of the parameter's `choices`.
    Choice,
}

/// One parameter of the step, as a designer offers it.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct ParameterDescriptor {
    /// Its key in the step JSON, such as `EntryId`.
    pub key: String,
    /// The label a designer shows.
    pub label: String,
    /// Help text: what it does and how it is written.
    pub help: String,
    /// Kind of value.
    pub kind: ParameterKind,
    /// Whether a step must give it.
    pub required: bool,
    /// The value when left out, as JSON text (`"\"replace\""`, `null`).
    pub default_value: String,
    /// Whether tokens such as `[Form:Key]` are resolved in it.
    pub supports_tokens: bool,
    /// The values of a [`ParameterKind::Choice`]; empty otherwise.
    pub choices: Vec<String>,
}

/// One output of an executed step: a field of [`Outcome`](crate::model::Outcome).
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct OutputDescriptor {
    /// The field's name.
    pub key: String,
    /// What it holds.
    pub help: String,
}

/// One input limit, as `limit-exceeded` names it by its key.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct LimitDescriptor {
    /// A stable key, such as `properties-rows`.
    pub key: String,
    /// What is limited, in words.
    pub what: String,
    /// The largest allowed value.
    pub max: u64,
}

/// How tokens are written.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct TokenSyntax {
    /// The forms a token takes, such as `[Source:Name|format]`.
    pub forms: Vec<String>,
    /// What a source or name may contain.
    pub identifier: String,
    /// How a `|format` uses the value.
    pub format: String,
    /// HTML entities that write `[`, `]` and `|` literally: (escape, character).
    pub escapes: Vec<(String, String)>,
}

/// Everything a designer needs to configure the step.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct Descriptor {
    /// The step's action type: `Connectors.Update`.
    pub action_type: String,
    /// The component's version.
    pub version: String,
    /// A short title.
    pub title: String,
    /// What the action does.
    pub summary: String,
    /// Parameters, in the order a designer shows them.
    pub parameters: Vec<ParameterDescriptor>,
    /// Outputs.
    pub outputs: Vec<OutputDescriptor>,
    /// Input limits.
    pub limits: Vec<LimitDescriptor>,
    /// How tokens are written.
    pub token_syntax: TokenSyntax,
    /// The connector kinds the host's store declares, with their rules.
    pub kinds: Vec<KindRules>,
}
