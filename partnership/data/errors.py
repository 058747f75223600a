"""The one error a bad data file raises, naming the file, row and column."""
from __future__ import annotations

from pathlib import Path


class DataError(ValueError):
    """A data file that breaks its schema; the message names file, row (or line) and column.

    ``row`` counts CSV records (the header is row 1); ``line`` is a physical line, for
    files that have no rows (references.bib).
    """

    def __init__(self, path, message, row=None, column=None, line=None):
        where = [str(path)]
        if row is not None:
            where.append(f"row {row}")
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {message}")
        self.path, self.row, self.column, self.line = Path(path), row, column, line
