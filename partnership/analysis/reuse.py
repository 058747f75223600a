"""What a reader takes away from a chapter: its notebook, its tables, the whole data package.

:func:`downloads` ends every chapter notebook. It lists the CSV files that this very
kernel loaded through :func:`partnership.data.load` (``loader.LOADED``), not a list kept
by hand, so a chapter that starts reading another table links it without anyone
remembering to. The book's build (:mod:`press.sphinxext.downloads`) puts these files
into the built book at the addresses linked here (``chapters/<stem>.ipynb``,
``data/<file>.csv``, ``data/<ZIP_NAME>``; :mod:`press.datazip` writes the zip).
"""
from __future__ import annotations

import re
from html import escape

from .. import data
from ..data import loader
from ..text import word

ZIP_NAME = "the-cautious-partnership-data.zip"
STEM = re.compile(r"[0-9A-Za-z_-]+")


class Downloads:
    """A display object: Markdown (with inline HTML) for the book, plain text for terminals and nbval."""

    def __init__(self, stem: str, tables: list[dict]):
        self.stem = stem
        self.tables = tables  # [{"name", "path", "title"}], in the order the kernel loaded them

    @property
    def notebook(self) -> str:
        return f"{self.stem}.ipynb"

    @staticmethod
    def _link(href: str, label: str) -> str:
        # Filenames are left-to-right runs inside Arabic text: isolate them.
        return (f'<a class="partnership-download reference download" href="{escape(href)}" download>'
                f'<bdi dir="ltr"><code>{escape(label)}</code></bdi></a>')

    def _repr_markdown_(self) -> str:
        # One raw HTML block (no blank line inside), so MyST passes the links through
        # untouched: a Markdown link to a local file would become a hashed _downloads/ copy.
        items = [f"<li>{escape(word('downloads.notebook'))}{self._link(self.notebook, self.notebook)}</li>"]
        if self.tables:
            rows = "".join(f'<li>{self._link("../data/" + t["path"], t["path"])}: '
                           f'<bdi dir="ltr">{escape(t["title"])}</bdi></li>' for t in self.tables)
            items.append(f"<li>{escape(word('downloads.tables'))}<ul>{rows}</ul></li>")
        else:
            items.append(f"<li>{escape(word('downloads.no_tables'))}</li>")
        package = escape(word("downloads.package")).format(
            descriptor='<bdi dir="ltr"><code>datapackage.json</code></bdi>',
            bibliography='<bdi dir="ltr"><code>references.bib</code></bdi>')
        items.append(f"<li>{package}{self._link('../data/' + ZIP_NAME, ZIP_NAME)}</li>")
        return ('<div class="partnership-downloads" dir="rtl">'
                f'<p class="rubric">{escape(word("downloads.heading"))}</p>'
                f'<ul>{"".join(items)}</ul></div>')

    def __repr__(self) -> str:
        lines = [word("downloads.heading"), f"- {word('downloads.notebook_plain')}{self.notebook}"]
        lines += [f"- ../data/{t['path']}: {t['title']}" for t in self.tables]
        lines.append(f"- {word('downloads.package_plain')}../data/{ZIP_NAME}")
        return "\n".join(lines)


def downloads(stem: str) -> Downloads:
    """The download block of the chapter whose notebook is ``<stem>.ipynb``: call it last."""
    if not STEM.fullmatch(stem):
        raise ValueError(f"'{stem}' is not a notebook name without its extension")
    tables = []
    for name in loader.LOADED:
        res = data.resource(name)
        tables.append({"name": name, "path": res["path"], "title": res.get("title", name)})
    return Downloads(stem, tables)
