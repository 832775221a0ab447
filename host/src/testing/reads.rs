//! The clauses of the reads: `get`, `find_by_name`, `rules` and `kinds`.

use crate::error::StoreError;
use crate::model::{StoredValue, WriteMode};

use super::fixture::{SECRET, anyone, base, set};
use super::observe::Expect::{Secret, Text};
use super::observe::{breach, ok, refused, state};
use super::{Breach, Clause, Fresh};
use crate::model::NewConnector;

pub(super) const CLAUSES: &[Clause] = &[
    get,
    get_not_found,
    get_withholds_secrets,
    find_by_name,
    ids_and_names_apart,
    rules_and_kinds_agree,
];

fn get(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "get";
    let store = fresh(&base());
    let c = state(
        C,
        "as added",
        &*store,
        &anyone(),
        "c1",
        1,
        &[("A", Text("1")), ("Secret", Secret)],
    )?;
    if (c.id.as_str(), c.name.as_str(), c.kind.as_deref()) != ("c1", "One", None) {
        return Err(breach(
            C,
            "get of 'c1' to give id 'c1', name 'One' and no kind",
            format!("id '{}', name '{}', kind {:?}", c.id, c.name, c.kind),
        ));
    }
    let mut names: Vec<&str> = c.properties.iter().map(|p| p.name.as_str()).collect();
    names.sort_unstable();
    if names != ["A", "Secret"] {
        return Err(breach(
            C,
            "get of 'c1' to list its properties A and Secret, each once",
            format!("{names:?}"),
        ));
    }
    Ok(())
}

fn get_not_found(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "not-found";
    let store = fresh(&base());
    let missing = |e: &StoreError| *e == StoreError::NotFound;
    refused(
        C,
        "get of an id no connector has",
        store.get(&anyone(), "no-such-connector"),
        "StoreError::NotFound",
        missing,
    )?;
    refused(
        C,
        "get of an id that differs from 'c1' in case",
        store.get(&anyone(), "C1"),
        "StoreError::NotFound",
        missing,
    )?;
    for mode in [WriteMode::Commit, WriteMode::Preview] {
        refused(
            C,
            &format!("a {mode:?} write to an id no connector has"),
            store.write(&anyone(), "no-such-connector", 1, &[set("A", "2")], mode),
            "StoreError::NotFound",
            missing,
        )?;
    }
    Ok(())
}

fn get_withholds_secrets(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "secrets-withheld";
    let store = fresh(&base());
    for id in ["c1", "c2"] {
        let c = ok(C, &format!("get of '{id}'"), store.get(&anyone(), id))?;
        for p in &c.properties {
            if let StoredValue::Plain(text) = &p.value
                && text.contains(SECRET)
            {
                return Err(breach(
                    C,
                    format!("get of '{id}' to withhold every secret value (StoredValue::Secret)"),
                    format!("property '{}' hands out a secret value", p.name),
                ));
            }
        }
    }
    state(C, "", &*store, &anyone(), "c2", 1, &[("SJ", Secret)])?;
    Ok(())
}

fn find_by_name(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "find-by-name";
    let store = fresh(&base());
    for (name, ids) in [
        ("One", &["c1"][..]),
        ("one", &["c2"][..]),
        ("ONE", &[][..]),
        ("On", &[][..]),
        ("One ", &[][..]),
        ("c1", &[][..]),
    ] {
        let found = ok(
            C,
            &format!("find_by_name({name:?})"),
            store.find_by_name(&anyone(), name),
        )?;
        let seen: Vec<&str> = found.iter().map(|s| s.id.as_str()).collect();
        if seen != ids {
            return Err(breach(
                C,
                format!("find_by_name({name:?}), exact and case-sensitive, to give ids {ids:?}"),
                format!("{seen:?}"),
            ));
        }
        if let Some(s) = found.first()
            && (s.name != name || s.revision != 1 || s.kind.is_some())
        {
            return Err(breach(
                C,
                format!(
                    "the summary of '{}' to give its name, no kind and revision 1",
                    s.id
                ),
                format!(
                    "name {}, kind {:?}, revision {}",
                    if s.name == name { "right" } else { "wrong" },
                    s.kind,
                    s.revision
                ),
            ));
        }
    }
    Ok(())
}

fn rules_and_kinds_agree(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "rules-and-kinds";
    let store = fresh(&base());
    let me = anyone();
    let kinds = ok(C, "kinds()", store.kinds(&me))?;
    let mut names: Vec<&str> = kinds.iter().map(|k| k.kind.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    if names.len() != kinds.len() {
        return Err(breach(
            C,
            "kinds() to list each kind once",
            format!("{} entries for {} kinds", kinds.len(), names.len()),
        ));
    }
    for kind in &kinds {
        let rules = ok(
            C,
            &format!("rules({:?})", kind.kind),
            store.rules(&me, &kind.kind),
        )?;
        if rules.as_ref() != Some(kind) {
            return Err(breach(
                C,
                format!("rules({:?}) to be what kinds() lists for it", kind.kind),
                match rules {
                    None => "None",
                    Some(_) => "other rules",
                },
            ));
        }
    }
    let unknown = ok(
        C,
        "rules of a kind no store declares",
        store.rules(&me, "no-such-kind-contract"),
    )?;
    if unknown.is_some() {
        return Err(breach(
            C,
            "rules of a kind the store does not declare to be None",
            "some rules",
        ));
    }
    Ok(())
}

/// A store never holds a connector whose id is another's name, or whose
/// name is another's id: such a pair makes every step naming either one
/// ambiguous, and lets whoever may add a connector capture the steps that
/// name another. Asked to hold one, the store refuses it: building the
/// store panics (a fill that `expect`s each add), or the store built
/// lacks the connector it refused.
fn ids_and_names_apart(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "ids-and-names-apart";
    for (what, decoy, name_lookup) in [
        (
            "a connector whose id is c1's name 'One'",
            NewConnector::new("Decoy").id("One").set("A", "decoy"),
            None,
        ),
        (
            "a connector whose name is c1's id 'c1'",
            NewConnector::new("c1").id("decoy").set("A", "decoy"),
            Some("c1"),
        ),
    ] {
        let mut fixture = base();
        fixture.connectors.push(decoy.clone());
        let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fresh(&fixture)));
        let Ok(store) = built else {
            continue; // Refused while the store was built.
        };
        let decoy_id = decoy.id.as_deref().unwrap_or_default();
        let held_by_id = !matches!(store.get(&anyone(), decoy_id), Err(StoreError::NotFound));
        let held_by_name = match name_lookup {
            Some(name) => store
                .find_by_name(&anyone(), name)
                .is_ok_and(|found| !found.is_empty()),
            None => false,
        };
        if held_by_id || held_by_name {
            return Err(breach(
                C,
                format!(
                    "{what} to be refused when the store is built (ids and names never stand for each other)"
                ),
                "the store holds it",
            ));
        }
    }
    Ok(())
}
