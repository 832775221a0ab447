#!/usr/bin/env python3
"""One step, three hosts, one run: seed example 1 (cli/benches/execute.rs's
EXAMPLE_1) through the Rust harness (criterion), the npm package (Node) and
the Python package (wasmtime-py), back to back, then one Markdown table of
the medians per call and each host's ratio to Rust's, for BENCHMARKS.md.

    python3 scripts/bench-hosts.py

It needs what scripts/test leaves: js/ built (js/gen) and py/.venv with the
package installed. The Rust figures are criterion's medians for
`execute: step that writes (pooled)` (a fresh pooled instance per call, a new
token value each time, so every call writes), `validate` and `parse-step`;
Node's and Python's come from js/bench/bench.mjs and py/scripts/bench.py,
which run the same text against the same connector on a fresh instance per
call and on one reused instance. The script checks that the three texts are
the same before it measures anything. What it shares with
scripts/bench-table.py is in scripts/benchlib.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import (  # noqa: E402 - the shared helpers sit beside this script
    cargo_bench,
    check_same_step,
    criterion_median_us,
    node_bench,
    processor,
    python_bench,
    require_built,
)

PROG = "bench-hosts"
RUST_BENCHES = {
    "execute": "execute: step that writes (pooled)",
    "validate": "validate",
    "parse_step": "parse-step",
}


def main() -> None:
    require_built(PROG, ["node", "python"])
    check_same_step(PROG, ["rust", "node", "python"])

    started = cargo_bench(PROG, "execute", RUST_BENCHES.values())
    rust = {what: criterion_median_us(PROG, name, since=started) for what, name in RUST_BENCHES.items()}
    node = node_bench(PROG)
    python = python_bench(PROG)

    print(f"Processor: {processor()}, {os.cpu_count()} cores; Node {node['node']}, Python {python['python']}.\n")
    print("| call (seed example 1) | Rust harness, fresh pooled instance | Node, reused | Node, fresh | "
          "Python, fresh | Python, reused |")
    print("| --- | --- | --- | --- | --- | --- |")

    def cell(us: float, base: float) -> str:
        return f"{us:,.1f} µs ({us / base:.1f}×)"

    for what, base in rust.items():
        label = {"execute": "`execute` (writes)", "validate": "`validate`", "parse_step": "`parse-step`"}[what]
        print(f"| {label} | **{base:,.1f} µs** | {cell(node['us'][f'{what}, reused'], base)} | "
              f"{cell(node['us'][f'{what}, fresh'], base)} | {cell(python['us'][f'{what}, fresh'], base)} | "
              f"{cell(python['us'][f'{what}, reused'], base)} |")
    print(f"\nLoading: Node `loadAction` {node['load_ms']:.1f} ms; Python `load_component` {python['compile_ms']:.0f} ms "
          f"(compiles the component); Python instantiation alone {python['us']['instantiate']:.1f} µs.")


if __name__ == "__main__":
    main()
