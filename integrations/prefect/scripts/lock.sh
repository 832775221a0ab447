#!/usr/bin/env bash
# Regenerates requirements-test.txt from requirements-test.in: pinned, with the hash of
# every file PyPI lists for each pin, resolved for CPython 3.11 on Linux x86_64. pip-tools
# runs from a venv of its own, so that the test venv holds only what the lock says.
# --no-emit-find-links: a machine whose pip sets PIP_FIND_LINKS would write it into the lock.
# Add --upgrade to move the pins.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .tools-venv/bin/pip-compile ] || { python3.11 -m venv .tools-venv && .tools-venv/bin/pip install -q pip-tools==7.7.0; }
.tools-venv/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
  -o requirements-test.txt requirements-test.in "$@"
