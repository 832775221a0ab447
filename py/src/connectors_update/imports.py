"""The component's imports for one call: the engine's store and token
source, bound to the call's caller, each answer converted and each refusal
turned into the WIT's `store-error`.

The guest sees a result for every import, never an exception: whatever a
store raises, the instance stays usable (gap (b) in `wit_gaps.py`).
"""

from __future__ import annotations

import threading
from dataclasses import replace
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from wasmtime.component import Linker, Variant

from . import convert
from .errors import StoreError
from .model import Caller, KindRules, PropertyRule
from .wit_gaps import Err, Ok

if TYPE_CHECKING:
    from .contract import CredentialStore, TokenSource
    from .support import StoreSupport

PACKAGE = "workflow:connectors"
VERSION = "0.2.0"


class ImportFailure:
    """The first import of a call that raised something other than a `StoreError` (or answered a malformed value)."""

    def __init__(self, call: str, error: BaseException) -> None:
        self.call = call
        self.error = error


class CallContext:
    """What one call knows about its host side: store, token source, caller, and how its imports went."""

    def __init__(
        self,
        support: StoreSupport,
        store: CredentialStore | None = None,
        tokens: TokenSource | None = None,
        caller: Caller | None = None,
    ) -> None:
        self.support = support
        self.store = store
        self.tokens = tokens
        self.caller = caller if caller is not None else Caller()
        #: Set by the first import that failed unexpectedly; the call then ends as `HostFailed`.
        self.failure: ImportFailure | None = None
        #: The revision a committed write of this call reached, if one did.
        self.committed: int | None = None

    def _fail(self, call: str, error: BaseException) -> None:
        if self.failure is None:
            self.failure = ImportFailure(call, error)

    def answer(self, call: str, run: Callable[[], Any]) -> Ok | Err:
        """Runs one import: `Ok(answer)`, or the store's refusal as `Err(store-error)`. Never raises.

        After an unexpected failure every later import is refused at once,
        as the Rust harness makes no store call after a store panics.
        """
        if self.failure is not None:
            return Err(Variant("unavailable", f"the host already failed in {self.failure.call}"))
        try:
            return Ok(run(), on_unfit=lambda e: self._fail(call, e))
        except StoreError as e:
            try:
                return Err(convert.store_error_to_wit(e))
            except BaseException as malformed:  # noqa: BLE001 - a malformed StoreError is the store's failure
                self._fail(call, malformed)
        except BaseException as e:  # noqa: BLE001 - no exception may reach the guest (gap b)
            self._fail(call, e)
        # Never the exception's text: it may hold a value.
        return Err(Variant("unavailable", f"the host's {call} failed"))


def _need(store: object, method: str) -> Callable[..., Any]:
    fn: object = getattr(store, method, None)
    if not callable(fn):
        raise TypeError(f"the store has no {method} method")
    return fn


def names_matching(support: StoreSupport, candidates: list[str], names: list[str]) -> set[str]:
    """Which of `candidates` (rule names) name one of `names`, as the action compares names: Unicode lowercase.

    The action's rule is Rust's `to_lowercase`, which for ASCII text is
    exactly `str.lower`: that case is decided here. Any other text goes to the
    action itself (support's kinds-naming, handed the names alone as one kind):
    wasmtime-py lowers a rule record field by field through ctypes, about
    0.1 ms a rule, so the round trip cost `validate` most of its time.
    """
    if all(n.isascii() for n in candidates) and all(n.isascii() for n in names):
        wanted = {n.lower() for n in names}
        return {n for n in candidates if n.lower() in wanted}
    probe = convert.kind_rules_to_wit(KindRules("", properties=[PropertyRule(n) for n in candidates]))
    return {r.name for k in support.kinds_naming_wit([probe], names) for r in k.properties}


def define_imports(linker: Linker, current: Callable[[], CallContext]) -> None:
    """Defines the credential-store and tokens imports on `linker`, answering from `current()`, the running call's context."""

    def host(call: str, body: Callable[..., Any]) -> Callable[..., Ok | Err]:
        def imported(_store: object, *args: Any) -> Ok | Err:
            c = current()
            return c.answer(call, lambda: body(c, *args))

        return imported

    def get(c: CallContext, id: str) -> Any:
        return convert.connector_to_wit(_need(c.store, "get")(c.caller, id))

    def find_by_name(c: CallContext, name: str) -> Any:
        found = _need(c.store, "find_by_name")(c.caller, name)
        return [convert.summary_to_wit(s) for s in found]

    def rules(c: CallContext, kind: str) -> Any:
        r = _need(c.store, "rules")(c.caller, kind)
        return None if r is None else convert.kind_rules_to_wit(r)

    def kinds(c: CallContext) -> Any:
        return [convert.kind_rules_to_wit(k) for k in _need(c.store, "kinds")(c.caller)]

    def kinds_naming(c: CallContext, names: list[str]) -> Any:
        declared = _need(c.store, "kinds")(c.caller)
        kept = names_matching(c.support, sorted({r.name for k in declared for r in k.properties}), names)
        return [
            convert.kind_rules_to_wit(replace(k, properties=[r for r in k.properties if r.name in kept]))
            for k in declared
            if any(r.name in kept for r in k.properties)
        ]

    def write(c: CallContext, id: str, expected: int, changes: list[Any], mode: str) -> Any:
        receipt = _need(c.store, "write")(c.caller, id, expected, [convert.change_from_wit(x) for x in changes], mode)
        lowered = convert.receipt_to_wit(receipt)
        if mode == "commit" and receipt.changed:
            c.committed = receipt.revision
        return lowered

    def resolve(c: CallContext, source: str | None, name: str) -> Any:
        if c.tokens is None:
            return None
        value = c.tokens.resolve(source, name)
        return None if value is None else convert.optional_token(value)

    with linker.root() as root:
        with root.add_instance(f"{PACKAGE}/credential-store@{VERSION}") as store:
            store.add_func("get", host("store.get", get))
            store.add_func("find-by-name", host("store.find_by_name", find_by_name))
            store.add_func("rules", host("store.rules", rules))
            store.add_func("kinds", host("store.kinds", kinds))
            store.add_func("kinds-naming", host("store.kinds", kinds_naming))
            store.add_func("write", host("store.write", write))
        with root.add_instance(f"{PACKAGE}/tokens@{VERSION}") as tokens:
            tokens.add_func("resolve", host("tokens.resolve", resolve))
        # workflow:connectors/types holds only types: nothing to define.


def define_refusing_imports(linker: Linker) -> None:
    """Imports for an instance that must reach nothing (the store-support one): every call is refused."""

    def refuse(_store: object, *_args: object) -> Err:
        return Err(Variant("unavailable", "this instance serves store-support only"))

    with linker.root() as root:
        with root.add_instance(f"{PACKAGE}/credential-store@{VERSION}") as store:
            for name in ("get", "find-by-name", "rules", "kinds", "kinds-naming", "write"):
                store.add_func(name, refuse)
        with root.add_instance(f"{PACKAGE}/tokens@{VERSION}") as tokens:
            tokens.add_func("resolve", refuse)


class ContextStack(threading.local):
    """The contexts of the calls running on this thread, innermost last.

    wasmtime-py hands an import a store context without user data, so an
    import finds its call here; calls are synchronous, and a call a store
    makes from inside an import pushes its own.
    """

    def __init__(self) -> None:
        self.stack: list[CallContext] = []

    def current(self) -> CallContext:
        return self.stack[-1]
