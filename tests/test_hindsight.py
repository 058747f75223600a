"""The hindsight chapter's tables agree with each other and with the claims register."""
from __future__ import annotations

import pytest

from partnership import data
from partnership.analysis import hindsight
from conftest import rewrite


def test_committed_hindsight_tables_are_consistent():
    frames = hindsight.load()
    assert len(frames["events"]) == frames["events"]["event_id"].nunique()
    assert list(frames["events"]["number"]) == list(range(1, len(frames["events"]) + 1))
    assert set(frames["scorecard"]["verdict_ar"]) <= set(hindsight.VERDICTS.values())


def test_every_hindsight_event_is_scored():
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


def test_link_to_unknown_event(scratch_data):
    rewrite(scratch_data / "hindsight.csv", "h-rasht-astara-2023,", "h-no-such-event,")
    with pytest.raises(data.DataError, match="h-no-such-event"):
        hindsight.load()


def test_link_to_unknown_item(scratch_data):
    rewrite(scratch_data / "hindsight.csv", ",s-no-institutions,", ",s-no-such-item,")
    with pytest.raises(data.DataError, match="s-no-such-item"):
        hindsight.load()


def test_certainty_must_agree_across_an_events_rows(scratch_data):
    rewrite(scratch_data / "hindsight.csv", "h-fath360-2024,s-goals,supports,disputed",
            "h-fath360-2024,s-goals,supports,confirmed")
    with pytest.raises(data.DataError, match="certainty differs"):
        hindsight.load()


def test_scorecard_claim_must_exist(scratch_data):
    rewrite(scratch_data / "scorecard.csv", "s-goals,j2,", "s-goals,j99,")
    with pytest.raises(data.DataError, match="j99"):
        hindsight.load()


def test_unknown_verdict_is_rejected(scratch_data):
    rewrite(scratch_data / "scorecard.csv", ",too_early,", ",maybe,")
    with pytest.raises(data.DataError, match="'maybe' is not one of"):
        data.read_rows("scorecard", scratch_data)
