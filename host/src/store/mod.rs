//! What the harness needs from its host: a credential store and a token
//! source, and the stores and token sources that come with it.

pub mod history;
pub mod key;
mod kind_set;
pub mod memory;
mod seal;
pub mod sql;
pub mod tokens;
mod write;

use secrecy::SecretString;

use crate::error::{ErrorCode, StoreError};
use crate::model::KindRules;
use crate::model::{
    Caller, Change, Connector, ConnectorRecord, ConnectorSummary, NewConnector, WriteMode,
    WriteReceipt,
};

/// A credential store the action can read and update.
///
/// Implementations must hand out no secret value (the [`Connector`] type
/// has no room for one), apply a write's changes all or none, and only if
/// the connector is still at the expected revision. Every call names the
/// [`Caller`] running the step, so a store can refuse with
/// [`StoreError::PermissionDenied`] (per connector, or per property in a write).
pub trait CredentialStore: Send + Sync {
    /// The connector with exactly this id, secrets withheld.
    fn get(&self, caller: &Caller, id: &str) -> Result<Connector, StoreError>;

    /// Every connector with exactly this name that `caller` may use. The
    /// stores that come with the harness leave out the ones it may not use,
    /// and refuse with [`StoreError::PermissionDenied`] (naming no id) when
    /// the name matches only such connectors.
    fn find_by_name(
        &self,
        caller: &Caller,
        name: &str,
    ) -> Result<Vec<ConnectorSummary>, StoreError>;

    /// The rules of a connector kind: `Ok(None)` when the store declares none.
    fn rules(&self, caller: &Caller, kind: &str) -> Result<Option<KindRules>, StoreError>;

    /// Every kind the store declares rules for, for `describe` (and for
    /// `validate`'s deprecation warnings). It should agree with [`rules`](Self::rules).
    fn kinds(&self, caller: &Caller) -> Result<Vec<KindRules>, StoreError>;

    /// Applies `changes` atomically if the connector is at `expected_revision`
    /// and returns the new revision and the names that changed. A write that
    /// changes nothing leaves the revision alone; [`WriteMode::Preview`] writes nothing.
    ///
    /// A store checks the caller's access before the revision, and the
    /// revision before the changes; it enforces its kinds'
    /// `write-permission`s on what the changes would change (see
    /// [`check_write_permissions`]), and applies a
    /// [`ChangeOp::Merge`](crate::ChangeOp::Merge) with RFC 7396, so that a
    /// secret is merged without leaving the store.
    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected_revision: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError>;
}

/// The workflow's token values.
pub trait TokenSource: Send + Sync {
    /// The value of token `name` from `source` (`None` for `[Name]`), or
    /// `Ok(None)` when there is no such token.
    fn resolve(&self, source: Option<&str>, name: &str)
    -> Result<Option<SecretString>, StoreError>;
}

/// The grant rule of the stores that come with the harness: a connector with
/// no grants is open to everyone; one with grants only to those principals
/// (an anonymous caller is never one of them).
pub(crate) fn may_use(grants: &[String], caller: &Caller) -> bool {
    grants.is_empty()
        || caller
            .name()
            .is_some_and(|name| grants.iter().any(|g| g == name))
}

/// [`may_use`], as the refusal naming the connector.
pub(crate) fn check_access(id: &str, grants: &[String], caller: &Caller) -> Result<(), StoreError> {
    if may_use(grants, caller) {
        return Ok(());
    }
    Err(StoreError::PermissionDenied {
        property: None,
        reason: format!("{caller} has no grant on connector '{id}'"),
    })
}

/// The candidates for a name, each with its grants, that `caller` may use.
///
/// A connector the caller may not use is no candidate, so an ambiguity never
/// lists an id the caller has no grant on. When the name matches connectors
/// but none the caller may use, the answer is the refusal `denied` makes
/// (which names the reference, not the ids), not an empty list: the store
/// does not pretend the name is free.
pub(crate) fn usable_candidates<T>(
    caller: &Caller,
    named: Vec<(T, Vec<String>)>,
    denied: impl FnOnce() -> String,
) -> Result<Vec<T>, StoreError> {
    let matched = !named.is_empty();
    let usable: Vec<T> = named
        .into_iter()
        .filter(|(_, grants)| may_use(grants, caller))
        .map(|(candidate, _)| candidate)
        .collect();
    if matched && usable.is_empty() {
        return Err(StoreError::PermissionDenied {
            property: None,
            reason: denied(),
        });
    }
    Ok(usable)
}

/// What [`CredentialStore::find_by_name`] refuses with when every connector
/// of the name is closed to the caller. It names no name: the guest names
/// the reference itself, and a reference from a token must not be echoed.
pub(crate) fn no_grant_on_name(caller: &Caller) -> String {
    format!("{caller} has no grant on any connector of that name")
}

/// Refuses a write that changes a property whose rule in `rules` needs a
/// permission `caller` does not hold. `changed` are the names whose stored
/// value (or secrecy) the write changes, as [`ConnectorRecord::apply`]
/// reports them: sending a guarded property's current value again, or
/// `******` for it, changes nothing and so needs no permission, while
/// setting it to anything else or removing it does. The stores that come
/// with the harness call it in every write, previews included, after
/// applying the changes and before committing.
pub fn check_write_permissions(
    rules: Option<&KindRules>,
    caller: &Caller,
    changed: &[String],
) -> Result<(), StoreError> {
    let Some(rules) = rules else {
        return Ok(());
    };
    for name in changed {
        let needed = rules
            .properties
            .iter()
            .find(|r| &r.name == name)
            .and_then(|r| r.write_permission.as_deref());
        if let Some(permission) = needed
            && !caller.holds(permission)
        {
            return Err(StoreError::PermissionDenied {
                property: Some(name.clone()),
                reason: format!(
                    "changing property '{name}' of a connector of kind '{}' needs the permission '{permission}', which {caller} does not hold",
                    rules.kind
                ),
            });
        }
    }
    Ok(())
}

/// Refuses a write whose [`ChangeOp::Merge`](crate::ChangeOp::Merge)s leave
/// `merged` (the connector as the write would leave it) with a value that
/// breaks the format, length or JSON rules of its property in `rules`. The
/// guest checks every value it can see; a secret merged in the store is seen
/// only here. The stores that come with the harness call it in every write,
/// previews included, after applying the changes and before committing.
pub fn check_merged_values(
    rules: Option<&KindRules>,
    changes: &[Change],
    merged: &ConnectorRecord,
) -> Result<(), StoreError> {
    let Some(rules) = rules else {
        return Ok(());
    };
    let violations = crate::kinds::check_merged_values(rules, changes, merged);
    if violations.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(violations))
    }
}

/// Why adding or looking up a connector for administration failed.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// The request itself is wrong (an empty name, an id already taken...).
    #[error("{0}")]
    Invalid(String),
    /// No connector has that id or name.
    #[error("no connector has the id or name '{0}'")]
    NotFound(String),
    /// Several connectors have that name.
    #[error("{} connectors are named '{reference}' (ids: {}); use an id", .ids.len(), .ids.join(", "))]
    Ambiguous {
        /// The name.
        reference: String,
        /// Their ids.
        ids: Vec<String>,
    },
    /// The connector names a kind the store declares no rules for; nothing
    /// was added.
    #[error(
        "there is no kind '{kind}'; {} (names are case-sensitive)",
        if .kinds.is_empty() { "the store declares no kinds".to_string() } else { format!("the kinds are {}", .kinds.join(", ")) }
    )]
    UnknownKind {
        /// The kind the connector names.
        kind: String,
        /// The kinds the store declares, in its order.
        kinds: Vec<String>,
    },
    /// The connector breaks its kind's rules; nothing was added.
    #[error("the connector breaks {} rule(s) of kind '{kind}': {}", .messages.len(), .messages.join(" "))]
    ValidationFailed {
        /// The kind.
        kind: String,
        /// What each broken rule says (names only, never values).
        messages: Vec<String>,
    },
    /// The store failed.
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl AdminError {
    /// Its stable code, as the CLI prints it.
    pub fn code(&self) -> ErrorCode {
        match self {
            AdminError::Invalid(_) | AdminError::UnknownKind { .. } => ErrorCode::InvalidParameter,
            AdminError::NotFound(_) => ErrorCode::ConnectorNotFound,
            AdminError::Ambiguous { .. } => ErrorCode::AmbiguousConnector,
            AdminError::ValidationFailed { .. } => ErrorCode::ValidationFailed,
            AdminError::Store(error) => store_code(error),
        }
    }
}

/// The code of a store's error when it reaches an administrator directly
/// (through the guest, the action's error gives it the same code).
pub fn store_code(error: &StoreError) -> ErrorCode {
    match error {
        StoreError::PermissionDenied { .. } => ErrorCode::PermissionDenied,
        StoreError::NotFound => ErrorCode::ConnectorNotFound,
        StoreError::Conflict(_) => ErrorCode::Conflict,
        StoreError::Invalid(_) => ErrorCode::ValidationFailed,
        StoreError::Key(_) => ErrorCode::StoreKey,
        StoreError::Tampered { .. } | StoreError::CannotRotate { .. } => ErrorCode::StoreTampered,
        StoreError::NoStore { .. } => ErrorCode::StoreNotFound,
        StoreError::ReadOnly { .. } => ErrorCode::StoreReadOnly,
        StoreError::Schema { .. } => ErrorCode::StoreSchema,
        _ => ErrorCode::StoreUnavailable,
    }
}

/// Turns a [`NewConnector`] into the record to store: checks names, makes an
/// id when none is given, marks secret what the kind's rules make secret,
/// and checks the properties against the kind's rules, as a step's would be.
pub(crate) fn new_record(
    new: NewConnector,
    rules: Option<&KindRules>,
) -> Result<ConnectorRecord, AdminError> {
    if new.name.trim().is_empty() {
        return Err(AdminError::Invalid("a connector needs a name".into()));
    }
    let id = match new.id {
        Some(id) if id.trim().is_empty() => {
            return Err(AdminError::Invalid(
                "a connector id may not be empty".into(),
            ));
        }
        Some(id) => id,
        None => uuid::Uuid::new_v4().to_string(),
    };
    let mut properties = new.properties;
    for p in &mut properties {
        if p.name.is_empty() {
            return Err(AdminError::Invalid(
                "a property name may not be empty".into(),
            ));
        }
        if rules.is_some_and(|r| {
            r.properties
                .iter()
                .any(|rule| rule.name == p.name && rule.secret)
        }) {
            p.secret = true;
        }
    }
    if let Some(rules) = rules {
        let messages = crate::kinds::check_new_properties(rules, &properties);
        if !messages.is_empty() {
            return Err(AdminError::ValidationFailed {
                kind: rules.kind.clone(),
                messages,
            });
        }
    }
    Ok(ConnectorRecord {
        id,
        name: new.name,
        kind: new.kind,
        revision: 1,
        properties,
    })
}

/// Finds a connector by reference as the action does: an exact id wins,
/// else a unique exact name. `id` tells a candidate's id, for the error
/// that lists several.
pub(crate) fn resolve_reference<T>(
    reference: &str,
    by_id: Option<T>,
    by_name: impl FnOnce() -> Result<Vec<T>, StoreError>,
    id: impl Fn(T) -> String,
) -> Result<T, AdminError> {
    if let Some(found) = by_id {
        return Ok(found);
    }
    let mut found = by_name()?;
    match found.len() {
        0 => Err(AdminError::NotFound(reference.to_string())),
        1 => Ok(found.remove(0)),
        _ => Err(AdminError::Ambiguous {
            reference: reference.to_string(),
            ids: found.into_iter().map(id).collect(),
        }),
    }
}

/// [`resolve_reference`] for `caller`: an exact id wins, and is refused if
/// the caller may not use it; else a unique name among the connectors the
/// caller may use ([`usable_candidates`]). Each candidate comes with its grants.
pub(crate) fn resolve_reference_as<T>(
    caller: &Caller,
    reference: &str,
    by_id: Option<(T, Vec<String>)>,
    by_name: impl FnOnce() -> Result<Vec<(T, Vec<String>)>, StoreError>,
    id: impl Fn(&T) -> String,
) -> Result<T, AdminError> {
    if let Some((found, grants)) = by_id {
        check_access(&id(&found), &grants, caller)?;
        return Ok(found);
    }
    let mut found = usable_candidates(caller, by_name()?, || {
        format!("{caller} has no grant on any connector named '{reference}'")
    })?;
    match found.len() {
        0 => Err(AdminError::NotFound(reference.to_string())),
        1 => Ok(found.remove(0)),
        _ => Err(AdminError::Ambiguous {
            reference: reference.to_string(),
            ids: found.iter().map(id).collect(),
        }),
    }
}
