"""frictionless, the reference implementation of Data Package and Table Schema, checks
data/datapackage.json and every table; and it refuses what our loader refuses.

The loader (partnership.data) stays the notebooks' fast path, because it names file,
row and column; these tests keep the two from drifting apart. Source keys are ours
alone (frictionless cannot know references.bib): tests/test_refusals.py covers them,
with every other kind of bad input, some of which frictionless accepts.
"""
from __future__ import annotations

import pytest
from frictionless import FrictionlessException, Package, validate

from conftest import ROOT, rewrite
from partnership import data

DESCRIPTOR = ROOT / "data" / "datapackage.json"


def test_frictionless_finds_the_committed_package_valid():
    report = validate(str(DESCRIPTOR))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]
    assert sorted(task.name for task in report.tasks) == sorted(data.resource_names())


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _drop_column(path, index):
    _write(path, [",".join(c for i, c in enumerate(line.split(",")) if i != index) for line in _lines(path)])


def _duplicate_row(path, row):
    lines = _lines(path)
    lines.insert(row, lines[row - 1])
    _write(path, lines)


def _extra_column(path):
    lines = _lines(path)
    _write(path, [lines[0] + ",comment"] + [line + "," for line in lines[1:]])


# (case, resource, how to break it, the error type frictionless reports)
BAD = [
    ("malformed date", "events", lambda d: rewrite(d / "events.csv", "2022-07-11", "2022-07-32"), "type-error"),
    ("date in another form", "events", lambda d: rewrite(d / "events.csv", "2022-07-11", "11/07/2022"), "type-error"),
    ("not an integer", "shahed_monthly",
     lambda d: rewrite(d / "shahed_monthly.csv", "2022-10,29,253", "2022-10,29,lots"), "type-error"),
    ("empty required value", "events",
     lambda d: rewrite(d / "events.csv", ",زيارة رئيسي إلى موسكو,", ",,"), "constraint-error"),
    ("value outside the enum", "events",
     lambda d: rewrite(d / "events.csv", "2022-07-11,day,intro", "2022-07-11,day,gossip"), "constraint-error"),
    ("below the minimum", "shahed_monthly",
     lambda d: rewrite(d / "shahed_monthly.csv", "2022-10,29,253", "2022-10,29,-253"), "constraint-error"),
    ("identifier breaks its pattern", "events",
     lambda d: rewrite(d / "events.csv", "raisi-moscow-visit,", "Raisi Moscow,"), "constraint-error"),
    ("duplicate primary key", "shahed_monthly", lambda d: _duplicate_row(d / "shahed_monthly.csv", 3), "primary-key"),
    ("ragged row", "shahed_monthly",
     lambda d: rewrite(d / "shahed_monthly.csv", "2022-10,29,253", "2022-10,29,253,7"), "extra-cell"),
    ("column missing", "shahed_monthly", lambda d: _drop_column(d / "shahed_monthly.csv", 1), "missing-label"),
    ("column not in the schema", "shahed_monthly", lambda d: _extra_column(d / "shahed_monthly.csv"), "extra-label"),
    ("file missing", "shahed_monthly", lambda d: (d / "shahed_monthly.csv").unlink(), "scheme-error"),
]


@pytest.mark.parametrize("case, name, breaks, error", BAD, ids=[b[0] for b in BAD])
def test_both_validators_refuse_the_same_bad_file(scratch_data, case, name, breaks, error):
    breaks(scratch_data)
    with pytest.raises(data.DataError):
        data.read_rows(name, scratch_data)
    report = Package(str(scratch_data / "datapackage.json")).get_resource(name).validate()
    found = {row[0] for row in report.flatten(["type"])}
    assert not report.valid, f"frictionless accepts what the loader refuses ({case})"
    assert error in found, f"{case}: frictionless reports {sorted(found)}, not {error}"


def test_both_validators_refuse_a_broken_descriptor(scratch_data):
    (scratch_data / "datapackage.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(data.DataError):
        data.validate_all(scratch_data)
    with pytest.raises(FrictionlessException):
        Package(str(scratch_data / "datapackage.json"))
