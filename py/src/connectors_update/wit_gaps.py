"""The two gaps of wasmtime-py 51.0.0 that this host meets, each worked around here and only here.

Gap (a): an import returning `result<option<T>, E>` (`tokens.resolve`,
`credential-store.rules`) cannot return its error. wasmtime-py lowers a
result whose cases have different Python classes *untagged*: it picks the
first case whose classes match the value (`wasmtime/component/_types.py:746`,
`VariantLikeType._lower`). A payload-less case (`option`'s `none`) adds
`object` to its case's classes (`_types.py:714-715` and `723-724`), so the
`ok` case matches every value, and a `store-error` goes to `ok`, where
`OptionType` refuses it. Symptom: `ValueError: value not valid for this
variant`, raised out of the export call, and the instance is dead after
(gap b). Workaround: every import answers `Ok(value)` or `Err(error)`, and
`ResultType.convert_to_c` is wrapped to lower those with the case the host
chose; every other value takes wasmtime-py's own path, unchanged. (The
upstream fix: let a payload-less case contribute `type(None)`, not `object`.)

Gap (b): a Python exception raised inside an import (or a value that
cannot be lowered, `_linker.py:262`) becomes a trap (`catch_exceptions`,
`wasmtime/_func.py:213-214`, re-raised by `maybe_raise_last_exn`,
`_func.py:244-249`), and Wasmtime poisons a component instance that trapped:
every later call on it fails with "cannot enter component instance".
Nothing in Python can un-poison it; the host avoids it. `imports.py`
catches every exception of a store or token source and answers
`Err(store-error.unavailable)` (the call then ends as `HostFailed`), and the
wrapper below turns an `Ok` whose value does not fit the WIT type into that
same `Err`, telling the call through `Ok.on_unfit`. `component.py` drops an
instance that trapped all the same.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wasmtime import _ffi as ffi
from wasmtime.component import Variant
from wasmtime.component._types import ResultType


@dataclass
class Ok:
    """An import's `ok` answer; `on_unfit` is told when the value does not fit the WIT type (then `err` is sent)."""

    value: Any = None
    on_unfit: Callable[[BaseException], None] | None = None


@dataclass
class Err:
    """An import's `err` answer: a WIT `store-error` as wasmtime-py shapes it (a tagged `Variant`)."""

    value: Any = None


#: What an import answers when its `ok` value could not be lowered.
UNFIT = Err(Variant("unavailable", "the host's answer did not fit the contract"))

_original_convert_to_c = ResultType.convert_to_c


def _convert_to_c(self: ResultType, store: Any, val: Any, ptr: Any) -> None:
    if not isinstance(val, (Ok, Err)):
        _original_convert_to_c(self, store, val, ptr)
        return
    is_ok = isinstance(val, Ok)
    case = self.ok if is_ok else self.err
    raw = None
    if case is not None:
        lowered = ffi.wasmtime_component_val_t()
        try:
            case.convert_to_c(store, val.value, ctypes.pointer(lowered))
        except (TypeError, ValueError, AttributeError, OverflowError, KeyError) as e:
            if not isinstance(val, Ok) or val.on_unfit is None:
                raise
            val.on_unfit(e)
            _convert_to_c(self, store, UNFIT, ptr)
            return
        raw = ffi.wasmtime_component_val_new(ctypes.byref(lowered))
    ptr.contents.kind = ffi.WASMTIME_COMPONENT_RESULT
    ptr.contents.of.result.is_ok = is_ok
    ptr.contents.of.result.val = raw


# Installed once, on import of the package: it changes nothing for values
# that are not Ok/Err, so other users of wasmtime-py in the process are unaffected.
ResultType.convert_to_c = _convert_to_c  # type: ignore[method-assign]
