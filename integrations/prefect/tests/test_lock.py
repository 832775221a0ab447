"""`BlockStore(lock=True)`: a Prefect global concurrency limit per document closes the window among the writers
that take it. Without it, a deep merge into a JSON field loses the keys another writer added in the window."""

from __future__ import annotations

import threading
from typing import Any
from uuid import UUID

import pytest
from connectors_update import Action, Caller, Change, Outcome, StoreError
from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.concurrency.sync import concurrency

from conftest import load
from connectors_update_prefect import LOCK_PREFIX, BlockStore, LogtoConnector
from test_flows import step


OURS, THEIRS = "logo", "logoDark"
"""The keys the two runs merge into the Logto connector's metadata (the kind allows target, name, logo, logoDark)."""


def _merge(key: str) -> str:
    return step("locked", properties_json={"metadata": {key: "1"}}, MergeMode="deep")


class Interleaved(BlockStore):
    """In its window (after the last check, before the PATCH), another run merges its own key into the field."""

    def __init__(self, action: Action, *, lock: bool) -> None:
        super().__init__(action, lock=lock)
        self.action = action
        self.other: threading.Thread | None = None
        self.outcome: list[Outcome | BaseException] = []
        self.waited = False

    def _other_run(self) -> None:
        try:
            self.outcome.append(self.action.execute(_merge(THEIRS), BlockStore(self.action, lock=self._lock)))
        except BaseException as e:  # handed to the test
            self.outcome.append(e)

    def _before_patch(self, client: SyncPrefectClient, document_id: UUID) -> None:
        if self.other is not None:
            return  # once: the retry's window is left alone
        self.other = threading.Thread(target=self._other_run)
        self.other.start()
        self.other.join(timeout=3)
        self.waited = self.other.is_alive()  # still waiting for the lock we hold


def _doc() -> Any:
    return LogtoConnector(metadata={"target": "a"}).save("locked", overwrite=True)


def test_without_the_lock_a_deep_merge_loses_the_key_written_in_its_window(action: Action) -> None:
    _doc()
    store = Interleaved(action, lock=False)
    ours = action.execute(_merge(OURS), store)
    assert store.other is not None and not store.waited
    theirs = store.outcome[0]
    assert isinstance(theirs, Outcome) and theirs.changed == ["metadata"]
    assert ours.changed == ["metadata"]
    assert load(LogtoConnector, "locked").metadata == {"target": "a", OURS: "1"}  # theirs lost (README)


def test_with_the_lock_the_other_run_waits_and_both_keys_are_kept(action: Action) -> None:
    doc_id = _doc()
    store = Interleaved(action, lock=True)
    ours = action.execute(_merge(OURS), store)
    assert store.other is not None and store.waited  # it waited for our slot
    store.other.join(timeout=120)
    theirs = store.outcome[0]
    assert isinstance(theirs, Outcome), repr(theirs)
    assert ours.changed == theirs.changed == ["metadata"] and theirs.revision_before >= ours.revision_after
    assert load(LogtoConnector, "locked").metadata == {"target": "a", OURS: "1", THEIRS: "1"}
    with get_client(sync_client=True) as client:
        limit = client.read_global_concurrency_limit_by_name(f"{LOCK_PREFIX}{doc_id}")
    assert (limit.limit, limit.active, limit.active_slots) == (1, True, 0)  # made on first use, and let go


def test_a_lock_held_too_long_fails_the_write_as_unavailable(action: Action) -> None:
    doc_id = LogtoConnector(syncProfile=False).save("lock-held", overwrite=True)
    store = BlockStore(action, lock=True, lock_timeout=1)
    revision = store.get(Caller(), str(doc_id)).revision
    receipt = store.write(Caller(), str(doc_id), revision, [Change("syncProfile", "set", "true")], "commit")
    with concurrency(f"{LOCK_PREFIX}{doc_id}", occupy=1, strict=True):  # another run holds it
        with pytest.raises(StoreError) as busy:
            store.write(Caller(), str(doc_id), receipt.revision, [Change("syncProfile", "set", "false")], "commit")
        assert busy.value.kind == "unavailable" and "lock" in str(busy.value)
        # A preview, and a write that changes nothing, never wait for it.
        assert store.write(Caller(), str(doc_id), receipt.revision, [Change("syncProfile", "set", "false")],
                           "preview").changed == ["syncProfile"]
        assert store.write(Caller(), str(doc_id), receipt.revision, [Change("syncProfile", "set", "true")],
                           "commit").changed == []
    assert load(LogtoConnector, "lock-held").syncProfile is True
    after = store.write(Caller(), str(doc_id), receipt.revision, [Change("syncProfile", "set", "false")], "commit")
    assert after.changed == ["syncProfile"] and load(LogtoConnector, "lock-held").syncProfile is False
