"""Every text the package and the book's build show a reader, by name, one catalogue per language.

``ar.toml`` holds the Arabic of every label, legend, axis title, column heading, verdict
name and interface string; code asks for it by a dotted name and never spells it out:

    word("verdicts.confirmed")          # one text
    word("interface.version", version="0.1.0")   # a text with its {fields} filled in
    words("tables.claims")              # a group: column headings, names by key

A later English edition adds ``en.toml`` with the same names and sets
``PARTNERSHIP_LANGUAGE=en``; only Arabic exists today. What a chapter says in its own
prose (and the titles, captions and alt texts it writes) lives in its notebook.
"""
from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path

CATALOGUES = Path(__file__).resolve().parent
LANGUAGE = os.environ.get("PARTNERSHIP_LANGUAGE", "ar")


class MissingText(KeyError):
    """A name the catalogue does not have; the message names the catalogue file and the name."""

    def __str__(self):
        return self.args[0]


def path(language: str = LANGUAGE) -> Path:
    return CATALOGUES / f"{language}.toml"


@lru_cache(maxsize=None)
def catalogue(language: str = LANGUAGE) -> dict:
    """The whole catalogue of one language, parsed once."""
    try:
        with path(language).open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise MissingText(f"{path(language)}: no catalogue for language '{language}'") from None
    except tomllib.TOMLDecodeError as err:
        raise ValueError(f"{path(language)}: {err}") from None


def _lookup(name: str, language: str = LANGUAGE):
    node = catalogue(language)
    for part in name.split("."):
        if not isinstance(node, dict) or part not in node:
            raise MissingText(f"{path(language)}: no text named '{name}'")
        node = node[part]
    return node


def word(name: str, /, **fields) -> str:
    """The text called ``name``, with its ``{fields}`` filled in when any are given."""
    text = _lookup(name)
    if not isinstance(text, str):
        raise MissingText(f"{path()}: '{name}' is a group of texts; ask words() for it")
    return text.format(**fields) if fields else text


def words(name: str, /):
    """The group called ``name``: a dict of texts by key (in the catalogue's order) or a list."""
    group = _lookup(name)
    if isinstance(group, str):
        raise MissingText(f"{path()}: '{name}' is one text; ask word() for it")
    return dict(group) if isinstance(group, dict) else list(group)
