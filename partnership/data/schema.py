"""The Table Schema rules the fast loader applies to each cell.

``frictionless`` is the reference implementation of Table Schema and checks the same
descriptor in the tests (``tests/test_frictionless.py``); this module is the loader a
notebook uses, small enough to start in milliseconds and to name the file, row and
column of the first fault. The two are tested to refuse the same bad files.
"""
from __future__ import annotations

import math
import re
from datetime import date

SOURCE_FIELD = "source"  # a column of ';'-separated keys of data/references.bib
KEY_SEPARATOR = ";"


# Digits are ASCII ([0-9], not \d, which also matches Arabic-Indic digits that int()
# would quietly accept). Numbers are plain decimals: float() would also take 'inf',
# '1e400', '2_1.4', ' 21.4 ', '+5', '.5' and 'nan', none of which a table should hold.
INTEGER = re.compile(r"-?[0-9]+")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _parse_date(text):
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise ValueError(f"'{text}' is not a date of the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise ValueError(f"'{text}' is not a real date ({err})") from None


def _parse_yearmonth(text):
    if not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", text):
        raise ValueError(f"'{text}' is not a month of the form YYYY-MM")
    return text


def _parse_integer(text):
    if not INTEGER.fullmatch(text):
        raise ValueError(f"'{text}' is not an integer (digits, an optional leading '-')")
    return int(text)


def _parse_number(text):
    if text.strip().lower() == "nan":
        raise ValueError("NaN is not allowed; leave the cell empty if it is unknown")
    if not NUMBER.fullmatch(text):
        raise ValueError(f"'{text}' is not a number in plain decimal notation (such as 21.4 or -3)")
    value = float(text)
    if not math.isfinite(value):
        shown = text if len(text) <= 20 else text[:20] + "…"
        raise ValueError(f"'{shown}' is too large to be a finite number")
    return value


def _parse_year(text):
    if not re.fullmatch(r"[0-9]{4}", text):
        raise ValueError(f"'{text}' is not a four-digit year")
    return int(text)


PARSERS = {
    "string": str,
    "date": _parse_date,
    "yearmonth": _parse_yearmonth,
    "integer": _parse_integer,
    "number": _parse_number,
    "year": _parse_year,
}
DTYPES = {"integer": "Int64", "year": "Int64", "number": "Float64", "string": "string",
          "yearmonth": "string"}


def check_cell(field: dict, text: str, keys: frozenset):
    """Parse one cell; raise ValueError with the reason it breaks the schema."""
    constraints = field.get("constraints", {})
    if text == "":
        if constraints.get("required"):
            raise ValueError("required value is empty")
        return None
    if not text.strip():
        raise ValueError("value is only whitespace; " +
                         ("a required value must be written out" if constraints.get("required")
                          else "leave the cell empty if it is unknown"))
    value = PARSERS[field.get("type", "string")](text)
    if "enum" in constraints and text not in constraints["enum"]:
        raise ValueError(f"'{text}' is not one of {', '.join(constraints['enum'])}")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
        raise ValueError(f"'{text}' does not match the pattern {constraints['pattern']}")
    if "minimum" in constraints and value < _bound(field, constraints["minimum"]):
        raise ValueError(f"{text} is below the minimum {constraints['minimum']}")
    if "maximum" in constraints and value > _bound(field, constraints["maximum"]):
        raise ValueError(f"{text} is above the maximum {constraints['maximum']}")
    if field["name"] == SOURCE_FIELD:
        for key in (k.strip() for k in text.split(KEY_SEPARATOR)):
            if key not in keys:
                raise ValueError(f"unknown source key '{key}' (not in references.bib)")
    return value


def _bound(field, bound):
    return PARSERS[field.get("type", "string")](str(bound))
