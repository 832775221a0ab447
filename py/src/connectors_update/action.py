"""The action: each method converts its arguments, calls the component's
export on an instance with the call's store, tokens and caller bound to its
imports, and converts the answer. The behaviour is the component's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypeVar

from wasmtime import Store
from wasmtime.component import Variant

from . import convert
from .component import LoadedComponent, load_component
from .errors import ConnectorsUpdateError, HostFailed, InvalidParameter, Trap
from .imports import CallContext
from .model import Caller, Descriptor, Diagnostic, Outcome, Step
from .support import StoreSupport
from .tokens import MapTokens

if TYPE_CHECKING:
    from .contract import CredentialStore, TokenSource
    from .memory_store import MemoryStore

_T = TypeVar("_T")
Instances = Literal["fresh", "reuse"]


#: Told of anything a store or token source raised that is not a `StoreError`, and which call
#: it was (`store.get`, `tokens.resolve`, ...): the engine's own log. The package prints nothing,
#: and `HostFailed` does not chain the exception, whose text may hold a value.
HostErrorHook = Callable[[BaseException, str], None]


def load_action(*, instances: Instances = "fresh", on_host_error: HostErrorHook | None = None) -> Action:
    """The action, on the component compiled once per process (the first call takes about half a second).

    `instances="fresh"` (the default) runs every call on a new instance, as
    the Rust harness does; `"reuse"` keeps one (component.py says why fresh).
    `on_host_error` is told of what a store or token source raised (see
    `HostErrorHook`). Raises `LoadFailed` when the package's component is
    missing or broken.
    """
    return Action(load_component(), instances=instances, on_host_error=on_host_error)


class Action:
    """The loaded action; build it with `load_action()`. Every method raises a `ConnectorsUpdateError` on failure."""

    def __init__(
        self,
        loaded: LoadedComponent,
        *,
        instances: Instances = "fresh",
        on_host_error: HostErrorHook | None = None,
    ) -> None:
        self._loaded = loaded
        self._on_host_error = on_host_error
        self._reuse = instances == "reuse"
        self._shared: tuple[Store, Any] | None = None
        self._shared_lock = threading.Lock()
        self._design: MemoryStore | None = None
        #: The action's own code a store in Python needs (`builtin_kinds`, `merge_value`, `check_value`, ...).
        self.support = StoreSupport(loaded)

    def _design_store(self) -> CredentialStore:
        """A store with no connectors that declares the built-in kinds: design time's default."""
        if self._design is None:
            from .memory_store import MemoryStore

            self._design = MemoryStore(self)
        return self._design

    def describe(self, store: CredentialStore | None = None) -> Descriptor:
        """The descriptor, with the kinds `store` declares (the built-in kinds without one)."""
        context = CallContext(self.support, store if store is not None else self._design_store())
        return self._call(context, lambda run: self._unwrap(run("describe"), convert.descriptor_from_wit))

    def parse_step(self, text: str) -> Step:
        """Reads a step file's text (`{"ActionType": ..., "Parameters": {...}}`, or the Parameters alone).

        Raises `InvalidJson` or `InvalidParameter` naming the field.
        """
        if not isinstance(text, str):
            raise InvalidParameter(
                "invalid-parameter", "parse_step takes the text of a step file; pass json.dumps(step).", {"field": "Parameters"}
            )
        convert.text_argument(text, "Parameters")
        return self._call(CallContext(self.support), lambda run: self._unwrap(run("parse-step", text), convert.step_from_wit))

    def validate(self, step: Step | str, store: CredentialStore | None = None) -> list[Diagnostic]:
        """Diagnostics for a step or a step file's text (every problem `parse_step` would refuse as well).

        The store is asked only for the rules of the names the step writes;
        without one, the built-in kinds answer.
        """
        context = CallContext(self.support, store if store is not None else self._design_store())
        if isinstance(step, str):
            text = convert.text_argument(step, "Parameters")
            found = self._call(context, lambda run: run("validate-json", text))
        else:
            wit = convert.step_to_wit(step)
            found = self._call(context, lambda run: run("validate", wit))
        return [convert.diagnostic_from_wit(d) for d in found]

    def execute(
        self,
        step: Step | str,
        store: CredentialStore,
        tokens: TokenSource | Mapping[str, str] | None = None,
        caller: Caller | None = None,
    ) -> Outcome:
        """Runs a step (or a step file's text) against `store`, with `tokens` answering its tokens, for `caller`.

        `tokens` is a `TokenSource`, or a mapping read as `MapTokens` reads one
        (`{"Form:Key": "..."}` answers `[Form:Key]`).
        """
        if store is None:
            raise InvalidParameter("invalid-parameter", "execute needs a store: execute(step, store).", {"field": "store"})
        if isinstance(tokens, Mapping):
            tokens = MapTokens(tokens)
        elif tokens is not None and not callable(getattr(tokens, "resolve", None)):
            raise InvalidParameter(
                "invalid-parameter",
                f"tokens must be a TokenSource (an object with resolve(source, name)) or a mapping of "
                f"\"Source:Name\" to text, not {type(tokens).__name__}.",
                {"field": "tokens"},
            )
        if caller is not None and not isinstance(caller, Caller):
            raise InvalidParameter("invalid-parameter", "caller must be a Caller.", {"field": "caller"})
        if isinstance(step, str):
            convert.text_argument(step, "Parameters")
            wit = None
        else:
            wit = convert.step_to_wit(step)
        context = CallContext(self.support, store, tokens, caller)

        def run_step(run: Callable[..., Any]) -> Outcome:
            parsed = wit if wit is not None else self._unwrap(run("parse-step", step), lambda r: r)
            return self._unwrap(run("execute", parsed), convert.outcome_from_wit)

        return self._call(context, run_step)

    @staticmethod
    def _unwrap(result: Any, lift: Callable[[Any], _T]) -> _T:
        # result<T, action-error> lifts untagged in wasmtime-py: the record, or the error's Variant.
        if isinstance(result, Variant):
            raise convert.action_error_from_wit(result)
        return lift(result)

    def _call(self, context: CallContext, body: Callable[[Callable[..., Any]], _T]) -> _T:
        """One call: an instance (fresh, or the shared one when free), the context pushed for its imports, errors typed."""
        shared = self._reuse and self._shared_lock.acquire(blocking=False)
        try:
            if shared:
                if self._shared is None:
                    self._shared = self._loaded.instantiate(self._loaded.action_linker)
                store, instance = self._shared
            else:
                store, instance = self._loaded.instantiate(self._loaded.action_linker)

            def run(name: str, *args: Any) -> Any:
                return instance.get_func(store, self._loaded.exports[name])(store, *args)

            stack = self._loaded.contexts.stack
            stack.append(context)
            try:
                value = body(run)
            except ConnectorsUpdateError:
                if context.failure is not None:
                    _raise_host_failed(context, self._on_host_error)
                raise
            except Exception as e:
                # A trap: the instance is left as it stopped, so a shared one is dropped.
                if shared:
                    self._shared = None
                if context.failure is not None:
                    _raise_host_failed(context, self._on_host_error)
                raise Trap("trap", f"the action stopped with a trap ({type(e).__name__}); {_written(context)}") from e
            finally:
                stack.pop()
            if context.failure is not None:
                _raise_host_failed(context, self._on_host_error)
            return value
        finally:
            if shared:
                self._shared_lock.release()


def _written(context: CallContext) -> str:
    if context.committed is None and context.failure is not None and context.failure.call == "store.write":
        # The store failed inside its own write: only the store knows whether it committed.
        return "whether the store committed the write is unknown; read the connector before running the step again"
    if context.committed is None:
        return "nothing was written"
    return f"its write had already been committed as revision {context.committed}"


def _raise_host_failed(context: CallContext, on_host_error: HostErrorHook | None) -> NoReturn:
    """Raises `HostFailed` for the call's failed import, after telling `on_host_error` of the import's exception.

    A KeyboardInterrupt or SystemExit raised in an import could not cross the
    guest (that would poison the instance), so the import answered a failure;
    now that the guest is left, it is raised as itself.
    """
    assert context.failure is not None
    failure = context.failure
    if not isinstance(failure.error, Exception):
        raise failure.error
    # The class's name only: the exception's text may hold a value.
    if on_host_error is not None:
        on_host_error(failure.error, failure.call)
    # Not chained: a traceback logged by an engine (Prefect logs every failed
    # task's) would print the exception's text, which may hold a value.
    raise HostFailed(
        "host-failed",
        f"the host's {failure.call} threw {type(failure.error).__name__} instead of a StoreError; {_written(context)}",
        {"call": failure.call},
    ) from None
