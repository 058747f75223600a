"""United Nations sources: General Assembly ideal points, UNHCR refugee statistics, Security Council vetoes."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

IDEAL_COUNTRIES = {2: "USA", 365: "RUS", 630: "IRN"}


def unga_ideal_points(raw: Path) -> pd.DataFrame:
    """UN General Assembly ideal points of the United States, Russia and Iran, by session.

    Bailey, Strezhnev & Voeten's estimates from all roll-call votes (``IdealPointAll``)
    with the 5% and 95% quantiles of their uncertainty. ``year`` is the calendar year
    in which the session opened (1945 + session). Session 19 (1964-65) held no recorded
    votes and is absent from the source.
    """
    points = pd.read_csv(raw)
    points = points[points["ccode"].isin(IDEAL_COUNTRIES)].copy()
    if (points["iso3c"] != points["ccode"].map(IDEAL_COUNTRIES)).any():
        raise ValueError(f"{raw}: ccode and iso3c disagree")
    out = pd.DataFrame({
        "iso3c": points["iso3c"],
        "session": points["session"].astype(int),
        "year": (1945 + points["session"]).astype(int),
        "votes": points["NVotesAll"].astype(int),
        "ideal_point": points["IdealPointAll"].round(4),
        "q05": points["Q5%All"].round(4),
        "q95": points["Q95%All"].round(4),
        "source": "bailey2017ideal;voeten2023ungavotes",
    })
    return out.sort_values(["iso3c", "session"])


UNHCR_KEPT = ["refugees", "asylum_seekers", "ooc", "oip", "returned_refugees"]
UNHCR_ZERO = ["idps", "returned_idps", "stateless", "hst"]


def unhcr_afghans_iran(raw: Path) -> pd.DataFrame:
    """Afghans in Iran in UNHCR's population statistics, by year and category.

    Rows with ``coo_iso == "AFG"`` and ``coa_iso == "IRN"``. The stock categories
    (refugees, asylum-seekers, others of concern, other people in need of international
    protection) and the year's returned refugees are kept; IDPs, returned IDPs,
    stateless persons and host community are zero in every year and are checked, not
    kept. ``oip`` is empty in the years before UNHCR used that category.
    """
    population = pd.read_csv(raw)
    rows = population[(population["coo_iso"] == "AFG") & (population["coa_iso"] == "IRN")]
    if rows["year"].duplicated().any():
        raise ValueError(f"{raw}: more than one AFG->IRN row for a year")
    if rows[UNHCR_ZERO].fillna(0).abs().to_numpy().sum() != 0:
        raise ValueError(f"{raw}: a dropped category ({', '.join(UNHCR_ZERO)}) is not zero")
    out = rows[["year", *UNHCR_KEPT]].copy()
    for column in UNHCR_KEPT:
        out[column] = out[column].round().astype("Int64")
    out["source"] = "unhcr2025refugees"
    return out.sort_values("year")


P5 = ["Russia", "China", "USA", "UK", "France"]


def unsc_vetoes(raw: Path) -> pd.DataFrame:
    """Vetoed draft resolutions of the UN Security Council from 1992 to September 2022.

    From 1992 on, so that ``Russia`` means the Russian Federation (the USSR's vetoes,
    1946-1991, are in the source but not here). One row per draft; one 0/1 column per
    permanent member; ``crisis_topic`` and ``region`` as the source codes them.
    """
    vetoes = pd.read_csv(raw)
    vetoes["date"] = pd.to_datetime(vetoes["date"], format="%m/%d/%Y")
    vetoes = vetoes[vetoes["date"] >= "1992-01-01"].copy()
    if (vetoes["USSR"] != 0).any():
        raise ValueError(f"{raw}: a USSR veto after 1991")
    if vetoes["draft"].duplicated().any():
        raise ValueError(f"{raw}: a draft appears twice")
    out = pd.DataFrame({
        "draft": vetoes["draft"],
        "date": vetoes["date"].dt.strftime("%Y-%m-%d"),
        "crisis_topic": vetoes["crisis_topic"],
        "region": vetoes["region"],
        **{member.lower(): vetoes[member].astype(int) for member in P5},
        "source": "yordan2022vetoes;unlibrary2022vetoes",
    })
    return out.sort_values("date")
