"""The component's `store-support` export for stores written in Python: the
built-in kinds, the merge and the rule checks, run by the action's own code.

The instance they run on has imports that refuse every call, so a secret
handed to it for a check can reach nothing; it is kept between calls (the
functions are pure) and replaced after a trap.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from wasmtime import Store, WasmtimeError

from . import convert
from .component import LoadedComponent
from .model import Change, KindRules, PropertyRule, Violation

_T = TypeVar("_T")


class StoreSupport:
    """The functions a store needs from the action's own code, so that it declares, merges and checks as every host does."""

    def __init__(self, loaded: LoadedComponent) -> None:
        self._loaded = loaded
        self._lock = threading.Lock()
        self._instance: tuple[Store, Any] | None = None

    def _call(self, name: str, *args: Any, lift: Callable[[Any], _T]) -> _T:
        with self._lock:
            if self._instance is None:
                self._instance = self._loaded.instantiate(self._loaded.support_linker)
            store, instance = self._instance
            try:
                result = instance.get_func(store, self._loaded.exports[name])(store, *args)
            except WasmtimeError:
                self._instance = None  # a trapped instance cannot be entered again
                raise
        return lift(result)

    def builtin_kinds(self) -> list[KindRules]:
        """The kinds the Rust harness's stores declare out of the box, with their rules."""
        return self._call("builtin-kinds", lift=lambda r: [convert.kind_rules_from_wit(k) for k in r])

    def merge_value(self, stored: str | None, patch: str) -> str | None:
        """RFC 7396: `patch` (the text of a JSON object) merged into the object `stored` holds.

        None when `stored` already holds the result (a store keeps its text
        as it is); a `TypeError` when `patch` is not a JSON object.
        """
        # result<option<string>> lifts tagged in wasmtime-py: Variant("ok", str | None) or Variant("err").
        stored = None if stored is None else convert.checked_text(stored, "the stored value")
        patch = convert.checked_text(patch, "the patch")
        result = self._call("merge-value", stored, patch, lift=lambda r: r)
        if result.tag == "err":
            raise TypeError("the patch is not the text of a JSON object")
        value: str | None = result.payload
        return value

    def check_value(self, rule: PropertyRule, value: str, secret: bool) -> list[Violation]:
        """How `value` breaks `rule`'s format, length and JSON rules; `secret` keeps a JSON value's keys out of the messages."""
        value = convert.checked_text(value, "the value")
        return self._call(
            "check-value", convert.property_rule_to_wit(rule), value, bool(secret),
            lift=lambda r: [convert.violation_from_wit(v) for v in r],
        )

    def check_new_connector(self, rules: KindRules, sets: Sequence[Change]) -> list[Violation]:
        """Every rule of `rules` a new connector with these `set` changes breaks (other ops are ignored)."""
        return self._call(
            "check-new-connector", convert.kind_rules_to_wit(rules), [convert.change_to_wit(c) for c in sets],
            lift=lambda r: [convert.violation_from_wit(v) for v in r],
        )

    def kinds_naming(self, kinds: Sequence[KindRules], names: Sequence[str]) -> list[KindRules]:
        """Each of `kinds`, in order, with only its rules for `names`; kinds with none left out."""
        return [
            convert.kind_rules_from_wit(k)
            for k in self.kinds_naming_wit([convert.kind_rules_to_wit(k) for k in kinds], [str(n) for n in names])
        ]

    def kinds_naming_wit(self, kinds: list[Any], names: list[str]) -> list[Any]:
        """`kinds_naming` on kinds already in the component's shape, for the `kinds-naming` import (no round trip)."""
        return self._call("kinds-naming", kinds, names, lift=lambda r: list(r))
