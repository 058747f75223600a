"""«البيانات والمنهج»: the descriptor fields it needs, the numbers it computes, the built page."""
from __future__ import annotations

import csv
import json
import re

import pytest
import yaml

from conftest import HTML, ROOT
from partnership import data
from partnership.analysis import methods
from partnership.data import extracts, location

PAGE = HTML / "chapters" / "93_data_methods.html"


def _descriptor(scratch):
    return json.loads((scratch / "datapackage.json").read_text(encoding="utf-8"))


def _edit(scratch, name, change):
    """Apply change(resource) to one resource of a scratch descriptor."""
    package = _descriptor(scratch)
    res = next(r for r in package["resources"] if r["name"] == name)
    change(res)
    (scratch / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    data.clear_cache()


def _csv_rows(name):
    with open(location.directory() / data.resource(name)["path"], encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_resource_has_the_chapter_metadata():
    assert methods.check_descriptor() == data.resource_names()


def test_every_extract_is_described_as_made_by_its_function():
    scripts = {n: data.resource(n)["x-script"] for n in data.resource_names()}
    assert {n for n, s in scripts.items() if s != methods.HAND} == set(extracts.EXTRACTS)


@pytest.mark.parametrize("field,change,message", [
    ("x-caveats-ar", lambda r: r.pop("x-caveats-ar"), "missing or empty"),
    ("x-title-ar", lambda r: r.update({"x-title-ar": " "}), "missing or empty"),
    ("x-script", lambda r: r.update({"x-script": "partnership.data.extracts.nothing"}), "neither 'hand'"),
    ("x-script", lambda r: r.update({"x-script": "partnership.data.extracts.sipri_arms"}), "makes 'sipri_arms.csv'"),
    ("sources", lambda r: r.update({"sources": []}), "must name the publisher"),
    ("sources[0]", lambda r: r["sources"][0].update({"x-bib": "nosuchkey2099"}), "unknown source key 'nosuchkey2099'"),
    ("sources[0]", lambda r: r["sources"][0].update({"x-bib": "anon2023partnership"}), "not cited in the table's source column"),
    ("licenses", lambda r: r.update({"licenses": []}), "missing or empty"),
    ("licenses[0]", lambda r: r["licenses"][0].update({"x-status": "probably"}), "x-status 'probably'"),
    ("licenses[0]", lambda r: r["licenses"][0].pop("x-summary-ar"), "need an Arabic 'x-summary-ar'"),
    ("x-coverage", lambda r: r.update({"x-coverage": "oil_prod_kbd"}), "is not of type"),
    ("x-coverage", lambda r: r.update({"x-coverage": "decade"}), "not a column"),
    ("x-coverage", lambda r: r.pop("x-coverage"), "missing"),
])
def test_a_bad_field_is_an_error_naming_resource_and_field(scratch_data, field, change, message):
    name = "energy_output_bp2021"
    _edit(scratch_data, name, change)
    with pytest.raises(data.DataError, match=re.escape(f"resource '{name}', field '{field}': ") + ".*" + re.escape(message)):
        methods.check_descriptor(scratch_data)


def test_row_counts_and_spans_come_from_the_files():
    # Read with the csv module, independently of the loader the chapter uses.
    for name in ("energy_output", "unhcr_afghans_iran", "shahed_monthly", "claims", "hindsight"):
        rows = _csv_rows(name)
        cov = methods.coverage(name)
        assert cov["rows"] == len(rows), name
        column = data.resource(name)["x-coverage"]
        if column is None:
            assert methods.coverage_text(name) == "لا يرتبط بفترة زمنية"
            continue
        values = sorted(int(r[column]) if r[column].isdigit() else r[column] for r in rows if r[column])
        assert str(cov["first"]) == str(values[0]) and str(cov["last"]) == str(values[-1]), name


def test_dropping_a_row_changes_the_computed_coverage(scratch_data):
    path = scratch_data / "hormuz_flows.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = lines[:-1]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    cov = methods.coverage("hormuz_flows", scratch_data)
    assert cov["rows"] == len(kept) - 1  # less the header
    new_last = max(int(line.split(",")[0]) for line in kept[1:])
    assert cov["last"] == new_last
    assert methods.coverage_text("hormuz_flows", scratch_data).endswith(f"إلى {new_last}")


def test_the_chapter_comes_before_how_to_cite():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for c in toc["chapters"]]
    assert files.index("chapters/93_data_methods") < files.index("chapters/92_how_to_cite")


def test_the_built_page_describes_every_table():
    text = PAGE.read_text(encoding="utf-8")
    for name in data.resource_names():
        res = data.resource(name)
        assert res["path"] in text, name
        assert res["x-title-ar"] in text, name
        assert f"عدد الصفوف: {len(_csv_rows(name))}<" in text or f"عدد الصفوف: {len(_csv_rows(name))}" in text, name


def test_the_built_page_marks_every_unverified_licence():
    unverified = [n for n in data.resource_names()
                  if any(lic["x-status"] == "unverified" for lic in data.resource(n)["licenses"])]
    assert unverified, "no unverified licence: update this test if that is now true"
    text = PAGE.read_text(encoding="utf-8")
    details = text.split('id="tbl-methods-overview"', 1)[1]
    # once in the details of each such table (bold), and once in its row of the overview table
    assert details.count(f"<strong>{methods.UNVERIFIED}</strong>") == len(unverified)


def test_the_verdict_counts_match_the_register():
    counts = {}
    for row in _csv_rows("claims"):
        counts[row["verdict"]] = counts.get(row["verdict"], 0) + 1
    table = methods.verdict_table().frame
    assert dict(zip(table["verdict"], table["count"])) == {methods.claims.VERDICTS[k]: v for k, v in counts.items()}
