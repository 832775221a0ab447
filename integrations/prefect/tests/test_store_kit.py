"""The package's store kit (`connectors_update.testing`) against BlockStore as it is.

The kit's fixtures name connectors by ids ("c1") and names ("One") that no
Prefect document can have: Prefect chooses a document's id (a UUID), a name
holds only lowercase letters, digits and dashes, every document has a block
type (its kind is never None), and a revision is an update time (never 1,
then 2). So the kit runs through `Renamed`, a view that only renames (the
fixture's ids, names, kinds and revisions to Prefect's and back, each a
one-to-one map) and decides nothing: every answer is BlockStore's own.

It runs with grants=False (who may use a document is Prefect's to decide:
its API keys and, on Prefect Cloud, its access control) and the kind clauses
on (the package's `connectors-update-auth0-connection` block type is the
built-in kind the kind clauses declare). The clauses BlockStore still breaks
are Prefect's deliberate differences, pinned in PINNED with the reason and
the answer that breaks them: the test fails when that list changes either
way, or when a pinned clause breaks for another reason.
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple
from uuid import UUID

import pytest
from connectors_update import Action, Caller, Change, Connector, ConnectorSummary, KindRules, StoreError, WriteMode, WriteReceipt
from connectors_update.testing import CLAUSES, Breach, Fixture, FixtureProperty, find_breaches
from connectors_update.testing.contract.fixture import SECRET, Kit
from connectors_update.testing.contract.writes import removal
from prefect.blocks.core import Block
from pydantic import SecretStr

from connectors_update_prefect import Auth0Connection, BlockStore

KIND = "auth0-connection"
_count = itertools.count()


class KitConnector(Block):
    """Every property name the kit's connectors without a kind hold or write; Secret and SJ secret."""

    _block_type_slug = "connectors-update-kit"

    A: str | None = None
    B: str | None = None
    Z: str | None = None
    M: str | None = None
    J: str | None = None
    T: str | None = None
    Secret: SecretStr | None = None
    SJ: SecretStr | None = None


SLUGS: dict[str | None, str] = {None: KitConnector.get_block_type_slug(), KIND: Auth0Connection.get_block_type_slug()}
"""A fixture connector's kind -> the block type its document is saved as (a document of no kind is impossible)."""
CLASSES: dict[str | None, type[Block]] = {None: KitConnector, KIND: Auth0Connection}


@pytest.fixture(scope="module", autouse=True)
def kit_block_type() -> None:
    KitConnector.register_type_and_schema()


def _save(kind: str | None, name: str, properties: Iterable[FixtureProperty]) -> UUID:
    """A document of the kind's block type holding the properties, each as its field takes it."""
    cls = CLASSES[kind]
    values: dict[str, Any] = {}
    for p in properties:
        annotation = str(cls.model_fields[p.name].annotation)
        if "Secret" in annotation:
            values[p.name] = SecretStr(p.value)
        elif p.secret:  # not a rename: a secret the block type would keep in plain
            raise ValueError(f"the fixture's secret '{p.name}' is a plain field of {cls.__name__}")
        elif "dict" in annotation or "list" in annotation:
            values[p.name] = json.loads(p.value)
        else:
            values[p.name] = p.value
    saved = cls(**values).save(name, overwrite=True)
    assert isinstance(saved, UUID)
    return saved


def _prefect_name(name: str) -> str:
    """A name Prefect takes, made from the fixture's and never made before (so no other test's document has it)."""
    return f"kit-{next(_count)}-" + "".join(c if c.islower() or c.isdigit() else "-" for c in name)


class OneToOne:
    """A rename: fixture text <-> store text, both ways, one to one. Text the fixture does not hold maps to text
    no document holds (made on first use), so nothing outside the fixture is ever reached or reported."""

    def __init__(self, pairs: dict[str, str], unknown: Callable[[], str]) -> None:
        if len(set(pairs.values())) != len(pairs):
            raise ValueError("a rename maps two texts to one")
        self.to_store, self.unknown = dict(pairs), unknown
        self.to_fixture = {v: k for k, v in pairs.items()}

    def store(self, text: str) -> str:
        if text not in self.to_store:
            made = self.unknown()
            self.to_store[text], self.to_fixture[made] = made, text
        return self.to_store[text]

    def fixture(self, text: str) -> str:
        if text not in self.to_fixture:
            raise AssertionError("the store answered with an id or name the view never gave it")
        return self.to_fixture[text]


class Renamed:
    """BlockStore under the fixture's names: ids, names, kinds and revisions mapped both ways, nothing else.

    Ids and names are two namespaces in Prefect (a UUID Prefect chooses, a name the saver chooses), so a text
    the fixture uses as both an id and a name has no rename: building the view refuses such a fixture (the kit's
    `ids-and-names-apart` asks a store to refuse it, and BlockStore keeps them apart by never taking a UUID for
    a name: see `test_a_name_that_is_an_id_is_never_found_by_name` in test_store.py)."""

    def __init__(self, store: BlockStore, ids: dict[str, str], names: dict[str, str]) -> None:
        self.apart(ids, names)
        self.store = store
        self.ids = OneToOne(ids, lambda: str(uuid.uuid4()))
        self.names = OneToOne(names, lambda: f"kit-{next(_count)}-unknown")
        self.kinds_ = OneToOne({k: v for k, v in SLUGS.items() if k is not None}, lambda: f"kit-{next(_count)}-kind")
        self.revisions: dict[str, list[int]] = {}

    @staticmethod
    def apart(ids: Iterable[str], names: Iterable[str]) -> None:
        """Refuses (ValueError) a fixture that uses one text as an id and as a name: it has no rename."""
        both = set(ids) & set(names)
        if both:
            raise ValueError(f"the fixture uses {sorted(both)} as an id and as a name: Prefect keeps them apart")

    def _kind(self, slug: str | None) -> str | None:
        return None if slug == SLUGS[None] else self.kinds_.fixture(slug or "")

    def _rev(self, id: str, micros: int) -> int:
        """The store's revision (an update time) as the fixture counts them: 1 for the first seen, then 2, ..."""
        seen = self.revisions.setdefault(id, [])
        if micros not in seen:
            seen.append(micros)
        return seen.index(micros) + 1

    def _micros(self, id: str, revision: int) -> int:
        seen = self.revisions.get(id, [])
        return seen[revision - 1] if 1 <= revision <= len(seen) else -revision - 1  # never an update time

    def _error(self, id: str, e: StoreError) -> StoreError:
        if e.kind == "conflict" and isinstance(e.details.get("actual"), int):
            return StoreError.conflict(self._rev(id, int(e.details["actual"])))  # type: ignore[call-overload]
        return e

    def _rules(self, rules: KindRules) -> KindRules:
        kind = rules.kind if rules.kind == SLUGS[None] else self.kinds_.fixture(rules.kind)
        return KindRules(kind=kind, help=rules.help, properties=rules.properties,
                         max_properties=rules.max_properties, allow_unknown=rules.allow_unknown)

    def get(self, caller: Caller, id: str) -> Connector:
        try:
            c = self.store.get(caller, self.ids.store(id))
        except StoreError as e:
            raise self._error(id, e) from None
        return Connector(id=self.ids.fixture(c.id), name=self.names.fixture(c.name), kind=self._kind(c.kind),
                         revision=self._rev(id, c.revision), properties=c.properties)

    def find_by_name(self, caller: Caller, name: str) -> list[ConnectorSummary]:
        found = self.store.find_by_name(caller, self.names.store(name))
        return [ConnectorSummary(id=self.ids.fixture(s.id), name=self.names.fixture(s.name), kind=self._kind(s.kind),
                                 revision=self._rev(self.ids.fixture(s.id), s.revision)) for s in found]

    def rules(self, caller: Caller, kind: str) -> KindRules | None:
        rules = self.store.rules(caller, kind if kind == SLUGS[None] else self.kinds_.store(kind))
        return None if rules is None else self._rules(rules)

    def kinds(self, caller: Caller) -> list[KindRules]:
        return [self._rules(k) for k in self.store.kinds(caller)]

    def write(self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode) -> WriteReceipt:
        try:
            receipt = self.store.write(caller, self.ids.store(id), self._micros(id, expected_revision), changes, mode)
        except StoreError as e:
            raise self._error(id, e) from None
        return WriteReceipt(revision=self._rev(id, receipt.revision), changed=receipt.changed)


def renamed_store(action: Action) -> Callable[[Fixture], Renamed]:
    """The kit's `make_store`: each fixture connector saved as a fresh document, then the view over BlockStore."""

    def make(fixture: Fixture) -> Renamed:
        Renamed.apart((c.id for c in fixture.connectors), (c.name for c in fixture.connectors))  # before any save
        names = {c.name: _prefect_name(c.name) for c in fixture.connectors}
        ids = {c.id: str(_save(c.kind, names[c.name], c.properties)) for c in fixture.connectors}
        view = Renamed(BlockStore(action, list(SLUGS.values())), ids, names)
        for cid in ids:
            view.get(Caller(), cid)  # revision 1 is the update time the document has now
        return view

    return make


ACCESS = {"open-without-grants", "grantee-only", "access-before-revision", "find-by-name-access"}
"""Left out (grants=False), as the kit allows: who may use a document is Prefect's to decide."""

class Pinned(NamedTuple):
    """A clause BlockStore breaks on purpose: what the kit expected, what BlockStore answered, and why."""

    expected: str
    seen: str
    why: str


PINNED = {
    "secrecy-is-sticky": Pinned(
        "a commit making plain A secret, its value unchanged (a change of secrecy) to succeed",
        'StoreError.invalid naming ["A"]',
        "Which fields are secret is the block schema's: a field declared `str` can never hold a secret, so "
        "BlockStore refuses a value marked secret for it (rule 'secret') rather than keep it where Prefect shows it "
        "to whoever reads the document (test_store.py tests both ways).",
    ),
    "merged-values": Pinned(
        "property 'metadata' of 'c3' plain with the text it should hold after a refused commit merge",
        "a plain value with other text",
        "A dict field holds a JSON value, not text: the fixture's '{\"team\": \"a\"}' is stored as the dict and "
        "read back as the compact JSON the action itself writes, so after the refusal the text differs in spacing "
        "only. What the clause goes on to check (a refused merge, commit and preview, changes nothing; a good one "
        "lands) is tested in test_store.py.",
    ),
}
"""The clauses BlockStore breaks on purpose, each with its reason."""


def test_the_kit_through_renaming(action: Action) -> None:
    breaches = find_breaches(action, renamed_store(action), grants=False)
    seen = {b.clause: (b.expected, b.seen) for b in breaches}
    assert seen == {clause: (p.expected, p.seen) for clause, p in PINNED.items()}, "\n".join(f"{b.clause}: expected {b.expected}; seen {b.seen}" for b in breaches)
    held = [c for c in CLAUSES if c not in ACCESS and c not in seen]
    assert len(CLAUSES) == 30 and len(held) == 24  # of the 26 clauses that run, 24 hold
    assert not [b for b in breaches if SECRET in f"{b.expected} {b.seen}"]


def test_the_view_renames_and_decides_nothing(action: Action) -> None:
    """The view refuses only what it cannot rename, and passes every answer through: a store that breaks a
    clause still breaks it through the view."""
    with pytest.raises(ValueError, match="as an id and as a name"):
        Renamed(BlockStore(action), {"c1": str(UUID(int=1))}, {"c1": "kit-x"})
    view = Renamed(BlockStore(action), {"c1": str(UUID(int=1))}, {"One": "kit-y"})
    with pytest.raises(StoreError) as missing:
        view.get(Caller(), "One")  # a name is no id: it maps to no document
    assert missing.value.kind == "not-found"
    assert view.find_by_name(Caller(), "c1") == []  # an id is no name

    class ForgetsRemovals(BlockStore):
        """Reports a removal as changed but sends nothing: the `removal` clause must still see it."""

        def write(self, caller: Caller, id: str, expected_revision: int, changes: list[Change],
                  mode: WriteMode) -> WriteReceipt:
            kept = [c for c in changes if c.op != "remove"]
            receipt = super().write(caller, id, expected_revision, kept, mode)
            return WriteReceipt(receipt.revision, list(dict.fromkeys([*receipt.changed, *(c.name for c in changes
                                                                                          if c.op == "remove")])))

    def make(fixture: Fixture) -> Renamed:
        view = renamed_store(action)(fixture)
        view.store = ForgetsRemovals(action, list(SLUGS.values()))
        return view

    with pytest.raises(Breach) as broken:
        removal(Kit(fresh=make, rules=None))
    assert broken.value.clause == "removal"
