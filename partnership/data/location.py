"""Where the data package is: ``data/`` beside the package, or ``$PARTNERSHIP_DATA``.

A reader who installed only this package points ``PARTNERSHIP_DATA`` at the unzipped
data package; the book's own build uses the repository's ``data/``. Every function
that reads data resolves the folder through :func:`directory` at call time, so a test
can point ``DATA_DIR`` at a scratch copy.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("PARTNERSHIP_DATA", ROOT / "data"))


def directory(data_dir=None) -> Path:
    """The data folder to read: the one given, else ``DATA_DIR``."""
    return Path(data_dir or DATA_DIR)
