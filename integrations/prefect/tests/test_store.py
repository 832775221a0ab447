"""BlockStore on its own (no flow run): what only the store sees, conflicts injected into its window, merges of secrets."""

from __future__ import annotations

import json
from typing import Any, Literal
from uuid import UUID

import pytest
from connectors_update import Action, Caller, Change, Conflict, MapTokens, StoreError, ValidationFailed
from prefect.blocks.core import Block
from prefect.client.orchestration import SyncPrefectClient
from prefect.client.schemas.actions import BlockDocumentUpdate
from pydantic import SecretStr

from conftest import load, CANARY, snapshot
from connectors_update_prefect import OBFUSCATED, BlockStore, LogtoConnector, RestApiConnector
from test_flows import step

ANYONE = Caller()


class Settings(Block):
    """A block type of someone else's, with what a JSON schema says and the action's formats do not."""

    _block_type_slug = "connectors-update-test-settings"

    level: Literal["low", "high"] = "low"
    ratio: float = 1.0
    region: str = "eu"
    note: str | None = None
    token: SecretStr | None = None


@pytest.fixture(scope="module")
def settings_type() -> str:
    Settings.register_type_and_schema()
    return Settings.get_block_type_slug()


def test_rules_come_from_the_block_schema(action: Action, settings_type: str) -> None:
    store = BlockStore(action, [settings_type])
    rules = store.rules(ANYONE, settings_type)
    assert rules is not None and rules.kind == settings_type and not rules.allow_unknown
    by_name = {r.name: r for r in rules.properties}
    assert sorted(by_name) == ["level", "note", "ratio", "region", "token"]
    assert by_name["token"].secret and not by_name["note"].secret
    assert [k.kind for k in store.kinds(ANYONE)] == [settings_type]
    assert store.rules(ANYONE, "secret") is None  # a block type the store does not hold
    own = BlockStore(action).rules(ANYONE, "connectors-update-rest-api")
    assert own is not None
    rule = {r.name: r for r in own.properties}
    assert rule["APIKey"].required and rule["APIKey"].secret and rule["Timeout"].format == "duration"
    assert rule["RetryAttempts"].format == "integer" and rule["Endpoint"].format == "url"


def test_values_the_schema_refuses_are_refused_by_the_store(action: Action, settings_type: str) -> None:
    """Prefect's server takes any data on a PATCH; the store refuses what Block.load would then fail on."""
    doc_id = Settings(token=SecretStr(f"{CANARY}-settings")).save("settings", overwrite=True)
    store = BlockStore(action, [settings_type])
    before = snapshot(doc_id)
    for rows in ({"level": "medium"}, {"ratio": "fast"}):
        with pytest.raises(ValidationFailed) as refused:
            action.execute(step("settings", properties_json=rows), store)
        assert [v.property for v in refused.value.violations] == list(rows)
    assert snapshot(doc_id) == before
    outcome = action.execute(step("settings", properties_json={"level": "high", "ratio": "0.5", "note": "n"}), store)
    assert sorted(outcome.changed) == ["level", "ratio"] and outcome.added == ["note"]
    loaded = load(Settings, "settings")
    assert (loaded.level, loaded.ratio, loaded.note) == ("high", 0.5, "n")
    # Removing a field sets it to its default: None where it may hold None, else the schema's default.
    action.execute(step("settings", properties_json={"region": "us"}), store)
    outcome = action.execute(step("settings", properties_json={"note": None, "region": None}), store)
    assert sorted(outcome.removed) == ["note", "region"]
    loaded = load(Settings, "settings")
    assert (loaded.note, loaded.region) == (None, "eu")


def test_the_obfuscated_value_cannot_be_stored_in_a_secret(action: Action) -> None:
    doc_id = RestApiConnector(APIKey=SecretStr(f"{CANARY}-obf")).save("obfuscated", overwrite=True)
    store = BlockStore(action)
    revision = store.get(ANYONE, str(doc_id)).revision
    with pytest.raises(StoreError) as refused:
        store.write(ANYONE, str(doc_id), revision, [Change("APIKey", "set", OBFUSCATED, True)], "commit")
    assert refused.value.kind == "invalid"
    # A required field cannot be removed: the store refuses it even when asked directly, without the action's check.
    with pytest.raises(StoreError) as refused:
        store.write(ANYONE, str(doc_id), revision, [Change("APIKey", "remove")], "commit")
    assert refused.value.kind == "invalid" and [v.rule for v in refused.value.details["violations"]] == ["required"]  # type: ignore[attr-defined]
    assert load(RestApiConnector, "obfuscated").APIKey.get_secret_value() == f"{CANARY}-obf"


def test_get_withholds_secrets_and_reads_revisions(action: Action) -> None:
    doc_id = RestApiConnector(APIKey=SecretStr(f"{CANARY}-get"), RetryAttempts=4).save("reads", overwrite=True)
    store = BlockStore(action)
    c = store.get(ANYONE, str(doc_id))
    assert c.kind == "connectors-update-rest-api" and c.name == "reads" and c.revision > 1_700_000_000_000_000
    props = {p.name: p for p in c.properties}
    assert props["APIKey"].secret and props["APIKey"].value is None
    assert props["RetryAttempts"].value == "4" and "Timeout" not in props
    assert CANARY not in repr(c)
    assert [s.id for s in store.find_by_name(ANYONE, "reads")] == [str(doc_id)]
    assert store.find_by_name(ANYONE, "Reads") == [] and store.find_by_name(ANYONE, "no such name!") == []
    for missing in ("no-such-id", str(UUID(int=1)), str(doc_id).upper()):
        with pytest.raises(StoreError) as refused:
            store.get(ANYONE, missing)
        assert refused.value.kind == "not-found"


def test_a_merge_into_a_secret_is_done_in_the_store(action: Action) -> None:
    LogtoConnector(config=SecretStr(json.dumps({"key": f"{CANARY}-logto", "a": 1})), syncProfile=False).save(
        "logto", overwrite=True
    )
    store = BlockStore(action)
    text = step("logto", properties_json={"config": {"a": None, "b": "[vault:b]"}, "syncProfile": "true"},
                MergeMode="deep")
    outcome = action.execute(text, store, MapTokens({"vault:b": "bee"}))
    assert sorted(outcome.changed) == ["config", "syncProfile"]
    loaded = load(LogtoConnector, "logto")
    assert loaded.config is not None
    assert json.loads(loaded.config.get_secret_value()) == {"key": f"{CANARY}-logto", "b": "bee"}
    assert loaded.syncProfile is True
    # A merge whose result breaks the kind's rules (the merged secret is seen only in the store).
    with pytest.raises(ValidationFailed):
        action.execute(step("logto", properties_json={"metadata": {"bogus": "x"}}, MergeMode="deep"), store)


class Interloper(BlockStore):
    """Another writer's PATCH at a chosen point of the store's write: a fault injection."""

    def __init__(self, action: Action, where: Literal["before_check", "before_patch"], times: int) -> None:
        super().__init__(action)
        self.where, self.left, self.calls = where, times, 0

    def _interlope(self, client: SyncPrefectClient, document_id: UUID) -> None:
        self.calls += 1
        if self.left > 0:
            self.left -= 1
            client.update_block_document(
                document_id, BlockDocumentUpdate(data={"RetryAttempts": 10 + self.calls}, merge_existing_data=True)
            )

    def before_check(self, client: SyncPrefectClient, document_id: UUID) -> None:
        if self.where == "before_check":
            self._interlope(client, document_id)

    def before_patch(self, client: SyncPrefectClient, document_id: UUID) -> None:
        if self.where == "before_patch":
            self._interlope(client, document_id)


def _window_doc(name: str) -> Any:
    return RestApiConnector(APIKey=SecretStr(f"{CANARY}-w"), Timeout="1s", RetryAttempts=0).save(name, overwrite=True)


def test_a_write_between_the_read_and_the_patch_is_a_conflict(action: Action) -> None:
    _window_doc("window")
    store = Interloper(action, "before_check", times=100)
    with pytest.raises(Conflict):
        action.execute(step("window", {"Timeout": "2s"}), store)
    loaded = load(RestApiConnector, "window")
    assert loaded.Timeout == "1s" and loaded.RetryAttempts == 10 + store.calls  # the other write kept, ours not sent
    assert store.calls == 16  # a step without an Expected Revision is run again on a conflict, 16 times in all
    # Once only: the action runs the step again on what Prefect holds now, and both writes land.
    once = Interloper(action, "before_check", times=1)
    outcome = action.execute(step("window", {"Timeout": "2s"}), once)
    loaded = load(RestApiConnector, "window")
    assert outcome.changed == ["Timeout"] and (loaded.Timeout, loaded.RetryAttempts) == ("2s", 11)


def test_the_window_after_the_check_is_not_seen(action: Action) -> None:
    """What Prefect does not let a client close: a write after the last check is not seen (the README's window).
    The server merges field by field, so the other write's field is kept."""
    _window_doc("window-after")
    store = Interloper(action, "before_patch", times=1)
    outcome = action.execute(step("window-after", {"Timeout": "2s"}), store)
    loaded = load(RestApiConnector, "window-after")
    assert outcome.changed == ["Timeout"] and (loaded.Timeout, loaded.RetryAttempts) == ("2s", 11)
