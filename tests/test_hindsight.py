"""The hindsight chapter's tables agree with each other and with the claims register."""
from __future__ import annotations

import pandas as pd
import pytest

from partnership import data
from partnership.analysis import claims, hindsight
from conftest import rewrite


def test_committed_hindsight_tables_are_consistent():
    frames = hindsight.load()
    assert len(frames["events"]) == frames["events"]["event_id"].nunique()
    assert list(frames["events"]["number"]) == list(range(1, len(frames["events"]) + 1))


def test_the_chapter_scores_exactly_the_registers_forecasts():
    """Forecasts only, every one of them, each with the register's own verdict."""
    frames = hindsight.load()
    register = data.load("claims").set_index("claim_id")
    forecasts = frames["forecasts"]
    assert set(forecasts["claim_id"]) == set(register.index[register["kind"] == "forecast"])
    for claim, verdict in zip(forecasts["claim_id"], forecasts["verdict"]):
        assert verdict == register.loc[claim, "verdict"], claim
    assert (frames["descriptions"]["kind"] != "forecast").all()


def test_hindsight_reaches_the_latest_public_record():
    """Issue 17 asked for events at least through April 2026."""
    events = hindsight.load()["events"]
    assert events["date"].max() >= pd.Timestamp("2026-04-30"), events["date"].max()


def test_every_hindsight_event_is_linked():
    events = data.load("events")
    mine = set(events.loc[events["topic"] == "hindsight", "event_id"])
    linked = set(data.load("hindsight")["event_id"])
    assert mine == linked, f"unlinked: {sorted(mine - linked)}"


def test_uncertain_events_say_why():
    """An event marked reported or disputed carries a note that says what is uncertain."""
    frames = hindsight.load()
    events = frames["events"]
    doubtful = events[events["certainty"] != "confirmed"]
    assert not doubtful.empty
    assert doubtful["note_ar"].notna().all(), list(doubtful.loc[doubtful["note_ar"].isna(), "event_id"])


def test_a_description_row_counts_its_events_in_words():
    frames = hindsight.load()
    links = frames["links"]
    said = hindsight.bearing_summary(links, "j6")
    counts = links.loc[links["claim_id"] == "j6", "bearing"].value_counts()
    assert said.startswith("يؤيده"), said
    assert "0" not in said and len(said.split("، و")) == (counts > 0).sum()


def test_link_to_unknown_event(scratch_data):
    rewrite(scratch_data / "hindsight.csv", "h-rasht-astara-2023,", "h-no-such-event,")
    with pytest.raises(data.DataError, match="h-no-such-event"):
        hindsight.load()


def test_link_to_unknown_claim(scratch_data):
    rewrite(scratch_data / "hindsight.csv", "h-rasht-astara-2023,shared-threats-explain,",
            "h-rasht-astara-2023,no-such-claim,")
    with pytest.raises(data.DataError, match="'no-such-claim' is not a claim of claims.csv") as err:
        hindsight.load()
    assert (err.value.row, err.value.column) == (2, "claim_id")


def test_certainty_must_agree_across_an_events_rows(scratch_data):
    rewrite(scratch_data / "hindsight.csv", "h-fath360-2024,f2,undercuts,disputed",
            "h-fath360-2024,f2,undercuts,confirmed")
    with pytest.raises(data.DataError, match="certainty differs"):
        hindsight.load()


def test_a_forecast_without_events_is_refused(scratch_data):
    path = scratch_data / "hindsight.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if ",iran-helps-evasion," not in line]
    assert len(kept) < len(lines)
    path.write_text("".join(kept), encoding="utf-8")
    with pytest.raises(data.DataError, match="forecasts with no event in hindsight.csv: iran-helps-evasion"):
        hindsight.load()


def test_a_forecast_needs_a_short_label(scratch_data):
    rewrite(scratch_data / "claims.csv", ",تنسيق أوثق في سوريا,", ",,")
    with pytest.raises(data.DataError, match="syria-coordination need a short label") as err:
        claims.forecasts()
    assert err.value.column == "label_ar" and err.value.row


def test_unknown_verdict_is_rejected(scratch_data):
    rewrite(scratch_data / "claims.csv", ",untested,", ",too_early,")
    with pytest.raises(data.DataError, match="'too_early' is not one of"):
        data.read_rows("claims", scratch_data)
