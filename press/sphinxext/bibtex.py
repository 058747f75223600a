"""The reference list's style; each entry formatted once, and pybtex's plugins found once.

The style: author (date), title as published, publisher, link.
The interface's own words in an entry are Arabic: «اطُّلع عليه في» before the date a web
source was read, «نسخة منقولة؛ الأصل: …» where the page read is a copy (``original``), and the editors' notes (the ``note`` field, written in English in
references.bib) from the catalogue's ``[ui.bib_notes]``, by entry key.

pybtex's ``unsrt`` lower-cases titles (turning "Iran" into "iran") and prints a
bare month number ("9 2022"). This style keeps each title's own case and puts the
full publication date right after the author, so that in an entry mixing Latin and
Arabic the date never drifts into an Arabic title's right-to-left run.
"""
from __future__ import annotations

import dataclasses
import pickle
from collections import defaultdict
from pathlib import Path

from pybtex.plugin import register_plugin
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as Unsrt
from pybtex.richtext import Text
from pybtex.style.template import field, first_of, href, join, node, optional, sentence
from sphinx.errors import ExtensionError
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor
from sphinxcontrib.bibtex.plugin import register_plugin as register_referencing
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from partnership.text import word, words

NAME = "partnership"
SOURCES = word("punctuation.sources")  # «؛ » between the citations of one bracket
MEMO = "press-bibtex-entries.pickle"

_date = first_of[optional[field("date", raw=True)], optional[field("year")]]
NOTES = words("ui.bib_notes")


@node
def _arabic_note(children, data):
    """The editors' note on this entry in Arabic, or nothing. The English ``note`` field is
    for maintainers; tests/test_bibliography.py asks an Arabic version of every one."""
    return Text(NOTES.get(data["entry"].key, ""))


_note = _arabic_note


@node
def _copy_of(children, data):
    """«نسخة منقولة؛ الأصل: …» for an entry read on a copy (its ``original`` field), or nothing."""
    original = data["entry"].fields.get("original")
    return Text(word("ui.copy_of", original=original) if original else "")


def _fingerprint(label: str, entry) -> tuple:
    """Everything an entry's formatted text depends on, besides the style's own code."""
    persons = tuple((role, tuple(str(p) for p in people)) for role, people in entry.persons.items())
    return (label, entry.key, entry.type, tuple(entry.fields.items()), persons)


class Style(Unsrt):
    # Formatted entries by fingerprint, kept from build to build (see setup): sphinxcontrib-
    # bibtex formats every entry of the bibliography on every build, and twice (the list and
    # the citation's tooltip), about 1.5 s of a rebuild that changed no reference.
    memo: dict = {}
    used: set = set()

    def format_entry(self, label, entry, bib_data=None):
        key = _fingerprint(label, entry)
        Style.used.add(key)
        if key not in Style.memo:
            Style.memo[key] = super().format_entry(label, entry, bib_data=bib_data)
        return Style.memo[key]

    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def format_url(self, e):
        return href[field("url", raw=True), field("url", raw=True)]

    def format_web_refs(self, e):
        return sentence[
            optional[self.format_url(e), optional[word("ui.accessed"), field("urldate", raw=True), ")"]],
            optional[self.format_doi(e)],
        ]

    def _author_date(self):
        return sentence(sep=" ")[optional[self.format_names("author")], optional[join["(", _date, ")"]]]

    def get_misc_template(self, e):
        return toplevel[
            self._author_date(),
            optional[self.format_title(e, "title")],
            sentence[optional[field("publisher")], optional[field("howpublished")]],
            sentence[_copy_of],
            sentence[_note],
            self.format_web_refs(e),
        ]

    def get_article_template(self, e):
        return toplevel[
            self._author_date(),
            self.format_title(e, "title"),
            sentence[field("journal"), optional[field("volume")]],
            sentence[_note],
            self.format_web_refs(e),
        ]


@dataclasses.dataclass
class ReferenceStyle(AuthorYearReferenceStyle):
    """Author–year citations, several in one bracket parted by the Arabic semicolon:
    «[AP, 2023؛ CNN, 2025]», not the Latin «; » (``bibtex_reference_style: partnership``)."""

    bracket_parenthetical: BracketStyle = dataclasses.field(default_factory=lambda: BracketStyle(sep=SOURCES))
    bracket_textual: BracketStyle = dataclasses.field(default_factory=lambda: BracketStyle(sep=SOURCES))


def register() -> None:
    register_plugin("pybtex.style.formatting", NAME, Style, force=True)
    register_referencing("sphinxcontrib.bibtex.style.referencing", NAME, ReferenceStyle, force=True)


# sphinxcontrib-bibtex asks pybtex for a backend by name at every citation it resolves,
# and pybtex answers by scanning every installed distribution's entry points: about
# 20 ms a time, 15 s of each build for the book's ~950 citations. Registered at run
# time, the same classes are found in pybtex's own registry first, without a scan.
BACKENDS = {"plaintext": "pybtex.backends.plaintext", "docutils": "pybtex_docutils"}


def register_backends() -> None:
    from importlib import import_module

    for name, module in BACKENDS.items():
        register_plugin("pybtex.backends", name, import_module(module).Backend, force=True)


class BookBibtexDomain(BibtexDomain):
    """sphinxcontrib-bibtex's domain, filtering each bibliography in one pass over the citations.

    Upstream, every entry of every ``{bibliography}`` scans every citation of the book to
    learn which pages cite it (328 entries x 5 bibliographies x ~950 citations, a second
    of every build). The pages citing each key are collected once here; the filter and
    its result are upstream's own.
    """

    def get_filtered_entries(self, bibliography_key):
        bibliography = self.bibliographies[bibliography_key]
        citing = defaultdict(set)
        for citation_ref in self.citation_refs:
            for target in citation_ref.targets:
                citing[target.key].add(citation_ref.docname)
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            visitor = _FilterVisitor(entry=entry, docname=bibliography_key.docname,
                                     cited_docnames=citing.get(key, set()))
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError as err:
                raise ExtensionError(f"{bibliography_key.docname}: syntax error in :filter: expression; {err}") from None
            if success or entry.key in bibliography.keys:
                yield key, entry


def _memo_path(app) -> Path:
    return Path(app.doctreedir) / MEMO


def load_memo(app):
    """Last build's formatted entries; a memo that cannot be read is only a slower build."""
    Style.memo, Style.used = {}, set()
    try:
        with _memo_path(app).open("rb") as handle:
            Style.memo = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass


def save_memo(app, exception):
    if exception is not None:
        return
    kept = {key: value for key, value in Style.memo.items() if key in Style.used}
    _memo_path(app).parent.mkdir(parents=True, exist_ok=True)
    with _memo_path(app).open("wb") as handle:
        pickle.dump(kept, handle, protocol=pickle.HIGHEST_PROTOCOL)


def setup(app):
    register()
    register_backends()
    app.setup_extension("sphinxcontrib.bibtex")  # its domain first, then ours in its place
    app.add_domain(BookBibtexDomain, override=True)
    app.connect("builder-inited", load_memo)
    app.connect("build-finished", save_memo)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
