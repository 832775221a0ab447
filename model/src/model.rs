//! The product's vocabulary: the step, the stored connector, the kind's
//! rules, the changes a step asks the store to make, and what it reports.
//! The guest's logic, the host's public API and the stores all use these
//! definitions; only the two binding layers convert them to and from the
//! types generated from the WIT.
//!
//! Types that can hold a property value print [`REDACTED`] in its place in
//! `Debug`, so no panic or log line can show one. The types that carry a
//! value a step sends ([`Step`], [`PropertyRow`], [`Change`]) are generic
//! over how the value is held ([`Value`]): the guest holds a `String`, the
//! host a `secrecy::SecretString` (with the `secrecy` feature).
//!
//! Every type that serde serializes does so as the CLI prints it: fields in
//! snake case, enum cases spelled as the WIT spells them (`json-object`).

use std::fmt;

/// The mask a designer shows for a secret; sent back, it keeps the stored value.
pub const SECRET_MASK: &str = "******";

/// What `Debug` prints in place of a value, everywhere in the product.
pub const REDACTED: &str = "[REDACTED]";

/// How a step's value is held: as plain text in the guest, as a secret
/// (whose `Debug` hides it and which has no `Display`) in the host.
pub trait Value: Clone {
    /// The text, for the code that must read it.
    fn text(&self) -> &str;
    /// Holds `text`.
    fn from_text(text: String) -> Self;
}

impl Value for String {
    fn text(&self) -> &str {
        self
    }
    fn from_text(text: String) -> Self {
        text
    }
}

#[cfg(feature = "secrecy")]
impl Value for secrecy::SecretString {
    fn text(&self) -> &str {
        secrecy::ExposeSecret::expose_secret(self)
    }
    fn from_text(text: String) -> Self {
        secrecy::SecretString::from(text)
    }
}

/// A `Connectors.Update` step's parameters, as `parse-step` reads them from
/// the step JSON.
///
/// Its `Debug` leaves out the Properties values and the Dynamic Properties
/// text, which can hold values.
#[derive(Clone, Default)]
pub struct Step<V = String> {
    /// `EntryId`: id or name of the connector; tokens allowed.
    pub entry_id: String,
    /// `Properties`: name-value rows in order; a later row with the same
    /// name wins.
    pub properties: Vec<PropertyRow<V>>,
    /// `PropertiesJson`: text of one JSON object, or blank. Its members
    /// override Properties; it may hold values, secret ones too.
    pub properties_json: V,
    /// `ExpectedRevision` (1 or more): write only at this revision, and
    /// fail with `conflict` instead of retrying.
    pub expected_revision: Option<u64>,
    /// `DryRun`: check everything, write nothing.
    pub dry_run: bool,
    /// `MergeMode`: how a JSON-object value meets the stored value.
    pub merge_mode: MergeMode,
}

impl<V: Value> PartialEq for Step<V> {
    fn eq(&self, other: &Self) -> bool {
        self.entry_id == other.entry_id
            && self.properties == other.properties
            && self.properties_json.text() == other.properties_json.text()
            && self.expected_revision == other.expected_revision
            && self.dry_run == other.dry_run
            && self.merge_mode == other.merge_mode
    }
}

impl<V: Value> Eq for Step<V> {}

impl<V: Value> Step<V> {
    /// The same step with its values held as `W`: the one conversion
    /// between the guest's and the host's ways of holding them.
    pub fn map_values<W: Value>(self) -> Step<W> {
        Step {
            entry_id: self.entry_id,
            properties: self
                .properties
                .into_iter()
                .map(|row| PropertyRow {
                    name: row.name,
                    value: row.value.map(|v| W::from_text(v.text().to_owned())),
                })
                .collect(),
            properties_json: W::from_text(self.properties_json.text().to_owned()),
            expected_revision: self.expected_revision,
            dry_run: self.dry_run,
            merge_mode: self.merge_mode,
        }
    }
}

impl<V> fmt::Debug for Step<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Step")
            .field("entry_id", &self.entry_id)
            .field("properties", &self.properties)
            .field("properties_json", &REDACTED)
            .field("expected_revision", &self.expected_revision)
            .field("dry_run", &self.dry_run)
            .field("merge_mode", &self.merge_mode)
            .finish()
    }
}

/// How a step's JSON-object value meets the stored value.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MergeMode {
    /// The new value replaces the stored value whole (the default).
    #[default]
    Replace,
    /// A JSON object is merged into the stored value with RFC 7396 JSON
    /// Merge Patch; a secret is merged in the store, which alone can read it.
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
#[derive(Clone, Default)]
pub struct PropertyRow<V = String> {
    /// `PropertyName`, case-sensitive.
    pub name: String,
    /// `PropertyValue`, a literal or tokens; `None` when the row has none,
    /// which `execute` refuses: a missing value never means empty text.
    pub value: Option<V>,
}

impl<V: Value> PropertyRow<V> {
    /// A row with a name and a value.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        PropertyRow {
            name: name.into(),
            value: Some(V::from_text(value.into())),
        }
    }

    /// A row that names a property and gives no value, as a half-filled
    /// designer grid does.
    pub fn without_value(name: impl Into<String>) -> Self {
        PropertyRow {
            name: name.into(),
            value: None,
        }
    }

    /// The value's text, empty when the row has none (for size checks).
    pub fn value_text(&self) -> &str {
        self.value.as_ref().map_or("", Value::text)
    }
}

impl<V: Value> PartialEq for PropertyRow<V> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.value.as_ref().map(Value::text) == other.value.as_ref().map(Value::text)
    }
}

impl<V: Value> Eq for PropertyRow<V> {}

impl<V> fmt::Debug for PropertyRow<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PropertyRow")
            .field("name", &self.name)
            .field("value", &self.value.as_ref().map(|_| REDACTED))
            .finish()
    }
}

/// A stored property's value as the action sees it.
#[derive(Clone, PartialEq, Eq)]
pub enum StoredValue {
    /// Not secret: the stored text.
    Plain(String),
    /// Secret: withheld by the store, so the action can replace it but
    /// never read it.
    Secret,
}

impl fmt::Debug for StoredValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoredValue::Plain(_) => write!(f, "Plain({REDACTED})"),
            StoredValue::Secret => f.write_str("Secret"),
        }
    }
}

/// One stored property, as the action sees it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct StoredProperty {
    /// Its name.
    pub name: String,
    /// Its text, or the mark that it is secret.
    pub value: StoredValue,
}

/// A connector as a store hands it to the action: secret values withheld
/// (a store never puts one here; the type has no room for it).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Connector {
    /// Stable identifier, which a step never changes.
    pub id: String,
    /// Display name; several connectors may share one.
    pub name: String,
    /// Kind, selecting the rules; `None` for a connector with no rules.
    pub kind: Option<String>,
    /// Revision: 1 when created, increased by one by every committed write
    /// that changes something.
    pub revision: u64,
    /// Stored properties, in the store's order.
    pub properties: Vec<StoredProperty>,
}

impl Connector {
    /// The stored property called `name`, if any.
    pub fn property(&self, name: &str) -> Option<&StoredProperty> {
        self.properties.iter().find(|p| p.name == name)
    }
}

/// What a store lists of a connector: never a value.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct ConnectorSummary {
    /// Its id, which a step can give as `EntryId`.
    pub id: String,
    /// Its display name, which several connectors may share.
    pub name: String,
    /// Kind, selecting the rules.
    pub kind: Option<String>,
    /// Current revision.
    pub revision: u64,
}

/// A format a kind can require of a value.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
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

/// What a kind requires inside a JSON value (a property whose format is
/// `json-object` or `json-array`).
#[derive(Clone, Default, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
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
///
/// It reads from the JSON it prints (`connector kinds`), where only `name`
/// and `format` are required; the conformance cases declare kinds so.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PropertyRule {
    /// The property name it applies to.
    pub name: String,
    /// The property must be present, and not blank, after the merge.
    #[serde(default)]
    pub required: bool,
    /// The property is secret: the store withholds it from the action,
    /// whatever a step's change says.
    #[serde(default)]
    pub secret: bool,
    /// The format a written value must have.
    pub format: ValueFormat,
    /// The most characters a written value may have.
    #[serde(default)]
    pub max_length: Option<u32>,
    /// What the kind requires inside a JSON value.
    #[serde(default)]
    pub json: Option<JsonRule>,
    /// Set when the connector is created: a step may not change or remove it.
    #[serde(default)]
    pub immutable: bool,
    /// The permission a caller needs to change it; the store enforces it,
    /// since only the store knows what a write changes.
    #[serde(default)]
    pub write_permission: Option<String>,
    /// Deprecated: what to use instead; `validate` warns.
    #[serde(default)]
    pub deprecated: Option<String>,
    /// Help text for a designer.
    #[serde(default)]
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

/// The rules of a connector kind, as a store declares them.
///
/// It reads from the JSON it prints, where only `kind` is required.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindRules {
    /// The kind's name, as a connector's `kind` names it.
    pub kind: String,
    /// What the kind is, for a designer.
    #[serde(default)]
    pub help: String,
    /// Per-name rules, each name once.
    #[serde(default)]
    pub properties: Vec<PropertyRule>,
    /// The most properties a connector of the kind may have.
    #[serde(default)]
    pub max_properties: Option<u32>,
    /// Whether names without a rule are allowed (`unknown-property` if not).
    #[serde(default)]
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

    /// The permission a change of `name` needs, if any.
    pub fn write_permission(&self, name: &str) -> Option<&str> {
        self.rule(name).and_then(|r| r.write_permission.as_deref())
    }
}

/// One broken rule of a connector's kind.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct Violation {
    /// The property name.
    pub property: String,
    /// The rule: `required`, `format`, `max-length`, `max-properties`,
    /// `unknown-property`, `name-case`, `immutable`, `json-keys`,
    /// `json-entries`, `json-strings` or `json-string-length`, or
    /// `max-bytes`, the per-value size limit that holds for every kind and none.
    pub rule: String,
    /// What is wrong and how to fix it, naming no value.
    pub message: String,
}

/// What to do to one property.
#[derive(Clone)]
pub enum ChangeOp<V = String> {
    /// Set the value, adding the property if absent.
    Set {
        /// The new value.
        value: V,
        /// Store it as a secret. A store may make more properties secret
        /// (its kinds' rules), never fewer: secrecy is sticky.
        secret: bool,
    },
    /// Merge this JSON object's text into the stored value with RFC 7396
    /// (a stored value that is not an object counts as `{}`), in the store:
    /// sent for secrets in `MergeMode` deep, which the guest cannot read.
    Merge {
        /// The merge patch: the text of a JSON object.
        patch: V,
        /// Store the result as a secret.
        secret: bool,
    },
    /// Remove the property; removing an absent one changes nothing.
    Remove,
}

impl<V: Value> ChangeOp<V> {
    /// Set the property to `value`, as a secret or not.
    pub fn set(value: impl Into<String>, secret: bool) -> Self {
        ChangeOp::Set {
            value: V::from_text(value.into()),
            secret,
        }
    }

    /// Merge the JSON object `patch` into the property, as a secret or not.
    pub fn merge(patch: impl Into<String>, secret: bool) -> Self {
        ChangeOp::Merge {
            patch: V::from_text(patch.into()),
            secret,
        }
    }

    /// The same change with its value held as `W`.
    pub fn map_value<W: Value>(self) -> ChangeOp<W> {
        let map = |v: V| W::from_text(v.text().to_owned());
        match self {
            ChangeOp::Set { value, secret } => ChangeOp::Set {
                value: map(value),
                secret,
            },
            ChangeOp::Merge { patch, secret } => ChangeOp::Merge {
                patch: map(patch),
                secret,
            },
            ChangeOp::Remove => ChangeOp::Remove,
        }
    }
}

impl<V: Value> PartialEq for ChangeOp<V> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (
                ChangeOp::Set {
                    value: a,
                    secret: s,
                },
                ChangeOp::Set {
                    value: b,
                    secret: t,
                },
            )
            | (
                ChangeOp::Merge {
                    patch: a,
                    secret: s,
                },
                ChangeOp::Merge {
                    patch: b,
                    secret: t,
                },
            ) => s == t && a.text() == b.text(),
            (ChangeOp::Remove, ChangeOp::Remove) => true,
            _ => false,
        }
    }
}

impl<V: Value> Eq for ChangeOp<V> {}

impl<V> fmt::Debug for ChangeOp<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeOp::Set { secret, .. } => f
                .debug_struct("Set")
                .field("value", &REDACTED)
                .field("secret", secret)
                .finish(),
            ChangeOp::Merge { secret, .. } => f
                .debug_struct("Merge")
                .field("patch", &REDACTED)
                .field("secret", secret)
                .finish(),
            ChangeOp::Remove => f.write_str("Remove"),
        }
    }
}

/// One change to one property, as the action asks the store to make it.
#[derive(Clone, Debug)]
pub struct Change<V = String> {
    /// The property name.
    pub name: String,
    /// What to do.
    pub op: ChangeOp<V>,
}

impl<V: Value> PartialEq for Change<V> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.op == other.op
    }
}

impl<V: Value> Eq for Change<V> {}

impl<V: Value> Change<V> {
    /// The same change with its value held as `W`.
    pub fn map_value<W: Value>(self) -> Change<W> {
        Change {
            name: self.name,
            op: self.op.map_value(),
        }
    }
}

/// Commit the changes, or only ask what they would change.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WriteMode {
    /// Write atomically, all or nothing.
    Commit,
    /// Change nothing, but check and report exactly as a commit would.
    Preview,
}

/// What a write did, or in preview would do.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct WriteReceipt {
    /// The revision after the write: one more than expected when something
    /// changed and the write committed; the expected one otherwise.
    pub revision: u64,
    /// The names whose stored value or secrecy changed (or would), each
    /// once, in the order of the changes.
    pub changed: Vec<String>,
}

/// What an executed step did. Every list holds names, never values.
#[derive(Clone, PartialEq, Eq, Debug, Default, serde::Serialize)]
pub struct Outcome {
    /// The connector's id.
    pub id: String,
    /// The connector's name.
    pub name: String,
    /// The revision the step read.
    pub revision_before: u64,
    /// The revision after the write: `revision_before` when nothing was
    /// written (no change, or a dry run).
    pub revision_after: u64,
    /// Names the step added.
    pub added: Vec<String>,
    /// Names whose value (or secrecy) the step changed.
    pub changed: Vec<String>,
    /// Names the step removed.
    pub removed: Vec<String>,
    /// Nothing would change, so nothing was written.
    pub unchanged: bool,
    /// A dry run: the lists say what a real run would do; nothing was written.
    pub dry_run: bool,
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The step cannot run as it is.
    Error,
    /// The step runs, but probably not as meant.
    Warning,
}

/// One finding of `validate`, at one field of the step.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// The field path, such as `Properties[2].PropertyName`.
    pub field: String,
    /// A stable kebab-case code: an error code, or a warning's such as
    /// `duplicate-key`.
    pub code: String,
    /// What is wrong and what to do, naming no value.
    pub message: String,
}
