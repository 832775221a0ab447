#!/usr/bin/env bash
# The Python package's tests, on a fresh clone once `cargo test` (scripts/test)
# has made target/connectors_update.wasm: a virtual environment in py/.venv
# with the test tools pinned by hash (requirements-test.txt, from
# requirements-test.in by pip-compile --generate-hashes), the component and
# the conformance cases copied into the package, the package installed from
# py/, then `mypy --strict` over the package and the consumer example, and
# pytest. Nothing here downloads a binary of its own (wasmtime's wheel comes
# from PyPI, pinned). Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."   # py/
repo="$(cd .. && pwd)"

# CONNECTORS_UPDATE_WASM: another built component (a worktree without target/, say).
wasm="${CONNECTORS_UPDATE_WASM:-$repo/target/connectors_update.wasm}"
if [ ! -f "$wasm" ]; then
  echo "py/scripts/test.sh: $wasm is missing; build it first (scripts/test does, after cargo test)" >&2
  exit 1
fi

python="${PYTHON:-python3.11}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --require-hashes -r requirements-test.txt

cp "$wasm" src/connectors_update/connectors_update.wasm
rm -rf src/connectors_update/conformance_cases
mkdir -p src/connectors_update/conformance_cases
cp "$repo"/tests/conformance/*.json src/connectors_update/conformance_cases/

.venv/bin/python -m pip install -q --no-deps --no-build-isolation .
rm -rf build src/*.egg-info

.venv/bin/python -m mypy --strict src tests/typing
# The tests import the installed package, not src/, so that what is tested is what installs.
(cd tests && ../.venv/bin/python -m pytest -q "$@")
