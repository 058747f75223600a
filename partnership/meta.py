"""The book's citation metadata, read from CITATION.cff: the one place for version and date.

The PDF title page, the HTML pages and the how-to-cite chapter all read it from here.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from .data import ROOT

CITATION = ROOT / "CITATION.cff"


@lru_cache(maxsize=None)
def book() -> dict:
    meta = yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    for key in ("title", "version", "date-released", "license", "authors"):
        if key not in meta:
            raise KeyError(f"{CITATION}: '{key}' is missing")
    meta["year"] = str(meta["date-released"])[:4]
    meta["author_names"] = [a.get("name") or f"{a.get('given-names', '')} {a.get('family-names', '')}".strip()
                            for a in meta["authors"]]
    return meta
