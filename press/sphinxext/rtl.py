"""Right-to-left pages in Arabic, from the root element to the footer.

* After writing, every page's ``<html>`` element gets ``dir="rtl"``: the themes set
  ``lang`` but offer no way to set the direction of the root element.
* The themes' interface strings that Sphinx ships no Arabic for come from the book's
  catalogue (``partnership/text/ar.toml``, table ``[sphinx]``), compiled into a message
  catalog at each build: a fallback, Sphinx's and the themes' translations win where they exist.
* Every page's footer names the version and the licences, from CITATION.cff.
* Math, should any appear, is shown as its TeX source: the default renderer would load
  MathJax from a CDN, and the book loads nothing from another host.
* The book's root page lives in chapters/, so the top-level index.html is a redirect;
  we write it as a small Arabic page (with a visible link) rather than a bare meta tag.
"""
from __future__ import annotations

import re
from pathlib import Path

from html import escape

from docutils import nodes

from partnership import text
from partnership.text import word

from .. import meta
from . import written
from .pagemeta import LICENCE_URL

HTML_TAG = re.compile(r"<html(?![^>]*\bdir=)([^>]*)>")

REDIRECT = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
<title>{title}</title>
</head>
<body>
<p><a href="{target}">{title}</a></p>
</body>
</html>
"""


def _write_root_redirect(app, exception):
    if exception is not None or app.builder.format != "html" or app.config.master_doc == "index":
        return
    if app.builder.name == "singlehtml":
        return
    index = Path(app.outdir) / "index.html"
    target = app.builder.get_target_uri(app.config.master_doc)
    index.write_text(REDIRECT.format(target=target, title=app.config.html_title or app.config.project),
                     encoding="utf-8")


def _set_direction(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for page in written.pages(app):
        text = page.read_text(encoding="utf-8")
        fixed = HTML_TAG.sub(r'<html dir="rtl"\1>', text, count=1)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def _version_footer(app, config):
    book = meta.book()
    licence = f'<a href="{LICENCE_URL}deed.ar">CC BY 4.0</a>'
    footer = escape(word("interface.footer", version=book["version"], date=book["date-released"], licence="{licence}"))
    note = f'<p dir="rtl">{footer.format(licence=licence)}</p>'
    config.html_theme_options["extra_footer"] = note


def _inline_math(self, node):
    self.body.append(f'<code class="math notranslate">{self.encode(node.astext())}</code>')
    raise nodes.SkipNode


def _block_math(self, node):
    self.body.append(f'<pre class="math notranslate">{self.encode(node.astext())}</pre>')
    raise nodes.SkipNode


def write_catalog(locale_dir: Path) -> Path:
    """Compile the catalogue's theme strings (``[sphinx]``) into ``<dir>/<lang>/LC_MESSAGES/sphinx.mo``.

    A built artefact, written afresh on every build; a catalog Sphinx reads as a fallback.
    """
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale=text.LANGUAGE, domain="sphinx")
    for msgid, msgstr in text.words("sphinx").items():
        catalog.add(msgid, msgstr)
    target = locale_dir / text.LANGUAGE / "LC_MESSAGES" / "sphinx.mo"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_mo(handle, catalog)
    return target


def setup(app):
    app.setup_extension("press.sphinxext.written")
    app.add_html_math_renderer("tex-source", (_inline_math, None), (_block_math, None))
    locale_dir = Path(app.doctreedir).parent / "locale"
    write_catalog(locale_dir)
    app.add_message_catalog("sphinx", str(locale_dir))
    app.connect("config-inited", _version_footer)
    # Before sphinx-external-toc, which writes a bare redirect only if none exists.
    app.connect("build-finished", _write_root_redirect, priority=400)
    app.connect("build-finished", _set_direction)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
