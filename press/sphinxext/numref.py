"""Numbered references (``{numref}``) that read each target page from disk once, not once each.

Sphinx 7.4 resolves every ``{numref}`` by unpickling the whole doctree of the page its
target is on, to learn what kind of node the target is; the book's 118 numbered
references unpickled 141 doctrees of up to 470 kB, a quarter of a clean build's Sphinx
time. Here the standard domain keeps, for the rest of the build, the doctree it read for
each page, and uses it only for that question; the doctrees Sphinx writes pages from
are still read fresh, so nothing that reads or changes them sees a shared copy.
"""
from __future__ import annotations

from sphinx.domains.std import StandardDomain


class _TargetPages:
    """``env`` for one lookup: the real environment, but a remembered ``get_doctree``."""

    def __init__(self, env, trees: dict):
        self._env, self._trees = env, trees

    def get_doctree(self, docname):
        if docname not in self._trees:
            self._trees[docname] = self._env.get_doctree(docname)
        return self._trees[docname]

    def __getattr__(self, name):
        return getattr(self._env, name)


class BookStandardDomain(StandardDomain):
    _trees: dict = {}

    def _resolve_numref_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        return super()._resolve_numref_xref(_TargetPages(env, self._trees), fromdocname, builder, typ, target,
                                            node, contnode)


def _forget(app, *args):
    BookStandardDomain._trees.clear()


def setup(app):
    app.add_domain(BookStandardDomain, override=True)
    # A tree read in one build must not answer for the next (Sphinx may run twice in one process).
    app.connect("env-updated", _forget)
    app.connect("build-finished", _forget)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
