"""Which pages this build wrote: the fixes after the build touch those and no others.

Sphinx rewrites only the pages whose sources (or whose neighbours in the table of
contents) changed; a page it leaves alone still holds last build's fixed text, so
fixing every page on every build only costs time. Each page passes through
``html-page-context`` on its way to disk, which is where it is recorded.
"""
from __future__ import annotations

from pathlib import Path


def _record(app, pagename, templatename, context, doctree):
    app._press_written.add(pagename)


def _reset(app):
    app._press_written = set()


def pages(app) -> list[Path]:
    """The HTML files written by this build, in a stable order."""
    names = getattr(app, "_press_written", set())
    out = Path(app.outdir)
    return sorted(p for p in (out / f"{name}{app.builder.out_suffix}" for name in names) if p.is_file())


def setup(app):
    app.connect("builder-inited", _reset)
    app.connect("html-page-context", _record, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": False, "version": "1"}
