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


@pytest.fixture(scope="session")
def action() -> Action:
    return load_action()


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
