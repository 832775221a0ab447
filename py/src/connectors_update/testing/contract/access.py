"""The clauses of access by grants: open without grants, grantees only, access
checked before the revision, names hidden from strangers (the Rust kit's
host/src/testing/access.rs, the JavaScript kit's contract/access.js)."""

from __future__ import annotations

from collections.abc import Callable

from ... import StoreError
from .fixture import COMMIT_THEN_PREVIEW, GRANTEE, STRANGER, Kit, anyone, granted, principal, set_, who
from .observe import Text, attempt, breach, describe, field_of, is_denied, names, ok, receipt, refused, state

DENIED = "StoreError.permission_denied"


def open_without_grants(kit: Kit) -> None:
    C = "open-without-grants"
    store = kit.fresh(granted())
    for caller in (anyone(), principal(STRANGER)):
        ok(C, f"get of 'c2' (no grants) by {who(caller)}", lambda: store.get(caller, "c2"))
    receipt(
        C,
        "a commit to 'c2' (no grants) by an anonymous caller",
        lambda: store.write(anyone(), "c2", 1, [set_("T", "new")], "commit"),
        2,
        ["T"],
    )


def grantee_only(kit: Kit) -> None:
    C = "grantee-only"
    store = kit.fresh(granted())
    grantee = principal(GRANTEE)
    ok(C, "get of 'c1' by its grantee", lambda: store.get(grantee, "c1"))
    # A principal is named exactly: the grantee's name in other case is a stranger.
    for caller in (anyone(), principal(STRANGER), principal(GRANTEE.upper())):
        refused(
            C,
            f"get of 'c1' (granted to another) by {who(caller)}",
            lambda: store.get(caller, "c1"),
            DENIED,
            is_denied,
        )
        for mode in COMMIT_THEN_PREVIEW:
            refused(
                C,
                f"a {mode} write to 'c1' by {who(caller)}",
                lambda: store.write(caller, "c1", 1, [set_("A", "2")], mode),
                DENIED,
                is_denied,
            )
    state(C, "after refused writes", store, grantee, "c1", 1, [("A", Text("1"))])
    receipt(
        C,
        "a commit to 'c1' by its grantee",
        lambda: store.write(grantee, "c1", 1, [set_("A", "2")], "commit"),
        2,
        ["A"],
    )


def access_before_revision(kit: Kit) -> None:
    C = "access-before-revision"
    store = kit.fresh(granted())
    refused(
        C,
        "a write by a caller with no grant, at a stale revision (the revision must not be told)",
        lambda: store.write(principal(STRANGER), "c1", 7, [set_("A", "2")], "commit"),
        DENIED,
        is_denied,
    )


def find_by_name_access(kit: Kit) -> None:
    C = "find-by-name-access"
    store = kit.fresh(granted())
    stranger = attempt(lambda: list(store.find_by_name(principal(STRANGER), "One")))
    if stranger.error is not None:
        if not (isinstance(stranger.error, StoreError) and is_denied(stranger.error)):
            raise breach(
                C,
                f"find_by_name by a caller with no grant to leave 'c1' out, or to refuse with {DENIED}",
                describe(stranger.error),
            )
    elif any(field_of(s, "id") == "c1" for s in stranger.value or []):
        raise breach(C, "find_by_name by a caller with no grant to leave out 'c1' (or refuse)", "'c1' listed")
    found = ok(C, 'find_by_name("One") by the grantee', lambda: list(store.find_by_name(principal(GRANTEE), "One")))
    ids = [field_of(s, "id") for s in found]
    if ids != ["c1"]:
        raise breach(C, 'find_by_name("One") by the grantee to give ["c1"]', names(ids))


CLAUSES: tuple[Callable[[Kit], None], ...] = (
    open_without_grants,
    grantee_only,
    access_before_revision,
    find_by_name_access,
)
