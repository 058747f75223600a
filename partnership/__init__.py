"""«الشراكة الحذرة»: what a chapter notebook imports, and nothing of the book's build.

A notebook starts with ``import partnership as p`` and calls a few names:

=================  ==========================================================
``p.load``         a validated table (:mod:`partnership.data`)
``p.DataError``    what a bad data file raises, naming file, row and column
``p.style``        the house style (:mod:`partnership.figures.style`)
``p.charts``       every chart type (:mod:`partnership.figures`)
``p.tables``       numbered, captioned tables (:mod:`partnership.figures.tables`)
``p.labels``       dates and names in Arabic (:mod:`partnership.text.labels`)
``p.bibliography`` source keys and short labels (:mod:`partnership.data.bibliography`)
``p.claims`` …     one chapter's analysis (:mod:`partnership.analysis`)
=================  ==========================================================

Names load on first use, so importing the package is cheap for whoever needs only
the data layer (the book's build validates data without drawing a chart).
"""
from __future__ import annotations

from importlib import import_module

_NAMES = {
    "data": "partnership.data",
    "style": "partnership.figures.style",
    "charts": "partnership.figures",
    "figures": "partnership.figures",
    "tables": "partnership.figures.tables",
    "labels": "partnership.text.labels",
    "text": "partnership.text",
    "bibliography": "partnership.data.bibliography",
    **{name: f"partnership.analysis.{name}" for name in
       ("claims", "frame", "drivers", "tactical", "measure", "literature", "hindsight", "glossary", "methods", "reuse")},
}
_DATA_NAMES = ("load", "DataError")


def __getattr__(name: str):
    if name in _NAMES:
        module = import_module(_NAMES[name])
    elif name in _DATA_NAMES:
        module = getattr(import_module("partnership.data"), name)
    else:
        raise AttributeError(f"module 'partnership' has no attribute '{name}'")
    globals()[name] = module
    return module


def __dir__():
    return sorted([*_NAMES, *_DATA_NAMES, *globals()])
