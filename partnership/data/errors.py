"""The one error a bad data file raises, naming the file, row and column."""
from __future__ import annotations

from pathlib import Path


class DataError(ValueError):
    """A data file that breaks its schema; the message names file, row and column."""

    def __init__(self, path, message, row=None, column=None):
        where = [str(path)]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {message}")
        self.path, self.row, self.column = Path(path), row, column
