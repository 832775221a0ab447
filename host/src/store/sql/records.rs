//! Reading connectors out of the tables: a connector's record with its
//! sealed values opened, and the connector a reference (an id, or a name)
//! names, for an administrator or for a caller. Shared by the
//! administration calls and the calls a step makes.

use secrecy::ExposeSecret;

use super::keys::{Sealers, Unsealed};
use super::tables::{SealedProperty, Tables};
use crate::error::StoreError;
use crate::model::{Caller, ConnectorRecord, ConnectorSummary, PropertyRecord};
use crate::store::{AdminError, resolve_reference, resolve_reference_as};

/// The refusal of a value that fails its integrity check.
pub(super) fn tampered(connector: &str, property: &str) -> StoreError {
    StoreError::Tampered {
        connector: connector.to_string(),
        property: property.to_string(),
    }
}

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
    Ok(Some(open_record(sealers, head, &properties, true, None)?))
}

/// A record of `head` with these properties, opened; a secret one is left
/// empty unless `open_secrets`. A value that does not open is
/// [`StoreError::Tampered`], unless `damaged` collects its name: then it is
/// left empty in the record. A value sealed by a key this machine lacks is
/// never taken for damaged: it is the key's error.
pub(super) fn open_record<'a>(
    sealers: &Sealers,
    head: ConnectorSummary,
    properties: impl IntoIterator<Item = &'a SealedProperty>,
    open_secrets: bool,
    mut damaged: Option<&mut Vec<String>>,
) -> Result<ConnectorRecord, StoreError> {
    let properties = properties
        .into_iter()
        .map(|p| {
            if p.secret && !open_secrets {
                return Ok(PropertyRecord::new(p.name.clone(), "", true));
            }
            let value = match (sealers.open(&head.id, &p.name, &p.sealed), &mut damaged) {
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
