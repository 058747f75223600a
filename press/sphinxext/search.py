"""The book's search page and its Arabic index (:mod:`press.search`), in place of Sphinx's.

* Sphinx's own index is not built (its English rules split Arabic words at their vowel
  marks): no ``searchindex.js``, no search scripts;
* the page ``search.html`` is still written, from ``templates/search.html``: the theme's
  form, a status line, the results list inside ``<main>``, and the rules and names the
  page's script needs, as JSON that no data text can close;
* when the HTML build has finished, every page of the book is indexed with Pagefind.
"""
from __future__ import annotations

import json
from pathlib import Path

from sphinx.util import logging

from partnership import data
from partnership.text import word, words

from .. import search
from .interface import book_relative

logger = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"
UNLISTED = ("genindex", "search")


def _configure(app, config):
    config.html_static_path = [*config.html_static_path, book_relative(STATIC, app.confdir)]


def _builder_inited(app):
    if app.builder.name == "html":
        app.builder.search = False


def page_config(rows) -> str:
    """The search page's JSON: the normalisation, the glossary's names, the messages."""
    text = json.dumps({"rules": search.rules(), "names": search.name_forms(rows), "words": words("ui.search")},
                      ensure_ascii=False, sort_keys=True)
    # Inside <script>: no "</script>", no "<!--", whatever a glossary cell holds.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _collect_pages(app):
    if app.builder.name != "html":
        return []
    context = {"search_config": page_config(data.read_rows("glossary")), "search_more": word("ui.search.more")}
    return [("search", context, "search.html")]


def pages(app) -> list[str]:
    """Every page of the book, as a path in the output folder."""
    return sorted(app.builder.get_target_uri(doc) for doc in app.env.found_docs if doc not in UNLISTED)


def _index(app, exception):
    if exception is not None or app.builder.name != "html":
        return
    out = Path(app.outdir)
    (out / "searchindex.js").unlink(missing_ok=True)  # an earlier build's, by Sphinx's own search
    records = search.build(out, pages(app), data.read_rows("glossary"))
    logger.info(f"search: {len(records)} pages indexed for Pagefind")


def setup(app):
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _builder_inited)
    app.connect("html-collect-pages", _collect_pages)
    # After the other parts have rewritten the pages: the index holds their final text.
    app.connect("build-finished", _index, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
