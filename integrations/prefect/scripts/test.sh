#!/usr/bin/env bash
# The Prefect integration's tests: a virtual environment in integrations/prefect/.venv
# with Prefect and the test tools pinned by hash (requirements-test.txt, made from
# requirements-test.in by scripts/lock.sh), the connectors-update package (../../py,
# built as `pip install ./py` builds it) and this package installed without
# dependencies, then `mypy --strict` and pytest against a real Prefect server that the
# tests start (127.0.0.1, SQLite in a temporary directory). Nothing here downloads a
# binary of its own. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."   # integrations/prefect/
repo="$(cd ../.. && pwd)"

# The lock, then connectors-update from ../../py as `pip install ./py` builds it.
bash "$repo/py/scripts/install.sh" .venv requirements-test.txt
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

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
