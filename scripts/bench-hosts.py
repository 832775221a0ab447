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
the same before it measures anything.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUST_BENCHES = {
    "execute": "execute: step that writes (pooled)",
    "validate": "validate",
    "parse_step": "parse-step",
}
CRITERION_ARGS = ["--warm-up-time", "1", "--measurement-time", "3"]


def example_texts() -> dict[str, str]:
    """EXAMPLE_1 as each bench writes it: the Rust raw string, and the JavaScript and Python literals evaluated."""
    rust = re.search(r'const EXAMPLE_1: &str = r#"(.*?)"#;', (REPO / "cli/benches/execute.rs").read_text(), re.S)
    python = re.search(r"EXAMPLE_1 = \((.*?)\n\)", (REPO / "py/scripts/bench.py").read_text(), re.S)
    node = subprocess.run(
        ["node", "-e", "const s=require('fs').readFileSync(process.argv[1],'utf8');"
         "process.stdout.write(eval(s.match(/const EXAMPLE_1 = ([^;]+);/)[1]))", str(REPO / "js/bench/bench.mjs")],
        capture_output=True, text=True, check=True,
    ).stdout
    if not (rust and python):
        sys.exit("bench-hosts: EXAMPLE_1 not found in a bench's source")
    return {"rust": rust.group(1), "node": node, "python": eval("(" + python.group(1) + ")")}  # noqa: S307 - our own literal


def criterion_median_us(name: str) -> float:
    """The median criterion recorded for the bench `name` in this run, in microseconds."""
    for meta in (REPO / "target/criterion").glob("**/new/benchmark.json"):
        if json.loads(meta.read_text()).get("full_id") == name:
            estimates = json.loads((meta.parent / "estimates.json").read_text())
            return float(estimates["median"]["point_estimate"]) / 1000
    sys.exit(f"bench-hosts: criterion recorded no bench named {name!r}")


def main() -> None:
    texts = example_texts()
    if len(set(texts.values())) != 1:
        sys.exit("bench-hosts: the three benches run different steps: " + ", ".join(texts))

    pattern = "^(" + "|".join(re.escape(n) for n in RUST_BENCHES.values()) + ")$"
    print(f"bench-hosts: cargo bench ({pattern})", file=sys.stderr)
    subprocess.run(
        ["cargo", "bench", "-p", "connectors-update", "--bench", "execute", "--", *CRITERION_ARGS, pattern],
        cwd=REPO, check=True, stdout=sys.stderr,
    )
    rust = {what: criterion_median_us(name) for what, name in RUST_BENCHES.items()}

    print("bench-hosts: node js/bench/bench.mjs", file=sys.stderr)
    node = json.loads(subprocess.run(["node", "bench/bench.mjs", "--json"], cwd=REPO / "js", check=True,
                                     capture_output=True, text=True).stdout)
    print("bench-hosts: python py/scripts/bench.py", file=sys.stderr)
    python = json.loads(subprocess.run([str(REPO / "py/.venv/bin/python"), "py/scripts/bench.py", "--json"], cwd=REPO,
                                       check=True, capture_output=True, text=True).stdout)

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    print(f"Processor: {cpu}, {os.cpu_count()} cores; Node {node['node']}, Python {python['python']}.\n")
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
