"""Shared code of «الشراكة الحذرة»: validated data, chart style, Arabic labels.

Notebooks import this package and stay thin; nothing here imports a notebook.
"""
from . import charts, claims, data, labels, refs, style, tables  # noqa: F401
from . import drivers  # noqa: F401  (tables and figures of the 02_* chapters)
from .data import DataError, load  # noqa: F401
