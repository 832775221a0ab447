"""What scripts/bench-hosts.py and scripts/bench-table.py share: the check
that every bench runs the same step (seed example 1, cli/benches/execute.rs's
EXAMPLE_1), running criterion with a filter and reading the medians it
recorded, the Node and Python benches' JSON, and the machine's processor.

Standard library only. Each function that can fail exits with a message that
starts with the calling script's name (`prog`), so a failure says which
script stopped and why.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NoReturn

REPO = Path(__file__).resolve().parent.parent

# The criterion settings BENCHMARKS.md's figures use.
CRITERION_ARGS: list[str] = ["--warm-up-time", "1", "--measurement-time", "3"]

# The sources of seed example 1, by the name each check reports.
EXAMPLE_SOURCES: dict[str, str] = {
    "rust": "cli/benches/execute.rs",
    "rust scale": "cli/benches/scale.rs",
    "node": "js/bench/bench.mjs",
    "python": "py/scripts/bench.py",
}

# What each host's bench needs built first, and the command that builds it.
BUILT: dict[str, tuple[str, str]] = {
    "node": ("js/gen", "cd js && npm ci && npm run build -- --wasm ../target/connectors_update.wasm "
                       "(after `target/release/connectors-update component -o target/connectors_update.wasm`), "
                       "or scripts/test"),
    "python": ("py/.venv", "bash py/scripts/test.sh, or scripts/test"),
}


def fail(prog: str, message: str) -> NoReturn:
    """Stop with `prog: message` on standard error and exit status 1."""
    sys.exit(f"{prog}: {message}")


def require_built(prog: str, hosts: Iterable[str]) -> None:
    """Stop, naming the command that makes it, when a host's bench lacks what it runs on."""
    for host in hosts:
        path, command = BUILT[host]
        if not (REPO / path).exists():
            fail(prog, f"{path} is missing; make it with: {command}")


def _rust_example(path: str) -> str | None:
    found = re.search(r'const EXAMPLE_1: &str = r#"(.*?)"#;', (REPO / path).read_text(), re.S)
    return found.group(1) if found else None


def _node_example(path: str) -> str | None:
    result = subprocess.run(
        ["node", "-e", "const s=require('fs').readFileSync(process.argv[1],'utf8');"
         "const m=s.match(/const EXAMPLE_1 = ([^;]+);/);"
         "if(m)process.stdout.write(JSON.stringify(eval(m[1])))", str(REPO / path)],
        capture_output=True, text=True, check=True,
    ).stdout
    return json.loads(result) if result else None


def _python_example(path: str) -> str | None:
    found = re.search(r"EXAMPLE_1 = \((.*?)\n\)", (REPO / path).read_text(), re.S)
    return eval("(" + found.group(1) + ")") if found else None  # noqa: S307 - our own literal


def example_texts(hosts: Sequence[str]) -> dict[str, str | None]:
    """EXAMPLE_1 as each named bench writes it: a Rust raw string, or the JavaScript or Python literal evaluated."""
    readers = {"rust": _rust_example, "rust scale": _rust_example, "node": _node_example, "python": _python_example}
    return {host: readers[host](EXAMPLE_SOURCES[host]) for host in hosts}


def check_same_step(prog: str, hosts: Sequence[str]) -> None:
    """Stop unless every named bench's EXAMPLE_1 is, byte for byte, cli/benches/execute.rs's."""
    texts = example_texts(hosts)
    missing = [EXAMPLE_SOURCES[h] for h, text in texts.items() if text is None]
    if missing:
        fail(prog, "EXAMPLE_1 not found in " + ", ".join(missing))
    if len(set(texts.values())) != 1:
        differ = [EXAMPLE_SOURCES[h] for h, text in texts.items() if text != texts[hosts[0]]]
        fail(prog, f"the benches run different steps: {', '.join(differ)} differ from {EXAMPLE_SOURCES[hosts[0]]}")


def exact_pattern(names: Iterable[str]) -> str:
    """A criterion filter (a regex) that matches exactly these bench ids."""
    return "^(" + "|".join(re.escape(name) for name in names) + ")$"


def cargo_bench(prog: str, bench: str, names: Iterable[str], args: Sequence[str] = CRITERION_ARGS) -> float:
    """Run one bench file of the CLI crate under criterion, only the benches named; its output goes to stderr.
    Returns when it started (time.time()), for criterion_median_us's `since`."""
    started = time.time()
    pattern = exact_pattern(names)
    print(f"{prog}: cargo bench ({pattern})", file=sys.stderr)
    subprocess.run(
        ["cargo", "bench", "-p", "connectors-update", "--bench", bench, "--", *args, pattern],
        cwd=REPO, check=True, stdout=sys.stderr,
    )
    return started


def target_dir() -> Path:
    """Cargo's target directory: $CARGO_TARGET_DIR, or the workspace's target/."""
    return Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")


def criterion_medians_us(since: float | None = None) -> dict[str, float]:
    """Every median criterion has recorded (by bench id, in microseconds); with `since`, only those
    recorded at or after that time (time.time()), so that a bench that did not run is not read from an older run."""
    medians: dict[str, float] = {}
    for meta in (target_dir() / "criterion").glob("**/new/benchmark.json"):
        estimates = meta.parent / "estimates.json"
        if not estimates.exists() or (since is not None and estimates.stat().st_mtime < since):
            continue
        name = json.loads(meta.read_text()).get("full_id")
        medians[name] = float(json.loads(estimates.read_text())["median"]["point_estimate"]) / 1000
    return medians


def criterion_median_us(prog: str, name: str, since: float | None = None) -> float:
    """The median criterion recorded for the bench `name` (since `since`, if given), in microseconds."""
    medians = criterion_medians_us(since)
    if name not in medians:
        fail(prog, f"criterion recorded no bench named {name!r}" + (" in this run" if since is not None else ""))
    return medians[name]


def node_bench(prog: str) -> dict[str, Any]:
    """js/bench/bench.mjs --json: Node's version, loadAction's milliseconds, and medians per call in µs."""
    print(f"{prog}: node js/bench/bench.mjs", file=sys.stderr)
    return json.loads(subprocess.run(["node", "bench/bench.mjs", "--json"], cwd=REPO / "js", check=True,
                                     capture_output=True, text=True).stdout)


def python_bench(prog: str) -> dict[str, Any]:
    """py/scripts/bench.py --json, in py/.venv: Python's version, load times, and medians per call in µs."""
    print(f"{prog}: python py/scripts/bench.py", file=sys.stderr)
    return json.loads(subprocess.run([str(REPO / "py/.venv/bin/python"), "py/scripts/bench.py", "--json"], cwd=REPO,
                                     check=True, capture_output=True, text=True).stdout)


def processor() -> str:
    """The processor's name as /proc/cpuinfo gives it (`model name`), else what Python's platform module says."""
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        lines = []
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")),
                platform.processor() or "unknown processor")


def load_average() -> tuple[float, float, float]:
    """The 1, 5 and 15 minute load averages."""
    return os.getloadavg()
