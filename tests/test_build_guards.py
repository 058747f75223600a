"""The build itself refuses bad input: a broken data row, a notebook that raises,
an unknown citation. Each test builds a small copy of the book in a scratch folder.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, rewrite

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
MINI_TOC = """format: jb-book
root: chapters/index
chapters:
  - file: chapters/probe
  - file: chapters/references
"""


def _mini_book(tmp_path: Path) -> Path:
    """The book's configuration, data and reference list, with one probe chapter."""
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", book)
    shutil.copytree(ROOT / "_static", book / "_static")
    shutil.copytree(ROOT / "data", book / "data")
    shutil.copy(ROOT / "chapters" / "references.md", book / "chapters")
    (book / "chapters" / "index.md").write_text("# صفحة تجربة\n\nنص.\n", encoding="utf-8")
    (book / "_toc.yml").write_text(MINI_TOC, encoding="utf-8")
    return book


def _probe(book: Path, *cells) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# فصل تجربة")] + list(cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, book / "chapters" / "probe.ipynb")


def _build(book: Path):
    env = dict(os.environ, PARTNERSHIP_DATA=str(book / "data"))
    return subprocess.run([str(JUPYTER_BOOK), "build", str(book), "--builder", "html",
                           "--warningiserror", "--nitpick"],
                          capture_output=True, text=True, env=env, timeout=600)


def test_probe_book_builds_when_all_is_well(tmp_path):
    book = _mini_book(tmp_path)
    _probe(book, nbformat.v4.new_code_cell(
        "import partnership as p\np.style.setup()\nlen(p.load('shahed_monthly'))"))
    result = _build(book)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (book / "_build" / "html" / "chapters" / "probe.html").exists()


def test_malformed_data_row_stops_the_build(tmp_path):
    book = _mini_book(tmp_path)
    _probe(book, nbformat.v4.new_markdown_cell("لا شيفرة هنا."))
    rewrite(book / "data" / "events.csv", "2022-07-11", "11/07/2022")
    result = _build(book)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "events.csv, row 3, column 'date': '11/07/2022' is not a date" in output, output[-3000:]


def test_notebook_that_raises_stops_the_build(tmp_path):
    book = _mini_book(tmp_path)
    _probe(book, nbformat.v4.new_code_cell("raise RuntimeError('probe failure 4711')"))
    result = _build(book)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "probe" in output and "4711" in output, output[-3000:]


def test_unknown_citation_key_stops_the_build(tmp_path):
    book = _mini_book(tmp_path)
    _probe(book, nbformat.v4.new_markdown_cell("ادعاء {cite:p}`nosuchkey2099`."))
    result = _build(book)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "nosuchkey2099" in output, output[-3000:]


def test_warning_from_a_notebook_stops_the_build(tmp_path):
    book = _mini_book(tmp_path)
    _probe(book, nbformat.v4.new_code_cell(
        "import partnership as p\np.style.setup()\nimport warnings\nwarnings.warn('probe warning 4712')"))
    result = _build(book)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "4712" in output, output[-3000:]
