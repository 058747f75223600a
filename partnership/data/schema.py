"""The Table Schema rules the fast loader applies to each cell.

``frictionless`` is the reference implementation of Table Schema and checks the same
descriptor in the tests (``tests/test_frictionless.py``); this module is the loader a
notebook uses, small enough to start in milliseconds and to name the file, row and
column of the first fault. The two are tested to refuse the same bad files.
"""
from __future__ import annotations

import re
from datetime import date

SOURCE_FIELD = "source"  # a column of ';'-separated keys of data/references.bib
KEY_SEPARATOR = ";"


def _parse_date(text):
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"'{text}' is not a date of the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError as err:
        raise ValueError(f"'{text}' is not a real date ({err})") from None


def _parse_yearmonth(text):
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise ValueError(f"'{text}' is not a month of the form YYYY-MM")
    return text


def _parse_integer(text):
    if not re.fullmatch(r"-?\d+", text):
        raise ValueError(f"'{text}' is not an integer")
    return int(text)


def _parse_number(text):
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if value != value:  # NaN
        raise ValueError("NaN is not allowed; leave the cell empty if it is unknown")
    return value


def _parse_year(text):
    if not re.fullmatch(r"\d{4}", text):
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
