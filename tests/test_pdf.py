"""The PDF edition (_build/pdf, built by `make book`): pages, titles, fonts, contents, links."""
from __future__ import annotations

import html
import json
import re
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader

from conftest import HTML, ROOT
from press import meta

PDF = ROOT / "_build" / "pdf" / "the-cautious-partnership.pdf"
SINGLE_PAGE = ROOT / "_build" / "singlehtml" / "chapters" / "index.html"
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def normal(text: str) -> str:
    """NFKC, without the invisible bidi controls that extractors add, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(BIDI_MARKS)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def reader():
    assert PDF.is_file(), f"{PDF} is missing: run `make book` first (make test does)"
    return PdfReader(str(PDF))


@pytest.fixture(scope="module")
def pages(reader):
    """Text of each page as pdftotext gives it (index 0 = page 1)."""
    return [normal(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(PDF), "-"],
                                  capture_output=True, text=True, check=True).stdout)
            for n in range(1, len(reader.pages) + 1)]


def html_chapter_titles():
    """Each chapter's title as the HTML book shows it (the page's <h1>)."""
    titles = {}
    for page in sorted((HTML / "chapters").glob("*.html")):
        match = re.search(r"<h1>([^<]*)<a class=\"headerlink\"", page.read_text(encoding="utf-8"))
        assert match, f"{page} has no <h1>"
        titles[page.stem] = normal(html.unescape(match.group(1)))
    return titles


def contents():
    return json.loads((PDF.parent / "contents.json").read_text(encoding="utf-8"))


def test_page_size_is_a4_and_count_is_plausible(reader):
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (596, 843)
    chapters = len(html_chapter_titles())
    assert chapters + 2 <= len(reader.pages) <= 40 * chapters


def test_first_page_carries_the_citation(pages):
    book = meta.book()
    first = pages[0]
    for part in (normal(book["title"]), str(book["version"]), book["year"], book["license"]):
        assert part in first, f"{part!r} not on the title page"


def test_every_chapter_title_is_extracted_exactly(pages):
    text = " ".join(pages)
    for stem, title in html_chapter_titles().items():
        assert title in text, f"{stem}: {title!r} not found in the PDF text"


def test_contents_page_numbers_are_right(pages):
    entries = contents()
    assert entries, "the PDF has no table of contents"
    toc_pages = [i for i, p in enumerate(pages[:6]) if p.startswith("المحتويات") or " المحتويات " in f" {p} "]
    assert toc_pages, "no contents page among the first pages"
    toc = " ".join(pages[i] for i in toc_pages)
    for entry in entries:
        title = normal(entry["title"])
        assert re.search(re.escape(title) + r"\s*" + str(entry["page"]) + r"\b", toc) or \
            re.search(r"\b" + str(entry["page"]) + r"\s*" + re.escape(title), toc), \
            f"contents line for {title!r} does not show page {entry['page']}"
        assert title in pages[entry["page"] - 1], f"{title!r} is not on page {entry['page']}"


def test_every_chapter_is_in_the_contents():
    listed = {normal(e["title"]) for e in contents()}
    assert set(html_chapter_titles().values()) <= listed


def test_bookmarks_name_every_chapter_in_reading_order(reader):
    def flat(items):
        for item in items:
            yield from flat(item) if isinstance(item, list) else [item]

    titles = [normal(item.title) for item in flat(reader.outline)]
    for title in html_chapter_titles().values():
        assert title in titles, f"no bookmark {title!r}"
    cursor = -1
    for entry in contents():  # each chapter's bookmark comes after the previous one's
        title = normal(entry["title"])
        assert title in titles[cursor + 1:], f"bookmark {title!r} missing or out of order"
        cursor = titles.index(title, cursor + 1)


def test_every_figure_is_printed_with_its_caption(pages):
    html_figures = sum(len(re.findall(r'<span class="caption-number">شكل ', p.read_text(encoding="utf-8")))
                       for p in (HTML / "chapters").glob("*.html"))
    pdf_figures = len(re.findall(r"شكل \d+", " ".join(pages)))
    assert html_figures > 0 and pdf_figures >= html_figures


def test_all_fonts_are_embedded():
    listing = subprocess.run(["pdffonts", str(PDF)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows
    for row in rows:
        # columns: name type encoding emb sub uni object ID; Type 3 fonts have no name
        emb = row.split()[-5]
        assert emb == "yes", row


def test_links_are_clickable_and_none_points_at_the_build_server(reader):
    uris, internal, local = 0, 0, []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            uri = action.get_object().get("/URI") if action is not None else None
            if uri:
                uris += 1
                if any(host in str(uri) for host in ("127.0.0.1", "localhost", "file:")):
                    local.append(str(uri))
            elif annot.get("/Dest") is not None or (action is not None and action.get_object().get("/D")):
                internal += 1
    # The PDF is printed from a server on 127.0.0.1 that is gone once the build ends.
    assert not local, f"{len(local)} links lead to the build's local server, e.g. {local[:3]}"
    # Every citation, figure reference and chapter link is an in-document jump: the
    # single page links its bibliography entries alone hundreds of times.
    cited = SINGLE_PAGE.read_text(encoding="utf-8").count('class="reference internal"')
    assert uris > 10 and internal >= cited // 2, (uris, internal, cited)


def test_no_english_interface_strings(pages):
    text = " ".join(pages)
    for english in ("Show code cell", "Skip to main content", "Back to top", "Contents", "previous page"):
        assert english not in text
