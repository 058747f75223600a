"""Validated access to the book's tables.

Every notebook reads its data through :func:`load`, which checks each cell against
the Table Schema in ``data/datapackage.json`` before any chart is drawn. A bad row
must stop the build with the file, row and column named, never turn into a wrong
chart or a silently shorter table: a table with fewer rows than its ``x-min-rows``
is refused too.
"""
from __future__ import annotations

import codecs
import csv
import io

from . import bibliography, descriptor, location, schema
from .errors import DataError

# Every resource read_rows() has read (load() reads through it) in this process, in
# first-read order: a chapter's download links (partnership.analysis.reuse) list what
# its kernel really read.
LOADED: list[str] = []


def _text(path, name: str) -> str:
    """The file's text; a BOM or a byte that is not UTF-8 is an error naming where it is."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, f"file not found (resource '{name}' in datapackage.json)") from None
    except OSError as err:
        raise DataError(path, f"cannot be read: {err.strerror} (resource '{name}' in datapackage.json)") from None
    if raw.startswith(codecs.BOM_UTF8):
        raise DataError(path, "starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without one", row=1)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        row, column = _undecodable_cell(raw)
        raise DataError(path, f"is not UTF-8: byte 0x{raw[err.start]:02x} at byte offset {err.start} "
                              "cannot be decoded (was it saved as Windows-1256 or Latin-1?)",
                        row=row, column=column) from None


def _undecodable_cell(raw: bytes):
    """(row, column) of the first cell holding an undecodable byte, as far as the CSV parses."""
    reader = csv.reader(io.StringIO(raw.decode("utf-8", errors="surrogateescape"), newline=""))
    header = []
    try:
        for row, cells in enumerate(reader, start=1):
            header = header or cells
            for i, cell in enumerate(cells):
                if any("\udc80" <= ch <= "\udcff" for ch in cell):
                    return row, header[i] if row > 1 and i < len(header) else None
    except csv.Error:
        pass
    return None, None


def read_rows(name: str, data_dir=None) -> list[dict]:
    """Every row of a resource, typed and checked; raises :class:`DataError` on the first fault."""
    data_dir = location.directory(data_dir)
    res = descriptor.resource(name, data_dir)
    path = data_dir / res["path"]
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    keys = bibliography.keys(data_dir) if schema.SOURCE_FIELD in names else frozenset()
    reader = csv.reader(io.StringIO(_text(path, name), newline=""), strict=True)
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
    line, starts = 1, reader.line_num + 1  # the row being read, and the line it starts on
    try:
        for line, cells in enumerate(reader, start=2):
            if reader.line_num > starts and len(cells) != len(names):
                raise DataError(path, f"a quoted cell opened on line {starts} runs to line {reader.line_num}; "
                                      "is a closing quote missing?", row=line)
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
            starts = reader.line_num + 1
    except csv.Error as err:
        if "unexpected end of data" in str(err):
            raise DataError(path, f"a quoted cell opened on line {starts} is never closed (malformed CSV: {err})",
                            row=line + 1) from None
        raise DataError(path, f"malformed CSV: {err}", row=line + 1) from None
    floor = res[descriptor.MIN_ROWS]
    if len(rows) < floor:
        raise DataError(path, f"has {len(rows)} rows, fewer than the {floor} its '{descriptor.MIN_ROWS}' "
                              "in datapackage.json requires; was the table cut short?")
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
    """Check the bibliography, the descriptor and every resource; return the names checked."""
    bibliography.keys(data_dir)
    bibliography.check_kinds(data_dir)
    bibliography.check_unique_works(data_dir)
    bibliography.check_copies(data_dir)
    undescribed = descriptor.undescribed_files(data_dir)
    if undescribed:
        raise DataError(undescribed[0], "is not described in datapackage.json; add a resource for it, or remove it")
    names = descriptor.resource_names(data_dir)
    tables = {name: read_rows(name, data_dir) for name in names}
    check_foreign_keys(tables, data_dir)
    return names


def check_foreign_keys(tables: dict, data_dir=None) -> None:
    """A cell that names a row of another table (``foreignKeys``: a claim, an event) must
    name one that exists; an empty cell names none. The error gives file, row and column."""
    data_dir = location.directory(data_dir)
    for name, rows in tables.items():
        res = descriptor.resource(name, data_dir)
        for link in res["schema"].get("foreignKeys", []):
            column, target = link["fields"], link["reference"]
            known = {row[target["fields"]] for row in tables[target["resource"]]}
            for line, row in enumerate(rows, start=2):
                if row[column] is not None and row[column] not in known:
                    raise DataError(data_dir / res["path"], f"'{row[column]}' is not a {target['fields']} of "
                                                            f"{target['resource']}.csv", row=line, column=column)


def clear_cache() -> None:
    """Forget parsed descriptors and bibliographies (tests rewrite them)."""
    descriptor.clear_cache()
    bibliography.clear_cache()
