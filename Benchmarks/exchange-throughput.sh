#!/usr/bin/env bash
# exchange-throughput.sh: writing and reading bilingual files with Bitext (bitext-exchange-bench)
# and translate-toolkit's storage classes (exchange_toolkit.py), in the same run, for XLIFF 2.1,
# XLIFF 1.2, TMX and PO. Units are built by cycling through the real sentence pairs of the WMT
# parallel corpora in ../shared/corpora/parallel. Reports seconds, units/s, ratios and peak RSS.
#
# Usage: Benchmarks/exchange-throughput.sh            (from anywhere; see Benchmarks/README.md)
#
# Environment (all optional):
#   BITEXT_SHARED   shared folder with eval/ and corpora/                  (default: <repo>/../shared)
#   BENCH_VENV      venv made by setup-venv.sh (has translate-toolkit)     (default: /tmp/bvenv)
#   BENCH_UNITS     units Bitext writes and reads                          (default: 1000000)
#   TOOLKIT_UNITS   units translate-toolkit writes and reads; the ratio compares units per second
#                   (default: 100000; translate-toolkit holds the whole tree in memory)
#   BENCH_FORMATS   formats to measure                                     (default: "xliff2 xliff12 tmx po")
#   BENCH_SMALL     also run Bitext at TOOLKIT_UNITS, to show memory does not grow (default: 1)
#   BITEXT_EXCHANGE_BIN  use this bitext-exchange-bench instead of building one
#
# Large TMX and XLIFF 2 files are read on several threads (one per processor, at most 4); the rows
# "read1" are the same files read on one thread.
#
# Scratch files go to a temporary directory (about 1 GB at a million units), removed at the end.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
UNITS=${BENCH_UNITS:-1000000}
TK_UNITS=${TOOLKIT_UNITS:-100000}
FORMATS=${BENCH_FORMATS:-"xliff2 xliff12 tmx po"}
SMALL=${BENCH_SMALL:-1}
PARALLEL=$SHARED/corpora/parallel
CORPORA=("$PARALLEL/en-ru.tsv" "$PARALLEL/en-de.tsv" "$PARALLEL/ui-en-ru.tsv" "$PARALLEL/ui-en-tr.tsv" "$PARALLEL/ui-en-az.tsv")
for c in "${CORPORA[@]}"; do [ -s "$c" ] || die "missing corpus $c"; done

ensure_venv translate.storage.xliff2
BIN=$(release_binary bitext-exchange-bench "${BITEXT_EXCHANGE_BIN:-}")

TMP=$(mktemp -d "${TMPDIR:-/tmp}/exchangebench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
RESULTS=$TMP/results.jsonl

run() { # tool op format units file
  local tool=$1 op=$2 fmt=$3 n=$4 file=$5
  if [ "$tool" = bitext ]; then
    if [ "$op" = write ]; then "$BIN" write "$fmt" "$file" --units "$n" --corpus "${CORPORA[@]}"
    else "$BIN" read "$fmt" "$file"; fi
  else
    if [ "$op" = write ]; then "$PY" "$SCRIPT_DIR/exchange_toolkit.py" write "$fmt" "$file" --units "$n" --corpus "${CORPORA[@]}"
    else "$PY" "$SCRIPT_DIR/exchange_toolkit.py" read "$fmt" "$file"; fi
  fi
}

for fmt in $FORMATS; do
  say "== $fmt"
  run bitext write "$fmt" "$UNITS" "$TMP/bitext.$fmt" | tee -a "$RESULTS" >&2
  run bitext read "$fmt" "$UNITS" "$TMP/bitext.$fmt" | tee -a "$RESULTS" >&2
  if [ "$fmt" = tmx ] || [ "$fmt" = xliff2 ]; then
    # Large TMX and XLIFF 2 files are read on several threads; this row shows one thread.
    "$BIN" read "$fmt" "$TMP/bitext.$fmt" --workers 1 | sed 's/"op":"read"/"op":"read1"/' | tee -a "$RESULTS" >&2
  fi
  ls -l "$TMP/bitext.$fmt" | awk '{printf "   file: %.1f MB\n", $5/1e6}' >&2
  rm -f "$TMP/bitext.$fmt"
  if [ "$SMALL" = 1 ] && [ "$TK_UNITS" != "$UNITS" ]; then
    run bitext write "$fmt" "$TK_UNITS" "$TMP/small.$fmt" | sed 's/"tool":"bitext"/"tool":"bitext-small"/' | tee -a "$RESULTS" >&2
    run bitext read "$fmt" "$TK_UNITS" "$TMP/small.$fmt" | sed 's/"tool":"bitext"/"tool":"bitext-small"/' | tee -a "$RESULTS" >&2
    rm -f "$TMP/small.$fmt"
  fi
  run toolkit write "$fmt" "$TK_UNITS" "$TMP/tk.$fmt" | tee -a "$RESULTS" >&2
  run toolkit read "$fmt" "$TK_UNITS" "$TMP/tk.$fmt" | tee -a "$RESULTS" >&2
  rm -f "$TMP/tk.$fmt"
done

python3 - "$RESULTS" "$UNITS" "$TK_UNITS" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
by = {(r["tool"], r["op"], r["format"]): r for r in rows}
print(f"\nBitext {int(sys.argv[2]):,} units vs translate-toolkit {int(sys.argv[3]):,} units (ratio of units per second)")
print(f"{'format':8} {'op':5} {'bitext u/s':>12} {'toolkit u/s':>12} {'ratio':>7} {'bitext RSS':>11} {'small RSS':>10} {'toolkit RSS':>12}")
for (tool, op, fmt), r in sorted(by.items(), key=lambda kv: (kv[0][2], kv[0][1])):
    if tool != "bitext":
        continue
    t = by.get(("translate-toolkit", "read" if op == "read1" else op, fmt))
    s = by.get(("bitext-small", op, fmt))
    ups = r["units"] / max(r["seconds"], 1e-9)
    tups = t["units"] / max(t["seconds"], 1e-9) if t else float("nan")
    print(f"{fmt:8} {op:5} {ups:12,.0f} {tups:12,.0f} {ups / tups:6.1f}x {r['peak_rss_mib']:9.1f}Mi "
          f"{(s['peak_rss_mib'] if s else float('nan')):8.1f}Mi {(t['peak_rss_mib'] if t else float('nan')):10.1f}Mi")
PY
