//! What a store answered, turned into [`Breach`]es that name clauses,
//! properties, revisions and error kinds, never a value.

use crate::error::StoreError;
use crate::model::{Caller, Connector, StoredValue, WriteReceipt};
use crate::store::CredentialStore;

use super::Breach;
use super::fixture::SECRET;

pub(super) fn breach(
    clause: &'static str,
    expected: impl Into<String>,
    seen: impl Into<String>,
) -> Breach {
    // What a breach says of the store's answers (a property name, an id)
    // comes from the store, which may have put a secret there.
    let clean = |text: String| text.replace(SECRET, "******");
    Breach {
        clause,
        expected: clean(expected.into()),
        seen: clean(seen.into()),
    }
}

/// An error as a breach names it: its kind, and the revision or property
/// it carries; never its message, which a broken store may fill with a value.
pub(super) fn describe(error: &StoreError) -> String {
    match error {
        StoreError::NotFound => "StoreError::NotFound".into(),
        StoreError::Conflict(revision) => format!("StoreError::Conflict({revision})"),
        StoreError::PermissionDenied {
            property: Some(p), ..
        } => format!("StoreError::PermissionDenied naming property '{p}'"),
        StoreError::PermissionDenied { property: None, .. } => {
            "StoreError::PermissionDenied naming no property".into()
        }
        StoreError::Invalid(violations) => format!(
            "StoreError::Invalid naming {:?}",
            violations
                .iter()
                .map(|v| v.property.as_str())
                .collect::<Vec<_>>()
        ),
        StoreError::Unavailable(_) => "StoreError::Unavailable".into(),
        _ => "a StoreError of another kind".into(),
    }
}

pub(super) fn describe_receipt(receipt: &WriteReceipt) -> String {
    format!(
        "revision {} with changed {:?}",
        receipt.revision, receipt.changed
    )
}

pub(super) fn describe_result(result: &Result<WriteReceipt, StoreError>) -> String {
    match result {
        Ok(receipt) => format!("success: {}", describe_receipt(receipt)),
        Err(error) => describe(error),
    }
}

/// `result`, or the breach that `what` failed.
pub(super) fn ok<T>(
    clause: &'static str,
    what: &str,
    result: Result<T, StoreError>,
) -> Result<T, Breach> {
    result.map_err(|e| breach(clause, format!("{what} to succeed"), describe(&e)))
}

/// A write that must succeed with exactly this receipt.
pub(super) fn receipt(
    clause: &'static str,
    what: &str,
    result: Result<WriteReceipt, StoreError>,
    revision: u64,
    changed: &[&str],
) -> Result<(), Breach> {
    let receipt = ok(clause, what, result)?;
    if receipt.revision != revision || receipt.changed != changed {
        return Err(breach(
            clause,
            format!("{what} to answer revision {revision} with changed {changed:?}"),
            describe_receipt(&receipt),
        ));
    }
    Ok(())
}

/// A call that must be refused with an error `wanted` accepts.
pub(super) fn refused<T>(
    clause: &'static str,
    what: &str,
    result: Result<T, StoreError>,
    expected: &str,
    wanted: impl Fn(&StoreError) -> bool,
) -> Result<(), Breach> {
    match result {
        Err(e) if wanted(&e) => Ok(()),
        Err(e) => Err(breach(
            clause,
            format!("{what} to be refused with {expected}"),
            describe(&e),
        )),
        Ok(_) => Err(breach(
            clause,
            format!("{what} to be refused with {expected}"),
            "success",
        )),
    }
}

pub(super) fn denied(e: &StoreError) -> bool {
    matches!(e, StoreError::PermissionDenied { .. })
}

/// What `get` shows of one property, for a breach: no value.
pub(super) fn describe_value(value: Option<&StoredValue>) -> String {
    match value {
        None => "no such property".into(),
        Some(StoredValue::Secret) => "a secret (withheld)".into(),
        Some(StoredValue::Plain(_)) => "a plain value".into(),
    }
}

/// What the connector `id` must look like after something: its revision,
/// and each named property plain with this text, secret, or absent.
pub(super) fn state(
    clause: &'static str,
    when: &str,
    store: &dyn CredentialStore,
    caller: &Caller,
    id: &str,
    revision: u64,
    expected: &[(&str, Expect<'_>)],
) -> Result<Connector, Breach> {
    let connector = ok(
        clause,
        &format!("get of '{id}' {when}"),
        store.get(caller, id),
    )?;
    if connector.revision != revision {
        return Err(breach(
            clause,
            format!("'{id}' at revision {revision} {when}"),
            format!("revision {}", connector.revision),
        ));
    }
    for (name, expect) in expected {
        let value = connector.property(name).map(|p| &p.value);
        let fits = match (expect, value) {
            (Expect::Absent, None) | (Expect::Secret, Some(StoredValue::Secret)) => true,
            (Expect::Text(text), Some(StoredValue::Plain(seen))) => seen == text,
            (Expect::Json(json), Some(StoredValue::Plain(seen))) => {
                serde_json::from_str::<serde_json::Value>(seen).ok()
                    == serde_json::from_str::<serde_json::Value>(json).ok()
            }
            _ => false,
        };
        if !fits {
            let seen = match (expect, value) {
                (Expect::Text(_) | Expect::Json(_), Some(StoredValue::Plain(_))) => {
                    "a plain value with other text".to_string()
                }
                _ => describe_value(value),
            };
            return Err(breach(
                clause,
                format!("property '{name}' of '{id}' {} {when}", expect.words()),
                seen,
            ));
        }
    }
    Ok(connector)
}

/// What one property must be, for [`state`].
#[derive(Clone, Copy)]
pub(super) enum Expect<'a> {
    /// Plain, with exactly this text.
    Text(&'a str),
    /// Plain, with text that parses to the same JSON value as this.
    Json(&'a str),
    /// Secret: withheld.
    Secret,
    /// Not there.
    Absent,
}

impl Expect<'_> {
    fn words(&self) -> &'static str {
        match self {
            Expect::Text(_) => "plain with the text it should hold",
            Expect::Json(_) => "plain with the JSON value RFC 7396 gives",
            Expect::Secret => "secret",
            Expect::Absent => "absent",
        }
    }
}
