"""The reader's interface wholly in Arabic and right to left, and type that does not break.

What the themes write in English or for left-to-right, fixed where it is made:

* templates (``press/sphinxext/templates``, ahead of the themes'): the previous/next
  footer reads right to left, «السابق» on the right with its arrow pointing right,
  «التالي» on the left with its arrow pointing left;
* one search box per page: the primary sidebar's copy of the header's search field is
  not drawn, and the search page, which has its own form, draws neither the header's
  field nor its button;
* aria-labels hard-coded in English in sphinx-book-theme's templates ("Main", "Page")
  take the catalogue's Arabic (table ``[sphinx]`` of ``partnership/text/ar.toml``);
* the data files a chapter links are described by their Arabic title (``x-title-ar`` in
  datapackage.json), not by the English ``title``;
* the scripts' own words: Sphinx's ``translations.js`` (search page messages) is filled in
  from ``[sphinx]`` where Sphinx ships no Arabic, and sphinx-copybutton gets Arabic
  messages (``[ui.copybutton]``);
* numeric ranges in the text never break at the dash («1946-2022» is never left as «-2022»
  at a line's start), and an author–year citation never breaks between author and year
  (:func:`partnership.text.labels.unbroken_ranges`, applied to every page's text).

The layout fixes (search icon and key hint, the on-page contents' bar, the back-to-top
button, the citation box) are in ``_static/interface.css``.
"""
from __future__ import annotations

import json
import os
import re
from html import escape
from pathlib import Path

from docutils import nodes

from partnership import data
from partnership.text import labels, words

from . import written

TEMPLATES = Path(__file__).resolve().parent / "templates"
# sphinx-book-theme's primary sidebar without its search field: the header has one.
SIDEBAR = ["navbar-logo.html", "icon-links.html", "sbt-sidebar-nav.html"]

# Text under these is code or markup, not prose: left exactly as written.
VERBATIM = (nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.math_block,
            nodes.comment, nodes.doctest_block)
SHORT_CITATION = 26  # a label this long (or shorter) is kept on one line whole; a longer one
# kept whole overflowed a 390 px phone («The World Politics Data Lab, 2022»)
LAST_COMMA = re.compile(r",[ \u00a0](?=[^,]*$)")

ARIA = re.compile(r'(<nav\b[^>]*\baria-label=")(Main|Page)(")')
DATA_BLURB = re.compile(r'(href="(?:\.\./)*data/([^"/]+\.csv)" download>.*?</a>: )<bdi dir="ltr">[^<]*</bdi>')
SEARCH_FIELD = re.compile(r'\s*<button class="btn search-button-field[^"]*"[^>]*>.*?</button>', re.S)
SEARCH_ICON = re.compile(r'\s*<button class="btn btn-sm pst-navbar-icon search-button [^"]*"[^>]*>.*?</button>', re.S)
TRANSLATIONS = re.compile(r"(Documentation\.addTranslations\()(.*)(\);?\s*)$", re.S)
COPY_MESSAGES = "const messages = {\n"


def book_relative(path: Path, confdir) -> str:
    """`path` relative to the book when inside it, else absolute: a path in the config
    enters Sphinx's config hash, which two clean builds of one commit in different
    folders must share (tests/test_reproducible.py)."""
    try:
        relative = os.path.relpath(path, confdir)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _configure(app, config):
    config.templates_path = [book_relative(TEMPLATES, app.confdir), *config.templates_path]
    if not config.html_sidebars:
        config.html_sidebars = {"**": SIDEBAR}


# ------------------------------------------------------------------ the text itself

def _verbatim(node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, VERBATIM):
            return True
        parent = parent.parent
    return False


def unbroken_citation(label: str) -> str:
    """«Anonymous, 2023» with a no-break space before the year; a short label whole on one line."""
    label = LAST_COMMA.sub("," + labels.NBSP, label)
    if len(label) <= SHORT_CITATION:
        label = label.replace(" ", labels.NBSP).replace("-", "-" + labels.WJ)
    return label


def _unbroken_label(ref) -> None:
    """One citation's label (pybtex writes it as several text nodes) through :func:`unbroken_citation`."""
    texts = list(ref.findall(nodes.Text))
    whole = "".join(str(t) for t in texts)
    if len(whole) <= SHORT_CITATION:
        for text in texts:
            _replace_text(text, str(text).replace(" ", labels.NBSP).replace("-", "-" + labels.WJ))
    with_comma = [text for text in ref.findall(nodes.Text) if "," in str(text)]
    if with_comma:
        _replace_text(with_comma[-1], LAST_COMMA.sub("," + labels.NBSP, str(with_comma[-1])))


def _replace_text(node, text: str) -> None:
    if text != str(node):
        node.parent.replace(node, nodes.Text(text))


def _doctree_resolved(app, doctree, docname):
    for inline in list(doctree.findall(nodes.inline)):
        if "bibtex-citation" not in inline["classes"]:
            continue
        for ref in list(inline.findall(nodes.reference)):
            _unbroken_label(ref)
    for text in list(doctree.findall(nodes.Text)):
        if not _verbatim(text):
            _replace_text(text, labels.unbroken_ranges(str(text)))


# ------------------------------------------------------------------ the written pages

def fix_page(text: str, is_search: bool, titles: dict[str, str]) -> str:
    """Rewrite one built page; running it twice changes nothing more."""
    catalogue = words("sphinx")
    text = ARIA.sub(lambda m: m.group(1) + escape(catalogue[m.group(2)]) + m.group(3), text)

    def arabic_title(match):
        title = titles.get(match.group(2))
        if title is None:
            return match.group(0)
        return match.group(1) + escape(labels.unbroken_ranges(title))

    text = DATA_BLURB.sub(arabic_title, text)
    if is_search:
        text = SEARCH_ICON.sub("", SEARCH_FIELD.sub("", text))
    return text


def data_titles() -> dict[str, str]:
    """Each data file's Arabic title, by file name."""
    resources = (data.resource(name) for name in data.resource_names())
    return {res["path"]: res["x-title-ar"] for res in resources if res.get("x-title-ar")}


def fill_translations(script: str, catalogue: dict[str, str]) -> str:
    """Sphinx's translations.js with the catalogue's text for every message Sphinx left empty."""
    match = TRANSLATIONS.search(script)
    if not match:
        raise RuntimeError("translations.js: no Documentation.addTranslations(...) call to fill in")
    table = json.loads(match.group(2))
    for msgid, msgstr in catalogue.items():
        if not table["messages"].get(msgid):
            table["messages"][msgid] = msgstr
    body = json.dumps(table, ensure_ascii=False, indent=4, sort_keys=True)
    return script[:match.start()] + match.group(1) + body + match.group(3)


def copybutton_messages(script: str, messages: dict[str, str]) -> str:
    if "\n  'ar':" in script:
        return script
    if COPY_MESSAGES not in script:
        raise RuntimeError("copybutton.js: its messages table was not found")
    entry = "  'ar': " + json.dumps(messages, ensure_ascii=False) + ",\n"
    return script.replace(COPY_MESSAGES, COPY_MESSAGES + entry, 1)


def _rewrite(path: Path, change) -> None:
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    fixed = change(text)
    if fixed != text:
        path.write_text(fixed, encoding="utf-8")


def _fix_pages(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    titles = data_titles()
    for page in written.pages(app):
        if page.relative_to(out).parts[0] in ("_static", "_sources", "_images"):
            continue
        _rewrite(page, lambda text: fix_page(text, page == out / "search.html", titles))
    _rewrite(out / "_static" / "translations.js", lambda s: fill_translations(s, words("sphinx")))
    _rewrite(out / "_static" / "copybutton.js", lambda s: copybutton_messages(s, words("ui.copybutton")))


def setup(app):
    app.setup_extension("press.sphinxext.written")
    app.connect("config-inited", _configure)
    app.connect("doctree-resolved", _doctree_resolved)
    app.connect("build-finished", _fix_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
