"""The store contract checker: a store an engine builds, run through every
clause of the `CredentialStore` contract, clause for clause and name for name
the Rust kit's `connectors_update::testing::check_store` (host/src/testing/)
and the JavaScript kit's `checkStore` (js/src/testing/), one fresh store per
clause, writing only through the contract. A breach names its clause, what
was expected and what was seen, never a value.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import Action, CredentialStore, StoreError
from .contract import access as access_clauses
from .contract import kinds as kind_clauses
from .contract import reads as read_clauses
from .contract import writes as write_clauses
from .contract.fixture import KIND, Fixture, Kit
from .contract.observe import Breach, breach

CLAUSES: tuple[str, ...] = (
    "get",
    "not-found",
    "secrets-withheld",
    "find-by-name",
    "ids-and-names-apart",
    "rules-and-kinds",
    "expected-revision",
    "commit-bumps-revision",
    "no-op-keeps-revision",
    "changed-names",
    "preview-writes-nothing",
    "preview-checks-revision",
    "preview-reports-as-commit",
    "removal",
    "secrecy-is-sticky",
    "merge-rfc7396",
    "no-op-merge-keeps-text",
    "secret-merge",
    "secret-named-is-changed",
    "value-size-limit",
    "all-or-nothing",
    "open-without-grants",
    "grantee-only",
    "access-before-revision",
    "find-by-name-access",
    "kinds-declared",
    "kind-makes-secret",
    "write-permission",
    "revision-before-changes",
    "merged-values",
)
"""Each clause's name, as the Rust and JavaScript kits and `Breach.clause` give
it, in the order they run."""

_ALL: tuple[Callable[[Kit], None], ...] = (
    *read_clauses.CLAUSES,
    *write_clauses.CLAUSES,
    *access_clauses.CLAUSES,
    *kind_clauses.CLAUSES,
)
"""Every clause, in the order of CLAUSES."""

if len(_ALL) != len(CLAUSES):  # pragma: no cover - a kit bug, caught at import
    raise ImportError(f"the store kit has {len(_ALL)} clauses and {len(CLAUSES)} names")


class StoreContractError(AssertionError):
    """The store breaks clauses of the contract: `breaches` lists each one, in
    the order they ran; the text names clauses, properties, revisions and error
    kinds, never a value, so it is safe in a CI log even when the store leaks."""

    def __init__(self, breaches: list[Breach]) -> None:
        lines = "\n".join(f"- {b.clause}: expected {b.expected}; seen {b.seen}" for b in breaches)
        super().__init__(f"the store breaks {len(breaches)} clause(s) of the CredentialStore contract:\n{lines}")
        self.breaches = breaches

    def broke(self, clause: str) -> bool:
        """Whether `clause` is among the broken ones."""
        return any(b.clause == clause for b in self.breaches)


def find_breaches(
    action: Action,
    make_store: Callable[[Fixture], CredentialStore],
    *,
    grants: bool = True,
    kinds: bool = True,
) -> list[Breach]:
    """Runs every clause of the store contract against a fresh store per clause,
    built by `make_store` from the clause's fixture; empty when the store keeps
    the contract.

    The kind clauses declare a built-in kind, whose rules `action` gives.
    `grants=False` leaves out the access clauses (for a store whose access is
    not by grants), `kinds=False` the kind clauses (for a store that cannot
    declare that kind).
    """
    if not callable(make_store):
        raise TypeError(
            "check_store(action, make_store): pass the loaded action and a function that builds a store from a fixture"
        )
    rules = next((k for k in action.support.builtin_kinds() if k.kind == KIND), None)
    if kinds and rules is None:
        raise TypeError(f"check_store: the action declares no built-in kind '{KIND}', which the kind clauses use")
    kit = Kit(fresh=make_store, rules=rules)
    groups = (
        (True, read_clauses.CLAUSES),
        (True, write_clauses.CLAUSES),
        (grants, access_clauses.CLAUSES),
        (kinds, kind_clauses.CLAUSES),
    )
    chosen = {run for on, clauses in groups if on for run in clauses}
    breaches: list[Breach] = []
    for name, run in zip(CLAUSES, _ALL, strict=True):
        if run not in chosen:
            continue
        try:
            run(kit)
        except Breach as b:
            breaches.append(b.with_traceback(None))  # the frames would keep the clause's stores alive
        except Exception as e:  # the store's answer had another shape than the contract's
            # Named by the clause, never by the message (a kit bug shows here too).
            what = f"StoreError {e.kind}" if isinstance(e, StoreError) else f"a {type(e).__name__}"
            breaches.append(
                breach(name, "the clause to run to its end", f"it stopped on {what} while reading the store's answers")
            )
    return breaches


def check_store(
    action: Action,
    make_store: Callable[[Fixture], CredentialStore],
    *,
    grants: bool = True,
    kinds: bool = True,
) -> None:
    """`find_breaches`, raising `StoreContractError` (an AssertionError) that
    names every clause the store broke and why, so that a pytest test is
    simply `check_store(action, make_store)`."""
    breaches = find_breaches(action, make_store, grants=grants, kinds=kinds)
    if breaches:
        raise StoreContractError(breaches)
