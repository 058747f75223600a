"""Navigation a reader can use on a phone, a tablet and a desktop, tapped in Chromium.

☰ must open the list of chapters, the list button the page's own sections, and Escape
must close them; each list must be on screen, readable and usable (a tapped chapter
opens). Before press.sphinxext.navigation, a tap on either button opened nothing
(pydata-sphinx-theme #2451), and these tests fail on such a build.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.book

CHAPTER = "chapters/02_1_sanctions.html"  # a section page: sections of its own, a parent chapter
TOUCH = {"390x844": (390, 844), "768x1024": (768, 1024)}


@pytest.fixture(params=list(TOUCH), ids=list(TOUCH))
def touch_page(request, browser, site):
    width, height = TOUCH[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True, is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site}/{CHAPTER}", wait_until="networkidle")
    yield page, errors
    context.close()


def _visible_links(page, dialog: str) -> list[dict]:
    """Links inside the dialog that a reader can see: inside the viewport, not hidden, legible."""
    return page.evaluate("""(sel) => [...document.querySelectorAll(sel + ' a[href]')].map(a => {
        const r = a.getBoundingClientRect(), s = getComputedStyle(a);
        return {href: a.getAttribute('href'), text: a.textContent.trim(), top: r.top, bottom: r.bottom,
                left: r.left, right: r.right, font: parseFloat(s.fontSize), hidden: s.visibility === 'hidden'};
    }).filter(l => l.text && !l.hidden && l.right - l.left > 0 && l.bottom > 0 && l.top < innerHeight
                   && l.left >= 0 && l.right <= innerWidth + 1)""", dialog)


def _edges(page, dialog: str) -> dict:
    return page.evaluate("(sel) => { const r = document.querySelector(sel).getBoundingClientRect();"
                         " return {left: r.left, right: r.right}; }", dialog)


def _is_open(page, dialog: str) -> bool:
    return page.evaluate("(sel) => document.querySelector(sel).open", dialog)


def test_menu_button_opens_the_chapter_list_and_escape_closes_it(touch_page):
    page, errors = touch_page
    assert not _is_open(page, "#pst-primary-sidebar-modal")
    page.locator(".bd-header-article .primary-toggle").tap()
    page.wait_for_timeout(400)
    assert _is_open(page, "#pst-primary-sidebar-modal"), "☰ tapped, the chapter list did not open"
    assert _edges(page, "#pst-primary-sidebar-modal")["right"] >= page.viewport_size["width"] - 1, \
        "the chapter list must slide in from the right, the side of ☰ in Arabic"
    links = _visible_links(page, "#pst-primary-sidebar-modal")
    chapters = {link["href"] for link in links if link["href"].endswith(".html")}
    assert len(chapters) >= 8, f"only {len(chapters)} chapter links on screen: {links}"
    assert min(link["font"] for link in links) >= 14, "chapter list text too small to read"
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert not _is_open(page, "#pst-primary-sidebar-modal"), "Escape did not close the chapter list"
    # Usable: open it again and tap a chapter; its page opens.
    page.locator(".bd-header-article .primary-toggle").tap()
    page.wait_for_timeout(400)
    target = page.locator("#pst-primary-sidebar-modal a[href$='00_summary.html']").first
    with page.expect_navigation(timeout=10_000):
        target.tap()
    assert page.url.endswith("00_summary.html"), page.url
    assert not errors, errors


def test_contents_button_opens_the_page_sections_and_escape_closes_it(touch_page):
    page, errors = touch_page
    sections = page.evaluate("[...document.querySelectorAll('#pst-secondary-sidebar nav.page-toc a')].length")
    assert sections >= 3
    page.locator(".bd-header-article .secondary-toggle").tap()
    page.wait_for_timeout(400)
    assert _is_open(page, "#pst-secondary-sidebar-modal"), "contents tapped, the page's sections did not open"
    assert _edges(page, "#pst-secondary-sidebar-modal")["left"] <= 1, "the page's sections open from the left"
    anchors = [link for link in _visible_links(page, "#pst-secondary-sidebar-modal") if link["href"].startswith("#")]
    assert len(anchors) >= sections, f"{len(anchors)} section links on screen for {sections} sections"
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert not _is_open(page, "#pst-secondary-sidebar-modal"), "Escape did not close the page's sections"
    # Usable: a tapped section link scrolls to its section.
    page.locator(".bd-header-article .secondary-toggle").tap()
    page.wait_for_timeout(400)
    last = anchors[-1]["href"]
    page.locator(f"#pst-secondary-sidebar-modal a[href='{last}']").first.tap()
    page.wait_for_timeout(600)
    top = page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().top", last[1:])
    assert -5 <= top < 844 / 2, f"section {last} not brought into view (top {top})"
    assert not errors, errors


def test_menu_button_folds_the_desktop_sidebar_away_and_back(browser, site):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(f"{site}/{CHAPTER}", wait_until="networkidle")
        article = "document.querySelector('.bd-article-container').getBoundingClientRect().width"
        before = page.evaluate(article)
        page.click(".bd-header-article .primary-toggle")
        page.wait_for_timeout(600)
        assert not _is_open(page, "#pst-primary-sidebar-modal"), "☰ popped the sidebar up as a dialog"
        assert page.evaluate("getComputedStyle(document.querySelector('#pst-primary-sidebar')).visibility") == "hidden"
        assert page.evaluate(article) > before + 100, "the article did not take the sidebar's room"
        page.click(".bd-header-article .primary-toggle")
        page.wait_for_timeout(600)
        assert page.evaluate("getComputedStyle(document.querySelector('#pst-primary-sidebar')).visibility") == "visible"
    finally:
        page.close()
