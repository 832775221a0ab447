"""A real Prefect server for the session, and the canary every test looks for.

Prefect reads its settings when it is imported, and the import creates
$PREFECT_HOME: so the environment is set here, before anything imports it.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any, TypeVar

_HOME = tempfile.mkdtemp(prefix="connectors-update-prefect-home-")
os.environ["PREFECT_HOME"] = _HOME
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_UI_ENABLED"] = "false"
os.environ["PREFECT_LOGGING_LEVEL"] = "DEBUG"
os.environ.pop("PREFECT_API_URL", None)  # never a server configured outside the tests
os.environ.pop("PREFECT_API_KEY", None)

import pytest  # noqa: E402
from connectors_update import Action  # noqa: E402
from prefect.blocks.core import Block  # noqa: E402
from prefect.client.orchestration import get_client  # noqa: E402
from prefect.testing.utilities import prefect_test_harness  # noqa: E402

from connectors_update_prefect import action as load_action  # noqa: E402
from connectors_update_prefect import register_block_types  # noqa: E402

CANARY = "CANARY-" + "5e1f0d"
"""Every secret in these tests starts with this; no log, result or state may hold it (built in two halves so
that a grep of the sources does not find it)."""


class Capture(logging.Handler):
    """Every log record of the process, whatever Prefect's handlers do with it."""

    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:
            message = str(record.msg)
        self.lines.append(f"{record.name} {record.levelname} {message} {record.args!r} {record.exc_text or ''}")


CAPTURE = Capture()


def _attach(handler: logging.Handler) -> None:
    # Prefect's loggers mostly do not propagate to the root logger: attach to each.
    logging.getLogger().addHandler(handler)
    for name in list(logging.root.manager.loggerDict):
        logger = logging.getLogger(name)
        if handler not in logger.handlers:
            logger.addHandler(handler)


@pytest.fixture(scope="session", autouse=True)
def prefect_server() -> Iterator[None]:
    """Prefect's own test server (uvicorn on 127.0.0.1, a free port, SQLite in a temporary directory)."""
    with prefect_test_harness(server_startup_timeout=90):
        register_block_types()
        _attach(CAPTURE)
        yield
    shutil.rmtree(_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def action() -> Action:
    return load_action()


def snapshot(doc_id: Any) -> tuple[object, dict[str, Any]]:
    """What a refusal must leave as it was: the document's `updated` and its data as read without secrets."""
    with get_client(sync_client=True) as client:
        doc = client.read_block_document(doc_id, include_secrets=False)
    return doc.updated, dict(doc.data)


_Block = TypeVar("_Block", bound=Block)


def load(cls: type[_Block], name: str) -> _Block:
    """`cls.load(name)`, typed: in sync code Prefect's `load` returns the block (its type says it may be a coroutine)."""
    block = cls.load(name)
    assert isinstance(block, cls)
    return block
