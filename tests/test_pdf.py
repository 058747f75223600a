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


def test_page_size_is_a4_and_count_is_plausible(reader, pages):
    """A4, every chapter on its own pages, and as many pages as the text needs: between
    about 500 and 3,500 characters a page (a full A4 page of 11-point Arabic holds about
    3,000; a page with a chart or a short chapter end far fewer)."""
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (596, 843)
    starts = [entry["page"] for entry in contents()]
    assert starts == sorted(set(starts)), "two chapters start on one page, or out of order"
    assert len(reader.pages) >= starts[-1]
    characters = sum(len(page) for page in pages)
    assert 500 <= characters / len(reader.pages) <= 3500, (characters, len(reader.pages))
    assert sum(1 for page in pages if len(page) < 40) <= 2, "blank pages in the PDF"


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


def _squeezed(text: str) -> str:
    """Text without spaces, bidi controls or Arabic diacritics, which extractors move about."""
    return re.sub(r"[\s\u064b-\u065f\u0670]+", "", normal(text))


def html_figure_captions() -> list[tuple[str, str, str]]:
    """(page, «شكل N», caption text) for every numbered figure of the HTML book."""
    found = []
    for page in sorted((HTML / "chapters").glob("*.html")):
        for number, caption in re.findall(r'<span class="caption-number">(شكل [^<]*)</span>'
                                          r'<span class="caption-text">(.*?)</span>', page.read_text(encoding="utf-8"), re.S):
            found.append((page.stem, number.strip(), re.sub(r"<[^>]+>", "", html.unescape(caption))))
    return found


def test_every_figure_is_printed_with_its_caption(pages):
    """Each figure's number is followed by its own caption's first word and ends with its last
    words: a cross-reference («انظر شكل 3») cannot stand in for a missing caption."""
    captions = html_figure_captions()
    assert len(captions) >= 20, f"only {len(captions)} figure captions in the HTML book"
    text = _squeezed(" ".join(pages))
    for stem, number, caption in captions:
        words = caption.split()
        assert _squeezed(number + " " + words[0]) in text, f"{stem}: {number} «{words[0]} …» not printed"
        # Its last two neighbouring Arabic words (extractors reorder numbers and hyphens).
        arabic = [i for i in range(len(words) - 1)
                  if all(re.fullmatch(r"[\u0600-\u06ff]+[،.:؛]?", w) for w in words[i:i + 2])]
        assert arabic, f"{stem}: {number}: no two neighbouring Arabic words in its caption"
        end = " ".join(words[arabic[-1]:arabic[-1] + 2])
        assert _squeezed(end) in text, f"{stem}: {number}: «… {end}», the end of its caption, is not printed"


def test_all_fonts_are_embedded():
    listing = subprocess.run(["pdffonts", str(PDF)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows
    for row in rows:
        # columns: name type encoding emb sub uni object ID; Type 3 fonts have no name
        emb = row.split()[-5]
        assert emb == "yes", row


def test_links_are_clickable_and_none_points_at_the_build_server(reader):
    """…nor runs a script: no javascript: link and no JavaScript action anywhere in the file."""
    raw = PDF.read_bytes()
    assert b"/JavaScript" not in raw and not re.search(rb"/JS\s*[(<\[]", raw)
    uris, internal, local, scripts = 0, 0, [], []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            uri = action.get_object().get("/URI") if action is not None else None
            if uri:
                uris += 1
                if any(host in str(uri) for host in ("127.0.0.1", "localhost", "file:")):
                    local.append(str(uri))
                if str(uri).strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                    scripts.append(str(uri))
            elif annot.get("/Dest") is not None or (action is not None and action.get_object().get("/D")):
                internal += 1
    # The PDF is printed from a server on 127.0.0.1 that is gone once the build ends.
    assert not scripts, f"javascript: links in the PDF: {scripts[:3]}"
    assert not local, f"{len(local)} links lead to the build's local server, e.g. {local[:3]}"
    # Every citation, figure reference and chapter link is an in-document jump: the
    # single page links its bibliography entries alone hundreds of times.
    cited = SINGLE_PAGE.read_text(encoding="utf-8").count('class="reference internal"')
    assert uris > 10 and internal >= cited // 2, (uris, internal, cited)


def test_no_english_interface_strings(pages):
    text = " ".join(pages)
    for english in ("Show code cell", "Skip to main content", "Back to top", "Contents", "previous page"):
        assert english not in text


def test_how_to_cite_prints_one_block_and_a_pattern_for_chapters(pages):
    """Issue 19: in print, the book's citation block and one line for citing a chapter,
    not every chapter in four formats (which filled eight pages)."""
    from press import citation

    entries = contents()
    at = next(i for i, e in enumerate(entries) if e["id"] == "ch-how-to-cite")
    first, after = entries[at]["page"], entries[at + 1]["page"]
    printed = " ".join(pages[first - 1:after - 1])
    assert after - first <= 2, f"how to cite fills {after - first} pages"
    assert normal(citation.chapter_pattern().split(":")[0]) in printed
    assert "@book{partnership" in printed  # the book's own block is there
    second = citation.chapters()[2]  # a chapter's own entry, e.g. its BibTeX key, is not
    assert second.key not in printed
