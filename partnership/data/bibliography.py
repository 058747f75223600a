"""``references.bib``: the keys a ``source`` cell may name, and each entry's short label.

Tables, chart source lines and the book's reference list all read the same file, so
a label can never drift from its entry.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pybtex.database import parse_file
from pybtex.scanner import PybtexSyntaxError

from ..text import word
from . import descriptor
from .errors import DataError
from .schema import KEY_SEPARATOR

# The kinds of source the references page groups entries by (its `kind` field);
# chapters/references.md has one filtered bibliography per kind, so an entry of
# any other kind would silently vanish from the page.
BIB_KINDS = ("official", "data", "research", "reference", "news")


@lru_cache(maxsize=None)
def _parse(bib_path: Path):
    if not bib_path.is_file():
        raise DataError(bib_path, "file not found")
    try:
        return parse_file(str(bib_path), bib_format="bibtex").entries
    except PybtexSyntaxError as err:
        raise DataError(bib_path, f"BibTeX syntax error: {err}") from None
    except Exception as err:  # pybtex raises plain errors for duplicate keys
        raise DataError(bib_path, str(err)) from None


def entries(data_dir=None):
    """Every entry of the bibliography, by key (parsed once per file)."""
    return _parse(descriptor.bibliography_path(data_dir))


def keys(data_dir=None) -> frozenset:
    """The citation keys of ``references.bib``: what a ``source`` cell may name."""
    return frozenset(entries(data_dir).keys())


def check_kinds(data_dir=None) -> dict:
    """{key: kind} for every entry; an entry without a known ``kind`` is an error naming it."""
    path = descriptor.bibliography_path(data_dir)
    kinds = {}
    for key, entry in entries(data_dir).items():
        kind = entry.fields.get("kind", "")
        if kind not in BIB_KINDS:
            found = f"'{kind}'" if kind else "no kind field"
            raise DataError(path, f"entry '{key}': {found}; kind must be one of {', '.join(BIB_KINDS)}")
        kinds[key] = kind
    return kinds


def entry(key: str, data_dir=None):
    known = entries(data_dir)  # raises DataError for a broken or missing file
    if key not in known:
        raise DataError(descriptor.bibliography_path(data_dir), f"unknown source key '{key}'")
    return known[key]


def short_label(key: str) -> str:
    """'Author Year' for a key: the first author's last name, or the organisation."""
    item = entry(key)
    people = item.persons.get("author") or item.persons.get("editor")
    if people:
        person = people[0]
        name = " ".join(person.last_names) or " ".join(person.first_names)
        if len(people) > 2:
            name += word("sources.et_al")
        elif len(people) == 2:
            name += " & " + " ".join(people[1].last_names)
    else:
        name = item.fields.get("publisher") or item.fields.get("organization") or key
    name = name.replace("{", "").replace("}", "")
    return f"{name} {item.fields.get('year', word('sources.no_date'))}"


def split_keys(cell) -> list[str]:
    return [k.strip() for k in str(cell).split(KEY_SEPARATOR) if k.strip()]


def unique_keys(cells) -> list[str]:
    """Every key in some ';'-separated source cells, once each, in first-seen order."""
    return list(dict.fromkeys(key for cell in cells for key in split_keys(cell)))


def clear_cache() -> None:
    _parse.cache_clear()
