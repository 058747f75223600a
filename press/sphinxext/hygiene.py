"""An incremental build writes exactly the site a clean build writes.

Two things made them differ:

* myst-nb copies its stylesheet into ``_static`` only when the build has finished,
  and Sphinx adds a ``?v=<checksum>`` to a stylesheet's link only if the file is
  already in the output folder. So every page of a rebuild linked the stylesheet with
  a checksum, and every page of a clean build without one. Copying it before any page
  is written gives every build the checksum.
* Sphinx never deletes: an image or download of an earlier build stays in ``_images``
  or ``_downloads`` after the output that used it has changed. After a successful
  build, every file there that no page of this environment uses is removed.
* Sphinx reloads the previous search index for the pages it does not write again,
  but without their index entries (glossary terms among them): a rebuild's
  ``searchindex.js`` lost every term of an unchanged glossary page. They are
  restored from the previous index before the new one is written.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)


def stylesheet_first(app):
    if app.builder.format != "html":
        return
    from myst_nb.sphinx_ext import add_global_html_resources

    (Path(app.outdir) / "_static").mkdir(parents=True, exist_ok=True)
    add_global_html_resources(app, None)


def _used(app) -> dict[str, set[str]]:
    env = app.env
    images = {Path(unique).name for _docs, unique in env.images.values()}
    downloads = {Path(dest).parts[0] for _docs, dest in env.dlfiles.values()}
    return {"_images": images, "_downloads": downloads}


def prune_orphans(app, exception):
    """Remove what no page of this build uses from ``_images`` and ``_downloads``."""
    if exception is not None or app.builder.format != "html":
        return
    removed = 0
    for folder, keep in _used(app).items():
        root = Path(app.outdir) / folder
        if not root.is_dir():
            continue
        for path in sorted(root.iterdir()):
            if path.name in keep:
                continue
            shutil.rmtree(path) if path.is_dir() else path.unlink()
            removed += 1
    if removed:
        logger.info(f"removed {removed} files of earlier builds that no page uses")


def restore_index_entries(app):
    """Give the pages this build did not write their index entries from the previous index."""
    indexer = getattr(app.builder, "indexer", None)
    previous = Path(app.outdir) / getattr(app.builder, "searchindex_filename", "searchindex.js")
    if indexer is None or not previous.is_file():
        return []
    text = previous.read_text(encoding="utf-8")
    try:
        old = json.loads(text[text.index("(") + 1:text.rindex(")")])
        names, entries = old["docnames"], old["indexentries"]
    except (ValueError, KeyError):
        return []  # an index of another format: Sphinx itself rebuilds it
    written, kept = indexer._index_entries, set(indexer._titles)
    restored: dict[str, list] = {}
    for entry, refs in entries.items():
        for index, target, main in refs:
            doc = names[index]
            if doc in kept and doc not in written:
                restored.setdefault(doc, []).append((entry, target, "main" if main else ""))
    # In docname order, as a clean build (which writes every page in that order) has them.
    merged = {**written, **{doc: sorted(found) for doc, found in restored.items()}}
    indexer._index_entries = dict(sorted(merged.items()))
    return []


def setup(app):
    app.connect("builder-inited", stylesheet_first)
    app.connect("html-collect-pages", restore_index_entries)
    app.connect("build-finished", prune_orphans)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
