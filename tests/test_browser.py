"""The built book in a real browser: Debian's Chromium, headless, driven by Playwright.

Every page is served from 127.0.0.1 by the test itself (fixtures `site` and `browser`
in conftest.py). Nothing may fail to load,
nothing may be asked of another host, the layout must really be right-to-left, and
at a phone's width (390 px) the page itself must not scroll sideways.
"""
from __future__ import annotations

from urllib.parse import quote

import pytest

from conftest import HTML, built_pages


def _pages():
    return [p.relative_to(HTML).as_posix() for p in built_pages()
            if p.name not in ("genindex.html", "search.html") and p != HTML / "index.html"]


def _open(browser, site, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    page.on("request", lambda r: r.url.startswith((site, "data:", "blob:")) or problems.append(f"outside: {r.url}"))
    page.goto(f"{site}/{path}", wait_until="networkidle")
    return page, problems


@pytest.mark.parametrize("path", _pages())
def test_page_loads_cleanly_and_reads_right_to_left(browser, site, path):
    page, problems = _open(browser, site, path, 1280)
    try:
        assert not problems, "\n".join(problems)
        layout = page.evaluate("""() => {
            const r = e => e && e.getBoundingClientRect();
            const toc = r(document.querySelector('.bd-sidebar-primary'));
            const article = r(document.querySelector('article.bd-article'));
            const p = document.querySelector('article.bd-article p');
            return {toc: toc && [toc.left, toc.right], article: [article.left, article.right],
                    align: p && getComputedStyle(p).textAlign, dir: getComputedStyle(document.body).direction};
        }""")
        assert layout["dir"] == "rtl"
        assert layout["toc"] and layout["toc"][0] >= layout["article"][1] - 1, f"TOC not right of article: {layout}"
        assert layout["align"] in ("right", "start"), layout
        # Charts load lazily (press/sphinxext/theme.py): fetch them all, as scrolling would.
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
        page.wait_for_function("[...document.images].every(i => i.complete)")
        images = page.evaluate("""() => [...document.querySelectorAll('article img')].map(i =>
            ({src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0, alt: i.getAttribute('alt') || ''}))""")
        for image in images:
            assert image["ok"], f"image did not load: {image['src']}"
            assert image["alt"].strip(), f"image without alt text: {image['src']}"
    finally:
        page.close()


@pytest.mark.parametrize("path", _pages())
def test_nothing_overflows_at_phone_width(browser, site, path):
    page, problems = _open(browser, site, path, 390)
    try:
        assert not problems, "\n".join(problems)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 391, f"page is {width}px wide at a 390px viewport"
    finally:
        page.close()


def test_search_finds_an_arabic_word(browser, site):
    page, problems = _open(browser, site, "search.html?q=" + quote("طهران"), 1280)
    try:
        page.wait_for_selector("#book-search-results li", timeout=20_000)
        hits = page.evaluate("[...document.querySelectorAll('#book-search-results li a')].map(a => a.getAttribute('href'))")
        assert any("01_introduction" in h for h in hits), hits
        assert not problems, "\n".join(problems)
    finally:
        page.close()
