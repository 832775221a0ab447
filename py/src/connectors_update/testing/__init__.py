"""`connectors_update.testing`: the kit that proves a store keeps the
action's behaviour, clause for clause the Rust harness's
`connectors_update::testing` and the npm package's `connectors-update/testing`.

An engine that brings its own store checks it from a test::

    from connectors_update import load_action
    from connectors_update.testing import Fixture, check_store

    def make_store(fixture: Fixture) -> MyStore:
        store = MyStore()
        for kind in fixture.kinds: ...        # declare it
        for c in fixture.connectors: ...      # add it at revision 1
        for g in fixture.grants: ...          # grant it
        return store

    def test_my_store() -> None:
        check_store(load_action(), make_store)   # AssertionError naming each broken clause

The kit calls `make_store` once per clause, so one broken clause cannot hide
or cause another, and writes only through the `CredentialStore` contract.
What it reports names clauses, property names, revisions and error kinds,
never a value: a report is safe to print in a CI log even when the store
under test leaks.
"""

from .contract.fixture import Fixture, FixtureConnector, FixtureProperty, Grant
from .contract.observe import Breach
from .fixtures import fill_memory_store, memory_store_for
from .store_contract import CLAUSES, StoreContractError, check_store, find_breaches

__all__ = [
    "CLAUSES",
    "Breach",
    "Fixture",
    "FixtureConnector",
    "FixtureProperty",
    "Grant",
    "StoreContractError",
    "check_store",
    "fill_memory_store",
    "find_breaches",
    "memory_store_for",
]
