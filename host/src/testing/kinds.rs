//! The clauses that need a kind's rules: its secret rule, its write
//! permissions, the values merged in the store, and the order of checks.

use crate::error::StoreError;
use crate::model::WriteMode;

use super::fixture::{KIND, admin, anyone, kind_rules, kinded, merge_in, remove, set};
use super::observe::Expect::{Absent, Json, Secret, Text};
use super::observe::{breach, ok, receipt, refused, state};
use super::{Breach, Clause, Fresh};

pub(super) const CLAUSES: &[Clause] = &[
    kinds_declared,
    kind_makes_secret,
    write_permission,
    revision_before_changes,
    merged_values,
];

fn kinds_declared(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "kinds-declared";
    let store = fresh(&kinded());
    let wanted = kind_rules();
    let rules = ok(C, &format!("rules({KIND:?})"), store.rules(&anyone(), KIND))?;
    if rules != wanted {
        return Err(breach(
            C,
            format!(
                "the store to declare the fixture's kind '{KIND}' as given (or the check to run without_kinds)"
            ),
            if rules.is_some() {
                "other rules"
            } else {
                "None"
            },
        ));
    }
    let kinds = ok(C, "kinds()", store.kinds(&anyone()))?;
    if !kinds.iter().any(|k| Some(k) == wanted.as_ref()) {
        return Err(breach(
            C,
            format!("kinds() to list the fixture's kind '{KIND}'"),
            "it is not listed",
        ));
    }
    Ok(())
}

fn kind_makes_secret(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "kind-makes-secret";
    let store = fresh(&kinded());
    state(
        C,
        "as added plain (its kind makes it secret)",
        &*store,
        &admin(),
        "c3",
        1,
        &[("options", Secret), ("name", Text("contract"))],
    )?;
    receipt(
        C,
        "a commit removing options",
        store.write(&admin(), "c3", 1, &[remove("options")], WriteMode::Commit),
        2,
        &["options"],
    )?;
    receipt(
        C,
        "a commit adding options again, marked not secret",
        store.write(
            &admin(),
            "c3",
            2,
            &[set("options", r#"{"o": 2}"#)],
            WriteMode::Commit,
        ),
        3,
        &["options"],
    )?;
    state(
        C,
        "after it was set marked not secret (its kind makes it secret)",
        &*store,
        &admin(),
        "c3",
        3,
        &[("options", Secret)],
    )?;
    Ok(())
}

fn write_permission(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "write-permission";
    let store = fresh(&kinded());
    for mode in [WriteMode::Commit, WriteMode::Preview] {
        refused(
            C,
            &format!(
                "a {mode:?} write [set display_name, set options] by a caller without options' write-permission"
            ),
            store.write(
                &anyone(),
                "c3",
                1,
                &[set("display_name", "x"), set("options", r#"{"o": 2}"#)],
                mode,
            ),
            "StoreError::PermissionDenied naming property 'options'",
            |e| matches!(e, StoreError::PermissionDenied { property: Some(p), .. } if p == "options"),
        )?;
        state(
            C,
            &format!("after a refused {mode:?} write (its first change not applied)"),
            &*store,
            &admin(),
            "c3",
            1,
            &[("display_name", Absent)],
        )?;
    }
    // Refused for naming it, before any value is compared: a right guess
    // of the guarded value and a wrong one are refused alike, and so are a
    // merge removing a key it holds and one removing a key it does not.
    for (what, change) in [
        (
            "setting options to the value it holds",
            set("options", r#"{"o": 1}"#),
        ),
        (
            "setting options to another value",
            set("options", r#"{"o": 3}"#),
        ),
        (
            "merging the removal of a key options holds",
            merge_in("options", r#"{"o": null}"#, true),
        ),
        (
            "merging the removal of a key options lacks",
            merge_in("options", r#"{"p": null}"#, true),
        ),
    ] {
        refused(
            C,
            &format!("a preview by that caller {what}"),
            store.write(&anyone(), "c3", 1, &[change], WriteMode::Preview),
            "StoreError::PermissionDenied naming property 'options'",
            |e| matches!(e, StoreError::PermissionDenied { property: Some(p), .. } if p == "options"),
        )?;
    }
    receipt(
        C,
        "a commit setting options by a caller holding the permission",
        store.write(
            &admin(),
            "c3",
            1,
            &[set("options", r#"{"o": 2}"#)],
            WriteMode::Commit,
        ),
        2,
        &["options"],
    )
}

fn revision_before_changes(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "revision-before-changes";
    let store = fresh(&kinded());
    for (what, changes) in [
        (
            "a write needing a permission the caller lacks",
            vec![set("options", r#"{"o": 2}"#)],
        ),
        (
            "a write whose merge breaks a JSON rule",
            vec![merge_in("metadata", r#"{"size": 5}"#, false)],
        ),
        (
            "a write whose merge patch is no JSON object",
            vec![merge_in("metadata", "[1]", false)],
        ),
    ] {
        refused(
            C,
            &format!("{what}, at a stale revision"),
            store.write(&anyone(), "c3", 4, &changes, WriteMode::Commit),
            "StoreError::Conflict(1)",
            |e| *e == StoreError::Conflict(1),
        )?;
    }
    Ok(())
}

fn merged_values(fresh: &Fresh<'_>) -> Result<(), Breach> {
    const C: &str = "merged-values";
    let store = fresh(&kinded());
    for mode in [WriteMode::Commit, WriteMode::Preview] {
        refused(
            C,
            &format!(
                "a {mode:?} write merging a number into metadata, whose rule takes only strings"
            ),
            store.write(
                &admin(),
                "c3",
                1,
                &[
                    set("display_name", "x"),
                    merge_in("metadata", r#"{"size": 5}"#, false),
                ],
                mode,
            ),
            "StoreError::Invalid naming metadata",
            |e| matches!(e, StoreError::Invalid(v) if v.iter().any(|v| v.property == "metadata")),
        )?;
        state(
            C,
            &format!("after a refused {mode:?} merge"),
            &*store,
            &admin(),
            "c3",
            1,
            &[
                ("metadata", Text(r#"{"team": "a"}"#)),
                ("display_name", Absent),
            ],
        )?;
    }
    receipt(
        C,
        "a commit merging a string into metadata",
        store.write(
            &admin(),
            "c3",
            1,
            &[merge_in("metadata", r#"{"size": "5"}"#, false)],
            WriteMode::Commit,
        ),
        2,
        &["metadata"],
    )?;
    state(
        C,
        "after the merge",
        &*store,
        &admin(),
        "c3",
        2,
        &[("metadata", Json(r#"{"team": "a", "size": "5"}"#))],
    )?;
    Ok(())
}
