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
"""
from __future__ import annotations

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


def setup(app):
    app.connect("builder-inited", stylesheet_first)
    app.connect("build-finished", prune_orphans)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
