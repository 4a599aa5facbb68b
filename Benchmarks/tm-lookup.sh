#!/usr/bin/env bash
# tm-lookup.sh: translation-memory fuzzy lookup, Bitext (bitext-tm-bench) against rapidfuzz and
# translate-toolkit (../shared/eval/baselines/tm/bench_tm.py), in the same run.
#
# Data: the English sides of the WMT parallel corpora, split exactly as bench_tm.py splits them
# (same code, same seed): 1,000 held-out sentences ('heldout', few hits) and the TM sentences;
# 'edited' = 1,000 TM sentences with one word deleted and one replaced (hits guaranteed).
# Bitext TMs: 10k units = the first 10,000 TM sentences (the baseline's TM at N=10000); 1M units =
# all TM sentences, then sentences mixed from the first half of one and the second half of
# another (each pair once, targets mixed alike), so that the units differ (see
# Benchmarks/BitextTMBench/main.swift). Queries: top 5 at >= 75% similarity, single thread,
# best of 3; Bitext is also run with 2 threads.
#
# Usage: Benchmarks/tm-lookup.sh
# Environment (optional):
#   BITEXT_SHARED   shared folder with eval/ and corpora/        (default: <repo>/../shared)
#   BENCH_VENV      venv made by setup-venv.sh                    (default: /tmp/bvenv)
#   TM_SIZES        Bitext TM sizes                               (default: "10000 1000000")
#   BASELINE_SIZES  bench_tm.py sizes (capped by the corpus, ~11.7k) (default: "10000 100000")
#   TM_BENCH_DIR    scratch directory (about 1.5 GB at 1M units)  (default: a temporary directory)
#   BITEXT_TM_BIN   use this bitext-tm-bench instead of building one
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PARALLEL=$SHARED/corpora/parallel
BASELINE=$SHARED/eval/baselines/tm/bench_tm.py
SIZES=${TM_SIZES:-"10000 1000000"}
BSIZES=${BASELINE_SIZES:-"10000 100000"}
[ -f "$BASELINE" ] || die "missing $BASELINE"
ensure_venv rapidfuzz translate.search.match

if [ -n "${TM_BENCH_DIR:-}" ]; then
  WORK=$TM_BENCH_DIR; mkdir -p "$WORK"
else
  WORK=$(mktemp -d /tmp/tm-lookup.XXXXXX); trap 'rm -rf "$WORK"' EXIT
fi

BIN=$(BENCH_SCRATCH=${BENCH_SCRATCH:-$REPO/.build-tmbench} release_binary bitext-tm-bench "${BITEXT_TM_BIN:-}")

# The same split as bench_tm.py (keep in step with it).
"$PY" - "$PARALLEL" "$WORK" <<'PYEOF'
import os, random, sys
pdir, out = sys.argv[1], sys.argv[2]
pairs = {}
for fn, en_col in (("en-ru.tsv", 0), ("ru-en.tsv", 1), ("en-de.tsv", 0), ("de-en.tsv", 1)):
    for l in open(os.path.join(pdir, fn), encoding="utf-8"):
        c = l.rstrip("\n").split("\t")
        if len(c) == 2: pairs.setdefault(c[en_col], c[1 - en_col])
src = sorted(pairs); rnd = random.Random(7); rnd.shuffle(src)
held = src[:1000]; tm = src[1000:1000 + 10000]
def edit(s):
    w = s.split()
    if len(w) > 3:
        del w[rnd.randrange(len(w))]; w[rnd.randrange(len(w))] = rnd.choice(["the", "new", "data", "report"])
    return " ".join(w)
edited = [edit(s) for s in rnd.sample(tm, 1000)]
clean = lambda s: s.replace("\t", " ").replace("\n", " ")
with open(os.path.join(out, "tm.tsv"), "w", encoding="utf-8") as f:
    for s in src[1000:]: f.write(clean(s) + "\t" + clean(pairs[s]) + "\n")
with open(os.path.join(out, "heldout"), "w", encoding="utf-8") as f: f.write("\n".join(map(clean, held)) + "\n")
with open(os.path.join(out, "edited"), "w", encoding="utf-8") as f: f.write("\n".join(map(clean, edited)) + "\n")
print(f"TM sentences {len(src) - 1000}, queries 2 x 1000", file=sys.stderr)
PYEOF

RESULTS=$WORK/results.jsonl
: > "$RESULTS"
say "== rapidfuzz and translate-toolkit (bench_tm.py), N = $BSIZES"
for n in $BSIZES; do
  METHODS=${METHODS:-rf_ratio,rf_wordlev,tt_matcher} OUT_JSON=$WORK/py-$n.json "$PY" "$BASELINE" "$PARALLEL" "$n" | tee -a "$RESULTS" >&2
done
for n in $SIZES; do
  say "== Bitext, building a TM of $n units"
  /usr/bin/time -f '{"build_peak_rss_kb": %M}' "$BIN" build "$WORK/tm-$n.sqlite" "$WORK/tm.tsv" "$n" 2>&1 | tee -a "$RESULTS" >&2
  for q in heldout edited; do
    for threads in 1 2; do
      "$BIN" query "$WORK/tm-$n.sqlite" "$WORK/$q" "$threads" | tee -a "$RESULTS" >&2
    done
  done
  rm -f "$WORK/tm-$n.sqlite" "$WORK/tm-$n.sqlite-wal" "$WORK/tm-$n.sqlite-shm"
done

# Summary: queries/s and ratios to rf_wordlev at the same query set (baseline at its N).
"$PY" - "$RESULTS" <<'PYEOF'
import json, sys
rows = []
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("{"):
        try: rows.append(json.loads(line))
        except ValueError: pass
base = {(r["queries"], r["method"], r["N"]): r for r in rows if "method" in r and r["method"] != "bitext"}
print("\n| queries | method | N | threads | q/s | queries with a match | x rf_wordlev (N=10k) | x tt_matcher (N=10k) |")
print("|---|---|---|---|---|---|---|---|")
def ref(q, m):
    c = [r for (qq, mm, n), r in base.items() if qq == q and mm == m]
    return min(c, key=lambda r: abs(r["N"] - 10000)) if c else None
for r in rows:
    if "method" not in r: continue
    wl, tt = ref(r["queries"], "rf_wordlev"), ref(r["queries"], "tt_matcher")
    ratio = lambda b: f'{r["q_per_s"] / b["q_per_s"]:.1f}' if b else "-"
    print(f'| {r["queries"]} | {r["method"]} | {r["N"]} | {r.get("threads", 1)} | {r["q_per_s"]} | {r["queries_with_match"]} | {ratio(wl)} | {ratio(tt)} |')
for r in rows:
    if "build" in r:
        b = r["build"]
        print(f'build: {b["units"]} units in {b["seconds"]} s, {b["bytes"] / 2**20:.0f} MiB, {b["indexed_tokens"]} indexed tokens')
    if "build_peak_rss_kb" in r:
        print(f'  peak RSS {r["build_peak_rss_kb"] / 1024:.0f} MiB')
PYEOF
