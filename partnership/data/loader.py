"""Validated access to the book's tables.

Every notebook reads its data through :func:`load`, which checks each cell against
the Table Schema in ``data/datapackage.json`` before any chart is drawn. A bad row
must stop the build with the file, row and column named, never turn into a wrong
chart or a silently shorter table.
"""
from __future__ import annotations

import csv

from . import bibliography, descriptor, location, schema
from .errors import DataError

# Every resource read_rows() has read (load() reads through it) in this process, in
# first-read order: a chapter's download links (partnership.analysis.reuse) list what
# its kernel really read.
LOADED: list[str] = []


def read_rows(name: str, data_dir=None) -> list[dict]:
    """Every row of a resource, typed and checked; raises :class:`DataError` on the first fault."""
    data_dir = location.directory(data_dir)
    res = descriptor.resource(name, data_dir)
    path = data_dir / res["path"]
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    keys = bibliography.keys(data_dir) if schema.SOURCE_FIELD in names else frozenset()
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise DataError(path, f"file not found (resource '{name}' in datapackage.json)") from None
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            raise DataError(path, "file is empty", row=1) from None
        for column in names:
            if column not in header:
                raise DataError(path, "column is missing from the header", row=1, column=column)
        for column in header:
            if column not in names:
                raise DataError(path, "column is not in the schema", row=1, column=column)
        if header != names:
            raise DataError(path, f"columns are out of order; expected {', '.join(names)}", row=1)
        rows, seen = [], {}
        primary = res["schema"].get("primaryKey", [])
        primary = [primary] if isinstance(primary, str) else primary
        uniques = {f["name"]: {} for f in fields if f.get("constraints", {}).get("unique")}
        try:
            for line, cells in enumerate(reader, start=2):
                if len(cells) != len(names):
                    raise DataError(path, f"has {len(cells)} cells, the header has {len(names)}", row=line)
                row = {}
                for field, text in zip(fields, cells):
                    try:
                        row[field["name"]] = schema.check_cell(field, text, keys)
                    except ValueError as err:
                        raise DataError(path, str(err), row=line, column=field["name"]) from None
                for column, first in uniques.items():
                    if row[column] in first:
                        raise DataError(path, f"duplicate value '{row[column]}' (first on row {first[row[column]]})",
                                        row=line, column=column)
                    first[row[column]] = line
                if primary:
                    key = tuple(row[c] for c in primary)
                    if key in seen:
                        raise DataError(path, f"duplicate primary key {key} (first on row {seen[key]})",
                                        row=line, column=", ".join(primary))
                    seen[key] = line
                rows.append(row)
        except csv.Error as err:
            raise DataError(path, f"malformed CSV: {err}", row=reader.line_num) from None
    if name not in LOADED:
        LOADED.append(name)
    return rows


def load(name: str, data_dir=None):
    """A resource as a typed DataFrame, after every row has passed its schema."""
    import pandas as pd  # here, not at the top: the build's hooks validate without pandas

    fields = descriptor.resource(name, data_dir)["schema"]["fields"]
    frame = pd.DataFrame(read_rows(name, data_dir), columns=[f["name"] for f in fields])
    for field in fields:
        kind = field.get("type", "string")
        if kind == "date":
            frame[field["name"]] = pd.to_datetime(frame[field["name"]])
        else:
            frame[field["name"]] = frame[field["name"]].astype(schema.DTYPES[kind])
    return frame


def validate_all(data_dir=None) -> list[str]:
    """Check every resource and the bibliography; return the names checked."""
    bibliography.keys(data_dir)
    bibliography.check_kinds(data_dir)
    names = descriptor.resource_names(data_dir)
    for name in names:
        read_rows(name, data_dir)
    return names


def clear_cache() -> None:
    """Forget parsed descriptors and bibliographies (tests rewrite them)."""
    descriptor.clear_cache()
    bibliography.clear_cache()
