"""The seed's examples and the refusals, each run as a Prefect flow on a real Prefect server, checked with Block.load."""

from __future__ import annotations

import json
from typing import Any

import pytest
from connectors_update import Caller, Conflict, ConnectorsUpdateError, MapTokens, Outcome, ValidationFailed
from prefect import flow
from pydantic import SecretStr

from conftest import load, CANARY, snapshot
from connectors_update_prefect import BlockStore, OAuth2Connector, RestApiConnector, action, update_connector


def step(entry: str, rows: dict[str, str] | None = None, properties_json: dict[str, Any] | None = None,
         **more: Any) -> str:
    """A step file's text, as the seed writes them."""
    parameters: dict[str, Any] = {"EntryId": entry}
    if rows:
        parameters["Properties"] = [{"PropertyName": k, "PropertyValue": v} for k, v in rows.items()]
    if properties_json is not None:
        parameters["PropertiesJson"] = json.dumps(properties_json)
    parameters.update(more)
    return json.dumps({"ActionType": "Connectors.Update", "Parameters": parameters})


@flow(name="connectors-update-one-step")
def one_step(text: str, token_names: list[str]) -> Outcome:
    """Runs one step; the token values are made inside the flow, so no secret is a flow parameter."""
    tokens = MapTokens({name: f"{CANARY}-{name}" for name in token_names})
    return update_connector(text, tokens)


@flow(name="connectors-update-refusals")
def refusals(texts: list[str]) -> list[str]:
    """Runs each step and returns how each failed: the error's class and code."""
    seen = []
    for text in texts:
        try:
            update_connector(text, MapTokens({"vault:key": f"{CANARY}-refused"}))
            seen.append("no error")
        except ConnectorsUpdateError as e:
            seen.append(f"{type(e).__name__} {e.code}")
    return seen


def test_example_1_api_key_and_timeout() -> None:
    """Seed example 1: a REST API connector's key (here from a token) and timeout; nothing else changes."""
    doc_id = RestApiConnector(
        APIKey=SecretStr(f"{CANARY}-old"), Endpoint="https://api.twitter.example", Timeout="10s", RetryAttempts=2
    ).save("twitter-api", overwrite=True)
    outcome = one_step(step("twitter-api", {"APIKey": "[vault:key]"}, {"Timeout": "30s"}), ["vault:key"])
    assert outcome.id == str(doc_id) and outcome.name == "twitter-api"
    assert sorted(outcome.changed) == ["APIKey", "Timeout"] and outcome.added == [] and outcome.removed == []
    assert outcome.revision_after > outcome.revision_before and not outcome.dry_run
    loaded = load(RestApiConnector, "twitter-api")
    assert loaded.APIKey.get_secret_value() == f"{CANARY}-vault:key"
    assert (loaded.Timeout, loaded.Endpoint, loaded.RetryAttempts) == ("30s", "https://api.twitter.example", 2)


def test_example_2_dynamic_properties_on_oauth() -> None:
    """Seed example 2: only Dynamic Properties, on an OAuth connection; RetryAttempts lands as the integer field it is."""
    OAuth2Connector(ClientId="oldClientId", ClientSecret=SecretStr(f"{CANARY}-client"), RetryAttempts=3).save(
        "oauth-connection", overwrite=True
    )
    outcome = one_step(step("oauth-connection", properties_json={"ClientId": "updatedClientId", "RetryAttempts": "5"}), [])
    assert sorted(outcome.changed) == ["ClientId", "RetryAttempts"]
    loaded = load(OAuth2Connector, "oauth-connection")
    assert (loaded.ClientId, loaded.RetryAttempts, loaded.TokenUrl, loaded.Scopes) == ("updatedClientId", 5, None, None)
    assert loaded.ClientSecret is not None and loaded.ClientSecret.get_secret_value() == f"{CANARY}-client"


def test_merge_example_json_overrides_rows() -> None:
    """The seed's merging example: APIKey from the JSON wins over the row; Endpoint from the row; Timeout added."""
    RestApiConnector(APIKey=SecretStr(f"{CANARY}-stored"), Endpoint="https://endpoint0.example").save(
        "merge-example", overwrite=True
    )
    text = step("merge-example", {"APIKey": "[vault:old]", "Endpoint": "https://endpoint1.example"},
                {"APIKey": "[vault:new]", "Timeout": "60s"})
    outcome = one_step(text, ["vault:old", "vault:new"])
    assert sorted(outcome.changed) == ["APIKey", "Endpoint"] and outcome.added == ["Timeout"]
    loaded = load(RestApiConnector, "merge-example")
    assert loaded.APIKey.get_secret_value() == f"{CANARY}-vault:new"
    assert (loaded.Endpoint, loaded.Timeout, loaded.RetryAttempts) == ("https://endpoint1.example", "60s", None)


def test_refusals_change_nothing() -> None:
    doc_id = OAuth2Connector(ClientId="client-1", ClientSecret=SecretStr(f"{CANARY}-kept"), RetryAttempts=1).save(
        "refusals", overwrite=True
    )
    before = snapshot(doc_id)
    revision = BlockStore(action()).get(Caller(), str(doc_id)).revision
    texts = [
        step("no-such-connector", {"ClientId": "x"}),                           # unknown connector
        step("refusals", {"Bogus": "1"}),                                        # a field the block type lacks
        step("refusals", properties_json={"ClientId": None}),                    # the required value removed
        step("refusals", {"ClientId": ""}),                                      # the required value empty
        step("refusals", {"RetryAttempts": "five", "ClientSecret": "[vault:key]"}),  # an invalid value
        step("refusals", {"ClientId": "client-2"}, ExpectedRevision=revision - 1),   # a stale Expected Revision
    ]
    assert refusals(texts) == [
        "ConnectorNotFound connector-not-found",
        "ValidationFailed validation-failed",
        "ValidationFailed validation-failed",
        "ValidationFailed validation-failed",
        "ValidationFailed validation-failed",
        "Conflict conflict",
    ]
    assert snapshot(doc_id) == before
    loaded = load(OAuth2Connector, "refusals")
    assert (loaded.ClientId, loaded.RetryAttempts) == ("client-1", 1)
    assert loaded.ClientSecret is not None and loaded.ClientSecret.get_secret_value() == f"{CANARY}-kept"


def test_dry_run_changes_nothing() -> None:
    doc_id = RestApiConnector(APIKey=SecretStr(f"{CANARY}-dry"), Timeout="5s").save("dry-run", overwrite=True)
    before = snapshot(doc_id)
    outcome = one_step(step("dry-run", {"APIKey": "[vault:key]", "Timeout": "6s"}, DryRun=True), ["vault:key"])
    assert outcome.dry_run and sorted(outcome.changed) == ["APIKey", "Timeout"]
    assert outcome.revision_after == outcome.revision_before
    assert snapshot(doc_id) == before
    loaded = load(RestApiConnector, "dry-run")
    assert (loaded.APIKey.get_secret_value(), loaded.Timeout) == (f"{CANARY}-dry", "5s")


def test_expected_revision_is_the_update_time() -> None:
    """A later step that names the revision an earlier one reported writes; one that names the one before is refused."""
    RestApiConnector(APIKey=SecretStr(f"{CANARY}-rev"), Timeout="1s").save("revisions", overwrite=True)
    first = one_step(step("revisions", {"Timeout": "2s"}), [])
    second = one_step(step("revisions", {"Timeout": "3s"}, ExpectedRevision=first.revision_after), [])
    assert second.revision_before == first.revision_after
    with pytest.raises(Conflict) as refused:
        update_connector.fn(step("revisions", {"Timeout": "4s"}, ExpectedRevision=first.revision_after))
    assert refused.value.expected == first.revision_after and refused.value.actual == second.revision_after
    assert load(RestApiConnector, "revisions").Timeout == "3s"


def test_task_raises_typed_errors_outside_a_flow_too() -> None:
    with pytest.raises(ValidationFailed) as refused:
        update_connector.fn(step("revisions", {"RetryAttempts": "many"}))
    assert [v.property for v in refused.value.violations] == ["RetryAttempts"]
