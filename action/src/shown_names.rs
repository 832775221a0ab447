//! How errors show the property names a step's tokens made.
//!
//! The rule, the same as for `EntryId`: an error about a parameter shows
//! the parameter as written, tokens unresolved, and points at its field,
//! since a token's value is the host's and may be secret; the outcome and
//! the history name what is stored (the connector's id and name, the
//! property names), as `connector show` lists them, since a name that is
//! stored is no secret. A name that the step also writes literally is
//! known to whoever wrote the step, and is shown as it is.

use foldhash::{HashMap, HashSet};

use crate::error::{ActionError, PermissionDenied, ValidationFailed};
use crate::model::Violation;

/// The names a step's tokens made, each with how errors show it.
#[derive(Clone, Debug, Default)]
pub struct ShownNames {
    /// Resolved name → the name as written, and its field.
    made: HashMap<String, (String, String)>,
    /// Names the step writes literally somewhere.
    literal: HashSet<String>,
}

impl ShownNames {
    /// Notes that the step names `resolved`, written as `shown` (`None`
    /// when written as it is) at the field `field` gives, which is asked
    /// for only then. A later note of a name wins, as the later row does in
    /// the merge.
    pub fn note(&mut self, resolved: &str, shown: Option<String>, field: impl FnOnce() -> String) {
        match shown {
            None => {
                if !self.literal.contains(resolved) {
                    self.literal.insert(resolved.to_string());
                }
            }
            Some(shown) => {
                self.made.insert(resolved.to_string(), (shown, field()));
            }
        }
    }

    /// How errors show `name`, and its field: `None` when it is shown as it is.
    fn shown(&self, name: &str) -> Option<&(String, String)> {
        if self.literal.contains(name) {
            return None;
        }
        self.made.get(name)
    }

    /// `error` with every property name that tokens made shown as written:
    /// in the violations of `validation-failed` and the property of
    /// `permission-denied`, field and words alike.
    pub fn hide(&self, error: ActionError) -> ActionError {
        if self.made.is_empty() {
            return error;
        }
        match error {
            ActionError::ValidationFailed(ValidationFailed {
                violations,
                mut message,
            }) => {
                let violations = violations
                    .into_iter()
                    .map(|v| {
                        let Some((shown, field)) = self.shown(&v.property) else {
                            return v;
                        };
                        let words = quoted(&v.message, &v.property, shown, field);
                        message = message.replace(&v.message, &words);
                        Violation {
                            property: shown.clone(),
                            rule: v.rule,
                            message: words,
                        }
                    })
                    .collect();
                ActionError::ValidationFailed(ValidationFailed {
                    violations,
                    message,
                })
            }
            ActionError::PermissionDenied(PermissionDenied {
                connector,
                property: Some(property),
                message,
            }) if self.shown(&property).is_some() => {
                let (shown, field) = self.shown(&property).cloned().unwrap_or_default();
                ActionError::PermissionDenied(PermissionDenied {
                    connector,
                    message: quoted(&message, &property, &shown, &field),
                    property: Some(shown),
                })
            }
            other => other,
        }
    }
}

/// `text` with each `'name'` replaced by the name as written and its
/// field. Only the quoted form is replaced, so that a short name does not
/// change every word it is part of.
fn quoted(text: &str, name: &str, shown: &str, field: &str) -> String {
    text.replace(&format!("'{name}'"), &format!("'{shown}' ({field})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(property: &str) -> ActionError {
        ActionError::validation_failed(
            "c",
            Some("rest-api"),
            vec![Violation {
                property: property.into(),
                rule: "format".into(),
                message: format!("Property '{property}' must be a URL."),
            }],
        )
    }

    #[test]
    fn a_name_from_tokens_is_shown_as_written_with_its_field() {
        let mut names = ShownNames::default();
        names.note("Endpoint", Some("[Form:Name]".into()), || {
            "Properties[1].PropertyName".into()
        });
        let ActionError::ValidationFailed(e) = names.hide(failed("Endpoint")) else {
            panic!()
        };
        assert_eq!(e.violations[0].property, "[Form:Name]");
        assert_eq!(
            e.violations[0].message,
            "Property '[Form:Name]' (Properties[1].PropertyName) must be a URL."
        );
        assert!(!e.message.contains("Endpoint"), "{}", e.message);
    }

    #[test]
    fn a_name_also_written_literally_is_shown_as_it_is() {
        let mut names = ShownNames::default();
        names.note("Endpoint", Some("[Form:Name]".into()), || {
            "Properties[0].PropertyName".into()
        });
        names.note("Endpoint", None, || "Properties[1].PropertyName".into());
        assert_eq!(names.hide(failed("Endpoint")), failed("Endpoint"));
        assert_eq!(names.hide(failed("Other")), failed("Other"));
    }
}
