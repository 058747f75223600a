"""Citations of the book and of each chapter, in BibTeX, RIS, APA and Chicago.

Everything is generated from CITATION.cff (through :mod:`partnership.meta`) and from
the chapters' own titles, so the how-to-cite chapter, the citation box on every page
and the page metadata that reference managers read can never disagree.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from partnership.text import word

from . import ROOT, meta

PDF_NAME = "the-cautious-partnership.pdf"
PUBLISHER = "The Cautious Partnership editors"
HEADING = re.compile(r"^#\s+(.+?)\s*$", re.M)
LABEL = re.compile(r"^\((ch-[a-z0-9-]+)\)=", re.M)


@dataclass(frozen=True)
class Chapter:
    docname: str  # e.g. chapters/01_introduction
    title: str
    label: str  # the chapter's (ch-…)= target, which is also its section id in the PDF
    position: int  # order in the book, from 1

    @property
    def key(self) -> str:
        return "partnership" + meta.book()["year"] + re.sub(r"[^a-z0-9]", "", self.docname.split("/")[-1].lower())

    @property
    def html(self) -> str:
        return self.docname + ".html"


def _title_and_label(path: Path) -> tuple[str, str]:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    title, label = HEADING.search(text), LABEL.search(text)
    if not title or not label:
        raise ValueError(f"{path}: a chapter starts with a '(ch-name)=' label and a '# title'")
    return title.group(1), label.group(1)


def _docnames(toc: dict):
    yield toc["root"]
    for part in toc.get("parts", [toc]):
        for entry in part.get("chapters", []):
            yield from _entry(entry)


def _entry(entry: dict):
    yield entry["file"]
    for sub in entry.get("sections", []):
        yield from _entry(sub)


@lru_cache(maxsize=None)
def chapters() -> tuple[Chapter, ...]:
    """Every page of the book in reading order, with the title its first heading gives."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    found = []
    for position, docname in enumerate(_docnames(toc), start=1):
        docname = re.sub(r"\.(md|ipynb)$", "", docname)
        path = next((ROOT / f"{docname}{s}" for s in (".ipynb", ".md") if (ROOT / f"{docname}{s}").exists()), None)
        if path is None:
            raise FileNotFoundError(f"_toc.yml names {docname}, which has no .ipynb or .md file")
        found.append(Chapter(docname, *_title_and_label(path), position=position))
    return tuple(found)


def chapter(docname: str) -> Chapter:
    for ch in chapters():
        if ch.docname == docname:
            return ch
    raise KeyError(f"{docname} is not in _toc.yml")


def _authors_bibtex(book) -> str:
    return " and ".join("{" + name + "}" for name in book["author_names"])


def bibtex(ch: Chapter | None = None, first_page: int | None = None) -> str:
    book = meta.book()
    if ch is None:
        return (f"@book{{partnership{book['year']},\n  author    = {{{_authors_bibtex(book)}}},\n"
                f"  title     = {{{book['title']}}},\n  year      = {{{book['year']}}},\n"
                f"  edition   = {{{book['version']}}},\n  publisher = {{{PUBLISHER}}},\n"
                f"  language  = {{arabic}},\n  note      = {{Licence {book['license']}}}\n}}")
    pages = f"\n  pages     = {{{first_page}}}," if first_page else ""
    return (f"@incollection{{{ch.key},\n  author    = {{{_authors_bibtex(book)}}},\n"
            f"  title     = {{{ch.title}}},\n  booktitle = {{{book['title']}}},\n"
            f"  year      = {{{book['year']}}},\n  edition   = {{{book['version']}}},{pages}\n"
            f"  publisher = {{{PUBLISHER}}},\n  language  = {{arabic}}\n}}")


def ris(ch: Chapter | None = None, first_page: int | None = None) -> str:
    book = meta.book()
    lines = ["TY  - " + ("BOOK" if ch is None else "CHAP")]
    lines += [f"AU  - {name}" for name in book["author_names"]]
    if ch is None:
        lines.append(f"TI  - {book['title']}")
    else:
        lines += [f"TI  - {ch.title}", f"T2  - {book['title']}"]
        if first_page:
            lines.append(f"SP  - {first_page}")
    lines += [f"PY  - {book['year']}", f"DA  - {book['date-released']}", f"ET  - {book['version']}",
              f"PB  - {PUBLISHER}", "LA  - ar", "ER  - "]
    return "\n".join(lines)


def apa(ch: Chapter | None = None, first_page: int | None = None) -> str:
    book = meta.book()
    authors = ", ".join(book["author_names"])
    edition = f"(Version {book['version']})"
    if ch is None:
        return f"{authors}. ({book['year']}). {book['title']} {edition}. {PUBLISHER}."
    pages = f" (p. {first_page})" if first_page else ""
    return f"{authors}. ({book['year']}). {ch.title}. In {book['title']} {edition}{pages}. {PUBLISHER}."


def chicago(ch: Chapter | None = None, first_page: int | None = None) -> str:
    book = meta.book()
    authors = ", ".join(book["author_names"])
    if ch is None:
        return f"{authors}. {book['title']}. Version {book['version']}. {PUBLISHER}, {book['year']}."
    pages = f", {first_page}" if first_page else ""
    return (f"{authors}. “{ch.title}.” In {book['title']}, version {book['version']}{pages}. "
            f"{PUBLISHER}, {book['year']}.")


FORMATS = {"BibTeX": bibtex, "RIS": ris, "APA": apa, "Chicago": chicago}


def pdf_pages() -> dict:
    """First PDF page of each chapter, when the PDF edition has been built."""
    contents = ROOT / "_build" / "pdf" / "contents.json"
    if not contents.is_file():
        return {}
    return {e["id"]: e["page"] for e in json.loads(contents.read_text(encoding="utf-8"))}


class Formats:
    """Display object: the book and every chapter in every format, as tabs in the book."""

    def __init__(self):
        # No page numbers here: the PDF is printed after the notebooks run.
        self.entries = [(None, None)] + [(ch, None) for ch in chapters()[1:]]

    def _repr_markdown_(self):
        out = []
        for ch, page in self.entries:
            heading = word("interface.book") if ch is None else ch.title
            out.append(f"**{heading}**\n\n`````{{tab-set}}")
            for name, make in FORMATS.items():
                out.append(f"````{{tab-item}} {name}\n```text\n{make(ch, page)}\n```\n````")
            out.append("`````\n")
        return "\n".join(out)

    def __repr__(self):
        return "\n\n".join(f"[{name}]\n{make(ch, page)}" for ch, page in self.entries
                           for name, make in FORMATS.items())
