"""The book's press: what builds, prints and publishes «الشراكة الحذرة».

Kept apart from :mod:`partnership` (what a reader installs to rerun a chapter):

* :mod:`.sphinxext`: the Sphinx extension (right-to-left pages, theme fixes, citation
  metadata, per-chapter references, downloads, parallel notebook execution);
* :mod:`.execute`: runs notebooks in parallel on kernels that talk over local sockets;
* :mod:`.pdf`: prints the PDF edition with Debian's Chromium;
* :mod:`.citation`, :mod:`.meta`, :mod:`.zenodo`: citations and archive metadata, from CITATION.cff;
* :mod:`.datazip`: the data package as one reproducible zip;
* :mod:`.audit`, :mod:`.serve`: page weight, axe and Lighthouse, on a local server.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the book's repository
