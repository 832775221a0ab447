"""The clauses that need a kind's rules: its secret rule, its write permissions,
the values merged in the store, and the order of checks (the Rust kit's
host/src/testing/kinds.rs, the JavaScript kit's contract/kinds.js)."""

from __future__ import annotations

import json
from collections.abc import Callable

from ... import Change
from .fixture import COMMIT_THEN_PREVIEW, KIND, Kit, admin, anyone, kinded, merge_in, remove, set_
from .observe import (
    Absent,
    Json,
    Secret,
    Text,
    breach,
    canonical,
    denied_naming,
    is_conflict,
    naming,
    ok,
    receipt,
    refused,
    state,
)


def kinds_declared(kit: Kit) -> None:
    C = "kinds-declared"
    wanted = kit.kind_rules()
    store = kit.fresh(kinded(wanted))
    rules = ok(C, f"rules({json.dumps(KIND)})", lambda: store.rules(anyone(), KIND))
    if canonical(rules) != canonical(wanted):
        raise breach(
            C,
            f"the store to declare the fixture's kind '{KIND}' as given (or the check to run with kinds=False)",
            "None" if rules is None else "other rules",
        )
    kinds = ok(C, "kinds()", lambda: list(store.kinds(anyone())))
    if not any(canonical(k) == canonical(wanted) for k in kinds):
        raise breach(C, f"kinds() to list the fixture's kind '{KIND}'", "it is not listed")


def kind_makes_secret(kit: Kit) -> None:
    C = "kind-makes-secret"
    rules = kit.kind_rules()
    store = kit.fresh(kinded(rules))
    a = admin(rules)
    state(
        C,
        "as added plain (its kind makes it secret)",
        store,
        a,
        "c3",
        1,
        [("options", Secret), ("name", Text("contract"))],
    )
    receipt(
        C, "a commit removing options", lambda: store.write(a, "c3", 1, [remove("options")], "commit"), 2, ["options"]
    )
    receipt(
        C,
        "a commit adding options again, marked not secret",
        lambda: store.write(a, "c3", 2, [set_("options", '{"o": 2}')], "commit"),
        3,
        ["options"],
    )
    state(C, "after it was set marked not secret (its kind makes it secret)", store, a, "c3", 3, [("options", Secret)])


def write_permission(kit: Kit) -> None:
    C = "write-permission"
    rules = kit.kind_rules()
    store = kit.fresh(kinded(rules))
    a = admin(rules)
    want = "StoreError.permission_denied naming property 'options'"
    for mode in COMMIT_THEN_PREVIEW:
        refused(
            C,
            f"a {mode} write [set display_name, set options] by a caller without options' write-permission",
            lambda: store.write(anyone(), "c3", 1, [set_("display_name", "x"), set_("options", '{"o": 2}')], mode),
            want,
            denied_naming("options"),
        )
        state(
            C,
            f"after a refused {mode} write (its first change not applied)",
            store,
            a,
            "c3",
            1,
            [("display_name", Absent)],
        )
    # Refused for naming it, before any value is compared: a right guess of the
    # guarded value and a wrong one are refused alike, and so are a merge
    # removing a key it holds and one removing a key it does not.
    guesses = (
        ("setting options to the value it holds", set_("options", '{"o": 1}')),
        ("setting options to another value", set_("options", '{"o": 3}')),
        ("merging the removal of a key options holds", merge_in("options", '{"o": null}', True)),
        ("merging the removal of a key options lacks", merge_in("options", '{"p": null}', True)),
    )
    for what, change in guesses:
        refused(
            C,
            f"a preview by that caller {what}",
            lambda: store.write(anyone(), "c3", 1, [change], "preview"),
            want,
            denied_naming("options"),
        )
    receipt(
        C,
        "a commit setting options by a caller holding the permission",
        lambda: store.write(a, "c3", 1, [set_("options", '{"o": 2}')], "commit"),
        2,
        ["options"],
    )


def revision_before_changes(kit: Kit) -> None:
    C = "revision-before-changes"
    store = kit.fresh(kinded(kit.kind_rules()))
    cases: tuple[tuple[str, list[Change]], ...] = (
        ("a write needing a permission the caller lacks", [set_("options", '{"o": 2}')]),
        ("a write whose merge breaks a JSON rule", [merge_in("metadata", '{"size": 5}')]),
        ("a write whose merge patch is no JSON object", [merge_in("metadata", "[1]")]),
    )
    for what, changes in cases:
        refused(
            C,
            f"{what}, at a stale revision",
            lambda: store.write(anyone(), "c3", 4, changes, "commit"),
            "StoreError.conflict(1)",
            is_conflict(1),
        )


def merged_values(kit: Kit) -> None:
    C = "merged-values"
    rules = kit.kind_rules()
    store = kit.fresh(kinded(rules))
    a = admin(rules)
    for mode in COMMIT_THEN_PREVIEW:
        refused(
            C,
            f"a {mode} write merging a number into metadata, whose rule takes only strings",
            lambda: store.write(a, "c3", 1, [set_("display_name", "x"), merge_in("metadata", '{"size": 5}')], mode),
            "StoreError.invalid naming metadata",
            naming("metadata"),
        )
        state(
            C,
            f"after a refused {mode} merge",
            store,
            a,
            "c3",
            1,
            [("metadata", Text('{"team": "a"}')), ("display_name", Absent)],
        )
    receipt(
        C,
        "a commit merging a string into metadata",
        lambda: store.write(a, "c3", 1, [merge_in("metadata", '{"size": "5"}')], "commit"),
        2,
        ["metadata"],
    )
    state(C, "after the merge", store, a, "c3", 2, [("metadata", Json('{"team": "a", "size": "5"}'))])


CLAUSES: tuple[Callable[[Kit], None], ...] = (
    kinds_declared,
    kind_makes_secret,
    write_permission,
    revision_before_changes,
    merged_values,
)
