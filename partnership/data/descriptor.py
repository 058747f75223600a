"""``datapackage.json``: the Table Schema of every table and where the bibliography is."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from . import location
from .errors import DataError

NAME = "datapackage.json"


def read_json(path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(path, "file not found") from None
    except json.JSONDecodeError as err:
        raise DataError(path, f"invalid JSON: {err.msg}", row=err.lineno) from None


@lru_cache(maxsize=None)
def _package(data_dir: Path) -> dict:
    return read_json(data_dir / NAME)


def package(data_dir=None) -> dict:
    """The parsed descriptor (cached per folder; :func:`clear_cache` forgets it)."""
    return _package(location.directory(data_dir))


def resource_names(data_dir=None) -> list[str]:
    return [r["name"] for r in package(data_dir)["resources"]]


def resource(name: str, data_dir=None) -> dict:
    data_dir = location.directory(data_dir)
    for res in package(data_dir)["resources"]:
        if res["name"] == name:
            return res
    raise DataError(data_dir / NAME, f"no resource named '{name}'")


def bibliography_path(data_dir=None) -> Path:
    """The bibliography the ``source`` columns cite (``x-bibliography``, else references.bib)."""
    data_dir = location.directory(data_dir)
    return data_dir / package(data_dir).get("x-bibliography", "references.bib")


def clear_cache() -> None:
    _package.cache_clear()
