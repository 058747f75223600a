"""Dates and names as the book writes them, from the catalogue (:mod:`partnership.text`).

Months carry both the Egyptian/Gulf and the Levantine names, as the report does
(«يوليو/تموز»), so readers from either tradition meet a familiar form.
"""
from __future__ import annotations

import re

import pandas as pd

from . import word, words

RLM = "\u200f"  # RIGHT-TO-LEFT MARK: a line that starts with it is laid out right to left
NBSP = "\u00a0"  # no-break space: keeps a name on one line
WJ = "\u2060"  # WORD JOINER: no line break on either side; bidi ignores it (class BN)
LRI, PDI = "\u2066", "\u2069"  # a left-to-right isolate and its end

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


def counted(n: int, noun: str, genitive: bool = False) -> str:
    """A number with its noun in Arabic agreement: «مسيّرة واحدة», «مسيّرتان», «409 مسيّرات», «450 مسيّرة».

    The noun follows the last two digits: 3 to 10 take the plural, everything else the
    singular; one and two are said in words, two after a preposition in the genitive
    («على بندين»). The forms are the catalogue's ``[counts.<noun>]``.
    """
    forms = words(f"counts.{noun}")
    if n == 1:
        return forms["one"]
    if n == 2:
        return forms["two_genitive" if genitive else "two"]
    return f"{n:,} {forms['few'] if 3 <= n % 100 <= 10 else forms['many']}"


def span(first, last) -> str:
    """«من … إلى …»: a span in words, since a bare dash flips in right-to-left text."""
    return word("punctuation.from_to", first=first, last=last)


def listed(items) -> str:
    """Items joined by the Arabic comma."""
    return LIST.join(str(item) for item in items)


# A range of numbers or years: «1946-2022», «1980–1988», «4-5»; not a date («2022-07-11»)
# nor a tally («12-0-3»).
_NUMBER = r"\d+(?:[.,]\d+)?"
RANGE = re.compile(rf"(?<![\d.,\u2060-])({_NUMBER})([-\u2013\u2014])({_NUMBER})(?![\d\u2060-])")


def number_range(first, last) -> str:
    """«1946⁠-⁠2022»: two numbers joined by a dash that a line never breaks at.

    A bare hyphen lets the line break before it, leaving «-2022» at the start of the next
    line, where it reads as a negative number.
    """
    return unbroken_ranges(f"{first}-{last}")


def unbroken_ranges(text: str) -> str:
    """Every numeric range in ``text`` held together: word joiners on both sides of the
    dash (no line break there), and a range with an en or em dash in a left-to-right
    isolate (those dashes are bidi neutrals: in Arabic text «1996–2001» would show as
    «2001–1996»). A hyphen between digits already reads left to right. Plain characters,
    so it holds wherever the text goes: HTML, the PDF, a Markdown output, a terminal.
    """
    def join(match):
        first, dash, last = match.groups()
        joined = f"{first}{WJ}{dash}{WJ}{last}"
        return joined if dash == "-" else f"{LRI}{joined}{PDI}"
    return RANGE.sub(join, text)
