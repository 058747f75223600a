"""Each committed extract is exactly what its script makes from the raw file.

These tests need the raw sources in ../shared; they skip only when ../shared is absent.
"""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT, SHARED
from partnership import data
from partnership.data import extracts

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (raw sources) is absent")


@needs_shared
@pytest.mark.parametrize("name", sorted(extracts.EXTRACTS))
def test_extract_reproduces_committed_file(name, tmp_path):
    frame = extracts.build(name)
    extracts.write(frame, tmp_path / f"{name}.csv")
    committed = (ROOT / "data" / f"{name}.csv").read_bytes()
    assert (tmp_path / f"{name}.csv").read_bytes() == committed, (
        f"data/{name}.csv differs from a fresh run; run `make extracts` and review the change")


@pytest.mark.parametrize("name", sorted(extracts.EXTRACTS))
def test_every_extract_is_a_described_resource(name):
    assert name in data.resource_names()


@needs_shared
def test_shahed_totals_match_provenance_check_values():
    # PROVENANCE.md: Shahed-136/131 rows of 2022 sum to 409 launched / 390 destroyed.
    monthly = data.load("shahed_monthly")
    in_2022 = monthly[monthly["month"].str.startswith("2022")]
    assert (int(in_2022["launched"].sum()), int(in_2022["destroyed"].sum())) == (409, 390)


@needs_shared
def test_shahed_extract_keeps_every_pure_shahed_row():
    raw = pd.read_csv(extracts.SOURCES / extracts.EXTRACTS["shahed_monthly"].raw)
    pure = raw[raw["model"] == "Shahed-136/131"]
    assert data.load("shahed_monthly")["waves"].sum() == len(pure)


@needs_shared
def test_changed_raw_file_is_refused(tmp_path):
    spec = extracts.EXTRACTS["shahed_monthly"]
    fake = tmp_path / spec.raw
    fake.parent.mkdir(parents=True)
    fake.write_text((extracts.SOURCES / spec.raw).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="differs from the PROVENANCE.md value"):
        extracts.build("shahed_monthly", sources=tmp_path)


def test_missing_raw_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="missile_attacks_daily.csv"):
        extracts.build("shahed_monthly", sources=tmp_path)
