//! The write algorithm the stores that come with the harness share: how a
//! write's changes meet a connector's stored properties. Each store wraps it
//! in its own transaction, and checks access, the revision, the kind's
//! write permissions and merged values around it.

use secrecy::{ExposeSecret, SecretString};

use crate::error::StoreError;
use crate::model::{Change, ChangeOp, ConnectorRecord, PropertyRecord};

impl ConnectorRecord {
    /// Applies `changes` to the properties, returning the names whose value
    /// or secrecy changed. The revision is left to the caller, which
    /// increases it only if something changed and the write commits.
    ///
    /// A [`ChangeOp::Merge`] whose patch is not a JSON object is refused
    /// whole, naming the property: the action never sends one.
    pub fn apply(&mut self, changes: &[Change]) -> Result<Vec<String>, StoreError> {
        let mut changed = Vec::new();
        for change in changes {
            let at = self.properties.iter().position(|p| p.name == change.name);
            let merged;
            let (value, secret) = match &change.op {
                ChangeOp::Remove => {
                    if let Some(i) = at {
                        self.properties.remove(i);
                        if !changed.contains(&change.name) {
                            changed.push(change.name.clone());
                        }
                    }
                    continue;
                }
                ChangeOp::Set { value, secret } => (value, *secret),
                ChangeOp::Merge { patch, secret } => {
                    let target = at.map(|i| self.properties[i].value.expose_secret());
                    merged = merge_json(target, patch.expose_secret()).ok_or_else(|| {
                        StoreError::Unavailable(format!(
                            "the merge into property '{}' was not given a JSON object",
                            change.name
                        ))
                    })?;
                    (&merged, *secret)
                }
            };
            let did_change = match at {
                Some(i) => {
                    let p = &mut self.properties[i];
                    let differs =
                        p.value.expose_secret() != value.expose_secret() || (secret && !p.secret);
                    if differs {
                        p.value = value.clone();
                        p.secret |= secret;
                    }
                    differs
                }
                None => {
                    self.properties.push(PropertyRecord {
                        name: change.name.clone(),
                        value: value.clone(),
                        secret,
                    });
                    true
                }
            };
            if did_change && !changed.contains(&change.name) {
                changed.push(change.name.clone());
            }
        }
        Ok(changed)
    }
}

/// RFC 7396: `patch` (the text of a JSON object) merged into `target`,
/// whose text counts as `{}` when it is absent or not a JSON object. A
/// merge that changes nothing gives back the target's text as it was, so
/// the store sees no change. `None` when the patch is not a JSON object.
fn merge_json(target: Option<&str>, patch: &str) -> Option<SecretString> {
    use connectors_update_action::merge::{json_object, merge_into_text};
    let merged = merge_into_text(target, json_object(patch)?);
    // `None`: the target already holds the result, so it is kept as it is.
    Some(SecretString::from(
        merged.unwrap_or_else(|| target.unwrap_or_default().to_owned()),
    ))
}
