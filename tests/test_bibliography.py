"""The references page grouped by kind of source, and «مراجع هذا الفصل» on every chapter.

The grouping and the per-chapter lists are checked against the built HTML book
(_build/html), and the kinds against data/references.bib.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from pybtex.database import parse_file

from conftest import HTML, ROOT, built_pages, rewrite
from partnership import data
from partnership.data import location
from partnership.text import word
from press.sphinxext import chapter_refs as sphinx_chapter_refs

REFERENCES = HTML / "chapters" / "references.html"
CITE = re.compile(r"\{cite:[a-z]+\}`([^`]*)`")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Citations(HTMLParser):
    """Where a page's citation links and its bibliography entries are."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.in_citation = 0          # depth inside <span class="bibtex-citation">
        self.in_section = 0           # depth inside the chapter-references section
        self.cited, self.listed = set(), set()
        self.entries, self.section_items = [], 0
        self.headings, self._heading = [], None
        self._depth = 0
        self._section_depth = self._citation_depth = None
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag in VOID:
            return
        self._depth += 1
        if tag == "section" and sphinx_chapter_refs.SECTION_ID == attrs.get("id"):
            self._section_depth = self._depth
        if tag == "span" and "bibtex-citation" in classes:
            self._citation_depth = self._depth
        if tag == "a" and attrs.get("href"):
            if self._citation_depth is not None:
                self.cited.add(attrs["href"])
            elif self._section_depth is not None and "chapter-reference-link" in classes:
                self.listed.add(attrs["href"])
        if tag == "div" and sphinx_chapter_refs.ITEM_CLASS in classes and self._section_depth is not None:
            self.section_items += 1
        # A bibliography entry: docutils' <div class="citation" id=...> (the theme fixes
        # drop its doc-biblioentry role, which axe reports as deprecated).
        if tag == "div" and "citation" in classes and attrs.get("id") and self._section_depth is None:
            self.entries.append(attrs.get("id"))
        if tag in ("h1", "h2"):
            self._heading = []

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self._section_depth == self._depth:
            self._section_depth = None
        if self._citation_depth == self._depth:
            self._citation_depth = None
        if tag in ("h1", "h2") and self._heading is not None:
            self.headings.append("".join(self._heading).strip().rstrip("#¶").strip())
            self._heading = None
        self._depth -= 1

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_data(self, text):
        if self._heading is not None:
            self._heading.append(text)


# --- kinds of source --------------------------------------------------------------

def test_every_entry_has_a_known_kind():
    kinds = data.check_bib_kinds()
    assert set(kinds) == set(data.bib_keys())
    assert set(kinds.values()) <= set(data.BIB_KINDS)


def test_an_unknown_kind_is_an_error_naming_the_key(scratch_data):
    rewrite(scratch_data / "references.bib", "kind      = {data}", "kind      = {dataset}")
    with pytest.raises(data.DataError, match=r"references\.bib: entry 'ivaniuk2026attacks': 'dataset'"):
        data.validate_all(scratch_data)


def test_a_missing_kind_is_an_error_naming_the_key(scratch_data):
    rewrite(scratch_data / "references.bib", "  kind      = {data},\n", "")
    with pytest.raises(data.DataError, match=r"entry 'ivaniuk2026attacks': no kind field"):
        data.check_bib_kinds(scratch_data)


def test_one_entry_per_work():
    """Issue 18: the same work under two keys (two editions' keys, a press release and its copy)."""
    data.check_unique_works()
    text = (ROOT / "data" / "references.bib").read_text(encoding="utf-8")
    for gone in ("ei2024statreview", "bp2021statreview", "iranwatch2010res1929"):
        assert "{" + gone + "," not in text, gone


@pytest.mark.parametrize("field, value", [
    ("url", "https://www.energyinst.org/statistical-review/about/"),  # a trailing slash is the same address
    ("title", "STATISTICAL REVIEW of World Energy 2024 (73rd edition):  all data workbook"),
])
def test_two_entries_for_one_work_are_named(scratch_data, field, value):
    twin = ("\n@misc{eitwin,\n  kind = {data},\n  author = {{Energy Institute}},\n"
            "  publisher = {Energy Institute; copy used: GitHub repository rajaeian-fatemeh/VisualCommunication, "
            "commit 8b52f0a, file EI-Stats-Review-All-Data.xlsx},\n  year = {2024},\n"
            + ("  title = {Another title},\n  url = {" + value + "}\n}\n" if field == "url"
               else "  title = {" + value + "},\n  url = {https://example.org/elsewhere}\n}\n"))
    with (scratch_data / "references.bib").open("a", encoding="utf-8") as handle:
        handle.write(twin)
    data.clear_cache()
    with pytest.raises(data.DataError, match="entries 'ei2024statisticalreview' and 'eitwin' cite one work"):
        data.validate_all(scratch_data)


def test_the_references_page_has_one_filtered_list_per_kind():
    text = (ROOT / "chapters" / "references.md").read_text(encoding="utf-8")
    filters = re.findall(r':filter: kind == "([a-z]+)"', text)
    assert sorted(filters) == sorted(data.BIB_KINDS)
    assert ":all:" not in text


def test_every_entry_appears_exactly_once_on_the_built_page():
    page = Citations(REFERENCES)
    assert len(page.entries) == len(set(page.entries)), "an entry is listed twice"
    assert len(page.entries) == len(parse_file(str(location.directory() / "references.bib")).entries)


def test_each_group_holds_the_entries_of_its_kind():
    """Count the entries under each heading of the built page against the kinds in the .bib."""
    html = REFERENCES.read_text(encoding="utf-8")
    kinds = data.check_bib_kinds()
    sections = re.split(r'<section id="refs-', html)[1:]
    assert len(sections) == len(data.BIB_KINDS)
    for chunk in sections:
        kind = chunk.split('"', 1)[0]
        assert kind in data.BIB_KINDS
        count = len(re.findall(r'<div class="citation" id="', chunk))
        assert count == sum(1 for k in kinds.values() if k == kind), kind


# --- «مراجع هذا الفصل» ------------------------------------------------------------

def _chapter_pages():
    return [p for p in built_pages() if p.parent == HTML / "chapters" and p != REFERENCES]


def test_every_page_that_cites_lists_exactly_what_it_cites():
    checked = 0
    for path in _chapter_pages():
        page = Citations(path)
        if not page.cited:
            assert not page.listed, f"{path.name}: a reference list without citations"
            continue
        assert sphinx_chapter_refs.TITLE in page.headings, f"{path.name}: no «{sphinx_chapter_refs.TITLE}»"
        assert page.listed == page.cited, f"{path.name}: listed and cited entries differ"
        checked += 1
    assert checked >= 15, "too few chapter pages with citations: is the book built?"


def test_listed_links_point_at_entries_of_the_references_page():
    entries = set(Citations(REFERENCES).entries)
    for path in _chapter_pages():
        for href in Citations(path).listed:
            target, _, anchor = href.partition("#")
            assert target == "references.html" and anchor in entries, f"{path.name}: {href}"


def _cited_keys_in_source(notebook: Path) -> set:
    """Keys cited in a chapter's own text and Markdown outputs, read from the notebook, not the HTML."""
    nb = nbformat.read(str(notebook), as_version=4)
    texts = [c.source for c in nb.cells if c.cell_type == "markdown"]
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            texts.append(out.get("data", {}).get("text/markdown", ""))
    return {key.strip() for text in texts for match in CITE.findall(text) for key in match.split(",")}


@pytest.mark.parametrize("stem", ["01_introduction", "02_2_afghanistan", "03_3_israel", "94_glossary"])
def test_the_list_has_one_item_per_key_cited_in_the_notebook(stem):
    keys = _cited_keys_in_source(ROOT / "chapters" / f"{stem}.ipynb")
    assert keys, stem
    page = Citations(HTML / "chapters" / f"{stem}.html")
    assert page.section_items == len(keys) == len(page.listed)


def test_the_references_page_has_no_chapter_list():
    assert not Citations(REFERENCES).listed
    assert sphinx_chapter_refs.TITLE not in REFERENCES.read_text(encoding="utf-8")


CITATION = re.compile(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', re.S)


def test_citations_in_one_bracket_are_parted_by_the_arabic_semicolon():
    brackets = [m.group(1) for page in built_pages() for m in CITATION.finditer(page.read_text(encoding="utf-8"))]
    several = [b for b in brackets if b.count('class="reference internal"') > 1]
    assert several, "no bracket cites two sources: the test reads nothing"
    latin = [b for b in several if re.search(r"</a>[,;] <a", b)]
    assert not latin, latin[0][:300]
    assert all(b.count("</a>؛ <a") == b.count('class="reference internal"') - 1 for b in several), several[0][:300]


def test_a_page_on_a_republishing_site_must_name_its_original(scratch_data):
    """Issue 18: a copy is a copy whether or not the entry says so; the loader asks which work it copies."""
    rewrite(scratch_data / "references.bib", "  original  = {The White House (briefing transcript), 2022-07-11},\n", "")
    data.clear_cache()
    with pytest.raises(data.DataError, match=r"references\.bib: entry 'iranwatch2022sullivantranscript' is read on "
                                             r"a copy \(iranwatch\.org\); name the original"):
        data.validate_all(scratch_data)


def test_the_reference_list_says_which_entries_are_copies_and_of_what():
    """Every entry with an ``original`` field shows «…الأصل: <original>» on the built page, and no other does."""
    html = REFERENCES.read_text(encoding="utf-8")
    prefix = word("ui.copy_of", original="")
    shown = html.count(prefix)
    copies = data.bibliography.copies()
    assert shown == len(copies) > 0
    sample = data.bibliography.entry("iranwatch2022sullivantranscript").fields["original"]
    assert word("ui.copy_of", original=sample) in html


def test_every_editors_note_has_its_arabic_version():
    """The reference list of an Arabic book shows each entry's note in Arabic: a note written
    in references.bib (in English, for maintainers) needs its line in [ui.bib_notes]."""
    from partnership.text import words

    arabic = words("ui.bib_notes")
    missing = [key for key, found in data.bibliography.entries().items()
               if found.fields.get("note", "").strip() and key not in arabic]
    assert not missing, f"{len(missing)} notes without an Arabic version, e.g. {missing[:5]}"
    stale = sorted(set(arabic) - set(data.bibliography.entries()))
    assert not stale, f"Arabic notes for entries that no longer exist: {stale[:5]}"
