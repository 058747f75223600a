"""Shared fixtures: a scratch copy of data/, and the paths the tests read."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

import pytest

from partnership import data
from partnership.data import location

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HTML = ROOT / "_build" / "html"
CACHE = ROOT / "_build" / ".jupyter_cache"  # the book's own: no probe build may write here
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
MINI_TOC = """format: jb-book
root: chapters/index
chapters:
  - file: chapters/probe
  - file: chapters/references
"""


@pytest.fixture
def scratch_data(tmp_path, monkeypatch):
    """A copy of data/ that a test may break; the loader's caches are cleared around it."""
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    data.clear_cache()
    monkeypatch.setattr(location, "DATA_DIR", copy)
    yield copy
    data.clear_cache()


def rewrite(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file, failing loudly if the text to break is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}; the test no longer breaks what it means to"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def built_pages() -> list[Path]:
    pages = sorted(p for p in HTML.rglob("*.html")
                   if not p.relative_to(HTML).parts[0] in ("_static", "_sources", "_images"))
    assert pages, f"no built book in {HTML}: run `make book` first (make test does)"
    return pages


@pytest.fixture(scope="session")
def site():
    """The HTML build served on 127.0.0.1 (web fonts and scripts need http://)."""
    from press.serve import serve

    built_pages()
    with serve(HTML) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, under Playwright (never Playwright's own browser)."""
    from press import audit

    with audit.browser() as chromium:
        yield chromium


def mini_book(tmp_path: Path) -> Path:
    """The book's configuration, data and reference list, with one probe chapter.

    Its notebook cache is its own (press resolves _config.yml's relative cache path
    against the book's folder), so a probe build never reads or fills the book's.
    """
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", book)
    shutil.copytree(ROOT / "_static", book / "_static")
    shutil.copytree(ROOT / "data", book / "data")
    shutil.copy(ROOT / "chapters" / "references.md", book / "chapters")
    (book / "chapters" / "index.md").write_text("# صفحة تجربة\n\nنص.\n", encoding="utf-8")
    (book / "_toc.yml").write_text(MINI_TOC, encoding="utf-8")
    return book


def probe(book: Path, *cells, heading="# فصل تجربة") -> None:
    """Write the probe chapter: a heading, then the given cells."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(heading)] + list(cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, book / "chapters" / "probe.ipynb")


def build_probe(book: Path, builder: str = "html", **environ):
    """``jupyter-book build`` of a probe book with the book's flags, from the repository's root."""
    env = dict(os.environ, PARTNERSHIP_DATA=str(book / "data"), **environ)
    return subprocess.run([str(JUPYTER_BOOK), "build", str(book), "--builder", builder,
                           "--warningiserror", "--nitpick"], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=600)


def book_cache_listing():
    """The files of the book's notebook cache (None without one): a probe build must not change it."""
    return sorted(p.name for p in CACHE.rglob("*")) if CACHE.exists() else None
