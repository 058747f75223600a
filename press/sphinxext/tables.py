"""Tables that fit a phone: every body cell names its column, so a row can stand as a card.

Below 600 px (``_static/arabic.css``) a table of the book is laid out one row per card,
each cell under its heading, instead of a grid squeezed to one or two words a line and
scrolled sideways with its numbers and sources cut off. The heading a cell shows there
comes from ``data-label``, which docutils' HTML writer has no way to emit: the table
cell visitor is wrapped here to add it, escaped, from the table's own header row.
"""
from __future__ import annotations

from html import escape

from docutils import nodes

TABLE_CLASS = "partnership-table"


def _headings(table: nodes.table) -> list[str]:
    for head in table.findall(nodes.thead):
        row = next(iter(head.findall(nodes.row)), None)
        if row is not None:
            return [" ".join(entry.astext().split()) for entry in row.children]
    return []


def visit_entry(self, node):
    type(self).visit_entry(self, node)
    row = node.parent
    section = row.parent
    table = section.parent.parent if isinstance(section, nodes.tbody) else None
    if not isinstance(table, nodes.table) or TABLE_CLASS not in table["classes"]:
        return
    headings = _headings(table)
    column = row.index(node)
    if column < len(headings) and headings[column]:
        tag = self.body[-1]
        if not tag.startswith("<td") and not tag.startswith("<th"):
            raise RuntimeError(f"table cell markup changed: {tag[:40]!r}")
        self.body[-1] = tag[:3] + f' data-label="{escape(headings[column], quote=True)}"' + tag[3:]


def depart_entry(self, node):
    type(self).depart_entry(self, node)


def setup(app):
    app.add_node(nodes.entry, override=True, html=(visit_entry, depart_entry))
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
