#!/usr/bin/env python3
"""translate-toolkit baseline for Benchmarks/exchange-throughput.sh.

exchange_toolkit.py write|read FORMAT FILE [--units N] [--corpus TSV ...]

Does what bitext-exchange-bench does, through translate-toolkit's storage classes:
write builds N units cycling through the corpus sentence pairs and serialises the store;
read parses the file and walks every unit. Prints one JSON line like the Swift tool.
"""
import json
import resource
import sys
import time

from translate.storage import pypo, tmx, xliff, xliff2


def main():
    op, fmt, path = sys.argv[1], sys.argv[2], sys.argv[3]
    count, corpora, i = 1_000_000, [], 4
    while i < len(sys.argv):
        if sys.argv[i] == "--units":
            count = int(sys.argv[i + 1]); i += 2
        elif sys.argv[i] == "--corpus":
            i += 1
            while i < len(sys.argv) and not sys.argv[i].startswith("--"):
                corpora.append(sys.argv[i]); i += 1
        else:
            sys.exit("unknown argument " + sys.argv[i])
    classes = {"xliff2": xliff2.Xliff2File, "xliff12": xliff.xlifffile, "tmx": tmx.tmxfile, "po": pypo.pofile}
    cls = classes[fmt]
    units = 0
    if op == "write":
        pairs = []
        for c in corpora:
            with open(c, encoding="utf-8") as f:
                for line in f:
                    parts = line.rstrip("\n").split("\t", 1)
                    if len(parts) == 2:
                        pairs.append(parts)
        start = time.monotonic()
        if fmt == "tmx":
            store = cls(sourcelanguage="en", targetlanguage="ru")
        else:
            store = cls()
            store.setsourcelanguage("en")
            store.settargetlanguage("ru")
        for n in range(count):
            src, tgt = pairs[n % len(pairs)]
            if fmt == "tmx":
                unit = store.addtranslation(src, "en", tgt, "ru")
            else:
                unit = store.addsourceunit(src)
                unit.target = tgt
                if fmt == "po":
                    unit.msgctxt = ['"u%d"' % (n + 1)]
                else:
                    unit.setid("u%d" % (n + 1))
        with open(path, "wb") as f:
            store.serialize(f)
        units = count
    else:
        start = time.monotonic()
        with open(path, "rb") as f:
            store = cls.parsefile(f)
        chars = 0
        for unit in store.units:
            if fmt == "po" and unit.isheader():
                continue
            units += 1
            chars += len(str(unit.source or "")) + len(str(unit.target or ""))
    seconds = time.monotonic() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"tool": "translate-toolkit", "op": op, "format": fmt, "units": units,
                      "seconds": round(seconds, 3), "peak_rss_mib": round(rss, 1)}))


if __name__ == "__main__":
    main()
