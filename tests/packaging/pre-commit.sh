#!/usr/bin/env bash
# The real pre-commit against a temporary Git repository holding a KB with one broken link:
# the hook fails and prints the diagnostic; with the link fixed, it passes. The hooks come from
# a snapshot of this checkout's .pre-commit-hooks.yaml and pyproject.toml committed to a
# scratch repository (pre-commit clones hooks at a commit); pip finds the mlqa-cli wheel built
# by run.sh through PIP_FIND_LINKS, as it would find it on PyPI.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
: "${MLQA_WHEEL:?the wheel}" "${MLQA_TOOLS:?the bin folder of the tools}" "${MLQA_PACKAGING_WORK:?a scratch folder}"
t=$MLQA_PACKAGING_WORK/pre-commit
mkdir -p "$t/hooks" "$t/project"
git_() { git -c user.name=mlqa-ci -c user.email=ci@mlqa.invalid -c init.defaultBranch=main -c commit.gpgsign=false "$@"; }

cp "$repo/.pre-commit-hooks.yaml" "$repo/pyproject.toml" "$t/hooks/"
(cd "$t/hooks" && git_ init -q && git_ add -A && git_ commit -qm hooks)
rev=$(git -C "$t/hooks" rev-parse HEAD)

cd "$t/project"
cp -R "$repo/tests/fixtures/base" kb
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $t/hooks
    rev: $rev
    hooks:
      - id: mlqa-check
      - id: mlqa-lint
YAML
sed -i.bak 's#(../beta/third.md)#(../beta/thrid.md)#' kb/alpha/first.md && rm kb/alpha/first.md.bak
grep -q 'thrid.md' kb/alpha/first.md
git_ init -q && git_ add -A

export PRE_COMMIT_HOME=$t/cache PIP_FIND_LINKS=$(dirname "$MLQA_WHEEL") PIP_DISABLE_PIP_VERSION_CHECK=1
status=0
"$MLQA_TOOLS/pre-commit" run --all-files --color never > "$t/broken.txt" 2>&1 || status=$?
if [ "$status" -ne 1 ] || ! grep -q 'broken-link' "$t/broken.txt" || ! grep -q 'kb/alpha/first.md' "$t/broken.txt" \
  || ! grep -q 'thrid.md' "$t/broken.txt"; then
  cat "$t/broken.txt"
  echo "pre-commit: expected the hooks to fail (exit 1, not $status) with the broken-link diagnostic" >&2
  exit 1
fi
[ "$(grep -c '^mlqa .*Failed$' "$t/broken.txt")" -eq 2 ] || { cat "$t/broken.txt"; echo "pre-commit: both hooks should fail" >&2; exit 1; }

sed -i.bak 's#(../beta/thrid.md)#(../beta/third.md)#' kb/alpha/first.md && rm kb/alpha/first.md.bak
git_ add -A
if ! "$MLQA_TOOLS/pre-commit" run --all-files --color never > "$t/fixed.txt" 2>&1; then
  cat "$t/fixed.txt"
  echo "pre-commit: expected the hooks to pass once the link is fixed" >&2
  exit 1
fi
[ "$(grep -c '^mlqa .*Passed$' "$t/fixed.txt")" -eq 2 ] || { cat "$t/fixed.txt"; echo "pre-commit: both hooks should pass" >&2; exit 1; }
echo "pre-commit: ok (broken link: both hooks fail with the diagnostic; fixed: both pass)"
