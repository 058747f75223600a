"""Accessibility, page weight, dark mode and print of the built book, in Debian's Chromium.

axe-core (pinned in package-lock.json, `make node`) runs with every rule it ships; a page
fails on any serious or critical violation. Page weight is what the browser fetches
(press.audit), the same number `make bench` and `make audit` print.
"""
from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from conftest import HTML
from press import audit
from press.sphinxext import theme as sphinx_theme

PAGES = audit.pages(HTML)
ARABIC = re.compile(r"[\u0600-\u06FF]")


def _open(browser, site, path, width=1280, scheme="light"):
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.goto(f"{site}/{path}", wait_until="networkidle")
    return page


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_nothing_serious(browser, site, path):
    """Desktop in the light theme, and a phone in the dark theme (contrast differs)."""
    for width, scheme in ((1280, "light"), (390, "dark")):
        page = _open(browser, site, path, width, scheme)
        try:
            assert page.evaluate("document.documentElement.dataset.theme") == scheme
            violations = audit.axe(page)
            assert not violations, f"{path} at {width}px, {scheme}:\n{audit.describe(violations)}"
        finally:
            page.close()


def test_axe_does_report_a_broken_page(browser, site):
    """The check can fail: a toc <summary> stripped of its name is caught again."""
    page = _open(browser, site, "chapters/02_drivers.html")
    try:
        page.evaluate("document.querySelectorAll('nav summary').forEach(s => s.removeAttribute('aria-label'))")
        assert "summary-name" in {v["id"] for v in audit.axe(page)}
    finally:
        page.close()


def test_every_page_weighs_at_most_the_limit(browser):
    weights = audit.page_weights(HTML, chromium=browser)
    assert {w.path for w in weights} == set(PAGES)
    heavy = [f"{w.path}: {w.total / 1e6:.2f} MB, most of it {w.heaviest(3)}"
             for w in weights if w.total > audit.WEIGHT_LIMIT]
    assert not heavy, "\n".join(heavy)


def test_page_weight_counts_every_asset_a_page_loads(browser):
    """The measure is the page plus its stylesheets, scripts, fonts and images, all of them."""
    path = "chapters/05_hindsight.html"
    weight = audit.page_weights(HTML, [path], chromium=browser)[0]
    text = (HTML / path).read_text(encoding="utf-8")
    # The drawings a light-mode desktop reader is shown; the dark mode's stay unfetched.
    images = set(re.findall(r'<img class="only-light" src="\.\./(_images/[^"]+)"', text))
    hidden = set(re.findall(r'<img class="only-dark" src="\.\./(_images/[^"]+)"', text))
    assert images and hidden, "the chapter has no charts to count"
    for image in images:
        assert weight.resources.get(image) == (HTML / image).stat().st_size, image
    assert not hidden & set(weight.resources), "the dark mode's drawings were fetched too"
    assert weight.resources[path] == (HTML / path).stat().st_size
    assert any(r.endswith((".woff2", ".woff")) for r in weight.resources), "web fonts not counted"
    assert any(r.startswith("_static/styles/") for r in weight.resources), "theme CSS not counted"
    assert weight.total == sum(weight.resources.values())


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.description, self.text, self._skip = None, [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content")
        if tag in ("script", "style", "head"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def test_every_page_has_its_own_arabic_description():
    seen = {}
    for path in PAGES:
        parser = _Meta()
        parser.feed((HTML / path).read_text(encoding="utf-8"))
        text = parser.description
        assert text, f"{path}: no <meta name=description>"
        assert ARABIC.search(text), f"{path}: description is not Arabic: {text!r}"
        assert 50 <= len(text) <= sphinx_theme.DESCRIPTION_CHARS + 1, f"{path}: {len(text)} characters"
        assert text not in seen, f"{path} and {seen.get(text)} share a description"
        seen[text] = path
        if path not in ("search.html", "genindex.html"):
            body = " ".join("".join(parser.text).split())
            assert text.rstrip("…") in body, f"{path}: description is not the page's own text: {text!r}"


def test_the_theme_icons_are_drawn_without_fontawesome_js(browser, site):
    """Every icon on the page has a glyph in the subset icon font, and the 1.5 MB script is gone."""
    from fontTools.ttLib import TTFont

    cmap = TTFont(HTML / sphinx_theme.WEBFONTS / sphinx_theme.SOLID_SUBSET).getBestCmap()
    page = _open(browser, site, "chapters/05_hindsight.html")
    try:
        assert not page.evaluate("[...document.scripts].some(s => s.src.includes('fontawesome'))")
        icons = page.evaluate("""() => [...document.querySelectorAll('i[class*="fa-"]')].map(i =>
            ({cls: i.className, glyph: getComputedStyle(i, '::before').content,
              font: getComputedStyle(i).fontFamily}))""")
        assert len(icons) >= 10
        for icon in icons:
            glyph = icon["glyph"].strip('"')
            assert len(glyph) == 1, icon
            assert ord(glyph) in cmap, f"{icon['cls']}: U+{ord(glyph):04X} not in the subset font"
            assert "Font Awesome" in icon["font"], icon
        assert page.evaluate("document.fonts.check('900 16px \"Font Awesome 6 Free\"', '\\uf0c9')")
    finally:
        page.close()


def _luminance(png: bytes) -> float:
    """Mean relative luminance (0 black .. 1 white) of a screenshot."""
    from PIL import Image

    from PIL import ImageStat

    image = Image.open(io.BytesIO(png)).convert("L")
    return ImageStat.Stat(image).mean[0] / 255


def test_charts_stay_legible_in_the_dark_theme(browser, site):
    """In the dark theme a chart is its drawing for the dark page: dark like the page
    around it, and undimmed by the theme's filter (which would shift its checked colours)."""
    page = _open(browser, site, "chapters/05_hindsight.html", scheme="dark")
    try:
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        shown = ".chart-picture picture.only-dark img"
        chart = page.locator(shown).first
        chart.scroll_into_view_if_needed()
        page.wait_for_function(f"(() => {{ const i = document.querySelector('{shown}'); return i.complete && i.naturalWidth > 0; }})()")
        assert page.evaluate(f"getComputedStyle(document.querySelector('{shown}')).filter") == "none"
        assert _luminance(chart.screenshot()) < 0.35
        assert _luminance(page.locator("article p").first.screenshot()) < 0.35
    finally:
        page.close()


def test_printing_a_chapter_leaves_only_the_chapter(browser, site):
    page = _open(browser, site, "chapters/03_1_history.html")
    try:
        page.emulate_media(media="print")
        shown = page.evaluate("""() => Object.fromEntries(
            ['.bd-header', '.bd-sidebar-primary', '.bd-sidebar-secondary', '.prev-next-area',
             '.bd-footer', '.bd-header-article', '#pst-back-to-top', '.cite-box', 'article.bd-article h1',
             'article.bd-article p'].map(s => {
                const e = document.querySelector(s);
                return [s, !!e && getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0];
            }))""")
        assert shown == {**{s: False for s in shown}, "article.bd-article h1": True, "article.bd-article p": True}
        article = page.evaluate("document.querySelector('article.bd-article').getBoundingClientRect().width")
        assert article >= 0.9 * page.evaluate("document.documentElement.clientWidth"), "article not full width"
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
        first = pdf.pages[0].extract_text()
        assert len(first.split()) > 50, f"the printed chapter's first page is (nearly) blank: {first!r}"
    finally:
        page.close()


def test_fix_page_is_idempotent_and_removes_what_it_should():
    text = (HTML / "chapters" / "02_drivers.html").read_text(encoding="utf-8")
    assert "fontawesome.js" not in text and "searchindex.js" not in text
    assert 'aria-label="Toggle hidden content"' not in text
    again = sphinx_theme.fix_page(text, HTML / "chapters" / "02_drivers.html")
    assert again == text
    search = (HTML / "search.html").read_text(encoding="utf-8")
    assert "searchindex.js" not in search and "searchtools.js" not in search  # the book's own search
    assert not (HTML / "searchindex.js").exists()
