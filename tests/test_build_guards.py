"""The build itself refuses bad input: a broken data row, a notebook that raises,
an unknown citation. Each test builds a small copy of the book in a scratch folder.
"""
from __future__ import annotations

import nbformat

from conftest import ROOT, book_cache_listing, build_probe as _build, mini_book as _mini_book, probe as _probe, rewrite


def test_probe_book_builds_when_all_is_well(tmp_path):
    """The control for the tests below: the notebook really runs, in the probe's own cache."""
    before = book_cache_listing()
    book = _mini_book(tmp_path)
    _probe(book, nbformat.v4.new_code_cell(
        "import partnership as p\np.style.setup()\nprint('rows', 4700 + len(p.load('shahed_monthly')))"))
    result = _build(book)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Executing notebook" in output or "executing 1 notebooks" in output, "served from a cache"
    expected = 4700 + len((ROOT / "data" / "shahed_monthly.csv").read_text(encoding="utf-8").splitlines()) - 1
    page = (book / "_build" / "html" / "chapters" / "probe.html").read_text(encoding="utf-8")
    assert f"rows {expected}" in page, "the notebook's output is not on the page"
    assert (book / "_build" / ".jupyter_cache").is_dir(), "the probe's cache is not its own"
    assert book_cache_listing() == before, \
        "the probe build wrote into the book's cache"


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


def test_a_failed_build_removes_the_book_it_could_not_finish(tmp_path, monkeypatch, capsys):
    """No stale site or PDF is left looking current after a build fails."""
    import pytest

    from press import build

    for name in ("html", "singlehtml", "pdf"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("old", encoding="utf-8")
    (tmp_path / ".doctrees").mkdir()
    monkeypatch.setattr(build, "BUILD", tmp_path)

    def failing(args):
        raise RuntimeError("There was an error in building your book.")

    monkeypatch.setattr(build, "jupyter_book", failing)
    with pytest.raises(RuntimeError):
        build.main(["html"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [".doctrees"], "the environment stays, the book goes"
    assert "removed _build/{html,singlehtml,pdf}" in capsys.readouterr().err
