"""The build refuses bad data: every table is validated before any page is read.

A malformed row stops the build even if no notebook happens to load that table. The
check is remembered under a digest of every file of the data package, so a rebuild
with the same data does not check it again; any changed byte checks all of it.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.errors import ExtensionError

from partnership import data
from partnership.data import location

STAMP = "press-data-valid"


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def validate_data(app):
    folder = location.directory()
    stamp = Path(app.doctreedir) / STAMP
    digest = _digest(folder)
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == digest:
        return
    try:
        data.validate_all()
    except data.DataError as err:
        raise ExtensionError(f"invalid data: {err}") from None
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest, encoding="utf-8")


def setup(app):
    app.connect("builder-inited", validate_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
