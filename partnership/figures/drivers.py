"""The charts of «دوافع التعاون» and its sections (chapters/02_*)."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.lines
import pandas as pd
from matplotlib import ticker

from ..text import labels, word
from . import screens, style
from .axes import done, label_right, source_keys


def gas_reserves_editions(bp: pd.DataFrame, ei: pd.DataFrame, title: str, claim: float = None,
                          claim_label: str = None, year: int = 2020):
    """Shares of world proved gas reserves of the end-of-year top ten, one bar per edition."""
    rows = bp[(bp["year"] == year) & bp["rank_2020"].notna()].sort_values("rank_2020")
    other = ei[(ei["year"] == year) & ei["rank_2020"].notna()].set_index("country")
    keys = source_keys(pd.concat([rows, ei]))
    fig, ax = style.figure(keys, title=title, size=(9, 5.6))
    y = list(range(len(rows) - 1, -1, -1))
    height = 0.38
    for offset, (label, values, colour) in enumerate([
        (word("charts.bp_2021"), rows["world_share_pct"].to_numpy(), style.PALETTE["blue"]),
        (word("charts.ei_2024"), other.loc[rows["country"], "world_share_pct"].to_numpy(), style.PALETTE["green"]),
    ]):
        pos = [v + (0.5 - offset) * height for v in y]
        ax.barh(pos, values, height=height, color=colour, label=label, zorder=2)
        for p, v in zip(pos, values):
            ax.annotate(f"{v:.1f}%", (v, p), xytext=(3, 0), textcoords="offset points",
                        va="center", ha="left", fontsize=8)
    names = [labels.COUNTRIES.get(c, c) for c in rows["country"]]
    ax.set_yticks(y, names)
    ax.set_ylim(-0.7, len(rows) + 0.2)
    if claim is not None:
        ax.axvline(claim, color=style.PALETTE["vermillion"], lw=1.2, ls="--", zorder=3)
        ax.annotate(claim_label, (claim, len(rows) - 0.15), xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=9, color=style.text_colour(style.PALETTE["vermillion"]))
    ax.set_xlabel(word("charts.reserves_share_at", year=year))
    ax.set_xlim(0, max(rows["world_share_pct"].max(), claim or 0) * 1.15)
    ax.grid(axis="y", visible=False)
    label_right(ax)
    ax.legend(loc="lower right", frameon=False)
    return done(fig)



def gas_share_history(bp: pd.DataFrame, ei: pd.DataFrame, countries: list, title: str,
                      first_year: int = 1991, claim: float = None, claim_label: str = None,
                      old_edition: dict = None, old_source: str = None):
    """Each country's share of world gas reserves by year in both editions.

    The bp 2021 series is a solid line; the Energy Institute 2024 series is drawn over it
    as a white dashed line, so where the two coincide the line looks striped. ``old_edition``
    maps a country to (year, share, label, (dx, dy)): a figure printed in an older edition,
    drawn as a hollow marker so the revision between editions is visible.
    """
    keys = source_keys(pd.concat([bp, ei])) + ([old_source] if old_source else [])
    fig, ax = style.figure(keys, title=title, size=(9, 4.8))
    colours = [style.PALETTE["blue"], style.PALETTE["vermillion"], style.PALETTE["green"]]
    for colour, country in zip(colours, countries):
        a = bp[(bp["country"] == country) & (bp["year"] >= first_year)].sort_values("year")
        b = ei[(ei["country"] == country) & (ei["year"] >= first_year)].sort_values("year")
        ax.plot(a["year"], a["world_share_pct"], color=colour, lw=2.6, zorder=2)
        ax.plot(b["year"], b["world_share_pct"], color="white", lw=1.1, ls=(0, (2, 2)), zorder=3)
        last = a.iloc[-1]
        ax.annotate(labels.COUNTRIES.get(country, country), (last["year"], last["world_share_pct"]),
                    xytext=(5, 0), textcoords="offset points", va="center", ha="left", fontsize=9.5,
                    color=style.text_colour(colour))
        if old_edition and country in old_edition:
            year, share, text, offset = old_edition[country]
            ax.scatter([year], [share], s=64, facecolors="white", edgecolors=colour, linewidths=1.8, zorder=4)
            ax.annotate(text, (year, share), xytext=offset, textcoords="offset points", ha="center",
                        va="center", fontsize=8.5, color=style.text_colour(colour),
                        arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.8})
    if claim is not None:
        ax.axhline(claim, color=style.INK, lw=1, ls="--", zorder=1)
        ax.annotate(claim_label, (first_year, claim), xytext=(2, 3), textcoords="offset points",
                    ha="left", va="bottom", fontsize=9)
    handles = [
        matplotlib.lines.Line2D([], [], color=style.PALETTE["grey"], lw=2.6, label=word("charts.bp_2021")),
        matplotlib.lines.Line2D([], [], color=style.PALETTE["grey"], lw=2.6, ls=(0, (2, 2)),
                                label=word("charts.ei_2024_over")),
    ]
    ax.legend(handles=handles, loc="upper right", frameon=False, fontsize=9)
    ax.set_ylabel(word("charts.reserves_share_axis"))
    ax.set_xlim(first_year - 0.5, 2023)
    ax.xaxis.set_major_locator(ticker.MultipleLocator(5))
    return done(fig)



def hormuz_shares(flows: pd.DataFrame, title: str, claim: float = 40, claim_label: str = None):
    """The strait's oil flow as a share of seaborne trade and of world supply, against a claim."""
    shares = flows.assign(
        seaborne=flows["hormuz_mbd"] / flows["seaborne_mbd"] * 100,
        supply=flows["hormuz_mbd"] / flows["world_supply_mbd"] * 100,
    )
    fig, ax = style.figure(source_keys(flows), title=title, size=(9, 4.4))
    x = shares["year"].astype(int).to_numpy()
    width = 0.38
    for offset, (column, label, colour) in enumerate([
        ("seaborne", word("charts.hormuz_seaborne"), style.PALETTE["blue"]),
        ("supply", word("charts.hormuz_supply"), style.PALETTE["green"]),
    ]):
        pos = x + (offset - 0.5) * width
        ax.bar(pos, shares[column], width=width, color=colour, label=label, zorder=2)
        for p, v in zip(pos, shares[column]):
            ax.annotate(f"{v:.0f}%", (p, v), xytext=(0, 2), textcoords="offset points", ha="center",
                        va="bottom", fontsize=8)
    ax.axhline(claim, color=style.PALETTE["vermillion"], lw=1.4, ls="--", zorder=3)
    ax.annotate(claim_label or f"{claim}%", (x.min() - 0.5, claim), xytext=(2, 3), textcoords="offset points",
                ha="left", va="bottom", fontsize=9, color=style.text_colour(style.PALETTE["vermillion"]))
    ax.set_ylim(0, claim * 1.2)
    ax.set_xticks(x, [str(v) for v in x])
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0f}%")
    ax.set_ylabel(word("charts.hormuz_axis"))
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper right", frameon=False, ncols=screens.columns(2))
    return done(fig)



IDEAL_COLOURS = {"USA": "blue", "RUS": "vermillion", "IRN": "green"}



def ideal_points(points: pd.DataFrame, title: str, marks: dict = None):
    """Ideal points by session, with the 5-95% band of each estimate."""
    fig, ax = style.figure(source_keys(points), title=title, size=(9, 4.8))
    for iso, colour in IDEAL_COLOURS.items():
        series = points[points["iso3c"] == iso].sort_values("year")
        c = style.PALETTE[colour]
        ax.fill_between(series["year"], series["q05"], series["q95"], color=c, alpha=0.15, lw=0)
        ax.plot(series["year"], series["ideal_point"], color=c, lw=1.8)
        last = series.iloc[-1]
        ax.annotate(labels.COUNTRIES[iso], (last["year"], last["ideal_point"]), xytext=(4, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=9, color=style.text_colour(c))
    for year, text in (marks or {}).items():
        ax.axvline(year, color=style.INK, lw=0.9, ls="--", zorder=1)
        ax.annotate(text, (year, 1), xycoords=("data", "axes fraction"), xytext=(-3, -3),
                    textcoords="offset points", ha="right", va="top", fontsize=8.5)
    ax.axhline(0, color="#999999", lw=0.6)
    ax.set_xlim(1945, 2029)
    ax.set_ylabel(word("charts.ideal_point_axis"))
    ax.set_xlabel(word("charts.session_year_axis"))
    return done(fig)



def ideal_distances(points: pd.DataFrame, title: str, first_year: int = 1946, marks: dict = None):
    """|Russia - Iran| and |Russia - USA| by session: which of the two Moscow sits nearer."""
    wide = points.pivot(index="year", columns="iso3c", values="ideal_point")
    wide = wide[wide.index >= first_year]
    fig, ax = style.figure(source_keys(points), title=title, size=(9, 4.4))
    pairs = [
        ((wide["RUS"] - wide["IRN"]).abs(), word("charts.russia_iran"), style.PALETTE["green"]),
        ((wide["RUS"] - wide["USA"]).abs(), word("charts.russia_usa"), style.PALETTE["blue"]),
    ]
    for series, label, colour in pairs:
        ax.plot(series.index, series.to_numpy(), color=colour, lw=2, label=label)
    nearer_iran = pairs[0][0] < pairs[1][0]
    ax.fill_between(wide.index, 0, 1, where=nearer_iran.to_numpy(), transform=ax.get_xaxis_transform(),
                    color=style.PALETTE["green"], alpha=0.08, lw=0, label=word("charts.russia_nearer_iran"))
    for year, text in (marks or {}).items():
        ax.axvline(year, color=style.INK, lw=0.9, ls="--", zorder=1)
        ax.annotate(text, (year, 1), xycoords=("data", "axes fraction"), xytext=(-3, -3),
                    textcoords="offset points", ha="right", va="top", fontsize=8.5)
    ax.set_ylim(0, None)
    ax.set_ylabel(word("charts.ideal_distance_axis"))
    ax.set_xlabel(word("charts.session_year_axis"))
    ax.legend(loc="lower left", frameon=False, fontsize=9)
    return done(fig)



def unhcr_stacked(frame: pd.DataFrame, title: str, claim: float = None, claim_label: str = None,
                  marks: dict = None, claim_label_at: int = None):
    """Afghans in Iran by UNHCR category, stacked by year, with the report's figure as a line."""
    years = frame.sort_values("year")
    fig, ax = style.figure(source_keys(years), title=title, size=(9, 4.8))
    bottom = pd.Series(0.0, index=years.index)
    colours = [style.PALETTE["blue"], style.PALETTE["orange"], style.PALETTE["purple"], style.PALETTE["green"]]
    for column, colour in zip(["refugees", "asylum_seekers", "ooc", "oip"], colours):
        values = years[column].fillna(0).astype(float)
        if values.sum() == 0:
            continue
        ax.bar(years["year"], values / 1e6, bottom=bottom / 1e6, width=0.8, color=colour,
               label=labels.UNHCR[column], zorder=2)
        bottom = bottom + values
    if claim is not None:
        ax.axhline(claim / 1e6, color=style.PALETTE["vermillion"], lw=1.4, ls="--", zorder=3)
        at = claim_label_at if claim_label_at is not None else years["year"].min() - 0.5
        ax.annotate(claim_label, (at, claim / 1e6), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom", fontsize=9, color=style.text_colour(style.PALETTE["vermillion"]))
    for year, text in (marks or {}).items():
        ax.annotate(text, (year, bottom[years["year"] == year].iloc[0] / 1e6), xytext=(0, 16),
                    textcoords="offset points", ha="center", va="bottom", fontsize=8.5,
                    arrowprops={"arrowstyle": "-", "color": style.INK, "lw": 0.8})
    ax.set_ylabel(word("charts.millions_of_people"))
    ax.set_ylim(0, bottom.max() / 1e6 * 1.25)
    ax.xaxis.set_major_locator(ticker.MultipleLocator(5))
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left", frameon=False, fontsize=8.5)
    return done(fig)



def nato_steps(members: pd.DataFrame, sources: list, title: str, marks: dict = None,
               until: str = "2025-12-31"):
    """NATO's membership as a step line from 1949, each enlargement labelled with who joined."""
    fig, ax = style.figure(sources, title=title, size=(9, 5.4))
    dates = list(members["date"]) + [pd.Timestamp(until)]
    counts = list(members["members"]) + [members["members"].iloc[-1]]
    ax.step(dates, counts, where="post", color=style.PALETTE["blue"], lw=2.2, zorder=2)
    ax.scatter(members["date"], members["members"], color=style.PALETTE["blue"], s=18, zorder=3)
    level, previous = 0, None
    for i, row in members.reset_index(drop=True).iterrows():
        text = f"{row['date'].year}: {row['members']}" if i == 0 else f"{row['date'].year} (+{row['joined']}): {row['members']}"
        # Enlargements a few years apart get their labels stacked so they do not collide;
        # labels of the 1950s run rightwards, later ones leftwards, to stay inside the axes.
        level = level + 1 if previous is not None and (row["date"] - previous).days < 6 * 365 else 0
        previous = row["date"]
        early = row["date"].year < 1970
        offset = (4, -6) if i == 0 else (4 if early else -4, 6 + 12 * level)
        ax.annotate(text, (row["date"], row["members"]), xytext=offset, textcoords="offset points",
                    ha="left" if early else "right", va="top" if i == 0 else "bottom", fontsize=8.5,
                    arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.6} if level else None)
    narrow = screens.current().legend_columns is not None  # a phone: marks read leftwards, inside the axes
    for when, text in (marks or {}).items():
        stamp = pd.Timestamp(when)
        ax.axvline(stamp, color=style.PALETTE["vermillion"], lw=1.1, ls="--", zorder=1)
        ax.annotate(text, (stamp, 0.04), xycoords=("data", "axes fraction"), xytext=(-4 if narrow else 4, 0),
                    textcoords="offset points", ha="right" if narrow else "left", va="bottom", fontsize=8.5,
                    color=style.text_colour(style.PALETTE["vermillion"]))
    ax.set_ylim(0, members["members"].max() + 12)
    ax.set_xlim(pd.Timestamp("1946-01-01"), pd.Timestamp(until))
    ax.xaxis.set_major_locator(mdates.YearLocator(10))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_ylabel(word("charts.nato_members_axis"))
    return done(fig)



def vetoes_by_year(vetoes: pd.DataFrame, member: str, title: str, highlight: str = "Syria",
                   marks: dict = None):
    """One member's vetoes per year, the highlighted topic in colour, every other topic grey."""
    cast = vetoes[vetoes[member] == 1].assign(year=lambda f: f["date"].dt.year)
    years = range(int(vetoes["date"].dt.year.min()), int(vetoes["date"].dt.year.max()) + 1)
    hot = cast[cast["crisis_topic"] == highlight].groupby("year").size().reindex(years, fill_value=0)
    rest = cast[cast["crisis_topic"] != highlight].groupby("year").size().reindex(years, fill_value=0)
    fig, ax = style.figure(source_keys(vetoes), title=title, size=(9, 4.4))
    ax.bar(list(years), rest.to_numpy(), color="#BBBBBB", label=word("charts.other_topics"), zorder=2)
    ax.bar(list(years), hot.to_numpy(), bottom=rest.to_numpy(), color=style.PALETTE["vermillion"],
           label=labels.VETO_TOPICS.get(highlight, highlight), zorder=2)
    others = cast[cast["crisis_topic"] != highlight]
    for year, group in others.groupby("year"):
        names = labels.listed(dict.fromkeys(labels.VETO_TOPICS.get(t, t) for t in group["crisis_topic"]))
        ax.annotate(names, (year, len(group) / 2), ha="center", va="center", fontsize=7, rotation=90)
    for when, text in (marks or {}).items():
        ax.axvline(when, color=style.INK, lw=0.9, ls="--", zorder=1)
        ax.annotate(text, (when, 1), xycoords=("data", "axes fraction"), xytext=(-3, -3),
                    textcoords="offset points", ha="right", va="top", fontsize=8.5)
    ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.set_ylabel(word("charts.vetoed_drafts_axis"))
    ax.xaxis.set_major_locator(ticker.MultipleLocator(5))
    ax.set_xlim(min(years) - 0.8, max(years) + 0.8)
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left", frameon=False)
    return done(fig)
