"""The conformance cases (tests/conformance/*.json) through the package,
against a fresh MemoryStore per case: the third host, the same behaviour as
the Rust harness and the npm package. A case that fails here is a bug in
this host, never one to skip."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from connectors_update import Action
from connectors_update.conformance import check_conformance, default_cases_dir, reveal_memory_store
from connectors_update.testing import fill_memory_store, memory_store_for

from conftest import CASES

FILES = sorted(p.name for p in CASES.glob("*.json"))


def test_the_cases_are_there() -> None:
    assert len(FILES) >= 7
    assert sum(len(json.loads((CASES / f).read_text())["cases"]) for f in FILES) >= 90


@pytest.mark.parametrize("file", FILES)
def test_every_case_of(file: str, action: Action, tmp_path: Path) -> None:
    shutil.copy(CASES / file, tmp_path / file)
    failures = check_conformance(action, memory_store_for(action), reveal_memory_store, cases_dir=tmp_path)
    assert failures == [], "\n".join(f"{f.case}: expected {f.expected}; seen {f.seen}" for f in failures)


def test_the_installed_package_ships_the_same_cases() -> None:
    shipped = default_cases_dir()
    assert sorted(p.name for p in shipped.glob("*.json")) == FILES
    for f in FILES:
        assert (shipped / f).read_bytes() == (CASES / f).read_bytes(), f"{f} differs: run scripts/test.sh again"


def test_the_runner_catches_a_store_that_breaks_a_case(action: Action, tmp_path: Path) -> None:
    """A store that never bumps the revision fails the cases that check it: the runner is not vacuous."""
    from connectors_update import Caller, Change, MemoryStore, WriteMode, WriteReceipt

    class Frozen(MemoryStore):
        def write(self, caller: Caller, id: str, expected_revision: int, changes: list[Change], mode: WriteMode) -> WriteReceipt:
            return super().write(caller, id, expected_revision, changes, "preview")

    shutil.copy(CASES / "seed.json", tmp_path / "seed.json")
    failures = check_conformance(action, lambda fixture: fill_memory_store(Frozen(action), fixture), cases_dir=tmp_path)
    assert failures, "a store that writes nothing passed every case"
    assert all("canary" not in f.seen and "canary" not in f.expected for f in failures)
