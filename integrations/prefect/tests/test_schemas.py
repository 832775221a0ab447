"""One schema for `rules` and `write` (and `get`): the block type's most recent, after a second schema version."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

import pytest
from connectors_update import Action, Caller, Change, StoreError, ValidationFailed
from prefect.blocks.core import Block
from prefect.client.orchestration import get_client
from pydantic import SecretStr

from conftest import CANARY, snapshot
from connectors_update_prefect import BlockStore
from test_flows import step

ANYONE = Caller()
SLUG = "connectors-update-test-versions"


class VersionOne(Block):
    """The block type as first registered: `legacy`, no `tier`."""

    _block_type_name: ClassVar[str] = "Connectors Update Test Versions"
    _block_type_slug: ClassVar[str] = SLUG

    token: SecretStr
    region: str | None = None
    legacy: str | None = None


def _version_two() -> type[Block]:
    """The same block type, a second schema: `tier` added, `legacy` gone (Prefect warns that the slug is taken)."""
    with pytest.warns(UserWarning, match="matches existing registered type"):

        class VersionTwo(Block):
            _block_type_name: ClassVar[str] = "Connectors Update Test Versions"
            _block_type_slug: ClassVar[str] = SLUG

            token: SecretStr
            region: str | None = None
            tier: str | None = None

    return VersionTwo


def _schema_of(doc_id: UUID) -> UUID | None:
    with get_client(sync_client=True) as client:
        return client.read_block_document(doc_id, include_secrets=False).block_schema_id


def _names(store: BlockStore) -> list[str]:
    rules = store.rules(ANYONE, SLUG)
    assert rules is not None
    return [r.name for r in rules.properties]


def test_rules_and_write_read_the_newest_schema(action: Action) -> None:
    VersionOne.register_type_and_schema()
    doc_id = VersionOne(token=SecretStr(f"{CANARY}-v"), legacy="old").save("versioned", overwrite=True)
    assert isinstance(doc_id, UUID)
    first = _schema_of(doc_id)
    store = BlockStore(action, [SLUG])
    assert _names(store) == ["token", "region", "legacy"]
    # With one schema, `tier` is no field: the guest refuses it on the rules, and the store on its own too.
    with pytest.raises(ValidationFailed):
        action.execute(step("versioned", {"tier": "gold"}), store)
    revision = store.get(ANYONE, str(doc_id)).revision
    with pytest.raises(StoreError) as refused:
        store.write(ANYONE, str(doc_id), revision, [Change("tier", "set", "gold")], "commit")
    assert refused.value.kind == "invalid"

    version_two = _version_two()
    version_two.register_type_and_schema()  # a second schema version of the same block type
    assert _names(store) == ["token", "region", "tier"]
    connector = store.get(ANYONE, str(doc_id))
    assert {p.name: p.secret for p in connector.properties} == {"token": True}  # `legacy` is no field now
    assert _schema_of(doc_id) == first  # reading moves nothing
    # What the rules now take, the store takes: `tier` lands, and the document moves to the newest schema.
    outcome = action.execute(step("versioned", {"tier": "gold", "region": "eu"}), store)
    assert outcome.added == ["tier", "region"]
    loaded = version_two.load("versioned")
    assert isinstance(loaded, version_two)
    assert (loaded.tier, loaded.region, loaded.token.get_secret_value()) == ("gold", "eu", f"{CANARY}-v")  # type: ignore[attr-defined]
    second = _schema_of(doc_id)
    assert second is not None and second != first
    # And what they no longer take, neither takes: `legacy` is refused by the guest and by the store alike.
    before = snapshot(doc_id)
    with pytest.raises(ValidationFailed) as unknown:
        action.execute(step("versioned", {"legacy": "new"}), store)
    assert [v.property for v in unknown.value.violations] == ["legacy"]
    revision = store.get(ANYONE, str(doc_id)).revision
    with pytest.raises(StoreError) as refused:
        store.write(ANYONE, str(doc_id), revision, [Change("legacy", "set", "new")], "commit")
    assert refused.value.kind == "invalid" and snapshot(doc_id) == before
