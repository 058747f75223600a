"""The book's Sphinx extension: ``press.sphinxext`` in _config.yml loads every part.

* :mod:`.guards`: every table is validated before any page is read;
* :mod:`.execute`: notebooks missing from the execution cache run in parallel first;
* :mod:`.bibtex`: the reference-list style, and pybtex's plugin lookups made once;
* :mod:`.numref`: numbered references that read each target page once;
* :mod:`.rtl`: right-to-left pages, the Arabic interface, the version footer;
* :mod:`.pagemeta`: citation metadata and the citation box of every chapter page;
* :mod:`.chapter_refs`: «مراجع هذا الفصل» at the end of every chapter;
* :mod:`.downloads`: the notebook, tables and data zip each chapter links; launch buttons;
* :mod:`.charts`: every chart as a <picture> of a desktop and a phone drawing, light and dark;
* :mod:`.tables`: every table cell names its column, for the phone's card layout;
* :mod:`.theme`: fixes to the stock theme's pages (accessibility, weight);
* :mod:`.navigation`: the sidebar buttons open their lists on a phone (theme bug #2451);
* :mod:`.interface`: the interface wholly in Arabic and right to left; ranges and citations unbroken;
* :mod:`.search`: the search page and its Arabic Pagefind index, in place of Sphinx's;
* :mod:`.assets`: stylesheets and text faces cut to what the book's pages use;
* :mod:`.hygiene`: a rebuild writes the same site as a clean build, and no orphans.
"""
from __future__ import annotations

PARTS = ("guards", "execute", "bibtex", "numref", "rtl", "pagemeta", "chapter_refs", "downloads", "charts", "tables",
         "theme", "navigation", "interface", "search", "assets", "hygiene")


def setup(app):
    for part in PARTS:
        app.setup_extension(f"{__name__}.{part}")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
