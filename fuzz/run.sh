#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60), growing fuzz/corpus/<target>/.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
# AddressSanitizer by default (tree-sitter's parser is C); MLQA_FUZZ_SANITIZER=none builds faster.
sanitizer="${MLQA_FUZZ_SANITIZER:-address}"
for target in document lsp_messages; do
  mkdir -p "corpus/$target"
  cargo +nightly fuzz run --sanitizer "$sanitizer" "$target" "corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 2>&1 \
    | grep -E "^(#[0-9]+ +DONE|Done [0-9]+ runs|==[0-9]+== ERROR|SUMMARY)" || true
  test ! -d "artifacts/$target" || test -z "$(ls -A "artifacts/$target" 2>/dev/null)" || { echo "fuzz/$target found a crash: see fuzz/artifacts/$target"; exit 1; }
done
