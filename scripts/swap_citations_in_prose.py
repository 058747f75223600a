"""Swap a cited key for others in the chapters' prose (Markdown cells), one pairing per argument.

    python scripts/swap_citations_in_prose.py copy=original[+original] ... [--unless "words"]

Used after scripts/swap_copies.py, once a copy's rows cite an original: the sentences that
cite the copy are rewritten to cite the original(s). A citation whose sentence (the 160
characters before it) holds one of the ``--unless`` phrases is left alone: there the
prose names the copy's publisher ("according to Reuters"), and only that page says so.
Cell outputs are not touched: run `make notebooks` after.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CITE = re.compile(r"(\{cite:[pt]\}`)([^`]+)(`)")


def main(argv: list[str]) -> int:
    unless = []
    if "--unless" in argv:
        i = argv.index("--unless")
        unless, argv = [w.strip() for w in argv[i + 1].split(",")], argv[:i] + argv[i + 2:]
    pairs = {old: new.split("+") for old, new in (a.split("=", 1) for a in argv)}
    if not pairs:
        print(__doc__)
        return 2
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        notebook, changed = nbformat.read(path, 4), False
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "markdown":
                continue

            def swap(match):
                before = cell.source[max(0, match.start() - 160):match.start()]
                keys = match.group(2).split(",")
                if not any(k in pairs for k in keys):
                    return match.group(0)
                if any(phrase in before for phrase in unless):
                    print(f"{path.name}[{index}]: kept {match.group(2)} (the sentence names its publisher)")
                    return match.group(0)
                new = [n for k in keys for n in pairs.get(k, [k])]
                print(f"{path.name}[{index}]: {match.group(2)} -> {','.join(dict.fromkeys(new))}")
                return match.group(1) + ",".join(dict.fromkeys(new)) + match.group(3)

            source = CITE.sub(swap, cell.source)
            if source != cell.source:
                cell.source, changed = source, True
        if changed:
            nbformat.write(notebook, path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
