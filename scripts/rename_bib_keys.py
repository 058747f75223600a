"""Rename references.bib keys wherever the book cites them, for merging two entries of one work.

    python scripts/rename_bib_keys.py old=new [old=new ...]

Rewrites whole-word occurrences in data/ (CSV source cells, datapackage.json), the
package's code and catalogue, and the chapters' cell sources (not their outputs: run
`make notebooks` after). The bibliography itself is edited by hand, since merging two
entries means choosing what each keeps. Prints every file it changed.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent


def rename(text: str, pairs: dict[str, str]) -> str:
    for old, new in pairs.items():
        text = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, text)
    return text


def main(argv: list[str]) -> int:
    pairs = dict(arg.split("=", 1) for arg in argv)
    if not pairs or any(not old or not new for old, new in pairs.items()):
        print(__doc__)
        return 2
    files = [*ROOT.glob("data/*.csv"), ROOT / "data" / "datapackage.json",
             *ROOT.glob("partnership/**/*.py"), *ROOT.glob("partnership/**/*.toml")]
    for path in files:
        text = path.read_text(encoding="utf-8")
        if (changed := rename(text, pairs)) != text:
            path.write_text(changed, encoding="utf-8")
            print(path.relative_to(ROOT))
    for path in sorted(ROOT.glob("chapters/*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        touched = False
        for cell in notebook.cells:
            if (changed := rename(cell.source, pairs)) != cell.source:
                cell.source, touched = changed, True
        if touched:
            nbformat.write(notebook, path)
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
