#!/usr/bin/env bash
# Compare mlqa with peer Markdown link checkers and linters on synthetic KBs.
# See bench/README.md. Not part of CI: it downloads and builds third-party tools.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/compare.sh [--sizes "1000 10000"] [--skip-install]

Installs lychee, rumdl (crates.io), markdownlint-cli2, remark-cli + remark-validate-links (npm),
hyperfine and GNU time (apt) into $MLQA_COMPARE_TOOLS (default ~/.cache/mlqa-compare; the apt
packages system-wide), builds mlqa in release, generates synthetic KBs of each size (5% of the
answers carry one planted fault), times every tool on each KB with hyperfine (warm page cache),
measures its peak RSS with /usr/bin/time and counts its findings. Prints a Markdown table and
writes it to target/compare/results.md.

  --sizes "N ..."   numbers of answers of the KBs (default "1000 10000"); the last, largest one
                    gives the RSS, findings and ratio columns
  --skip-install    use the tools already in the cache folder; a missing one gets a row saying so
  -h, --help        this text
EOF
}

# Pinned versions (checked with `cargo info` / `npm view`; markdownlint-cli2 0.23+ needs Node 22).
LYCHEE_VERSION=0.24.2
RUMDL_VERSION=0.3.2
NPM_PACKAGES=(markdownlint-cli2@0.22.1 remark-cli@12.0.1 remark-validate-links@13.1.0)

SIZES="1000 10000"
SKIP_INSTALL=0
TIMEOUT=900   # seconds: any run longer than this is cut (remark on 10,000 files can be slow)
SLOW=60       # seconds: a tool slower than this gets a single timed run (the RSS run warms it)
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) SIZES="${2:?--sizes needs a value}"; shift 2 ;;
        --skip-install) SKIP_INSTALL=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${MLQA_COMPARE_TOOLS:-$HOME/.cache/mlqa-compare}"
OUT="$ROOT/target/compare"
NPM_BIN="$TOOLS/npm/node_modules/.bin"
export PATH="$TOOLS/bin:$NPM_BIN:$PATH"
declare -A NOTE=()     # tool -> why it has no figures (install failure, ...)
declare -A MEDIAN=()   # tool:size -> median seconds, or a reason
declare -A RSS=() FOUND=()

log() { printf '\n==> %s\n' "$*" >&2; }

# --- 1. peer tools ------------------------------------------------------------------------
cargo_tool() {   # NAME VERSION: `cargo install` into $TOOLS unless that version is there
    local name=$1 version=$2
    if "$TOOLS/bin/$name" --version 2>/dev/null | grep -q "$version"; then return; fi
    log "cargo install $name $version (a long build)"
    cargo install --locked --root "$TOOLS" "$name" --version "$version" \
        || NOTE[$name]="cargo install $name@$version failed"
}

npm_tools() {   # the npm packages, unless every pinned version is there
    local spec missing=0
    for spec in "${NPM_PACKAGES[@]}"; do
        [ "$(npm_version "${spec%@*}")" = "${spec##*@}" ] || missing=1
    done
    [ "$missing" = 0 ] && return
    log "npm install ${NPM_PACKAGES[*]}"
    mkdir -p "$TOOLS/npm"
    npm install --prefix "$TOOLS/npm" --no-audit --no-fund "${NPM_PACKAGES[@]}" \
        || { NOTE[markdownlint-cli2]="npm install failed"; NOTE[remark]="npm install failed"; }
}

npm_version() {   # PACKAGE: its installed version, or nothing
    local pkg="$TOOLS/npm/node_modules/$1/package.json"
    [ -f "$pkg" ] && python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$pkg"
}

install_tools() {
    if ! command -v hyperfine >/dev/null || [ ! -x /usr/bin/time ]; then
        log "apt-get install hyperfine time"
        local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo apt-get update -qq && $sudo apt-get install -y hyperfine time
    fi
    mkdir -p "$TOOLS"
    cargo_tool lychee "$LYCHEE_VERSION"
    cargo_tool rumdl "$RUMDL_VERSION"
    npm_tools
}

# --- 2-3. mlqa and the KBs ---------------------------------------------------------------
build_and_generate() {
    log "cargo build --release mlqa"
    (cd "$ROOT" && cargo build --release --locked -p mlqa-cli -p mlqa-synth)
    mkdir -p "$OUT"
    local n
    for n in $SIZES; do
        rm -rf "$OUT/kb-$n"
        "$ROOT/target/release/mlqa-synth" --answers "$n" --seed 1 --faults 0.05 --out "$OUT/kb-$n"
    done
}

# --- 4. the tools: command, version, what it checks, how to count its findings -----------
TOOL_LIST=(mlqa lychee rumdl markdownlint-cli2 remark)
declare -A BIN=([mlqa]="$ROOT/target/release/mlqa" [lychee]="$TOOLS/bin/lychee"
    [rumdl]="$TOOLS/bin/rumdl" [markdownlint-cli2]="$NPM_BIN/markdownlint-cli2" [remark]="$NPM_BIN/remark")
declare -A RUNS=([mlqa]=10 [lychee]=3 [rumdl]=10 [markdownlint-cli2]=3 [remark]=3)
declare -A CHECKS=(
    [mlqa]="links + anchors across files, front matter schema, coverage, completeness (all rules)"
    [lychee]="links + anchors (--include-fragments) across files; nothing else"
    [rumdl]="Markdown style; MD057 relative file links, MD051 anchors (across files too)"
    [markdownlint-cli2]="Markdown style; MD051 same-file anchors only, no file links"
    [remark]="remark-validate-links: links + anchors across files; nothing else"
)

command_for() {   # TOOL KB: the command line (hyperfine splits it like a shell; no expansion)
    local kb=$2
    case "$1" in
        mlqa) echo "${BIN[mlqa]} check --kb $kb" ;;
        lychee) echo "${BIN[lychee]} --offline --include-fragments --no-progress '$kb/**/*.md'" ;;
        # --no-cache: by default rumdl keeps results in ./.rumdl_cache, and warm runs would read it.
        rumdl) echo "${BIN[rumdl]} check --no-cache $kb" ;;
        markdownlint-cli2) echo "${BIN[markdownlint-cli2]} '$kb/**/*.md'" ;;
        # The plugin is given by path: remark resolves names from the files' folders. Without
        # repository:false it runs `git remote -v` and fails outside a repository.
        remark) echo "${BIN[remark]} --quiet --frail --no-color --no-stdout --use" \
            "'$TOOLS/npm/node_modules/remark-validate-links/index.js=repository:false' $kb" ;;
    esac
}

version_of() {
    case "$1" in
        mlqa) "${BIN[mlqa]}" --version | awk '{print $2}' ;;
        lychee|rumdl) "${BIN[$1]}" --version | awk '{print $2}' ;;
        markdownlint-cli2) echo "$(npm_version markdownlint-cli2) (markdownlint $(npm_version markdownlint))" ;;
        remark) echo "remark-cli $(npm_version remark-cli) + validate-links $(npm_version remark-validate-links)" ;;
    esac
}

count_findings() {   # TOOL OUTPUT: "total (links+anchors)" from the tool's printed findings
    local f=$2 total links
    case "$1" in
        mlqa) total=$(grep -cE '^(error|warning)\[' "$f")
              links=$(grep -cE '^(error|warning)\[broken-(link|anchor)\]' "$f") ;;
        lychee) total=$(grep -cE '^\s*\[(ERROR|[0-9]{3})\]' "$f"); links=$total ;;
        rumdl) total=$(grep -cE ':[0-9]+:[0-9]+: \[MD[0-9]+\]' "$f")
               links=$(grep -cE ':[0-9]+:[0-9]+: \[MD05[17]\]' "$f") ;;
        markdownlint-cli2) total=$(grep -cE ' (error|warning) MD[0-9]+/' "$f")
                           links=$(grep -cE ' (error|warning) MD051/' "$f") ;;
        remark) total=$(grep -cE '^\s*[0-9]+:[0-9]+(-[0-9]+:[0-9]+)?\s+(warning|error)' "$f"); links=$total ;;
    esac
    echo "$total ($links)"
}

measure() {   # TOOL SIZE: one RSS run (also the findings), then hyperfine
    local tool=$1 n=$2 kb="$OUT/kb-$2" dir="$OUT/runs/$1-$2" cmd start secs rc=0
    mkdir -p "$dir"
    cmd=$(command_for "$tool" "$kb")
    log "$tool on $n answers: $cmd"
    start=$(date +%s)
    eval "/usr/bin/time -f %M -o '$dir/rss' timeout $TIMEOUT $cmd" >"$dir/output" 2>&1 || rc=$?
    secs=$(( $(date +%s) - start ))
    if [ "$rc" = 124 ]; then MEDIAN[$tool:$n]="timeout >${TIMEOUT}s"; return; fi
    RSS[$tool:$n]=$(awk 'END {printf "%.0f", $1 / 1024}' "$dir/rss")
    FOUND[$tool:$n]=$(count_findings "$tool" "$dir/output")
    local runs=${RUNS[$tool]} warmup=1
    if [ "$secs" -ge "$SLOW" ]; then runs=1; warmup=0; fi
    hyperfine -N -i --style basic --warmup "$warmup" --runs "$runs" --command-name "$tool-$n" \
        --export-json "$dir/hyperfine.json" "$cmd" >&2
    MEDIAN[$tool:$n]=$(python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$dir/hyperfine.json")
}

# --- 5. the table ------------------------------------------------------------------------
table() {
    local big=${SIZES##* } n tool head="| tool | version | what it checks |" rule="| --- | --- | --- |"
    for n in $SIZES; do head+=" median s @$n |"; rule+=" ---: |"; done
    echo "$head peak RSS MB @$big | findings @$big (links+anchors) | × mlqa @$big |"
    echo "$rule ---: | ---: | ---: |"
    for tool in "${TOOL_LIST[@]}"; do
        local row="| $tool | ${VERSION[$tool]:-} | ${CHECKS[$tool]} |"
        if [ -n "${NOTE[$tool]:-}" ]; then
            for n in $SIZES; do row+=" – |"; done
            echo "$row – | ${NOTE[$tool]} | – |"; continue
        fi
        for n in $SIZES; do row+=" ${MEDIAN[$tool:$n]:-–} |"; done
        local ratio=$(python3 -c 'import sys
try: print("%.1f" % (float(sys.argv[1]) / float(sys.argv[2])))
except ValueError: print("–")' "${MEDIAN[$tool:$big]:-x}" "${MEDIAN[mlqa:$big]:-x}")
        echo "$row ${RSS[$tool:$big]:-–} | ${FOUND[$tool:$big]:-–} | $ratio |"
    done
}

planted() {   # SIZE: the planted faults of that KB, by rule
    local f="$OUT/kb-$1/faults.tsv"
    echo "Planted faults @$1: $(tail -n +2 "$f" | wc -l) ($(tail -n +2 "$f" | cut -f2 | sort | uniq -c \
        | awk '{printf "%s%s %s", sep, $2, $1; sep=", "}')); links+anchors: $(grep -cE '	broken-(link|anchor)$' "$f")"
}

main() {
    [ "$SKIP_INSTALL" = 1 ] || install_tools
    build_and_generate
    declare -gA VERSION=()
    local tool n
    for tool in "${TOOL_LIST[@]}"; do
        if [ -n "${NOTE[$tool]:-}" ]; then continue; fi
        if [ ! -x "${BIN[$tool]}" ]; then NOTE[$tool]="not installed in $TOOLS (run without --skip-install)"; continue; fi
        VERSION[$tool]=$(version_of "$tool")
        for n in $SIZES; do measure "$tool" "$n"; done
    done
    {
        echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
            "Linux $(uname -r); $(date -u +%Y-%m-%d)"
        echo
        table
        echo
        planted "${SIZES##* }"
        echo "Medians of hyperfine runs (warm page cache); findings: lines of findings the tool printed."
    } | tee "$OUT/results.md"
    log "wrote $OUT/results.md; raw outputs and hyperfine JSON in $OUT/runs"
}

main
