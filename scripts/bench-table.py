#!/usr/bin/env python3
"""Issue 32's table from one fresh run: each figure now, its goal, and
whether it is met, with the processor, the date, the commit and the load
average; `--write` also puts it in BENCHMARKS.md.

    python3 scripts/bench-table.py            # measure, print the Markdown
    python3 scripts/bench-table.py --write    # and replace BENCHMARKS.md's generated section
    python3 scripts/bench-table.py --quick    # shorter criterion times, to try the script

It runs, back to back:

- `cargo bench -p connectors-update --bench execute` with a filter for
  `execute: step that writes (pooled)`, `validate` and
  `instantiate/pooled, imports as traps` (criterion, `--warm-up-time 1
  --measurement-time 3`, as BENCHMARKS.md's figures);
- `target/release/connectors-update component -o FILE` (the CLI the benches
  built: its embedded component), for the component's size in bytes, and to
  check that js/gen was built from that component;
- `node js/bench/bench.mjs --json` (the npm package on one reused instance and
  on a fresh instance per call, and `loadAction`), right after the `execute`
  bench, so that Node's ratios to Rust's `execute` and `validate` are of
  figures from one run;
- `cargo bench ... --bench scale` with a filter for `example-1/native`,
  `example-1/component` and `scale/{native,component}/{unchanged,changed}/N`
  at N = 1, 10, 100 and 1,000.

Every figure is a median. Before measuring it checks that the Node bench
runs seed example 1 byte for byte as cli/benches/execute.rs and scale.rs
write it, and that js/gen is built (it names the command that builds it).
With `--write` it replaces what lies between `<!-- bench-table:begin -->` and
`<!-- bench-table:end -->` in BENCHMARKS.md, once everything has run; the
section names the exact command. Figures from `--quick` are for trying the
script, not for BENCHMARKS.md. Standard library only; the helpers it shares
with scripts/bench-hosts.py are in scripts/benchlib.py.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import (  # noqa: E402 - the shared helpers sit beside this script
    CRITERION_ARGS,
    REPO,
    cargo_bench,
    check_same_step,
    criterion_medians_us,
    fail,
    load_average,
    node_bench,
    processor,
    require_built,
    target_dir,
)

PROG = "bench-table"
QUICK_CRITERION_ARGS: list[str] = ["--warm-up-time", "0.5", "--measurement-time", "1",
                                   "--sample-size", "10", "--nresamples", "10000"]
BENCHMARKS = REPO / "BENCHMARKS.md"
BEGIN = "<!-- bench-table:begin -->"
END = "<!-- bench-table:end -->"

RUST_EXECUTE = "execute: step that writes (pooled)"
RUST_VALIDATE = "validate"
INSTANTIATE = "instantiate/pooled, imports as traps"
EXAMPLE_NATIVE = "example-1/native"
EXAMPLE_COMPONENT = "example-1/component"
SIZES = (1, 10, 100, 1000)
CASES = ("unchanged", "changed")

# The goals, as issue 32 sets them.
GOAL_SIZE_BYTES = 250_000
GOAL_EXAMPLE_NATIVE_US = 1.5
GOAL_EXAMPLE_COMPONENT_US = 15.0
GOAL_NATIVE_1000_US = 300.0
GOAL_RATIO = 3.0  # component ÷ native, at N >= 10
GOAL_INSTANTIATE_US = 5.0
GOAL_NODE_RATIO = 1.5
GOAL_NODE_FRESH_US = 2000.0


def scale_id(host: str, case: str, n: int) -> str:
    """The criterion id of one `scale` bench: `scale/native/changed/1000`."""
    return f"scale/{host}/{case}/{n}"


EXECUTE_BENCHES = [RUST_EXECUTE, RUST_VALIDATE, INSTANTIATE]
SCALE_BENCHES = [EXAMPLE_NATIVE, EXAMPLE_COMPONENT] + [
    scale_id(host, case, n) for n in SIZES for case in CASES for host in ("native", "component")
]


@dataclass
class Run:
    """Everything one run measured, and where and when."""

    rust: dict[str, float]  # criterion medians by bench id, µs
    node: dict[str, Any]  # js/bench/bench.mjs --json
    size: int  # bytes of the component the CLI embeds
    started: time.struct_time
    finished: time.struct_time
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    commit: str
    rustc: str
    command: str
    quick: bool


@dataclass
class Row:
    """One row of the table."""

    figure: str
    now: str
    goal: str
    met: bool


def us(value: float) -> str:
    """Microseconds, to three significant figures or so: 1.23, 12.3, 1,234."""
    if value < 10:
        return f"{value:.2f}"
    if value < 100:
        return f"{value:.1f}"
    return f"{value:,.0f}"


def times(value: float) -> str:
    """A ratio: 1.23×, 12.3×."""
    return f"{value:.2f}×" if value < 10 else f"{value:.1f}×"


def yes(met: bool) -> str:
    return "yes" if met else "**no**"


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, check=True, capture_output=True, text=True).stdout.strip()


def commit() -> str:
    """The commit measured, short, and whether tracked files differ from it."""
    head = git("rev-parse", "--short", "HEAD")
    return head + (" with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def rustc_version() -> str:
    out = subprocess.run(["rustc", "--version"], cwd=REPO, check=True, capture_output=True, text=True).stdout.split()
    return out[1] if len(out) > 1 else "unknown"


def component() -> bytes:
    """The component the CLI embeds, as `connectors-update component -o FILE` writes it."""
    cli = target_dir() / "release" / "connectors-update"
    if not cli.exists():
        fail(PROG, f"{cli} is missing: cargo bench should have built it")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "connectors_update.wasm"
        subprocess.run([str(cli), "component", "-o", str(out)], check=True, capture_output=True)
        return out.read_bytes()


def check_node_runs(wasm: bytes) -> None:
    """Stop unless js/gen was built from this component: each core module jco split out of it is in it, verbatim."""
    modules = sorted((REPO / "js/gen").glob("*.core*.wasm"))
    if not modules or any(module.read_bytes() not in wasm for module in modules):
        fail(PROG, "js/gen was built from another component than the one the benches built; rebuild it: "
                   "target/release/connectors-update component -o target/connectors_update.wasm && "
                   "(cd js && npm run build -- --wasm ../target/connectors_update.wasm)")


def the_command(argv: list[str]) -> str:
    """This script's command line, as one types it from the repository's root."""
    return shlex.join(["python3", "scripts/bench-table.py", *argv])


def measure(quick: bool, command: str) -> Run:
    """Run the benches (criterion, Node) and read the component's size."""
    args = QUICK_CRITERION_ARGS if quick else CRITERION_ARGS
    started, load_before = time.gmtime(), load_average()

    since = cargo_bench(PROG, "execute", EXECUTE_BENCHES, args)
    print(f"{PROG}: connectors-update component", file=sys.stderr)
    wasm = component()
    check_node_runs(wasm)
    node = node_bench(PROG)
    cargo_bench(PROG, "scale", SCALE_BENCHES, args)
    rust = criterion_medians_us(since)
    missing = [name for name in EXECUTE_BENCHES + SCALE_BENCHES if name not in rust]
    if missing:
        fail(PROG, "criterion recorded no figure in this run for " + ", ".join(repr(m) for m in missing))

    return Run(rust=rust, node=node, size=len(wasm), started=started, finished=time.gmtime(),
               load_before=load_before, load_after=load_average(), commit=commit(), rustc=rustc_version(),
               command=command, quick=quick)


def rows(run: Run) -> list[Row]:
    """Issue 32's table: one row per figure."""
    r, node = run.rust, run.node
    native, component = r[EXAMPLE_NATIVE], r[EXAMPLE_COMPONENT]
    unchanged, changed = r[scale_id("native", "unchanged", 1000)], r[scale_id("native", "changed", 1000)]
    ratios = {(case, n): r[scale_id("component", case, n)] / r[scale_id("native", case, n)]
              for n in SIZES for case in CASES}
    node_execute, node_validate = node["us"]["execute, reused"], node["us"]["validate, reused"]
    rust_execute, rust_validate = r[RUST_EXECUTE], r[RUST_VALIDATE]
    fresh = node["us"]["execute, fresh"]
    return [
        Row("component size (`connectors-update component -o FILE`)", f"{run.size:,} bytes",
            f"≤ {GOAL_SIZE_BYTES:,}", run.size <= GOAL_SIZE_BYTES),
        Row(f"seed example 1, natively (`{EXAMPLE_NATIVE}`)", f"{us(native)} µs",
            f"≤ {GOAL_EXAMPLE_NATIVE_US} µs", native <= GOAL_EXAMPLE_NATIVE_US),
        Row(f"seed example 1 through the component, fresh pooled instance (`{EXAMPLE_COMPONENT}`)",
            f"{us(component)} µs, {times(component / native)} native",
            f"≤ {GOAL_EXAMPLE_COMPONENT_US:g} µs", component <= GOAL_EXAMPLE_COMPONENT_US),
        Row("N properties natively, N = 1,000 (`scale/native/…/1000`, unchanged / changed)",
            f"{us(unchanged)} / {us(changed)} µs", f"≤ {GOAL_NATIVE_1000_US:g} µs",
            max(unchanged, changed) <= GOAL_NATIVE_1000_US),
        Row("component ÷ native (`scale/component/…` over `scale/native/…`, unchanged / changed)",
            "; ".join(f"N = {n:,}: {times(ratios['unchanged', n])} / {times(ratios['changed', n])}"
                      for n in SIZES),
            f"≤ {GOAL_RATIO:g}× at N ≥ 10", all(v <= GOAL_RATIO for (_, n), v in ratios.items() if n >= 10)),
        Row(f"instantiation alone, pooled (`{INSTANTIATE}`)", f"{us(r[INSTANTIATE])} µs",
            f"≤ {GOAL_INSTANTIATE_US:g} µs", r[INSTANTIATE] <= GOAL_INSTANTIATE_US),
        Row("Node, one instance: `execute` / `validate`, and the ratio to Rust's "
            f"(`{RUST_EXECUTE}` / `{RUST_VALIDATE}`)",
            f"{us(node_execute)} / {us(node_validate)} µs, {times(node_execute / rust_execute)} / "
            f"{times(node_validate / rust_validate)} Rust's ({us(rust_execute)} / {us(rust_validate)} µs)",
            f"within {GOAL_NODE_RATIO:g}× of Rust's, in one run",
            max(node_execute / rust_execute, node_validate / rust_validate) <= GOAL_NODE_RATIO),
        Row("Node, a fresh instance per call (`execute`); `loadAction`",
            f"{us(fresh)} µs; `loadAction` {node['load_ms']:.1f} ms", f"≤ {GOAL_NODE_FRESH_US / 1000:g} ms (a call)",
            fresh <= GOAL_NODE_FRESH_US),
    ]


def day(t: time.struct_time) -> str:
    return f"{t.tm_mday} {time.strftime('%B %Y', t)}"


def render(run: Run) -> str:
    """The Markdown: where and when, the table, and the `scale` figures behind its ratio row."""
    load = " / ".join(f"{v:.2f}" for v in run.load_before), " / ".join(f"{v:.2f}" for v in run.load_after)
    settings = " ".join(QUICK_CRITERION_ARGS if run.quick else CRITERION_ARGS)
    lines = [
        f"Generated by `{run.command}`, {day(run.started)}, {time.strftime('%H:%M', run.started)}–"
        f"{time.strftime('%H:%M', run.finished)} UTC, on `{run.commit}`.",
        "",
        f"**Processor: {processor()}**, {os.cpu_count()} cores; Rust {run.rustc}, Node {run.node['node']}. "
        f"Load average (1 / 5 / 15 min) {load[0]} before, {load[1]} after.",
        "",
        f"Rust figures are criterion's medians (`{settings}`), Node's are js/bench/bench.mjs's; "
        "each ratio is of two figures from this run.",
    ]
    if run.quick:
        lines += ["", "**`--quick`: shortened criterion times, to try the script; not figures to keep.**"]
    lines += ["", "| figure | now | goal | met |", "| --- | --- | --- | --- |"]
    lines += [f"| {row.figure} | {row.now} | {row.goal} | {yes(row.met)} |" for row in rows(run)]
    lines += [
        "",
        "N properties (`scale`), medians in µs:",
        "",
        "| N | native unchanged | component unchanged | ratio | native changed | component changed | ratio |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in SIZES:
        cells = []
        for case in CASES:
            native, component = run.rust[scale_id("native", case, n)], run.rust[scale_id("component", case, n)]
            cells += [us(native), us(component), times(component / native)]
        lines.append(f"| {n:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


SECTION = re.compile(re.escape(BEGIN) + r"\n.*?" + re.escape(END), re.S)


def check_markers() -> None:
    """Stop before measuring if BENCHMARKS.md has no section to replace."""
    if len(SECTION.findall(BENCHMARKS.read_text())) != 1:
        fail(PROG, f"BENCHMARKS.md needs one section between {BEGIN} and {END}, each on a line of its own")


def write(markdown: str) -> None:
    """Replace BENCHMARKS.md's generated section with `markdown`."""
    text = BENCHMARKS.read_text()
    BENCHMARKS.write_text(SECTION.sub(lambda _: f"{BEGIN}\n\n{markdown}\n\n{END}", text, count=1))
    print(f"{PROG}: wrote BENCHMARKS.md's section between {BEGIN} and {END}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(prog="bench-table.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="also replace BENCHMARKS.md's generated section")
    parser.add_argument("--quick", action="store_true",
                        help=f"criterion {' '.join(QUICK_CRITERION_ARGS)}, to try the script (not for BENCHMARKS.md)")
    options = parser.parse_args()

    require_built(PROG, ["node"])
    check_same_step(PROG, ["rust", "rust scale", "node"])
    if options.write:
        check_markers()

    markdown = render(measure(options.quick, the_command(sys.argv[1:])))
    print(markdown)
    if options.write:
        write(markdown)


if __name__ == "__main__":
    main()
