"""«مسرد»: data/glossary.csv, its Sphinx glossary page, and the links to it from the chapters."""
from __future__ import annotations

import csv
import re
from html import unescape

import nbformat
import pytest

from conftest import HTML, ROOT, built_pages, rewrite
from partnership import data
from partnership.analysis import glossary
from partnership.data import location

PAGE = HTML / "chapters" / "94_glossary.html"
TERM_ROLE = re.compile(r"\{term\}`(?:[^`<]*<([^>`]+)>|([^`]+))`")


def _rows():
    with open(location.directory() / "glossary.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _chapter_notebooks():
    return [p for p in sorted((ROOT / "chapters").glob("*.ipynb")) if p.stem != "94_glossary"]


def _dt_terms():
    """{term text: id} of every <dt> on the built glossary page."""
    html = PAGE.read_text(encoding="utf-8")
    found = {}
    for ident, inner in re.findall(r'<dt id="([^"]+)">(.*?)</dt>', html, re.S):
        text = unescape(re.sub(r"<[^>]+>", "", inner)).strip().rstrip("¶#").strip()
        found[text] = ident
    return found


def test_glossary_is_valid_and_sizeable():
    frame = glossary.entries()
    assert 40 <= len(frame) <= 80
    assert set(frame["kind"]) == set(glossary.KINDS)


def test_original_script_without_its_language_is_an_error(scratch_data):
    rows = _rows()
    row = next(i for i, r in enumerate(rows, start=2) if r["original_lang"] == "ru")
    name = rows[row - 2]
    rewrite(scratch_data / "glossary.csv", f"{name['term_original']},ru,", f"{name['term_original']},,")
    with pytest.raises(data.DataError, match=rf"glossary\.csv, row {row}, column 'original_lang': .*give both"):
        glossary.entries(scratch_data)


def test_an_unknown_source_key_in_the_glossary_is_an_error(scratch_data):
    rewrite(scratch_data / "glossary.csv", "mehr2022khameneinato;irna2025putinlaw", "mehr2022khameneinato;nosuch2099")
    with pytest.raises(data.DataError, match=r"glossary\.csv, row 2, column 'source': unknown source key 'nosuch2099'"):
        glossary.entries(scratch_data)


def test_every_term_appears_in_the_chapters():
    text = "\n".join(c.source for p in _chapter_notebooks()
                     for c in nbformat.read(str(p), as_version=4).cells if c.cell_type == "markdown")
    missing = [r["term_ar"] for r in _rows() if r["term_ar"] not in text]
    assert not missing


def test_the_built_glossary_defines_both_forms_of_every_term():
    terms = _dt_terms()
    for row in _rows():
        assert row["term_ar"] in terms, row["id"]
        assert row["term_en"] in terms, row["id"]
    assert len(terms) == 2 * len(_rows())


def test_every_definition_is_cited_on_the_glossary_page():
    html = PAGE.read_text(encoding="utf-8")
    dds = re.findall(r"<dd>(.*?)</dd>", html, re.S)
    assert len(dds) == len(_rows())
    assert all('class="bibtex-citation"' in dd for dd in dds)


def test_every_term_role_in_the_chapters_names_a_glossary_term():
    terms = {r["term_ar"] for r in _rows()}
    for path in _chapter_notebooks():
        for cell in nbformat.read(str(path), as_version=4).cells:
            if cell.cell_type == "markdown":
                for target, plain in TERM_ROLE.findall(cell.source):
                    assert (target or plain) in terms, f"{path.name}: {target or plain}"


def test_every_term_is_linked_from_some_chapter_page():
    ids = {ident for text, ident in _dt_terms().items() if text in {r["term_ar"] for r in _rows()}}
    linked = set()
    for page in built_pages():
        if page == PAGE:
            continue
        linked |= set(re.findall(r'href="(?:[^"#]*/)?94_glossary\.html#([^"]+)"', page.read_text(encoding="utf-8")))
    assert ids - linked == set(), "glossary terms that no chapter links to"


def _skeleton(word: str) -> str:
    return word.replace("ي", "")


def test_one_spelling_per_name():
    """A person's name is spelt as the glossary spells it: «ميدفيديف», never «ميدفيدف».

    A variant is a word with the name's letters but for the ي's, ending in the same letter
    (so «سلمان» is not «سليماني»). The report's own words in «» keep its spelling, and the
    errata quote its misspellings on purpose.
    """
    from press.search import normalise

    names: dict[str, str] = {}
    for row in data.read_rows("glossary"):
        if row["kind"] == "person":
            for part in row["term_ar"].split():
                if len(_skeleton(normalise(part))) >= 4:
                    names[_skeleton(normalise(part))] = normalise(part)
    texts = [(path.name, cell.source) for path in sorted((ROOT / "chapters").glob("*.ipynb"))
             for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"]
    texts += [(path.name, path.read_text(encoding="utf-8")) for path in sorted((ROOT / "data").glob("*.csv"))
              if path.name != "errata.csv"]
    variants = set()
    for where, text in texts:
        for word in re.findall(r"[\u0621-\u06ff]+", re.sub(r"«[^»]*»", " ", text)):
            name = names.get(_skeleton(normalise(word)))
            if name and normalise(word) != name and normalise(word)[-1] == name[-1]:
                variants.add((where, word, name))
    assert len(names) >= 10
    assert not variants, sorted(variants)
