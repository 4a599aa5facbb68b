#!/usr/bin/env bash
# term-matching.sh: glossary term-matching throughput of Bitext's TermMatcher (bitext-match-bench)
# against pyahocorasick and ahocorasick_rs (the shared bench_matching.py), at 1k, 10k and 100k
# terms, all measured in the same run, reported as MB/s, ratios and match counts side by side.
#
# Usage: Benchmarks/term-matching.sh            (from anywhere; see Benchmarks/README.md)
#
# Environment (all optional):
#   BITEXT_SHARED     shared folder with eval/ and corpora/           (default: <repo>/../shared)
#   BENCH_VENV        venv made by setup-venv.sh                      (default: /tmp/bvenv)
#   BENCH_CORPUS      English corpus, one paragraph per line          (default: /tmp/english-corpus-2.txt)
#   BENCH_GLOSSARIES  folder with glossary-{1k,10k,100k}.txt          (default: $BITEXT_SHARED/corpora/terms/glossaries-en)
#   BENCH_REPEAT      bitext runs per glossary, keeps its best        (default: 3; the baselines always do 3)
#   BENCH_INFLECTION  1 = also measure bitext with Locales/en/inflection.txt (default: 1)
#   BENCH_CPU         pin every measured process to this CPU with taskset (default: no pinning)
#   BITEXT_MATCH_BIN  use this bitext-match-bench executable instead of building one (skips `swift build`)
#
# A missing venv or corpus is built with the shared scripts (needs root for apt-get).
# Nothing is written into the repository except SwiftPM's own .build/ by `swift build`.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CORPUS=$(realpath -m "${BENCH_CORPUS:-/tmp/english-corpus-2.txt}")
GLOSSARIES=$(realpath -m "${BENCH_GLOSSARIES:-$SHARED/corpora/terms/glossaries-en}")
REPEAT=${BENCH_REPEAT:-3}
INFLECTION=${BENCH_INFLECTION:-1}
CPU=${BENCH_CPU:-}
MATCHDIR=$SHARED/eval/baselines/matching
BENCH_PY=$MATCHDIR/bench_matching.py
MAKE_CORPUS=$SHARED/corpora/make-english-corpus-2.sh
SIZES=(1k 10k 100k)

[ -f "$BENCH_PY" ] || die "missing $BENCH_PY"
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPEAT must be a positive integer"
for s in "${SIZES[@]}"; do
  [ -s "$GLOSSARIES/glossary-$s.txt" ] || die "missing $GLOSSARIES/glossary-$s.txt (set BENCH_GLOSSARIES)"
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/matchbench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"   # run every tool from a scratch dir so nothing lands in the repo

# ---------------------------------------------------------------- prerequisites
ensure_venv ahocorasick ahocorasick_rs
if [ ! -s "$CORPUS" ]; then
  say "== corpus $CORPUS is missing: building it with $MAKE_CORPUS (a few minutes, apt-get as root)"
  mkdir -p "$(dirname "$CORPUS")"
  "$MAKE_CORPUS" "$CORPUS" >&2 || die "make-english-corpus-2.sh failed"
fi
PIN=()
if [ -n "$CPU" ]; then
  if command -v taskset >/dev/null; then PIN=(taskset -c "$CPU"); else say "== taskset not found: not pinning"; fi
fi
BYTES=$(stat -c %s "$CORPUS")

# ---------------------------------------------------------------- build bitext-match-bench
BENCH_BIN=${BITEXT_MATCH_BIN:-}
BUILD_NOTE=""
if [ -z "$BENCH_BIN" ]; then
  say "== swift build -c release --product bitext-match-bench  (in $REPO)"
  if (cd "$REPO" && swift build -c release --product bitext-match-bench) >&2; then
    BENCH_BIN=$(cd "$REPO" && swift build -c release --show-bin-path)/bitext-match-bench
    [ -x "$BENCH_BIN" ] || { BUILD_NOTE="built, but $BENCH_BIN is missing"; BENCH_BIN=""; }
  else
    BUILD_NOTE="swift build failed"
  fi
else
  [ -x "$BENCH_BIN" ] || die "BITEXT_MATCH_BIN=$BENCH_BIN is not executable"
  say "== using BITEXT_MATCH_BIN=$BENCH_BIN (no build)"
fi

# ---------------------------------------------------------------- helpers
# jget FILE KEY=VALUE... FIELD: FIELD of the last JSON line of FILE whose keys have these values
jget() {
  "$PY" - "$@" <<'PY'
import json, sys
path, *conds, field = sys.argv[1:]
want = dict(c.split("=", 1) for c in conds)
hit = None
for line in open(path, encoding="utf-8"):
    line = line.strip()
    if not line.startswith("{"): continue
    r = json.loads(line)
    if all(str(r.get(k)) == v for k, v in want.items()): hit = r
print("n/a" if hit is None or hit.get(field) is None else hit[field])
PY
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.3f", a / b }'; }
f1() { awk -v x="$1" 'BEGIN { if (x == "n/a" || x == "") print "n/a"; else printf "%.2f", x }'; }
check() {  # check VALUE OP LIMIT -> PASS/FAIL/n/a
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
    if (v == "n/a" || v == "") { print "n/a"; exit }
    ok = (op == ">=") ? (v + 0 >= l) : (v + 0 < l)
    print ok ? "PASS" : "FAIL" }'
}

say "== corpus: $CORPUS ($BYTES bytes); glossaries: $GLOSSARIES; pinned: ${PIN[*]:-no}"

# ---------------------------------------------------------------- baselines
# bench_matching.py: whole corpus as one str; timed region = text.lower() + automaton scan +
# word-boundary filter (alnum or '_'), best of 3, build excluded (reported as build_s).
say "== baselines: bench_matching.py pyahocorasick,ahocorasick_rs (1k, 10k, 100k; best of 3 each)"
BASE_OK=1
if ! (cd "$MATCHDIR" && OUT_JSON="$TMP/baselines.json" "${PIN[@]}" "$PY" "$BENCH_PY" "$CORPUS" "$GLOSSARIES" \
      pyahocorasick,ahocorasick_rs) > "$TMP/baselines.out" 2> "$TMP/baselines.err"; then
  cat "$TMP/baselines.err" >&2; BASE_OK=0; say "   bench_matching.py failed; baselines will show n/a"
fi
cat "$TMP/baselines.out" >&2

# ---------------------------------------------------------------- bitext
: > "$TMP/bitext.out"
BT_NOTE=$BUILD_NOTE
if [ -n "$BENCH_BIN" ]; then
  MODES=(plain); [ "$INFLECTION" = 1 ] && MODES+=(inflection)
  for s in "${SIZES[@]}"; do
    for m in "${MODES[@]}"; do
      FLAGS=(--repeat "$REPEAT"); [ "$m" = inflection ] && FLAGS+=(--inflection --locales "$REPO/Locales")
      say "== bitext-match-bench glossary-$s ${FLAGS[*]}"
      if J=$("${PIN[@]}" "$BENCH_BIN" "$CORPUS" "$GLOSSARIES/glossary-$s.txt" "${FLAGS[@]}" 2> "$TMP/err"); then
        say "   $J"
        printf '%s\n' "$J" | "$PY" -c 'import json,sys; r=json.loads(sys.stdin.read()); r["glossary"]=sys.argv[1]; r["mode"]=sys.argv[2]; print(json.dumps(r))' "$s" "$m" >> "$TMP/bitext.out"
      else
        cat "$TMP/err" >&2; BT_NOTE="bitext-match-bench failed on glossary-$s ($m)"
      fi
    done
  done
fi

# ---------------------------------------------------------------- report
B=$TMP/baselines.out T=$TMP/bitext.out
echo
echo "Glossary term matching throughput, English, $(date +%F), $(nproc) cores"
echo "corpus $CORPUS: $BYTES bytes; MB = 10^6 bytes of UTF-8 input; in-process, single thread, build excluded;"
echo "baselines best of 3, bitext best of $REPEAT; bitext matches line by line, the baselines the whole text"
echo
printf '%-6s %-28s %9s %10s %9s\n' "terms" "tool" "MB/s" "matches" "build_s"
for s in "${SIZES[@]}"; do
  for m in pyahocorasick ahocorasick_rs; do
    printf '%-6s %-28s %9s %10s %9s\n' "$s" "$m" "$(f1 "$(jget "$B" glossary=$s method=$m MB_per_s)")" \
      "$(jget "$B" glossary=$s method=$m hits)" "$(jget "$B" glossary=$s method=$m build_s)"
  done
  printf '%-6s %-28s %9s %10s %9s\n' "$s" "bitext (no inflection)" "$(f1 "$(jget "$T" glossary=$s mode=plain MB_per_s)")" \
    "$(jget "$T" glossary=$s mode=plain matches)" "$(jget "$T" glossary=$s mode=plain build_s)"
  if [ "$INFLECTION" = 1 ]; then
    printf '%-6s %-28s %9s %10s %9s\n' "$s" "bitext (en inflection)" "$(f1 "$(jget "$T" glossary=$s mode=inflection MB_per_s)")" \
      "$(jget "$T" glossary=$s mode=inflection matches)" "$(jget "$T" glossary=$s mode=inflection build_s)"
  fi
done
echo
printf '%-6s %16s %16s %22s\n' "terms" "bitext/acrs" "bitext/pyac" "bitext+infl/acrs"
for s in "${SIZES[@]}"; do
  BT=$(jget "$T" glossary=$s mode=plain MB_per_s); BI=$(jget "$T" glossary=$s mode=inflection MB_per_s)
  RS=$(jget "$B" glossary=$s method=ahocorasick_rs MB_per_s); PA=$(jget "$B" glossary=$s method=pyahocorasick MB_per_s)
  printf '%-6s %16s %16s %22s\n' "$s" "$(ratio "$BT" "$RS")" "$(ratio "$BT" "$PA")" "$(ratio "$BI" "$RS")"
done
R100=$(ratio "$(jget "$T" glossary=100k mode=plain MB_per_s)" "$(jget "$B" glossary=100k method=ahocorasick_rs MB_per_s)")
echo
echo "bitext 100k automaton (no inflection): build $(jget "$T" glossary=100k mode=plain build_s) s;" \
  "peak RSS after build $(jget "$T" glossary=100k mode=plain peak_rss_after_build_mb) MiB" \
  "(automaton +$(jget "$T" glossary=100k mode=plain automaton_rss_mb) MiB RSS);" \
  "peak RSS of the whole run $(jget "$T" glossary=100k mode=plain peak_rss_mb) MiB (includes the corpus held in memory)"
printf 'target: bitext / ahocorasick_rs at 100k terms >= 1.0: %s (%s)\n' "$R100" "$(check "$R100" '>=' 1.0)"
echo
echo "Match counts differ by design: the baselines lower-case with str.lower() and treat any"
echo "alnum/'_' neighbour as a non-boundary; pyahocorasick counts overlapping matches; bitext uses ICU"
echo "word boundaries, Unicode case folding + NFC, unified apostrophes/hyphens, leftmost-longest."
[ -n "$BT_NOTE" ] && echo "  bitext: $BT_NOTE"
[ "$BASE_OK" = 1 ] || echo "  baselines: bench_matching.py failed"
echo "Absolute MB/s on shared 2-core machines drift by about +-20% between runs; compare ratios."

[ -s "$T" ] || exit 1
