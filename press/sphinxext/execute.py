"""Run the notebooks the cache lacks in parallel, while Sphinx reads the pages.

myst-nb, in ``cache`` mode, executes each notebook that jupyter-cache lacks as Sphinx
reads it: one at a time, however many cores the machine has. Here, as soon as Sphinx
knows which pages it will read (``env-before-read-docs``), every notebook among them that
the cache lacks starts running through :mod:`press.execute`, as many at once as there are
cores, in the order Sphinx reads them, on a thread of its own. Each result goes into the
same cache, keyed exactly as myst-nb looks it up; when Sphinx comes to a notebook's page
(``source-read``) it waits for that notebook only, so reading the first pages overlaps
running the last notebooks. myst-nb then finds every notebook cached and executes none.

The settings are myst-nb's own (``execute:`` in _config.yml): the cache's path, the
timeout, allow_errors, the exclude patterns; notebooks run in their own folder unless
``execution_in_temp`` is set, when this hook leaves them to myst-nb. A cell that raises
stops the build, naming the notebook.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path, PurePosixPath

import nbformat
from sphinx.errors import ExtensionError
from sphinx.util import logging

from .. import execute

logger = logging.getLogger(__name__)


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)


class Run:
    """The notebooks of one build, running on a thread while Sphinx reads."""

    def __init__(self, jobs, config):
        self.done = {path: threading.Event() for path, _ in jobs}
        self.error: BaseException | None = None
        self.started = time.perf_counter()
        self.thread = threading.Thread(target=self._work, args=(jobs, config), daemon=True,
                                       name="press-execute")
        self.thread.start()

    def _work(self, jobs, config):
        from jupyter_cache import get_cache
        from jupyter_cache.base import CacheBundleIn

        cache = get_cache(config.execution_cache_path or ".jupyter_cache")  # this thread's own connection

        def store(result: execute.Result) -> None:
            cache.cache_notebook_bundle(
                CacheBundleIn(result.notebook, str(result.path), data={"execution_seconds": result.seconds}),
                check_validity=False, overwrite=True)
            try:  # what myst-nb will ask: a miss here would make it run the notebook again, serially
                cache.match_cache_notebook(_read(result.path))
            except KeyError:
                raise execute.NotebookFailed(f"{result.path}: executed, but the cache does not match it") from None
            self.done[result.path].set()

        try:
            execute.run(jobs, timeout=config.execution_timeout, allow_errors=config.execution_allow_errors,
                        done=store, longest_first=False)
        except BaseException as err:  # reported on the main thread, by wait()
            self.error = err
        finally:
            for event in self.done.values():
                event.set()

    def wait(self, path: Path | None = None) -> None:
        """Until ``path`` is cached (or every notebook, without one); raise if a notebook failed."""
        if path is None:
            self.thread.join()
        elif path in self.done:
            self.done[path].wait()
        if self.error is not None:
            message = str(self.error) if isinstance(self.error, execute.NotebookFailed) else repr(self.error)
            raise ExtensionError(f"notebook execution failed: {message}")


def _pending(env, docnames, config) -> list[tuple[Path, nbformat.NotebookNode]]:
    from jupyter_cache import get_cache

    cache = get_cache(config.execution_cache_path or ".jupyter_cache")
    jobs = []
    for docname in docnames:  # in the order Sphinx will read them
        path = Path(env.doc2path(docname))
        if path.suffix != ".ipynb":
            continue
        if any(PurePosixPath(path.as_posix()).match(p) for p in config.execution_excludepatterns):
            continue
        notebook = _read(path)
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            jobs.append((path, notebook))
    return jobs


def start(app, env, docnames):
    config = getattr(env, "mystnb_config", None)
    app._press_run = None
    if config is None or config.execution_mode != "cache" or config.execution_in_temp:
        return
    jobs = _pending(env, docnames, config)
    if jobs:
        logger.info(f"executing {len(jobs)} notebooks in parallel")
        app._press_run = Run(jobs, config)


def wait_for_page(app, docname, source):
    run = getattr(app, "_press_run", None)
    if run is not None:
        run.wait(Path(app.env.doc2path(docname)))


def finish(app, env):
    run = getattr(app, "_press_run", None)
    if run is not None:
        run.wait()
        logger.info(f"executed {len(run.done)} notebooks in {time.perf_counter() - run.started:.1f} s")
        app._press_run = None
    return []


def absolute_cache_path(app, config):
    """The cache named in _config.yml, in the book's own folder whatever the working directory.

    A relative path would be resolved against the directory the build was started in:
    a probe book built from the repository's root (the tests) would fill the book's cache.
    """
    path = Path(config.nb_execution_cache_path or ".jupyter_cache")
    if not path.is_absolute():
        config.nb_execution_cache_path = str(Path(app.srcdir) / path)


def setup(app):
    app.connect("config-inited", absolute_cache_path)
    app.connect("env-before-read-docs", start)
    app.connect("source-read", wait_for_page)
    app.connect("env-updated", finish)
    return {"parallel_read_safe": False, "parallel_write_safe": True, "version": "1"}
