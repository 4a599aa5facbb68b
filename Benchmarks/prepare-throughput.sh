#!/usr/bin/env bash
# prepare-throughput.sh: `bitext prepare` of 1,000 articles built from the English side of the
# WMT parallel corpora in ../shared/corpora/parallel, for az, ru and tr with the shipped glossary,
# on 1 core and on 2 (`--jobs`). Reports articles per second, words per second and the speed-up.
#
# Environment (all optional):
#   BITEXT_SHARED   shared folder                     (default: <repo>/../shared)
#   BENCH_ARTICLES  number of articles                (default: 1000)
#   BENCH_JOBS      --jobs values to measure          (default: "1 2")
#   BITEXT_BIN      use this bitext instead of building one
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
N=${BENCH_ARTICLES:-1000}
JOBS=${BENCH_JOBS:-"1 2"}
BIN=$(release_binary bitext "${BITEXT_BIN:-}")
TMP=$(mktemp -d "${TMPDIR:-/tmp}/preparebench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
python3 - "$SHARED/corpora/parallel" "$TMP/articles" "$N" <<'PY'
import os, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
sentences = []
for name in ("en-ru.tsv", "en-de.tsv"):
    with open(os.path.join(src, name), encoding="utf-8") as f:
        sentences += [l.split("\t", 1)[0].strip() for l in f if "\t" in l]
os.makedirs(out)
k = 0
for a in range(n):
    paragraphs = []
    for p in range(6):
        paragraphs.append(" ".join(sentences[(k + i) % len(sentences)] for i in range(4)))
        k += 4
    body = [sentences[k % len(sentences)][:70], "Must read"] + paragraphs[:3] + ["- Advertisement -spot_img"] + paragraphs[3:]
    with open(os.path.join(out, "article-%04d.txt" % a), "w", encoding="utf-8") as f:
        f.write("\n\n".join(body) + "\n")
PY
say "== $N articles, $(du -sh "$TMP/articles" | cut -f1)"
for j in $JOBS; do
  start=$(date +%s.%N)
  "$BIN" prepare "$TMP"/articles/*.txt --source-lang en --target-lang az,ru,tr --out "$TMP/job-$j" --jobs "$j" > "$TMP/out-$j.txt"
  end=$(date +%s.%N)
  words=$(python3 -c "import json,sys; print(sum(d['words'] for d in json.load(open(sys.argv[1]))['documents']))" "$TMP/job-$j/job.json")
  python3 - "$start" "$end" "$N" "$words" "$j" <<'PY'
import sys
s, e, n, w, j = map(float, sys.argv[1:6])
t = e - s
print(f"--jobs {int(j)}: {t:.2f} s, {n / t:.1f} articles/s, {w / t:,.0f} words/s")
PY
  rm -rf "$TMP/job-$j"
done
