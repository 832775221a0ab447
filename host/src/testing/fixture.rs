//! The fixtures the clauses start from, the callers they call as and the
//! changes they send. Every secret holds [`SECRET`], which no answer of a
//! store and no breach may show.

use crate::model::{Caller, Change, ChangeOp, KindRules, NewConnector};

use super::{Fixture, Grant};

/// The value of every secret of the fixtures: no `get` may show it.
pub(super) const SECRET: &str = "contract-secret-9c41";

/// The JSON the merge clauses start from, spaced as no serializer would
/// write it, so that a store that rewrites the text is seen.
pub(super) const JSON: &str = r#"{ "a": 1,  "n": { "x": 1 } }"#;

/// The secret JSON the secret merge starts from.
pub(super) const SECRET_JSON: &str = r#"{ "k": "contract-secret-9c41" }"#;

/// The kind the kind clauses use: built in, so the harness's stores
/// declare it; `options` is secret and guarded by a permission, `metadata`
/// takes only strings.
pub(super) const KIND: &str = "auth0-connection";

/// "One", id c1: A = 1 (plain) and Secret (secret), at revision 1.
fn one() -> NewConnector {
    NewConnector::new("One")
        .id("c1")
        .set("A", "1")
        .secret("Secret", SECRET)
}

/// "one", id c2 (a name that differs from c1's in case only): J (plain
/// JSON), T (plain text) and SJ (secret JSON).
fn two() -> NewConnector {
    NewConnector::new("one")
        .id("c2")
        .set("J", JSON)
        .set("T", "text")
        .secret("SJ", SECRET_JSON)
}

/// "Three", id c3, of [`KIND`]: its `options` given as plain, which the
/// kind makes secret.
fn three() -> NewConnector {
    NewConnector::new("Three")
        .id("c3")
        .kind(KIND)
        .set("name", "contract")
        .set("options", r#"{"o": 1}"#)
        .set("metadata", r#"{"team": "a"}"#)
}

/// One and two, open to everyone, no kinds: what the read and write
/// clauses start from.
pub(super) fn base() -> Fixture {
    Fixture {
        connectors: vec![one(), two()],
        ..Fixture::default()
    }
}

/// [`base`], with c1 granted to [`GRANTEE`] only.
pub(super) fn granted() -> Fixture {
    Fixture {
        grants: vec![Grant {
            connector: "c1".into(),
            principal: GRANTEE.into(),
        }],
        ..base()
    }
}

/// One and three, with [`KIND`] declared.
pub(super) fn kinded() -> Fixture {
    Fixture {
        connectors: vec![one(), three()],
        kinds: kind_rules().into_iter().collect(),
        ..Fixture::default()
    }
}

pub(super) fn kind_rules() -> Option<KindRules> {
    crate::kinds::builtin_rules(KIND).cloned()
}

pub(super) const GRANTEE: &str = "contract-grantee";
pub(super) const STRANGER: &str = "contract-stranger";

pub(super) fn anyone() -> Caller {
    Caller::anonymous()
}

/// A caller holding every permission of [`KIND`]'s rules.
pub(super) fn admin() -> Caller {
    let mut caller = Caller::principal("contract-admin");
    for rule in kind_rules().iter().flat_map(|k| k.properties.clone()) {
        if let Some(p) = rule.write_permission {
            caller = caller.with_permission(p);
        }
    }
    caller
}

pub(super) fn set(name: &str, value: &str) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::set(value, false),
    }
}

pub(super) fn set_secret(name: &str, value: &str) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::set(value, true),
    }
}

pub(super) fn merge_in(name: &str, patch: &str, secret: bool) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::merge(patch, secret),
    }
}

pub(super) fn remove(name: &str) -> Change {
    Change {
        name: name.into(),
        op: ChangeOp::Remove,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kind clauses lean on these rules of the built-in kind: if it
    /// changes, the clauses must change with it.
    #[test]
    fn the_kind_has_what_the_kind_clauses_need() {
        let rules = kind_rules().expect("the kind is built in");
        let options = rules.rule("options").expect("a rule for options");
        assert!(options.secret && options.write_permission.is_some());
        let metadata = rules.rule("metadata").expect("a rule for metadata");
        assert!(metadata.json.as_ref().is_some_and(|j| j.strings_only) && !metadata.secret);
        assert!(
            rules
                .rule("display_name")
                .is_some_and(|r| r.write_permission.is_none())
        );
        assert!(admin().holds(options.write_permission.as_deref().unwrap_or_default()));
    }
}
