"""Dates and names as the book writes them, from the catalogue (:mod:`partnership.text`).

Months carry both the Egyptian/Gulf and the Levantine names, as the report does
(«يوليو/تموز»), so readers from either tradition meet a familiar form.
"""
from __future__ import annotations

import pandas as pd

from . import word, words

RLM = "\u200f"  # RIGHT-TO-LEFT MARK: a line that starts with it is laid out right to left
NBSP = "\u00a0"  # no-break space: keeps a name on one line

MONTHS = words("dates.long_months")
SHORT_MONTHS = words("dates.short_months")
COLUMNS = words("columns")  # headings that several tables share

# Names as the data sources spell them.
COUNTRIES = words("names.countries")
VETO_TOPICS = words("names.veto_topics")  # crisis_topic of the UNSC veto list (World Politics Data Lab coding)
P5 = words("names.p5")
UNHCR = words("names.unhcr")
PRESIDENTS = words("names.presidents")

LIST = word("punctuation.list")  # «، » between the items of a list
SOURCES = word("punctuation.sources")  # «؛ » between sources


def format_date(value, precision: str = "day") -> str:
    """«11 يوليو/تموز 2022»; a month or a year alone when that is all the source gives."""
    stamp = pd.Timestamp(value)
    if precision == "year":
        return str(stamp.year)
    month = MONTHS[stamp.month - 1]
    if precision == "month":
        return f"{month} {stamp.year}"
    return f"{stamp.day} {month} {stamp.year}"


def format_month(value) -> str:
    """«سبتمبر 2022» for a YYYY-MM string or a timestamp (short form for chart axes)."""
    stamp = pd.Timestamp(value)
    return f"{SHORT_MONTHS[stamp.month - 1]} {stamp.year}"


def span(first, last) -> str:
    """«من … إلى …»: a span in words, since a bare dash flips in right-to-left text."""
    return word("punctuation.from_to", first=first, last=last)


def listed(items) -> str:
    """Items joined by the Arabic comma."""
    return LIST.join(str(item) for item in items)
