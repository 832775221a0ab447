"""`update_connector`: the action as a Prefect task, on a `BlockStore`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from connectors_update import Action, Caller, Outcome, Step, TokenSource, load_action
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from .store import BlockStore


@lru_cache(maxsize=1)
def action() -> Action:
    """The action, loaded once per process."""
    return load_action()


@task(name="update-connector", cache_policy=NO_CACHE, persist_result=False)
def update_connector(
    step: str | Step,
    tokens: TokenSource | None = None,
    *,
    block_types: Sequence[str] | None = None,
    caller: Caller | None = None,
    lock: bool = False,
) -> Outcome:
    """Runs one step (a step file's text, or a `Step`) on the Prefect blocks of `block_types` (the package's own by default).

    Returns the outcome: names and revisions, never a value. Raises the
    action's typed errors (`ConnectorNotFound`, `ValidationFailed`,
    `Conflict`, ...), whose messages name fields and properties only.

    Secrets go in through `tokens` (a `TokenSource` such as `MapTokens`,
    resolved inside the task) or are already in the step's text as tokens;
    never put a secret value in the step text itself, which is a task
    parameter. The task keeps no cache key (a hash of the tokens would be
    one) and persists no result.

    `lock=True` holds a Prefect global concurrency limit per document around
    the write (`BlockStore`'s `lock`), so that two runs that both ask for it
    never write into each other's window.
    """
    outcome = action().execute(step, BlockStore(action(), block_types, lock=lock), tokens, caller)
    get_run_logger().info(
        "connector %s (%s): revision %s -> %s; added %s, changed %s, removed %s%s",
        outcome.name, outcome.id, outcome.revision_before, outcome.revision_after,
        outcome.added, outcome.changed, outcome.removed, " (dry run)" if outcome.dry_run else "",
    )
    return outcome
