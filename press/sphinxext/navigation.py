"""Sidebar buttons that work on a phone: ☰ opens the chapters, the list button the page's sections.

pydata-sphinx-theme 0.17 writes a ☰ and a contents button of its own into the top
navbar, which sphinx-book-theme hides (``.bd-header button.sidebar-toggle``) and
replaces with the two in its article header. Both themes' scripts then bind their click
handlers with ``document.querySelector(".primary-toggle")`` (and ``.secondary-toggle``),
the *first* such element on the page: the hidden navbar icon. The visible buttons got no
handler, so on a phone nothing opened, and on a desktop ☰ popped the sidebar up as a
dialog instead of folding it away (pydata-sphinx-theme issue #2451).

The fix is at that cause: the hidden, never-used navbar buttons are left out of every
page, so the first ``.primary-toggle`` is the one a reader sees. The article-header
buttons come from this package's templates (``templates/``, found first by the bare names the themes include), the same markup
with the catalogue's Arabic name as ``title`` and ``aria-label`` and no hover tooltip.
"""
from __future__ import annotations

import re
from . import written

# The navbar's own toggles: a <button> whose class list starts "pst-navbar-icon sidebar-toggle".
NAVBAR_TOGGLE = re.compile(r'\s*<button class="pst-navbar-icon sidebar-toggle (?:primary|secondary)-toggle"'
                           r"[^>]*>\s*<span[^>]*></span>\s*</button>")


def drop_navbar_toggles(text: str) -> str:
    """The page without the navbar's hidden sidebar buttons; a second pass changes nothing."""
    return NAVBAR_TOGGLE.sub("", text)


def _fix_pages(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for page in written.pages(app):
        text = page.read_text(encoding="utf-8")
        fixed = drop_navbar_toggles(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup(app):
    app.setup_extension("press.sphinxext.written")
    app.setup_extension("press.sphinxext.interface")  # it puts templates/ ahead of the themes'
    app.connect("build-finished", _fix_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
