"""Validated access to the book's tables.

Every notebook reads its data through :func:`load`, which checks each cell against
the Table Schema in ``data/datapackage.json`` before any chart is drawn.  A bad row
must stop the build with the file, row and column named, never turn into a wrong
chart or a silently shorter table.
"""
from __future__ import annotations

import csv
import json
import os
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd
from pybtex.database import parse_file
from pybtex.scanner import PybtexSyntaxError

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("PARTNERSHIP_DATA", ROOT / "data"))
SOURCE_FIELD = "source"  # a column of ';'-separated keys of data/references.bib
KEY_SEPARATOR = ";"
# The kinds of source the references page groups entries by (its `kind` field);
# chapters/references.md has one filtered bibliography per kind, so an entry of
# any other kind would silently vanish from the page.
BIB_KINDS = ("official", "data", "research", "reference", "news")


class DataError(ValueError):
    """A data file that breaks its schema; the message names file, row and column."""

    def __init__(self, path, message, row=None, column=None):
        where = [str(path)]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {message}")
        self.path, self.row, self.column = Path(path), row, column


def _read_json(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(path, "file not found") from None
    except json.JSONDecodeError as err:
        raise DataError(path, f"invalid JSON: {err.msg}", row=err.lineno) from None


@lru_cache(maxsize=None)
def _package(data_dir: Path):
    return _read_json(data_dir / "datapackage.json")


@lru_cache(maxsize=None)
def _bib_keys(bib_path: Path) -> frozenset:
    if not bib_path.is_file():
        raise DataError(bib_path, "file not found")
    try:
        return frozenset(parse_file(str(bib_path), bib_format="bibtex").entries.keys())
    except PybtexSyntaxError as err:
        raise DataError(bib_path, f"BibTeX syntax error: {err}") from None
    except Exception as err:  # pybtex raises plain errors for duplicate keys
        raise DataError(bib_path, str(err)) from None


def bib_keys(data_dir: Path = None) -> frozenset:
    """The citation keys of ``references.bib``: what a ``source`` cell may name."""
    data_dir = Path(data_dir or DATA_DIR)
    return _bib_keys(data_dir / _package(data_dir).get("x-bibliography", "references.bib"))


def check_bib_kinds(data_dir: Path = None) -> dict:
    """{key: kind} for every entry; an entry without a known ``kind`` is an error naming it."""
    data_dir = Path(data_dir or DATA_DIR)
    path = data_dir / _package(data_dir).get("x-bibliography", "references.bib")
    bib_keys(data_dir)  # a syntax error is reported first, with its own message
    kinds = {}
    for key, entry in parse_file(str(path), bib_format="bibtex").entries.items():
        kind = entry.fields.get("kind", "")
        if kind not in BIB_KINDS:
            found = f"'{kind}'" if kind else "no kind field"
            raise DataError(path, f"entry '{key}': {found}; kind must be one of {', '.join(BIB_KINDS)}")
        kinds[key] = kind
    return kinds


def resource_names(data_dir: Path = None) -> list[str]:
    return [r["name"] for r in _package(Path(data_dir or DATA_DIR))["resources"]]


def resource(name: str, data_dir: Path = None) -> dict:
    data_dir = Path(data_dir or DATA_DIR)
    for res in _package(data_dir)["resources"]:
        if res["name"] == name:
            return res
    raise DataError(data_dir / "datapackage.json", f"no resource named '{name}'")


# --- cell parsers: each returns the typed value or raises ValueError(reason) ---

def _parse_date(text):
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"'{text}' is not a date of the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise ValueError(f"'{text}' is not a real date ({err})") from None


def _parse_yearmonth(text):
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise ValueError(f"'{text}' is not a month of the form YYYY-MM")
    return text


def _parse_integer(text):
    if not re.fullmatch(r"-?\d+", text):
        raise ValueError(f"'{text}' is not an integer")
    return int(text)


def _parse_number(text):
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if value != value:  # NaN
        raise ValueError("NaN is not allowed; leave the cell empty if it is unknown")
    return value


def _parse_year(text):
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError(f"'{text}' is not a four-digit year")
    return int(text)


PARSERS = {
    "string": str,
    "date": _parse_date,
    "yearmonth": _parse_yearmonth,
    "integer": _parse_integer,
    "number": _parse_number,
    "year": _parse_year,
}
DTYPES = {"integer": "Int64", "year": "Int64", "number": "Float64", "string": "string",
          "yearmonth": "string"}


def _check_cell(field, text, keys):
    """Parse one cell; raise ValueError with the reason it breaks the schema."""
    constraints = field.get("constraints", {})
    if text == "":
        if constraints.get("required"):
            raise ValueError("required value is empty")
        return None
    value = PARSERS[field.get("type", "string")](text)
    if "enum" in constraints and text not in constraints["enum"]:
        raise ValueError(f"'{text}' is not one of {', '.join(constraints['enum'])}")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
        raise ValueError(f"'{text}' does not match the pattern {constraints['pattern']}")
    if "minimum" in constraints and value < _bound(field, constraints["minimum"]):
        raise ValueError(f"{text} is below the minimum {constraints['minimum']}")
    if "maximum" in constraints and value > _bound(field, constraints["maximum"]):
        raise ValueError(f"{text} is above the maximum {constraints['maximum']}")
    if field["name"] == SOURCE_FIELD:
        for key in (k.strip() for k in text.split(KEY_SEPARATOR)):
            if key not in keys:
                raise ValueError(f"unknown source key '{key}' (not in references.bib)")
    return value


def _bound(field, bound):
    return PARSERS[field.get("type", "string")](str(bound))


# Every resource read_rows() has read (load() reads through it) in this process, in
# first-read order: a chapter's download links (partnership.reuse) list what its kernel really read.
LOADED: list[str] = []


def read_rows(name: str, data_dir: Path = None) -> list[dict]:
    """Every row of a resource, typed and checked; raises :class:`DataError` on the first fault."""
    data_dir = Path(data_dir or DATA_DIR)
    res = resource(name, data_dir)
    path = data_dir / res["path"]
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    keys = bib_keys(data_dir) if SOURCE_FIELD in names else frozenset()
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
                        row[field["name"]] = _check_cell(field, text, keys)
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


def load(name: str, data_dir: Path = None) -> pd.DataFrame:
    """A resource as a typed DataFrame, after every row has passed its schema."""
    data_dir = Path(data_dir or DATA_DIR)
    fields = resource(name, data_dir)["schema"]["fields"]
    frame = pd.DataFrame(read_rows(name, data_dir), columns=[f["name"] for f in fields])
    for field in fields:
        kind = field.get("type", "string")
        if kind == "date":
            frame[field["name"]] = pd.to_datetime(frame[field["name"]])
        else:
            frame[field["name"]] = frame[field["name"]].astype(DTYPES[kind])
    return frame


def validate_all(data_dir: Path = None) -> list[str]:
    """Check every resource and the bibliography; return the names checked."""
    data_dir = Path(data_dir or DATA_DIR)
    bib_keys(data_dir)
    check_bib_kinds(data_dir)
    names = resource_names(data_dir)
    for name in names:
        read_rows(name, data_dir)
    return names


def clear_cache():
    """Forget parsed descriptors and bibliographies (tests rewrite them)."""
    _package.cache_clear()
    _bib_keys.cache_clear()
