"""Notebooks run in parallel, on kernels that talk over unix sockets, into the cache
Jupyter Book reads: so a cold build beats running them one after another, myst-nb
executes nothing itself, and no kernel warns that it is open on TCP."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from press import execute

TCP_WARNING = "without encryption"


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_kernels_listen_on_unix_sockets_named_by_absolute_paths():
    manager = execute.kernel_manager(nbformat.v4.new_notebook())
    assert manager.transport == "ipc"
    assert Path(manager.ip).is_absolute(), "a relative socket path resolves in two different folders"


def test_notebooks_run_in_their_own_folder_and_report_in_order(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    jobs = [(p, nbformat.read(p, as_version=4)) for p in (
        _notebook(tmp_path / "a" / "one.ipynb", "import os; print(os.path.basename(os.getcwd()))"),
        _notebook(tmp_path / "b" / "two.ipynb", "import os; print(os.path.basename(os.getcwd()))"))]
    finished = []
    results = execute.run(jobs, workers=2, done=lambda r: finished.append(r.path.name))
    assert sorted(finished) == ["one.ipynb", "two.ipynb"]
    for result in results:
        assert result.notebook.cells[0].outputs[0]["text"].strip() == result.path.parent.name


def test_a_cell_that_raises_stops_the_run_naming_its_notebook(tmp_path):
    bad = _notebook(tmp_path / "bad.ipynb", "raise ValueError('probe failure 4713')")
    good = _notebook(tmp_path / "good.ipynb", "1 + 1")
    with pytest.raises(execute.NotebookFailed, match=r"bad\.ipynb: a cell failed(.|\n)*4713"):
        execute.run([(p, nbformat.read(p, as_version=4)) for p in (bad, good)], workers=2)


def test_make_notebooks_stores_outputs_and_no_kernel_warns(tmp_path):
    path = _notebook(tmp_path / "probe.ipynb", "print(6 * 7)")
    run = subprocess.run([sys.executable, "-m", "press.execute", "--inplace", str(path)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert TCP_WARNING not in run.stdout + run.stderr
    stored = nbformat.read(path, as_version=4)
    assert stored.cells[0].outputs[0]["text"] == "42\n"
    assert "iopub.execute_input" in stored.cells[0].metadata["execution"], "no timing for the next run's order"


@pytest.mark.book
def test_the_build_fills_the_cache_first_and_myst_nb_runs_nothing(tmp_path):
    from conftest import build_probe, mini_book, probe

    book = mini_book(tmp_path)
    probe(book, nbformat.v4.new_code_cell("import partnership as p\np.style.setup()\nlen(p.load('events'))"))
    run = build_probe(book)  # from the repository's root, as make test runs it
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-3000:]
    assert "executing 1 notebooks in parallel" in output, output[-3000:]
    assert "Using cached notebook" in output and "Executing notebook" not in output, output[-3000:]
    assert TCP_WARNING not in output
    assert (book / "_build" / ".jupyter_cache").is_dir(), "the cache is the probe book's own"
