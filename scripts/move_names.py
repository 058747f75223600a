"""Rewrite the code cells of every chapter notebook where a name of the package moved.

Run from the repository's root: ``python scripts/move_names.py``. Only the source of
code cells changes; outputs, metadata and Markdown stay byte for byte as they were
(nbval then checks that the stored outputs still come out of the new code).
Each entry of MOVES is (old text, new text); a line that becomes empty is dropped.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
MOVES = [
    # issue 13: the package split into layers; notebooks reach every name through `p`.
    ("import partnership.frame\n", ""),
    ("p.refs.split_keys", "p.bibliography.split_keys"),
    ("import partnership as p\n\np.citation.Formats()", "import partnership as p\nfrom press import citation\n\ncitation.Formats()"),
]


def move(text: str) -> str:
    for old, new in MOVES:
        text = text.replace(old, new)
    return text


def main() -> int:
    changed = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        before = path.read_text(encoding="utf-8")
        nb = nbformat.reads(before, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.source = move(cell.source)
        after = nbformat.writes(nb) + "\n"
        if after != before:
            path.write_text(after, encoding="utf-8")
            changed.append(path.name)
    print(f"{len(changed)} notebooks changed: {', '.join(changed) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
