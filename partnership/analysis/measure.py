"""The book's own measure of the relationship, year by year, 1991–2026 (chapter ch-measure).

Six indicators, each from a table of ``data/`` and nothing else:

* ``arms``: SIPRI trend-indicator value delivered in both directions (the extract covers
  deals with deliveries or orders from 2000 on, so 1991–1999 is *not covered*, not zero);
* ``unga``: distance between the two states' UN General Assembly ideal points (smaller is
  nearer), to the last session the data set holds;
* ``council``: Russia's votes in the Security Council on texts about Iran, +1 with Iran's
  side and −1 against it (an abstention counts 0);
* ``visits``: meetings of the two heads of state;
* ``agreements``: agreements between the states signed and not known to have ended;
* ``trade``: bilateral trade in goods, US$ billion, only in the years a source gives.

Each indicator is scaled to 0–1 over the years it covers (distance turned round, so 1 is
always "closer"); the composite is their weighted mean over the indicators a year has,
and is drawn only for years with at least :data:`MIN_INDICATORS`. The weights are stated
in :data:`WEIGHTS` and the chapter prints them; :func:`sensitivity` shows how the ranking
of the periods moves when they change.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..data import load, unique_keys
from ..figures import tables
from ..text import labels, word, words
from ..text.labels import counted

FIRST, LAST = 1991, 2026
INDICATORS = ("arms", "unga", "council", "visits", "agreements", "trade")
# Equal weights: the literature gives no ground for ranking one strand above another, and
# unequal weights would be a judgement the chapter could not source. sensitivity() tests it.
WEIGHTS = {name: 1.0 for name in INDICATORS}
MIN_INDICATORS = 4  # a year measured by fewer strands than this gets no composite
# The periods the chapter compares: each starts with a turn named in the book's timelines.
PERIODS = ((1991, 1999, "yeltsin"), (2000, 2005, "return"), (2006, 2012, "sanctions"),
           (2013, 2021, "jcpoa_syria"), (2022, 2026, "ukraine"))
REPORT_YEAR = 2022  # the last full year the report saw (it was written early in 2023)
MOMENT = REPORT_YEAR + 0.6  # where the charts draw the report's writing: early 2023, between the bars
TICKS = [first for first, _, _ in PERIODS] + [LAST]
# The tables each indicator is read from, by the argument names of indicators().
TABLES = {"arms": "sipri_arms", "points": "unga_ideal_points", "resolutions": "unsc_iran",
          "votes": "unsc_iran_votes", "visits": "visits", "agreements": "agreements", "trade": "trade"}
LEAN = 5.0  # TIV (millions) below which a year of deliveries counts as lean; the catalogue's sentences say 5
SEED = 2023  # random weights in sensitivity(): a fixed draw, so the chapter reads the same each run


def _years() -> pd.Index:
    return pd.RangeIndex(FIRST, LAST + 1, name="year")


def arms_by_year(arms: pd.DataFrame) -> pd.Series:
    """TIV delivered Russia→Iran plus Iran→Russia; NaN outside the extract's years."""
    pair = arms[((arms["supplier"] == "Russia") & (arms["recipient"] == "Iran"))
                | ((arms["supplier"] == "Iran") & (arms["recipient"] == "Russia"))]
    covered = range(2000, int(arms["delivery_year"].max()) + 1)
    totals = pair.groupby("delivery_year")["tiv_delivered"].sum().astype(float)
    return totals.reindex(covered, fill_value=0.0).reindex(_years())


def unga_distance(points: pd.DataFrame) -> pd.Series:
    """|Russia − Iran| in ideal points, by the calendar year of each session."""
    wide = points.pivot(index="year", columns="iso3c", values="ideal_point").astype(float)
    return (wide["RUS"] - wide["IRN"]).abs().reindex(_years())


def council_votes(resolutions: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """Every Council vote on a text about Iran, in date order, with Russia's vote scored:
    +1 with Iran's side, -1 against it, 0 for an abstention.

    An adopted resolution of ``unsc_iran`` that lifted sanctions was on Iran's side; one that
    imposed them, or demanded a halt under threat of them, was against it. ``unsc_iran_votes``
    holds the other texts (vetoed and failed drafts, and resolutions after 2015).
    """
    adopted = resolutions.assign(iran_side=["for" if s == "lifted" else "against" for s in resolutions["sanctions"]])
    both = pd.concat([adopted, votes], ignore_index=True)
    sides = {"yes": 1, "abstain": 0, "no": -1}
    return both.assign(score=[sides[v] * (1 if side == "for" else -1)
                              for v, side in zip(both["russia_vote"], both["iran_side"])]
                       ).sort_values("date", kind="stable").reset_index(drop=True)


def council_score(resolutions: pd.DataFrame, votes: pd.DataFrame) -> pd.Series:
    """Russia's net stance on Iran in the Council, by year (0 in a year with no vote on Iran)."""
    scored = council_votes(resolutions, votes)
    return scored.groupby(scored["date"].dt.year)["score"].sum().astype(float).reindex(_years(), fill_value=0.0)


def visits_by_year(visits: pd.DataFrame) -> pd.Series:
    return visits.groupby(visits["date"].dt.year).size().astype(float).reindex(_years(), fill_value=0.0)


def agreements_standing(agreements: pd.DataFrame) -> pd.Series:
    """How many agreements between the states stood on 31 December of each year: signed,
    and not known to have ended. (Few sources give a date of entry into force, so signing
    is the date the book can count from; company contracts are left out.)"""
    states = agreements[agreements["kind"] != "company"]

    def count(year):
        end = pd.Timestamp(year=year, month=12, day=31)
        live = (states["signed"] <= end) & (states["ended"].isna() | (states["ended"] > end))
        return float(live.sum())
    return pd.Series([count(y) for y in _years()], index=_years())


def trade_by_year(trade: pd.DataFrame) -> pd.Series:
    """The mean of the figures reported for each year (two reporters may differ)."""
    return trade.groupby("year")["trade_usd_bn"].mean().astype(float).reindex(_years())


def indicators(arms, points, resolutions, votes, visits, agreements, trade) -> pd.DataFrame:
    """The six raw indicators, one column each, one row per year 1991–2026 (NaN: not covered)."""
    return pd.DataFrame({
        "arms": arms_by_year(arms),
        "unga": unga_distance(points),
        "council": council_score(resolutions, votes),
        "visits": visits_by_year(visits),
        "agreements": agreements_standing(agreements),
        "trade": trade_by_year(trade),
    })


def build() -> tuple[pd.DataFrame, list[str]]:
    """The raw indicators from the validated tables, and every source key they rest on."""
    frames = {arg: load(table) for arg, table in TABLES.items()}
    arms = frames["arms"]
    frames["arms"] = arms[arms["supplier"].isin(["Russia", "Iran"]) & arms["recipient"].isin(["Russia", "Iran"])]
    return indicators(**frames), unique_keys(cell for frame in frames.values() for cell in frame["source"])


def scaled(raw: pd.DataFrame) -> pd.DataFrame:
    """Each indicator to 0–1 over the years it covers; the UN distance turned round."""
    low, high = raw.min(), raw.max()
    out = (raw - low) / (high - low)
    out["unga"] = 1 - out["unga"]
    return out


def composite(scaled_: pd.DataFrame, weights: dict = None) -> pd.Series:
    """Weighted mean over the indicators each year has; NaN below MIN_INDICATORS."""
    w = pd.Series(weights or WEIGHTS, dtype=float).reindex(scaled_.columns).fillna(0.0)
    present = scaled_.notna()
    total = (scaled_.fillna(0.0) * w).sum(axis=1) / (present * w).sum(axis=1).replace(0, np.nan)
    return total.where(present.sum(axis=1) >= MIN_INDICATORS)


def period_of(year: int) -> str:
    for first, last, name in PERIODS:
        if first <= year <= last:
            return name
    raise ValueError(f"{year} is in no period")


def period_means(series: pd.Series) -> pd.Series:
    """The mean of a yearly series over each period's measured years, in period order."""
    groups = series.dropna().groupby(lambda year: period_of(year)).mean()
    return groups.reindex([name for _, _, name in PERIODS])


def _ranks(means: pd.Series) -> pd.Series:
    return means.rank(ascending=False, method="min")


def leave_one_out(scaled_: pd.DataFrame) -> pd.DataFrame:
    """The composite recomputed with each indicator left out in turn, one column each."""
    return pd.DataFrame({name: composite(scaled_, {**WEIGHTS, name: 0.0}) for name in INDICATORS})


def sensitivity(scaled_: pd.DataFrame, draws: int = 2000) -> pd.DataFrame:
    """How each period ranks under the stated weights, with each indicator left out in turn,
    and under ``draws`` random weightings (uniform on the simplex, a fixed seed)."""
    base = _ranks(period_means(composite(scaled_)))
    out = pd.DataFrame({"equal": base})
    for name, series in leave_one_out(scaled_).items():
        out[f"without_{name}"] = _ranks(period_means(series))
    rng = np.random.default_rng(SEED)
    random_ranks = pd.DataFrame([_ranks(period_means(composite(scaled_, dict(zip(INDICATORS, w)))))
                                 for w in rng.dirichlet(np.ones(len(INDICATORS)), size=draws)])
    out["best_rank"] = random_ranks.min()
    out["worst_rank"] = random_ranks.max()
    out["share_first"] = (random_ranks == 1).mean()
    out["share_same"] = (random_ranks == base).mean()
    return out


def coverage(raw: pd.DataFrame) -> dict:
    """Each indicator's first and last measured year and how many years it measures."""
    return {name: (int(col.first_valid_index()), int(col.last_valid_index()), int(col.notna().sum()))
            for name, col in raw.items()}


def _rank_range(ranks: pd.Series) -> str:
    best, worst = int(ranks.min()), int(ranks.max())
    return str(best) if best == worst else word("punctuation.from_to", first=best, last=worst)


# --- what the chapter shows ---------------------------------------------------------------

def weights_table(raw: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """Each indicator: what it counts, the years it covers, its weight, and the criterion it informs."""
    names, units, criteria = words("measure.indicators"), words("measure.units"), words("measure.criteria")
    spans = coverage(raw)
    frame = pd.DataFrame({
        "indicator": [names[n] for n in INDICATORS],
        "unit": [units[n] for n in INDICATORS],
        "years": [word("measure.span", first=spans[n][0], last=spans[n][1], n=counted(spans[n][2], "year")) for n in INDICATORS],
        "weight": [f"{WEIGHTS[n] / sum(WEIGHTS.values()):.0%}" for n in INDICATORS],
        "criterion": [criteria[n] for n in INDICATORS],
    })
    return tables.Table(frame, words("tables.measure_weights"), caption=caption, name=name, widths=(20, 30, 18, 10, 22))


def periods_table(scaled_: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """Each period: its mean composite and rank under the stated weights, and how the rank moves."""
    periods = words("measure.periods")
    means = period_means(composite(scaled_))
    table = sensitivity(scaled_)
    frame = pd.DataFrame({
        "period": [word("measure.period", name=periods[n], first=a, last=b) for a, b, n in PERIODS],
        "mean": [f"{means[n]:.2f}" for _, _, n in PERIODS],
        "rank": [f"{int(table.loc[n, 'equal'])}" for _, _, n in PERIODS],
        "left_out": [_rank_range(table.loc[n, [f"without_{i}" for i in INDICATORS]]) for _, _, n in PERIODS],
        "random": [_rank_range(table.loc[n, ["best_rank", "worst_rank"]]) for _, _, n in PERIODS],
        "share_same": [f"{table.loc[n, 'share_same']:.0%}" for _, _, n in PERIODS],
    })
    return tables.Table(frame, words("tables.measure_periods"), caption=caption, name=name,
                        numeric={"mean", "rank", "share_same"}, widths=(26, 12, 10, 17, 17, 18))


# The criteria of ch-tactical that an indicator can measure; the others (no serious
# disputes, shared values) no series of the book measures.
CRITERIA = {"trust": ("council", "arms"), "interests": ("council",), "coordination": ("unga", "visits"),
            "economy": ("trade",), "durability": ("agreements", "arms")}


def readings(raw: pd.DataFrame) -> dict:
    """What the measure says of each criterion it informs, as of the report's writing:
    one sentence per indicator, from the years up to REPORT_YEAR."""
    before = raw.loc[:REPORT_YEAR]
    last, earlier = before.loc[REPORT_YEAR], before.loc[:REPORT_YEAR - 1]
    arms = before["arms"].dropna()
    trade = before["trade"].dropna()
    votes = before["council"]
    texts = {
        "council": word("measure.reading.council", against=counted(int(-votes[votes < 0].sum()), "time"),
                        support=counted(int(votes[votes > 0].sum()), "time")),
        "arms": word("measure.reading.arms", lean=int((arms < LEAN).sum()), n=counted(len(arms), "year", genitive=True),
                     first=int(arms.index[0]),
                     last=int(arms.index[-1]), peak=int(arms.idxmax())),
        "unga": word("measure.reading.unga", value=f"{last['unga']:.2f}", year=REPORT_YEAR,
                     mean=f"{earlier['unga'].mean():.2f}", first=FIRST, before=REPORT_YEAR - 1),
        "visits": word("measure.reading.visits", value=counted(int(last["visits"]), "meeting"), year=REPORT_YEAR,
                       mean=f"{earlier['visits'].mean():.1f}", first=FIRST, before=REPORT_YEAR - 1),
        "trade": word("measure.reading.trade", value=f"{trade.iloc[-1]:.1f}", year=int(trade.index[-1]),
                      mean=f"{trade.iloc[:-1].mean():.1f}"),
        "agreements": word("measure.reading.agreements", value=int(last["agreements"]), year=REPORT_YEAR,
                           then=int(before.loc[2000, "agreements"])),
    }
    return {criterion: word("punctuation.sentences").join(texts[name] for name in names)
            for criterion, names in CRITERIA.items()}


def criteria_table(criteria: pd.DataFrame, raw: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """The criteria of ch-tactical that the measure informs: our judgement beside what it measures."""
    from .tactical import JUDGEMENTS

    found = readings(raw)
    rows = criteria[criteria["criterion_id"].isin(list(found))].sort_values("position")
    missing = set(found) - set(rows["criterion_id"])
    if missing:
        raise KeyError(f"criteria.csv has no criterion {sorted(missing)} that measure.CRITERIA names")
    names = words("measure.indicators")
    shown = rows.assign(
        ours=rows["our_judgement"].map(JUDGEMENTS),
        indicators=[word("punctuation.list").join(names[i] for i in CRITERIA[c]) for c in rows["criterion_id"]],
        reading=[found[c] for c in rows["criterion_id"]],
    )
    return tables.Table(shown, words("tables.measure_criteria"), caption=caption, name=name, widths=(18, 12, 22, 48))


def facts(raw: pd.DataFrame, draws: int = 2000) -> dict:
    """The numbers the chapter's prose quotes, each computed here rather than typed there."""
    scaled_ = scaled(raw)
    main = composite(scaled_).dropna()
    variants = leave_one_out(scaled_)
    steps = main.diff().dropna()
    arms = raw["arms"].loc[:REPORT_YEAR].dropna()
    table = sensitivity(scaled_, draws=draws)
    top = int(main.idxmax())
    everywhere = all(int(variants[name].idxmax()) == top for name in INDICATORS)
    visits = load("visits")
    return {
        "n_visits": len(visits),
        "n_announced": counted(int((visits["basis"] == "announced").sum()), "meeting"),
        "n_agreements": len(load("agreements")),
        "n_trade_years": counted(int(raw["trade"].notna().sum()), "year"),
        "arms_lean": word("measure.of", part=int((arms < LEAN).sum()), whole=counted(len(arms), "year", genitive=True)),
        "trade_max": f"{raw['trade'].max():.1f}",
        "min_indicators": counted(MIN_INDICATORS, "indicator", genitive=True),
        "last_composite": int(main.index.max()),
        "report_year": REPORT_YEAR,
        "top_year": top,
        "top_value": f"{main.max():.2f}",
        "top_everywhere": word("measure.everywhere" if everywhere else "measure.not_everywhere"),
        "n_falls": int((steps < 0).sum()),
        "n_changes": len(steps),
        "draws": str(draws),
        "ukraine_first": f"{table.loc['ukraine', 'share_first']:.0%}",
    }


# --- the tables the measure is built from, each row with its sources ---------------------

def _date(value, precision="day") -> str:
    return "" if pd.isna(value) else labels.format_date(value, precision)


def visits_table(caption: str, name: str) -> tables.Table:
    visits = load("visits")
    kinds, bases = words("measure.visit_kinds"), words("measure.bases")
    shown = visits.assign(when=[_date(d, p) for d, p in zip(visits["date"], visits["date_precision"])],
                          kind_ar=visits["kind"].map(kinds), basis_ar=visits["basis"].map(bases))
    return tables.Table(shown, words("tables.measure_visits"), caption=caption, name=name, widths=(14, 30, 20, 14, 10, 12))


def agreements_table(caption: str, name: str) -> tables.Table:
    agreements = load("agreements").sort_values("signed")
    shown = agreements.assign(
        when=[_date(d, p) for d, p in zip(agreements["signed"], agreements["signed_precision"])],
        in_force_ar=[_date(d) for d in agreements["in_force"]], ended_ar=[_date(d) for d in agreements["ended"]],
        kind_ar=agreements["kind"].map(words("measure.agreement_kinds")))
    return tables.Table(shown, words("tables.measure_agreements"), caption=caption, name=name, widths=(13, 37, 12, 12, 12, 14))


def trade_table(caption: str, name: str) -> tables.Table:
    trade = load("trade").sort_values(["year", "trade_usd_bn"])
    shown = trade.assign(year=trade["year"].astype(str), value=[word("measure.at_least" if low == "yes" else "measure.exactly", value=f"{v:.2f}")
                                for v, low in zip(trade["trade_usd_bn"], trade["lower_bound"])])
    return tables.Table(shown, words("tables.measure_trade"), caption=caption, name=name, widths=(10, 16, 60, 14))


def council_table(caption: str, name: str) -> tables.Table:
    """Every Council vote on a text about Iran the measure scores, with Russia's vote and its sign."""
    both = council_votes(load("unsc_iran"), load("unsc_iran_votes"))
    both = both.assign(when=[_date(d) for d in both["date"]],
                       vote_ar=both["russia_vote"].map(words("measure.russia_votes")),
                       # a signed number in a left-to-right isolate, or the sign drifts to its right
                       score=[f"\u2066{score:+d}\u2069".replace("+0", "0") for score in both["score"]])
    return tables.Table(both, words("tables.measure_council"), caption=caption, name=name, widths=(13, 53, 10, 10, 14))
