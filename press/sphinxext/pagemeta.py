"""What each HTML page tells reference managers, and the citation box readers copy.

Zotero and Google Scholar read Highwire Press ``citation_*`` tags, Dublin Core and
schema.org JSON-LD from a page's <head>; all of it comes from :mod:`press.citation`.
"""
from __future__ import annotations

import json
from html import escape

from partnership.text import word

from .. import citation, meta

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def head_tags(ch: citation.Chapter, pdf_url: str) -> str:
    book = meta.book()
    date = str(book["date-released"])
    tags = [("citation_title", ch.title)]
    tags += [("citation_author", name) for name in book["author_names"]]
    tags += [("citation_publication_date", date.replace("-", "/")),
             ("citation_inbook_title" if ch.position > 1 else "citation_book_title", book["title"]),
             ("citation_language", "ar"), ("citation_publisher", citation.PUBLISHER),
             ("citation_pdf_url", pdf_url),
             ("DC.title", ch.title)]
    tags += [("DC.creator", name) for name in book["author_names"]]
    tags += [("DC.date", date), ("DC.language", "ar"), ("DC.publisher", citation.PUBLISHER),
             ("DC.rights", book["license"]), ("DC.type", "Text"),
             ("DC.relation.ispartof", book["title"]), ("DC.identifier", ch.key)]
    html = "".join(f'<meta name="{name}" content="{escape(value)}" />\n' for name, value in tags)
    graph = {
        "@context": "https://schema.org",
        "@type": "Chapter" if ch.position > 1 else "Book",
        "name": ch.title,
        "inLanguage": "ar",
        "position": ch.position,
        "author": [{"@type": "Organization", "name": n} for n in book["author_names"]],
        "datePublished": date,
        "license": LICENCE_URL,
        "isPartOf": {"@type": "Book", "name": book["title"], "version": str(book["version"]),
                     "datePublished": date, "inLanguage": "ar", "license": LICENCE_URL},
    }
    if ch.position == 1:
        graph.pop("isPartOf")
        graph["version"] = str(book["version"])
    return html + f'<script type="application/ld+json">{json.dumps(graph, ensure_ascii=False)}</script>\n'


def citation_box(ch: citation.Chapter, how_to_cite_url: str) -> str:
    entry = None if ch.position == 1 else ch
    what = escape(word("interface.cite", what=word("interface.cite_this_book" if entry is None else "interface.cite_this_chapter")))
    blocks = "".join(
        f'<p class="cite-box-format">{name}</p>'
        f'<div class="highlight-none notranslate"><div class="highlight"><pre>{escape(make(entry))}</pre></div></div>'
        for name, make in (("APA", citation.apa), ("BibTeX", citation.bibtex)))
    link = f'<a href="{escape(how_to_cite_url)}">{escape(word("interface.how_to_cite"))}</a>'
    more = escape(word("interface.cite_more")).format(link=link)
    return (f'<aside class="cite-box" aria-label="{what}"><p class="cite-box-head">{what}</p>'
            f'{blocks}<p class="cite-box-more">{more}</p></aside>')


def _page_context(app, pagename, templatename, context, doctree):
    if doctree is None:
        return
    try:
        chapter = citation.chapter(pagename)
    except KeyError:
        return
    pdf_url = context["pathto"](citation.PDF_NAME, 1)
    context["metatags"] = context.get("metatags", "") + head_tags(chapter, pdf_url)
    context["body"] = context.get("body", "") + citation_box(chapter, context["pathto"]("chapters/92_how_to_cite"))


def setup(app):
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
