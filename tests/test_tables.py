"""Tables: numbered MyST for the book, plain text for nbval, sources as citations."""
from __future__ import annotations

import pandas as pd
import pytest

from partnership.analysis import claims
from partnership.figures import markdown, tables


def _table():
    frame = pd.DataFrame({"what": ["- starts like a list", "عادي"], "n": [1200, 7],
                          "source": ["aej2019pan;anon2023partnership", "anon2023partnership"]})
    return tables.Table(frame, {"what": "ما", "n": "العدد", "source": "المصدر"},
                        caption="تجربة", name="tbl-test", numeric=["n"])


def test_markdown_is_a_named_list_table_with_citations():
    md = _table()._repr_markdown_()
    assert md.startswith("```{list-table} تجربة\n:name: tbl-test\n:header-rows: 1")
    # Source cells hold numbered markers; the note under the table cites each source once.
    rows = md.split("\n* - ")[1:]
    assert '<a class="source-marker" href="#tbl-test-s1" title="Pan &amp; Michalski 2019">1</a>' in rows[1]
    assert rows[1].rstrip().endswith('href="#tbl-test-s2" title="Anonymous 2023">2</a>')
    assert rows[2].split("\n```")[0].endswith('href="#tbl-test-s2" title="Anonymous 2023">2</a>')
    note = md.split("```{container} table-sources\n")[1]
    assert note.count("{cite:p}") == 2, "each source cited once, in the note"
    assert '<span class="source-number" id="tbl-test-s1">1</span> {cite:p}`aej2019pan`' in note
    assert '<span class="source-number" id="tbl-test-s2">2</span> {cite:p}`anon2023partnership`' in note
    assert "\\- starts like a list" in md, "a cell starting with '-' must not become a list"
    assert md.count("\n* - ") == 3  # header + two rows


def test_a_source_label_is_escaped_into_the_marker_title():
    marker = markdown.marker("tbl-x-s1", 1, 'A "quoted" <b>name</b> & co')
    assert 'title="A &quot;quoted&quot; &lt;b&gt;name&lt;/b&gt; &amp; co"' in marker
    with pytest.raises(ValueError, match="anchor"):
        markdown.marker('x" onclick="alert(1)', 1, "t")


def test_a_table_without_sources_has_no_source_note():
    frame = pd.DataFrame({"a": ["x"]})
    assert "table-sources" not in tables.Table(frame, {"a": "أ"}, caption="x", name="tbl-x")._repr_markdown_()


def test_plain_text_form_is_what_nbval_compares():
    lines = repr(_table()).splitlines()
    assert lines[0].split() == ["ما", "العدد", "المصدر"]
    assert "1,200" in lines[1] and "Pan & Michalski 2019؛ Anonymous 2023" in lines[1]
    assert len(lines) == 3


def test_html_form_keeps_numbers_left_to_right():
    html = _table()._repr_html_()
    assert '<td class="num">1,200</td>' in html and 'dir="rtl"' in html


def test_bad_name_and_missing_column_are_refused():
    frame = pd.DataFrame({"a": [1], "source": ["anon2023partnership"]})
    with pytest.raises(ValueError, match="tbl-some-name"):
        tables.Table(frame, {"a": "أ"}, caption="x", name="table1")
    with pytest.raises(KeyError, match="b"):
        tables.Table(frame, {"b": "ب"}, caption="x", name="tbl-x")


def test_verdict_table_shows_only_its_section_in_report_order():
    table = claims.verdict_table("introduction", caption="x", name="tbl-x")
    register = claims.register()
    expected = register[register["section"] == "introduction"]
    assert len(table.frame) == len(expected) > 0
    assert set(table.frame["verdict_ar"]) <= set(claims.VERDICTS.values())


def test_unknown_section_is_refused():
    with pytest.raises(KeyError, match="no claims for section"):
        claims.verdict_table("nowhere", caption="x", name="tbl-x")
