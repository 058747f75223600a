"""«مراجع هذا الفصل»: the sources a page cites, listed at its end.

A reader who prints or cites one chapter should see its sources without scrolling
through the book's 300-odd references. A second ``{bibliography}`` per chapter would
make sphinxcontrib-bibtex warn about duplicate citations (and warnings fail the
build), so the list is added after references are resolved: the keys come from the
bibtex domain's record of the citations made on the page, the text is the entry
already formatted in the book's style (partnership/bibstyle.py), and each item links
to the full entry on the references page.

Only the multi-page HTML build gets the lists: the single-page build (which the PDF
is printed from) holds the whole book, whose full reference list is at its end.
"""
from __future__ import annotations

from docutils import nodes

from partnership.text import word

SECTION_ID = "chapter-references"
TITLE = word("interface.chapter_references")
LINK_TEXT = word("interface.reference_entry")
ITEM_CLASS = "chapter-reference"
BUILDERS = ("html",)


def cited_keys(domain, docname: str) -> list[str]:
    """Keys cited on one page, once each, in the order of first citation."""
    keys = []
    for ref in domain.citation_refs:
        if ref.docname == docname:
            keys.extend(target.key for target in ref.targets)
    return list(dict.fromkeys(keys))


def _citations_by_key(domain) -> dict:
    """The entry each key resolves to (the bibliographies list each key once)."""
    return {cit.key: cit for cit in domain.citations
            if domain.bibliographies[cit.bibliography_key].list_ == "citation"}


def _section(app, domain, docname, keys) -> nodes.section:
    section = nodes.section(ids=[SECTION_ID], classes=[SECTION_ID])
    section += nodes.title(TITLE, TITLE)
    citations = _citations_by_key(domain)
    entries = []
    for key in keys:
        cit = citations.get(key)
        if cit is None:  # bibtex itself has already warned "could not find bibtex key"
            continue
        para = domain.backend.paragraph(cit.formatted_entry)
        uri = app.builder.get_relative_uri(docname, cit.bibliography_key.docname) + "#" + cit.citation_id
        para += nodes.Text(" ")
        para += nodes.reference("", LINK_TEXT, internal=True, refuri=uri, classes=["chapter-reference-link"])
        entries.append((para.astext().casefold(), para))
    # Each entry in a div.citation, like the references page, so the book's stylesheet
    # gives it the direction of its own first words (most entries are Latin).
    for _, para in sorted(entries, key=lambda pair: pair[0]):
        section += nodes.container("", para, classes=["citation", ITEM_CLASS])
    return section


def add_chapter_references(app, doctree, docname):
    if app.builder.name not in BUILDERS:
        return
    domain = app.env.get_domain("cite")
    if any(key.docname == docname for key in domain.bibliographies):
        return  # the references page itself
    keys = cited_keys(domain, docname)
    if not keys:
        return
    sections = [child for child in doctree.children if isinstance(child, nodes.section)]
    # Inside the page's top section, so the heading is one level below the page title.
    (sections[0] if sections else doctree).append(_section(app, domain, docname, keys))


def setup(app):
    app.connect("doctree-resolved", add_chapter_references)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
