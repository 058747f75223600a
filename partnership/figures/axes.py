"""Drawing helpers the chart modules share: source keys, axes that read right to left."""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import ticker

from ..data import unique_keys
from ..text import labels
from . import style


def source_keys(*frames: pd.DataFrame) -> list[str]:
    """Every source key in some frames' ``source`` columns, in first-seen order."""
    return unique_keys(cell for frame in frames for cell in frame["source"])


def done(fig):
    """Close the figure so Jupyter shows it once, as the cell's value, not twice."""
    plt.close(fig)
    return fig


def month_axis(ax, interval: int = 1):
    ax.xaxis.set_major_locator(mdates.MonthLocator(interval=interval))
    ax.xaxis.set_major_formatter(
        ticker.FuncFormatter(lambda x, _: labels.SHORT_MONTHS[mdates.num2date(x).month - 1])
    )


def label_right(ax):
    """Category labels on the right-hand axis, the reading edge of an Arabic page."""
    ax.yaxis.tick_right()
    ax.tick_params(axis="y", length=0)
    ax.spines[["left", "top"]].set_visible(False)


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width)) or text


def decimal_year(stamps: pd.Series) -> pd.Series:
    return stamps.dt.year + (stamps.dt.day_of_year - 1) / 365.25


def compressed_time(ax, start, cut, end, factor=0.12):
    """An x scale on which the years before ``cut`` take ``factor`` of their width."""
    a, b = mdates.date2num(start), mdates.date2num(cut)

    def forward(x):
        x = np.asarray(x, dtype=float)
        return np.where(x < b, a + (x - a) * factor, a + (b - a) * factor + (x - b))

    def inverse(u):
        u = np.asarray(u, dtype=float)
        edge = a + (b - a) * factor
        return np.where(u < edge, a + (u - a) / factor, b + (u - edge))

    ax.set_xscale("function", functions=(forward, inverse))
    ax.set_xlim(start, end)
    ax.axvspan(start, cut, color="#F2F2F2", zorder=0)


def panels(keys, title: str, size=(10, 4.2)):
    """Two side-by-side axes under one title and one source line; the first returned is the right one."""
    fig, ax = style.figure(keys, size=size)
    ax.remove()
    left, right = fig.subplots(1, 2)
    fig.suptitle(title, x=0.99, ha="right", fontsize=13)
    return fig, right, left
