#!/usr/bin/env bash
# The Prefect integration's tests: a virtual environment in integrations/prefect/.venv
# with Prefect and the test tools pinned by hash (requirements-test.txt, made from
# requirements-test.in by scripts/lock.sh), the connectors-update package (../../py,
# its component copied in from target/) and this package installed without
# dependencies, then `mypy --strict` and pytest against a real Prefect server that the
# tests start (127.0.0.1, SQLite in a temporary directory). Nothing here downloads a
# binary of its own. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."   # integrations/prefect/
repo="$(cd ../.. && pwd)"

# CONNECTORS_UPDATE_WASM: another built component (a worktree without target/, say).
wasm="${CONNECTORS_UPDATE_WASM:-$repo/target/connectors_update.wasm}"
if [ ! -f "$wasm" ]; then
  echo "integrations/prefect/scripts/test.sh: $wasm is missing; build it first (scripts/test does, after cargo test)" >&2
  exit 1
fi

python="${PYTHON:-python3.11}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --require-hashes -r requirements-test.txt

# connectors-update from a copy of py/, so that building it leaves nothing in py/.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$repo/py/pyproject.toml" "$repo/py/README.md" "$repo/py/src" "$work/"
rm -rf "$work"/src/*.egg-info "$work/src/connectors_update/conformance_cases"
cp "$wasm" "$work/src/connectors_update/connectors_update.wasm"
mkdir -p "$work/src/connectors_update/conformance_cases"
cp "$repo"/tests/conformance/*.json "$work/src/connectors_update/conformance_cases/" 2>/dev/null || true
.venv/bin/python -m pip install -q --no-deps --no-build-isolation "$work"

.venv/bin/python -m pip install -q --no-deps --no-build-isolation .
rm -rf build src/*.egg-info

.venv/bin/python -m mypy --strict src tests
# The tests import the installed packages, not src/: what is tested is what installs.
# Uncaptured (-s), into a file: every line the process and the Prefect server it starts
# write (at DEBUG) is searched for the tests' canary secret afterwards.
log="$work/pytest.log"
status=0
.venv/bin/python -m pytest -q -s -p no:cacheprovider tests "$@" >"$log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  grep -v '| DEBUG ' "$log" | tail -n 120
  exit "$status"
fi
grep -E '^[0-9]+ passed' "$log" | tail -n 1
canary="CANARY-""5e1f0d"
if grep -q "$canary" "$log"; then
  echo "integrations/prefect: the canary secret is in the output of the tests or of the Prefect server" >&2
  exit 1
fi
echo "the canary secret is in none of the $(wc -l <"$log") lines the tests and the Prefect server wrote"
