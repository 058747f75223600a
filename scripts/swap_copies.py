"""Swap a copy for an original, row by row, from a reviewed .bib file.

    python scripts/swap_copies.py reviewed.bib [more.bib ...] [--skip key,key]

A reviewer who finds an original carrying the facts a copy gave some rows writes the
original as a new entry, preceded by one comment line per copy it replaces:

    % REPLACES <copy key> ON claims.csv:10,events.csv:3
    @misc{newkey, ...}

or, when an entry already in references.bib carries them:

    % USE EXISTING <key>: REPLACES <copy key> ON hindsight.csv:60

On each named row (file:line in data/, the header being line 1) the copy's key gives way
to the original's. New entries are added to references.bib; a copy that no row, chapter,
module or catalogue cites any more is removed from it. Prints what it did.
"""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import nbformat

from replace_bib_entries import BIB, ENTRY  # one reading of an entry for both scripts

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
REPLACES = re.compile(r"^% (?:USE EXISTING (\S+): )?REPLACES (\S+) ON (\S+)\s*$", re.M)


def swaps(text: str):
    """(original, copy, [(file, line)]) for each REPLACES line; a bare one belongs to the next entry."""
    entries = [(m.start(), m.group(1)) for m in ENTRY.finditer(text)]
    for m in REPLACES.finditer(text):
        original = m.group(1) or next(key for start, key in entries if start > m.start())
        rows = [(f, int(n)) for f, n in (item.split(":") for item in m.group(3).split(","))]
        yield original, m.group(2), rows


def cited_anywhere(key: str) -> bool:
    word = re.compile(rf"(?<![\w-]){re.escape(key)}(?![\w-])")
    texts = [p.read_text(encoding="utf-8") for p in DATA.glob("*.csv")]
    texts += [c.source for p in (ROOT / "chapters").glob("*.ipynb") for c in nbformat.read(p, 4).cells]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "partnership").rglob("*.py")]
    texts.append((ROOT / "partnership" / "text" / "ar.toml").read_text(encoding="utf-8"))
    return any(word.search(t) for t in texts)


def main(argv: list[str]) -> int:
    skip = set()
    if "--skip" in argv:
        i = argv.index("--skip")
        skip, argv = set(argv[i + 1].split(",")), argv[:i] + argv[i + 2:]
    if not argv:
        print(__doc__)
        return 2
    bib = BIB.read_text(encoding="utf-8")
    present = {m.group(1) for m in ENTRY.finditer(bib)}
    tables, copies = {}, set()
    for path in argv:
        text = Path(path).read_text(encoding="utf-8")
        for m in ENTRY.finditer(text):
            if m.group(1) not in present and m.group(1) not in skip:
                bib = bib.rstrip("\n") + "\n\n" + m.group(0) + "\n"
                present.add(m.group(1))
                print(f"{m.group(1)}: added")
        for original, copy, rows in swaps(text):
            if original in skip or original not in present:
                continue
            for name, line in rows:
                table = tables.setdefault(name, list(csv.reader(io.StringIO((DATA / name).read_text(encoding="utf-8")))))
                column = table[0].index("source")
                keys = table[line - 1][column].split(";")
                if copy not in keys:
                    print(f"{name}:{line}: '{copy}' not cited there; left alone")
                    continue
                keys = [original if k == copy else k for k in keys]
                table[line - 1][column] = ";".join(dict.fromkeys(keys))
                copies.add(copy)
                print(f"{name}:{line}: {copy} -> {original}")
    for name, table in tables.items():
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(table)
        (DATA / name).write_text(out.getvalue(), encoding="utf-8")
    BIB.write_text(bib, encoding="utf-8")
    for copy in sorted(copies):
        if not cited_anywhere(copy):
            bib = BIB.read_text(encoding="utf-8")
            bib = re.sub(rf"\n@\w+\{{{re.escape(copy)},.*?\n\}}\n", "\n", bib, flags=re.S)
            BIB.write_text(bib, encoding="utf-8")
            print(f"{copy}: cited nowhere now; removed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
