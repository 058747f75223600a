"""Shared code of «الشراكة الحذرة»: validated data, chart style, Arabic labels.

Notebooks import this package and stay thin; nothing here imports a notebook.
"""
from . import charts, citation, claims, data, drivers, labels, refs, style, tables, tactical  # noqa: F401
from .data import DataError, load  # noqa: F401
from . import reuse  # noqa: F401  (p.reuse.downloads ends every chapter)
