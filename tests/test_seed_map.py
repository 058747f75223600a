"""Every line of the report maps to its claims, or says why it holds none (data/seed_map.csv)."""
from __future__ import annotations

import csv
import re

import pytest

from partnership import data
from partnership.analysis import claims
from conftest import ROOT, SHARED, rewrite

needs_seed = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared (the report's text) is absent")


def _seed_lines() -> dict[int, str]:
    (path,) = (SHARED / "seed").glob("*.txt")
    lines = path.read_text(encoding="utf-8").split("\n")
    return {n: text.strip() for n, text in enumerate(lines, start=1) if text.strip()}


def _map() -> dict[int, dict]:
    with (ROOT / "data" / "seed_map.csv").open(encoding="utf-8", newline="") as handle:
        return {int(row["seed_line"]): row for row in csv.DictReader(handle)}


@needs_seed
def test_the_map_covers_every_line_of_the_report_and_no_other():
    seed = {n: t for n, t in _seed_lines().items() if n >= 5}  # lines 1-4 are blank; 5 is the title
    mapped = _map()
    missing = sorted(set(seed) - set(mapped))
    assert not missing, "lines with no row in seed_map.csv:\n" + "\n".join(f"{n}: {seed[n][:60]}" for n in missing)
    assert not set(mapped) - set(seed), f"rows for empty or absent lines: {sorted(set(mapped) - set(seed))}"


@needs_seed
def test_a_line_without_claims_is_really_a_heading_furniture_or_framing():
    """A reason must fit the line: a long paragraph may not be waved through as a heading."""
    seed = _seed_lines()
    for line, row in _map().items():
        text = seed[line]
        if row["reason"] in ("heading", "furniture"):
            assert len(text) <= 80, (line, row["reason"], text[:60])
        if row["reason"] == "furniture":
            assert re.fullmatch(r"يتبع:|ص \d\d|[^.،]+", text), (line, text)
        if row["reason"] == "framing":
            assert text.startswith("●") and len(text) <= 150, (line, text[:60])


def test_every_claim_stands_on_its_line_and_every_line_says_something():
    lines = claims.seed_map()
    assert lines["claims"].notna().sum() + lines["reason"].notna().sum() == len(lines)
    coverage = claims.coverage()
    assert coverage["with_claims"] + sum(v for k, v in coverage.items() if k in claims.REASONS) == coverage["lines"]


def test_every_checkable_sentence_the_issue_named_is_in_the_register():
    """Issue 17: lines 12, 100, 120, 124 and 206 held claims the register lacked."""
    register = data.load("claims").set_index("claim_id")
    for claim, line in {"central-asia-rivalry": 12, "israel-doctrine-us-alliance": 100, "china-alt-payments": 120,
                        "russia-no-afghan-border": 124, "iran-helps-evasion": 206}.items():
        assert register.loc[claim, "seed_line"] == line


def test_a_claim_missing_from_its_line_is_named(scratch_data):
    rewrite(scratch_data / "seed_map.csv", "iran-joins-sco;sco-platform;", "sco-platform;")
    with pytest.raises(data.DataError, match="claim 'iran-joins-sco' is not on its line 206") as err:
        claims.seed_map()
    assert err.value.path.name == "claims.csv" and err.value.column == "seed_line" and err.value.row


def test_a_line_with_neither_claims_nor_reason_is_named(scratch_data):
    rewrite(scratch_data / "seed_map.csv", "160,,framing,", "160,,,")
    with pytest.raises(data.DataError, match="line 160 names no claim and gives no reason") as err:
        claims.seed_map()
    assert err.value.path.name == "seed_map.csv" and err.value.column == "reason" and err.value.row


def test_an_unknown_claim_in_the_map_is_named(scratch_data):
    rewrite(scratch_data / "seed_map.csv", "150,seven-criteria,,,", "150,seven-criteria;eight-criteria,,,")
    with pytest.raises(data.DataError, match="'eight-criteria' is not a claim of claims.csv") as err:
        claims.seed_map()
    assert err.value.path.name == "seed_map.csv" and err.value.column == "claims" and err.value.row
