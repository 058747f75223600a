"""The loader accepts the committed data and types it; tests/test_refusals.py has every
kind of bad input it refuses."""
from __future__ import annotations

import csv
import json

import pytest
from pybtex.database import parse_file

from partnership import data
from partnership.data import location


def _package():
    return json.loads((location.directory() / "datapackage.json").read_text(encoding="utf-8"))


def _csv_rows(res):
    with open(location.directory() / res["path"], encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_committed_data_is_valid():
    names = data.validate_all()
    assert {"events", "shahed_monthly"} <= set(names)


def test_every_source_key_is_in_the_bibliography():
    """Read apart from the loader (plain csv, pybtex's own parse), so that a loader which
    stopped checking keys could not let a bad key into the committed data unseen."""
    keys = set(parse_file(str(location.directory() / "references.bib"), bib_format="bibtex").entries)
    for res in _package()["resources"]:
        for number, row in enumerate(_csv_rows(res), start=2):
            cited = row["source"].split(";")
            assert cited and set(cited) <= keys, f"{res['path']}, row {number}: {sorted(set(cited) - keys)}"


def test_types_are_applied():
    events = data.load("events")
    assert str(events["date"].dtype).startswith("datetime64")
    assert str(data.load("shahed_monthly")["launched"].dtype) == "Int64"


def test_a_field_without_a_type_is_a_string(scratch_data):
    """Table Schema's default type is string; the descriptor check keeps that."""
    path = scratch_data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    field = next(f for f in package["resources"][0]["schema"]["fields"] if f["name"] == "label_ar")
    del field["type"]
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    assert "events" in data.validate_all(scratch_data)
    assert str(data.load("events", scratch_data)["label_ar"].dtype) == "string"


def test_unknown_resource(scratch_data):
    with pytest.raises(data.DataError, match="no resource named 'nothing'"):
        data.load("nothing", scratch_data)


def test_every_resource_declares_sources_and_a_key():
    for res in _package()["resources"]:
        names = [f["name"] for f in res["schema"]["fields"]]
        assert "source" in names, res["name"]
        assert res["schema"].get("primaryKey"), res["name"]


def test_every_row_floor_keeps_up_with_its_table():
    """x-min-rows is at most the committed count and at least half of it, so that a table
    which has grown gets its floor raised (the rule: 80 % of the count, never below 1)."""
    for res in _package()["resources"]:
        count = len(_csv_rows(res))
        assert max(1, count // 2) <= res["x-min-rows"] <= count, (res["name"], count, res["x-min-rows"])
