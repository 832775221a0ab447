//! What the harness needs from its host: a credential store and a token
//! source, and the stores and token sources that come with it.

pub mod kind_set;
pub mod memory;
mod write;

use connectors_update_model::by_name::ByName;

use crate::error::{ErrorCode, StoreError};
use crate::model::{
    Caller, Change, Connector, ConnectorRecord, ConnectorSummary, NewConnector, WriteMode,
    WriteReceipt,
};
use crate::model::{ChangeOp, KindRules};

/// A credential store the action can read and update.
///
/// One store serves every execution that is handed it, so its methods are
/// called from many threads at once; each call names the [`Caller`]
/// running the step, so the store can refuse.
///
/// Below is the whole contract, each clause named as
/// [`testing`](crate::testing) names it when a store breaks it: run
/// [`testing::check_store`](crate::testing::check_store) in a test to check
/// a store against all of them.
///
/// **Reads.**
/// - `get`: [`get`](Self::get) gives the connector with exactly that id,
///   with its name, kind, revision and every property, each once.
/// - `not-found`: an id no connector has (ids are exact and case-sensitive)
///   is [`StoreError::NotFound`], for `get` and `write` alike.
/// - `secrets-withheld`: a secret property's value is never handed out: `get`
///   shows it as [`StoredValue::Secret`](crate::connector::StoredValue::Secret), and the
///   action can replace it, remove it or merge into it, but never read it.
/// - `find-by-name`: [`find_by_name`](Self::find_by_name) matches names
///   exactly: case-sensitive, no prefix, no trimming, never an id.
/// - `ids-and-names-apart`: the store never holds a connector whose id is
///   another's name, or whose name is another's id; it refuses to add one
///   (the action treats a reference that still matches both as ambiguous).
/// - `rules-and-kinds`: [`kinds`](Self::kinds) lists each kind once, and
///   [`rules`](Self::rules) gives exactly what it lists for that kind, and
///   `None` for a kind it does not list.
///
/// **Access** (the stores that come with the harness: a connector with no
/// grants is open to every caller, anonymous included; one with grants only
/// to its grantees).
/// - `open-without-grants`, `grantee-only`: a caller that may not use a
///   connector gets [`StoreError::PermissionDenied`] from `get` and `write`
///   (commit or preview), and nothing is written.
/// - `find-by-name-access`: `find_by_name` never lists a connector the
///   caller may not use; the harness's stores refuse with `PermissionDenied`
///   (naming no id) when the name matches only such connectors.
///
/// **Writes** ([`write`](Self::write) has the details).
/// - `access-before-revision`, `revision-before-changes`: access is checked
///   first, then the revision, then the changes, so a caller with no access
///   learns no revision, and a stale write is a conflict whatever it asks.
/// - `expected-revision`, `commit-bumps-revision`, `no-op-keeps-revision`,
///   `changed-names`, `removal`, `all-or-nothing`, `secrecy-is-sticky`,
///   `merge-rfc7396`, `no-op-merge-keeps-text`, `secret-merge`,
///   `secret-named-is-changed`, `value-size-limit`,
///   `write-permission`, `merged-values`, `kind-makes-secret`,
///   `preview-writes-nothing`, `preview-checks-revision`,
///   `preview-reports-as-commit`.
///
/// Every message of a [`StoreError`] a store returns reaches the action's
/// errors and the engine's logs: it names properties, never a value.
pub trait CredentialStore: Send + Sync {
    /// The connector with exactly this id (`get`), secrets withheld
    /// (`secrets-withheld`): [`StoreError::NotFound`] when no connector has
    /// it (`not-found`), [`StoreError::PermissionDenied`] when `caller` may
    /// not use it.
    ///
    /// A property is shown as [`StoredValue::Secret`](crate::connector::StoredValue::Secret)
    /// when it is stored as a secret or its kind's rules make it one
    /// ([`KindRules::is_secret`]), whatever the write that set it said.
    fn get(&self, caller: &Caller, id: &str) -> Result<Connector, StoreError>;

    /// Every connector whose name is exactly `name` (case-sensitive; an id
    /// is not a name) that `caller` may use, in any order (`find-by-name`).
    /// A connector the caller may not use is never listed; the stores that
    /// come with the harness refuse with [`StoreError::PermissionDenied`]
    /// (naming no id) when the name matches only such connectors, rather
    /// than answer as if the name were free (`find-by-name-access`).
    fn find_by_name(
        &self,
        caller: &Caller,
        name: &str,
    ) -> Result<Vec<ConnectorSummary>, StoreError>;

    /// The rules of a connector kind: `Ok(None)` when the store declares
    /// none. It must agree with [`kinds`](Self::kinds) (`rules-and-kinds`),
    /// and with the rules the store enforces in [`write`](Self::write).
    fn rules(&self, caller: &Caller, kind: &str) -> Result<Option<KindRules>, StoreError>;

    /// Every kind the store declares rules for, each once, for `describe`
    /// (and for `validate`'s deprecation warnings): exactly what
    /// [`rules`](Self::rules) gives for each (`rules-and-kinds`).
    fn kinds(&self, caller: &Caller) -> Result<Vec<KindRules>, StoreError>;

    /// Applies `changes` to the connector `id`, all or none, if it is at
    /// `expected_revision`, and tells the revision and the names changed.
    ///
    /// In this order, each refusal writing nothing:
    /// 1. [`StoreError::NotFound`] when no connector has the id, and
    ///    [`StoreError::PermissionDenied`] when `caller` may not use it
    ///    (`access-before-revision`: before the revision, so the refusal
    ///    tells no revision).
    /// 2. [`StoreError::Conflict`]`(current)` when the connector is not at
    ///    `expected_revision`, naming the revision it is at
    ///    (`expected-revision`), whatever the changes ask
    ///    (`revision-before-changes`).
    /// 3. The kind's `write-permission`s, on every name the changes name,
    ///    before any value is compared: [`check_write_permissions`]
    ///    (`write-permission`; a guarded property sent with the value it
    ///    holds is refused as any other value is, so that a refusal tells
    ///    nothing of the value).
    /// 4. The changes, applied in order to a copy, as
    ///    [`ConnectorRecord::apply`] does (a store that keeps
    ///    [`ConnectorRecord`]s can call it); a
    ///    [`ChangeOp::Merge`](crate::connector::ChangeOp::Merge) whose patch is not a
    ///    JSON object refuses the whole write, naming the property (the
    ///    action never sends one).
    /// 5. The values merged in the store against the kind's format, length
    ///    and JSON rules: [`check_merged_values`], [`StoreError::Invalid`]
    ///    (`merged-values`).
    ///
    /// A refusal at any step writes nothing, not even the changes before
    /// the one refused (`all-or-nothing`).
    ///
    /// What the changes do:
    /// - A `Set` stores the value; a `Remove` removes the property, and
    ///   removing an absent one changes nothing (`removal`).
    /// - Secrecy is sticky (`secrecy-is-sticky`): a `Set` or `Merge` marked
    ///   secret makes the property secret; one marked not secret leaves a
    ///   secret property secret; a property its kind's rules make secret is
    ///   secret whatever the change says (`kind-makes-secret`). A change of
    ///   secrecy alone (a plain value set again, marked secret) is a change.
    /// - A `Merge` is RFC 7396 JSON Merge Patch, done in the store
    ///   (`merge-rfc7396`), so a secret is merged without leaving it
    ///   (`secret-merge`): the patch merged into the stored value, where a
    ///   stored value that is absent or not a JSON object counts as `{}`.
    /// - A change that leaves a plain property's value and secrecy as they
    ///   were is no change, and keeps the stored text exactly as it was: a
    ///   `Set` to the same text, or a `Merge` whose result equals the stored
    ///   value (`no-op-merge-keeps-text`: `{"a":1}` merged into `{ "a": 1 }`
    ///   leaves `{ "a": 1 }`, spacing and key order included).
    /// - A `Set` or `Merge` of a secret (stored as one, marked as one, or
    ///   made one by its kind) is always a change, whatever it holds
    ///   (`secret-named-is-changed`): no answer may tell whether it equals
    ///   the stored secret, or which keys a secret JSON value holds.
    ///
    /// The receipt:
    /// - [`WriteReceipt::changed`](crate::connector::WriteReceipt::changed) lists only
    ///   the names whose stored value or secrecy changed, each once, in the
    ///   order of the changes that first changed them (`changed-names`).
    /// - A commit that changes something leaves the connector at
    ///   `expected_revision + 1`, exactly, and its receipt says so
    ///   (`commit-bumps-revision`); a write that changes nothing writes
    ///   nothing and leaves the revision alone (`no-op-keeps-revision`).
    ///
    /// [`WriteMode::Preview`] writes nothing (`preview-writes-nothing`), but
    /// checks and reports exactly as a commit would: it is refused where the
    /// commit would be, with the same error (the revision
    /// (`preview-checks-revision`), access, permissions, merged values),
    /// and otherwise lists the same `changed` (`preview-reports-as-commit`).
    /// Its receipt's revision is the connector's current one (which is
    /// `expected_revision`), not the one a commit would leave: the action's
    /// dry run reports `revision_after` = `revision_before`.
    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected_revision: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError>;

    /// Who this store is, for the harness's per-connector queue: executions
    /// in one process whose stores give the same identity take turns on
    /// each connector, from their first read of it to their end, so that
    /// under load they queue instead of failing each other's
    /// compare-and-set (the compare-and-set still guards every write).
    ///
    /// By default a store is known by its address, so the executions that
    /// share one store value (one `Arc`) queue together. Two handles on one
    /// database should give the same identity (the harness's SQL stores give
    /// their location); a wrapper that an engine makes per execution (to
    /// carry a tenant or a trace) has a new address each time, so it should
    /// give its inner store's, or its executions stop queueing. `None` puts
    /// the store in no queue: concurrent steps on one connector then rely on
    /// the compare-and-set and its retries alone.
    fn identity(&self) -> Option<String> {
        Some(format!("at:{:p}", std::ptr::from_ref(self).cast::<()>()))
    }
}

/// The grant rule of the stores that come with the harness: a connector with
/// no grants is open to everyone; one with grants only to those principals
/// (an anonymous caller is never one of them).
pub fn may_use(grants: &[String], caller: &Caller) -> bool {
    grants.is_empty()
        || caller
            .name()
            .is_some_and(|name| grants.iter().any(|g| g == name))
}

/// [`may_use`], as the refusal naming the connector.
pub fn check_access(id: &str, grants: &[String], caller: &Caller) -> Result<(), StoreError> {
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
pub fn usable_candidates<T>(
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
pub fn no_grant_on_name(caller: &Caller) -> String {
    format!("{caller} has no grant on any connector of that name")
}

/// Refuses a write that names a property whose rule in `rules` needs a
/// permission `caller` does not hold, naming the first such property.
///
/// It looks at the names the changes name, not at what they would change,
/// and the stores that come with the harness call it in every write,
/// previews included, after the access and revision checks and *before*
/// any change is applied or any value compared: so a caller without the
/// permission learns nothing of a guarded value (a right guess of it and
/// a wrong one are refused alike), nor whether a key inside it exists.
/// Removing a guarded property, even one that is absent, names it too.
/// (The mask `******` for a secret is no change and never reaches a store.)
pub fn check_write_permissions(
    rules: Option<&KindRules>,
    caller: &Caller,
    changes: &[Change],
) -> Result<(), StoreError> {
    let Some(rules) = rules else {
        return Ok(());
    };
    // The rules by name, so that a write of N changes is linear in N.
    let rule_of = ByName::new(&rules.properties);
    for change in changes {
        let name = &change.name;
        if let Some(permission) = rule_of
            .get(name)
            .and_then(|r| r.write_permission.as_deref())
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

/// Refuses a write that leaves `merged` (the connector as the write would
/// leave it) with a value over the per-value size limit
/// ([`MAX_VALUE_BYTES`](connectors_update_model::value_size::MAX_VALUE_BYTES),
/// the descriptor's, for every value a change sets or merges, with or
/// without a kind: a deep merge can grow a value past it one small patch at
/// a time), or whose [`ChangeOp::Merge`](crate::connector::ChangeOp::Merge)s
/// leave a value that breaks the format, length or JSON rules of its
/// property in `rules`. The guest checks every value it can see; a secret
/// merged in the store is seen only here. The stores that come with the
/// harness call it in every write, previews included, after applying the
/// changes and before committing.
pub fn check_merged_values(
    rules: Option<&KindRules>,
    changes: &[Change],
    merged: &ConnectorRecord,
) -> Result<(), StoreError> {
    use connectors_update_model::value_size::{MAX_VALUE_BYTES, check_value_size};
    use secrecy::ExposeSecret;
    let mut violations = Vec::new();
    let touched: std::collections::HashSet<&str> = changes
        .iter()
        .filter(|c| !matches!(c.op, ChangeOp::Remove))
        .map(|c| c.name.as_str())
        .collect();
    if !touched.is_empty() {
        let mut seen = std::collections::HashSet::new();
        for p in &merged.properties {
            if touched.contains(p.name.as_str()) && seen.insert(p.name.as_str()) {
                violations.extend(check_value_size(
                    &p.name,
                    p.value.expose_secret(),
                    MAX_VALUE_BYTES,
                ));
            }
        }
    }
    if let Some(rules) = rules {
        violations.extend(crate::kinds::check_merged_values(rules, changes, merged));
    }
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
            AdminError::Store(error) => error.code(),
        }
    }
}

/// Turns a [`NewConnector`] into the record to store: checks names, makes an
/// id when none is given, marks secret what the kind's rules make secret,
/// and checks the properties against the kind's rules, as a step's would be.
pub fn new_record(
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
        // The action's own rule: a name holds nothing that cannot be seen.
        if let Err(problem) = connectors_update_model::property_name::check_property_name(&p.name) {
            return Err(AdminError::Invalid(format!(
                "the property name '{}' is refused: {problem}",
                connectors_update_model::property_name::escape_invisible(&p.name)
            )));
        }
        if rules.is_some_and(|r| r.is_secret(&p.name)) {
            p.secret = true;
        }
        if let Some(v) = connectors_update_model::value_size::check_value_size(
            &p.name,
            secrecy::ExposeSecret::expose_secret(&p.value),
            connectors_update_model::value_size::MAX_VALUE_BYTES,
        ) {
            return Err(AdminError::Invalid(v.message));
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

/// Refuses a new connector whose id is another connector's name
/// (`id_is_a_name`) or whose name is another connector's id
/// (`name_is_an_id`): ids and names never stand for each other, so such a
/// pair would make every step that names either one ambiguous, and let
/// whoever may add a connector capture the steps that name another by
/// name. (A connector whose id is its own name is no such pair.) The
/// message names neither the other connector nor its id.
pub fn refuse_id_name_collision(
    record: &ConnectorRecord,
    id_is_a_name: bool,
    name_is_an_id: bool,
) -> Result<(), AdminError> {
    if id_is_a_name {
        return Err(AdminError::Invalid(format!(
            "the id '{}' is the name of another connector: ids and names never stand for each other, so a step naming it would be ambiguous; choose another id",
            record.id
        )));
    }
    if name_is_an_id {
        return Err(AdminError::Invalid(format!(
            "the name '{}' is the id of another connector: ids and names never stand for each other, so a step naming it would be ambiguous; choose another name",
            record.name
        )));
    }
    Ok(())
}

/// Finds a connector by reference as the action does: an exact id wins,
/// else a unique exact name. `id` tells a candidate's id, for the error
/// that lists several.
pub fn resolve_reference<T>(
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
pub fn resolve_reference_as<T>(
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
