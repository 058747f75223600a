"""The built HTML book: right-to-left, Arabic, self-contained, numbered and linked.

Reads _build/html, which `make test` builds first.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import HTML, built_pages

# Attributes that make the browser fetch something when the page loads.
LOADING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("audio", "src"),
           ("video", "src"), ("embed", "src"), ("object", "data"), ("link", "href")}
ENGLISH_UI = ["Show code cell", "Hide code cell", "(source)", "(outputs)", "Search...", "Search this book", "Fig. ", ">Contents<",
              "Skip to main content", "Back to top", "Copyright", "Last updated"]


class Page(HTMLParser):
    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.path, self.tags, self.ids, self.text = path, [], set(), []
        self._stack = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])

    def handle_data(self, data):
        self.text.append(data)

    def find(self, tag, **want):
        return [a for t, a in self.tags if t == tag and all(want[k] in (a.get(k) or "") for k in want)]


@pytest.fixture(scope="module")
def pages():
    return {p: Page(p) for p in built_pages()}


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme in ("http", "https") or url.startswith("//"))


def _themed(pages):
    """Every page but the top-level redirect, which is a bare pointer to the root chapter."""
    return {p: page for p, page in pages.items() if p != HTML / "index.html"}


def test_root_redirects_to_the_landing_page(pages):
    meta = pages[HTML / "index.html"].find("meta", content="url=")
    assert meta and meta[0]["content"].endswith("url=chapters/index.html")


def test_every_page_is_arabic_and_right_to_left(pages):
    for path, page in pages.items():
        html = [a for t, a in page.tags if t == "html"][0]
        assert (html.get("lang"), html.get("dir")) == ("ar", "rtl"), path


def test_nothing_is_loaded_from_another_host(pages):
    offenders = []
    for path, page in pages.items():
        for tag, attrs in page.tags:
            for t, attr in LOADING:
                if tag == t and attrs.get(attr) and _is_external(attrs[attr]):
                    if tag == "link" and attrs.get("rel") in ("canonical",):
                        continue
                    offenders.append(f"{path.relative_to(HTML)}: <{tag} {attr}={attrs[attr]}>")
    for css in HTML.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8", errors="replace")):
            if _is_external(url):
                offenders.append(f"{css.relative_to(HTML)}: url({url})")
        for url in re.findall(r"@import\s+(?:url\()?['\"]?([^'\")\s;]+)", css.read_text(encoding="utf-8", errors="replace")):
            if _is_external(url):
                offenders.append(f"{css.relative_to(HTML)}: @import {url}")
    assert not offenders, "\n".join(offenders)


def test_no_mathjax_or_cdn_script_anywhere(pages):
    for path, page in pages.items():
        for attrs in page.find("script"):
            assert "mathjax" not in (attrs.get("src") or "").lower(), path


def test_arabic_web_font_ships_with_the_book(pages):
    css = (HTML / "_static" / "arabic.css").read_text(encoding="utf-8")
    for face in re.findall(r'url\("([^"]+\.woff2)"\)', css):
        assert (HTML / "_static" / face).stat().st_size > 10_000, face
    for path, page in _themed(pages).items():
        assert any("arabic.css" in (a.get("href") or "") for a in page.find("link")), path


def test_interface_strings_are_arabic(pages):
    for path, page in _themed(pages).items():
        text = path.read_text(encoding="utf-8")
        for english in ENGLISH_UI:
            assert english not in text, f"{path.relative_to(HTML)} shows {english!r}"
        search = page.find("input", type="search")
        assert search and all(re.search("[\u0600-\u06ff]", s.get("placeholder", "")) for s in search), path


def test_figures_are_numbered_captioned_and_described(pages):
    figures = 0
    for path, page in pages.items():
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"<figure.*?</figure>", text, flags=re.S):
            figures += 1
            alt = re.search(r'<img[^>]*\balt="([^"]*)"', block)
            assert alt and re.search("[\u0600-\u06ff]", alt.group(1)), f"{path.name}: figure without Arabic alt"
            caption = re.search(r'<span class="caption-number">([^<]*)</span>', block)
            assert caption and caption.group(1).startswith("شكل "), f"{path.name}: figure not numbered"
    assert figures >= 2


def test_tables_are_numbered_and_captioned(pages):
    tables = 0
    for path, page in pages.items():
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r'<table class="[^"]*partnership-table.*?</table>', text, flags=re.S):
            tables += 1
            number = re.search(r'<span class="caption-number">([^<]*)</span>', block)
            assert number and number.group(1).startswith("جدول "), f"{path.name}: table not numbered"
    assert tables >= 3


def test_introduction_shows_its_figures_tables_and_citations(pages):
    page = pages[HTML / "chapters" / "01_introduction.html"]
    text = page.path.read_text(encoding="utf-8")
    for label in ("fig-intro-timeline", "fig-intro-drones", "tbl-intro-timeline",
                  "tbl-intro-drones-yearly", "tbl-intro-verdicts"):
        assert label in page.ids, label
    # The table's numbers come from the data: 409 Shaheds launched in 2022 (PROVENANCE check value).
    assert re.search(r"<p>2022</p></td>\s*<td[^>]*><p>409</p>", text)
    assert re.search("Anonymous,[ \u00a0]2023", text)  # the report itself is cited (no break before the year)


def test_internal_links_and_anchors_resolve(pages):
    broken = []
    for path, page in pages.items():
        for attrs in page.find("a"):
            href = attrs.get("href") or ""
            if not href or _is_external(href) or href.startswith(("mailto:", "javascript:")):
                continue
            parts = urlsplit(href)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(HTML)} -> {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else Page(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(HTML)} -> {href} (no such anchor)")
    assert not broken, "\n".join(broken[:40])


def _stored_charts(notebook: Path) -> list[str]:
    import json
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    outputs = [out for cell in cells for out in cell.get("outputs", []) if "image/svg+xml" in out.get("data", {})]
    return ["".join(out["data"]["image/svg+xml"]).strip() for out in outputs], \
        ["".join(out.get("metadata", {}).get("image/svg+xml", {}).get("phone", "")).strip() for out in outputs]


@pytest.mark.parametrize("notebook", sorted((HTML.parent.parent / "chapters").glob("*.ipynb")),
                         ids=lambda p: p.stem)
def test_charts_on_the_page_are_the_ones_stored_in_the_notebook(notebook):
    """The build runs the notebooks itself; nbval checks the stored outputs against a fresh
    run. Both must agree, or a reader downloading the notebook sees other charts than the
    page shows (a stale build once kept old charts after the chart code changed)."""
    page = HTML / "chapters" / f"{notebook.stem}.html"
    tags = Page(page).tags
    desktop = [a["src"] for tag, a in tags if tag == "img" and a.get("class") == "only-light"]
    phone = [a["srcset"] for tag, a in tags if tag == "source"][::2]  # each chart: light, then dark
    def read(srcs):
        return [(page.parent / unquote(src)).resolve().read_text(encoding="utf-8").strip() for src in srcs]
    stored_desktop, stored_phone = _stored_charts(notebook)
    assert read(desktop) == stored_desktop, f"{page.name}: charts differ from {notebook.name}'s stored outputs"
    assert read(phone) == stored_phone, f"{page.name}: phone drawings differ from {notebook.name}'s stored outputs"
