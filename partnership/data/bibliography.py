"""``references.bib``: the keys a ``source`` cell may name, and each entry's short label.

Tables, chart source lines and the book's reference list all read the same file, so
a label can never drift from its entry.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from pybtex.database import parse_string
from pybtex.scanner import PybtexSyntaxError

from ..text import word
from . import descriptor
from .errors import DataError
from .schema import KEY_SEPARATOR

# The kinds of source the references page groups entries by (its `kind` field);
# chapters/references.md has one filtered bibliography per kind, so an entry of
# any other kind would silently vanish from the page.
BIB_KINDS = ("official", "data", "research", "reference", "news")
# The entry types of standard BibTeX, all of which the reference list's style (pybtex's
# unsrt, with its own misc and article) can format; a typo such as @mics is refused.
BIB_TYPES = ("article", "book", "booklet", "inbook", "incollection", "inproceedings", "manual",
             "mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished")
# The fields an entry needs, by kind ("*": every entry, so a news item's date too); each
# tuple lists alternatives, one of which must be present and non-empty.
BIB_REQUIRED = {
    "*": (("title",), ("year", "date")),
    "news": (("publisher",), ("url",)),
    "official": (("url", "number"),),  # a link, or the document symbol (S/RES/2231, ...)
}

ENTRY = re.compile(r"@\s*(\w*)\s*([{(])\s*([^,\s{}()]*)")
BRACE = re.compile(r"[{}]")


def _check_text(path: Path, text: str) -> None:
    """What pybtex lets pass: stray text between entries, unknown types, repeated keys.

    Outside an entry only blank lines and ``%`` comments are allowed (BibTeX ignores any
    other text there, so a half-deleted entry would vanish without a word).
    """
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    pos, first = 0, {}
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        stripped = text[pos:end].strip()
        if not stripped or stripped.startswith("%"):
            pos = end + 1
            continue
        line = bisect_right(starts, pos)
        match = ENTRY.match(text, text.index(stripped[0], pos))
        if not match:
            shown = stripped if len(stripped) <= 40 else stripped[:40] + "…"
            raise DataError(path, f"stray text between entries: '{shown}' (only % comments may stand there)",
                            line=line)
        kind, opener, key = match.groups()
        if kind.lower() not in BIB_TYPES:
            raise DataError(path, f"entry '{key}': unknown entry type '@{kind}'; allowed: {', '.join(BIB_TYPES)}",
                            line=line)
        if opener != "{":
            raise DataError(path, f"entry '{key}': open it with '{{', not '('", line=line)
        if key.lower() in first:
            raise DataError(path, f"entry '{key}' is defined twice (first on line {first[key.lower()]})", line=line)
        first[key.lower()] = line
        pos = _closing(text, match.start(2))
        if pos is None:
            raise DataError(path, f"entry '{key}' is never closed (its braces do not balance)", line=line)


def _closing(text: str, start: int):
    """The index just after the brace that closes the one at ``start``, or None."""
    depth = 0
    for match in BRACE.finditer(text, start):
        depth += 1 if match.group() == "{" else -1
        if depth == 0:
            return match.end()
    return None


@lru_cache(maxsize=None)
def _parse(bib_path: Path):
    try:
        text = bib_path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        raise DataError(bib_path, "file not found") from None
    except UnicodeDecodeError as err:
        raise DataError(bib_path, f"is not UTF-8: byte offset {err.start} cannot be decoded",
                        line=err.object.count(b"\n", 0, err.start) + 1) from None
    _check_text(bib_path, text)
    try:
        return parse_string(text, bib_format="bibtex").entries
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
    """{key: kind} for every entry; an entry without a known ``kind``, or without a field
    its kind needs (:data:`BIB_REQUIRED`), is an error naming the key and the field."""
    path = descriptor.bibliography_path(data_dir)
    kinds = {}
    for key, entry in entries(data_dir).items():
        kind = entry.fields.get("kind", "")
        if kind not in BIB_KINDS:
            found = f"'{kind}'" if kind else "no kind field"
            raise DataError(path, f"entry '{key}': {found}; kind must be one of {', '.join(BIB_KINDS)}")
        for fields in BIB_REQUIRED["*"] + BIB_REQUIRED.get(kind, ()):
            if not any(entry.fields.get(f, "").strip() for f in fields):
                raise DataError(path, f"entry '{key}' ({kind}): no {' or '.join(fields)} field; "
                                      f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} entry needs one")
        kinds[key] = kind
    return kinds


def _work(entry) -> dict:
    """What identifies the work an entry cites: its address, its DOI, and its publisher,
    title and year (case, spacing and a trailing slash aside)."""
    def norm(name):
        return " ".join(entry.fields.get(name, "").split()).casefold().rstrip("/")
    signs = {"url": norm("url"), "doi": norm("doi")}
    if norm("title"):
        signs["publisher, title and year"] = (norm("publisher"), norm("title"), norm("year"))
    return {sign: value for sign, value in signs.items() if value}


def check_unique_works(data_dir=None) -> None:
    """One entry per work: two entries with the same URL, DOI, or publisher, title and
    year are an error naming both keys, so a source is never cited under two names."""
    path = descriptor.bibliography_path(data_dir)
    seen = {}
    for key, found in entries(data_dir).items():
        for sign, value in _work(found).items():
            first = seen.setdefault((sign, value), key)
            if first != key:
                raise DataError(path, f"entries '{first}' and '{key}' cite one work (the same {sign}); "
                                      "keep one and cite it by that key")


# Sites that republish others' reports and documents (wire stories, UN press releases,
# encyclopedia text): a page read there is a copy, and its entry must name the work it
# copies in an ``original`` field ("Reuters, 2022-10-17"), which the reference list shows.
COPY_HOSTS = frozenset({
    "iranwatch.org", "globalsecurity.org", "reliefweb.int", "urdupoint.com", "devdiscourse.com",
    "menafn.com", "zonebourse.com", "marketscreener.com", "investing.com", "statemaster.com",
    "academickids.com", "mapsofworld.com", "readkong.com", "rsifund.com", "military-quotes.com",
    "daily8.com", "dailynewsbrief.com", "travel-impact-newswire.com", "reportersnewswire.com",
    "yogyapost.com", "pravda-7pd.pages.dev", "ed.mdict.net", "searchaphd.com",
})


def _host(url: str) -> str:
    from urllib.parse import urlparse

    return urlparse(url).hostname.removeprefix("www.").rstrip(".") if url else ""


def check_copies(data_dir=None) -> None:
    """An entry read on a site that only republishes must say what it is a copy of."""
    for key, found in entries(data_dir).items():
        if _host(found.fields.get("url", "")) in COPY_HOSTS and not found.fields.get("original", "").strip():
            raise DataError(descriptor.bibliography_path(data_dir),
                            f"entry '{key}' is read on a copy ({_host(found.fields['url'])}); "
                            "name the original publisher and date in an 'original' field")


def copies(data_dir=None) -> list[str]:
    """The keys of the entries read on a copy (those with an ``original`` field)."""
    return [key for key, found in entries(data_dir).items() if found.fields.get("original", "").strip()]


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
