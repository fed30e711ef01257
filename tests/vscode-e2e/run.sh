#!/usr/bin/env bash
# The VS Code extension end to end, in a real VS Code workbench (code-server) driven by
# playwright-core with Debian's Chromium:
#
#   bash tests/vscode-e2e/run.sh VSIX [MLQA_BIN]
#
# VSIX is the extension to test: the platform's .vsix (mlqa inside, bin/mlqa) or the universal
# one (`npm run package` in editors/vscode), for which MLQA_BIN is written to the user settings
# as `mlqa.cli.path`. A copy of tests/fixtures/base with the rules/broken-link overlay is opened
# (alpha/first.md links to `secnd.md#example`); the test (e2e.mjs) waits for the broken-link
# problem, applies the quick fix "Link to second.md", saves, and checks the problem is gone, the
# file on disk has the fixed link and the status bar shows the coverage ($(book) 3/3).
#
# Needs tests/vscode-e2e/setup.sh first (same CACHE: default target/vscode-e2e, or
# MLQA_VSCODE_E2E_CACHE). Exit 0 on success; on failure, screenshots and logs go to a folder
# that it prints (MLQA_VSCODE_E2E_ARTIFACTS, default CACHE/failure-DATE). code-server and
# everything it started are stopped on exit, whatever happens.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
fail() { echo "vscode-e2e: FAILED: $*" >&2; exit 1; }

[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 VSIX [MLQA_BIN]" >&2; exit 2; }
[ -f "$1" ] || fail "no .vsix at $1"
vsix=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mlqa_bin=
if [ $# -eq 2 ]; then
  [ -x "$2" ] || fail "MLQA_BIN $2 is not an executable"
  mlqa_bin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
fi

cache=${MLQA_VSCODE_E2E_CACHE:-$repo/target/vscode-e2e}
[ -f "$cache/env.sh" ] || fail "$cache/env.sh is missing: run tests/vscode-e2e/setup.sh first"
# shellcheck source=/dev/null
. "$cache/env.sh"
command -v code-server >/dev/null || fail "code-server is not in $cache: run tests/vscode-e2e/setup.sh"
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing: run tests/vscode-e2e/setup.sh"

started=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/mlqa-vscode-e2e.XXXXXX")
kb=$work/kb
ud=$work/user-data
artifacts=${MLQA_VSCODE_E2E_ARTIFACTS:-$cache/failure-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$kb" "$work/home" "$ud/User" "$work/extensions"
cs_pid=
child=

# Runs a command in the background under `timeout` and waits for it: unlike a foreground child,
# `wait` returns as soon as a signal arrives, so an interrupted run stops at once.
bounded() {
  local seconds=$1
  shift
  timeout "$seconds" "$@" &
  child=$!
  local rc=0
  wait "$child" || rc=$?
  child=
  return "$rc"
}

cleanup() {
  status=$?
  if [ -n "$child" ]; then
    # timeout passes TERM on; playwright-core closes Chromium on it.
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  if [ -n "$cs_pid" ]; then
    # code-server was started in its own session: its process group holds the server, the
    # extension host and the language server it spawned.
    kill -TERM -- "-$cs_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- "-$cs_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$cs_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ]; then
    mkdir -p "$artifacts"
    cp "$work/code-server.log" "$artifacts/" 2>/dev/null || true
    # The workbench's logs, the extension host's and the "mlqa" output channel among them.
    [ -d "$ud/logs" ] && cp -r "$ud/logs" "$artifacts/vscode-logs" 2>/dev/null || true
    cp "$kb/alpha/first.md" "$artifacts/first.md" 2>/dev/null || true
    # What the extension said, in CI's log too.
    for log in $(find "$ud/logs" -path '*output_logging_*' -name '*-mlqa.log' 2>/dev/null); do
      echo "vscode-e2e: the \"mlqa\" output channel ($log):" >&2
      tail -n 20 "$log" | sed 's/^/  | /' >&2
    done
    echo "vscode-e2e: FAILED after $(( $(date +%s) - started )) s; screenshots and logs in $artifacts" >&2
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The fixture, as tests/support/lib.rs's FixtureKb lays it: base, then the overlay's files
# except _expect and _delete, then the files that _delete lists removed.
overlay=$repo/tests/fixtures/rules/broken-link
cp -R "$repo/tests/fixtures/base/." "$kb/"
cp -R "$overlay/." "$kb/"
rm -f "$kb/_expect" "$kb/_delete"
if [ -f "$overlay/_delete" ]; then
  while IFS= read -r line; do
    line=$(echo "$line" | xargs)
    [ -z "$line" ] || rm "$kb/$line"
  done < "$overlay/_delete"
fi
grep -q '(secnd.md#example)' "$kb/alpha/first.md" || fail "the fixture no longer has the broken link"

# Does the .vsix carry mlqa for this machine? Then the test runs it (no setting); else
# mlqa.cli.path says which mlqa to run.
case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; armv7l) arch=armhf ;; *) arch=$(uname -m) ;; esac
bundled=$(python3 - "$vsix" "linux-$arch" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    names = set(z.namelist())
    manifest = z.read("extension.vsixmanifest").decode()
print("yes" if "extension/bin/mlqa" in names and f'TargetPlatform="{sys.argv[2]}"' in manifest else "no")
PY
)
if [ "$bundled" = yes ]; then
  expect_source=bundled
  cli_setting=
  echo "vscode-e2e: $vsix bundles mlqa for linux-$arch: testing that one"
else
  [ -n "$mlqa_bin" ] || fail "$vsix has no mlqa for linux-$arch: pass MLQA_BIN"
  expect_source=setting
  cli_setting="\"mlqa.cli.path\": \"$mlqa_bin\","
  echo "vscode-e2e: $vsix has no mlqa for linux-$arch: mlqa.cli.path = $mlqa_bin"
fi
cat > "$ud/User/settings.json" <<EOF
{
  $cli_setting
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "markdown.validate.enabled": false,
  "files.autoSave": "off",
  "git.enabled": false,
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
EOF

# A free port: bind port 0 and read what the kernel chose (released just before code-server
# takes it; a clash would show as code-server failing to start).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/config.yaml" <<EOF
bind-addr: 127.0.0.1:$port
auth: none
cert: false
EOF

# Everything code-server writes goes under $work: HOME (config, logs, a device id), the user
# data and the extensions. VSCODE_CLI=1 keeps the extension host's PATH as it is here rather
# than rebuilt from a login shell.
t=$(date +%s)
HOME=$work/home VSCODE_CLI=1 bounded 120 code-server --config "$work/config.yaml" \
  --user-data-dir "$ud" --extensions-dir "$work/extensions" --install-extension "$vsix" \
  > "$work/install.log" 2>&1 < /dev/null || { cat "$work/install.log" >&2; fail "code-server --install-extension $vsix"; }
grep -q "was successfully installed" "$work/install.log" || { cat "$work/install.log" >&2; fail "the extension was not installed"; }
echo "vscode-e2e: extension installed in $(( $(date +%s) - t )) s"

# setsid: code-server leads its own process group, which cleanup() stops whole.
HOME=$work/home VSCODE_CLI=1 setsid code-server --config "$work/config.yaml" --auth none \
  --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --user-data-dir "$ud" --extensions-dir "$work/extensions" \
  "$kb" > "$work/code-server.log" 2>&1 < /dev/null &
cs_pid=$!
for i in $(seq 300); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "$cs_pid" 2>/dev/null || { cat "$work/code-server.log" >&2; fail "code-server exited"; }
  [ "$i" -lt 300 ] || { cat "$work/code-server.log" >&2; fail "code-server is not listening on $port after 30 s"; }
  sleep 0.1
done
echo "vscode-e2e: code-server listening on 127.0.0.1:$port (pid $cs_pid)"

# The browser part, bounded as a whole (each step has its own, shorter timeout).
# HOME: Chromium keeps its crash reports under it.
HOME=$work/home MLQA_E2E_URL="http://127.0.0.1:$port/?folder=$kb" MLQA_E2E_KB=$kb MLQA_E2E_SHOTS=$artifacts \
  MLQA_E2E_EXPECTED=$repo/tests/fixtures/base/alpha/first.md \
  MLQA_E2E_PLAYWRIGHT=$cache/driver/node_modules/playwright-core \
  bounded 300 node "$here/e2e.mjs" || {
  rc=$?
  [ "$rc" -ne 124 ] || echo "vscode-e2e: the browser test timed out after 300 s" >&2
  fail "the browser test (e2e.mjs) failed"
}

# Which mlqa the extension ran, and no error from the language client, from the "mlqa" output
# channel's log.
channel=$(find "$ud/logs" -path '*output_logging_*' -name '*-mlqa.log' 2>/dev/null | head -1)
[ -n "$channel" ] || fail "no log of the \"mlqa\" output channel under $ud/logs"
if grep -q '\[Error' "$channel"; then
  cat "$channel" >&2
  fail "the \"mlqa\" output channel has errors"
fi
started_line=$(grep -h "mlqa: starting " "$channel" | head -1 || true)
echo "vscode-e2e: extension log: ${started_line:-<none>}"
case "$started_line" in
  *"($expect_source)"*) ;;
  *) fail "the extension did not start mlqa from the expected source ($expect_source): '${started_line}'" ;;
esac

echo "vscode-e2e: passed in $(( $(date +%s) - started )) s"
