"""The obstacles chapters' data: extracts match their sources' check values, hand-made tables agree."""
from __future__ import annotations

import re

import pytest

from partnership import data
from partnership.analysis import tactical
from partnership.data import extracts, location
from conftest import SHARED

needs_shared = pytest.mark.skipif(not (SHARED / "sources").is_dir(), reason="../shared is absent")


def test_sipri_check_values():
    arms = data.load("sipri_arms")
    to_iran = arms[(arms["supplier"] == "Russia") & (arms["recipient"] == "Iran")]
    assert to_iran["tiv_delivered"].sum() == pytest.approx(2112.8)  # PROVENANCE.md check value
    s300 = to_iran[to_iran["designation"] == "S-300PMU2"]
    assert list(s300[["delivery_year", "number_delivered"]].itertuples(index=False)) == [(2016, 4)]
    assert float(s300["tiv_delivered"].iloc[0]) == 220
    shahed = arms[(arms["supplier"] == "Iran") & (arms["designation"] == "Shahed-136")]
    assert dict(zip(shahed["delivery_year"], shahed["number_delivered"])) == {2022: 600, 2023: 600}


def test_energy_check_values():
    ei = data.load("energy_output").set_index(["country", "year"])
    assert round(float(ei.loc[("Saudi Arabia", 2022), "oil_prod_kbd"])) == 12191
    assert round(float(ei.loc[("Russian Federation", 2022), "oil_prod_kbd"])) == 11202
    assert round(float(ei.loc[("Iran", 2022), "oil_prod_kbd"])) == 3945
    assert float(ei.loc[("Russian Federation", 2022), "gas_prod_bcm"]) == pytest.approx(618.4, abs=0.05)
    bp = data.load("energy_output_bp2021").set_index(["country", "year"])
    assert round(float(bp.loc[("Iran", 2020), "oil_prod_kbd"])) == 3084
    assert round(float(bp.loc[("Russian Federation", 2020), "oil_prod_kbd"])) == 10667


def test_no_russia_before_1985_and_no_ussr_after():
    for name in ("energy_output", "energy_output_bp2021"):
        frame = data.load(name)
        assert frame.loc[frame["country"] == "Russian Federation", "year"].min() == 1985
        assert frame.loc[frame["country"] == "USSR", "year"].max() == 1984


def test_unsc_presidents_match_inaugurations():
    unsc = data.load("unsc_iran")
    events = data.load("events").set_index("event_id")
    medvedev = events.loc["medvedev-inauguration", "date"]
    putin_again = events.loc["putin-inauguration-2012", "date"]
    expected = ["Medvedev" if medvedev <= d < putin_again else "Putin" for d in unsc["date"]]
    assert list(unsc["russia_president"]) == expected
    numbers = tactical.unsc_numbers(unsc)
    assert (numbers["unsc_n"], numbers["unsc_putin"], numbers["unsc_putin_sanctions"]) == ("6", "4", "3")


def test_criteria_point_at_real_labels():
    """Every figure or table a criterion cites is named in some chapter notebook."""
    text = "".join(p.read_text(encoding="utf-8") for p in (location.ROOT / "chapters").glob("*.ipynb"))
    for cell in data.load("criteria")["evidence_labels"]:
        for label in cell.split(";"):
            assert re.search(rf"{re.escape(label)}(?![a-z0-9-])", text), label


@needs_shared
@pytest.mark.parametrize("name", ["sipri_arms", "energy_output", "energy_output_bp2021", "energy_exports"])
def test_extract_is_reproducible(name, tmp_path):
    fresh = extracts.build(name)
    extracts.write(fresh, tmp_path / f"{name}.csv")
    assert (tmp_path / f"{name}.csv").read_bytes() == (location.directory() / f"{name}.csv").read_bytes()
