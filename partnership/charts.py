"""The book's recurring chart types, drawn in the house style.

Each function takes a validated frame (from :func:`partnership.data.load`) and draws
the sources from its ``source`` column, so a chart cannot lose its source line.
"""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib import ticker
import pandas as pd

from . import labels, refs, style


def _keys(frame: pd.DataFrame) -> list[str]:
    """Every source key in a frame, in first-seen order."""
    seen = {}
    for cell in frame["source"]:
        for key in refs.split_keys(cell):
            seen.setdefault(key, None)
    return list(seen)


def _done(fig):
    """Close the figure so Jupyter shows it once, as the cell's value, not twice."""
    plt.close(fig)
    return fig


def _month_axis(ax, interval: int = 1):
    ax.xaxis.set_major_locator(mdates.MonthLocator(interval=interval))
    ax.xaxis.set_major_formatter(
        ticker.FuncFormatter(lambda x, _: labels.SHORT_MONTHS[mdates.num2date(x).month - 1])
    )


def timeline(events: pd.DataFrame, title: str):
    """One row per event, earliest at the top; labels on the right, the reading edge."""
    ordered = events.sort_values("date").reset_index(drop=True)
    height = 1.2 + 0.42 * len(ordered)
    fig, ax = style.figure(_keys(ordered), title=title, size=(9, height))
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
    _month_axis(ax)
    ax.set_xlabel(" – ".join(str(y) for y in years))
    return _done(fig)


def monthly_counts(frame: pd.DataFrame, title: str, columns: dict, marks: dict = None,
                   ylabel: str = None):
    """Monthly bars for one or two count columns, with dated vertical marks."""
    months = pd.to_datetime(frame["month"] + "-01")
    fig, ax = style.figure(_keys(frame), title=title, size=(9, 4.4))
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
    return _done(fig)
