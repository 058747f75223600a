"""Charts a reader can read: on a phone, on a desktop, in the dark colour mode.

The text of a chart must show at 11 CSS px or more on a 390 px phone and 12 px or more
in the 1400 px desktop column. What is measured is the page in Chromium: the drawing
the browser chose (``currentSrc``), the box it is shown in, and the smallest text of
that drawing (``data-min-font-px``, written from the figure's own text when drawn).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.request import urlopen

import pytest

from conftest import HTML, ROOT
from partnership.figures import style
from partnership.figures.svg import DARK_BACKGROUND, dark_colour, dark_svg

MIN_PX = {390: 11.0, 1400: 12.0}
SVG_SIZE = re.compile(r'<svg[^>]*\bwidth="([\d.]+)pt"')
MIN_FONT = re.compile(r'data-min-font-px="([\d.]+)"')


def _chart_pages():
    return sorted(p.relative_to(HTML).as_posix() for p in (HTML / "chapters").glob("*.html")
                  if "chart-picture" in p.read_text(encoding="utf-8"))


def _drawing(url: str) -> str:
    with urlopen(url) as response:
        return response.read().decode("utf-8")


def _shown(page) -> list[dict]:
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
    page.wait_for_function("[...document.images].every(i => i.complete)")
    return page.evaluate("""() => [...document.querySelectorAll('.chart-picture img')]
        .filter(i => i.offsetParent !== null)
        .map(i => ({src: i.currentSrc, width: i.getBoundingClientRect().width, alt: i.alt,
                    scheme: i.closest('picture').className,
                    phone: i.closest('picture').querySelector('source').srcset}))""")


@pytest.mark.book
@pytest.mark.parametrize("width", sorted(MIN_PX))
def test_chart_text_is_legible_on_a_phone_and_a_desktop(browser, site, width):
    assert _chart_pages(), "no page of the book shows a chart as a <picture>"
    touch = width < 992
    context = browser.new_context(viewport={"width": width, "height": 900}, has_touch=touch, is_mobile=touch)
    small = []
    try:
        for path in _chart_pages():
            page = context.new_page()
            page.goto(f"{site}/{path}", wait_until="networkidle")
            charts = _shown(page)
            assert charts, f"{path}: no chart visible"
            for chart in charts:
                assert chart["scheme"] == "only-light", chart
                phone_chosen = chart["src"].endswith(chart["phone"].split("/")[-1])
                assert phone_chosen == touch, f"{path}: at {width} px the browser took {chart['src']}"
                svg = _drawing(chart["src"])
                natural = float(SVG_SIZE.search(svg).group(1)) * 96 / 72
                on_screen = float(MIN_FONT.search(svg).group(1)) * chart["width"] / natural
                if on_screen < MIN_PX[width]:
                    small.append(f"{path} {chart['src'].split('/')[-1]}: {on_screen:.1f} px")
            page.close()
    finally:
        context.close()
    assert not small, f"chart text under {MIN_PX[width]} px at {width} px:\n" + "\n".join(small)


@pytest.mark.book
def test_dark_mode_shows_charts_drawn_for_the_dark_page(browser, site):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme="dark")
    try:
        page = context.new_page()
        path = _chart_pages()[0]
        page.goto(f"{site}/{path}", wait_until="networkidle")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        charts = _shown(page)
        assert charts and all(c["scheme"] == "only-dark" for c in charts), charts
        light = page.evaluate("[...document.querySelectorAll('.chart-picture picture.only-light img')].map(i => i.alt)")
        assert [c["alt"] for c in charts] == light, "the dark drawing must carry the same alt text"
        ground = re.search(r'<path d="M 0 [^"]*"\s+style="fill: (#[0-9A-Fa-f]{6})', _drawing(charts[0]["src"]))
        assert ground and style.contrast(ground.group(1), DARK_BACKGROUND) < 1.1, "chart ground is not the dark page"
    finally:
        context.close()


def test_the_dark_palette_keeps_its_contrast_on_the_dark_page():
    for name, colour in style.PALETTE.items():
        assert style.contrast(dark_colour(colour), DARK_BACKGROUND) >= style.GRAPHIC_CONTRAST, name
        text = dark_colour(style.text_colour(colour))
        assert style.contrast(text, DARK_BACKGROUND) >= style.TEXT_CONTRAST, name
    assert style.contrast(dark_colour(style.INK), DARK_BACKGROUND) >= 7
    assert dark_colour("#FFFFFF") == DARK_BACKGROUND


def test_dark_recolouring_touches_colours_never_ids():
    svg = '<use xlink:href="#abcdef12" style="fill: #ffffff; stroke: #222222"/><path fill="#0072b2"/>'
    out = dark_svg(svg)
    assert 'href="#abcdef12"' in out
    assert f"fill: {DARK_BACKGROUND}" in out and 'fill="#0072b2"' not in out and "#222222" not in out


def _stored_charts():
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                if "image/svg+xml" in output.get("data", {}):
                    yield notebook.name, output


def test_every_stored_chart_has_a_phone_drawing_with_legible_text():
    charts = list(_stored_charts())
    assert len(charts) >= 20
    for name, output in charts:
        phone = output.get("metadata", {}).get("image/svg+xml", {}).get("phone")
        assert phone, f"{name}: a chart without its phone drawing (re-run `make notebooks`)"
        natural = float(SVG_SIZE.search(phone).group(1)) * 96 / 72
        shown = min(natural, 350)  # the chart's box on a 390 px phone
        assert float(MIN_FONT.search(phone).group(1)) * shown / natural >= MIN_PX[390], name
