"""The reference list's style, and pybtex's plugin lookups made once instead of per citation.

The style: author (date), title as published, publisher, link.

pybtex's ``unsrt`` lower-cases titles (turning "Iran" into "iran") and prints a
bare month number ("9 2022"). This style keeps each title's own case and puts the
full publication date right after the author, so that in an entry mixing Latin and
Arabic the date never drifts into an Arabic title's right-to-left run.
"""
from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as Unsrt
from pybtex.style.template import field, first_of, href, join, optional, sentence

NAME = "partnership"

_date = first_of[optional[field("date", raw=True)], optional[field("year")]]


class Style(Unsrt):
    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def format_url(self, e):
        return href[field("url", raw=True), field("url", raw=True)]

    def format_web_refs(self, e):
        return sentence[
            optional[self.format_url(e), optional[" (accessed ", field("urldate", raw=True), ")"]],
            optional[self.format_doi(e)],
        ]

    def _author_date(self):
        return sentence(sep=" ")[optional[self.format_names("author")], optional[join["(", _date, ")"]]]

    def get_misc_template(self, e):
        return toplevel[
            self._author_date(),
            optional[self.format_title(e, "title")],
            sentence[optional[field("publisher")], optional[field("howpublished")]],
            sentence[optional[field("note")]],
            self.format_web_refs(e),
        ]

    def get_article_template(self, e):
        return toplevel[
            self._author_date(),
            self.format_title(e, "title"),
            sentence[field("journal"), optional[field("volume")]],
            sentence[optional[field("note")]],
            self.format_web_refs(e),
        ]


def register() -> None:
    register_plugin("pybtex.style.formatting", NAME, Style, force=True)


# sphinxcontrib-bibtex asks pybtex for a backend by name at every citation it resolves,
# and pybtex answers by scanning every installed distribution's entry points: about
# 20 ms a time, 15 s of each build for the book's ~950 citations. Registered at run
# time, the same classes are found in pybtex's own registry first, without a scan.
BACKENDS = {"plaintext": "pybtex.backends.plaintext", "docutils": "pybtex_docutils"}


def register_backends() -> None:
    from importlib import import_module

    for name, module in BACKENDS.items():
        register_plugin("pybtex.backends", name, import_module(module).Backend, force=True)


def setup(app):
    register()
    register_backends()
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
