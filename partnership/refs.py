"""Short labels and links for entries of ``data/references.bib``.

Tables and chart source lines name their sources from the same bibliography the
book's reference list is built from, so a label can never drift from its entry.
"""
from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path

from pybtex.database import parse_file

from . import data

RLM = "\u200f"  # RIGHT-TO-LEFT MARK
NBSP = "\u00a0"

@lru_cache(maxsize=None)
def _entries(bib_path: Path):
    return parse_file(str(bib_path), bib_format="bibtex").entries


def entry(key: str):
    keys = data.bib_keys()  # raises DataError for a broken or missing file
    if key not in keys:
        raise data.DataError(data.DATA_DIR / "references.bib", f"unknown source key '{key}'")
    return _entries(data.DATA_DIR / "references.bib")[key]


def short_label(key: str) -> str:
    """'Author Year' for a key: the first author's last name, or the organisation."""
    item = entry(key)
    people = item.persons.get("author") or item.persons.get("editor")
    if people:
        person = people[0]
        name = " ".join(person.last_names) or " ".join(person.first_names)
        if len(people) > 2:
            name += " et al."
        elif len(people) == 2:
            name += " & " + " ".join(people[1].last_names)
    else:
        name = item.fields.get("publisher") or item.fields.get("organization") or key
    name = name.replace("{", "").replace("}", "")
    return f"{name} {item.fields.get('year', 'n.d.')}"


def split_keys(cell: str) -> list[str]:
    return [k.strip() for k in str(cell).split(data.KEY_SEPARATOR) if k.strip()]


def unique_keys(cells) -> list[str]:
    """Every key in some ';'-separated source cells, once each, in first-seen order."""
    return list(dict.fromkeys(key for cell in cells for key in split_keys(cell)))


def source_line(keys, width: int = 120) -> str:
    """The text under a chart, «المصدر: A 2022؛ B 2023», wrapped to fit the figure."""
    labels = list(dict.fromkeys(short_label(k) for k in keys))
    prefix = "المصدر: " if len(labels) == 1 else "المصادر: "
    # Each wrapped line is its own paragraph to the text engine, and a line that opens
    # with a Latin name would be laid out left-to-right, its sources in reverse order.
    # A right-to-left mark at the head of every line keeps them all right-to-left.
    # No-break spaces inside a label: a line may end only between two sources.
    lines = textwrap.wrap(prefix + "؛ ".join(label.replace(" ", NBSP) for label in labels), width=width,
                          break_on_hyphens=False, break_long_words=False)
    return "\n".join(RLM + line for line in lines)
