"""Per-call times of the Python package on the Rust benchmark's step: seed
example 1 (cli/benches/execute.rs's EXAMPLE_1, the same text) against
`MemoryStore`, with a new token value each call (so every call writes, as in
Rust's `execute: step that writes`), `validate` and `parse_step` of it; each on a
fresh instance per call (the package's default, as the Rust harness does) and
on one reused instance, interleaved call by call so that a machine busy with
something else slows both alike. Also what loading costs.

    py/.venv/bin/python py/scripts/bench.py [--json]

Prints medians in microseconds (or, with --json, one object that
scripts/bench-hosts.py reads). No test asserts on these: speed lives here.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable

from connectors_update import Action, MapTokens, MemoryStore, load_action
from connectors_update.component import load_component

# cli/benches/execute.rs's EXAMPLE_1, byte for byte.
EXAMPLE_1 = (
    '{"ActionType": "Connectors.Update", "Parameters": {"EntryId": "Twitter API",\n'
    '  "Properties": [{"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"}],\n'
    '  "PropertiesJson": "{ \\"Timeout\\": \\"30s\\", \\"Endpoint\\": \\"https://api.twitter.com/2\\" }"}}'
)
ROUNDS = 400
WARM_UP = 20


def twitter_store(action: Action) -> MemoryStore:
    """The connector the Rust bench's step updates: rest-api, APIKey a secret."""
    store = MemoryStore(action)
    store.add(id="twitterConnectorId", name="Twitter API", kind="rest-api", properties=[("APIKey", "k0", True)])
    return store


def interleaved(calls: dict[str, Callable[[int], object]], rounds: int = ROUNDS) -> dict[str, float]:
    """Median microseconds of each call, the calls taking turns round by round."""
    for i in range(WARM_UP):
        for call in calls.values():
            call(i)
    times: dict[str, list[float]] = {name: [] for name in calls}
    for i in range(rounds):
        for name, call in calls.items():
            t = time.perf_counter_ns()
            call(WARM_UP + i)
            times[name].append(time.perf_counter_ns() - t)
    return {name: statistics.median(ts) / 1000 for name, ts in times.items()}


def main() -> None:
    t = time.perf_counter_ns()
    loaded = load_component()
    compile_ms = (time.perf_counter_ns() - t) / 1e6
    actions = {"fresh": load_action(instances="fresh"), "reused": load_action(instances="reuse")}
    stores = {mode: twitter_store(a) for mode, a in actions.items()}
    step = actions["fresh"].parse_step(EXAMPLE_1)
    tokens = [MapTokens({"Form:Key": f"k{i}"}) for i in range(2)]

    figures: dict[str, float] = {}
    for what, make in {
        "execute": lambda a, s: (lambda i: a.execute(step, s, tokens[i % 2])),
        "validate": lambda a, s: (lambda i: a.validate(step)),
        "parse_step": lambda a, s: (lambda i: a.parse_step(EXAMPLE_1)),
    }.items():
        found = interleaved({mode: make(a, stores[mode]) for mode, a in actions.items()})
        for mode, us in found.items():
            figures[f"{what}, {mode}"] = us
    figures["instantiate"] = interleaved({"i": lambda i: loaded.instantiate(loaded.action_linker)})["i"]

    if "--json" in sys.argv[1:]:
        print(json.dumps({"python": sys.version.split()[0], "compile_ms": compile_ms, "us": figures}))
        return
    print(f"python {sys.version.split()[0]}; load_component (compile the component): {compile_ms:.0f} ms")
    for name, us in figures.items():
        print(f"{name:<24} {us:10.1f} µs")


if __name__ == "__main__":
    main()
