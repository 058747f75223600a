"""The reader's interface in a real browser: Arabic, right to left, nothing overlapping or cut.

Debian's Chromium under Playwright, on the built book (fixtures `site` and `browser` in
conftest.py), at a phone's width (390 px) and a desktop's (1400 px). What
press/sphinxext/interface.py, downloads.py, bibtex.py and _static/interface.css fix,
measured as a reader would meet it: geometry, computed styles and line boxes.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import HTML, built_pages

pytestmark = pytest.mark.book

WIDTHS = (390, 1400)
CHAPTER = "chapters/03_1_history.html"  # a middle chapter: previous and next, tables, citations
RANGE_PAGE = "chapters/02_1_sanctions.html"  # «1946-2022» in its prose
LATIN_ONLY = re.compile(r"^[^\u0600-\u06FF]*[A-Za-z]{2}[^\u0600-\u06FF]*$")


def _pages():
    return [p.relative_to(HTML).as_posix() for p in built_pages() if p != HTML / "index.html"]


def _open(browser, site, path, width, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{site}/{path}", wait_until="networkidle")
    return page


VISIBLE = """e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && e.checkVisibility(); }"""

LATIN_ATTRIBUTES = """() => {
  const latin = /^[^\\u0600-\\u06FF]*[A-Za-z]{2}[^\\u0600-\\u06FF]*$/, found = [];
  for (const e of document.querySelectorAll('[title], [aria-label], [alt], [placeholder], [data-tooltip]')) {
    // The tooltip of a citation, or of a table's source marker, is the cited work's own label.
    if (e.closest('.bibtex-citation, .citation, .source-marker')) continue;
    for (const name of ['title', 'aria-label', 'alt', 'placeholder', 'data-tooltip']) {
      const value = e.getAttribute(name);
      if (value && latin.test(value.trim())) found.push(`${e.tagName}.${e.className} ${name}="${value}"`);
    }
  }
  for (const e of document.querySelectorAll('.dropdown-menu .btn__text-container, .prev-next-subtitle, #pst-back-to-top')) {
    if (latin.test(e.textContent.trim())) found.push(`${e.tagName}.${e.className} text "${e.textContent.trim()}"`);
  }
  return found;
}"""


def test_no_latin_interface_strings_on_any_page(browser, site):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems = []
    try:
        for path in _pages():
            page.goto(f"{site}/{path}", wait_until="load")
            page.wait_for_function("document.querySelectorAll('.copybtn').length === document.querySelectorAll('div.highlight pre').length")
            problems += [f"{path}: {found}" for found in page.evaluate(LATIN_ATTRIBUTES)]
    finally:
        page.close()
    assert not problems, "\n".join(sorted(set(problems))[:40])


def test_no_latin_interface_strings_in_the_pdf_source():
    """The single page that Chromium prints to the PDF: no English title or label either."""
    single = HTML.parent / "singlehtml" / "chapters" / "index.html"
    if not single.is_file():
        pytest.skip("no single-page build (make book builds it)")
    html = single.read_text(encoding="utf-8")
    for text in ("Link to this", 'aria-label="Main"', 'aria-label="Page"', "(accessed ", "Title from the URL slug"):
        assert text not in html, text


def test_search_page_speaks_arabic(browser, site):
    page = _open(browser, site, "search.html?q=" + "%D8%B7%D9%87%D8%B1%D8%A7%D9%86", 1400)
    try:
        page.wait_for_selector("#book-search-results li", timeout=20_000)
        page.wait_for_function("document.getElementById('book-search-status').dataset.count")
        summary = page.evaluate("document.getElementById('book-search-status').textContent")
        assert not LATIN_ONLY.match(summary.strip()) and re.search("[\u0600-\u06FF]", summary), summary
    finally:
        page.close()


ARROW = """a => {
  const i = a.querySelector('i'), glyph = getComputedStyle(i, '::before').content;
  const base = {'"\\uf105"': 1, '"\\uf104"': -1}[glyph];   // fa-angle-right, fa-angle-left
  const m = new DOMMatrix(getComputedStyle(i).transform === 'none' ? undefined : getComputedStyle(i).transform);
  const r = a.getBoundingClientRect(), ir = i.getBoundingClientRect(), tr = a.querySelector('.prev-next-info').getBoundingClientRect();
  return {left: r.left, right: r.right, points: base === undefined ? 0 : base * Math.sign(m.a),
          iconOutside: base === undefined ? 0 : Math.sign((ir.left + ir.right) - (tr.left + tr.right))};
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_previous_is_right_of_next_and_arrows_follow_reading(browser, site, width):
    page = _open(browser, site, CHAPTER, width)
    try:
        prev = page.eval_on_selector(".prev-next-area a.left-prev", ARROW)
        nxt = page.eval_on_selector(".prev-next-area a.right-next", ARROW)
        assert prev["left"] >= nxt["right"] - 1, f"«السابق» is not right of «التالي»: {prev} {nxt}"
        assert prev["points"] == 1 and prev["iconOutside"] == 1, f"previous: arrow should point right, on the right: {prev}"
        assert nxt["points"] == -1 and nxt["iconOutside"] == -1, f"next: arrow should point left, on the left: {nxt}"
    finally:
        page.close()


def test_download_menu_offers_the_pdf_edition(browser, site):
    page = _open(browser, site, CHAPTER, 1400)
    try:
        items = page.evaluate("""() => [...document.querySelectorAll('.dropdown-download-buttons .dropdown-item')].map(e =>
            ({href: e.getAttribute('href'), onclick: e.getAttribute('onclick'), text: e.textContent.trim(),
              bdi: e.querySelector('bdi') && getComputedStyle(e.querySelector('bdi')).direction}))""")
        pdf = [i for i in items if (i["href"] or "").endswith("the-cautious-partnership.pdf")]
        assert pdf, items
        assert not any(i["onclick"] for i in items), f"a menu item still prints the page: {items}"
        assert all(i["bdi"] == "ltr" for i in items), f"file names not isolated left to right: {items}"
        if (HTML / "the-cautious-partnership.pdf").is_file():
            response = page.request.get(f"{site}/chapters/{pdf[0]['href']}")
            assert response.ok and response.body()[:5] == b"%PDF-"
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [CHAPTER, "search.html"])
def test_exactly_one_visible_search_box(browser, site, path, width):
    page = _open(browser, site, path, width)
    try:
        boxes = page.evaluate(f"""() => [...document.querySelectorAll(
            '.search-button-field, .search-button, form.bd-search')].filter({VISIBLE}).map(e => e.className)""")
        assert len(boxes) == 1, boxes
    finally:
        page.close()


OVERLAP = """([a, b]) => { const r = a.getBoundingClientRect(), s = b.getBoundingClientRect();
    return r.width && s.width && r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom; }"""


def _icon_clear_of_keys(page, form):
    return page.evaluate(f"""f => {{
        const icon = f.querySelector('.fa-magnifying-glass');
        const overlap = {OVERLAP};
        return [...f.querySelectorAll('kbd, input, .search-button__default-text')].filter(k => overlap([icon, k])).map(k => k.outerHTML);
    }}""", form)


@pytest.mark.parametrize("width", WIDTHS)
def test_search_icon_clear_of_its_key_hint(browser, site, width):
    page = _open(browser, site, "search.html", width)
    try:
        form = page.query_selector(".bd-search-container form.bd-search")
        assert not _icon_clear_of_keys(page, form)
        page.goto(f"{site}/{CHAPTER}", wait_until="networkidle")
        page.keyboard.press("Control+k")
        page.wait_for_selector("#pst-search-dialog[open] form.bd-search")
        assert not _icon_clear_of_keys(page, page.query_selector("#pst-search-dialog form.bd-search"))
        for button in page.query_selector_all(".search-button-field"):
            if page.evaluate(VISIBLE, button):
                assert not _icon_clear_of_keys(page, button)
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_back_to_top_covers_no_table(browser, site, width):
    page = _open(browser, site, CHAPTER, width, height=844 if width == 390 else 900)
    try:
        tables = page.query_selector_all("article table")
        assert tables
        for table in tables[:6]:
            for at in (0.1, 0.5, 0.9):
                page.evaluate("([t, at]) => { const r = t.getBoundingClientRect(); "
                              "window.scrollBy(0, r.top - innerHeight * at); }", [table, at])
                page.evaluate("document.getElementById('pst-back-to-top').style.display = 'block'")
                hit = page.evaluate(f"""t => {{ const b = document.getElementById('pst-back-to-top');
                    const h = document.querySelector('.bd-header-article').getBoundingClientRect();
                    const r = b.getBoundingClientRect(), s = t.getBoundingClientRect();
                    // the part of the table under the sticky header is hidden by the header anyway
                    const top = Math.max(s.top, h.bottom);
                    return r.left < s.right && s.left < r.right && r.top < s.bottom && top < r.bottom; }}""", table)
                assert not hit, f"back-to-top covers a table at {width}px"
    finally:
        page.close()


LINES = """([node, start, end]) => {
  const range = document.createRange(); range.setStart(node, start); range.setEnd(node, end);
  return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
}"""

FIND = """pattern => {
  const re = new RegExp(pattern, 'u');
  const walk = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  let n; while ((n = walk.nextNode())) { const m = re.exec(n.data);
    if (m && n.parentElement.closest('p')) return [n, m.index, m.index + m[0].length]; }
  return null;
}"""


def test_a_year_range_does_not_break_at_its_dash(browser, site):
    page = _open(browser, site, RANGE_PAGE, 390)
    try:
        found = page.evaluate_handle(FIND, "1946[\\u2060\\u2066]?[-\\u2013][\\u2060\\u2069]?2022")
        assert page.evaluate("f => f !== null", found), "no range 1946-2022 in the page's prose"
        # the range's own width, on one line; then every paragraph width it fits in, to 320 px more
        fits = page.evaluate("""([node, start, end]) => { const r = document.createRange();
            r.setStart(node, start); r.setEnd(node, end);
            return Math.ceil([...r.getClientRects()].reduce((w, x) => w + x.width, 0)) + 2; }""", found)
        lines = {}
        for px in range(fits, fits + 320, 2):
            page.evaluate("([f, px]) => { f[0].parentElement.closest('p').style.width = px + 'px'; }", [found, px])
            lines[px] = page.evaluate(f"f => ({LINES})(f)", found)
        broken = [px for px, n in lines.items() if n > 1]
        assert not broken, f"the range broke across lines in a paragraph {broken[:5]} px wide"
    finally:
        page.close()


def test_a_citation_does_not_break_inside(browser, site):
    page = _open(browser, site, CHAPTER, 390)
    try:
        broken = page.evaluate("""() => {
          const out = [];
          const cites = [...document.querySelectorAll('article p .bibtex-citation a.reference')]
              .filter(a => a.textContent.length <= 26).slice(0, 20);  // SHORT_CITATION in interface.py
          for (const a of cites) {
            const p = a.closest('p');
            // every width at which the label fits on a line, up to a wide column
            a.style.whiteSpace = 'nowrap';
            const fits = Math.ceil(a.getBoundingClientRect().width) + 2;
            a.style.whiteSpace = '';
            for (let px = fits; px <= fits + 320; px += 4) {
              p.style.width = px + 'px';
              const tops = new Set([...a.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
              if (tops.size > 1) { out.push(`${a.textContent} at ${px}px`); break; }
            }
            p.style.width = '';
          }
          return [cites.length, out];
        }""")
        assert broken[0], "no citation found"
        assert not broken[1], broken[1]
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_citation_box_lines_are_not_cut(browser, site, width):
    page = _open(browser, site, CHAPTER, width)
    try:
        cut = page.evaluate("""() => [...document.querySelectorAll('.cite-box pre')]
            .filter(p => p.scrollWidth > p.clientWidth).map(p => [p.scrollWidth, p.clientWidth, p.textContent.slice(0, 40)])""")
        assert page.query_selector(".cite-box pre")
        assert not cut, cut
    finally:
        page.close()


def test_active_section_bar_leaves_the_first_letter_clear(browser, site):
    page = _open(browser, site, CHAPTER, 1400)
    try:
        links = page.query_selector_all(".bd-toc .toc-entry a.nav-link")
        assert links
        for link in links:
            page.evaluate("a => { document.querySelectorAll('.bd-toc a.nav-link.active').forEach(x => x.classList.remove('active'));"
                          " a.classList.add('active'); }", link)
            gap = page.evaluate("""a => {
                const bar = parseFloat(getComputedStyle(a).boxShadow.match(/(-?[\\d.]+)px 0px 0px/)?.[1] || 0);
                const range = document.createRange(); range.selectNodeContents(a);
                const text = [...range.getClientRects()].filter(r => r.width > 0);
                const r = a.getBoundingClientRect();
                return {bar: Math.abs(bar), gap: r.right - Math.max(...text.map(t => t.right))};
            }""", link)
            assert gap["bar"] > 0, "no active-section bar drawn"
            assert gap["gap"] >= gap["bar"] + 2, f"the bar touches or covers the text: {gap}"
    finally:
        page.close()


def test_data_files_are_described_in_arabic():
    page = (HTML / CHAPTER).read_text(encoding="utf-8")
    blurbs = re.findall(r'\.csv</code></bdi></a>: ([^<]*(?:<bdi[^>]*>[^<]*</bdi>)?)', page)
    assert blurbs
    for blurb in blurbs:
        assert re.search("[\u0600-\u06FF]", blurb), blurb

