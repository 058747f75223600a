"""The book's data: Table Schema checks, the loader, the bibliography, the extracts.

``partnership.data.load(name)`` is what a notebook calls; the submodules are:

* :mod:`.descriptor`: ``datapackage.json``, the schema of every table;
* :mod:`.schema`: the rules a cell must pass (tested to agree with ``frictionless``);
* :mod:`.loader`: reads a table row by row and stops at the first fault;
* :mod:`.bibliography`: the keys of ``references.bib`` and each entry's short label;
* :mod:`.extracts`: remakes the extracts under ``data/`` from ``../shared/sources``.
"""
from __future__ import annotations

from .bibliography import BIB_KINDS, entry, short_label, split_keys, unique_keys  # noqa: F401
from .bibliography import check_kinds as check_bib_kinds, check_unique_works  # noqa: F401
from .bibliography import keys as bib_keys  # noqa: F401
from .descriptor import read_json, resource, resource_names  # noqa: F401
from .errors import DataError  # noqa: F401
from .loader import LOADED, clear_cache, load, read_rows, validate_all  # noqa: F401
from .schema import KEY_SEPARATOR, SOURCE_FIELD  # noqa: F401
