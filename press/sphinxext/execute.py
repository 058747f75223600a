"""Fill the execution cache in parallel before Sphinx reads a page.

myst-nb, in ``cache`` mode, executes each notebook that jupyter-cache lacks as Sphinx
reads it: one at a time, however many cores the machine has. Here, when Sphinx has
decided which pages to read (``env-before-read-docs``), every notebook among them that
the cache lacks runs first through :mod:`press.execute`, all at once, and its outputs
go into the same cache, keyed exactly as myst-nb looks them up. myst-nb then finds
every notebook cached and executes nothing itself.

The settings are myst-nb's own (``execute:`` in _config.yml): the cache's path, the
timeout, allow_errors, the exclude patterns; notebooks run in their own folder unless
``execution_in_temp`` is set, when this hook leaves them to myst-nb. A cell that raises
stops the build, naming the notebook.
"""
from __future__ import annotations

import time
from pathlib import Path, PurePosixPath

import nbformat
from sphinx.errors import ExtensionError
from sphinx.util import logging

from .. import execute

logger = logging.getLogger(__name__)


def _pending(env, docnames, cache) -> list[tuple[Path, nbformat.NotebookNode]]:
    config = env.mystnb_config
    jobs = []
    for docname in docnames:
        path = Path(env.doc2path(docname))
        if path.suffix != ".ipynb":
            continue
        posix = PurePosixPath(path.as_posix())
        if any(posix.match(pattern) for pattern in config.execution_excludepatterns):
            continue
        notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            jobs.append((path, notebook))
    return jobs


def fill_cache(app, env, docnames):
    config = getattr(env, "mystnb_config", None)
    if config is None or config.execution_mode != "cache" or config.execution_in_temp:
        return
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(config.execution_cache_path or ".jupyter_cache")
    jobs = _pending(env, docnames, cache)
    if not jobs:
        return
    start = time.perf_counter()
    logger.info(f"executing {len(jobs)} notebooks in parallel")

    def store(result: execute.Result) -> None:
        cache.cache_notebook_bundle(
            CacheBundleIn(result.notebook, str(result.path), data={"execution_seconds": result.seconds}),
            check_validity=False, overwrite=True)
        try:  # what myst-nb will ask: a miss here would make it run the notebook again, serially
            cache.match_cache_notebook(nbformat.reads(result.path.read_text(encoding="utf-8"), as_version=4))
        except KeyError:
            raise ExtensionError(f"{result.path}: executed, but the cache does not match the notebook") from None

    try:
        execute.run(jobs, timeout=config.execution_timeout, allow_errors=config.execution_allow_errors, done=store)
    except execute.NotebookFailed as err:
        raise ExtensionError(f"notebook execution failed: {err}") from None
    logger.info(f"executed {len(jobs)} notebooks in {time.perf_counter() - start:.1f} s")


def setup(app):
    app.connect("env-before-read-docs", fill_cache)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
