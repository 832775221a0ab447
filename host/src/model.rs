//! The harness's public data types. Every type that can hold a property
//! value prints it as `<redacted>` in `Debug`, so no log line or panic
//! message of an engine can show one.

use std::fmt;

use crate::bindings::KindRules;

const REDACTED: &str = "<redacted>";

/// A `Connectors.Update` step, as [`Harness::parse_step`](crate::Harness::parse_step) reads it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Step {
    /// `EntryId`: id or name of the connector; tokens allowed.
    pub entry_id: String,
    /// `Properties`: name-value rows, in order.
    pub properties: Vec<PropertyRow>,
    /// `PropertiesJson`: text of one JSON object, or blank.
    pub properties_json: String,
    /// `ExpectedRevision`: write only at this revision, without retrying.
    pub expected_revision: Option<u64>,
    /// `DryRun`: write nothing.
    pub dry_run: bool,
}

impl fmt::Debug for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Step")
            .field("entry_id", &self.entry_id)
            .field("properties", &self.properties)
            .field("properties_json", &REDACTED)
            .field("expected_revision", &self.expected_revision)
            .field("dry_run", &self.dry_run)
            .finish()
    }
}

/// One row of the Properties grid.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct PropertyRow {
    /// `PropertyName`.
    pub name: String,
    /// `PropertyValue`.
    pub value: String,
}

impl fmt::Debug for PropertyRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PropertyRow")
            .field("name", &self.name)
            .field("value", &REDACTED)
            .finish()
    }
}

/// A stored property's value as the action sees it.
#[derive(Clone, PartialEq, Eq)]
pub enum StoredValue {
    /// Not secret: the stored text.
    Plain(String),
    /// Secret: withheld from the action.
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

/// One property as the action sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredProperty {
    /// Its name.
    pub name: String,
    /// Its value, or the mark that it is secret.
    pub value: StoredValue,
}

/// A connector as a [`CredentialStore`](crate::CredentialStore) hands it to the action: secrets withheld.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connector {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind, selecting its rules.
    pub kind: Option<String>,
    /// Revision, increased by one with every committed write.
    pub revision: u64,
    /// Properties, in the store's order.
    pub properties: Vec<StoredProperty>,
}

/// What a store lists of a connector.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ConnectorSummary {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: Option<String>,
    /// Current revision.
    pub revision: u64,
}

/// What to do to one property.
#[derive(Clone, PartialEq, Eq)]
pub enum ChangeOp {
    /// Set the value, adding the property if absent.
    Set {
        /// The new value.
        value: String,
        /// Store it as a secret (a store may mark more secret, never fewer).
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
                .field("value", &REDACTED)
                .field("secret", secret)
                .finish(),
            ChangeOp::Remove => f.write_str("Remove"),
        }
    }
}

/// One change the action asks the store to make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The property name.
    pub name: String,
    /// What to do.
    pub op: ChangeOp,
}

/// Commit the changes, or only report what they would change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteMode {
    /// Write atomically.
    Commit,
    /// Change nothing; report only.
    Preview,
}

/// What a write did, or in preview would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteReceipt {
    /// The revision after the write (unchanged when nothing changed).
    pub revision: u64,
    /// The names whose stored value (or secrecy) changed, in the order of the changes.
    pub changed: Vec<String>,
}

/// A stored property with its value, as a store keeps it. Only stores and
/// their administrators see these; the action never does.
#[derive(Clone, PartialEq, Eq)]
pub struct PropertyRecord {
    /// Name.
    pub name: String,
    /// Value, secret or not.
    pub value: String,
    /// Whether the value is secret.
    pub secret: bool,
}

impl fmt::Debug for PropertyRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PropertyRecord")
            .field("name", &self.name)
            .field("value", &REDACTED)
            .field("secret", &self.secret)
            .finish()
    }
}

/// A connector with all its values, as a store keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectorRecord {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: Option<String>,
    /// Revision.
    pub revision: u64,
    /// Properties with their values.
    pub properties: Vec<PropertyRecord>,
}

impl ConnectorRecord {
    /// The value of property `name`, secret or not.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.as_str())
    }

    /// What the action may see: secret values withheld, where a property is
    /// secret if it is stored so or the kind's rules make it so.
    pub fn view(&self, rules: Option<&KindRules>) -> Connector {
        let rule_secret = |name: &str| {
            rules.is_some_and(|r| r.properties.iter().any(|p| p.name == name && p.secret))
        };
        Connector {
            id: self.id.clone(),
            name: self.name.clone(),
            kind: self.kind.clone(),
            revision: self.revision,
            properties: self
                .properties
                .iter()
                .map(|p| StoredProperty {
                    name: p.name.clone(),
                    value: if p.secret || rule_secret(&p.name) {
                        StoredValue::Secret
                    } else {
                        StoredValue::Plain(p.value.clone())
                    },
                })
                .collect(),
        }
    }

    /// What a store lists of it.
    pub fn summary(&self) -> ConnectorSummary {
        ConnectorSummary {
            id: self.id.clone(),
            name: self.name.clone(),
            kind: self.kind.clone(),
            revision: self.revision,
        }
    }

    /// Applies `changes` to the properties, returning the names whose value
    /// or secrecy changed. The revision is left to the caller, which
    /// increases it only if something changed and the write commits.
    pub fn apply(&mut self, changes: &[Change]) -> Vec<String> {
        let mut changed = Vec::new();
        for change in changes {
            let at = self.properties.iter().position(|p| p.name == change.name);
            let did_change = match (&change.op, at) {
                (ChangeOp::Remove, Some(i)) => {
                    self.properties.remove(i);
                    true
                }
                (ChangeOp::Remove, None) => false,
                (ChangeOp::Set { value, secret }, Some(i)) => {
                    let p = &mut self.properties[i];
                    let differs = p.value != *value || (*secret && !p.secret);
                    p.value.clone_from(value);
                    p.secret |= *secret;
                    differs
                }
                (ChangeOp::Set { value, secret }, None) => {
                    self.properties.push(PropertyRecord {
                        name: change.name.clone(),
                        value: value.clone(),
                        secret: *secret,
                    });
                    true
                }
            };
            if did_change && !changed.contains(&change.name) {
                changed.push(change.name.clone());
            }
        }
        changed
    }
}

/// A connector to add to a store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewConnector {
    /// The id; a new one is made when none is given.
    pub id: Option<String>,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: Option<String>,
    /// Properties.
    pub properties: Vec<PropertyRecord>,
}

impl NewConnector {
    /// A connector called `name`, with no kind and no properties.
    pub fn new(name: impl Into<String>) -> Self {
        NewConnector {
            id: None,
            name: name.into(),
            kind: None,
            properties: Vec::new(),
        }
    }

    /// Gives it this id.
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Gives it this kind.
    pub fn kind(mut self, kind: impl Into<String>) -> Self {
        self.kind = Some(kind.into());
        self
    }

    /// Adds a property that is not secret.
    pub fn set(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.property(name, value, false)
    }

    /// Adds a secret property.
    pub fn secret(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.property(name, value, true)
    }

    fn property(mut self, name: impl Into<String>, value: impl Into<String>, secret: bool) -> Self {
        let name = name.into();
        self.properties.retain(|p| p.name != name);
        self.properties.push(PropertyRecord {
            name,
            value: value.into(),
            secret,
        });
        self
    }
}
