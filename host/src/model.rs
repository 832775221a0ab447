//! The harness's public data types. Every value that can be secret (a
//! property value, a Properties row's value, the Dynamic Properties text, a
//! token's value) is held in a [`SecretString`], whose `Debug` prints
//! `[REDACTED]` and which has no `Display`, so no log line or panic message of
//! an engine can show one. Reading one takes an explicit
//! [`ExposeSecret::expose_secret`].

use std::fmt;

pub use secrecy::{ExposeSecret, SecretString};

use connectors_update_model::by_name::ByName;
pub use connectors_update_model::descriptor::{
    Descriptor, LimitDescriptor, OutputDescriptor, ParameterDescriptor, ParameterKind, TokenSyntax,
};
pub use connectors_update_model::error::ActionError;
use connectors_update_model::model as action;
pub use connectors_update_model::model::{
    Connector, ConnectorSummary, Diagnostic, JsonRule, KindRules, MergeMode, Outcome, PropertyRule,
    SECRET_MASK, Severity, StoredProperty, StoredValue, ValueFormat, Violation, WriteMode,
    WriteReceipt,
};

/// Who runs a step, as the engine names them, and the permissions the
/// engine vouches they hold (such as Auth0's `update:connections_options`).
/// The harness hands it to every [`CredentialStore`](crate::CredentialStore)
/// call, so a store can refuse.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Caller {
    principal: Option<String>,
    permissions: std::collections::BTreeSet<String>,
}

impl Caller {
    /// Nobody in particular: the engine names no principal.
    pub fn anonymous() -> Self {
        Caller::default()
    }

    /// The principal `name` (a user, a service account...).
    pub fn principal(name: impl Into<String>) -> Self {
        Caller {
            principal: Some(name.into()),
            permissions: Default::default(),
        }
    }

    /// The same caller, holding `permission` too.
    pub fn with_permission(mut self, permission: impl Into<String>) -> Self {
        self.permissions.insert(permission.into());
        self
    }

    /// The principal's name; `None` when anonymous.
    pub fn name(&self) -> Option<&str> {
        self.principal.as_deref()
    }

    /// Whether the caller holds `permission`.
    pub fn holds(&self, permission: &str) -> bool {
        self.permissions.contains(permission)
    }

    /// The permissions the caller holds, in order.
    pub fn permissions(&self) -> impl Iterator<Item = &str> {
        self.permissions.iter().map(String::as_str)
    }
}

impl fmt::Display for Caller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.principal {
            Some(name) => write!(f, "principal '{name}'"),
            None => f.write_str("an anonymous caller"),
        }
    }
}

/// A `Connectors.Update` step, its values held as [`SecretString`]s, as
/// [`Harness::parse_step`](crate::Harness::parse_step) reads it.
pub type Step = action::Step<SecretString>;

/// One row of the Properties grid, its value held as a [`SecretString`].
pub type PropertyRow = action::PropertyRow<SecretString>;

/// What to do to one property, its value held as a [`SecretString`].
pub type ChangeOp = action::ChangeOp<SecretString>;

/// One change the action asks the store to make, its value held as a [`SecretString`].
pub type Change = action::Change<SecretString>;

/// A stored property with its value, as a store keeps it. Only stores and
/// their administrators see these; the action never does.
#[derive(Clone, Debug)]
pub struct PropertyRecord {
    /// Name.
    pub name: String,
    /// Value, secret or not (held as a [`SecretString`] either way).
    pub value: SecretString,
    /// Whether the value is secret.
    pub secret: bool,
}

impl PropertyRecord {
    /// The property `name` = `value`, secret or not.
    pub fn new(name: impl Into<String>, value: impl Into<String>, secret: bool) -> Self {
        PropertyRecord {
            name: name.into(),
            value: SecretString::from(value.into()),
            secret,
        }
    }
}

impl PartialEq for PropertyRecord {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.secret == other.secret
            && self.value.expose_secret() == other.value.expose_secret()
    }
}

impl Eq for PropertyRecord {}

/// A connector with all its values, as a store keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectorRecord {
    /// Its stable id.
    pub id: String,
    /// Its display name, which several connectors may share.
    pub name: String,
    /// Its kind, selecting the rules its store checks.
    pub kind: Option<String>,
    /// 1 when added, one more with every committed write that changes something.
    pub revision: u64,
    /// Properties with their values.
    pub properties: Vec<PropertyRecord>,
}

impl ConnectorRecord {
    /// The value of property `name`, secret or not: for administrators and
    /// tests, never for the action.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.expose_secret())
    }

    /// What the action may see: secret values withheld, where a property is
    /// secret if it is stored so or the kind's rules make it so.
    pub fn view(&self, rules: Option<&KindRules>) -> Connector {
        // The rules by name, so that a view of N properties is linear in N.
        let rules = rules.map(|r| ByName::new(&r.properties));
        let rule_secret = |name: &str| {
            rules
                .as_ref()
                .and_then(|r| r.get(name))
                .is_some_and(|r| r.secret)
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
                        StoredValue::Plain(p.value.expose_secret().to_owned())
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
}

/// A connector to add to a store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewConnector {
    /// The id; a new one (a UUID) is made when none is given.
    pub id: Option<String>,
    /// Its display name; not blank.
    pub name: String,
    /// Its kind: one the store has rules for, or none.
    pub kind: Option<String>,
    /// Its properties, each name once; a kind's secret ones are stored as secrets.
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
        self.properties
            .push(PropertyRecord::new(name, value, secret));
        self
    }
}
