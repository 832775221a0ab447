//! The clauses of access by grants: open without grants, grantees only,
//! access checked before the revision, names hidden from strangers.

use crate::error::StoreError;
use crate::model::{Caller, WriteMode};

use super::fixture::{GRANTEE, STRANGER, anyone, granted, set};
use super::observe::Expect::Text;
use super::observe::{breach, denied, describe, ok, receipt, refused, state};
use super::{Breach, Clause, Fresh};

pub(super) const CLAUSES: &[Clause] = &[
    open_without_grants,
    grantee_only,
    access_before_revision,
    find_by_name_hides_closed,
];

fn open_without_grants(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "open-without-grants";
    let store = fresh(&granted());
    for caller in [anyone(), Caller::principal(STRANGER)] {
        ok(
            C,
            &format!("get of 'c2' (no grants) by {caller}"),
            store.get(&caller, "c2"),
        )?;
    }
    receipt(
        C,
        "a commit to 'c2' (no grants) by an anonymous caller",
        store.write(&anyone(), "c2", 1, &[set("T", "new")], WriteMode::Commit),
        2,
        &["T"],
    )
}

fn grantee_only(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "grantee-only";
    let store = fresh(&granted());
    let grantee = Caller::principal(GRANTEE);
    ok(C, "get of 'c1' by its grantee", store.get(&grantee, "c1"))?;
    // A principal is named exactly: the grantee's name in other case is a stranger.
    for caller in [
        anyone(),
        Caller::principal(STRANGER),
        Caller::principal(GRANTEE.to_uppercase()),
    ] {
        refused(
            C,
            &format!("get of 'c1' (granted to another) by {caller}"),
            store.get(&caller, "c1"),
            "StoreError::PermissionDenied",
            denied,
        )?;
        for mode in [WriteMode::Commit, WriteMode::Preview] {
            refused(
                C,
                &format!("a {mode:?} write to 'c1' by {caller}"),
                store.write(&caller, "c1", 1, &[set("A", "2")], mode),
                "StoreError::PermissionDenied",
                denied,
            )?;
        }
    }
    state(
        C,
        "after refused writes",
        &*store,
        &grantee,
        "c1",
        1,
        &[("A", Text("1"))],
    )?;
    receipt(
        C,
        "a commit to 'c1' by its grantee",
        store.write(&grantee, "c1", 1, &[set("A", "2")], WriteMode::Commit),
        2,
        &["A"],
    )
}

fn access_before_revision(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "access-before-revision";
    let store = fresh(&granted());
    refused(
        C,
        "a write by a caller with no grant, at a stale revision (the revision must not be told)",
        store.write(
            &Caller::principal(STRANGER),
            "c1",
            7,
            &[set("A", "2")],
            WriteMode::Commit,
        ),
        "StoreError::PermissionDenied",
        denied,
    )
}

fn find_by_name_hides_closed(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "find-by-name-access";
    let store = fresh(&granted());
    match store.find_by_name(&Caller::principal(STRANGER), "One") {
        Ok(found) if found.iter().any(|s| s.id == "c1") => {
            return Err(breach(
                C,
                "find_by_name by a caller with no grant to leave out 'c1' (or refuse)",
                "'c1' listed",
            ));
        }
        Ok(_) | Err(StoreError::PermissionDenied { .. }) => {}
        Err(e) => {
            return Err(breach(
                C,
                "find_by_name by a caller with no grant to leave 'c1' out, or to refuse with StoreError::PermissionDenied",
                describe(&e),
            ));
        }
    }
    let found = ok(
        C,
        "find_by_name(\"One\") by the grantee",
        store.find_by_name(&Caller::principal(GRANTEE), "One"),
    )?;
    let ids: Vec<&str> = found.iter().map(|s| s.id.as_str()).collect();
    if ids != ["c1"] {
        return Err(breach(
            C,
            "find_by_name(\"One\") by the grantee to give [\"c1\"]",
            format!("{ids:?}"),
        ));
    }
    Ok(())
}
