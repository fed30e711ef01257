#!/usr/bin/env bash
# The wheel on a machine with only Python: a fresh virtual environment, `pip install` of the
# wheel (no index: it needs nothing else), then mlqa from folders that are not the repository.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
: "${MLQA_WHEEL:?the wheel to test}" "${MLQA_PACKAGING_WORK:?a scratch folder}"
t=$MLQA_PACKAGING_WORK/wheel
mkdir -p "$t/empty" "$t/project"

python3 -m venv "$t/venv"
"$t/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$MLQA_WHEEL"
export PATH="$t/venv/bin:$PATH"
for bin in mlqa mlqa-lsp; do
  [ "$(command -v "$bin")" = "$t/venv/bin/$bin" ] || { echo "wheel: $bin is not on PATH from the venv" >&2; exit 1; }
done

version=$(mlqa --version)
[[ $version =~ ^mlqa\ [0-9]+\.[0-9]+\.[0-9]+.*\(KB\ format\ [0-9]+,\ report\ format\ [0-9]+\)$ ]] \
  || { echo "wheel: unexpected --version: $version" >&2; exit 1; }

# `mlqa check` on a copy of the shipped KB, found upward from the project folder.
cp -R "$repo/kb" "$t/project/kb"
(cd "$t/project" && mlqa check --color never > "$t/check.txt") \
  || { cat "$t/check.txt"; echo "wheel: mlqa check failed on a copy of kb/" >&2; exit 1; }
grep -q "All checks passed" "$t/check.txt"

# `mlqa search` from an empty folder: the KB embedded in the binary.
(cd "$t/empty" && mlqa search "kv cache" --limit 3 > "$t/search.txt")
grep -q "kv-cache" "$t/search.txt" || { cat "$t/search.txt"; echo "wheel: search found no kv-cache answer" >&2; exit 1; }

# `mlqa-lsp`, the alias of `mlqa lsp`: an LSP session (initialize, shutdown, exit).
(cd "$t/project" && python3 - <<'PY'
import json, subprocess
server = subprocess.Popen(["mlqa-lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
def send(message):
    body = json.dumps({"jsonrpc": "2.0", **message}).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    server.stdin.flush()
def answer(id):
    while True:
        length = None
        while (line := server.stdout.readline().strip()):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        message = json.loads(server.stdout.read(length))
        if message.get("id") == id and "method" not in message:
            return message
send({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
init = answer(1)
assert init["result"]["serverInfo"]["name"] == "mlqa-lsp", init
send({"method": "initialized", "params": {}})
send({"id": 2, "method": "shutdown"})
answer(2)
send({"method": "exit"})
assert server.wait(timeout=60) == 0, server.returncode
PY
) || { echo "wheel: mlqa-lsp did not serve an LSP session" >&2; exit 1; }
echo "wheel: ok ($version; check, search and mlqa-lsp from the installed wheel)"
