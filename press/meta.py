"""The book's citation metadata, read from CITATION.cff: the one place for version and date.

The PDF title page, the HTML pages and the how-to-cite chapter all read it from here.
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from . import ROOT

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


# ISO 639-1 (Sphinx's `language`) to ISO 639-3 (what Zenodo's `language` takes).
ISO_639_3 = {"ar": "ara", "en": "eng"}
ZENODO_LICENCES = {"CC-BY-4.0": "cc-by-4.0"}


def book_language() -> str:
    """The book's language as _config.yml declares it to Sphinx (one place for it)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["sphinx"]["config"]["language"]


def zenodo() -> dict:
    """Zenodo's deposit metadata (.zenodo.json), derived from CITATION.cff and nothing else
    but the book's language; `make zenodo` writes it, a test checks it is current."""
    meta = book()
    licence = ZENODO_LICENCES.get(meta["license"])
    if licence is None:
        raise KeyError(f"{CITATION}: licence '{meta['license']}' has no Zenodo identifier here")
    language = book_language()
    if language not in ISO_639_3:
        raise KeyError(f"_config.yml: language '{language}' has no ISO 639-3 code here")
    record = {
        "title": meta["title"],
        "upload_type": "publication",
        "publication_type": "book",
        "description": meta.get("abstract", meta["title"]),
        "creators": [{"name": name} for name in meta["author_names"]],
        "version": str(meta["version"]),
        "publication_date": str(meta["date-released"]),
        "license": licence,
        "access_right": "open",
        "language": ISO_639_3[language],
    }
    if meta.get("keywords"):
        record["keywords"] = list(meta["keywords"])
    return record

