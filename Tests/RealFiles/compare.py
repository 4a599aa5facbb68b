#!/usr/bin/env python3
"""Compare `bitext export --to jsonl` with translate-toolkit on a folder of real files.

    pip install translate-toolkit lxml
    BITEXT_REALFILES=DIR BITEXT_BIN=.build/release/bitext python3 Tests/RealFiles/compare.py [NAME-PART...]

DIR holds xliff2/, xliff12/, tmx/ and po/ with files written by other tools (see Tests/README.md).
Files are processed one at a time (bitext under `nice`); results go to results.json and
report.md in BITEXT_REALFILES_OUT (default: a temporary folder). Optional per-file judgements
(from reading the files by hand) go in a causes.py beside the files: {filename: (cause, judgement)}.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

SEEDS = os.environ.get("BITEXT_REALFILES", "")
if not SEEDS or not os.path.isdir(SEEDS):
    sys.exit("set BITEXT_REALFILES to a folder with xliff2/, xliff12/, tmx/ and po/")
BITEXT = os.path.abspath(os.environ.get("BITEXT_BIN", ".build/release/bitext"))
FORMATS = ["xliff2", "xliff12", "tmx", "po"]
HERE = os.environ.get("BITEXT_REALFILES_OUT") or tempfile.mkdtemp(prefix="bitext-realfiles-")
sys.path.insert(0, SEEDS)
OUT = os.path.join(HERE, "out")

try:
    from causes import CAUSES  # {filename: (cause, judgement)}
except Exception:  # pragma: no cover
    CAUSES = {}

from lxml import etree  # noqa: E402
from translate.storage import factory, po, tmx, xliff  # noqa: E402

try:
    from translate.storage import xliff2
except ImportError:  # old translate-toolkit
    xliff2 = None


# ----------------------------------------------------------------- helpers
def read_root(path):
    """Root element of an XML file (lxml honours BOM / encoding decl)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=True)
    return etree.parse(path, parser).getroot()


def localname(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def detect_langs(fmt, path):
    """(source, target, how) taken from the file where it says."""
    src, tgt, how = None, None, []
    try:
        if fmt in ("xliff2", "xliff12"):
            root = read_root(path)
            ver = root.get("version", "")
            if ver.startswith("2"):
                src, tgt = root.get("srcLang"), root.get("trgLang")
            else:
                for el in root.iter():
                    if localname(el.tag) == "file":
                        src = el.get("source-language")
                        tgt = el.get("target-language")
                        break
        elif fmt == "tmx":
            root = read_root(path)
            hdr = next((e for e in root.iter() if localname(e.tag) == "header"), None)
            if hdr is not None:
                src = hdr.get("srclang")
            langs = []
            for e in root.iter():
                if localname(e.tag) == "tuv":
                    lang = e.get(XML_LANG) or e.get("lang")
                    if lang and lang not in langs:
                        langs.append(lang)
            if not src or src.lower() == "*all*":
                how.append("srclang %r -> first tuv language" % src)
                src = langs[0] if langs else None
            tgt = next((l for l in langs if l.lower() != (src or "").lower()), None)
        elif fmt == "po":
            raw = open(path, "rb").read()
            m = re.search(rb'"Language:\s*([A-Za-z_@-]+)', raw)
            if m:
                tgt = m.group(1).decode("ascii").replace("_", "-")
    except Exception as e:  # the file may be broken; bitext and tt will tell
        how.append("language detection failed: %s" % str(e)[:80])
    if not src:
        src = "en"
        how.append("source defaulted to en")
    if not tgt:
        tgt = "fr"
        how.append("target defaulted to fr")
    return src, tgt, "; ".join(how)


WS = re.compile(r"\s+")
TAG = re.compile(r"<[^<>]*>")
# Private-use (placeholder markers), object replacement, BOM/zero-width, tags.
MARKCHARS = re.compile("[\x00-\x1f\x7f\ue000-\uf8ff\ufffc\ufffd\ufeff\u200b\u2060]")
BRACEPH = re.compile(r"\{\{?/?[0-9A-Za-z_.:-]{1,20}\}\}?")


def norm(s):
    if s is None:
        s = ""
    s = unicodedata.normalize("NFC", str(s))
    return WS.sub(" ", s).strip()


def text_only(s):
    s = norm(s)
    s = TAG.sub(" ", s)
    s = BRACEPH.sub(" ", s)
    s = MARKCHARS.sub(" ", s)
    return WS.sub("", s)  # drop all whitespace: codes often carry the spaces


def position_in(msg):
    """Does the bitext message name a line or byte?"""
    return bool(re.search(r"(\.(xlf|xliff|sdlxliff|tmx|po|pot)):\d+|\bline \d+|\bbyte \d+|:\d+:\d+", msg))


# ----------------------------------------------------------------- bitext
def run_bitext(path, src, tgt, outfile):
    if os.path.exists(outfile):
        os.remove(outfile)
    cmd = ["nice", "-n", "19", BITEXT, "export", path, "--source-lang", src, "--target-lang", tgt,
           "--no-glossary", "--to", "jsonl", "-o", outfile, "--force"]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=120)
        rc, err = p.returncode, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return {"rc": "timeout", "stderr": "timeout after 120 s", "units": None}
    units = None
    if rc == 0 and os.path.exists(outfile):
        units = []
        with open(outfile, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    units.append(json.loads(line))
    err = "\n".join(l for l in err.splitlines() if not l.startswith("bitext: wrote "))
    return {"rc": rc, "stderr": err.strip(), "units": units}


def bitext_units(res):
    return [{"id": str(u.get("id", "")), "source": u.get("source") or "", "target": u.get("target") or "",
             "state": u.get("state")} for u in res["units"]]


# ----------------------------------------------------------------- translate-toolkit
def xliff_version(path):
    try:
        return read_root(path).get("version", "")
    except Exception:
        return ""


def tt_read(fmt, path, src, tgt):
    """Returns (units, classname, note) or raises."""
    note = []
    if fmt in ("xliff2", "xliff12"):
        ver = xliff_version(path)
        if ver.startswith("2"):
            if xliff2 is None:
                return own_xliff2(path), "own-xliff2-reader", "translate.storage.xliff2 missing"
            store = xliff2.Xliff2File.parsefile(path)
        else:
            store = xliff.xlifffile.parsefile(path)
    elif fmt == "tmx":
        store = tmx.tmxfile.parsefile(path)
    elif fmt == "po":
        store = po.pofile.parsefile(path)
    else:
        store = factory.getobject(path)
    if fmt in ("xliff2", "xliff12") and xliff2 is not None and isinstance(store, xliff2.Xliff2File):
        return xliff2_units(store), type(store).__name__, "segments joined per <unit> (tt exposes %d segments)" % len(store.units)
    units = []
    for u in store.units:
        if fmt == "po" and (u.isheader() or u.isobsolete()):
            continue
        if fmt == "xliff12":
            uid = u.xmlelement.get("id") or ""
        elif fmt == "tmx":
            uid = u.xmlelement.get("tuid") or ""
        else:
            uid = u.getid() or ""
        s, t = u.source, u.target
        if fmt == "tmx":
            # pick the tuv by language, like bitext is asked to do
            s_l, t_l = tmx_by_lang(u, src, tgt)
            if (t_l is not None and norm(t_l) != norm(t)) or (s_l is not None and norm(s_l) != norm(s)):
                note.append("tuv by position != tuv by language")
            s = s_l if s_l is not None else s
            t = t_l if t_l is not None else ""
        if hasattr(s, "strings"):  # multistring (plural)
            s = s.strings[0] if s.strings else ""
        if hasattr(t, "strings"):
            t = t.strings[0] if t.strings else ""
        units.append({"id": str(uid), "source": "" if s is None else str(s),
                      "target": "" if t is None else str(t),
                      "translatable": u.istranslatable() if hasattr(u, "istranslatable") else True})
    return units, type(store).__name__, "; ".join(sorted(set(note)))


def tmx_by_lang(u, src, tgt):
    s = t = None
    tuvs = [e for e in u.xmlelement if localname(e.tag) == "tuv"]
    for tuv in tuvs:
        lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()
        text = u.getNodeText(tuv)  # lisa: takes the <tuv>, finds its <seg>
        if lang == src.lower() and s is None:
            s = text
        elif lang == tgt.lower() and t is None:
            t = text
    return s, t


def xliff2_units(store):
    """tt exposes one unit per <segment>; join them (with <ignorable> text) per <unit> like bitext does."""
    seg2tt = {u.xmlelement: u for u in store.units}
    out, seen = [], {}  # holding the elements keeps lxml's proxies (and their hashes) stable
    for u in store.units:
        ue = u.getunitelement()
        if ue in seen:
            continue
        seen[ue] = True
        src, tgt = [], []
        for child in ue:
            ln = localname(child.tag)
            if ln == "segment" and child in seg2tt:
                tu = seg2tt[child]
                src.append(str(tu.source or ""))
                tgt.append(str(tu.target or ""))
            elif ln == "ignorable":  # spec: an ignorable without <target> keeps its source text
                parts = {localname(p.tag): "".join(p.itertext()) for p in child}
                src.append(parts.get("source", ""))
                tgt.append(parts.get("target", parts.get("source", "")))
        out.append({"id": ue.get("id", ""), "source": "".join(src), "target": "".join(tgt),
                    "translatable": u.istranslatable(), "segments": sum(1 for c in ue if localname(c.tag) == "segment")})
    return out


def own_xliff2(path):
    """Fallback XLIFF 2 reader: unit id, concatenated source / target text."""
    root = read_root(path)
    out = []
    for unit in root.iter():
        if localname(unit.tag) != "unit":
            continue
        src, tgt = [], []
        for seg in unit:
            if localname(seg.tag) not in ("segment", "ignorable"):
                continue
            for part in seg:
                if localname(part.tag) == "source":
                    src.append("".join(part.itertext()))
                elif localname(part.tag) == "target":
                    tgt.append("".join(part.itertext()))
        out.append({"id": unit.get("id", ""), "source": "".join(src), "target": "".join(tgt), "translatable": True})
    return out


# ----------------------------------------------------------------- compare
def compare(b, t, id_mode="id"):
    """id_mode: "id" pair by id when ids are unique and shared; "pos" pair by source alignment
    (difflib) and compare ids only where tt has one (PO has no ids; TMX tuid is optional)."""
    diffs, tdiffs = [], []
    if len(b) != len(t):
        diffs.append("unit count: bitext %d, tt %d" % (len(b), len(t)))
        tdiffs.append(diffs[-1])
    bids, tids = [u["id"] for u in b], [u["id"] for u in t]
    by_id = (id_mode == "id" and len(set(bids)) == len(bids) and len(set(tids)) == len(tids)
             and set(bids) & set(tids))
    pairs = []
    if by_id:
        tmap = {u["id"]: u for u in t}
        bmap = {u["id"]: u for u in b}
        only_b = [i for i in bids if i not in tmap]
        only_t = [i for i in tids if i not in bmap]
        if only_b:
            diffs.append("ids only in bitext: %s" % short(only_b))
        if only_t:
            diffs.append("ids only in tt: %s" % short(only_t))
        common = [i for i in bids if i in tmap]
        if [i for i in tids if i in bmap] != common:
            diffs.append("unit order differs")
        pairs = [(i, bmap[i], tmap[i]) for i in common]
    else:
        import difflib
        sm = difflib.SequenceMatcher(None, [text_only(u["source"]) for u in b],
                                     [text_only(u["source"]) for u in t], autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
                for k in range(i2 - i1):
                    pairs.append(("#%d" % (i1 + k + 1), b[i1 + k], t[j1 + k]))
            else:
                if i2 > i1:
                    diffs.append("only in bitext: units #%d-#%d (%s)" % (i1 + 1, i2, short([clip(norm(u["source"]), 40) for u in b[i1:i2]])))
                    tdiffs.append(diffs[-1])
                if j2 > j1:
                    diffs.append("only in tt: units #%d-#%d (%s)" % (j1 + 1, j2, short([clip(norm(u["source"]), 40) for u in t[j1:j2]])))
                    tdiffs.append(diffs[-1])
        for key, x, y in pairs:
            if id_mode == "pos-tuid" and y["id"] and x["id"] != y["id"]:
                diffs.append("id %s: bitext %r, tt %r" % (key, x["id"], y["id"]))
    for key, x, y in pairs:
        for field in ("source", "target"):
            if norm(x[field]) != norm(y[field]):
                diffs.append("%s %s: bitext %r | tt %r" % (field, key, clip(norm(x[field])), clip(norm(y[field]))))
            if text_only(x[field]) != text_only(y[field]):
                tdiffs.append("%s %s: bitext %r | tt %r" % (field, key, clip(norm(x[field])), clip(norm(y[field]))))
    return diffs, tdiffs


def short(lst):
    return ", ".join(repr(x) for x in lst[:5]) + (" … (%d)" % len(lst) if len(lst) > 5 else "")


def clip(s, n=90):
    return s if len(s) <= n else s[:n] + "…"


def process(fmt, name):
    path = os.path.join(SEEDS, fmt, name)
    src, tgt, how = detect_langs(fmt, path)
    os.makedirs(os.path.join(OUT, fmt), exist_ok=True)
    outfile = os.path.join(OUT, fmt, name + ".jsonl")
    r = {"format": fmt, "file": name, "src": src, "tgt": tgt, "lang_note": how}
    b = run_bitext(path, src, tgt, outfile)
    r["bitext_rc"], r["bitext_stderr"] = b["rc"], b["stderr"]
    # bitext only accepts .xlf for XLIFF: retry a copy under .xlf so that content is still compared
    if b["rc"] != 0 and "unknown input format" in b["stderr"]:
        ext = ".po" if fmt == "po" else ".tmx" if fmt == "tmx" else ".xlf"
        tmpd = tempfile.mkdtemp(prefix="rfc-")
        alt = os.path.join(tmpd, os.path.splitext(name)[0] + ext)
        shutil.copyfile(path, alt)
        b2 = run_bitext(alt, src, tgt, outfile + ".renamed")
        shutil.rmtree(tmpd)
        r["renamed_rc"], r["renamed_stderr"] = b2["rc"], b2["stderr"]
        if b2["rc"] == 0:
            r["renamed_units"] = len(b2["units"])
            b_for_content = b2
        else:
            b_for_content = None
    else:
        b_for_content = b if b["rc"] == 0 else None
    try:
        t, cls, tnote = tt_read(fmt, path, src, tgt)
        r["tt_class"], r["tt_note"], r["tt_units"] = cls, tnote, len(t)
        r["tt_error"] = None
    except Exception as e:
        t = None
        r["tt_error"] = "%s: %s" % (type(e).__name__, str(e)[:300])
    if b_for_content is not None:
        r["bitext_units"] = len(b_for_content["units"])
    if b_for_content is not None and t is not None:
        diffs, tdiffs = compare(bitext_units(b_for_content), t, {"po": "pos", "tmx": "pos-tuid"}.get(fmt, "id"))
        r["diffs"], r["ndiffs"] = diffs[:3], len(diffs)
        r["text_diffs"], r["ntext_diffs"] = tdiffs[:3], len(tdiffs)
    bitext_ok = b["rc"] == 0
    if not bitext_ok and t is None:
        cls_ = "both refused"
    elif not bitext_ok:
        cls_ = "bitext refused"
    elif t is None:
        cls_ = "tt refused"
    else:
        cls_ = "same" if r["ndiffs"] == 0 else "differs"
    r["class"] = cls_
    if not bitext_ok:
        r["bitext_pos"] = position_in(b["stderr"])
    c = CAUSES.get(fmt + "/" + name)
    if c:
        r["cause"], r["judgement"] = c[0], c[1]
        r["good_reason"] = c[2] if len(c) > 2 else None
    return r


# ----------------------------------------------------------------- report
def table(results):
    hdr = ["format", "files", "same", "differs", "  text-only same", "bitext refused", "  pos/no-pos",
           "  good reason", "both refused", "tt refused"]
    rows = []
    for fmt in FORMATS + ["all"]:
        rs = [r for r in results if fmt == "all" or r["format"] == fmt]
        br = [r for r in rs if r["class"] == "bitext refused"]
        rows.append([fmt, len(rs), sum(r["class"] == "same" for r in rs),
                     sum(r["class"] == "differs" for r in rs),
                     sum(r["class"] == "differs" and r.get("ntext_diffs") == 0 for r in rs),
                     len(br),
                     "%d/%d" % (sum(bool(r.get("bitext_pos")) for r in br), sum(not r.get("bitext_pos") for r in br)),
                     sum(r.get("good_reason") is True for r in br),
                     sum(r["class"] == "both refused" for r in rs),
                     sum(r["class"] == "tt refused" for r in rs)])
    w = [max(len(str(x)) for x in col) for col in zip(hdr, *rows)]
    lines = [" | ".join(str(x).ljust(n) for x, n in zip(hdr, w))]
    lines.append("-|-".join("-" * n for n in w))
    for row in rows:
        lines.append(" | ".join(str(x).ljust(n) for x, n in zip(row, w)))
    return "\n".join(lines)


def write_report(results):
    L = ["# bitext export vs translate-toolkit on /work/fuzz-seeds", "",
         "Generated by `compare.py` (translate-toolkit %s). Whitespace normalised on both sides "
         "(NFC, runs of whitespace -> one space, trimmed). *text-only* additionally strips `<…>` tags, "
         "`{n}` placeholders, private-use/U+FFFC marker characters and all whitespace." % tt_version(), "",
         "Languages: from the file (XLIFF 2 srcLang/trgLang, XLIFF 1.2 first <file>, TMX header srclang and "
         "first other tuv language, PO `Language:`); defaults en/fr. For TMX the tt side takes the tuv with "
         "the same language (tt's own `.target` is simply the 2nd tuv).", "",
         "```", table(results), "```", "",
         "`pos/no-pos`: bitext's message names a line/byte or not. `good reason`: my judgement after "
         "looking at the file (see causes below).", ""]
    # causes
    groups = {}
    for r in results:
        if r["class"] == "same":
            continue
        groups.setdefault(r.get("cause", "(unclassified)"), []).append(r)
    L += ["## Causes (non-'same' files)", ""]
    for cause, rs in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        L.append("- **%s** — %d: %s" % (cause, len(rs), ", ".join("%s/%s" % (r["format"], r["file"]) for r in rs)))
    L.append("")
    for fmt in FORMATS:
        L += ["## %s" % fmt, ""]
        for r in results:
            if r["format"] != fmt or r["class"] == "same":
                continue
            L.append("### %s — %s" % (r["file"], r["class"]))
            L.append("- langs: %s → %s%s" % (r["src"], r["tgt"], (" (%s)" % r["lang_note"]) if r["lang_note"] else ""))
            L.append("- bitext: exit %s, %s units%s" % (r["bitext_rc"], r.get("bitext_units", "–"),
                                                       ("; stderr: `%s`" % r["bitext_stderr"].replace("`", "'")[:400]) if r["bitext_stderr"] else ""))
            if r["bitext_rc"] != 0:
                L.append("  - message names line/byte: %s" % ("yes" if r.get("bitext_pos") else "no"))
            if "renamed_rc" in r:
                L.append("  - copy renamed to a bitext extension: exit %s%s" % (
                    r["renamed_rc"], ("; " + r["renamed_stderr"][:300]) if r["renamed_stderr"] else ""))
            if r.get("tt_error"):
                L.append("- tt: refused: `%s`" % r["tt_error"].replace("`", "'"))
            else:
                L.append("- tt: %s, %s units%s" % (r["tt_class"], r["tt_units"], ("; " + r["tt_note"]) if r["tt_note"] else ""))
            if "ndiffs" in r:
                L.append("- differences: %d (text-only: %d); first ones:" % (r["ndiffs"], r["ntext_diffs"]))
                for d in r["diffs"]:
                    L.append("  - `%s`" % d.replace("`", "'"))
                if r["ntext_diffs"] and r["text_diffs"] != r["diffs"]:
                    L.append("  - text-only:")
                    for d in r["text_diffs"]:
                        L.append("    - `%s`" % d.replace("`", "'"))
            if r.get("cause"):
                L.append("- cause: **%s**" % r["cause"])
                L.append("- judgement: %s" % r["judgement"])
            L.append("")
    same = [r for r in results if r["class"] == "same"]
    L += ["## Files that are the same (%d)" % len(same), "",
          ", ".join("%s/%s (%s)" % (r["format"], r["file"], r.get("bitext_units")) for r in same), ""]
    noted = [r for r in same if r.get("tt_note") and "position" in r["tt_note"]]
    if noted:
        L += ["Same only because the tt side picks the tuv by language: tt's own `.source/.target` (1st/2nd tuv) "
              "would give other text in %d TMX files (tuv order / multilingual TMX; bitext picks by xml:lang, which is right): %s"
              % (len(noted), ", ".join(r["file"] for r in noted)), ""]
    with open(os.path.join(HERE, "report.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(L))


def tt_version():
    try:
        from importlib.metadata import version
        return version("translate-toolkit")
    except Exception:
        return "?"


def main():
    only = sys.argv[1:]
    results = []
    for fmt in FORMATS:
        for name in sorted(os.listdir(os.path.join(SEEDS, fmt))):
            if only and not any(o in fmt + "/" + name for o in only):
                continue
            r = process(fmt, name)
            results.append(r)
            print("%-8s %-55s %-15s %s" % (fmt, name[:55], r["class"],
                                           (r.get("diffs") or [""])[0][:60] if r["class"] == "differs"
                                           else (r["bitext_stderr"][:60] if r["class"].endswith("refused") and r["bitext_rc"] else "")),
                  flush=True)
    if not only:
        with open(os.path.join(HERE, "results.json"), "w", encoding="utf-8") as fh:
            json.dump(results, fh, ensure_ascii=False, indent=1)
        write_report(results)
    print()
    print(table(results))


if __name__ == "__main__":
    main()
