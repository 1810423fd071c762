#!/usr/bin/env python3
"""Runs manulint on every manuscript of the development corpus and compares the result with
its judged list, tests/corpus/<name>.txt.

A judged list holds one line a diagnostic:

    <verdict> <rule> <file>:<line>:<column> note=<label> <message>  ## <why>

where the verdict is `true` (a careful copy-editor would want it flagged), `false`, `unsure` or
`unjudged`. CI fails when a diagnostic appears that the list does not hold, or a listed one
disappears: changing the list is a reviewed step (`--update`, then read the diff).

    check.py                 compare every manuscript (exit 1 on any difference)
    check.py NAME ...        only these manuscripts
    check.py --update        rewrite the lists: verdicts kept for lines still reported, new
                             lines `unjudged` (or the verdict of the same diagnostic moved)
    check.py --report        precision per rule and false/info per 20 pages, per manuscript
    check.py --recall REV    recall against the lists at git revision REV: every line judged
                             `true` there must still be reported at its file and line, as a
                             diagnostic of the same rule or one of its related places (a
                             finding grouped since keeps its places)
"""
import collections
import json
import os
import re
import subprocess
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.environ.get("MANULINT_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
BIN = os.environ.get("MANULINT_BIN", os.path.join(ROOT, "target", "release", "manulint"))
VERDICTS = ("true", "false", "unsure", "unjudged")
WORDS_PER_PAGE = 500


def manuscripts():
    with open(os.path.join(HERE, "manuscripts.toml"), "rb") as f:
        return tomllib.load(f)


def position(d):
    """`line:column` in a text file; in a Word document, which has no lines, `p12:5` (body
    paragraph 12, character 5), `n3:5` (note 3), `n3.2:5` (its second paragraph), `e…` for
    an endnote."""
    if "line" in d:
        return str(d["line"]), f"{d['line']}:{d['column']}"
    if d.get("part") == "body":
        where = f"p{d['paragraph']}"
    else:
        where = ("e" if d.get("part") == "endnotes" else "n") + str(d.get("note_mark"))
        if d.get("paragraph", 1) > 1:
            where += f".{d['paragraph']}"
    return where, f"{where}:{d['characters']['start'] + 1}"


def corpus_path(path):
    # One diagnostic a line, fields split at spaces: a space in a file name is written %20.
    return path.replace(" ", "%20")


def words_of(path, root_folder=None):
    if path.lower().endswith(".docx"):
        import zipfile
        with zipfile.ZipFile(path) as z:
            xml = "".join(
                z.read(n).decode("utf-8", "replace")
                for n in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
                if n in z.namelist()
            )
        return len(" ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)).split())
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    words = len(text.split())
    if path.lower().endswith(".tex"):
        # A LaTeX root's pages are in the files it includes: follow \include and \input (not
        # commented out) the way TeX does: relative to the root file, `.tex` added when the name
        # has no extension.
        folder = root_folder or os.path.dirname(path)
        for line in text.splitlines():
            line = re.sub(r"(?<!\\)%.*", "", line)
            for included in re.findall(r"\\(?:include|input|subfile)\{([^}]+)\}", line):
                child = os.path.join(folder, included.strip())
                if not os.path.splitext(child)[1]:
                    child += ".tex"
                if os.path.isfile(child):
                    words += words_of(child, folder)
    return words


def run(name, spec):
    files = [os.path.join(CORPUS, p) for p in spec["files"]]
    command = [BIN, "check", "--format", "json", "--fail-on", "never"]
    command += ["--config", os.path.join(HERE, spec.get("config", "manulint.toml"))]
    for bib in spec.get("bibliography", []):
        command += ["--bibliography", os.path.join(CORPUS, bib)]
    command += files
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{name}: manulint exited {done.returncode}: {done.stderr.strip()}")
    report = json.loads(done.stdout)
    expected_style = spec.get("style")
    detected = report["summary"].get("citation_style", {}).get("name")
    if expected_style is not None and detected != expected_style:
        sys.exit(f"{name}: citation style detected as {detected}, not {expected_style}")
    corpus = os.path.realpath(CORPUS)
    lines = []
    places = set()
    for d in report["diagnostics"]:
        path = corpus_path(os.path.relpath(os.path.realpath(d["file"]), corpus))
        where, pos = position(d)
        places.add((d["rule"], path, where))
        for related in d.get("related", []):
            related_path = corpus_path(os.path.relpath(os.path.realpath(related["file"]), corpus))
            places.add((d["rule"], related_path, position(related)[0]))
        note = d.get("note")
        message = " ".join(d["message"].split())
        lines.append(
            (
                d["severity"],
                f"{d['rule']} {path}:{pos} "
                f"note={note if note is not None else '-'} {message}",
            )
        )
    words = 0
    for path in files:
        words += words_of(path)
    return lines, words, places


def read_judged(name):
    path = os.path.join(HERE, f"{name}.txt")
    judged = []
    if not os.path.exists(path):
        return judged
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            raw = raw.rstrip("\n")
            if not raw.strip() or raw.startswith("#"):
                continue
            verdict, _, rest = raw.partition(" ")
            if verdict not in VERDICTS:
                sys.exit(f"{path}:{number}: verdict must be one of {', '.join(VERDICTS)}")
            line, _, why = rest.partition("  ## ")
            judged.append((verdict, line.strip(), why.strip()))
    return judged


def carry_keys(line):
    """Looser and looser identities of a diagnostic, for keeping a verdict when only a count in
    its message changed (`... (498 times)`) or it moved."""
    rule, path_pos, rest = line.split(" ", 2)
    path = path_pos.rsplit(":", 2)[0]
    counts_folded = re.sub(r"\d+", "#", rest)
    return [
        (rule, path_pos, counts_folded),
        (rule, path, rest),
        (rule, path, counts_folded),
    ]


def write_judged(name, lines, judged):
    by_line = collections.defaultdict(list)
    for verdict, line, why in judged:
        by_line[line].append((verdict, why))
    # Exact matches first, so that a loose key never takes a verdict an exact line needs.
    chosen = [None] * len(lines)
    for i, (_, line) in enumerate(lines):
        if by_line[line]:
            chosen[i] = by_line[line].pop(0)
    leftovers = [
        collections.defaultdict(list) for _ in range(3)
    ]
    for line, rest in by_line.items():
        for verdict, why in rest:
            for level, key in enumerate(carry_keys(line)):
                leftovers[level][key].append((verdict, why))
    used = set()
    for i, (_, line) in enumerate(lines):
        if chosen[i] is not None:
            continue
        for level, key in enumerate(carry_keys(line)):
            candidates = [c for c in leftovers[level][key] if id(c) not in used]
            if candidates:
                chosen[i] = candidates[0]
                used.add(id(candidates[0]))
                break
    out = [
        f"# Judged diagnostics of {name} (tests/corpus/check.py; format in its docstring).",
    ]
    for (_, line), pick in zip(lines, chosen):
        verdict, why = pick if pick is not None else ("unjudged", "")
        out.append(f"{verdict} {line}" + (f"  ## {why}" if why else ""))
    with open(os.path.join(HERE, f"{name}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def compare(name, lines, judged):
    actual = collections.Counter(line for _, line in lines)
    listed = collections.Counter(line for _, line, _ in judged)
    appeared = actual - listed
    gone = listed - actual
    shown = 0
    limit = int(os.environ.get("MANULINT_CORPUS_SHOW", "15"))
    for kind, lines in (("new diagnostic", appeared), ("no longer reported", gone)):
        for line in sorted(lines.elements()):
            shown += 1
            if shown <= limit:
                print(f"{name}: {kind}: {line}")
    if shown > limit:
        print(
            f"{name}: … {shown - limit} more ({sum(appeared.values())} new, "
            f"{sum(gone.values())} gone in all; MANULINT_CORPUS_SHOW=N shows more)"
        )
    return not appeared and not gone


def report(name, lines, words, judged):
    pages = words / WORDS_PER_PAGE
    severity = {}
    for sev, line in lines:
        severity.setdefault(line, sev)
    per_rule = collections.defaultdict(collections.Counter)
    false_loud = info = 0
    for verdict, line, _ in judged:
        sev = severity.get(line, "?")
        per_rule[(line.split(" ", 1)[0], sev)][verdict] += 1
        if sev == "info":
            info += 1
        elif verdict == "false":
            false_loud += 1
    loud = sum(1 for sev, _ in lines if sev != "info")
    unjudged = sum(1 for v, _, _ in judged if v == "unjudged")
    print(
        f"{name}: {len(lines)} diagnostics ({loud} warning/error, {info} info), "
        f"{words} words = {pages:.0f} pages; false warning/error per 20 pages "
        f"{false_loud * 20 / pages:.2f} (bar 1), info per 20 pages {info * 20 / pages:.1f} "
        f"(bar 20){f', {unjudged} unjudged' if unjudged else ''}"
    )
    for (rule, sev), counts in sorted(per_rule.items()):
        judged_n = counts["true"] + counts["false"] + counts["unsure"]
        n = sum(counts.values())
        precision = counts["true"] / judged_n if judged_n else float("nan")
        flag = "  <- below 0.9" if n >= 5 and sev != "info" and precision < 0.9 else ""
        print(
            f"    {rule:34} {sev:7} {n:4}  true {counts['true']:3} false {counts['false']:3} "
            f"unsure {counts['unsure']:3} unjudged {counts['unjudged']:3}  "
            f"precision {precision:.2f}{flag}"
        )


def recall(name, places, revision):
    """Lines judged true at `revision` that the current output no longer reports anywhere."""
    listed = subprocess.run(
        ["git", "show", f"{revision}:tests/corpus/{name}.txt"],
        capture_output=True, text=True, cwd=ROOT,
    )
    if listed.returncode != 0:
        return 0, []
    lost = []
    total = 0
    for raw in listed.stdout.splitlines():
        verdict, _, rest = raw.partition(" ")
        if verdict != "true":
            continue
        total += 1
        rule, path_pos = rest.split(" ", 2)[:2]
        path, line = path_pos.rsplit(":", 2)[:2]
        if (rule, path, line) not in places:
            lost.append(rest.partition("  ## ")[0])
    return total, lost


def main(argv):
    update = "--update" in argv
    show = "--report" in argv
    revision = None
    if "--recall" in argv:
        at = argv.index("--recall")
        if at + 1 >= len(argv):
            sys.exit("--recall needs a git revision")
        revision = argv[at + 1]
        argv = argv[:at] + argv[at + 2:]
    names = [a for a in argv if not a.startswith("--")]
    specs = manuscripts()
    for name in names:
        if name not in specs:
            sys.exit(f"no manuscript `{name}` in tests/corpus/manuscripts.toml")
    if not os.path.isdir(CORPUS):
        sys.exit(f"corpus not found at {CORPUS}")
    same = True
    for name, spec in specs.items():
        if names and name not in names:
            continue
        lines, words, places = run(name, spec)
        judged = read_judged(name)
        if revision is not None:
            total, lost = recall(name, places, revision)
            print(f"{name}: {total - len(lost)} of {total} true at {revision} still reported")
            for line in lost:
                print(f"    lost: {line}")
            continue
        if update:
            write_judged(name, lines, judged)
            judged = read_judged(name)
        elif not compare(name, lines, judged):
            same = False
        if show:
            report(name, lines, words, judged)
    if not same:
        print("corpus output differs from tests/corpus/*.txt "
              "(tests/corpus/check.py --update after review)", file=sys.stderr)
        return 1
    if not update and not show and revision is None:
        print(f"corpus: every manuscript matches its judged list ({len(names or specs)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
