#!/usr/bin/env bash
# Makes (or reuses) the virtual environment VENV, installs LOCK into it (a
# pip-compile lock with hashes: --require-hashes), then the connectors-update
# package from this checkout's py/ without dependencies (the lock pins them),
# as `pip install ./py` builds it: setup.py copies the component
# (CONNECTORS_UPDATE_WASM, else target/connectors_update.wasm) and the
# conformance cases into the built package. The build's leftovers in py/ are
# removed. Used by py/scripts/test.sh and integrations/prefect/scripts/test.sh.
#   usage: py/scripts/install.sh VENV LOCK
set -euo pipefail
venv="$1"
lock="$2"
py="$(cd "$(dirname "$0")/.." && pwd)"   # py/

# Checked here, before pip, whose output would bury setup.py's message.
export CONNECTORS_UPDATE_WASM="${CONNECTORS_UPDATE_WASM:-$(cd "$py/.." && pwd)/target/connectors_update.wasm}"
if [ ! -f "$CONNECTORS_UPDATE_WASM" ]; then
  echo "connectors-update: $CONNECTORS_UPDATE_WASM is missing: build it first (scripts/test does, after cargo test; or cargo run -p connectors-update -- component -o target/connectors_update.wasm)" >&2
  exit 1
fi

python="${PYTHON:-python3.11}"
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --require-hashes -r "$lock"
"$venv/bin/python" -m pip install -q --no-deps --no-build-isolation --force-reinstall "$py"
rm -rf "$py/build" "$py"/src/*.egg-info
