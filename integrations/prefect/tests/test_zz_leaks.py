"""The canary: no secret in any log record (DEBUG), on the server or in the process, nor in a task's result, a
flow's state or parameters, a task run's record or an event. Runs last, so that it also sees the logs of every
test before it (every secret those stored starts with the canary too)."""

from __future__ import annotations

import json
import logging

import httpx
import pytest
from connectors_update import ConnectorsUpdateError, MapTokens
from connectors_update.testing.contract.fixture import SECRET as KIT_SECRET
from prefect import flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
from prefect.logging.handlers import APILogHandler
from prefect.settings import PREFECT_API_URL
from pydantic import SecretStr

from conftest import load, CANARY, CAPTURE
from connectors_update_prefect import LogtoConnector, RestApiConnector, update_connector
from test_flows import step


@flow(name="connectors-update-secrets")
def rotate(texts: list[str]) -> list[object]:
    """Each step with secrets from tokens made here; what each gave, outcome or error (code and message)."""
    tokens = MapTokens({"vault:key": f"{CANARY}-rotated", "vault:url": f"https://{CANARY}-host.example/",
                        "vault:bad": f"{CANARY}-not-a-url", "vault:json": f"{CANARY}-json"})
    seen: list[object] = []
    for text in texts:
        try:
            seen.append(update_connector(text, tokens))
        except ConnectorsUpdateError as e:
            seen.append(e.to_json())
    return seen


def test_no_secret_in_logs_results_or_states(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    RestApiConnector(APIKey=SecretStr(f"{CANARY}-first"), Endpoint="https://a.example").save("leaks", overwrite=True)
    LogtoConnector(config=SecretStr(json.dumps({"k": f"{CANARY}-cfg"}))).save("leaks-logto", overwrite=True)
    texts = [
        step("leaks", {"APIKey": "[vault:key]"}, {"Timeout": "9s"}),                 # a secret set
        step("leaks", {"Endpoint": "[vault:bad]"}),                                   # refused: not a URL
        step("leaks", {"APIKey": "[vault:key]", "RetryAttempts": "[vault:key]"}),     # refused: not an integer
        step("leaks-logto", properties_json={"config": {"x": "[vault:json]"}}, MergeMode="deep"),  # a secret merged
        step("leaks", {"Endpoint": "[vault:url]"}, DryRun=True),                     # a dry run
        step("leaks", {"Missing": "[vault:key]"}),                                    # refused: no such field
    ]
    state = rotate(texts, return_state=True)
    results = state.result()
    assert isinstance(results, list)
    codes = [r["code"] if isinstance(r, dict) else "ok" for r in results]
    assert codes == ["ok", "validation-failed", "validation-failed", "ok", "ok", "validation-failed"]
    assert load(RestApiConnector, "leaks").APIKey.get_secret_value() == f"{CANARY}-rotated"
    loaded = load(LogtoConnector, "leaks-logto").config
    assert loaded is not None and json.loads(loaded.get_secret_value()) == {"k": f"{CANARY}-cfg", "x": f"{CANARY}-json"}

    assert CANARY not in repr(results)
    assert not [r for r in caplog.records if CANARY in f"{r.getMessage()} {r.args!r} {r.exc_text or ''}"]
    assert len(CAPTURE.lines) > 100 and not [line for line in CAPTURE.lines if CANARY in line]
    # The store kit's secrets too (test_store_kit.py stored them in Prefect documents, as secrets).
    assert not [line for line in CAPTURE.lines if KIT_SECRET in line]
    # Logs reach the server in batches, in the background: send what is queued
    # first, then read this flow run's logs (not the newest 200 of the session).
    APILogHandler().flush()
    flow_run_id = state.state_details.flow_run_id
    assert flow_run_id is not None
    flow_run = LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id]))
    with get_client(sync_client=True) as client:
        logs = client.read_logs(log_filter=flow_run, limit=200)
        flow_runs = client.read_flow_runs(limit=200)
        task_runs = client.read_task_runs(limit=200)
    assert logs and not [lg for lg in logs if CANARY in (lg.message or "")]
    assert any(lg.message.startswith("connector leaks") for lg in logs)  # the task's own log line, names only
    assert flow_runs and not [fr for fr in flow_runs if CANARY in fr.model_dump_json()]
    assert task_runs and not [tr for tr in task_runs if CANARY in tr.model_dump_json()]
    events = _all_events()
    assert "prefect.block-document." in events and CANARY not in events and KIT_SECRET not in events


def _all_events() -> str:
    """Every event the server holds, as the text of its answers (50 a page)."""
    pages = []
    answer = httpx.post(f"{PREFECT_API_URL.value()}/events/filter", json={"limit": 50})
    for _ in range(100):
        answer.raise_for_status()
        pages.append(answer.text)
        following = answer.json().get("next_page")
        if not following:
            break
        answer = httpx.get(following)
    return "\n".join(pages)
