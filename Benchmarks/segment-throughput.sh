#!/usr/bin/env bash
# segment-throughput.sh: sentence-segmentation throughput of `bitext segment` against the
# reference tools (ICU via icu_raw, sentencex), all measured in the same run, reported as ratios.
#
# Usage: Benchmarks/segment-throughput.sh            (from anywhere; see Benchmarks/README.md)
#
# Environment (all optional):
#   BITEXT_SHARED   shared folder with eval/ and corpora/   (default: <repo>/../shared)
#   BENCH_VENV      venv made by setup-venv.sh              (default: /tmp/bvenv)
#   BENCH_CORPUS    English throughput corpus               (default: /tmp/english-corpus.txt)
#   BENCH_REPEAT    rounds; each tool runs once per round, keeps its best   (default: 3)
#   BENCH_CPU       pin every measured process to this CPU with taskset (default: empty = no
#                   pinning; bitext's CPU% is reported so extra threads show up anyway)
#   BITEXT_BIN      use this bitext executable instead of building one (skips `swift build`)
#
# Missing venv or corpus are built with the shared scripts (needs root for apt-get).
# Nothing is written into the repository except SwiftPM's own .build/ by `swift build`.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CORPUS=$(realpath -m "${BENCH_CORPUS:-/tmp/english-corpus.txt}")
REPEAT=${BENCH_REPEAT:-3}
# In-process tools also repeat inside each round and keep their best (noisy shared VMs).
INNER=${BENCH_INNER:-3}
CPU=${BENCH_CPU:-}
SEGDIR=$SHARED/eval/baselines/segmentation
MAKE_CORPUS=$SHARED/corpora/make-english-corpus.sh
ICU_RAW=$VENV/bin/icu_raw

[ -f "$SEGDIR/seg_sentencex.py" ] || die "missing $SEGDIR/seg_sentencex.py"
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT must be a positive integer"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/segbench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"   # run every tool from a scratch dir so nothing lands in the repo

# ---------------------------------------------------------------- prerequisites
ensure_venv sentencex
[ -x "$ICU_RAW" ] || { "$SETUP_VENV" "$VENV" >&2 && [ -x "$ICU_RAW" ]; } || die "icu_raw missing from $VENV"
if [ ! -s "$CORPUS" ]; then
  say "== corpus $CORPUS is missing: building it with $MAKE_CORPUS (about 1-2 minutes, apt-get as root)"
  mkdir -p "$(dirname "$CORPUS")"
  "$MAKE_CORPUS" "$CORPUS" >&2 || die "make-english-corpus.sh failed"
fi
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then
    say "== /usr/bin/time is missing: installing the Debian 'time' package"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; } >&2 \
      || say "   could not install 'time'; peak RSS will not be measured"
  else
    say "== /usr/bin/time is missing and not root: peak RSS will not be measured (apt-get install time)"
  fi
fi
PIN=()
if [ -n "$CPU" ]; then
  if command -v taskset >/dev/null; then PIN=(taskset -c "$CPU"); else say "== taskset not found: not pinning"; fi
fi
BYTES=$(stat -c %s "$CORPUS")

# ---------------------------------------------------------------- build bitext
BITEXT=${BITEXT_BIN:-}
BUILD_NOTE=""
if [ -z "$BITEXT" ]; then
  say "== swift build -c release --product bitext / bitext-bench  (in $REPO)"
  if (cd "$REPO" && swift build -c release --product bitext && swift build -c release --product bitext-bench) >&2; then
    BITEXT=$(cd "$REPO" && swift build -c release --show-bin-path)/bitext
    [ -x "$BITEXT" ] || { BUILD_NOTE="built, but $BITEXT is missing"; BITEXT=""; }
  else
    BUILD_NOTE="swift build failed"
  fi
else
  [ -x "$BITEXT" ] || die "BITEXT_BIN=$BITEXT is not executable"
  say "== using BITEXT_BIN=$BITEXT (no build)"
fi

# The in-process twin of `bitext segment`, measured like icu_raw --bench.
BENCH_BIN="$(dirname "${BITEXT:-/nonexistent/x}")/bitext-bench"
[ -x "$BENCH_BIN" ] || BENCH_BIN=""

# ---------------------------------------------------------------- helpers
jfield() {  # jfield FIELD <<< JSON
  "$PY" -c 'import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])[sys.argv[1]])' "$1"
}
# wall STDIN CMD...: runs CMD once (stdout = /dev/null), prints wall seconds (process start to
# exit, via $EPOCHREALTIME). Fails if CMD fails.
wall() {
  local in=$1 s e; shift
  s=$EPOCHREALTIME
  "${PIN[@]}" "$@" < "$in" > /dev/null 2> "$TMP/err" || { cat "$TMP/err" >&2; return 1; }
  e=$EPOCHREALTIME
  awk -v s="$s" -v e="$e" 'BEGIN { printf "%.6f", e - s }'
}
maxof() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 > a + 0) ? b : a }'; }
minof() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }'; }
mbps() { awk -v b="$BYTES" -v t="$1" 'BEGIN { printf "%.1f", b / 1e6 / t }'; }
# time_v STDIN CMD...: one run under /usr/bin/time -v; sets RSS (MiB) and CPU (% of one core)
time_v() {
  RSS="n/a" CPUPCT="n/a"
  [ -x /usr/bin/time ] || return 0
  local in=$1; shift
  "${PIN[@]}" /usr/bin/time -v -o "$TMP/time.txt" "$@" < "$in" > /dev/null 2> "$TMP/err" \
    || { cat "$TMP/err" >&2; return 1; }
  RSS=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); printf "%.1f", $2 / 1024 }' "$TMP/time.txt")
  CPUPCT=$(awk -F: '/Percent of CPU this job got/ { gsub(/[ %]/, "", $2); print $2 }' "$TMP/time.txt")
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
check() {  # check VALUE OP LIMIT -> PASS/FAIL/n/a
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
    if (v == "n/a" || v == "") { print "n/a"; exit }
    ok = (op == ">=") ? (v + 0 >= l) : (op == ">") ? (v + 0 > l) : (v + 0 < l)
    print ok ? "PASS" : "FAIL" }'
}

say "== corpus: $CORPUS ($BYTES bytes); best of $REPEAT rounds; pinned: ${PIN[*]:-no}"

# Sanity runs (also warm the page cache): segment counts, bitext must succeed and print something.
ICU_LINES=$("$ICU_RAW" en < "$CORPUS" | wc -l)
BT_CMD=() BT_LINES="n/a" BT_NOTE=$BUILD_NOTE
if [ -n "$BITEXT" ]; then
  BT_CMD=("$BITEXT" segment --lang en --format lines "$CORPUS")
  if BT_LINES=$("${BT_CMD[@]}" < /dev/null 2> "$TMP/err" | wc -l) && [ "$BT_LINES" -gt 0 ]; then :; else
    cat "$TMP/err" >&2
    BT_NOTE="'bitext segment' failed or printed nothing"; BT_LINES="n/a"; BT_CMD=()
  fi
fi

# The tools take turns within each round, so drift in machine load hits all of them alike;
# each tool keeps its best round.
#  (a) icu_raw in-process: its own --bench (paragraph split, UTF-8 -> UTF-16 + ubrk; startup and
#      file reading excluded)
#  (b) icu_raw end to end: whole process, corpus on stdin, one segment per line to /dev/null
#  (c) sentencex in-process via the shared adapter (--bench, same paragraph split as (a))
#  (d) bitext end to end: whole process, reads FILE, one segment per line to /dev/null
ICU_IN="" T_ICU="" SX="" T_BT="" BT_IN=""
for ((r = 1; r <= REPEAT; r++)); do
  say "== round $r/$REPEAT: icu_raw --bench, icu_raw end to end, sentencex --bench$([ ${#BT_CMD[@]} -gt 0 ] && echo ', bitext end to end')"
  J=$("${PIN[@]}" "$ICU_RAW" en --bench "$CORPUS" --repeat "$INNER")
  ICU_IN=$(maxof "$ICU_IN" "$(jfield MB_per_s <<< "$J")")
  dt=$(wall "$CORPUS" "$ICU_RAW" en); T_ICU=$(minof "$T_ICU" "$dt")
  J2=$(cd "$SEGDIR" && "${PIN[@]}" "$PY" seg_sentencex.py --lang en --bench "$CORPUS" --repeat "$INNER")
  SX=$(maxof "$SX" "$(jfield MB_per_s <<< "$J2")")
  if [ -n "$BENCH_BIN" ]; then
    J3=$("${PIN[@]}" "$BENCH_BIN" en "$CORPUS" --repeat "$INNER")
    BT_IN=$(maxof "$BT_IN" "$(jfield MB_per_s <<< "$J3")")
  fi
  if [ ${#BT_CMD[@]} -gt 0 ]; then
    if dt=$(wall /dev/null "${BT_CMD[@]}"); then T_BT=$(minof "$T_BT" "$dt"); else
      BT_NOTE="a timed 'bitext segment' run failed"; BT_CMD=(); T_BT=""
    fi
  fi
done
ICU_VER=$(jfield icu <<< "$J"); ICU_SEGS=$(jfield segments <<< "$J"); SX_SEGS=$(jfield segments <<< "$J2")
ICU_IN=$(awk -v x="$ICU_IN" 'BEGIN { printf "%.1f", x }'); SX=$(awk -v x="$SX" 'BEGIN { printf "%.1f", x }')
ICU_E2E=$(mbps "$T_ICU")
say "== peak RSS: one run each under /usr/bin/time -v"
time_v "$CORPUS" "$ICU_RAW" en; ICU_RSS=$RSS
BT="" BT_RSS="n/a" BT_CPU="n/a"
if [ ${#BT_CMD[@]} -gt 0 ] && [ -n "$T_BT" ]; then
  BT=$(mbps "$T_BT")
  if time_v /dev/null "${BT_CMD[@]}"; then BT_RSS=$RSS BT_CPU=$CPUPCT; fi
fi

# ---------------------------------------------------------------- report
BT_IN=$([ -n "$BT_IN" ] && awk -v x="$BT_IN" 'BEGIN { printf "%.1f", x }' || echo "n/a")
R_IN=$(ratio "$BT_IN" "$ICU_IN"); R_E2E=$(ratio "$BT" "$ICU_E2E"); R_SX=$(ratio "$BT_IN" "$SX")
echo
echo "Sentence segmentation throughput, English, $(date +%F), $(nproc) cores, ICU $ICU_VER"
echo "corpus $CORPUS: $BYTES bytes; best of $REPEAT rounds; MB = 10^6 bytes of UTF-8 input; RSS in MiB"
echo
printf '%-36s %9s %10s %10s\n' "tool" "MB/s" "peak RSS" "segments"
printf '%-36s %9s %10s %10s\n' "icu_raw en, in-process (--bench)" "$ICU_IN" "-" "$ICU_SEGS"
printf '%-36s %9s %10s %10s\n' "icu_raw en, end to end" "$ICU_E2E" "$ICU_RSS" "$ICU_LINES"
printf '%-36s %9s %10s %10s\n' "sentencex, in-process (--bench)" "$SX" "-" "$SX_SEGS"
printf '%-36s %9s %10s %10s\n' "bitext, in-process (bitext-bench)" "$BT_IN" "-" "$([ -n "${J3:-}" ] && jfield segments <<< "$J3" || echo n/a)"
printf '%-36s %9s %10s %10s\n' "bitext segment, end to end" "${BT:-n/a}" "$BT_RSS" "$BT_LINES"
[ -n "$BT_NOTE" ] && echo "  bitext: $BT_NOTE"
if [ "$BT_CPU" != "n/a" ]; then
  echo "  bitext used ${BT_CPU}% of one core$(awk -v c="$BT_CPU" 'BEGIN { if (c + 0 > 110) print " -- more than one thread busy: not a single-thread figure (try BENCH_CPU=0)" }')"
fi
echo
printf '%-36s %9s   %s\n' "ratio" "value" "target"
printf '%-36s %9s   %s\n' "bitext / icu_raw (in-process)" "$R_IN" ">= 0.6  $(check "$R_IN" '>=' 0.6)"
printf '%-36s %9s   %s\n' "bitext / icu_raw (end to end)" "$R_E2E" ">= 0.6  $(check "$R_E2E" '>=' 0.6)"
printf '%-36s %9s   %s\n' "bitext / sentencex (in-process)" "$R_SX" "> 1     $(check "$R_SX" '>' 1)"
printf '%-36s %9s   %s\n' "bitext peak RSS (MiB)" "$BT_RSS" "< 64    $(check "$BT_RSS" '<' 64)"
echo
echo "Absolute MB/s on shared 2-core machines drift by about +-20% between runs; compare ratios."

[ -n "$BT" ] || exit 1
