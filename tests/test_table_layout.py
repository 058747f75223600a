"""Tables a reader can read on a phone and a desktop, measured in Chromium.

At 390 px every table of the book is a list of cards: nothing scrolls sideways or is
clipped, each cell shows its column's heading, the caption sits outside any scrolling
box, and a prose cell is not squeezed to a word or two a line. On a desktop a source
cell takes at most two lines.
"""
from __future__ import annotations

import pytest

from conftest import HTML

pytestmark = pytest.mark.book


def _table_pages():
    return sorted(p.relative_to(HTML).as_posix() for p in (HTML / "chapters").glob("*.html")
                  if "partnership-table" in p.read_text(encoding="utf-8"))


MEASURE = """() => [...document.querySelectorAll('table.partnership-table')].map((t, k) => {
    const box = e => e.getBoundingClientRect();
    const article = box(document.querySelector('article.bd-article'));
    let scroller = null;
    for (let e = t.parentElement; e && e !== document.body; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1) { scroller = e; break; }
    }
    const caption = t.querySelector('caption');
    const cells = [...t.querySelectorAll('tbody td')];
    const unlabelled = cells.filter(c => !c.dataset.label || getComputedStyle(c, '::before').content === 'none');
    const clipped = cells.filter(c => box(c).left < article.left - 1 || box(c).right > article.right + 1);
    const wordsPerLine = cells.filter(c => c.textContent.trim().split(/\\s+/).length >= 8).map(c => {
        const p = c.querySelector('p') || c; const lh = parseFloat(getComputedStyle(p).lineHeight);
        return c.textContent.trim().split(/\\s+/).length / Math.max(1, Math.round(box(p).height / lh));
    });
    return {k, scroller: !!scroller, caption: caption && box(caption).width <= article.width + 1 &&
            box(caption).left >= article.left - 1, unlabelled: unlabelled.length, clipped: clipped.length,
            cells: cells.length, fewestWords: Math.min(...wordsPerLine, 99)};
})"""


@pytest.mark.parametrize("path", _table_pages())
def test_tables_are_cards_that_fit_a_phone(browser, site, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{site}/{path}", wait_until="networkidle")
        for table in page.evaluate(MEASURE):
            where = f"{path} table {table['k'] + 1}"
            assert not table["scroller"], f"{where} scrolls sideways at 390 px"
            assert table["clipped"] == 0, f"{where}: {table['clipped']} cells cut off"
            assert table["caption"], f"{where}: caption clipped or inside a scrolling box"
            assert table["unlabelled"] == 0, f"{where}: {table['unlabelled']} of {table['cells']} cells without a heading"
            assert table["fewestWords"] >= 3, f"{where}: a prose cell shows {table['fewestWords']:.1f} words a line"
    finally:
        context.close()


def test_source_cells_take_at_most_two_lines_on_a_desktop(browser, site):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    tall = []
    try:
        for path in _table_pages():
            page.goto(f"{site}/{path}", wait_until="networkidle")
            tall += page.evaluate("""(path) => [...document.querySelectorAll('td')].filter(td => td.querySelector('a.source-marker'))
                .map(td => { const p = td.querySelector('p') || td;
                             const lines = Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight));
                             return [path, td.textContent.trim(), lines]; })
                .filter(([, , lines]) => lines > 2)""", path)
    finally:
        page.close()
    assert not tall, f"source cells over two lines: {tall[:10]}"
