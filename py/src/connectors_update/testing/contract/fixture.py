"""The fixtures the clauses start from, the callers they call as and the
changes they send: the Rust kit's (host/src/testing/fixture.rs) and the
JavaScript kit's (js/src/testing/contract/fixture.js), value for value.

Every secret holds SECRET, which no answer of a store and no breach may show.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from ... import Caller, Change, CredentialStore, KindRules, WriteMode

SECRET = "contract-secret-9c41"
"""The value of every secret of the fixtures: no `get` may show it."""

JSON_TEXT = '{ "a": 1,  "n": { "x": 1 } }'
"""The JSON the merge clauses start from, spaced as no serializer would write
it, so that a store that rewrites the text is seen."""

SECRET_JSON = '{ "k": "contract-secret-9c41" }'
"""The secret JSON the secret merge starts from."""

KIND = "auth0-connection"
"""The kind the kind clauses use: built in; `options` is secret and guarded by
a permission, `metadata` takes only strings."""

COMMIT_THEN_PREVIEW: tuple[WriteMode, WriteMode] = ("commit", "preview")
PREVIEW_THEN_COMMIT: tuple[WriteMode, WriteMode] = ("preview", "commit")

GRANTEE = "contract-grantee"
STRANGER = "contract-stranger"

class FixtureProperty(NamedTuple):
    """One property a connector holds when a clause starts: a `(name, value,
    secret)` tuple, as `MemoryStore.add` takes them."""

    name: str
    value: str
    secret: bool = False


@dataclass(frozen=True)
class FixtureConnector:
    """One connector a store holds when a clause starts, at revision 1 (a
    property marked secret, or made secret by its kind's rules, is stored as
    a secret)."""

    id: str
    name: str
    kind: str | None = None
    properties: tuple[FixtureProperty, ...] = ()


@dataclass(frozen=True)
class Grant:
    """`principal` may use `connector`; once a connector has a grant, only its
    grantees may."""

    connector: str
    principal: str


@dataclass(frozen=True)
class Fixture:
    """What a store must hold when a clause starts: build a fresh store with
    exactly this in it.

    `kinds` are the kinds the store must declare through `rules` and `kinds`
    (beside any others it declares): the kind clauses declare the built-in
    kind KIND, as the component's own rules give it.
    """

    connectors: tuple[FixtureConnector, ...]
    grants: tuple[Grant, ...] = ()
    kinds: tuple[KindRules, ...] = ()


@dataclass(frozen=True)
class Kit:
    """What every clause is given: `fresh` builds a fresh store holding a
    fixture; `rules` are the component's built-in rules of KIND (None when
    the kind clauses are left out)."""

    fresh: Callable[[Fixture], CredentialStore]
    rules: KindRules | None

    def kind_rules(self) -> KindRules:
        if self.rules is None:
            raise TypeError(f"the kind clauses need the component's rules of '{KIND}'")
        return self.rules


def _one() -> FixtureConnector:
    """"One", id c1: A = 1 (plain) and Secret (secret), at revision 1."""
    return FixtureConnector(
        id="c1",
        name="One",
        properties=(FixtureProperty("A", "1"), FixtureProperty("Secret", SECRET, True)),
    )


def _two() -> FixtureConnector:
    """"one", id c2 (a name that differs from c1's in case only): J (plain
    JSON), T (plain text) and SJ (secret JSON)."""
    return FixtureConnector(
        id="c2",
        name="one",
        properties=(
            FixtureProperty("J", JSON_TEXT),
            FixtureProperty("T", "text"),
            FixtureProperty("SJ", SECRET_JSON, True),
        ),
    )


def _three() -> FixtureConnector:
    """"Three", id c3, of KIND: its `options` given as plain, which the kind
    makes secret."""
    return FixtureConnector(
        id="c3",
        name="Three",
        kind=KIND,
        properties=(
            FixtureProperty("name", "contract"),
            FixtureProperty("options", '{"o": 1}'),
            FixtureProperty("metadata", '{"team": "a"}'),
        ),
    )


def base() -> Fixture:
    """One and two, open to everyone, no kinds: what the read and write clauses
    start from."""
    return Fixture(connectors=(_one(), _two()))


def granted() -> Fixture:
    """`base`, with c1 granted to GRANTEE only."""
    return Fixture(connectors=base().connectors, grants=(Grant("c1", GRANTEE),))


def kinded(rules: KindRules) -> Fixture:
    """One and three, with KIND declared (`rules`: the component's built-in
    rules of it, copied so that no store can change them for the next clause)."""
    return Fixture(connectors=(_one(), _three()), kinds=(copy.deepcopy(rules),))


def anyone() -> Caller:
    return Caller()


def principal(name: str) -> Caller:
    return Caller(principal=name)


def admin(rules: KindRules) -> Caller:
    """A caller holding every permission of KIND's rules."""
    return Caller(
        principal="contract-admin",
        permissions=tuple(r.write_permission for r in rules.properties if r.write_permission),
    )


def who(caller: Caller) -> str:
    """How a caller is named in a breach, as the Rust kit names it."""
    return "an anonymous caller" if caller.principal is None else f"principal '{caller.principal}'"


def set_(name: str, value: str) -> Change:
    return Change(name=name, op="set", value=value, secret=False)


def set_secret(name: str, value: str) -> Change:
    return Change(name=name, op="set", value=value, secret=True)


def merge_in(name: str, patch: str, secret: bool = False) -> Change:
    return Change(name=name, op="merge", value=patch, secret=secret)


def remove(name: str) -> Change:
    return Change(name=name, op="remove")
