"""The closing chapter's tables: the report's judgements scored against later events.

Three tables work together.  ``scorecard`` holds one row per judgement or forecast of
the report with our verdict in hindsight; ``hindsight`` links each dated event of
``events`` (topic ``hindsight``) to the items it bears on, with how firmly the event
is established; ``currency_share`` holds officials' stated shares of roubles and rials
in the two countries' trade.  :func:`check` enforces what the loader cannot: that the
links point at real rows and that an event has one certainty wherever it appears.
"""
from __future__ import annotations

import pandas as pd

from .. import data
from ..data import location
from ..figures import tables
from ..text import labels, word, words

VERDICTS = words("hindsight.verdicts")
BEARINGS = words("hindsight.bearings")
CERTAINTY = words("hindsight.certainty")
BOUNDS = words("hindsight.bounds")


def check(events: pd.DataFrame, scorecard: pd.DataFrame, links: pd.DataFrame,
          claims: pd.DataFrame) -> None:
    """Raise :class:`data.DataError` if a link or a claim id points nowhere, or certainty varies."""
    path = location.directory() / "hindsight.csv"
    hindsight_events = set(events.loc[events["topic"] == "hindsight", "event_id"])
    for row, (event, item) in enumerate(zip(links["event_id"], links["item_id"]), start=2):
        if event not in hindsight_events:
            raise data.DataError(path, f"'{event}' is not an event of topic hindsight in events.csv",
                                 row=row, column="event_id")
        if item not in set(scorecard["item_id"]):
            raise data.DataError(path, f"'{item}' is not an item of scorecard.csv", row=row, column="item_id")
    varying = links.groupby("event_id")["certainty"].nunique()
    if (varying > 1).any():
        raise data.DataError(path, f"certainty differs between rows of {', '.join(varying[varying > 1].index)}",
                             column="certainty")
    unknown = set(scorecard["claim_id"]) - set(claims["claim_id"])
    if unknown:
        raise data.DataError(location.directory() / "scorecard.csv",
                             f"claim_id not in claims.csv: {', '.join(sorted(unknown))}", column="claim_id")
    unlinked = set(scorecard["item_id"]) - set(links["item_id"])
    if unlinked:
        raise data.DataError(location.directory() / "scorecard.csv",
                             f"items with no event in hindsight.csv: {', '.join(sorted(unlinked))}",
                             column="item_id")


def load() -> dict:
    """The chapter's frames, checked against each other.

    ``events`` are the linked events in date order, numbered from 1 (the numbers
    the timeline chart prints), with their certainty; ``links`` carry each event's
    number and date; ``scorecard`` keeps the report's order and gains its Arabic verdict.
    """
    events = data.load("events")
    scorecard = data.load("scorecard")
    links = data.load("hindsight")
    check(events, scorecard, links, data.load("claims"))
    certainty = links.groupby("event_id")["certainty"].first()
    chosen = events[events["event_id"].isin(certainty.index)]
    chosen = chosen.sort_values(["date", "event_id"]).reset_index(drop=True)
    chosen["number"] = range(1, len(chosen) + 1)
    chosen["certainty"] = chosen["event_id"].map(certainty)
    chosen["certainty_ar"] = chosen["certainty"].map(CERTAINTY)
    links = links.merge(chosen[["event_id", "number", "date", "date_precision"]], on="event_id")
    scorecard = scorecard.assign(verdict_ar=scorecard["verdict"].map(VERDICTS))
    return {"events": chosen, "links": links, "scorecard": scorecard,
            "shares": data.load("currency_share")}


def events_table(events: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """The numbered list of events since the report, with how firmly each is established."""
    shown = events.assign(
        date=[labels.format_date(d, p) for d, p in zip(events["date"], events["date_precision"])],
        number=events["number"].astype(str),
    )
    return tables.Table(shown, words("tables.hindsight_events"),
                        caption=caption, name=name, widths=(5, 12, 38, 10, 20, 15))


def event_numbers(links: pd.DataFrame, item: str) -> str:
    """«3، 7، 12»: the numbers of the events linked to one scorecard item."""
    numbers = sorted(links.loc[links["item_id"] == item, "number"])
    return labels.listed(numbers)


def scorecard_table(scorecard: pd.DataFrame, links: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """Each judgement or forecast, what happened, our verdict and the events behind it."""
    shown = scorecard.assign(
        events=[event_numbers(links, item) for item in scorecard["item_id"]],
        line=scorecard["seed_line"].astype(str),
    )
    return tables.Table(shown, words("tables.scorecard"), caption=caption, name=name, widths=(5, 22, 41, 9, 8, 15))


def verdict_counts(scorecard: pd.DataFrame) -> dict:
    """How many items got each verdict, every verdict present (zero if unused)."""
    counts = scorecard["verdict"].value_counts()
    return {verdict: int(counts.get(verdict, 0)) for verdict in VERDICTS}


def verdict_tally(counts: dict) -> str:
    """«صدق 6 بنود، وصدق جزئياً 3 بنود، …، ومن المبكر الحكم على بند واحد»: the
    verdicts a reader reads in a sentence, each count with its noun, none that is zero."""
    clauses = [word(f"hindsight.tally.{verdict}", count=labels.counted(n, "item"),
                    count_genitive=labels.counted(n, "item", genitive=True))
               for verdict, n in counts.items() if n]
    return word("punctuation.and_list").join(clauses)


def shares_table(shares: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """Officials' stated shares of national currencies, as said, with who said it."""
    shown = shares.assign(
        date=[labels.format_date(d, p) for d, p in zip(shares["date"], shares["date_precision"])],
        share=[f"{BOUNDS[b]} {v:.0f}%" for b, v in zip(shares["bound"], shares["share_pct"])],
    )
    return tables.Table(shown, words("tables.shares"), caption=caption, name=name, widths=(16, 12, 16, 24, 18, 14))
