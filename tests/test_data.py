"""The loader accepts the committed data and rejects each kind of bad input by name."""
from __future__ import annotations

import json

import pytest

from partnership import data
from partnership.data import location
from conftest import rewrite


def test_committed_data_is_valid():
    names = data.validate_all()
    assert {"events", "shahed_monthly"} <= set(names)


def test_every_source_key_is_in_the_bibliography():
    keys = data.bib_keys()
    for name in data.resource_names():
        frame = data.load(name)
        for cell in frame["source"]:
            assert set(cell.split(";")) <= keys


def test_types_are_applied():
    events = data.load("events")
    assert str(events["date"].dtype).startswith("datetime64")
    assert str(data.load("shahed_monthly")["launched"].dtype) == "Int64"


def _fails(name, data_dir, row, column, words):
    with pytest.raises(data.DataError) as caught:
        data.read_rows(name, data_dir)
    err = caught.value
    assert err.row == row, str(err)
    assert err.column == column, str(err)
    message = str(err)
    assert str(data_dir / f"{name}.csv") in message, message
    for word in words:
        assert word in message, message
    return message


def test_malformed_date(scratch_data):
    rewrite(scratch_data / "events.csv", "2022-07-11", "2022-07-32")
    _fails("events", scratch_data, 3, "date", ["row 3", "column 'date'", "2022-07-32"])


def test_wrong_type(scratch_data):
    rewrite(scratch_data / "shahed_monthly.csv", "2022-10,29,253", "2022-10,29,lots")
    _fails("shahed_monthly", scratch_data, 3, "launched", ["not an integer", "lots"])


def test_empty_required_field(scratch_data):
    rewrite(scratch_data / "events.csv", ",زيارة رئيسي إلى موسكو,", ",,")
    _fails("events", scratch_data, 2, "label_ar", ["required value is empty"])


def test_duplicate_primary_key(scratch_data):
    path = scratch_data / "shahed_monthly.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, lines[2])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _fails("shahed_monthly", scratch_data, 4, "month", ["duplicate primary key", "first on row 3"])


def test_unknown_source_key(scratch_data):
    rewrite(scratch_data / "events.csv", "irna2022raisitrip;", "nosuchsource2099;")
    _fails("events", scratch_data, 2, "source", ["unknown source key 'nosuchsource2099'"])


def test_missing_column(scratch_data):
    path = scratch_data / "shahed_monthly.csv"
    lines = [",".join(line.split(",")[:1] + line.split(",")[2:]) for line in
             path.read_text(encoding="utf-8").splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _fails("shahed_monthly", scratch_data, 1, "waves", ["missing from the header"])


def test_unknown_category(scratch_data):
    rewrite(scratch_data / "events.csv", "2022-07-11,day,intro", "2022-07-11,day,gossip")
    _fails("events", scratch_data, 3, "topic", ["'gossip' is not one of"])


def test_missing_file(scratch_data):
    (scratch_data / "shahed_monthly.csv").unlink()
    message = _fails("shahed_monthly", scratch_data, None, None, ["file not found", "shahed_monthly"])
    assert "shahed_monthly.csv" in message


def test_below_minimum(scratch_data):
    rewrite(scratch_data / "shahed_monthly.csv", "2022-10,29,253", "2022-10,29,-253")
    _fails("shahed_monthly", scratch_data, 3, "launched", ["below the minimum 0"])


def test_ragged_row(scratch_data):
    rewrite(scratch_data / "shahed_monthly.csv", "2022-10,29,253", "2022-10,29,253,7")
    _fails("shahed_monthly", scratch_data, 3, None, ["has 6 cells, the header has 5"])


def test_unknown_extra_column(scratch_data):
    path = scratch_data / "shahed_monthly.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",comment"] + [line + "," for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _fails("shahed_monthly", scratch_data, 1, "comment", ["not in the schema"])


def test_unknown_resource(scratch_data):
    with pytest.raises(data.DataError, match="no resource named 'nothing'"):
        data.load("nothing", scratch_data)


def test_broken_descriptor(scratch_data):
    (scratch_data / "datapackage.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(data.DataError, match=r"datapackage.json, row 1: invalid JSON"):
        data.validate_all(scratch_data)


def test_duplicate_bibliography_key(scratch_data):
    bib = scratch_data / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@misc{anon2023partnership")
    bib.write_text(text + "\n" + text[start:], encoding="utf-8")
    with pytest.raises(data.DataError, match="references.bib"):
        data.validate_all(scratch_data)


def test_every_resource_declares_sources_and_a_key():
    package = json.loads((location.directory() / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        names = [f["name"] for f in res["schema"]["fields"]]
        assert "source" in names, res["name"]
        assert res["schema"].get("primaryKey"), res["name"]
