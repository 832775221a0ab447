//! The action's domain types: the step, the stored connector, the kind's
//! rules, the changes it asks the store to make, and what it reports.
//!
//! Types that can hold a property value print it as `<redacted>` in `Debug`,
//! so no panic or log line can show one.

use std::fmt;

/// The mask a designer shows for a secret; sent back, it keeps the stored value.
pub const SECRET_MASK: &str = "******";

/// A `Connectors.Update` step's parameters.
///
/// Its `Debug` leaves out the Properties values and the Dynamic Properties
/// text, which can hold values.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Step {
    /// `EntryId`: id or name of the connector; tokens allowed.
    pub entry_id: String,
    /// `Properties`: name-value rows in order.
    pub properties: Vec<PropertyRow>,
    /// `PropertiesJson`: text of one JSON object, or blank.
    pub properties_json: String,
    /// `ExpectedRevision`: write only at this revision, without retrying.
    pub expected_revision: Option<u64>,
    /// `DryRun`: write nothing.
    pub dry_run: bool,
    /// `MergeMode`: how a JSON-object value meets the stored value.
    pub merge_mode: MergeMode,
}

impl fmt::Debug for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Step")
            .field("entry_id", &self.entry_id)
            .field("properties", &self.properties)
            .field(
                "properties_json",
                &format_args!("<{} bytes redacted>", self.properties_json.len()),
            )
            .field("expected_revision", &self.expected_revision)
            .field("dry_run", &self.dry_run)
            .field("merge_mode", &self.merge_mode)
            .finish()
    }
}

/// How a step's JSON-object value meets the stored value.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub enum MergeMode {
    /// The new value replaces the stored value whole.
    #[default]
    Replace,
    /// A JSON object is merged into the stored value with RFC 7396.
    Deep,
}

impl MergeMode {
    /// The mode's name in the step JSON: `replace` or `deep`.
    pub fn name(self) -> &'static str {
        match self {
            MergeMode::Replace => "replace",
            MergeMode::Deep => "deep",
        }
    }
}

/// One row of the Properties grid.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PropertyRow {
    /// `PropertyName`.
    pub name: String,
    /// `PropertyValue`; `None` when the row has none, which `execute`
    /// refuses: a missing value never means empty text.
    pub value: Option<String>,
}

impl PropertyRow {
    /// A row with a name and a value.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        PropertyRow {
            name: name.into(),
            value: Some(value.into()),
        }
    }

    /// The value's text, empty when the row has none (for size checks).
    pub fn value_text(&self) -> &str {
        self.value.as_deref().unwrap_or("")
    }
}

impl fmt::Debug for PropertyRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PropertyRow")
            .field("name", &self.name)
            .field("value", &"<redacted>")
            .finish()
    }
}

/// A stored property's value as the guest sees it.
#[derive(Clone, PartialEq, Eq)]
pub enum StoredValue {
    /// Not secret: the stored text.
    Plain(String),
    /// Secret: withheld by the store.
    Secret,
}

impl fmt::Debug for StoredValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoredValue::Plain(_) => f.write_str("Plain(<redacted>)"),
            StoredValue::Secret => f.write_str("Secret"),
        }
    }
}

/// One stored property.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct StoredProperty {
    /// Its name.
    pub name: String,
    /// Its value, or the mark that it is secret.
    pub value: StoredValue,
}

/// A connector as the store hands it to the guest.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Connector {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind, selecting the rules.
    pub kind: Option<String>,
    /// Revision, increased by every committed write.
    pub revision: u64,
    /// Stored properties.
    pub properties: Vec<StoredProperty>,
}

impl Connector {
    /// The stored property called `name`, if any.
    pub fn property(&self, name: &str) -> Option<&StoredProperty> {
        self.properties.iter().find(|p| p.name == name)
    }
}

/// What `find-by-name` reports of a connector.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ConnectorSummary {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A format a kind can require of a value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ValueFormat {
    /// Any text.
    Text,
    /// A signed 64-bit decimal integer.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// An absolute URL with a host.
    Url,
    /// A duration such as `60s`, `1h30m` or `PT30S`.
    Duration,
    /// A JSON object's text.
    JsonObject,
    /// A JSON array's text.
    JsonArray,
    /// An RFC 3339 date-time with a UTC offset.
    Timestamp,
}

/// What a kind requires inside a JSON value.
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct JsonRule {
    /// The only keys an object may have; `None` means any.
    pub allowed_keys: Option<Vec<String>>,
    /// The most keys of an object, or items of an array.
    pub max_entries: Option<u32>,
    /// Every member or item must be a JSON string.
    pub strings_only: bool,
    /// The most characters of each string member or item.
    pub max_string_length: Option<u32>,
}

/// The rule for one property name of a kind.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PropertyRule {
    /// The property name.
    pub name: String,
    /// The property must be present after the merge.
    pub required: bool,
    /// The property is secret.
    pub secret: bool,
    /// The format a written value must have.
    pub format: ValueFormat,
    /// The most characters a written value may have.
    pub max_length: Option<u32>,
    /// What the kind requires inside a JSON value.
    pub json: Option<JsonRule>,
    /// Set at creation: a step may not change or remove it.
    pub immutable: bool,
    /// The permission a caller needs to change it (the store enforces it).
    pub write_permission: Option<String>,
    /// Deprecated: what to use instead.
    pub deprecated: Option<String>,
    /// Help text for a designer.
    pub help: String,
}

impl PropertyRule {
    /// A rule for `name` with this format and nothing else required of it.
    pub fn new(name: impl Into<String>, format: ValueFormat) -> Self {
        PropertyRule {
            name: name.into(),
            required: false,
            secret: false,
            format,
            max_length: None,
            json: None,
            immutable: false,
            write_permission: None,
            deprecated: None,
            help: String::new(),
        }
    }
}

/// The rules of a connector kind.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct KindRules {
    /// The kind.
    pub kind: String,
    /// What the kind is, for a designer.
    pub help: String,
    /// Per-name rules.
    pub properties: Vec<PropertyRule>,
    /// The most properties a connector may have.
    pub max_properties: Option<u32>,
    /// Whether names without a rule are allowed.
    pub allow_unknown: bool,
}

impl KindRules {
    /// The rule for `name`, if the kind has one.
    pub fn rule(&self, name: &str) -> Option<&PropertyRule> {
        self.properties.iter().find(|r| r.name == name)
    }

    /// Whether the kind makes `name` secret.
    pub fn is_secret(&self, name: &str) -> bool {
        self.rule(name).is_some_and(|r| r.secret)
    }
}

/// What to do to one property.
#[derive(Clone, PartialEq, Eq)]
pub enum ChangeOp {
    /// Set the value (adding the property if absent).
    Set {
        /// The new value.
        value: String,
        /// Store it as a secret.
        secret: bool,
    },
    /// Merge this JSON object's text into the stored value (RFC 7396), in
    /// the store: sent for secrets, which the guest cannot read.
    Merge {
        /// The merge patch: the text of a JSON object.
        patch: String,
        /// Store the result as a secret.
        secret: bool,
    },
    /// Remove the property.
    Remove,
}

impl fmt::Debug for ChangeOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeOp::Set { secret, .. } => f
                .debug_struct("Set")
                .field("value", &"<redacted>")
                .field("secret", secret)
                .finish(),
            ChangeOp::Merge { secret, .. } => f
                .debug_struct("Merge")
                .field("patch", &"<redacted>")
                .field("secret", secret)
                .finish(),
            ChangeOp::Remove => f.write_str("Remove"),
        }
    }
}

/// One change to one property.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Change {
    /// The property name.
    pub name: String,
    /// What to do.
    pub op: ChangeOp,
}

/// Commit the changes, or only ask what they would change.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum WriteMode {
    /// Write atomically.
    Commit,
    /// Report only.
    Preview,
}

/// What a write did or would do.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct WriteReceipt {
    /// The revision after the write.
    pub revision: u64,
    /// The names whose stored value changed.
    pub changed: Vec<String>,
}

/// Why the store or token source failed a call.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum StoreError {
    /// No such connector.
    NotFound,
    /// The caller may not do this.
    PermissionDenied {
        /// The property, when the refusal is per property.
        property: Option<String>,
        /// Why, naming no value.
        reason: String,
    },
    /// The revision moved: this is the current one.
    Conflict(u64),
    /// The store cannot answer now.
    Unavailable(String),
    /// The write would leave a value that breaks the kind's rules where only
    /// the store can see it (a secret merged in the store); nothing was written.
    Invalid(Vec<crate::error::Violation>),
    /// A stored value the call needed failed its integrity check.
    Tampered {
        /// The connector's id.
        connector: String,
        /// The damaged property.
        property: String,
    },
}

/// What an executed step did.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Outcome {
    /// Connector id.
    pub id: String,
    /// Connector name.
    pub name: String,
    /// Revision read.
    pub revision_before: u64,
    /// Revision after the write.
    pub revision_after: u64,
    /// Names added.
    pub added: Vec<String>,
    /// Names whose value changed.
    pub changed: Vec<String>,
    /// Names removed.
    pub removed: Vec<String>,
    /// Nothing changed, nothing written.
    pub unchanged: bool,
    /// A dry run: nothing written.
    pub dry_run: bool,
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Severity {
    /// The step cannot run as it is.
    Error,
    /// The step runs, but probably not as meant.
    Warning,
}

/// One finding of `validate`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// The field path.
    pub field: String,
    /// A stable code.
    pub code: String,
    /// What to do.
    pub message: String,
}
