"""Building the package's own store from a kit's fixture (the JavaScript kit's
fixtures.js): the `make_store` an engine's test passes to `check_store` when
it checks `MemoryStore`, and the shape of one it writes for its own store."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from .. import Action, MemoryStore
from .contract.fixture import Fixture

_Store = TypeVar("_Store", bound=MemoryStore)


def fill_memory_store(store: _Store, fixture: Fixture) -> _Store:
    """`store` (a `MemoryStore`, or a subclass of it), holding the fixture: its
    kinds declared, its connectors added, its grants given."""
    for kind in fixture.kinds:
        store.set_rules(kind)
    for c in fixture.connectors:
        store.add(name=c.name, id=c.id, kind=c.kind, properties=c.properties)
    for g in fixture.grants:
        store.grant(g.connector, g.principal)
    return store


def memory_store_for(action: Action) -> Callable[[Fixture], MemoryStore]:
    """A `make_store` for the kit: a fresh `MemoryStore` holding the fixture."""
    return lambda fixture: fill_memory_store(MemoryStore(action), fixture)
