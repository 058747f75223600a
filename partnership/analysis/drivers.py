"""Tables and derived figures of the «drivers of cooperation» chapters (02_*).

Each function takes validated frames from :func:`partnership.data.load` and returns
either a :class:`partnership.tables.Table` or a small frame/number that a notebook
glues into its prose, so the notebooks stay a few calls long.
"""
from __future__ import annotations

import pandas as pd

from .. import data
from ..figures import tables
from ..text import labels, word, words

YEAR_END = 2020  # the last year of proved reserves in both Reviews


def _join_keys(*cells) -> str:
    """Merge ';'-separated source cells, keeping first-seen order."""
    return ";".join(data.unique_keys(cells))


def _pct(value, digits=1) -> str:
    return f"{value:.{digits}f}%"


def signed(value, digits=2) -> str:
    """'+0.10' or '-1.94' kept in left-to-right order inside Arabic text.

    In a right-to-left paragraph the bidi algorithm moves a leading sign to the far
    side of the number ('0.10+'); a left-to-right isolate (U+2066 ... U+2069) keeps it.
    """
    return f"\u2066{value:+.{digits}f}\u2069"


def against_zero(value, digits=2) -> str:
    """'0.10 فوق الصفر' / '1.94 تحت الصفر': a signed value for Arabic prose.

    Browsers do not reliably keep a leading sign beside its number inside a
    right-to-left sentence, so prose names the side of zero in words instead.
    """
    side = "above_zero" if value > 0 else "below_zero" if value < 0 else "at_zero"
    return word(f"drivers.{side}", value=f"{abs(value):.{digits}f}")


# --- gas reserves -----------------------------------------------------------------

def reserves_at(frame: pd.DataFrame, country: str, year: int = YEAR_END) -> pd.Series:
    """The row of one country (or 'Total World') in one year of a gas-reserves extract."""
    row = frame[(frame["country"] == country) & (frame["year"] == year)]
    if len(row) != 1:
        raise KeyError(f"no single row for {country} in {year}")
    return row.iloc[0]


def gas_editions(bp: pd.DataFrame, ei: pd.DataFrame, year: int = YEAR_END) -> pd.DataFrame:
    """The end-of-year top ten side by side in the two editions, with their difference."""
    a = bp[(bp["year"] == year) & bp["rank_2020"].notna()].set_index("country")
    b = ei[(ei["year"] == year) & ei["rank_2020"].notna()].set_index("country")
    if list(a.sort_values("rank_2020").index) != list(b.sort_values("rank_2020").index):
        raise ValueError("the two editions rank the top ten differently")
    both = a[["rank_2020", "reserves_tcm", "world_share_pct", "source"]].join(
        b[["reserves_tcm", "world_share_pct", "source"]].add_suffix("_ei")).sort_values("rank_2020")
    both["diff_tcm"] = (both["reserves_tcm_ei"] - both["reserves_tcm"]).abs()
    return both.reset_index()


def gas_table(bp: pd.DataFrame, ei: pd.DataFrame, caption: str, name: str) -> tables.Table:
    both = gas_editions(bp, ei)
    shown = pd.DataFrame({
        "rank": both["rank_2020"].astype(int),
        "country": both["country"].map(labels.COUNTRIES),
        "bp_tcm": both["reserves_tcm"].map(lambda v: f"{v:.1f}"),
        "bp_share": both["world_share_pct"].map(_pct),
        "ei_tcm": both["reserves_tcm_ei"].map(lambda v: f"{v:.1f}"),
        "ei_share": both["world_share_pct_ei"].map(_pct),
        "source": [_join_keys(x, y) for x, y in zip(both["source"], both["source_ei"])],
    })
    return tables.Table(shown, words("tables.gas"),
                        caption=caption, name=name, numeric={"rank", "bp_tcm", "bp_share", "ei_tcm", "ei_share"},
        widths=(8, 18, 13, 13, 13, 13, 22))


# --- Strait of Hormuz -------------------------------------------------------------

def hormuz_shares(flows: pd.DataFrame) -> pd.DataFrame:
    """EIA's flows with the two shares we compute from them (percent)."""
    out = flows.copy()
    out["share_seaborne"] = out["hormuz_mbd"] / out["seaborne_mbd"] * 100
    out["share_supply"] = out["hormuz_mbd"] / out["world_supply_mbd"] * 100
    return out


def hormuz_table(flows: pd.DataFrame, caption: str, name: str) -> tables.Table:
    out = hormuz_shares(flows)
    shown = pd.DataFrame({
        "year": out["year"].astype(int).astype(str),
        "hormuz": out["hormuz_mbd"].map(lambda v: f"{v:.1f}"),
        "seaborne": out["seaborne_mbd"].map(lambda v: f"{v:.1f}"),
        "supply": out["world_supply_mbd"].map(lambda v: f"{v:.1f}"),
        "share_seaborne": out["share_seaborne"].map(_pct),
        "share_supply": out["share_supply"].map(_pct),
        "source": out["source"],
    })
    return tables.Table(shown, words("tables.hormuz"), caption=caption, name=name,
        numeric={"hormuz", "seaborne", "supply", "share_seaborne", "share_supply"},
        widths=(8, 14, 15, 15, 14, 14, 20))


# --- Security Council vetoes ------------------------------------------------------

def veto_summary(vetoes: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """Vetoes per permanent member since 1992, and how many were on Syria."""
    rows = []
    for member, label in labels.P5.items():
        cast = vetoes[vetoes[member] == 1]
        rows.append({
            "member": label,
            "cast": len(cast),
            "syria": int((cast["crisis_topic"] == "Syria").sum()),
            "with_partner": str(int(((cast["russia"] + cast["china"]) == 2).sum())) if member in ("russia", "china") else "—",
            "source": _join_keys(*vetoes["source"].unique()),
        })
    frame = pd.DataFrame(rows)
    return tables.Table(frame, words("tables.veto_summary"),
                        caption=caption, name=name, numeric={"cast", "syria", "with_partner"},
                        widths=(22, 16, 16, 20, 26))


def russian_vetoes(vetoes: pd.DataFrame) -> pd.DataFrame:
    return vetoes[vetoes["russia"] == 1].sort_values("date").reset_index(drop=True)


def russian_veto_table(vetoes: pd.DataFrame, caption: str, name: str) -> tables.Table:
    ru = russian_vetoes(vetoes)
    shown = pd.DataFrame({
        "date": [labels.format_date(d) for d in ru["date"]],
        "draft": ru["draft"],
        "topic": ru["crisis_topic"].map(lambda t: labels.VETO_TOPICS.get(t, t)),
        "china": [word("punctuation.yes") if c == 1 else word("punctuation.no") for c in ru["china"]],
        "source": ru["source"],
    })
    return tables.Table(shown, words("tables.russian_vetoes"), caption=caption, name=name, widths=(24, 18, 18, 14, 26))


# --- UN General Assembly ideal points ---------------------------------------------

def ideal_wide(points: pd.DataFrame) -> pd.DataFrame:
    """One row per session: the three ideal points and the pairwise distances."""
    wide = points.pivot(index=["session", "year"], columns="iso3c", values="ideal_point").reset_index()
    wide["rus_irn"] = (wide["RUS"] - wide["IRN"]).abs()
    wide["rus_usa"] = (wide["RUS"] - wide["USA"]).abs()
    wide["irn_usa"] = (wide["IRN"] - wide["USA"]).abs()
    return wide


def ideal_table(points: pd.DataFrame, first_year: int, caption: str, name: str) -> tables.Table:
    wide = ideal_wide(points)
    wide = wide[wide["year"] >= first_year]
    shown = pd.DataFrame({
        "session": wide["session"].astype(int).astype(str),
        "year": [f"{y}-{str(y + 1)[-2:]}" for y in wide["year"].astype(int)],
        "usa": wide["USA"].map(signed),
        "rus": wide["RUS"].map(signed),
        "irn": wide["IRN"].map(signed),
        "rus_irn": wide["rus_irn"].map(lambda v: f"{v:.2f}"),
        "rus_usa": wide["rus_usa"].map(lambda v: f"{v:.2f}"),
        "source": _join_keys(*points["source"].unique()),
    })
    return tables.Table(shown, words("tables.ideal_points"),
                        caption=caption, name=name, numeric={"usa", "rus", "irn", "rus_irn", "rus_usa"},
        widths=(8, 10, 12, 10, 10, 13, 15, 22))


def sessions_closer_to_iran(points: pd.DataFrame, first_year: int) -> tuple[int, int, int]:
    """From first_year on: sessions in which Russia sat nearer Iran than the US, of how many,
    and the first year from which that held in every session."""
    wide = ideal_wide(points)
    wide = wide[wide["year"] >= first_year]
    closer = wide["rus_irn"] < wide["rus_usa"]
    since = None
    for year, flag in zip(wide["year"][::-1], closer[::-1]):
        if not flag:
            break
        since = int(year)
    return int(closer.sum()), len(wide), since


# --- UNHCR: Afghans in Iran -------------------------------------------------------

STOCKS = ["refugees", "asylum_seekers", "ooc", "oip"]


def unhcr_total(frame: pd.DataFrame) -> pd.Series:
    """Afghans in Iran in UNHCR's stock categories, by year (oip counted as 0 when empty)."""
    return frame.set_index("year")[STOCKS].fillna(0).sum(axis=1)


def unhcr_table(frame: pd.DataFrame, first_year: int, caption: str, name: str) -> tables.Table:
    rows = frame[frame["year"] >= first_year].reset_index(drop=True)
    total = unhcr_total(rows).to_numpy()
    shown = pd.DataFrame({
        "year": rows["year"].astype(int).astype(str),
        **{c: [("—" if pd.isna(v) else f"{int(v):,}") for v in rows[c]] for c in STOCKS},
        "total": [f"{int(v):,}" for v in total],
        "returned_refugees": [f"{int(v):,}" for v in rows["returned_refugees"]],
        "source": rows["source"],
    })
    heads = words("tables.unhcr")
    return tables.Table(shown, {
        "year": heads["year"],
        **{c: labels.UNHCR[c] for c in STOCKS},
        "total": heads["total"],
        "returned_refugees": labels.UNHCR["returned_refugees"],
        "source": heads["source"],
    }, caption=caption, name=name, numeric={*STOCKS, "total", "returned_refugees"},
        widths=(7, 14, 9, 10, 12, 12, 14, 22))


# --- Shah Cheragh, SWIFT, NATO ----------------------------------------------------

def tolls_table(tolls: pd.DataFrame, caption: str, name: str) -> tables.Table:
    rows = tolls.sort_values("order").reset_index(drop=True)
    shown = pd.DataFrame({
        "who": rows["reported_by_ar"],
        "deaths": [str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in zip(rows["deaths_low"], rows["deaths_high"])],
        "when": [labels.format_date(d, p) for d, p in zip(rows["reported_on"], rows["date_precision"])],
        "note": rows["note_ar"],
        "source": rows["source"],
    })
    return tables.Table(shown, words("tables.tolls"),
                        caption=caption, name=name, numeric={"deaths"}, widths=(28, 8, 18, 24, 22))


def swift_table(bans: pd.DataFrame, caption: str, name: str) -> tables.Table:
    rows = bans.sort_values(["decided", "bank_en"]).reset_index(drop=True)
    shown = pd.DataFrame({
        "bank_ar": rows["bank_ar"],
        "bank_en": rows["bank_en"],
        "country": rows["country_ar"],
        "decided": [labels.format_date(d) for d in rows["decided"]],
        "in_force": [labels.format_date(d) for d in rows["in_force"]],
        "source": rows["source"],
    })
    return tables.Table(shown, words("tables.swift"), caption=caption, name=name, widths=(20, 20, 10, 16, 16, 18))


def nato_members(accessions: pd.DataFrame) -> pd.DataFrame:
    """Members after each enlargement: date, number joining, running total, who joined."""
    grouped = accessions.groupby("date").agg(
        joined=("country_ar", "size"), names=("country_ar", labels.listed)).reset_index()
    grouped["members"] = grouped["joined"].cumsum()
    return grouped


def nato_table(accessions: pd.DataFrame, caption: str, name: str) -> tables.Table:
    rows = accessions.sort_values(["date", "country_ar"]).reset_index(drop=True)
    shown = pd.DataFrame({
        "country": rows["country_ar"],
        "country_en": rows["country_en"],
        "date": [labels.format_date(d) for d in rows["date"]],
        "source": rows["source"],
    })
    return tables.Table(shown, words("tables.nato"), caption=caption, name=name, widths=(22, 22, 26, 30))
