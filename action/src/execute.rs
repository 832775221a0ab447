//! Executing a step: resolve tokens, find the connector, merge, check the
//! kind's rules, and write with one compare-and-set, re-reading and
//! re-applying on a conflict a bounded number of times.
//!
//! Re-applying is safe because a step's inputs are absolute values: once the
//! parameters are resolved, the same changes are computed afresh against
//! whatever the other writer left.

use crate::dynamic_properties::{DynamicProperty, key_field, resolve_dynamic_properties};
use crate::error::StoreError;
use crate::error::{ActionError, AmbiguousConnector, ConnectorNotFound};
use crate::limits::{Limit, Limits};
use crate::merge::{Update, classify, collect_updates, merge_properties};
use crate::model::{
    Change, ChangeOp, Connector, ConnectorSummary, KindRules, Outcome, Step, WriteMode,
    WriteReceipt,
};
use crate::property_name::check_property_name;
use crate::rules::{check_merged, merged_names};
use crate::shown_names::ShownNames;
use crate::step::{check_revision, missing_value};
use crate::tokens::{Field, ImportedTokens, TokenResolver, find_tokens, shown_template};
use crate::value_size::check_value_size;

/// How many times a write is tried when other writers keep getting there first.
pub const MAX_WRITE_ATTEMPTS: u32 = 16;

/// The host's `credential-store` import, as the action calls it: the
/// guest's side of the boundary (the host's own trait, with callers and
/// threads, is the harness's `CredentialStore`).
pub trait ImportedStore {
    /// The connector with this exact id, secrets withheld.
    fn get(&mut self, id: &str) -> Result<Connector, StoreError>;
    /// The connectors with this exact name.
    fn find_by_name(&mut self, name: &str) -> Result<Vec<ConnectorSummary>, StoreError>;
    /// The rules of a kind: `None` when the store declares none.
    fn rules(&mut self, kind: &str) -> Result<Option<KindRules>, StoreError>;
    /// The compare-and-set write.
    fn write(
        &mut self,
        id: &str,
        expected_revision: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError>;
}

/// Everything the action needs from its host: the store and the tokens.
pub trait Host: ImportedStore + ImportedTokens {}
impl<T: ImportedStore + ImportedTokens> Host for T {}

/// Runs `step` against `host`.
pub fn execute(step: &Step, host: &mut dyn Host, limits: &Limits) -> Result<Outcome, ActionError> {
    check_step_limits(step, limits)?;
    if let Some(revision) = step.expected_revision {
        check_revision(revision)?;
    }
    let (reference, updates, shown_names) = {
        let mut tokens = TokenResolver::new(host, *limits);
        resolve_parameters(step, &mut tokens, limits)?
    };
    let reference = Reference::new(&step.entry_id, reference);
    let mut connector = find_connector(host, &reference)?;
    let rules = match connector.kind.as_deref() {
        Some(kind) => host
            .rules(kind)
            .map_err(|e| ActionError::from_store(e, &connector.id, connector.revision))?,
        None => None,
    };
    let mode = if step.dry_run {
        WriteMode::Preview
    } else {
        WriteMode::Commit
    };
    let mut attempt = 1;
    loop {
        if let Some(expected) = step.expected_revision
            && connector.revision != expected
        {
            return Err(ActionError::conflict(
                &connector.id,
                expected,
                connector.revision,
            ));
        }
        let changes = merge_properties(&connector, &updates, rules.as_ref(), step.merge_mode);
        {
            // The names once merged, found once for the limit and the rules.
            let names = merged_names(&connector, &changes);
            // The limit covers what the connector holds after the merge, not
            // only what the step names.
            if names.len() > limits.properties {
                return Err(ActionError::limit_exceeded(
                    "Properties",
                    Limit::Properties,
                    limits,
                ));
            }
            // A deep merge can grow a value past the per-value limit that
            // each input is held to.
            let mut violations: Vec<_> = changes
                .iter()
                .filter_map(|change| match &change.op {
                    ChangeOp::Set { value, .. } => {
                        check_value_size(&change.name, value, limits.value_bytes)
                    }
                    _ => None,
                })
                .collect();
            if let Some(rules) = &rules {
                violations.extend(check_merged(&connector, &changes, rules, &names));
            }
            if !violations.is_empty() {
                return Err(shown_names.hide(ActionError::validation_failed(
                    &connector.id,
                    rules.as_ref().map(|r| r.kind.as_str()),
                    violations,
                )));
            }
        }
        if changes.is_empty() {
            return Ok(outcome(&connector, &[], None, step.dry_run));
        }
        match host.write(&connector.id, connector.revision, &changes, mode) {
            Ok(receipt) => return Ok(outcome(&connector, &changes, Some(&receipt), step.dry_run)),
            // Another writer got there first: re-read, and re-apply on the next turn.
            Err(StoreError::Conflict(_))
                if step.expected_revision.is_none() && attempt < MAX_WRITE_ATTEMPTS =>
            {
                attempt += 1;
                connector = host
                    .get(&connector.id)
                    .map_err(|e| ActionError::from_store(e, &connector.id, connector.revision))?;
            }
            Err(error) => {
                return Err(shown_names.hide(ActionError::from_store(
                    error,
                    &connector.id,
                    connector.revision,
                )));
            }
        }
    }
}

/// Refuses a step whose size alone crosses a limit, before any work. The
/// order of the checks is part of the contract with hosts: the EntryId's
/// size, the number of rows, the PropertiesJson's size, each row's size,
/// then the step's total size.
/// A host that refuses to lift a huge step passes a small stand-in that
/// crosses the same first limit, and gets the same error.
pub fn check_step_limits(step: &Step, limits: &Limits) -> Result<(), ActionError> {
    if step.entry_id.len() > limits.entry_id_bytes {
        return Err(ActionError::limit_exceeded(
            "EntryId",
            Limit::EntryIdBytes,
            limits,
        ));
    }
    if step.properties.len() > limits.properties_rows {
        return Err(ActionError::limit_exceeded(
            "Properties",
            Limit::PropertiesRows,
            limits,
        ));
    }
    if step.properties_json.len() > limits.properties_json_bytes {
        return Err(ActionError::limit_exceeded(
            "PropertiesJson",
            Limit::PropertiesJsonBytes,
            limits,
        ));
    }
    for (i, row) in step.properties.iter().enumerate() {
        if row.name.len() > limits.value_bytes {
            return Err(ActionError::limit_exceeded(
                &format!("Properties[{i}].PropertyName"),
                Limit::ValueBytes,
                limits,
            ));
        }
        if row.value_text().len() > limits.value_bytes {
            return Err(ActionError::limit_exceeded(
                &format!("Properties[{i}].PropertyValue"),
                Limit::ValueBytes,
                limits,
            ));
        }
    }
    // A step's fields together are never larger than its JSON text could be.
    let total = step.entry_id.len()
        + step.properties_json.len()
        + step
            .properties
            .iter()
            .map(|row| row.name.len() + row.value_text().len())
            .sum::<usize>();
    if total > limits.step_json_bytes {
        return Err(ActionError::limit_exceeded(
            "step",
            Limit::StepJsonBytes,
            limits,
        ));
    }
    Ok(())
}

/// Resolves the connector reference and all properties, once per
/// execution, with how errors show the names that tokens made.
fn resolve_parameters(
    step: &Step,
    tokens: &mut TokenResolver<'_>,
    limits: &Limits,
) -> Result<(String, Vec<Update>, ShownNames), ActionError> {
    let reference = tokens.resolve("EntryId", &step.entry_id)?;
    if reference.trim().is_empty() {
        let message = if step.entry_id.trim().is_empty() {
            "EntryId: the Connector parameter is required; give the id or name of an existing connector."
        } else {
            "EntryId: the Connector parameter is empty once its tokens are resolved; give the id or name of an existing connector."
        };
        return Err(ActionError::invalid_parameter("EntryId", message));
    }
    if reference.len() > limits.entry_id_bytes {
        return Err(ActionError::limit_exceeded(
            "EntryId",
            Limit::EntryIdBytes,
            limits,
        ));
    }
    let mut rows = Vec::with_capacity(step.properties.len());
    let mut shown_names = ShownNames::default();
    for (i, row) in step.properties.iter().enumerate() {
        // The fields' names are written out only for an error.
        let name_field = Field::Row(i, "PropertyName");
        let name = tokens.resolve(name_field, &row.name)?;
        if name.is_empty() {
            let name_field = name_field.text();
            return Err(ActionError::invalid_parameter(
                name_field.as_ref(),
                format!(
                    "{name_field}: the property name is empty; give every row a name (names are case-sensitive)."
                ),
            ));
        }
        if name.chars().count() > limits.name_chars {
            return Err(ActionError::limit_exceeded(
                &name_field.text(),
                Limit::NameChars,
                limits,
            ));
        }
        let made = row.name.contains('[') && find_tokens(&row.name).next().is_some();
        if let Err(problem) = check_property_name(&name) {
            let made = if made {
                " (the name its tokens give)"
            } else {
                ""
            };
            let name_field = name_field.text();
            return Err(ActionError::invalid_parameter(
                name_field.as_ref(),
                format!("{name_field}: {problem}{made}."),
            ));
        }
        shown_names.note(&name, made.then(|| shown_template(&row.name)), || {
            name_field.text().into_owned()
        });
        let value_field = Field::Row(i, "PropertyValue");
        let Some(value) = &row.value else {
            return Err(missing_value(i));
        };
        let value = tokens.resolve(value_field, value)?;
        if value.len() > limits.value_bytes {
            return Err(ActionError::limit_exceeded(
                &value_field.text(),
                Limit::ValueBytes,
                limits,
            ));
        }
        rows.push((name, value));
    }
    let dynamic = resolve_dynamic_properties(&step.properties_json, tokens, limits)?;
    for property in &dynamic {
        shown_names.note(&property.name, property.source.shown(), || {
            key_field(property, limits)
        });
    }
    let updates = collect_updates(rows, dynamic.into_iter().map(DynamicProperty::into_pair));
    if updates.len() > limits.properties {
        return Err(ActionError::limit_exceeded(
            "Properties",
            Limit::Properties,
            limits,
        ));
    }
    Ok((reference, updates, shown_names))
}

/// The connector reference a step gives: the text to look up, and how
/// errors show it. A reference that came from tokens is shown as written,
/// tokens unresolved: a token's value is the host's, and may be secret.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Reference {
    /// The reference after token resolution.
    pub resolved: String,
    /// What errors show.
    pub shown: String,
}

impl Reference {
    /// The reference `resolved` from `written`, the `EntryId` as written.
    pub fn new(written: &str, resolved: String) -> Self {
        let shown = if find_tokens(written).next().is_some() {
            shown_template(written)
        } else {
            resolved.clone()
        };
        Reference { resolved, shown }
    }

    /// `error` with the resolved reference replaced by the shown one in its
    /// words: a store that refuses a lookup names what it was asked for,
    /// which, from tokens, is the host's value.
    pub fn hide(&self, error: StoreError) -> StoreError {
        if self.shown == self.resolved || self.resolved.is_empty() {
            return error;
        }
        let hide = |text: String| text.replace(&self.resolved, &self.shown);
        match error {
            StoreError::PermissionDenied { property, reason } => StoreError::PermissionDenied {
                property,
                reason: hide(reason),
            },
            StoreError::Unavailable(reason) => StoreError::Unavailable(hide(reason)),
            other => other,
        }
    }

    /// A reference written without tokens.
    pub fn literal(reference: &str) -> Self {
        Reference {
            resolved: reference.to_string(),
            shown: reference.to_string(),
        }
    }
}

/// Finds the connector a reference names: an exact id wins, else a unique
/// exact name. Ids and names never stand for each other: a reference that
/// is one connector's id and another's name is ambiguous, whichever the
/// caller meant, so that nobody can capture a step that names a connector
/// by adding another whose id is that name (or whose name is that id). It
/// costs a name lookup besides the id's; a store that refuses such a pair
/// when it is added (as the harness's stores do) never gets here.
pub fn find_connector(
    store: &mut dyn Host,
    reference: &Reference,
) -> Result<Connector, ActionError> {
    let shown = reference.shown.as_str();
    // How the messages below quote the reference, written out only for one.
    let quoted = || {
        if reference.shown == reference.resolved {
            format!("'{shown}'")
        } else {
            format!("that the tokens of '{shown}' give")
        }
    };
    // An id closed to the caller is refused as it is: the step fails, and
    // nothing is written to a connector of that name either.
    let by_id = match store.get(&reference.resolved) {
        Ok(connector) => Some(connector),
        Err(StoreError::NotFound) => None,
        Err(error) => return Err(ActionError::from_store(reference.hide(error), shown, 0)),
    };
    let named = match (store.find_by_name(&reference.resolved), &by_id) {
        (Ok(named), _) => named,
        // Every connector of that name is closed to the caller: with an id
        // to go by, the caller's view holds one connector.
        (Err(StoreError::PermissionDenied { .. }), Some(_)) => Vec::new(),
        (Err(error), _) => return Err(ActionError::from_store(reference.hide(error), shown, 0)),
    };
    if let Some(by_id) = by_id {
        let others: Vec<String> = named
            .iter()
            .filter(|c| c.id != reference.resolved)
            .map(|c| c.id.clone())
            .collect();
        if others.is_empty() {
            return Ok(by_id);
        }
        let candidates: Vec<String> = std::iter::once(reference.resolved.clone())
            .chain(others)
            .collect();
        return Err(ActionError::AmbiguousConnector(AmbiguousConnector {
            reference: shown.to_string(),
            message: format!(
                "EntryId: {} is the id of one connector and the name of {} other(s) (ids: {}); \
                 ids and names never stand for each other, so the step names none of them. \
                 Use the id of the one to update, and rename the others.",
                quoted(),
                candidates.len() - 1,
                candidates.join(", ")
            ),
            candidates,
        }));
    }
    match named.as_slice() {
        [] => Err(ActionError::ConnectorNotFound(ConnectorNotFound {
            reference: shown.to_string(),
            message: format!(
                "EntryId: no connector has the id or name {}. Names are case-sensitive; \
                 this action updates existing connectors and never creates one.",
                quoted()
            ),
        })),
        [one] => store
            .get(&one.id)
            .map_err(|e| ActionError::from_store(e, &one.id, 0)),
        many => {
            let candidates: Vec<String> = many.iter().map(|c| c.id.clone()).collect();
            Err(ActionError::AmbiguousConnector(AmbiguousConnector {
                reference: shown.to_string(),
                message: format!(
                    "EntryId: {} connectors are named {} (ids: {}); use the id of the one to update.",
                    candidates.len(),
                    quoted(),
                    candidates.join(", ")
                ),
                candidates,
            }))
        }
    }
}

fn outcome(
    connector: &Connector,
    changes: &[Change],
    receipt: Option<&WriteReceipt>,
    dry_run: bool,
) -> Outcome {
    let (added, changed, removed) = match receipt {
        Some(receipt) => classify(connector, changes, receipt),
        None => Default::default(),
    };
    let unchanged = added.is_empty() && changed.is_empty() && removed.is_empty();
    let revision_after = match receipt {
        Some(receipt) if !dry_run && !unchanged => receipt.revision,
        _ => connector.revision,
    };
    Outcome {
        id: connector.id.clone(),
        name: connector.name.clone(),
        revision_before: connector.revision,
        revision_after,
        added,
        changed,
        removed,
        unchanged,
        dry_run,
    }
}

#[cfg(test)]
mod tests;
