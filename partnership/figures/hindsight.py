"""The charts of «ماذا جرى بعد التقرير» (chapters/05_hindsight): the report against later events."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import ticker

from ..text import labels, word
from . import screens, style
from .axes import done, source_keys
from .frame import VERDICT_COLOURS

HINDSIGHT_BEARING_COLOURS = {
    "supports": style.PALETTE["green"],
    "mixed": style.PALETTE["orange"],
    "context": style.PALETTE["grey"],
    "undercuts": style.PALETTE["vermillion"],
}
# Filled: established; hollow circle: reported only; hollow square: disputed.


HINDSIGHT_CERTAINTY_MARKERS = {"confirmed": ("o", True), "reported": ("o", False), "disputed": ("s", False)}



def _clusters(frame: pd.DataFrame, days: int):
    """Split date-sorted rows into runs whose neighbours are at most ``days`` apart."""
    runs, start = [], 0
    gaps = frame["date"].diff().dt.days.fillna(days + 1).to_list()
    for k in range(1, len(frame) + 1):
        if k == len(frame) or gaps[k] > days:
            runs.append(frame.iloc[start:k])
            start = k
    return runs



def hindsight_timeline(forecasts: pd.DataFrame, links: pd.DataFrame, bearing_labels: dict,
                       certainty_labels: dict, title: str, written=("2023-01-01", "2023-02-28")):
    """One lane per forecast of the report: made when it was written, then the events.

    Each lane starts with a diamond at the report's (approximate) date; each later event
    that bears on the forecast is a marker at its date, coloured by how it bears and
    filled or hollow by how firmly it is established, with its number in the events
    table above it, pushed sideways (or below) when a neighbour is too close.
    """
    items = forecasts.reset_index(drop=True)
    links = links[links["claim_id"].isin(items["claim_id"])]
    keys = source_keys(links)
    n = len(items)
    fig, ax = style.figure(keys, title=title, size=(9, 2.6 + 0.62 * n))
    style.source_note(fig, keys, width=125)
    start, end = pd.Timestamp(written[0]), pd.Timestamp(written[1])
    made = start + (end - start) / 2
    last = links["date"].max()
    ax.axvspan(start, end, color="#E8E8E8", zorder=0)
    ax.annotate(word("charts.report_written"), (made, 1), xycoords=("data", "axes fraction"),
                xytext=(0, 4), textcoords="offset points", ha="center", va="bottom", fontsize=8.5)
    for i, row in items.iterrows():
        y = n - 1 - i
        lane = links[links["claim_id"] == row["claim_id"]].sort_values(["date", "number"])
        ax.hlines(y, made, last, color="#CCCCCC", lw=0.8, zorder=1)
        ax.scatter([made], [y], marker="D", s=40, color=style.INK, zorder=3)
        previous, label = None, None
        for cluster in _clusters(lane, days=21):
            # Events a few days apart share one label and are stacked a little apart.
            m = len(cluster)
            for k, (_, event) in enumerate(cluster.iterrows()):
                marker, filled = HINDSIGHT_CERTAINTY_MARKERS[event["certainty"]]
                colour = HINDSIGHT_BEARING_COLOURS[event["bearing"]]
                ax.scatter([event["date"]], [y + (k - (m - 1) / 2) * 0.17], marker=marker, s=46,
                           zorder=4, linewidths=1.3, facecolors=colour if filled else "white",
                           edgecolors=colour)
            when = cluster["date"].min() + (cluster["date"].max() - cluster["date"].min()) / 2
            text = labels.listed(cluster["number"])
            # Would this label touch the previous one (about three and a half days per character)?
            close = previous is not None and (when - previous[0]).days < (len(text) + previous[1]) * 3.5 + 10
            top = y + (m - 1) / 2 * 0.17
            if close and label is not None and label.get_ha() == "center":
                # Push the two labels apart: the earlier one leftwards, this one rightwards.
                label.set_ha("right")
                label.xyann = (1, label.xyann[1])
                label = ax.annotate(text, (when, top), xytext=(-1, 5), textcoords="offset points",
                                    ha="left", va="bottom", fontsize=7.5, color=style.INK)
            elif close:
                label = ax.annotate(text, (when, y - (m - 1) / 2 * 0.17), xytext=(0, -5),
                                    textcoords="offset points", ha="center", va="top", fontsize=7.5,
                                    color=style.INK)
            else:
                label = ax.annotate(text, (when, top), xytext=(0, 5), textcoords="offset points",
                                    ha="center", va="bottom", fontsize=7.5, color=style.INK)
            previous = (when, len(text))
    ax.set_yticks(range(n - 1, -1, -1), items["label_ar"])
    ax.yaxis.tick_right()
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, n - 0.4)
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(pd.Timestamp(f"{start.year - 1}-11-01"), pd.Timestamp(f"{last.year}-{last.month:02d}-01")
                + pd.DateOffset(months=2))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=[4, 7, 10]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    # Legends read from the right, like the text: first entry rightmost.
    kinds = [plt.Line2D([], [], marker="D", ls="", color=style.INK, label=word("charts.judgement_or_forecast"))]
    kinds += [plt.Line2D([], [], marker="o", ls="", color=c, markersize=7, label=bearing_labels[b])
              for b, c in HINDSIGHT_BEARING_COLOURS.items()]
    firmness = [plt.Line2D([], [], marker=m, ls="", markersize=7, markeredgewidth=1.4,
                           markerfacecolor=style.INK if filled else "white", markeredgecolor=style.INK,
                           label=certainty_labels[c])
                for c, (m, filled) in HINDSIGHT_CERTAINTY_MARKERS.items()]
    if screens.columns(len(kinds)) < len(kinds):  # a narrow screen: one legend in columns
        ax.legend(handles=(kinds + firmness)[::-1], loc="upper center", bbox_to_anchor=(0.5, -0.06),
                  ncol=screens.columns(len(kinds)), frameon=False, fontsize=8.5, columnspacing=1.2,
                  handletextpad=0.3)
        return done(fig)
    first = ax.legend(handles=kinds[::-1], loc="upper center", bbox_to_anchor=(0.5, -0.06),
                      ncol=len(kinds), frameon=False, fontsize=8.5, columnspacing=1.2, handletextpad=0.3)
    ax.add_artist(first)
    ax.legend(handles=firmness[::-1], loc="upper center", bbox_to_anchor=(0.5, -0.13),
              ncol=len(firmness), frameon=False, fontsize=8.5, columnspacing=1.2, handletextpad=0.3)
    return done(fig)



def hindsight_scorecard(forecasts: pd.DataFrame, links: pd.DataFrame, verdict_labels: dict,
                        bearing_labels: dict, title: str):
    """The register's verdict on each forecast, and beside it one square per event behind it.

    Reading from the right: the forecast, the verdict, then the events that bear on it,
    from those that bear the report out to those that go against it.
    """
    items = forecasts.reset_index(drop=True)
    links = links[links["claim_id"].isin(items["claim_id"])]
    order = list(HINDSIGHT_BEARING_COLOURS)
    widest = int(links.groupby("claim_id").size().max())
    keys = source_keys(items, links)
    n = len(items)
    fig, ax = style.figure(keys, title=title, size=(9, 3.6 + 0.42 * n))
    style.source_note(fig, keys, width=112)
    tag_x = 2.2
    for i, row in items.iterrows():
        y = n - 1 - i
        lane = links[links["claim_id"] == row["claim_id"]].copy()
        lane["rank"] = lane["bearing"].map(order.index)
        for k, bearing in enumerate(lane.sort_values(["rank", "date"])["bearing"]):
            ax.add_patch(plt.Rectangle((-1.0 - k, y - 0.38), 0.76, 0.76, zorder=3,
                                       facecolor=HINDSIGHT_BEARING_COLOURS[bearing], edgecolor="none"))
        ax.text(tag_x, y, verdict_labels[row["verdict"]], ha="center", va="center", fontsize=8.5,
                color=style.ink_on(VERDICT_COLOURS[row["verdict"]]), zorder=5,
                bbox={"boxstyle": "round,pad=0.25", "facecolor": VERDICT_COLOURS[row["verdict"]],
                      "edgecolor": "none"})
    ax.set_xlim(-1.0 - widest + 0.6, 4.4)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_aspect("equal")
    ax.set_yticks(range(n - 1, -1, -1), items["label_ar"])
    ax.yaxis.tick_right()
    ax.tick_params(axis="y", length=0)
    ax.set_xticks([])
    ax.spines[["left", "top", "right", "bottom"]].set_visible(False)
    ax.grid(visible=False)
    handles = [plt.Rectangle((0, 0), 1, 1, facecolor=c, edgecolor="none", label=bearing_labels[b])
               for b, c in HINDSIGHT_BEARING_COLOURS.items()]
    ax.legend(handles=handles[::-1], loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=screens.columns(len(handles)),
              frameon=False, fontsize=8.5, columnspacing=1.2, handletextpad=0.4)
    return done(fig)



def stated_shares(shares: pd.DataFrame, bound_labels: dict, title: str, ylabel: str,
                  written=("2023-01-01", "2023-02-28")):
    """Officials' stated percentages over time, one marker per statement, not a series.

    The marker says how the figure was put («about» or «over»); the shaded band marks
    the report's writing.  Labels of statements close in time and value alternate above and below.
    """
    ordered = shares.sort_values("date").reset_index(drop=True)
    fig, ax = style.figure(source_keys(ordered), title=title, size=(9, 4.4))
    ax.axvspan(pd.Timestamp(written[0]), pd.Timestamp(written[1]), color="#E8E8E8", zorder=0)
    ax.annotate(word("charts.report_written"), (pd.Timestamp(written[0]), 0.02),
                xycoords=("data", "axes fraction"), xytext=(-4, 0), textcoords="offset points",
                ha="right", va="bottom", fontsize=8.5)
    for bound, marker in (("about", "o"), ("over", "^")):
        part = ordered[ordered["bound"] == bound]
        ax.scatter(part["date"], part["share_pct"], marker=marker, s=60, zorder=3,
                   color=style.PALETTE["blue"], label=bound_labels[bound])
    previous, above = None, True
    for _, row in ordered.iterrows():
        close = (previous is not None and (row["date"] - previous[0]).days < 200
                 and abs(row["share_pct"] - previous[1]) < 10)
        above = (not above) if close else True
        previous = (row["date"], row["share_pct"])
        ax.annotate(f"{row['share_pct']:.0f}%", (row["date"], row["share_pct"]),
                    xytext=(0, 8 if above else -9), textcoords="offset points", ha="center",
                    va="bottom" if above else "top", fontsize=9)
    ax.set_ylim(0, 110)
    ax.yaxis.set_major_locator(ticker.MultipleLocator(20))
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0f}%" if v <= 100 else "")
    ax.set_ylabel(ylabel)
    first = ordered["date"].min()
    ax.set_xlim(pd.Timestamp(f"{first.year}-01-01"), pd.Timestamp(f"{ordered['date'].max().year + 1}-01-01"))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    return done(fig)
