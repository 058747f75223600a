"""Two clean builds of one commit give byte-identical HTML, figures and downloads.

The second build runs `make book` in a fresh copy of the tracked files, at another
path, with an empty notebook cache; its _build/html (pages, figures, downloads and the
PDF copied there) is compared file by file with the book in _build/html. Slow (a cold build, about two minutes), so
it carries the `reproducible` marker: `pytest -m "not reproducible"` leaves it out,
and `make test` (CI) runs it.
"""
from __future__ import annotations

import difflib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import HTML, ROOT

pytestmark = [pytest.mark.reproducible, pytest.mark.book]


def _tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    return [name for name in out.decode().split("\0") if name and (ROOT / name).is_file()]


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    try:
        lines = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), lineterm="", n=0)
        return "\n".join(list(lines)[:8])
    except UnicodeDecodeError:
        return f"binary, {len(a)} vs {len(b)} bytes"


def _make_book(copy: Path, what: str) -> None:
    """`make book` in the copy, as a reader runs it (not as a sub-make of `make test`)."""
    env = {**os.environ, "PYTHONPATH": str(copy)}
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    run = subprocess.run(["make", "-C", str(copy), "book"], env=env, capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, f"{what} failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"


@pytest.fixture(scope="module")
def second_build(tmp_path_factory):
    assert (HTML / "index.html").exists(), "no built book: run `make book` first (make test does)"
    copy = tmp_path_factory.mktemp("second-clone") / "book"
    for name in _tracked_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    # The same virtualenv, already set up: only the build itself is under test.
    for venv in (".venv", ".venv-tools"):
        (copy / venv).symlink_to(ROOT / venv)
    stamps = copy / "_build" / ".stamps"
    stamps.mkdir(parents=True)
    for stamp in ("system", "venv", "tools"):
        (stamps / stamp).touch()
    _make_book(copy, "the second build")
    return copy / "_build" / "html"


def test_a_second_clean_build_is_byte_identical(second_build):
    first, second = _tree(HTML), _tree(second_build)
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    different = [name for name in second if first[name] != second[name]]
    report = "\n\n".join(f"{name}:\n{_first_difference(first[name], second[name])}" for name in different[:5])
    assert not different, f"{len(different)} files differ between two clean builds:\n{report}"


def test_rebuilds_after_an_edit_write_the_site_a_clean_build_writes(second_build):
    """make book; a one-word edit; make book; the edit undone; make book: the same bytes.

    Sphinx rewrites only the edited page, keeps what it wrote before and reloads its
    search index: each of these once made a rebuild differ from a clean build.
    """
    copy = second_build.parent.parent
    clean = _tree(second_build)
    chapter = copy / "chapters" / "00_summary.ipynb"
    original = chapter.read_text(encoding="utf-8")
    assert "التقرير" in original
    for text in (original.replace("التقرير", "الورقة", 1), original):
        chapter.write_text(text, encoding="utf-8")
        _make_book(copy, "a rebuild")
    rebuilt = _tree(second_build)
    assert sorted(rebuilt) == sorted(clean), sorted(set(rebuilt) ^ set(clean))[:10]
    different = [name for name in clean if clean[name] != rebuilt[name]]
    report = "\n\n".join(f"{name}:\n{_first_difference(clean[name], rebuilt[name])}" for name in different[:5])
    assert not different, f"{len(different)} files differ after rebuilding:\n{report}"
