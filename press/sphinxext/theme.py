"""Fixes to the stock sphinx-book-theme pages: accessibility, weight and a meta description.

The theme (pydata-sphinx-theme 0.17 under sphinx-book-theme 1.3) writes markup that
axe-core reports as serious or critical, loads 1.9 MB of script no reader of this book
needs, and gives pages no description. Rather than switch accessibility rules off, the
pages themselves are fixed:

* every page gets ``<meta name="description">`` from its own first paragraph, in Arabic;
* the theme's 1.5 MB ``fontawesome.js`` (it swaps each icon for an SVG) is not loaded:
  the theme's stylesheet already draws the same icons from the Font Awesome web font;
* the theme's tags for Sphinx's search scripts and index are dropped: the book builds
  neither (press.sphinxext.search); the search box is a form that opens the search page;
* sphinx-design's stylesheet and tab script (62 kB) load only on pages that use it;
* Sphinx's own scripts are deferred and
  print.css is ``media="print"``, so they no longer block the first paint; the two Arabic text faces are preloaded, so text does not
  reflow when they arrive;
* the toctree's expand/collapse ``<summary>`` gets a name (axe ``summary-name``), the
  search button and the "show code" toggles keep their visible Arabic text as their
  name (``label-content-name-mismatch``),
  and docutils' citation list loses ``role="list"`` / ``doc-biblioentry`` roles that its
  children do not fit (``aria-required-children``, ``aria-deprecated-role``);
* chart images get their intrinsic width and height (no layout shift) and load lazily;
* the icon font is cut to the icons the book shows: the theme's stylesheet keeps only
  the ``.fa-*`` rules that some page or script uses, and the solid Font Awesome face is
  a subset of the glyphs the stylesheets still name (0.24 MB less on every page).

sphinx-thebe's assets are dropped too: the book has no live code, and Jupyter Book
includes thebe's inline config twice, which is a JavaScript error on every page.
"""
from __future__ import annotations

import hashlib
import re
import shutil
from html import escape
from pathlib import Path
from xml.etree import ElementTree

from docutils import nodes
from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

from partnership.text import word

from . import assets, written

DESCRIPTION_CHARS = 160
# Paragraphs inside these are not the page's own opening prose.
NOT_PROSE = (nodes.admonition, nodes.caption, nodes.table, nodes.citation, nodes.footnote,
             nodes.literal_block, nodes.figure, nodes.field_list, nodes.sidebar, nodes.topic)
# The two Arabic text faces as press.sphinxext.assets cuts them.
PRELOAD_FONTS = tuple(f"_static/{assets.cut_face(face)}" for face in assets.TEXT_FACES)
SPHINX_DESIGN_USED = re.compile(r'class="[^"]*\bsd-')
ARABIC = re.compile(r"[\u0600-\u06FF]")

# Pages with no doctree of their own: a description written for each (names in the catalogue).
SPECIAL_DESCRIPTIONS = {
    "search": "interface.search_description",
    "genindex": "interface.index_description",
}

FONTAWESOME_JS = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
SEARCH_SCRIPTS = re.compile(r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>')
TOC_SUMMARY = "<summary><span class=\"toctree-toggle\""
TOC_SUMMARY_NAMED = f'<summary aria-label="{escape(word("interface.toctree_toggle"))}"><span class="toctree-toggle"'
SEARCH_BUTTON = re.compile(r'(<button class="btn search-button-field[^"]*"[^>]*?) aria-label="[^"]*"')
# myst-nb's "hide input" toggle: an English aria-label that hides its Arabic visible text.
CODE_TOGGLE = '<summary aria-label="Toggle hidden content">'
CITATION_LIST = '<div role="list" class="citation-list">'
BIBLIOENTRY = ' role="doc-biblioentry"'
IMG = re.compile(r'<img (?![^>]*\bwidth=)([^>]*?)src="([^"]+\.svg)"([^>]*?)\s*/?>')
SVG_LENGTH = re.compile(r"^\s*([\d.]+)\s*(pt|px)?\s*$")


def description(doctree, fallback: str) -> str:
    """The page's first paragraph of Arabic prose, cut at a word to fit a search snippet."""
    for para in doctree.findall(nodes.paragraph):
        if any(isinstance(a, NOT_PROSE) for a in _ancestors(para)):
            continue
        text = " ".join(para.astext().split())
        if len(text) >= 80 and ARABIC.search(text):
            return shorten(text)
    return fallback


def shorten(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip("،,.:؛ ")
    return cut + "…"


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def _inline_body(script) -> str:
    return (getattr(script, "attributes", {}) or {}).get("body", "") or ""


def _drop_unused_scripts(context):
    """sphinx-thebe's assets, and pydata-sphinx-theme's inline ``DOCUMENTATION_OPTIONS.*``
    lines: Sphinx's documentation_options.js is deferred here, so they would run before
    the object exists (a script error on every page), and they only feed the theme's
    version switcher and search-as-you-type, which this book has neither of."""
    context["script_files"] = [s for s in context.get("script_files", [])
                               if not _inline_body(s).lstrip().startswith("DOCUMENTATION_OPTIONS.")]
    context["script_files"] = [s for s in context.get("script_files", [])
                               if "thebe" not in (getattr(s, "filename", None) or str(s))
                               and "THEBE_JS_URL" not in (getattr(s, "attributes", {}) or {}).get("body", "")]
    context["css_files"] = [c for c in context.get("css_files", [])
                            if "thebe" not in (getattr(c, "filename", None) or str(c))]


def _page_context(app, pagename, templatename, context, doctree):
    _drop_unused_scripts(context)
    title = app.config.html_title or app.config.project
    if doctree is not None:
        text = description(doctree, fallback=context.get("title") or title)
    else:
        text = word(SPECIAL_DESCRIPTIONS[pagename], title=title) if pagename in SPECIAL_DESCRIPTIONS else title
    context["metatags"] = (context.get("metatags", "")
                           + f'<meta name="description" content="{escape(text)}" />\n')
    # The text face arrives with the stylesheets, not after the first paint: no reflow
    # of every line when it swaps in (Lighthouse's layout shift).
    context["metatags"] += "".join(
        f'<link rel="preload" href="{context["pathto"](font, 1)}" as="font" type="font/woff" crossorigin />\n'
        for font in PRELOAD_FONTS)
    context["css_files"] = [_print_only(c) for c in context.get("css_files", [])]
    if not SPHINX_DESIGN_USED.search(context.get("body", "")):
        context["css_files"] = [c for c in context.get("css_files", []) if not _is_design(c)]
        context["script_files"] = [s for s in context.get("script_files", []) if not _is_design(s)]
    context["script_files"] = [_deferred(s) for s in context.get("script_files", [])]


def _print_only(sheet):
    """print.css holds only @media print rules: as media="print" it no longer blocks rendering."""
    filename = getattr(sheet, "filename", None) or ""
    if Path(str(filename)).name != "print.css":
        return sheet
    attributes = {k: v for k, v in (getattr(sheet, "attributes", {}) or {}).items() if k not in ("rel", "type")}
    return _CascadingStyleSheet(filename, priority=sheet.priority, media="print", **attributes)


def _is_design(asset) -> bool:
    name = getattr(asset, "filename", None) or str(asset)
    return "sphinx-design" in name or "design-tabs" in name


def _deferred(script):
    """The same script with ``defer``; inline scripts (no file) cannot be deferred."""
    filename = getattr(script, "filename", None)
    attributes = dict(getattr(script, "attributes", {}) or {})
    if not filename or "body" in attributes or "async" in attributes or "defer" in attributes:
        return script
    attributes["defer"] = "defer"
    return _JavaScript(filename, priority=script.priority, **attributes)


def _svg_size(path: Path) -> tuple[int, int] | None:
    """Width and height in CSS pixels from an SVG's root attributes (matplotlib writes pt)."""
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError):
        return None
    sizes = []
    for attribute in ("width", "height"):
        match = SVG_LENGTH.match(root.get(attribute, ""))
        if not match:
            return None
        value = float(match.group(1)) * (96 / 72 if match.group(2) == "pt" else 1)
        sizes.append(round(value))
    return sizes[0], sizes[1]


def fix_page(text: str, page: Path) -> str:
    """Rewrite one built page; running it twice changes nothing more."""
    text = FONTAWESOME_JS.sub("", text)
    text = SEARCH_SCRIPTS.sub("", text)
    text = text.replace(TOC_SUMMARY, TOC_SUMMARY_NAMED)
    text = SEARCH_BUTTON.sub(r"\1", text)
    text = text.replace(CODE_TOGGLE, "<summary>")
    text = text.replace(CITATION_LIST, '<div class="citation-list">').replace(BIBLIOENTRY, "")

    def sized(match):
        size = _svg_size((page.parent / match.group(2)).resolve())
        if size is None:
            return match.group(0)
        return (f'<img {match.group(1)}src="{match.group(2)}"{match.group(3)} '
                f'width="{size[0]}" height="{size[1]}" loading="lazy" decoding="async" />')

    return IMG.sub(sized, text)


THEME_CSS = "_static/styles/pydata-sphinx-theme.css"
WEBFONTS = "_static/vendor/fontawesome/webfonts"
SOLID_SUBSET = "fa-solid-900.subset.woff"
FA_RULE = re.compile(r"([^{}]*)\{content:\"[^\"]*\"\}")
FA_SELECTOR = re.compile(r"^\.(fa-[a-z0-9-]+):(?::)?before$")
FA_TOKEN = re.compile(r"\bfa-[a-z0-9-]+")
SOLID_FACE = re.compile(r'(@font-face\{[^}]*font-weight:900;src:)url\([^)]*fa-solid-900\.woff2\) format\("woff2"\),'
                        r'url\([^)]*fa-solid-900\.ttf\) format\("truetype"\)')
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def used_icons(out: Path) -> set[str]:
    """Every ``fa-*`` name in the built pages and in the scripts that make icons at run time."""
    names = set()
    for page in out.rglob("*.html"):
        names |= set(FA_TOKEN.findall(page.read_text(encoding="utf-8")))
    for script in (out / "_static").rglob("*.js"):
        if script.name != "fontawesome.js":
            names |= set(FA_TOKEN.findall(script.read_text(encoding="utf-8", errors="replace")))
    return names


def slim_icon_css(css: str, used: set[str]) -> str:
    """Drop each ``.fa-x:before{content:...}`` rule none of whose icon names is used."""
    def keep(match):
        selectors = [s.strip() for s in match.group(1).split(",")]
        names = [FA_SELECTOR.match(s) for s in selectors]
        if not all(names):  # not a pure icon rule: keep as it is
            return match.group(0)
        return match.group(0) if any(n.group(1) in used for n in names) else ""
    return FA_RULE.sub(keep, css)


def _subset_font(source: Path, target: Path, codepoints: set[int]) -> None:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def _codepoints(static: Path) -> set[int]:
    """The icon font's code points that some stylesheet names, as a character or an escape."""
    found = set()
    for sheet in static.rglob("*.css"):
        css = sheet.read_text(encoding="utf-8", errors="replace")
        found |= {ord(c) for c in PRIVATE_USE.findall(css)}
        found |= {int(h, 16) for h in re.findall(r"\\(f[0-9a-f]{3}|e[0-9a-f]{3})\b", css)}
    return found


def _slim_icons(out: Path, cache: Path) -> None:
    """Cut the theme's stylesheet and its solid icon font to the icons the book uses.

    Sphinx copies the stock stylesheet back on every build; the cut version is kept in
    ``cache`` under a key of everything it depends on, and written again from there
    when nothing it depends on has changed (the same bytes, without the work).
    """
    css_path = out / THEME_CSS
    source_font = out / WEBFONTS / "fa-solid-900.ttf"
    if not css_path.is_file() or not source_font.is_file():
        raise RuntimeError(f"theme assets moved: {css_path} or {source_font} missing")
    stock = css_path.read_text(encoding="utf-8")
    used = used_icons(out)
    others = sorted(p for p in (out / "_static").rglob("*.css") if p != css_path)
    key = hashlib.sha256("\0".join([stock, *sorted(used), *(p.read_text(encoding="utf-8", errors="replace")
                                                              for p in others)]).encode()
                         + source_font.read_bytes()).hexdigest()
    cached_css, cached_font = cache / f"{key}.css", cache / f"{key}.woff"
    if cached_css.is_file() and cached_font.is_file():
        css_path.write_bytes(cached_css.read_bytes())
        (out / WEBFONTS / SOLID_SUBSET).write_bytes(cached_font.read_bytes())
        return
    css = slim_icon_css(stock, used)
    css = SOLID_FACE.sub(rf'\1url(../vendor/fontawesome/webfonts/{SOLID_SUBSET}) format("woff")', css)
    if SOLID_SUBSET not in css:
        raise RuntimeError(f"{css_path}: the solid Font Awesome @font-face was not found to rewrite")
    css_path.write_text(css, encoding="utf-8")
    _subset_font(source_font, out / WEBFONTS / SOLID_SUBSET, _codepoints(out / "_static"))
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    cached_css.write_bytes(css_path.read_bytes())
    cached_font.write_bytes((out / WEBFONTS / SOLID_SUBSET).read_bytes())


def _fix_pages(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for page in written.pages(app):
        if page.relative_to(out).parts[0] in ("_static", "_sources", "_images"):
            continue
        text = page.read_text(encoding="utf-8")
        fixed = fix_page(text, page)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    _slim_icons(out, Path(app.doctreedir) / "press-icons" / app.builder.name)


def setup(app):
    app.setup_extension("press.sphinxext.written")
    # After press.sphinxext.pagemeta's page-context hook, so its additions are kept.
    app.connect("html-page-context", _page_context, priority=600)
    app.connect("build-finished", _fix_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
