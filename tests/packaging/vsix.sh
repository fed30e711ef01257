#!/usr/bin/env bash
# The platform's .vsix: packaged with the dist binary inside, executable, at the path the
# extension looks for (src/binary.ts: bin/mlqa). Needs editors/vscode's npm packages (npm ci).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
: "${MLQA_DIST:?target/dist}" "${MLQA_PACKAGING_WORK:?a scratch folder}"
out=$MLQA_PACKAGING_WORK/mlqa.vsix
cd "$repo/editors/vscode"
[ -d node_modules/@vscode/vsce ] || npm ci --no-audit --no-fund
npm run --silent package:platform -- --binary "$MLQA_DIST/mlqa" --out "$out"
[ ! -e bin ] || { echo "vsix: editors/vscode/bin was left behind" >&2; exit 1; }

python3 - "$out" "$MLQA_DIST/mlqa" <<'PY'
import sys, zipfile, hashlib, os
vsix, binary = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(vsix) as z:
    names = z.namelist()
    assert "extension/bin/mlqa" in names, names
    info = z.getinfo("extension/bin/mlqa")
    mode = info.external_attr >> 16
    assert mode & 0o111, f"bin/mlqa is not executable in the .vsix: {oct(mode)}"
    packed = z.read("extension/bin/mlqa")
    assert hashlib.sha256(packed).digest() == hashlib.sha256(open(binary, "rb").read()).digest(), "not the dist binary"
    assert "extension/out/extension.js" in names and "extension/out/binary.js" in names, names
    assert any(n.startswith("extension/node_modules/vscode-languageclient/") for n in names), "runtime dependency missing"
    assert not any(n.startswith("extension/src/") or n.startswith("extension/out/test/") for n in names), "sources shipped"
    manifest = z.read("extension.vsixmanifest").decode()
    assert 'TargetPlatform="' in manifest, "not a platform-specific package"
print(f"vsix: ok ({os.path.getsize(vsix)} bytes, bin/mlqa executable, {len(names)} files)")
PY
# Kept for the end-to-end test in a real VS Code (tests/vscode-e2e, after this in .ci/run).
cp "$out" "$MLQA_DIST/mlqa-platform.vsix"
