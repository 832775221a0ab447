"""BlockStore on its own (no flow run): what only the store sees, conflicts injected into its window, merges of secrets."""

from __future__ import annotations

import json
from typing import Any, Literal
from uuid import UUID

import pytest
from connectors_update import (
    MAX_VALUE_BYTES,
    Action,
    Caller,
    Change,
    Conflict,
    Connector,
    MapTokens,
    StoreError,
    ValidationFailed,
    Violation,
    WriteMode,
    WriteReceipt,
    check_write_permissions,
    value_size_violation,
)
from prefect.blocks.core import Block
from prefect.blocks.fields import SecretDict
from prefect.client.orchestration import SyncPrefectClient
from prefect.client.schemas.actions import BlockDocumentUpdate
from pydantic import SecretStr

from conftest import load, CANARY, snapshot
from connectors_update_prefect import (
    OBFUSCATED,
    Auth0Connection,
    BlockStore,
    LogtoConnector,
    OAuth2Connector,
    RestApiConnector,
)
from test_flows import step

ANYONE = Caller()


def violations(error: StoreError) -> list[Violation]:
    """The violations of an `invalid` refusal."""
    found = error.details["violations"]
    assert isinstance(found, list) and all(isinstance(v, Violation) for v in found)
    return found


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

    def __init__(self, action: Action, where: Literal["check", "patch"], times: int) -> None:
        super().__init__(action)
        self.where, self.left, self.calls = where, times, 0

    def _interlope(self, client: SyncPrefectClient, document_id: UUID) -> None:
        self.calls += 1
        if self.left > 0:
            self.left -= 1
            client.update_block_document(
                document_id, BlockDocumentUpdate(data={"RetryAttempts": 10 + self.calls}, merge_existing_data=True)
            )

    def _before_check(self, client: SyncPrefectClient, document_id: UUID) -> None:
        if self.where == "check":
            self._interlope(client, document_id)

    def _before_patch(self, client: SyncPrefectClient, document_id: UUID) -> None:
        if self.where == "patch":
            self._interlope(client, document_id)


def _window_doc(name: str) -> Any:
    return RestApiConnector(APIKey=SecretStr(f"{CANARY}-w"), Timeout="1s", RetryAttempts=0).save(name, overwrite=True)


def test_a_write_between_the_read_and_the_patch_is_a_conflict(action: Action) -> None:
    _window_doc("window")
    store = Interloper(action, "check", times=100)
    with pytest.raises(Conflict):
        action.execute(step("window", {"Timeout": "2s"}), store)
    loaded = load(RestApiConnector, "window")
    assert loaded.Timeout == "1s" and loaded.RetryAttempts == 10 + store.calls  # the other write kept, ours not sent
    assert store.calls == 16  # a step without an Expected Revision is run again on a conflict, 16 times in all
    # Once only: the action runs the step again on what Prefect holds now, and both writes land.
    once = Interloper(action, "check", times=1)
    outcome = action.execute(step("window", {"Timeout": "2s"}), once)
    loaded = load(RestApiConnector, "window")
    assert outcome.changed == ["Timeout"] and (loaded.Timeout, loaded.RetryAttempts) == ("2s", 11)


def test_the_window_after_the_check_is_not_seen(action: Action) -> None:
    """What Prefect does not let a client close: a write after the last check is not seen (the README's window).
    The server merges field by field, so the other write's field is kept."""
    _window_doc("window-after")
    store = Interloper(action, "patch", times=1)
    outcome = action.execute(step("window-after", {"Timeout": "2s"}), store)
    loaded = load(RestApiConnector, "window-after")
    assert outcome.changed == ["Timeout"] and (loaded.Timeout, loaded.RetryAttempts) == ("2s", 11)


# -- Presence of secrets: Prefect answers a secret holding None as None, so a read without secrets tells it.


class Headers(Block):
    """A block type of someone else's with a secret dict (secret through a wildcard path, `headers.*`)."""

    _block_type_slug = "connectors-update-test-headers"

    url: str = "https://example.com"
    headers: SecretDict | None = None


def test_a_secret_holding_none_is_absent(action: Action) -> None:
    held = OAuth2Connector(ClientId="id", ClientSecret=SecretStr(f"{CANARY}-held")).save("present", overwrite=True)
    empty = OAuth2Connector(ClientId="id").save("absent", overwrite=True)
    store = BlockStore(action)
    assert {p.name: p.secret for p in store.get(ANYONE, str(held)).properties} == {"ClientId": False, "ClientSecret": True}
    assert [p.name for p in store.get(ANYONE, str(empty)).properties] == ["ClientId"]
    # So setting it is an addition, and removing one is a change only where it holds a value.
    outcome = action.execute(step("absent", {"ClientSecret": "[vault:s]"}), store, MapTokens({"vault:s": f"{CANARY}-new"}))
    assert outcome.added == ["ClientSecret"] and outcome.changed == []
    outcome = action.execute(step("present", properties_json={"ClientSecret": None}), store)
    assert outcome.removed == ["ClientSecret"] and outcome.revision_after > outcome.revision_before
    assert load(OAuth2Connector, "present").ClientSecret is None
    assert "ClientSecret" not in [p.name for p in store.get(ANYONE, str(held)).properties]
    again = action.execute(step("present", properties_json={"ClientSecret": None}), store)
    assert again.removed == [] and again.revision_after == again.revision_before
    revision = store.get(ANYONE, str(held)).revision
    assert store.write(ANYONE, str(held), revision, [Change("ClientSecret", "remove")], "commit").changed == []


def test_a_secret_dict_holding_none_is_absent_and_one_holding_nothing_present(action: Action) -> None:
    """Prefect obfuscates a wildcard secret holding None as one holding {}: the store tells them apart inside."""
    Headers.register_type_and_schema()
    store = BlockStore(action, [Headers.get_block_type_slug()])
    ids = {name: str(Headers(headers=value).save(name, overwrite=True)) for name, value in
           (("h-none", None), ("h-empty", SecretDict({})), ("h-full", SecretDict({"k": f"{CANARY}-h"})))}
    shown = {name: {p.name: (p.value, p.secret) for p in store.get(ANYONE, i).properties} for name, i in ids.items()}
    assert shown["h-none"] == {"url": ("https://example.com", False)}
    assert shown["h-empty"]["headers"] == shown["h-full"]["headers"] == (None, True)
    assert CANARY not in repr(shown)
    for name, changed in (("h-none", []), ("h-empty", ["headers"]), ("h-full", ["headers"])):
        revision = store.get(ANYONE, ids[name]).revision
        assert store.write(ANYONE, ids[name], revision, [Change("headers", "remove")], "preview").changed == changed


# -- Secrecy is the block schema's.


def test_a_value_marked_secret_is_refused_for_a_plain_field(action: Action) -> None:
    doc_id = str(RestApiConnector(APIKey=SecretStr(f"{CANARY}-plain"), Endpoint="https://a.example").save(
        "plain-field", overwrite=True))
    store = BlockStore(action)
    revision = store.get(ANYONE, doc_id).revision
    for mode in ("preview", "commit"):
        with pytest.raises(StoreError) as refused:
            store.write(ANYONE, doc_id, revision, [Change("Endpoint", "set", f"https://{CANARY}.example", True)], mode)
        assert refused.value.kind == "invalid" and [v.rule for v in violations(refused.value)] == ["secret"]
        assert CANARY not in str(refused.value) and CANARY not in repr(refused.value.details)
    assert store.get(ANYONE, doc_id).revision == revision
    # The same value not marked secret is taken, and a secret field takes a value marked secret or not.
    receipt = store.write(ANYONE, doc_id, revision, [Change("Endpoint", "set", "https://b.example", False),
                                                     Change("APIKey", "set", f"{CANARY}-2", True)], "commit")
    assert receipt.changed == ["Endpoint", "APIKey"]
    receipt = store.write(ANYONE, doc_id, receipt.revision, [Change("APIKey", "set", f"{CANARY}-3", False)], "commit")
    assert receipt.changed == ["APIKey"] and load(RestApiConnector, "plain-field").APIKey.get_secret_value() == f"{CANARY}-3"


# -- Store-side checks: the package's own (connectors_update.store_checks), as MemoryStore makes them.


def test_write_permissions_are_the_packages_check(action: Action) -> None:
    doc_id = str(Auth0Connection(name="perm", options=SecretStr(json.dumps({"k": f"{CANARY}-o"}))).save(
        "perm", overwrite=True))
    store = BlockStore(action)
    rules = store.rules(ANYONE, "connectors-update-auth0-connection")
    revision = store.get(ANYONE, doc_id).revision
    for caller in (ANYONE, Caller("ann"), Caller("ann", ("read:connections",))):
        changes = [Change("display_name", "set", "x"), Change("options", "merge", '{"k": null}', True)]
        with pytest.raises(StoreError) as refused:
            store.write(caller, doc_id, revision, changes, "preview")
        with pytest.raises(StoreError) as expected:
            check_write_permissions(rules, caller, changes)
        assert (refused.value.kind, refused.value.details) == ("permission-denied", expected.value.details)
        assert str(refused.value) == str(expected.value) and "options" in str(refused.value)
    admin = Caller("ann", ("update:connections_options",))
    receipt = store.write(admin, doc_id, revision, [Change("options", "merge", '{"k": null, "o": 1}', True)], "commit")
    assert receipt.changed == ["options"]
    options = load(Auth0Connection, "perm").options
    assert options is not None and json.loads(options.get_secret_value()) == {"o": 1}


def test_the_size_limit_is_the_packages_check(action: Action, settings_type: str) -> None:
    doc_id = str(Settings().save("size", overwrite=True))
    store = BlockStore(action, [settings_type])
    revision = store.get(ANYONE, doc_id).revision
    over = "size-marker-" + "x" * (MAX_VALUE_BYTES + 1 - len("size-marker-"))  # plain: no canary, it is stored
    with pytest.raises(StoreError) as refused:
        store.write(ANYONE, doc_id, revision, [Change("note", "set", over)], "commit")
    assert violations(refused.value) == [value_size_violation("note", over)]
    assert "size-marker" not in str(refused.value) and "xxxx" not in str(refused.value)
    receipt = store.write(ANYONE, doc_id, revision, [Change("note", "set", over[:-1])], "commit")  # at the limit
    assert receipt.changed == ["note"]


# -- A merge patch that is no JSON object: refused as invalid (deterministic), never as unavailable (retryable).


def test_a_merge_patch_that_is_no_object_is_invalid(action: Action) -> None:
    LogtoConnector(config=SecretStr(json.dumps({"k": f"{CANARY}-m"}))).save("merge-patch", overwrite=True)
    store = BlockStore(action)
    doc_id = store.find_by_name(ANYONE, "merge-patch")[0].id
    before = snapshot(UUID(doc_id))
    revision = store.get(ANYONE, doc_id).revision
    for mode in ("preview", "commit"):
        for patch in ("[1]", "5", "not json"):
            with pytest.raises(StoreError) as refused:
                store.write(ANYONE, doc_id, revision, [Change("syncProfile", "set", "true"),
                                                       Change("config", "merge", patch, True)], mode)
            seen = [(v.property, v.rule) for v in violations(refused.value)]
            assert refused.value.kind == "invalid" and seen == [("config", "format")]
    assert snapshot(UUID(doc_id)) == before
    receipt = store.write(ANYONE, doc_id, revision, [Change("config", "merge", '{"n": 1}', True)], "commit")
    assert receipt.changed == ["config"]


# -- JSON values reach the guest as compact text, as the guest writes them.


class CountsWrites(BlockStore):
    """BlockStore, counting the writes the guest asks for and keeping what `get` handed it."""

    writes = 0
    handed: list[Connector] = []

    def get(self, caller: Caller, id: str) -> Connector:
        connector = super().get(caller, id)
        self.handed.append(connector)
        return connector

    def write(self, caller: Caller, id: str, expected_revision: int, changes: list[Change],
              mode: WriteMode) -> WriteReceipt:
        self.writes += 1
        return super().write(caller, id, expected_revision, changes, mode)


def test_json_fields_reach_the_guest_as_compact_text(action: Action) -> None:
    Auth0Connection(name="compact", metadata={"team": "a", "n": "é"}, realms=["x", "y"]).save("compact", overwrite=True)
    store = CountsWrites(action)
    store.handed = []
    # The same values the document holds: the guest compares its compact text with what it was handed, finds
    # no change and asks for no write.
    same = action.execute(step("compact", properties_json={"metadata": {"team": "a", "n": "é"}, "realms": ["x", "y"]}),
                          store)
    values = {p.name: p.value for p in store.handed[-1].properties}
    assert values["metadata"] == '{"team":"a","n":"é"}' and values["realms"] == '["x","y"]'
    assert same.changed == [] and same.revision_after == same.revision_before and store.writes == 0
    other = action.execute(step("compact", properties_json={"metadata": {"team": "b", "n": "é"}}), store)
    assert other.changed == ["metadata"] and store.writes == 1
    assert load(Auth0Connection, "compact").metadata == {"team": "b", "n": "é"}


# -- What the kit's `merged-values` checks after the text it compares (pinned in test_store_kit.py).


def test_a_merge_the_kinds_rules_refuse_changes_nothing(action: Action) -> None:
    doc_id = str(Auth0Connection(name="merged", metadata={"team": "a"}).save("merged", overwrite=True))
    store = BlockStore(action)
    admin = Caller("admin", ("update:connections_options",))
    before = snapshot(UUID(doc_id))
    revision = store.get(admin, doc_id).revision
    for mode in ("commit", "preview"):
        with pytest.raises(StoreError) as refused:
            store.write(admin, doc_id, revision, [Change("display_name", "set", "x"),
                                                  Change("metadata", "merge", '{"size": 5}')], mode)
        assert refused.value.kind == "invalid"
        assert [v.property for v in violations(refused.value)] == ["metadata"]
        assert snapshot(UUID(doc_id)) == before
    receipt = store.write(admin, doc_id, revision, [Change("metadata", "merge", '{"size": "5"}')], "commit")
    assert receipt.changed == ["metadata"] and receipt.revision > revision
    assert load(Auth0Connection, "merged").metadata == {"team": "a", "size": "5"}


# -- Ids and names apart: a name that is another document's id is never taken for a name.


def test_a_name_that_is_an_id_is_never_found_by_name(action: Action) -> None:
    first = RestApiConnector(APIKey=SecretStr(f"{CANARY}-1")).save("first-of-two", overwrite=True)
    second = RestApiConnector(APIKey=SecretStr(f"{CANARY}-2")).save(str(first), overwrite=True)  # Prefect takes it
    store = BlockStore(action)
    assert store.find_by_name(ANYONE, str(first)) == []
    assert store.get(ANYONE, str(first)).name == "first-of-two"
    outcome = action.execute(step(str(first), {"Timeout": "5s"}), store)  # the id's document, never ambiguous
    assert outcome.id == str(first) and load(RestApiConnector, "first-of-two").Timeout == "5s"
    assert store.get(ANYONE, str(second)).name == str(first)  # still reached by its own id
    assert [s.id for s in store.find_by_name(ANYONE, "first-of-two")] == [str(first)]  # a name that is no UUID is found


def test_the_fault_hooks_are_private() -> None:
    """The points tests inject writes at are no public API: a subclass of a user's does not override them."""
    assert not [name for name in ("before_check", "before_patch") if hasattr(BlockStore, name)]
    assert callable(BlockStore._before_check) and callable(BlockStore._before_patch)
