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


# --- The book's frame: claims register, mind map, institutional ties (issue 5) ---

VERDICT_COLOURS = {
    "confirmed": style.PALETTE["green"],
    "partly": style.PALETTE["orange"],
    "contradicted": style.PALETTE["vermillion"],
    "unverified": style.PALETTE["grey"],
}


def verdicts_by_section(counts: pd.DataFrame, section_labels: dict, verdict_labels: dict,
                        sources, title: str):
    """Stacked horizontal bars: claims per verdict for each section, read from the right."""
    rows = list(counts.index)
    height = 1.6 + 0.42 * len(rows)
    fig, ax = style.figure(sources, title=title, size=(9, height))
    y = list(range(len(rows) - 1, -1, -1))
    left = [0] * len(rows)
    for verdict, colour in VERDICT_COLOURS.items():
        values = [int(v) for v in counts[verdict]]
        ax.barh(y, values, left=left, color=colour, label=verdict_labels[verdict], height=0.66, zorder=2)
        for yi, start, value in zip(y, left, values):
            if value:
                ax.text(start + value / 2, yi, f"{value}", ha="center", va="center", fontsize=9,
                        color="white", zorder=3)
        left = [a + b for a, b in zip(left, values)]
    ax.set_yticks(y, [section_labels[s] for s in rows])
    ax.yaxis.tick_right()
    ax.tick_params(axis="y", length=0)
    ax.invert_xaxis()  # bars grow from the right, the reading edge
    ax.set_xlim(max(left) + 1, 0)
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.set_xlabel("عدد الادعاءات")
    ax.spines[["left", "top"]].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=len(VERDICT_COLOURS), frameon=False,
              reverse=True)
    return _done(fig)


def _wrap(text: str, width: int) -> str:
    import textwrap
    return "\n".join(textwrap.wrap(text, width=width)) or text


def mindmap_tree(nodes: pd.DataFrame, title: str, colours: dict):
    """The report's mind map as a horizontal tree: root on the right, leaves on the left.

    ``nodes`` has node_id, parent_id, kind, label_ar; ``colours`` maps the id of each
    top branch to its colour.  Leaves (nodes without children) line up in the left column.
    """
    kids = {}
    for _, node in nodes.iterrows():
        kids.setdefault(node["parent_id"] if pd.notna(node["parent_id"]) else None, []).append(node)
    root = kids[None][0]
    # Columns (x of the right edge of the text, wrap width in characters), by depth; leaves last.
    columns = {0: (99.0, 12), 1: (81.0, 14), 2: (61.5, 17), "leaf": (37.5, 34)}
    line_h, gap = 0.8, 1.35
    placed, y_cursor = {}, [0.0]

    def lines(text, width):
        return _wrap(text, width).count("\n") + 1

    def place(node, depth, branch):
        children = kids.get(node["node_id"], [])
        if not children:
            x, width = columns["leaf"]
            n = lines(node["label_ar"], width)
            y = y_cursor[0] + n * line_h / 2
            y_cursor[0] += n * line_h + gap
        else:
            ys = [place(child, depth + 1, branch or child["node_id"]) for child in children]
            y = (ys[0] + ys[-1]) / 2
            x, width = columns[min(depth, 2)]
        placed[node["node_id"]] = (x, y, width, depth, node, branch, bool(children))
        return y

    top = kids.get(root["node_id"], [])
    ys = []
    for branch in top:
        ys.append(place(branch, 1, branch["node_id"]))
        y_cursor[0] += gap * 2.2  # extra space between the three branches
    placed[root["node_id"]] = (columns[0][0], (ys[0] + ys[-1]) / 2, columns[0][1], 0, root, None, True)
    total = y_cursor[0] - gap * 3.2 + 0.6  # drop the spacing added after the last branch

    fig, ax = style.figure(["anon2023partnership"], title=title, size=(7.5, 0.25 * total + 1.2))
    ax.set_xlim(0, 100)
    ax.set_ylim(total, -0.6)
    ax.axis("off")
    col_left = {0: 84.0, 1: 65.0, 2: 41.5}
    for node_id, (x, y, width, depth, node, branch, has_children) in placed.items():
        colour = colours.get(branch, style.INK) if branch else style.INK
        if has_children:  # elbow connectors to the children, behind the boxes
            child_list = kids[node_id]
            bus = col_left[min(depth, 2)] - 1.2
            cys = [placed[c["node_id"]][1] for c in child_list]
            ax.plot([x, bus], [y, y], color=colour, lw=1.2, zorder=1, solid_capstyle="butt")
            ax.plot([bus, bus], [min(cys), max(cys)], color=colour, lw=1.2, zorder=1)
            for c, cy in zip(child_list, cys):
                cx = placed[c["node_id"]][0]
                ax.plot([bus, cx + 0.6], [cy, cy], color=colour, lw=1.2, zorder=1)
        text = _wrap(node["label_ar"], width)
        if depth == 0:
            box = dict(boxstyle="round,pad=0.6", facecolor=style.INK, edgecolor=style.INK)
            ax.text(x, y, text, ha="right", va="center", multialignment="right", fontsize=12,
                    fontweight="bold", color="white", bbox=box, zorder=3)
        elif depth == 1:
            box = dict(boxstyle="round,pad=0.5", facecolor=colour, edgecolor=colour)
            ax.text(x, y, text, ha="right", va="center", multialignment="right", fontsize=11,
                    fontweight="bold", color="white", bbox=box, zorder=3)
        elif has_children:
            box = dict(boxstyle="round,pad=0.45", facecolor="white", edgecolor=colour, linewidth=1.6)
            ax.text(x, y, text, ha="right", va="center", multialignment="right", fontsize=10.5,
                    fontweight="bold", color=style.INK, bbox=box, zorder=3, linespacing=1.1)
        else:
            ax.plot([x + 0.6], [y], marker="o", markersize=4.5, color=colour, zorder=3)
            ax.text(x, y, text, ha="right", va="center", multialignment="right", fontsize=10,
                    color=style.INK, zorder=3, linespacing=1.0)
    return _done(fig)


def _compressed_time(ax, start, cut, end, factor=0.12):
    """An x scale on which the years before ``cut`` take ``factor`` of their width."""
    import numpy as np
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


def milestones(events: pd.DataFrame, title: str, group: str, marks: dict = None, compress_before=None,
               compressed_note: str = None):
    """Dated events over several years, one row each, coloured by ``group``; labels on the right.

    With ``compress_before`` (a year), the years before it are drawn narrow on a grey band,
    so that a few early events do not squeeze the recent ones.
    """
    ordered = events.sort_values("date").reset_index(drop=True)
    height = 1.8 + 0.42 * len(ordered)
    fig, ax = style.figure(_keys(ordered), title=title, size=(9, height))
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
        _compressed_time(ax, start, cut, end)
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
    return _done(fig)
