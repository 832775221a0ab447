"""The component, loaded once per process: the engine, the compiled
component, the two linkers and the export indices. Each call gets an
instance from here.

Fresh or reused instance? Measured on this package (py/scripts/bench.py,
fresh and reused calls interleaved; BENCHMARKS.md has a run beside Rust's
and Node's): `Store` + `linker.instantiate` alone is about 0.02 ms, and a
whole call costs 0.1-0.3 ms more on a fresh instance than on a reused one
(of 0.3 to 2 ms a call: the time goes to wasmtime-py's ctypes conversions,
not to the guest). So the action takes a fresh instance for every call by
default, as the Rust harness does: nothing one call leaves in the guest's
memory reaches the next, and an instance that trapped is gone with its call.
`instances="reuse"`
keeps one instance (one call at a time; a call made meanwhile, from inside
a store or another thread, gets a fresh one) for engines that want the last
tenth of a millisecond.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from wasmtime import Engine, Store, WasmtimeError
from wasmtime.component import Component, Linker

from . import wit_gaps  # noqa: F401 - installs the gap (a) workaround before any import is defined
from .errors import LoadFailed
from .imports import PACKAGE, VERSION, ContextStack, define_imports, define_refusing_imports

_ACTION_EXPORTS = ("describe", "parse-step", "validate-json", "validate", "execute")
_SUPPORT_EXPORTS = ("builtin-kinds", "merge-value", "check-value", "check-new-connector", "kinds-naming")


class LoadedComponent:
    """What is made once per process and shared by every `Action`."""

    def __init__(self, wasm: bytes) -> None:
        self.engine = Engine()
        self.component = Component(self.engine, wasm)
        # Export indices belong to the component: looked up once, valid in every instance.
        self.exports: dict[str, Any] = {}
        for interface, names in (("action", _ACTION_EXPORTS), ("store-support", _SUPPORT_EXPORTS)):
            parent = self.component.get_export_index(f"{PACKAGE}/{interface}@{VERSION}")
            if parent is None:
                raise LoadFailed("load-failed", f"the component exports no {interface}@{VERSION}")
            for name in names:
                index = self.component.get_export_index(name, parent)
                if index is None:
                    raise LoadFailed("load-failed", f"the component's {interface} has no {name}")
                self.exports[name] = index
        #: The running calls of each thread, which the action's imports answer from.
        self.contexts = ContextStack()
        self.action_linker = Linker(self.engine)
        define_imports(self.action_linker, self.contexts.current)
        self.support_linker = Linker(self.engine)
        define_refusing_imports(self.support_linker)

    def instantiate(self, linker: Linker) -> tuple[Store, Any]:
        """A new store and an instance of the component in it."""
        store = Store(self.engine)
        return store, linker.instantiate(store, self.component)


@functools.cache
def load_component() -> LoadedComponent:
    """The component shipped inside the package, compiled on first use (about half a second) and kept."""
    try:
        wasm = resources.files(__package__).joinpath("connectors_update.wasm").read_bytes()
    except OSError as e:
        raise LoadFailed(
            "load-failed", "the package holds no connectors_update.wasm: reinstall it, or build it (py/scripts/test.sh)"
        ) from e
    try:
        return LoadedComponent(wasm)
    except WasmtimeError as e:
        raise LoadFailed("load-failed", "the action's component could not be compiled") from e
