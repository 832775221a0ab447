"""Shared fixtures: the action (loaded once per test session, as an engine
loads it once per process), the repository's conformance cases, and a
store with a canary secret that no output may hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors_update import Action, MemoryStore, load_action

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "tests" / "conformance"
CANARY = "canary-py-7f3e-secret"

#: What stores and token sources raised, as `on_host_error` was told of it, newest last.
HOST_ERRORS: list[tuple[BaseException, str]] = []


def record_host_error(error: BaseException, call: str) -> None:
    """The tests' `on_host_error`: keeps what a store raised, as an engine's log would."""
    HOST_ERRORS.append((error, call))


def last_host_error() -> BaseException:
    """What the last store or token source that failed raised."""
    return HOST_ERRORS[-1][0]


@pytest.fixture(scope="session")
def action() -> Action:
    return load_action(on_host_error=record_host_error)


@pytest.fixture
def store(action: Action) -> MemoryStore:
    """A rest-api connector `api` with a canary secret, and a connector of no kind, `plain`."""
    s = MemoryStore(action)
    s.add(
        id="api",
        name="Billing API",
        kind="rest-api",
        properties=[("APIKey", CANARY, True), ("Endpoint", "https://billing.example.com")],
    )
    s.add(id="plain", name="Plain", properties=[("Timeout", "10s"), ("Token", CANARY + "-2", True)])
    return s


def step(entry: str, props_json: str = "", **more: object) -> str:
    """A step file's text."""
    import json

    params: dict[str, object] = {"EntryId": entry}
    if props_json:
        params["PropertiesJson"] = props_json
    params.update(more)
    return json.dumps({"ActionType": "Connectors.Update", "Parameters": params})
