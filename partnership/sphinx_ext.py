"""Sphinx hooks that make the book right-to-left and refuse to build on bad data.

* Before reading any page, every table in data/datapackage.json is validated, so a
  malformed row stops the build even if no notebook happens to load it.
* After writing, every page's ``<html>`` element gets ``dir="rtl"``: the themes set
  ``lang`` but offer no way to set the direction of the root element.
* Every chapter page carries citation metadata in its <head> and a citation box,
  and every page's footer names the version, all from CITATION.cff.
* Math, should any appear, is shown as its TeX source: the default renderer would load
  MathJax from a CDN, and the book loads nothing from another host.
* The book's root page lives in chapters/, so the top-level index.html is a redirect;
  we write it as a small Arabic page (with a visible link) rather than a bare meta tag.
"""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError

from . import bibstyle, citation, data, meta, pagemeta

LOCALE = Path(__file__).resolve().parent / "locale"

HTML_TAG = re.compile(r"<html(?![^>]*\bdir=)([^>]*)>")


def _validate_data(app):
    try:
        data.validate_all()
    except data.DataError as err:
        raise ExtensionError(f"invalid data: {err}") from None


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
    index = Path(app.outdir) / "index.html"
    target = app.builder.get_target_uri(app.config.master_doc)
    if app.builder.name == "singlehtml":
        return
    index.write_text(REDIRECT.format(target=target, title=app.config.html_title or app.config.project),
                     encoding="utf-8")


def _set_direction(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = HTML_TAG.sub(r'<html dir="rtl"\1>', text, count=1)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def _version_footer(app, config):
    book = meta.book()
    note = (f'<p dir="rtl">الإصدار {book["version"]} ({book["date-released"]}). '
            f'النص والرسوم: <a href="{pagemeta.LICENCE_URL}deed.ar">CC BY 4.0</a>؛ الشيفرة: MIT.</p>')
    config.html_theme_options["extra_footer"] = note


def _drop_thebe(context):
    """The book has no live code: sphinx-thebe's assets are dead weight, and its inline
    config is included twice by Jupyter Book, which is a JavaScript error on every page."""
    context["script_files"] = [s for s in context.get("script_files", [])
                               if "thebe" not in (getattr(s, "filename", None) or str(s))
                               and "THEBE_JS_URL" not in (getattr(s, "attributes", {}) or {}).get("body", "")]
    context["css_files"] = [c for c in context.get("css_files", [])
                            if "thebe" not in (getattr(c, "filename", None) or str(c))]


def _page_context(app, pagename, templatename, context, doctree):
    _drop_thebe(context)
    if doctree is None:
        return
    try:
        chapter = citation.chapter(pagename)
    except KeyError:
        return
    pdf_url = context["pathto"](citation.PDF_NAME, 1)
    context["metatags"] = context.get("metatags", "") + pagemeta.head_tags(chapter, pdf_url)
    context["body"] = context.get("body", "") + pagemeta.citation_box(
        chapter, context["pathto"]("chapters/92_how_to_cite"))


def _inline_math(self, node):
    self.body.append(f'<code class="math notranslate">{self.encode(node.astext())}</code>')
    raise nodes.SkipNode


def _block_math(self, node):
    self.body.append(f'<pre class="math notranslate">{self.encode(node.astext())}</pre>')
    raise nodes.SkipNode


def _compile_catalogs():
    """Compile our .po files to .mo (they are built artefacts, not committed)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in LOCALE.rglob("*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source, mo.open("wb") as target:
                write_mo(target, read_po(source))


def setup(app):
    bibstyle.register()
    app.setup_extension("partnership.sphinx_chapter_refs")
    app.setup_extension("partnership.sphinx_downloads")  # downloads, launch buttons
    app.add_html_math_renderer("tex-source", (_inline_math, None), (_block_math, None))
    _compile_catalogs()
    # A fallback catalog: Sphinx's and the themes' own translations win where they exist.
    app.add_message_catalog("sphinx", str(LOCALE))
    app.connect("config-inited", _version_footer)
    app.connect("builder-inited", _validate_data)
    app.connect("html-page-context", _page_context)
    # Before sphinx-external-toc, which writes a bare redirect only if none exists.
    app.connect("build-finished", _write_root_redirect, priority=400)
    app.connect("build-finished", _set_direction)
    app.setup_extension("partnership.sphinx_theme")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
