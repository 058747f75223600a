"""Put the entries of a reviewed .bib file into data/references.bib, by key.

    python scripts/replace_bib_entries.py reviewed.bib [more.bib ...]

An entry whose key is already in references.bib replaces it where it stands (a copy
swapped for its original keeps its key, so no data row changes); a new key is added
at the end. Used when a source review hands back corrected entries. Prints each key
and what happened to it; the book's loader checks the result on the next build.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

BIB = Path(__file__).resolve().parent.parent / "data" / "references.bib"
# An entry runs from its @type{key, to the closing brace at the start of a line.
ENTRY = re.compile(r"^@\w+\{([^,\s]+),.*?^\}\s*?$", re.M | re.S)


def entries(text: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in ENTRY.finditer(text)}


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__)
        return 2
    text = BIB.read_text(encoding="utf-8")
    present = entries(text)
    for path in paths:
        for key, body in entries(Path(path).read_text(encoding="utf-8")).items():
            if key in present:
                text = text.replace(present[key], body, 1)
                print(f"{key}: replaced")
            else:
                text = text.rstrip("\n") + "\n\n" + body + "\n"
                print(f"{key}: added")
            present[key] = body
    BIB.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
