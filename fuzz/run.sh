#!/usr/bin/env bash
# Runs each fuzz target (fuzz_targets/*.rs) for SECONDS (default 60), growing fuzz/corpus/<target>/.
# To keep what a run found: `cargo +nightly fuzz cmin --sanitizer none <target> corpus/<target>`
# (keeps the inputs that add coverage), then commit fuzz/corpus.
# Fails when a target does not build, or finds a crash, an input using over 2 GB or taking over 30 s
# (left in fuzz/artifacts/<target>/).
# Needs the nightly toolchain and cargo-fuzz (`cargo +nightly install cargo-fuzz --locked`).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
# AddressSanitizer by default (tree-sitter's parser is C); MLQA_FUZZ_SANITIZER=none builds faster.
sanitizer="${MLQA_FUZZ_SANITIZER:-address}"
targets=()
for source in fuzz_targets/*.rs; do
  targets+=("$(basename "$source" .rs)")
done
# One build for all targets; a build error fails here, not in a filtered log below.
cargo +nightly fuzz build --sanitizer "$sanitizer"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  status=0
  cargo +nightly fuzz run --sanitizer "$sanitizer" "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=65536 >"$log" 2>&1 || status=$?
  grep -E "^(#[0-9]+ +DONE|Done [0-9]+ runs|==[0-9]+== ERROR|SUMMARY)" "$log" || true
  if [ -n "$(ls -A "artifacts/$target" 2>/dev/null)" ] || [ "$status" -ne 0 ]; then
    tail -n 40 "$log"
    echo "fuzz/$target failed (exit $status): see fuzz/artifacts/$target"
    exit 1
  fi
done
for target in "${targets[@]}"; do
  echo "corpus/$target: $(ls "corpus/$target" | wc -l) inputs"
done
