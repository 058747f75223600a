"""Write .zenodo.json from CITATION.cff: `python -m press.zenodo > .zenodo.json` (`make zenodo`).

A module of its own, not imported by the package, so `python -m` runs it cleanly.
"""
from __future__ import annotations

import json
import sys

from . import meta


def text() -> str:
    return json.dumps(meta.zenodo(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    sys.stdout.write(text())
