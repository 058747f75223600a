"""The closing chapter's tables: the report's forecasts against later events.

The chapter judges nothing itself. ``hindsight`` links each dated event of ``events``
(topic ``hindsight``) to a claim of the register it bears on, with how it bears and how
firmly the event is established. A forecast's verdict is the register's, which judges
it against these events; a description keeps the verdict the register gives it for
early 2023, and its later events are shown, not scored. ``currency_share`` holds
officials' stated shares of roubles and rials in the two countries' trade.
:func:`check` enforces what the loader cannot: that the links point at real rows, that
an event has one certainty wherever it appears, and that every forecast has an event.
"""
from __future__ import annotations

import pandas as pd

from .. import data
from ..data import location
from ..figures import tables
from ..text import labels, word, words
from . import claims as register

BEARINGS = words("hindsight.bearings")
CERTAINTY = words("hindsight.certainty")
BOUNDS = words("hindsight.bounds")


def check(events: pd.DataFrame, links: pd.DataFrame, claims: pd.DataFrame) -> None:
    """Raise :class:`data.DataError` if a link points nowhere, certainty varies, or a forecast has no event."""
    path = location.directory() / "hindsight.csv"
    hindsight_events = set(events.loc[events["topic"] == "hindsight", "event_id"])
    known = set(claims["claim_id"])
    for row, (event, claim) in enumerate(zip(links["event_id"], links["claim_id"]), start=2):
        if event not in hindsight_events:
            raise data.DataError(path, f"'{event}' is not an event of topic hindsight in events.csv",
                                 row=row, column="event_id")
        if claim not in known:
            raise data.DataError(path, f"'{claim}' is not a claim of claims.csv", row=row, column="claim_id")
    varying = links.groupby("event_id")["certainty"].nunique()
    if (varying > 1).any():
        raise data.DataError(path, f"certainty differs between rows of {', '.join(varying[varying > 1].index)}",
                             column="certainty")
    untested = set(claims.loc[claims["kind"] == "forecast", "claim_id"]) - set(links["claim_id"])
    if untested:
        raise data.DataError(location.directory() / "claims.csv",
                             f"forecasts with no event in hindsight.csv: {', '.join(sorted(untested))}",
                             column="claim_id")


def load() -> dict:
    """The chapter's frames, checked against each other and the register.

    ``events`` are the linked events in date order, numbered from 1 (the numbers the
    charts print), with their certainty; ``links`` carry each event's number and date
    and the kind of the claim it bears on; ``forecasts`` are the register's forecasts in
    the report's order, each verdict a mark from the register.
    """
    events = data.load("events")
    links = data.load("hindsight")
    claims = register.register()
    check(events, links, claims)
    certainty = links.groupby("event_id")["certainty"].first()
    chosen = events[events["event_id"].isin(certainty.index)]
    chosen = chosen.sort_values(["date", "event_id"]).reset_index(drop=True)
    chosen["number"] = range(1, len(chosen) + 1)
    chosen["certainty"] = chosen["event_id"].map(certainty)
    chosen["certainty_ar"] = chosen["certainty"].map(CERTAINTY)
    links = links.merge(chosen[["event_id", "number", "date", "date_precision"]], on="event_id")
    links = links.merge(claims[["claim_id", "kind"]], on="claim_id")
    return {"events": chosen, "links": links, "forecasts": register.forecasts(claims),
            "descriptions": claims[claims["claim_id"].isin(links.loc[links["kind"] != "forecast", "claim_id"])]
            .sort_values(["seed_line", "claim_id"]).reset_index(drop=True),
            "shares": data.load("currency_share")}


def events_table(events: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """The numbered list of events since the report, with how firmly each is established."""
    shown = events.assign(
        date=[labels.format_date(d, p) for d, p in zip(events["date"], events["date_precision"])],
        number=events["number"].astype(str),
    )
    return tables.Table(shown, words("tables.hindsight_events"),
                        caption=caption, name=name, widths=(5, 12, 38, 10, 20, 15))


def event_numbers(links: pd.DataFrame, claim: str) -> str:
    """«3، 7، 12»: the numbers of the events linked to one claim."""
    return labels.listed(sorted(links.loc[links["claim_id"] == claim, "number"]))


def forecasts_table(forecasts: pd.DataFrame, links: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """Each forecast, what happened, the register's verdict and the events behind it."""
    shown = forecasts.assign(
        events=[event_numbers(links, claim) for claim in forecasts["claim_id"]],
        line=forecasts["seed_line"].astype(str),
    )
    return tables.Table(shown, words("tables.forecasts"), caption=caption, name=name, widths=(5, 22, 41, 9, 8, 15))


def bearing_summary(links: pd.DataFrame, claim: str) -> str:
    """«يؤيده حدثان، ويخالفه حدث واحد»: how a claim's later events bear on it, none that is zero."""
    counts = links.loc[links["claim_id"] == claim, "bearing"].value_counts()
    return word("punctuation.and_list").join(
        word(f"hindsight.bearing_counts.{b}", count=labels.counted(int(counts[b]), "event"))
        for b in BEARINGS if counts.get(b, 0))


def descriptions_table(descriptions: pd.DataFrame, links: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """Descriptions of early 2023 with their register verdicts and, unscored, their later events."""
    shown = descriptions.assign(
        line=descriptions["seed_line"].astype(str),
        events=[event_numbers(links, claim) for claim in descriptions["claim_id"]],
        bearings=[bearing_summary(links, claim) for claim in descriptions["claim_id"]],
    )
    return tables.Table(shown, words("tables.descriptions"), caption=caption, name=name, widths=(6, 40, 14, 14, 26))


def shares_table(shares: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """Officials' stated shares of national currencies, as said, with who said it."""
    shown = shares.assign(
        date=[labels.format_date(d, p) for d, p in zip(shares["date"], shares["date_precision"])],
        share=[f"{BOUNDS[b]} {v:.0f}%" for b, v in zip(shares["bound"], shares["share_pct"])],
    )
    return tables.Table(shown, words("tables.shares"), caption=caption, name=name, widths=(16, 12, 16, 24, 18, 14))
