#!/usr/bin/env bash
# The packages as users install them, tested from a clean state (called by .ci/run):
#   1. ONE optimized build: maturin builds the wheel with `--profile dist` (Cargo.toml), which
#      leaves target/dist/mlqa and target/dist/mlqa-lsp (the alias) for everything below;
#   2. wheel.sh: the wheel in a fresh virtual environment: --version, check, search, mlqa-lsp;
#   3. vsix.sh: the platform's .vsix, with the binary inside;
#   4. pre-commit.sh: the real pre-commit against a temporary Git repository;
#   5. action.py: action.yml's steps as GitHub runs them, with fake GITHUB_OUTPUT/GITHUB_PATH.
# The tools (maturin, pre-commit, PyYAML: requirements.txt) come from PyPI into a virtual
# environment; @vscode/vsce from editors/vscode's package-lock.json (npm ci).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

work=$(mktemp -d "${TMPDIR:-/tmp}/mlqa-packaging.XXXXXX")
trap 'rm -rf "$work"' EXIT
export MLQA_PACKAGING_WORK=$work

python3 -m venv "$work/tools"
"$work/tools/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/packaging/requirements.txt
export MLQA_TOOLS=$work/tools/bin

# 1. The one optimized build.
start=$(date +%s)
"$MLQA_TOOLS/maturin" build --quiet -m crates/mlqa-cli/Cargo.toml --out "$work/wheels"
echo "packaging: maturin build --profile dist took $(( $(date +%s) - start )) s"
wheel=$(ls "$work"/wheels/mlqa_cli-*.whl)
export MLQA_WHEEL=$wheel MLQA_DIST=$repo/target/dist
for bin in mlqa mlqa-lsp; do
  test -x "$MLQA_DIST/$bin" || { echo "packaging: $MLQA_DIST/$bin was not built" >&2; exit 1; }
done
size=$(wc -c < "$MLQA_DIST/mlqa")
alias_size=$(wc -c < "$MLQA_DIST/mlqa-lsp")
echo "packaging: mlqa is $size bytes, the mlqa-lsp alias $alias_size, the wheel $(wc -c < "$wheel")"
# A budget, so that the size does not creep back (20.8 MB at 0.1.0; the release profile,
# stripped, is 23.7 MB, unstripped 104 MB; see docs/PERFORMANCE.md).
if [ "$size" -gt $((22 * 1024 * 1024)) ] || [ "$alias_size" -gt $((1024 * 1024)) ]; then
  echo "packaging: the binaries are over budget (mlqa 22 MiB, mlqa-lsp 1 MiB)" >&2
  exit 1
fi

bash tests/packaging/wheel.sh
bash tests/packaging/vsix.sh
bash tests/packaging/pre-commit.sh
"$MLQA_TOOLS/python" tests/packaging/action.py
echo "packaging: all passed"
