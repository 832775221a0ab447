//! Reading connectors out of the tables: a connector's record with its
//! sealed values opened, and the connector a reference (an id, or a name)
//! names, for an administrator or for a caller. Shared by the
//! administration calls and the calls a step makes.

use secrecy::ExposeSecret;

use super::keys::{Sealers, Unsealed};
use super::manifest::{self, Checked, tampered};
use super::tables::{SealedProperty, Tables};
use crate::error::StoreError;
use crate::model::{Caller, ConnectorRecord, ConnectorSummary, KindRules, PropertyRecord};
use crate::store::{AdminError, resolve_reference, resolve_reference_as};

/// The connector with this id, every value opened.
pub(super) fn load(
    t: &mut dyn Tables,
    sealers: &Sealers,
    id: &str,
) -> Result<Option<ConnectorRecord>, StoreError> {
    let Some(head) = t.head(id)? else {
        return Ok(None);
    };
    let properties = t.properties(id)?;
    let checked = manifest::check(t, sealers, &head, &properties)?;
    // The values first: one this machine lacks the key of names itself.
    let record = open_record(sealers, head, &properties, true, &checked, None)?;
    if let Some(refusal) = checked.refusal(id, &properties) {
        return Err(refusal);
    }
    Ok(Some(record))
}

/// The connector `head` with every value that opens, and the names of the
/// values that are damaged (failed their seal, or are not as the
/// connector's seal lists them, or are listed and gone), left empty in the
/// record. A property is shown secret if its row or its kind's rules
/// (`rules`) say so, whatever the row says.
pub(super) fn open_checked(
    t: &mut dyn Tables,
    sealers: &Sealers,
    head: ConnectorSummary,
    rules: Option<&KindRules>,
) -> Result<(ConnectorRecord, Vec<String>), StoreError> {
    let properties = t.properties(&head.id)?;
    let checked = manifest::check(t, sealers, &head, &properties)?;
    let mut damaged = Vec::new();
    let mut record = open_record(
        sealers,
        head,
        &properties,
        true,
        &checked,
        Some(&mut damaged),
    )?;
    checked.key_checked()?;
    damaged.extend(checked.missing.iter().cloned());
    let listed_secret = |name: &str| checked.manifest.as_ref().is_some_and(|m| m.is_secret(name));
    for p in &mut record.properties {
        p.secret |= rules.is_some_and(|r| r.is_secret(&p.name)) || listed_secret(&p.name);
    }
    Ok((record, damaged))
}

/// A record of `head` with these properties, opened; a secret one is left
/// empty unless `open_secrets`. A value that does not open, or that
/// `checked` found is not as the connector's seal lists it, is
/// [`StoreError::Tampered`], unless `damaged` collects its name: then it is
/// left empty in the record. A value sealed by a key this machine lacks is
/// never taken for damaged: it is the key's error.
pub(super) fn open_record<'a>(
    sealers: &Sealers,
    head: ConnectorSummary,
    properties: impl IntoIterator<Item = &'a SealedProperty>,
    open_secrets: bool,
    checked: &Checked,
    mut damaged: Option<&mut Vec<String>>,
) -> Result<ConnectorRecord, StoreError> {
    let properties = properties
        .into_iter()
        .map(|p| {
            let opened = if checked.damaged.contains(&p.name) {
                Err(Unsealed::Damaged)
            } else if p.secret && !open_secrets {
                return Ok(PropertyRecord::new(p.name.clone(), "", true));
            } else {
                sealers.open(&head.id, &p.name, p.secret, &p.sealed)
            };
            let value = match (opened, &mut damaged) {
                (Ok(value), _) => value,
                (Err(Unsealed::Key(e)), _) => return Err(e.into()),
                (Err(Unsealed::Damaged), Some(damaged)) => {
                    damaged.push(p.name.clone());
                    return Ok(PropertyRecord::new(p.name.clone(), "", p.secret));
                }
                (Err(Unsealed::Damaged), None) => return Err(tampered(&head.id, &p.name)),
            };
            Ok(PropertyRecord::new(
                p.name.clone(),
                value.expose_secret(),
                p.secret,
            ))
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(ConnectorRecord {
        id: head.id,
        name: head.name,
        kind: head.kind,
        revision: head.revision,
        properties,
    })
}

/// The connector an id, or else a unique name, refers to, for an
/// administrator: no caller is checked.
pub(super) fn find_head(
    t: &mut dyn Tables,
    reference: &str,
) -> Result<ConnectorSummary, AdminError> {
    let by_id = t.head(reference)?;
    resolve_reference(reference, by_id, || t.heads_named(reference), |h| h.id)
}

/// [`find_head`] for `caller`: refused if it may not use the connector, and
/// a name is looked up among the connectors it may use only.
pub(super) fn find_usable_head(
    t: &mut dyn Tables,
    caller: &Caller,
    reference: &str,
) -> Result<ConnectorSummary, AdminError> {
    let by_id = match t.head(reference)? {
        Some(head) => {
            let grants = t.grants(&head.id)?;
            Some((head, grants))
        }
        None => None,
    };
    resolve_reference_as(
        caller,
        reference,
        by_id,
        || {
            let named = t.heads_named(reference)?;
            with_grants(t, named)
        },
        |h| h.id.clone(),
    )
}

/// Each connector with its grants.
pub(super) fn with_grants(
    t: &mut dyn Tables,
    heads: Vec<ConnectorSummary>,
) -> Result<Vec<(ConnectorSummary, Vec<String>)>, StoreError> {
    heads
        .into_iter()
        .map(|h| {
            let grants = t.grants(&h.id)?;
            Ok((h, grants))
        })
        .collect()
}

/// The connector a reference names, its values opened (only its own: the
/// other connectors of an ambiguous name are not opened).
pub(super) fn find(
    t: &mut dyn Tables,
    sealers: &Sealers,
    reference: &str,
) -> Result<ConnectorRecord, AdminError> {
    let head = find_head(t, reference)?;
    load(t, sealers, &head.id)?.ok_or_else(|| AdminError::NotFound(reference.to_string()))
}
