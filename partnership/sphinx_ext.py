"""Sphinx hooks that make the book right-to-left and refuse to build on bad data.

* Before reading any page, every table in data/datapackage.json is validated, so a
  malformed row stops the build even if no notebook happens to load it.
* After writing, every page's ``<html>`` element gets ``dir="rtl"``: the themes set
  ``lang`` but offer no way to set the direction of the root element.
"""
from __future__ import annotations

import re
from pathlib import Path

from sphinx.errors import ExtensionError

from . import data

HTML_TAG = re.compile(r"<html(?![^>]*\bdir=)([^>]*)>")


def _validate_data(app):
    try:
        names = data.validate_all()
    except data.DataError as err:
        raise ExtensionError(f"invalid data: {err}") from None
    app.config.partnership_tables = names


def _set_direction(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = HTML_TAG.sub(r'<html dir="rtl"\1>', text, count=1)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup(app):
    app.add_config_value("partnership_tables", [], "env")
    app.connect("builder-inited", _validate_data)
    app.connect("build-finished", _set_direction)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
