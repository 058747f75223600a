"""Numbered, captioned tables whose source cells are real citations.

A :class:`Table` offers three forms of itself.  The book renders the Markdown form:
a MyST ``list-table`` with a ``:name:``, so Sphinx numbers it and ``{numref}`` can point
at it (``nb_mime_priority_overrides`` in _config.yml puts Markdown first). A source
cell holds numbered markers, «1، 3», each a link to the table's list of sources right
under it, where every source is a ``{cite:p}`` role linked to the reference list: a
row citing eight sources still takes one short line, on a phone as on a desktop.  Jupyter shows
the HTML form, and nbval and terminals the plain-text form. Every other cell is data
text, and goes into the Markdown form through :func:`~.markdown.literal`: it shows as
itself, never as HTML, a role or a substitution; only a :class:`Marked` cell, which
code builds (never a data file), brings its own Markdown.  No ``DataFrame.style``:
its random ids would defeat nbval's comparison of stored outputs.
"""
from __future__ import annotations

import re
from html import escape

import pandas as pd

from ..data import bibliography
from ..text import labels, word
from .markdown import anchor, cite, literal, marker


class Marked(str):
    """Plain text that carries its own Markdown form, built by the package from checked
    parts and data text passed through :func:`~.markdown.literal` (a verdict's mark, a
    cell with links). A CSV cell is a plain ``str`` and can never be one."""

    def __new__(cls, plain: str, markdown_form: str):
        text = super().__new__(cls, plain)
        text.markdown = markdown_form
        return text


class Table:
    """A display object for one table of the book."""

    def __init__(self, frame: pd.DataFrame, columns: dict, caption: str, name: str, numeric=(),
                 widths=None):
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise KeyError(f"table columns not in the data: {', '.join(missing)}")
        if not re.fullmatch(r"tbl-[a-z0-9-]+", name):
            raise ValueError(f"table name '{name}' must look like tbl-some-name")
        self.frame = frame[list(columns)].reset_index(drop=True)
        self.columns = columns
        self.caption = caption
        self.name = name
        self.numeric = set(numeric)
        if widths is not None and len(widths) != len(columns):
            raise ValueError(f"{len(widths)} widths for {len(columns)} columns")
        self.widths = widths

    def _repr_markdown_(self):
        lines = [f"```{{list-table}} {self.caption}", f":name: {self.name}", ":header-rows: 1",
                 ":class: partnership-table"]
        if self.widths:
            lines.append(":widths: " + " ".join(str(w) for w in self.widths))
        lines.append("")
        lines.append("* - " + "\n  - ".join(self.columns.values()))
        for _, row in self.frame.iterrows():
            cells = [self._cell_markdown(c, row[c]) for c in self.columns]
            lines.append("* - " + "\n  - ".join(cells))
        lines.append("```")
        return "\n".join(lines + self._sources_markdown())

    def _source_numbers(self) -> dict[str, int]:
        """Each source key of the table, numbered in order of first appearance."""
        numbers = {}
        if "source" in self.columns:
            for cell in self.frame["source"]:
                for key in bibliography.split_keys(cell):
                    numbers.setdefault(key, len(numbers) + 1)
        return numbers

    def _anchor(self, number: int) -> str:
        return f"{self.name}-s{number}"

    def _markers(self, keys, numbers) -> list[str]:
        """Markers in ascending order; three or more in a row as «10–17», its ends linked, in a
        left-to-right isolate (a dash between numbers would otherwise show «17–10» in Arabic)."""
        def one(key):
            return marker(self._anchor(numbers[key]), numbers[key], bibliography.short_label(key))
        runs = []
        for key in keys:
            if runs and numbers[key] == numbers[runs[-1][-1]] + 1:
                runs[-1].append(key)
            else:
                runs.append([key])
        return [f"\u2066{one(run[0])}\u2060\u2013\u2060{one(run[-1])}\u2069" if len(run) >= 3 else word("punctuation.list").join(map(one, run))
                for run in runs]

    def _sources_markdown(self) -> list[str]:
        """The note under the table: «المصادر: 1 [A, 2022]؛ 2 [B, 2023]»."""
        numbers = self._source_numbers()
        if not numbers:
            return []
        items = [f"{anchor(self._anchor(n), n)} {cite([key])}" for key, n in numbers.items()]
        return ["", "```{container} table-sources", word("sources.many") + labels.SOURCES.join(items), "```"]

    def _cell_markdown(self, column, value):
        if column == "source":
            numbers = self._source_numbers()
            keys = sorted(set(bibliography.split_keys(value)), key=numbers.get)
            return word("punctuation.list").join(self._markers(keys, numbers))
        if isinstance(value, Marked):
            return value.markdown.replace("\n", " ")
        return literal(_text(value))

    def _repr_html_(self):
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in self.columns.values())
        body = []
        for _, row in self.frame.iterrows():
            cells = "".join(self._cell_html(c, row[c]) for c in self.columns)
            body.append(f"<tr>{cells}</tr>")
        return (f'<table class="partnership-table" dir="rtl"><caption>{escape(self.caption)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")

    def _cell_html(self, column, value):
        text = _source_labels(value) if column == "source" else _text(value)
        css = ' class="num"' if column in self.numeric else ""
        return f"<td{css}>{escape(text)}</td>"

    def __repr__(self):
        frame = self.frame.copy()
        if "source" in frame:
            frame["source"] = frame["source"].map(_source_labels)
        text = frame.rename(columns=self.columns).map(_text)
        if text.map(len).to_numpy().max(initial=0) <= 40:
            return text.to_string(index=False)
        # Long prose cells: one block per row reads better than a 300-column line.
        return "\n\n".join(
            "\n".join(f"{head}: {cell}" for head, cell in row.items()) for _, row in text.iterrows()
        )


def _source_labels(cell) -> str:
    return labels.SOURCES.join(bibliography.short_label(k) for k in bibliography.split_keys(cell))


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def events_table(events: pd.DataFrame, caption: str, name: str) -> Table:
    """The standard timeline table: date at its stated precision, event, note, source."""
    shown = events.assign(
        date=[labels.format_date(d, p) for d, p in zip(events["date"], events["date_precision"])]
    )
    return Table(shown, {
        "date": labels.COLUMNS["date"],
        "description_ar": labels.COLUMNS["description_ar"],
        "note_ar": labels.COLUMNS["note_ar"],
        "source": labels.COLUMNS["source"],
    }, caption=caption, name=name, widths=(14, 48, 28, 10))


def yearly_totals(monthly: pd.DataFrame, columns: list[str], caption: str, name: str) -> Table:
    """Sum monthly counts by calendar year; the share destroyed when both counts are given."""
    years = monthly.assign(year=monthly["month"].str[:4]).groupby("year", as_index=False)[columns].sum()
    shown = {"year": labels.COLUMNS["year"], **{c: labels.COLUMNS[c] for c in columns}}
    if {"launched", "destroyed"} <= set(columns):
        years["share_destroyed"] = [f"{d / l:.1%}" for d, l in zip(years["destroyed"], years["launched"])]
        shown["share_destroyed"] = labels.COLUMNS["share_destroyed"]
    return Table(years, shown, caption=caption, name=name, numeric=set(columns) | {"share_destroyed"})

