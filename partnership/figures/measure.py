"""The charts of the book's measure of the relationship (chapter ch-measure)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..text import word, words
from . import screens, style
from .axes import done

SOURCE_LINES = 3  # the measure rests on every row of six tables: its sources are listed in the chapter's references
COLOURS = ("blue", "green", "vermillion", "purple", "orange", "grey")  # the indicators, in order


def _shade_uncovered(ax, series: pd.Series):
    """Grey bands over the years an indicator does not cover: a gap in the data, not a zero."""
    missing = series.isna()
    for year in series.index[missing]:
        ax.axvspan(year - 0.5, year + 0.5, color="#EEEEEE", lw=0, zorder=0)


def _report_line(ax, moment: float):
    ax.axvline(moment, color=style.INK, lw=0.9, ls="--", zorder=1)


def indicator_panels(raw: pd.DataFrame, sources: list[str], title: str, moment: float, ticks: list[int]):
    """One small panel per indicator (a column of ``raw``, by year) on a shared time axis,
    grey where it measures nothing, a dashed line at ``moment`` (the report's writing)."""
    names, phone = words("measure.indicators"), not screens.current().keep_aspect
    rows, cols = (6, 1) if phone else (3, 2)
    fig, ax = style.figure(sources, size=(9.5, 8.4) if not phone else (4, 9.6), source_lines=SOURCE_LINES)
    ax.remove()
    axes = fig.subplots(rows, cols, sharex=True).ravel()
    fig.suptitle(title, x=0.99, ha="right", fontsize=13)
    years = raw.index.to_numpy()
    # Right to left: the first indicator sits at the top right, the reading start of a page.
    order = list(range(len(axes))) if phone else [1, 0, 3, 2, 5, 4]
    for slot, name, colour in zip(order, raw.columns, COLOURS):
        ax, series, colour = axes[slot], raw[name], style.PALETTE[colour]
        _shade_uncovered(ax, series)
        if name in ("unga", "agreements"):
            ax.plot(years, series.to_numpy(), color=colour, lw=2, drawstyle="steps-mid" if name == "agreements" else "default")
        elif name == "trade":
            ax.plot(years, series.to_numpy(), color=colour, lw=1.2, marker="o", ms=4)
        else:
            ax.bar(years, series.fillna(0).to_numpy(), color=colour, width=0.8, zorder=2)
        if name == "unga":
            ax.invert_yaxis()  # up is nearer, as on every other panel
        if name == "council":
            ax.axhline(0, color=style.INK, lw=0.8)
        _report_line(ax, moment)
        ax.set_title(names[name], loc="right", fontsize=10.5)
        ax.tick_params(labelsize=9)
    axes[-1].set_xlim(years[0] - 0.6, years[-1] + 0.6)
    axes[-1].set_xticks(ticks)
    return done(fig)


def composite_path(main: pd.Series, variants: pd.DataFrame, periods, sources: list[str], title: str,
                   moment: float):
    """The composite by year (``main``), the band its ``variants`` span (each leaving one
    indicator out), the ``periods`` ((first, last, name) each) as bands, the report's moment."""
    fig, ax = style.figure(sources, title=title, size=(9.5, 4.6), source_lines=SOURCE_LINES)
    names = words("measure.periods")
    end = int(main.last_valid_index())  # the years after it have too few indicators for a composite
    for i, (first, last, name) in enumerate(periods):
        if i % 2:
            ax.axvspan(first - 0.5, min(last, end) + 0.5, color="#F2F2F2", lw=0, zorder=0)
        narrow = min(last, end) - first < 4  # a short last period: its name runs in from the right edge
        ax.text(min(last, end) + 0.5 if narrow else (first + min(last, end)) / 2, 0.98, names[name],
                ha="right" if narrow else "center", va="top", fontsize=9, transform=ax.get_xaxis_transform())
    years = main.index.to_numpy()
    ax.fill_between(years, variants.min(axis=1).to_numpy(), variants.max(axis=1).to_numpy(),
                    where=main.notna().to_numpy(), color=style.PALETTE["blue"], alpha=0.18, lw=0,
                    label=word("measure.alternatives"))
    ax.plot(years, main.to_numpy(), color=style.PALETTE["blue"], lw=2.2, marker="o", ms=3.5,
            label=word("measure.composite"))
    _report_line(ax, moment)
    ax.annotate(word("measure.report"), (moment, 0.02), xycoords=("data", "axes fraction"),
                xytext=(-3, 0), textcoords="offset points", ha="right", va="bottom", fontsize=9)
    ax.set_xlim(years[0] - 0.6, end + 0.6)
    ax.set_ylim(0, max(0.8, float(np.nanmax(variants.to_numpy())) + 0.05) + 0.12)  # room for the periods' names
    ax.set_ylabel(word("measure.composite_axis"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False, fontsize=9, ncol=screens.columns(2))
    return done(fig)
