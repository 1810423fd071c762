#!/usr/bin/env python3
"""What manulint reads of each corpus manuscript, against counts made without it.

    tests/corpus/counts.py

For every manuscript of manuscripts.toml with a counter below, the notes and bibliography
entries manulint's JSON summary reports must equal what this script counts in the files
itself (regular expressions over the text; python's zipfile over a .docx), and the citation
keys manulint's citation index holds (examples/dump_citations, when built) must equal the keys
counted here. The counting rules, each the way the format defines it:

- Markdown / R Markdown: `^[…]` inline notes and `[^label]:` definitions, outside HTML comments,
  code chunks and inline code; keys are `@key` outside those and outside YAML blocks (whose
  `nocite` lists keys that are not citations).
- LaTeX: `\\footnote` in the root and the files it `\\include`s, outside `%` comments; keys are
  the comma-separated keys of the cite commands, `\\nocite` excepted.
- Typst: `#footnote[`, outside `//` comments.
- Word: `w:footnote` and `w:endnote` elements that are not separators.
- BibTeX: `@type{` entries other than @string, @comment and @preamble.
- A typed bibliography: its paragraphs (hard-broken lines in Markdown) after the heading,
  less group labels (bold lines, `Label :` lines) and the title and a prefatory note.

MANULINT_BIN as for check.py.
"""

import json
import os
import re
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.environ.get("MANULINT_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
BIN = os.environ.get("MANULINT_BIN", os.path.join(ROOT, "target", "release", "manulint"))
DUMP = os.path.join(os.path.dirname(os.path.dirname(BIN)), "debug", "examples", "dump_citations")


def corpus(path):
    return os.path.join(CORPUS, path)


def read(path):
    with open(corpus(path), encoding="utf-8", errors="replace") as f:
        return f.read()


def blank(match):
    return re.sub(r"[^\n]", " ", match.group(0))


def markdown_prose(text):
    """The text less YAML blocks, HTML comments, code chunks and inline code."""
    text = re.sub(r"(?ms)^---\n.*?\n(?:---|\.\.\.)\n", blank, text)
    text = re.sub(r"(?s)<!--.*?-->", blank, text)
    text = re.sub(r"(?s)```.*?```", blank, text)
    return re.sub(r"`[^`\n]*`", blank, text)


def markdown_notes(paths):
    total = 0
    for path in paths:
        text = markdown_prose(read(path))
        total += len(re.findall(r"\^\[", text)) + len(re.findall(r"(?m)^\[\^[^\]]+\]:", text))
    return total


def markdown_keys(paths):
    keys = []
    for path in paths:
        text = markdown_prose(read(path))
        keys += re.findall(r"(?<![\w@.])-?@([A-Za-z0-9_][\w:.#$%&+?<>~/-]*[A-Za-z0-9_])", text)
    return len(keys)


def latex_files(root):
    folder = os.path.dirname(root)
    text = re.sub(r"(?<!\\)%.*", "", read(root))
    files = [root]
    for name in re.findall(r"\\include\{([^}]+)\}", text):
        name = name if name.endswith(".tex") else name + ".tex"
        if os.path.isfile(corpus(os.path.join(folder, name))):
            files.append(os.path.join(folder, name))
    return [re.sub(r"(?<!\\)%.*", "", read(f)) for f in files]


def latex_notes(root):
    return sum(len(re.findall(r"\\footnote\s*[\[{]", t)) for t in latex_files(root))


def latex_keys(root):
    command = r"\\(?!nocite)([a-zA-Z]*cite[a-zA-Z]*)\*?\s*(?:\[[^\]]*\]\s*){0,2}\{([^}]*)\}"
    return sum(
        len([k for k in m.group(2).split(",") if k.strip()])
        for t in latex_files(root)
        for m in re.finditer(command, t)
    )


def typst_notes(path):
    text = re.sub(r"(?m)//.*$", "", read(path))
    return len(re.findall(r"#footnote\[", text))


def docx_notes(paths):
    total = 0
    for path in paths:
        with zipfile.ZipFile(corpus(path)) as z:
            for part in ("word/footnotes.xml", "word/endnotes.xml"):
                if part in z.namelist():
                    xml = z.read(part).decode("utf-8", "replace")
                    notes = re.findall(r"<w:(?:footnote|endnote)(?: [^>]*)?>", xml)
                    total += sum(1 for n in notes if "w:type=" not in n)
    return total


def docx_paragraphs(path):
    with zipfile.ZipFile(corpus(path)) as z:
        xml = z.read("word/document.xml").decode("utf-8", "replace")
    paragraphs = re.findall(r"(?s)<w:p[ >].*?</w:p>", xml)
    return ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)).strip() for p in paragraphs]


def bib_entries(paths):
    pattern = r"(?mi)^\s*@(?!string|comment|preamble)[a-z]+\s*[{(]"
    return sum(len(re.findall(pattern, read(p))) for p in paths)


def docx_list_after(path, heading):
    paragraphs = docx_paragraphs(path)
    at = max(i for i, p in enumerate(paragraphs) if p == heading)
    return len([p for p in paragraphs[at + 1:] if p])


def schaefer_bibliography():
    # The title and the prefatory `Note:` paragraph are not entries.
    return len([p for p in docx_paragraphs("schaefer-diss/Bibliography.docx")[1:]
                if p and not p.startswith("Note:")])


def heppler_bibliography():
    text = read("heppler-diss/bibliography.dissertation.Heppler.md").split("\n...\n", 1)[1]
    lines = 0
    for paragraph in re.split(r"\n\s*\n", text):
        for line in re.split(r"(?:  +|\\)\n", paragraph.strip()):
            line = re.sub(r"\\[a-z]+(?:\{[^}]*\})?(?: ?-?[0-9.]+in)?", "", line).strip()
            if line and not re.fullmatch(r"\*\*[^*]+\*\*", line):
                lines += 1
    return lines


def carbonari_bibliography():
    text = read("carbonari-memoire/circe/m2_comedie.typ")
    section = text[text.index("Bibliographie\n]"):]
    section = section[:section.index("#heading", 1)]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", section)[1:] if p.strip()]
    return len([p for p in paragraphs if not re.fullmatch(r"[^\d,]{1,40}:", p)])


HEPPLER = [f"heppler-diss/{n}.dissertation.Heppler.md" for n in
           ("introduction", "ch1", "ch2", "ch3", "ch4", "ch5", "ch6", "conclusion", "bibliography")]
SCHAEFER = [f"schaefer-diss/{n}.docx" for n in
            [f"Chapter {i}" for i in range(1, 9)] + ["Conclusion", "Appendix A", "Bibliography"]]
LAKENS_BIBS = ["lakens-equivalence/equivalence.bib", "lakens-equivalence/r-references.bib"]

# name: (files given to manulint, notes, citation keys or None, bibliography entries)
COUNTERS = {
    "langsci186-guzman": (
        ["langsci186-guzman/main.tex"],
        lambda: latex_notes("langsci186-guzman/main.tex"),
        lambda: latex_keys("langsci186-guzman/main.tex"),
        lambda: bib_entries(["langsci186-guzman/localbibliography.bib"]),
    ),
    "carbonari-memoire": (
        ["carbonari-memoire/circe/m2_comedie.typ"],
        lambda: typst_notes("carbonari-memoire/circe/m2_comedie.typ"),
        lambda: 0,
        carbonari_bibliography,
    ),
    "schaefer-diss": (SCHAEFER, lambda: docx_notes(SCHAEFER), lambda: 0, schaefer_bibliography),
    "lakens-equivalence": (
        ["lakens-equivalence/manuscript.Rmd"],
        lambda: markdown_notes(["lakens-equivalence/manuscript.Rmd"]),
        lambda: markdown_keys(["lakens-equivalence/manuscript.Rmd"]),
        lambda: bib_entries(LAKENS_BIBS),
    ),
    "lakens-equivalence-docx": (
        ["lakens-equivalence/manuscript.docx"],
        lambda: docx_notes(["lakens-equivalence/manuscript.docx"]),
        lambda: 0,
        lambda: docx_list_after("lakens-equivalence/manuscript.docx", "References"),
    ),
    "heppler-diss": (HEPPLER, lambda: markdown_notes(HEPPLER), lambda: markdown_keys(HEPPLER),
                     heppler_bibliography),
    "kinkead-douglas": (
        ["kinkead-douglas/chapter.md"],
        lambda: markdown_notes(["kinkead-douglas/chapter.md"]),
        lambda: markdown_keys(["kinkead-douglas/chapter.md"]),
        lambda: bib_entries(["kinkead-douglas/big_data_and_democracy.bib"]),
    ),
}


def manulint_summary(files):
    command = [BIN, "check", "--format", "json", "--fail-on", "never"]
    command += [corpus(f) for f in files]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"manulint exited {done.returncode}: {done.stderr.strip()}")
    return json.loads(done.stdout)["summary"]


def manulint_keys(files):
    if not os.path.exists(DUMP):
        return None
    done = subprocess.run([DUMP] + [corpus(f) for f in files], capture_output=True, text=True)
    return sum(1 for line in done.stdout.splitlines() if line.startswith("K "))


def main():
    if not os.path.isdir(CORPUS):
        sys.exit(f"corpus not found at {CORPUS}")
    wrong = []
    for name, (files, notes, keys, entries) in COUNTERS.items():
        summary = manulint_summary(files)
        read_keys = manulint_keys(files)
        counted = {"notes": notes(), "bibliography_entries": entries(), "keys": keys()}
        read = {"notes": summary["notes"], "bibliography_entries": summary["bibliography_entries"],
                "keys": read_keys}
        cells = []
        for field in ("notes", "keys", "bibliography_entries"):
            if read[field] is None:
                cells.append(f"{field} {counted[field]} (manulint's not dumped)")
                continue
            mark = "" if read[field] == counted[field] else "  <- differs"
            if mark:
                wrong.append(f"{name}: {field} read {read[field]}, counted {counted[field]}")
            cells.append(f"{field} {read[field]}/{counted[field]}{mark}")
        print(f"{name}: " + ", ".join(cells) + f"; citations read {summary.get('citations')}")
    if wrong:
        print("\n".join(wrong), file=sys.stderr)
        return 1
    print(f"counts: what manulint reads equals what was counted ({len(COUNTERS)} manuscripts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
