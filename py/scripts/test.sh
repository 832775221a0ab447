#!/usr/bin/env bash
# The Python package's tests, on a fresh clone once `cargo test` (scripts/test)
# has made target/connectors_update.wasm: a virtual environment in py/.venv
# with the test tools pinned by hash (requirements-test.txt, from
# requirements-test.in by pip-compile --generate-hashes), the package
# installed from py/ as a user's `pip install ./py` builds it (setup.py
# copies the component and the conformance cases in), then `mypy --strict` over the package and the consumer example, and
# pytest. Nothing here downloads a binary of its own (wasmtime's wheel comes
# from PyPI, pinned). Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."   # py/


bash scripts/install.sh .venv requirements-test.txt

.venv/bin/python -m mypy --strict src tests/typing
# The tests import the installed package, not src/, so that what is tested is what installs.
(cd tests && ../.venv/bin/python -m pytest -q "$@")
