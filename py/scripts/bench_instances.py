"""Per-call times of the Python package, a fresh instance per call against a
reused one: the figures behind component.py's choice. Run it with the
package installed (py/.venv/bin/python scripts/bench_instances.py); it
prints medians in milliseconds. No test asserts on them."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable

from connectors_update import Action, MemoryStore, Step, load_action
from connectors_update.component import load_component

ROUNDS = 200


def median_ms(fn: Callable[[], object], rounds: int = ROUNDS) -> float:
    for _ in range(5):
        fn()
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    t = time.perf_counter()
    loaded = load_component()
    print(f"compile (once per process): {(time.perf_counter() - t) * 1000:.0f} ms")
    print(f"instantiate (Store + linker.instantiate): {median_ms(lambda: loaded.instantiate(loaded.action_linker)):.3f} ms")
    text = json.dumps({"EntryId": "api", "Properties": [{"PropertyName": "Timeout", "PropertyValue": "30s"}],
                       "PropertiesJson": json.dumps({"Region": "eu"}), "DryRun": True})
    actions: dict[str, Action] = {"fresh": load_action(instances="fresh"), "reuse": load_action(instances="reuse")}
    store = MemoryStore(actions["fresh"])
    store.add(id="api", name="Billing API", kind="rest-api",
              properties=[("APIKey", "k", True), ("Endpoint", "https://a.example.com")])
    step: Step = actions["fresh"].parse_step(text)
    calls: dict[str, Callable[[Action], object]] = {
        "parse_step": lambda a: a.parse_step(text),
        "execute (dry run)": lambda a: a.execute(step, store),
        "execute (text)": lambda a: a.execute(text, store),
        "validate (text)": lambda a: a.validate(text, store),
        "validate (Step)": lambda a: a.validate(step, store),
        "describe": lambda a: a.describe(store),
    }
    # Interleaved, fresh then reused, round by round: a machine busy with
    # something else slows both alike.
    for name, call in calls.items():
        times: dict[str, list[float]] = {"fresh": [], "reuse": []}
        for _ in range(ROUNDS):
            for mode, action in actions.items():
                t = time.perf_counter()
                call(action)
                times[mode].append(time.perf_counter() - t)
        fresh, reuse = (statistics.median(times[m]) * 1000 for m in ("fresh", "reuse"))
        print(f"{name:>18}: fresh {fresh:.3f} ms, reused {reuse:.3f} ms")


if __name__ == "__main__":
    main()
