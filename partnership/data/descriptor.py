"""``datapackage.json``: the Table Schema of every table and where the bibliography is.

The descriptor is checked as it is parsed, so that a resource without a schema, a
field of an unknown type or a path outside the data folder stops the build with a
message naming the resource and the field, never a bare ``KeyError`` or a read of
some other file.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from . import location
from .errors import DataError
from .schema import PARSERS

NAME = "datapackage.json"
# The fewest rows a resource may have: its committed count, rounded down to 80 % of
# it (never below 1), so that a table cut down to its header or to a few rows is
# refused, while a real correction that drops a row or two is not.
MIN_ROWS = "x-min-rows"


def read_json(path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(path, "file not found") from None
    except UnicodeDecodeError as err:
        raise DataError(path, f"is not UTF-8: byte offset {err.start} cannot be decoded") from None
    except json.JSONDecodeError as err:
        raise DataError(path, f"invalid JSON: {err.msg}", row=err.lineno) from None


@lru_cache(maxsize=None)
def _package(data_dir: Path) -> dict:
    package = read_json(data_dir / NAME)
    _check_package(package, data_dir)
    return package


def _check_package(package, data_dir: Path) -> None:
    """Refuse a descriptor the loader could not read safely, naming the resource and field."""
    where = data_dir / NAME
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list) or not resources:
        raise DataError(where, "no 'resources' list")
    for name, res in _named(resources, "resources", where, "resource '{name}'"):
        _check_path(res, where, data_dir)
        _check_schema(res, where)
        floor = res.get(MIN_ROWS)
        if type(floor) is not int or floor < 1:
            raise DataError(where, f"resource '{name}': '{MIN_ROWS}' must be a whole number of at least 1, "
                                   f"not {floor!r} (the fewest rows the table may have)")


def _named(items: list, listed: str, where: Path, label: str):
    """(name, item) for each item, refusing one without a name or with a name used before."""
    first = {}
    for i, item in enumerate(items):
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name:
            raise DataError(where, f"{listed}[{i}] has no name")
        if name in first:
            raise DataError(where, f"{label.format(name=name)} is listed twice ({listed}[{first[name]}] and [{i}])")
        first[name] = i
        yield name, item


def _check_path(res: dict, where: Path, data_dir: Path) -> None:
    path = res.get("path")
    if not isinstance(path, str) or not path:
        raise DataError(where, f"resource '{res['name']}': 'path' must name one file")
    if Path(path).is_absolute() or not (data_dir / path).resolve().is_relative_to(data_dir.resolve()):
        raise DataError(where, f"resource '{res['name']}': path '{path}' is outside the data folder")


def _check_schema(res: dict, where: Path) -> None:
    name = res["name"]
    schema = res.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(fields, list) or not fields:
        raise DataError(where, f"resource '{name}': no schema with a list of fields")
    names = []
    for column, field in _named(fields, f"resource '{name}': fields", where, f"resource '{name}', field '{{name}}'"):
        names.append(column)
        _check_field(name, field, where)
    primary = schema.get("primaryKey", [])
    for column in [primary] if isinstance(primary, str) else primary:
        if column not in names:
            raise DataError(where, f"resource '{name}': primaryKey names '{column}', which is not a field")


def _check_field(name: str, field: dict, where: Path) -> None:
    """A field's type must be one the loader parses (Table Schema's default is string)."""
    kind = field.get("type", "string")
    fail = f"resource '{name}', field '{field['name']}'"
    if kind not in PARSERS:
        raise DataError(where, f"{fail}: unknown type '{kind}'; known types: {', '.join(PARSERS)}")
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        raise DataError(where, f"{fail}: 'constraints' must be an object")
    if "pattern" in constraints:
        try:
            re.compile(str(constraints["pattern"]))
        except re.error as err:
            raise DataError(where, f"{fail}: pattern '{constraints['pattern']}' is not a regular expression "
                                   f"({err})") from None
    for bound in ("minimum", "maximum"):
        if bound in constraints:
            try:
                PARSERS[kind](str(constraints[bound]))
            except ValueError as err:
                raise DataError(where, f"{fail}: {bound} is not a {kind}: {err}") from None
    if not isinstance(constraints.get("enum", []), list):
        raise DataError(where, f"{fail}: 'enum' must be a list")


def package(data_dir=None) -> dict:
    """The parsed, checked descriptor (cached per folder; :func:`clear_cache` forgets it)."""
    return _package(location.directory(data_dir))


def resource_names(data_dir=None) -> list[str]:
    return [r["name"] for r in package(data_dir)["resources"]]


def resource(name: str, data_dir=None) -> dict:
    data_dir = location.directory(data_dir)
    for res in package(data_dir)["resources"]:
        if res["name"] == name:
            return res
    raise DataError(data_dir / NAME, f"no resource named '{name}'")


def undescribed_files(data_dir=None) -> list[Path]:
    """CSV files of the data folder that no resource describes (no schema checks them)."""
    data_dir = location.directory(data_dir)
    described = {(data_dir / r["path"]).resolve() for r in package(data_dir)["resources"]}
    return [p for p in sorted(data_dir.rglob("*.csv")) if p.resolve() not in described]


def bibliography_path(data_dir=None) -> Path:
    """The bibliography the ``source`` columns cite (``x-bibliography``, else references.bib)."""
    data_dir = location.directory(data_dir)
    return data_dir / package(data_dir).get("x-bibliography", "references.bib")


def clear_cache() -> None:
    _package.cache_clear()
