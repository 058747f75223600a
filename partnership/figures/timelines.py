"""Timelines: dated events one row each, and monthly counts; used across the book."""
from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib import ticker

from ..text import labels
from . import screens, style
from .axes import compressed_time, decimal_year, done, label_right, month_axis, source_keys


def timeline(events: pd.DataFrame, title: str):
    """One row per event, earliest at the top; labels on the right, the reading edge."""
    ordered = events.sort_values("date").reset_index(drop=True)
    height = 1.2 + 0.42 * len(ordered)
    fig, ax = style.figure(source_keys(ordered), title=title, size=(9, height))
    y = range(len(ordered) - 1, -1, -1)
    ax.scatter(ordered["date"], list(y), s=46, color=style.PALETTE["vermillion"], zorder=3)
    ax.hlines(list(y), ordered["date"].min(), ordered["date"], color="#CCCCCC", lw=0.8, zorder=1)
    ax.set_yticks(list(y), ordered["label_ar"])
    ax.yaxis.tick_right()
    ax.tick_params(axis="y", length=0)
    ax.spines[["left", "top"]].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis="y", visible=False)
    years = ordered["date"].dt.year.unique()
    ax.set_xlim(pd.Timestamp(f"{years.min()}-01-01"), pd.Timestamp(f"{years.max()}-12-31"))
    month_axis(ax)
    ax.set_xlabel(" – ".join(str(y) for y in years))
    return done(fig)



def monthly_counts(frame: pd.DataFrame, title: str, columns: dict, marks: dict = None,
                   ylabel: str = None):
    """Monthly bars for one or two count columns, with dated vertical marks."""
    months = pd.to_datetime(frame["month"] + "-01")
    fig, ax = style.figure(source_keys(frame), title=title, size=(9, 4.4))
    width = 27 / max(len(columns), 1)
    colours = [style.PALETTE["blue"], style.PALETTE["vermillion"], style.PALETTE["green"]]
    for i, (column, label) in enumerate(columns.items()):
        offset = pd.to_timedelta((i - (len(columns) - 1) / 2) * width, unit="D")
        ax.bar(months + offset, frame[column], width=width, label=label, color=colours[i], zorder=2)
    for when, text in (marks or {}).items():
        stamp = pd.Timestamp(when)
        ax.axvline(stamp, color=style.INK, lw=1, ls="--", zorder=3)
        ax.annotate(text, (stamp, 1), xycoords=("data", "axes fraction"), xytext=(-4, -4),
                    textcoords="offset points", ha="right", va="top", fontsize=9)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=[1, 7]))
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(
        lambda x, _: labels.format_month(mdates.num2date(x).replace(tzinfo=None))))
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    if ylabel:
        ax.set_ylabel(ylabel)
    ax.legend(loc="upper center", frameon=False)
    ax.grid(axis="x", visible=False)
    return done(fig)



def milestones(events: pd.DataFrame, title: str, group: str, marks: dict = None, compress_before=None,
               compressed_note: str = None):
    """Dated events over several years, one row each, coloured by ``group``; labels on the right.

    With ``compress_before`` (a year), the years before it are drawn narrow on a grey band,
    so that a few early events do not squeeze the recent ones.
    """
    ordered = events.sort_values("date").reset_index(drop=True)
    height = 1.8 + 0.42 * len(ordered)
    fig, ax = style.figure(source_keys(ordered), title=title, size=(9, height))
    y = list(range(len(ordered) - 1, -1, -1))
    palette = [style.PALETTE[c] for c in ("blue", "orange", "green", "purple", "vermillion")]
    groups = list(dict.fromkeys(ordered[group]))
    first, last = int(ordered["date"].dt.year.min()), int(ordered["date"].dt.year.max()) + 1
    start, end = pd.Timestamp(f"{first}-01-01"), pd.Timestamp(f"{last}-01-01")
    for i, name in enumerate(groups):
        chosen = ordered[ordered[group] == name]
        rows = [y[j] for j in chosen.index]
        ax.hlines(rows, start, chosen["date"], color="#DDDDDD", lw=0.8, zorder=1)
        ax.scatter(chosen["date"], rows, s=52, color=palette[i % len(palette)], label=name, zorder=3)
    for when, text in (marks or {}).items():
        stamp = pd.Timestamp(when)
        ax.axvline(stamp, color=style.INK, lw=1, ls="--", zorder=2)
        ax.annotate(text, (stamp, 1), xycoords=("data", "axes fraction"), xytext=(-4, -2),
                    textcoords="offset points", ha="right", va="top", fontsize=9)
    ax.set_yticks(y, ordered["label_ar"])
    ax.yaxis.tick_right()
    ax.tick_params(axis="y", length=0)
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.grid(axis="y", visible=False)
    if compress_before:
        cut = pd.Timestamp(f"{compress_before}-01-01")
        compressed_time(ax, start, cut, end)
        early = [first] if first < compress_before else []
        years = early + list(range(compress_before, last + 1))
        if compressed_note:
            ax.annotate(compressed_note, (start, 0), xycoords=("data", "axes fraction"), xytext=(3, 3),
                        textcoords="offset points", ha="left", va="bottom", fontsize=8,
                        color=style.PALETTE["grey"])
    else:
        ax.set_xlim(start, end)
        years = list(range(first, last + 1, 2))
    ax.set_xticks([pd.Timestamp(f"{year}-01-01") for year in years], [str(year) for year in years])
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 0.06), frameon=True, framealpha=0.95,
              edgecolor="#DDDDDD")
    return done(fig)



def long_timeline(events: pd.DataFrame, title: str, topics: dict, gap=None, ticks=None):
    """Events over decades or centuries: one row each, coloured by topic; ``gap`` (from, to)
    squeezes an empty stretch of years into a short, marked break."""
    import numpy as np

    ordered = events.sort_values(["date", "event_id"]).reset_index(drop=True)
    fig, ax = style.figure(source_keys(ordered), title=title, size=(9.5, 1.6 + 0.3 * len(ordered)))
    x = decimal_year(ordered["date"]).astype(float).to_numpy()
    if gap:
        a, b = gap
        squeeze = 2.0 / (b - a)  # the whole gap takes the width of two years
        early = 0.35  # and the years before it a third of their width

        def forward(v):
            v = np.asarray(v, dtype=float)
            return np.where(v <= a, a - (a - v) * early,
                            np.where(v >= b, v - (b - a) * (1 - squeeze), a + (v - a) * squeeze))

        def inverse(v):
            v = np.asarray(v, dtype=float)
            edge = a + (b - a) * squeeze
            return np.where(v <= a, a - (a - v) / early,
                            np.where(v >= edge, v + (b - a) * (1 - squeeze), a + (v - a) / squeeze))

        ax.set_xscale("function", functions=(forward, inverse))
        ax.axvspan(a, b, color="#EEEEEE", zorder=0, lw=0)
        ax.text((a + b) / 2, 1.0, "⋯", transform=ax.get_xaxis_transform(), ha="center", va="bottom",
                fontsize=12, color=style.PALETTE["grey"])
    y = np.arange(len(ordered))[::-1]
    colours = [style.PALETTE[topics[t][1]] for t in ordered["topic"]]
    ax.hlines(y, x.min(), x, color="#DDDDDD", lw=0.8, zorder=1)
    ax.scatter(x, y, s=40, c=colours, zorder=3)
    shown = [t for t in topics if t in set(ordered["topic"])]
    for topic in shown if len(shown) > 1 else []:
        label, colour = topics[topic]
        ax.scatter([], [], s=40, color=style.PALETTE[colour], label=label)
    ax.set_yticks(y, ordered["label_ar"])
    ax.yaxis.tick_right()
    ax.tick_params(axis="y", length=0)
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.grid(axis="y", visible=False)
    lo, hi = x.min(), x.max()
    ax.set_xlim(lo - 1, hi + 1)
    if ticks is not None:
        ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.xaxis.set_minor_locator(ticker.NullLocator())
    if len(shown) > 1:
        ax.legend(loc="lower left", frameon=False, fontsize=9)
    return done(fig)



def timeline_years(events: pd.DataFrame, title: str, groups: dict = None, colours: dict = None):
    """Events over several years, one row each, earliest at the top; labels on the right.

    ``groups`` maps event_id -> group name; each group gets its colour and a legend entry.
    """
    ordered = events.sort_values("date").reset_index(drop=True)
    height = 1.4 + 0.42 * len(ordered)
    fig, ax = style.figure(source_keys(ordered), title=title, size=(9, height))
    y = list(range(len(ordered) - 1, -1, -1))
    palette = colours or {}
    default = list(style.PALETTE.values())
    names = [(groups or {}).get(e, "") for e in ordered["event_id"]]
    for i, name in enumerate(dict.fromkeys(names)):
        colour = palette.get(name, default[i % len(default)]) if name else style.PALETTE["vermillion"]
        mask = [n == name for n in names]
        ax.scatter(ordered["date"][mask], [v for v, m in zip(y, mask) if m], s=46, color=colour,
                   zorder=3, label=name or None)
    ax.hlines(y, ordered["date"].min(), ordered["date"], color="#CCCCCC", lw=0.8, zorder=1)
    ax.set_yticks(y, ordered["label_ar"])
    ax.grid(axis="y", visible=False)
    label_right(ax)
    ax.spines["right"].set_visible(False)
    first, last = ordered["date"].min().year, ordered["date"].max().year
    ax.set_xlim(pd.Timestamp(f"{first}-01-01"), pd.Timestamp(f"{last}-12-31"))
    span = last - first + 1
    step = 1 if span <= 12 else 2
    if screens.current().legend_columns:  # a narrow screen: about three years labelled
        step = max(step, -(-span // 3))
    ax.xaxis.set_major_locator(mdates.YearLocator(step))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    if any(names):
        ax.legend(loc="upper right", frameon=False)
    return done(fig)
