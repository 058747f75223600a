"""Shared fixtures: a scratch copy of data/, and the paths the tests read."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partnership import data
from partnership.data import location

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HTML = ROOT / "_build" / "html"


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
