"""Data text inside the book's Markdown outputs: always shown as literal text.

Notebook outputs in Markdown are parsed as MyST, so a table cell, a glossary term or a
caveat in datapackage.json would otherwise be read as raw HTML (``<script>``), a role
(``{download}`/etc/hostname```), a link (``[x](javascript:…)``), emphasis or a table
pipe. :func:`literal` backslash-escapes every ASCII punctuation character, which
CommonMark defines to mean the character itself, so nothing a contributor writes in a
data row can become markup. Markup the book builds itself (a ``{cite:p}`` role for
checked keys, a link to a checked label) is made only by the functions here.
"""
from __future__ import annotations

import re
from html import escape

# CommonMark: "Any ASCII punctuation character may be backslash-escaped."
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Explicit bidi formatting characters (UAX #9): embeddings and overrides, and isolates.
_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
            "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}
_CLOSERS = {"\u202c", "\u2069"}
FSI, PDI = "\u2068", "\u2069"
# The Unicode blocks of the Arabic script (letters, supplement, extended-A, presentation forms).
ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_ARABIC = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ARABIC_BLOCKS) + "]")
_NOT_NUMBER = re.compile(r"[^\d\s.,%+\-\u2212\u066b\u066c\u2014]")  # \u2014: the em dash of an empty cell
LABEL = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
KEY = re.compile(r"[A-Za-z0-9_:.-]+")


def contain_bidi(text: str) -> str:
    """The text inside a first-strong isolate that closes every embedding it opens.

    An override (U+202E) in a cell would otherwise reverse the rest of the line after
    it, citation and all. Stray closers get an opener of their own first, so none of
    them can end the isolate early.
    """
    if not any(c in _OPENERS or c in _CLOSERS for c in text):
        return text
    stack, prefix = [], []
    for char in text:
        if char in _OPENERS:
            stack.append(_OPENERS[char])
        elif char in _CLOSERS:
            if stack and stack[-1] == char:
                stack.pop()
            elif char == PDI:
                prefix.append(FSI)
            else:
                prefix.append("\u202a")
    return FSI + "".join(prefix) + text + "".join(reversed(stack)) + PDI


def _one_line(value) -> str:
    return " ".join(str(value).splitlines())


def literal(value, isolate: bool = True) -> str:
    """Data text as MyST Markdown that renders as exactly that text, on one line.

    Text with no Arabic letter that is more than a number (a name, a code, a formula)
    is isolated, so the right-to-left page keeps its brackets and punctuation in the
    order they were written. ``isolate=False`` where the text is a name that must match
    itself elsewhere (a glossary term, which ``{term}`` links look up by its text).
    """
    text = _one_line(value)
    escaped = contain_bidi(_PUNCTUATION.sub(r"\\\1", text))
    if isolate and _NOT_NUMBER.search(text) and not _ARABIC.search(text) and not escaped.startswith(FSI):
        escaped = FSI + escaped + PDI
    return escaped


def code(value) -> str:
    """An inline code span holding the text verbatim, whatever backticks it has."""
    text = _one_line(value)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def cite(keys) -> str:
    """A ``{cite:p}`` role for keys of references.bib (already checked by the loader)."""
    keys = list(keys)
    for key in keys:
        if not KEY.fullmatch(key):
            raise ValueError(f"'{key}' is not a citation key")
    return "{cite:p}`" + ",".join(keys) + "`"


def marker(target: str, number: int, title) -> str:
    """A numbered link to a note on the same page, e.g. a table's list of sources.

    The marker is the book's own markup; ``title`` (a source's short label, from the
    bibliography) is data text, escaped into the attribute, never parsed.
    """
    if not LABEL.fullmatch(target):
        raise ValueError(f"'{target}' is not an anchor name")
    return (f'<a class="source-marker" href="#{target}" title="{escape(_one_line(title), quote=True)}">'
            f"{int(number)}</a>")


def anchor(target: str, number: int) -> str:
    """The numbered target a :func:`marker` points at."""
    if not LABEL.fullmatch(target):
        raise ValueError(f"'{target}' is not an anchor name")
    return f'<span class="source-number" id="{target}">{int(number)}</span>'


def ref(label: str, text=None) -> str:
    """A cross-reference to a chapter or section label; any given text is literal."""
    if not LABEL.fullmatch(str(label)):
        raise ValueError(f"'{label}' is not a label of the book")
    if text is None:
        return f"{{ref}}`{label}`"
    return f"[{literal(text)}]({label})"


def link(text, url: str) -> str:
    """A link with literal text, to an https address only (never javascript: or a file)."""
    if not re.fullmatch(r"https://[^\s()<>]+", str(url)):
        raise ValueError(f"'{url}' is not an https address")
    return f"[{literal(text)}](<{url}>)"


class Plain:
    """The same calls for a plain-text form (terminals, nbval): data text as it is."""

    literal = staticmethod(lambda value, isolate=True: _one_line(value))
    code = staticmethod(code)
    cite = staticmethod(cite)
    link = staticmethod(lambda text, url: f"[{text}]({url})")


class Escaped(Plain):
    """The calls for the Markdown form the book renders: data text escaped."""

    literal = staticmethod(literal)
    link = staticmethod(link)


class Markdown:
    """Display object whose Markdown form MyST-NB renders (like :class:`~.tables.Table`).

    ``make(writer)`` builds the text with :class:`Escaped` for the book and with
    :class:`Plain` for terminals, so neither shows the other's backslashes.
    """

    def __init__(self, make):
        self.make = make

    def _repr_markdown_(self):
        return self.make(Escaped)

    def __repr__(self):
        return self.make(Plain)
