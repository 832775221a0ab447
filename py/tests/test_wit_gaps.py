"""The two wasmtime-py 51 gaps, shown on wasmtime-py itself (so that a
wasmtime-py that fixes one makes its test fail, and the workaround can go),
and the package's workarounds keeping a reused instance alive."""

from __future__ import annotations

from typing import Any

import pytest
from wasmtime import Store
from wasmtime.component import Linker, Variant

from connectors_update import Action, Caller, Connector, HostFailed, MemoryStore, load_action
from connectors_update.component import load_component
from connectors_update.imports import PACKAGE, VERSION
from connectors_update.wit_gaps import _original_convert_to_c
from wasmtime.component._types import ResultType

from conftest import step

TOKEN_STEP = step("[Form:Id]", '{"A": "b"}')


def raw_linker(resolve: Any) -> Linker:
    """A linker whose imports answer as wasmtime-py shapes values, without the package's Ok/Err."""
    loaded = load_component()
    linker = Linker(loaded.engine)
    with linker.root() as root:
        with root.add_instance(f"{PACKAGE}/credential-store@{VERSION}") as cs:
            for name in ("get", "find-by-name", "rules", "kinds", "kinds-naming", "write"):
                cs.add_func(name, lambda _s, *_a: Variant("unavailable", "no store here"))
        with root.add_instance(f"{PACKAGE}/tokens@{VERSION}") as tk:
            tk.add_func("resolve", resolve)
    return linker


def run_raw(linker: Linker) -> tuple[Store, Any, Any]:
    loaded = load_component()
    store = Store(loaded.engine)
    instance = linker.instantiate(store, loaded.component)
    parse = instance.get_func(store, loaded.exports["parse-step"])
    execute = instance.get_func(store, loaded.exports["execute"])
    return store, parse, execute


@pytest.fixture
def unpatched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ResultType, "convert_to_c", _original_convert_to_c)


def test_gap_a_is_still_in_wasmtime_py(unpatched: None) -> None:
    """An err returned through `result<option<string>, store-error>` cannot be lowered, and the instance dies."""
    store, parse, execute = run_raw(raw_linker(lambda _s, source, name: Variant("unavailable", "down")))
    parsed = parse(store, TOKEN_STEP)
    with pytest.raises(Exception) as failed:
        execute(store, parsed)
    assert "not valid for this variant" in str(failed.value)
    with pytest.raises(Exception, match="cannot enter component instance"):
        parse(store, TOKEN_STEP)


def test_gap_b_is_still_in_wasmtime_py() -> None:
    """A Python exception raised in an import comes out of the export, and the instance cannot be entered again."""

    def resolve(_s: object, source: str | None, name: str) -> str | None:
        raise RuntimeError("the import failed")

    store, parse, execute = run_raw(raw_linker(resolve))
    parsed = parse(store, TOKEN_STEP)
    with pytest.raises(RuntimeError):
        execute(store, parsed)
    with pytest.raises(Exception, match="cannot enter component instance"):
        parse(store, TOKEN_STEP)


def test_the_reused_instance_survives_a_failing_store() -> None:
    """With the workarounds, a store's exception leaves the shared instance as it was: it is not even replaced."""
    action = load_action(instances="reuse")

    class Broken(MemoryStore):
        def get(self, caller: Caller, id: str) -> Connector:
            raise RuntimeError("broken")

    store = Broken(action)
    store.add(id="api", name="API")
    action.parse_step(step("api"))
    shared = action._shared
    assert shared is not None
    with pytest.raises(HostFailed):
        action.execute(step("api", '{"A": "b"}'), store)
    assert action._shared is shared
    assert action.parse_step(step("api")).entry_id == "api"


def test_keyboard_interrupt_in_a_store_is_raised_as_itself_after_the_call(action: Action) -> None:
    class Interrupted(MemoryStore):
        def get(self, caller: Caller, id: str) -> Connector:
            raise KeyboardInterrupt

    store = Interrupted(action)
    store.add(id="api", name="API")
    with pytest.raises(KeyboardInterrupt):
        action.execute(step("api", '{"A": "b"}'), store)
    assert action.parse_step(step("api")).entry_id == "api"
