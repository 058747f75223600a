"""The build refuses bad data: every table is validated before any page is read.

A malformed row stops the build even if no notebook happens to load that table.
"""
from __future__ import annotations

from sphinx.errors import ExtensionError

from partnership import data


def validate_data(app):
    try:
        data.validate_all()
    except data.DataError as err:
        raise ExtensionError(f"invalid data: {err}") from None


def setup(app):
    app.connect("builder-inited", validate_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
