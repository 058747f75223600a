"""The «مسرد» chapter: data/glossary.csv as a Sphinx glossary.

The chapter's notebook displays Markdown holding ``{glossary}`` directives; because
notebook Markdown outputs are parsed as MyST, Sphinx registers every term, and any
chapter can link one with ``{term}`text <term>```.  A term that is linked but not
defined fails the build (``--nitpick``), so the links and the table cannot drift.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import data
from ..data import location
from ..figures.markdown import Markdown
from ..text import word, words

KINDS = words("glossary.kinds")  # the groups of the page, in this order
LANGUAGES = words("glossary.languages")


def entries(data_dir: Path = None):
    """The glossary rows, after the schema and the original-script pairing are checked."""
    data_dir = location.directory(data_dir)
    frame = data.load("glossary", data_dir)
    path = data_dir / data.resource("glossary", data_dir)["path"]
    for line, row in enumerate(frame.itertuples(index=False), start=2):
        has_text = not _empty(row.term_original)
        has_lang = not _empty(row.original_lang)
        if has_text != has_lang:
            column = "original_lang" if has_text else "term_original"
            raise data.DataError(path, "term_original and original_lang go together: give both or neither",
                                 row=line, column=column)
        if "\n" in row.term_ar or " : " in row.term_ar or " : " in row.term_en:
            raise data.DataError(path, "a term may not hold a line break or ' : ' (Sphinx reads a classifier)",
                                 row=line, column="term_ar")
    return frame


def _empty(value) -> bool:
    return value is None or pd.isna(value) or str(value) == ""


def _definition(row, w) -> str:
    text = w.literal(row.definition_ar)
    if not _empty(row.term_original):
        # First-strong isolates keep a Cyrillic or Hebrew name and the full stop after it in order.
        text += word("glossary.original", language=LANGUAGES[row.original_lang],
                     name=f"\u2068{w.literal(row.term_original)}\u2069")
    return text + " " + w.cite(data.split_keys(row.source))


def glossary_markdown(data_dir: Path = None) -> Markdown:
    """One rubric and one sorted ``{glossary}`` per kind; each entry: Arabic term, English form."""
    frame = entries(data_dir)

    def make(w):
        blocks = []
        for kind, heading in KINDS.items():
            chosen = frame[frame["kind"] == kind]
            if chosen.empty:
                continue
            lines = [f"```{{rubric}} {heading}", "```", "", "```{glossary}", ":sorted:"]
            for row in chosen.itertuples(index=False):
                lines += [w.literal(row.term_ar, isolate=False), w.literal(row.term_en, isolate=False),
                          "  " + _definition(row, w), ""]
            lines.append("```")
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)
    return Markdown(make)
