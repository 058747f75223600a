"""The data package as one byte-reproducible zip: every CSV, datapackage.json, references.bib.

A chapter's download block (:mod:`partnership.analysis.reuse`) links it; the release
attaches it. Sorted names, fixed times and modes: one commit always gives the same bytes.
"""
from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

from partnership import data
from partnership.analysis.reuse import ZIP_NAME  # noqa: F401  (the address the chapters link)
from partnership.data import location
from partnership.text import word

from . import meta

ZIP_FOLDER = "the-cautious-partnership-data"  # unzip makes one folder, not a spill of files
ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can carry



def package_files(data_dir: Path = None) -> list[Path]:
    """The data package's files: datapackage.json, every resource it lists, the bibliography."""
    data_dir = location.directory(data_dir)
    package = data.read_json(data_dir / "datapackage.json")
    names = ["datapackage.json"] + [r["path"] for r in package["resources"]]
    names.append(package.get("x-bibliography", "references.bib"))
    files = [data_dir / n for n in names]
    for path in files:
        if not path.is_file():
            raise data.DataError(path, "file not found (listed in datapackage.json)")
    return files


def _zip_time() -> tuple:
    """Every entry's timestamp: SOURCE_DATE_EPOCH (the release date, set by the Makefile)
    or 1980-01-01, never the clock, so one commit always gives the same bytes."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", ZIP_EPOCH)), ZIP_EPOCH)
    return time.gmtime(epoch)[:6]


def write_zip(target: Path, data_dir: Path = None, readme: str = "") -> Path:
    """Write the data package as one byte-reproducible zip: sorted names, fixed times and modes."""
    entries = {f"{ZIP_FOLDER}/{p.name}": p.read_bytes() for p in package_files(data_dir)}
    if readme:
        entries[f"{ZIP_FOLDER}/README.txt"] = readme.encode("utf-8")
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = _zip_time()
    with zipfile.ZipFile(target, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the mode below means what it says
            info.external_attr = 0o100644 << 16
            archive.writestr(info, entries[name], compresslevel=9)
    return target


def readme_text() -> str:
    """The zip's README, dated from CITATION.cff like the rest of the book."""
    book = meta.book()
    return word("interface.data_readme", version=book["version"], date=book["date-released"])
