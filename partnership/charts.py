"""The book's recurring chart types, drawn in the house style.

Each function takes a validated frame (from :func:`partnership.data.load`) and draws
the sources from its ``source`` column, so a chart cannot lose its source line.
"""
from __future__ import annotations

import matplotlib
import matplotlib.dates as mdates
import matplotlib.lines
import matplotlib.pyplot as plt
from matplotlib import ticker
import pandas as pd

from . import labels, refs, style


def _keys(*frames: pd.DataFrame) -> list[str]:
    """Every source key in some frames' ``source`` columns, in first-seen order."""
    return refs.unique_keys(cell for frame in frames for cell in frame["source"])


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


# --- The hindsight chapter (chapters/05_hindsight): the report against later events ---

HINDSIGHT_VERDICT_COLOURS = {
    "held": style.PALETTE["green"],
    "partly": style.PALETTE["orange"],
    "failed": style.PALETTE["vermillion"],
    "too_early": style.PALETTE["grey"],
}
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


def hindsight_timeline(scorecard: pd.DataFrame, links: pd.DataFrame, bearing_labels: dict,
                       certainty_labels: dict, title: str, written=("2023-01-01", "2023-02-28")):
    """One lane per judgement of the report: made when it was written, then the events.

    Each lane starts with a diamond at the report's (approximate) date; each later event
    that bears on the judgement is a marker at its date, coloured by how it bears and
    filled or hollow by how firmly it is established, with its number in the events
    table above it, pushed sideways (or below) when a neighbour is too close.
    """
    items = scorecard.reset_index(drop=True)
    keys = _keys(items, links)
    n = len(items)
    fig, ax = style.figure(keys, title=title, size=(9, 2.6 + 0.62 * n))
    style.source_note(fig, keys, width=125)
    start, end = pd.Timestamp(written[0]), pd.Timestamp(written[1])
    made = start + (end - start) / 2
    last = links["date"].max()
    ax.axvspan(start, end, color="#E8E8E8", zorder=0)
    ax.annotate("كتابة التقرير (تقديراً)", (made, 1), xycoords=("data", "axes fraction"),
                xytext=(0, 4), textcoords="offset points", ha="center", va="bottom", fontsize=8.5)
    for i, row in items.iterrows():
        y = n - 1 - i
        lane = links[links["item_id"] == row["item_id"]].sort_values(["date", "number"])
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
            text = "، ".join(str(v) for v in cluster["number"])
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
    kinds = [plt.Line2D([], [], marker="D", ls="", color=style.INK, label="حكم التقرير أو توقعه")]
    kinds += [plt.Line2D([], [], marker="o", ls="", color=c, markersize=7, label=bearing_labels[b])
              for b, c in HINDSIGHT_BEARING_COLOURS.items()]
    firmness = [plt.Line2D([], [], marker=m, ls="", markersize=7, markeredgewidth=1.4,
                           markerfacecolor=style.INK if filled else "white", markeredgecolor=style.INK,
                           label=certainty_labels[c])
                for c, (m, filled) in HINDSIGHT_CERTAINTY_MARKERS.items()]
    first = ax.legend(handles=kinds[::-1], loc="upper center", bbox_to_anchor=(0.5, -0.06),
                      ncol=len(kinds), frameon=False, fontsize=8.5, columnspacing=1.2, handletextpad=0.3)
    ax.add_artist(first)
    ax.legend(handles=firmness[::-1], loc="upper center", bbox_to_anchor=(0.5, -0.13),
              ncol=len(firmness), frameon=False, fontsize=8.5, columnspacing=1.2, handletextpad=0.3)
    return _done(fig)


def hindsight_scorecard(scorecard: pd.DataFrame, links: pd.DataFrame, verdict_labels: dict,
                        bearing_labels: dict, title: str):
    """The verdict on each judgement, and beside it one square per event behind it.

    Reading from the right: the judgement, our verdict, then the events that bear on
    it, from those that bear the report out to those that go against it.
    """
    items = scorecard.reset_index(drop=True)
    order = list(HINDSIGHT_BEARING_COLOURS)
    widest = int(links.groupby("item_id").size().max())
    keys = _keys(items, links)
    n = len(items)
    fig, ax = style.figure(keys, title=title, size=(9, 3.6 + 0.42 * n))
    style.source_note(fig, keys, width=112)
    tag_x = 2.2
    for i, row in items.iterrows():
        y = n - 1 - i
        lane = links[links["item_id"] == row["item_id"]].copy()
        lane["rank"] = lane["bearing"].map(order.index)
        for k, bearing in enumerate(lane.sort_values(["rank", "date"])["bearing"]):
            ax.add_patch(plt.Rectangle((-1.0 - k, y - 0.38), 0.76, 0.76, zorder=3,
                                       facecolor=HINDSIGHT_BEARING_COLOURS[bearing], edgecolor="none"))
        ax.text(tag_x, y, verdict_labels[row["verdict"]], ha="center", va="center", fontsize=8.5,
                color=style.ink_on(HINDSIGHT_VERDICT_COLOURS[row["verdict"]]), zorder=5,
                bbox={"boxstyle": "round,pad=0.25", "facecolor": HINDSIGHT_VERDICT_COLOURS[row["verdict"]],
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
    ax.legend(handles=handles[::-1], loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=len(handles),
              frameon=False, fontsize=8.5, columnspacing=1.2, handletextpad=0.4)
    return _done(fig)


def stated_shares(shares: pd.DataFrame, bound_labels: dict, title: str, ylabel: str,
                  written=("2023-01-01", "2023-02-28")):
    """Officials' stated percentages over time, one marker per statement, not a series.

    The marker says how the figure was put («about» or «over»); the shaded band marks
    the report's writing.  Labels of statements close in time and value alternate above and below.
    """
    ordered = shares.sort_values("date").reset_index(drop=True)
    fig, ax = style.figure(_keys(ordered), title=title, size=(9, 4.4))
    ax.axvspan(pd.Timestamp(written[0]), pd.Timestamp(written[1]), color="#E8E8E8", zorder=0)
    ax.annotate("كتابة التقرير (تقديراً)", (pd.Timestamp(written[0]), 0.02),
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
                        color=style.ink_on(colour), zorder=3)
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
                    fontweight="bold", color=style.ink_on(colour), bbox=box, zorder=3)
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


# --- Tactical, not strategic: ch-tactical, ch-history, ch-gulf, ch-israel, ch-energy ---------

JUDGEMENT_COLOURS = {
    "met": style.PALETTE["green"],
    "partly": style.PALETTE["orange"],
    "unmet": style.PALETTE["vermillion"],
    "undetermined": style.PALETTE["grey"],
}
COUNTRY_COLOURS = {
    "Iran": style.PALETTE["vermillion"],
    "Russian Federation": style.PALETTE["blue"],
    "USSR": style.PALETTE["blue"],
    "Saudi Arabia": style.PALETTE["green"],
}


def _panels(keys, title: str, size=(10, 4.2)):
    """Two side-by-side axes under one title and one source line; the first returned is the right one."""
    fig, ax = style.figure(keys, size=size)
    ax.remove()
    left, right = fig.subplots(1, 2)
    fig.suptitle(title, x=0.99, ha="right", fontsize=13)
    return fig, right, left


def scorecard(criteria: pd.DataFrame, judgements: dict, title: str):
    """The seven criteria as rows; the report's judgement and ours as coloured cells."""
    from matplotlib.patches import FancyBboxPatch

    rows = criteria.sort_values("position").reset_index(drop=True)
    fig, ax = style.figure(_keys(rows), title=title, size=(8.6, 1.6 + 0.55 * len(rows)))
    columns = [("report_judgement", "حكم التقرير"), ("our_judgement", "حكمنا")]
    for x, (column, head) in zip((1, 0), columns):  # the report first, at the right (reading) edge
        ax.text(x, -0.75, head, ha="center", va="center", fontsize=11, fontweight="bold")
        for y, value in enumerate(rows[column]):
            colour = JUDGEMENT_COLOURS[value]
            ax.add_patch(FancyBboxPatch((x - 0.44, y - 0.36), 0.88, 0.72, boxstyle="round,pad=0.02",
                                        facecolor=colour, edgecolor="none"))
            ax.text(x, y, judgements[value], ha="center", va="center", color=style.ink_on(colour), fontsize=10)
    ax.set_xlim(-0.55, 1.55)
    ax.set_ylim(len(rows) - 0.5, -1.2)
    ax.set_yticks(range(len(rows)), rows["criterion_ar"])
    ax.yaxis.tick_right()
    ax.tick_params(axis="both", length=0)
    ax.set_xticks([])
    ax.grid(False)
    ax.spines[["left", "right", "top", "bottom"]].set_visible(False)
    return _done(fig)


def _decimal_year(stamps: pd.Series) -> pd.Series:
    return stamps.dt.year + (stamps.dt.day_of_year - 1) / 365.25


def long_timeline(events: pd.DataFrame, title: str, topics: dict, gap=None, ticks=None):
    """Events over decades or centuries: one row each, coloured by topic; ``gap`` (from, to)
    squeezes an empty stretch of years into a short, marked break."""
    import numpy as np

    ordered = events.sort_values(["date", "event_id"]).reset_index(drop=True)
    fig, ax = style.figure(_keys(ordered), title=title, size=(9.5, 1.6 + 0.3 * len(ordered)))
    x = _decimal_year(ordered["date"]).astype(float).to_numpy()
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
    return _done(fig)


def unsc_resolutions(resolutions: pd.DataFrame, inaugurations: pd.DataFrame, title: str,
                     presidents: dict, sanctions: dict):
    """The Iran resolutions in order, evenly spaced, coloured by what they did about sanctions,
    over bands showing who was Russia's president on the day (from the inauguration dates)."""
    ordered = resolutions.sort_values("date").reset_index(drop=True)
    swaps = sorted(inaugurations["date"])
    fig, ax = style.figure(_keys(resolutions, inaugurations), title=title, size=(9.5, 4.0))
    colours = {"imposed": style.PALETTE["vermillion"], "none": style.PALETTE["grey"],
               "lifted": style.PALETTE["green"]}
    # Who was president: count the inaugurations before each date (Putin first, then alternating).
    terms = [sum(date >= swap for swap in swaps) for date in ordered["date"]]
    groups = []
    for i, term in enumerate(terms):
        if groups and groups[-1][0] == term:
            groups[-1][2] = i
        else:
            groups.append([term, i, i])
    for term, lo, hi in groups:
        name = "Putin" if term % 2 == 0 else "Medvedev"
        ax.axvspan(lo - 0.45, hi + 0.45, color="#F2F2F2" if name == "Putin" else "#E3ECF5", lw=0, zorder=0)
        ax.text((lo + hi) / 2, 0.92, f"رئاسة {presidents[name]}", ha="center", va="center", fontsize=10)
        check = ordered.loc[lo:hi, "russia_president"]
        if set(check) != {name}:
            raise ValueError(f"resolutions {list(ordered.loc[lo:hi, 'resolution'])}: president column disagrees "
                             "with the inauguration dates")
    for i, row in ordered.iterrows():
        ax.vlines(i, 0, 0.45, color="#BBBBBB", lw=0.8, zorder=1)
        ax.scatter([i], [0.45], s=110, color=colours[row["sanctions"]], zorder=3)
        vote = f"{row['votes_for']}-{row['votes_against']}-{row['abstentions']}"
        ax.annotate(vote, (i, 0.45), xytext=(0, 10), textcoords="offset points", ha="center", va="bottom",
                    fontsize=9)
    ax.set_xticks(range(len(ordered)), [f"القرار {r}\n{labels.format_month(d)}"
                                         for r, d in zip(ordered["resolution"], ordered["date"])], fontsize=9)
    for key, colour in colours.items():
        ax.scatter([], [], s=60, color=colour, label=sanctions[key])
    ax.set_ylim(0, 1)
    ax.set_xlim(-0.6, len(ordered) - 0.4)
    ax.set_yticks([])
    ax.tick_params(axis="x", length=0)
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.grid(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=3, frameon=False, fontsize=9)
    return _done(fig)


def arms_by_year(arms: pd.DataFrame, groups: dict, title: str, marks: dict, notes: dict, labels_: dict):
    """Russia's deliveries to Iran by year, stacked by weapon group; Iran's to Russia below zero."""
    import numpy as np

    to_iran = arms[(arms["supplier"] == "Russia") & (arms["recipient"] == "Iran")]
    to_russia = arms[(arms["supplier"] == "Iran") & (arms["recipient"] == "Russia")]
    years = np.arange(2000, int(arms["delivery_year"].max()) + 1)
    fig, ax = style.figure(_keys(to_iran, to_russia), title=title, size=(9.5, 4.8))
    grouped = to_iran.assign(group=to_iran["category"].map(groups)).pivot_table(
        index="delivery_year", columns="group", values="tiv_delivered", aggfunc="sum").reindex(years).fillna(0)
    palette = [style.PALETTE[c] for c in ("blue", "green", "purple", "orange", "grey", "vermillion")]
    bottom = np.zeros(len(years))
    order = [g for g in dict.fromkeys(groups.values()) if g in grouped.columns]
    for colour, group in zip(palette, order):
        ax.bar(years, grouped[group].to_numpy(dtype=float), bottom=bottom, color=colour, width=0.75,
               label=group, zorder=2)
        bottom += grouped[group].to_numpy(dtype=float)
    back = to_russia.groupby("delivery_year")["tiv_delivered"].sum().reindex(years).fillna(0)
    ax.bar(years, -back.to_numpy(dtype=float), color="white", edgecolor=style.INK, hatch="///", width=0.75,
           label=labels_["to_russia"], zorder=2)
    ax.axhline(0, color=style.INK, lw=0.8)
    for when, text in marks.items():
        ax.axvline(when, color=style.INK, lw=1, ls="--", zorder=3)
        ax.annotate(text, (when, 1), xycoords=("data", "axes fraction"), xytext=(-4, -4),
                    textcoords="offset points", ha="right", va="top", fontsize=9)
    for year, text in notes.items():
        ax.annotate(text, (year + 0.4, bottom[list(years).index(year)]), xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=9)
    ax.set_ylim(-1.25 * max(back.max(), 1), 1.22 * bottom.max())
    ax.set_xticks(years[::2], [str(y) for y in years[::2]])
    ax.set_ylabel(labels_["y"])
    ax.yaxis.set_major_formatter(lambda v, _: f"{abs(v):,.0f}")
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper center", frameon=False, fontsize=9, ncol=4, bbox_to_anchor=(0.5, -0.1))
    return _done(fig)


def arms_by_recipient(arms: pd.DataFrame, names: dict, title: str, split: int, labels_: dict):
    """Russia's deliveries 2000 on, by recipient, split before and after a year."""
    import numpy as np

    russia = arms[arms["supplier"] == "Russia"]
    fig, ax = style.figure(_keys(russia), title=title, size=(8.6, 3.8))
    before = russia[russia["delivery_year"] < split].groupby("recipient")["tiv_delivered"].sum()
    after = russia[russia["delivery_year"] >= split].groupby("recipient")["tiv_delivered"].sum()
    totals = before.add(after, fill_value=0).sort_values()
    y = np.arange(len(totals))
    first = before.reindex(totals.index).fillna(0).to_numpy(dtype=float)
    second = after.reindex(totals.index).fillna(0).to_numpy(dtype=float)
    ax.barh(y, first, color=style.PALETTE["blue"], label=labels_["before"], zorder=2)
    ax.barh(y, second, left=first, color=style.PALETTE["orange"], label=labels_["after"], zorder=2)
    for yy, total in zip(y, totals.to_numpy(dtype=float)):
        ax.annotate(f"{total:,.0f}", (total, yy), xytext=(4, 0), textcoords="offset points", va="center",
                    fontsize=9)
    ax.set_yticks(y, [names[r] for r in totals.index])
    ax.set_xlabel(labels_["x"])
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.set_xlim(0, totals.max() * 1.12)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", frameon=False, fontsize=9)
    return _done(fig)


def _country_lines(ax, frame: pd.DataFrame, column: str, names: dict, countries):
    for country in countries:
        part = frame[frame["country"] == country].sort_values("year")
        part = part[part[column].notna()]
        if part.empty:
            continue
        ls = ":" if country == "USSR" else "-"
        label = names[country]
        ax.plot(part["year"], part[column].astype(float), color=COUNTRY_COLOURS[country], ls=ls, lw=1.8,
                label=label)


def oil_producers(output: pd.DataFrame, names: dict, title: str, marks: dict, ylabel: str):
    """Oil production of Saudi Arabia, Russia (USSR before 1985, dotted) and Iran."""
    fig, ax = style.figure(_keys(output), title=title, size=(9, 4.4))
    _country_lines(ax, output, "oil_prod_kbd", names, ["Saudi Arabia", "USSR", "Russian Federation", "Iran"])
    for when, text in marks.items():
        ax.axvline(when, color=style.INK, lw=1, ls="--")
        ax.annotate(text, (when, 0.03), xycoords=("data", "axes fraction"), xytext=(-4, 0),
                    textcoords="offset points", ha="right", va="bottom", fontsize=9)
    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.set_xlim(1965, int(output["year"].max()))
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    return _done(fig)


def two_fuels(frame: pd.DataFrame, names: dict, title: str, columns: dict, countries=("USSR", "Russian Federation", "Iran"),
              percent=False, extra=None):
    """Oil (right panel) and gas (left panel) for Iran and Russia; ``columns`` maps each fuel to
    (column, panel title, y label).  ``extra``: {fuel: (frame, column, label)} dashed reference lines."""
    frames = [frame] + ([e[0] for e in (extra or {}).values()])
    fig, right, left = _panels(_keys(*frames), title, size=(10.5, 4.4))
    for ax, fuel in ((right, "oil"), (left, "gas")):
        column, panel, ylabel = columns[fuel]
        _country_lines(ax, frame, column, names, countries)
        if extra and fuel in extra:
            other, col, label = extra[fuel]
            part = other[other[col].notna()].sort_values("year")
            ax.plot(part["year"], part[col].astype(float), color=style.PALETTE["grey"], ls="--", lw=1.4, label=label)
        ax.set_title(panel, loc="right", fontsize=11)
        ax.set_ylabel(ylabel)
        if percent:
            ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0f}%")
        else:
            ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
        ax.axhline(0, color=style.INK, lw=0.6)
        ax.set_xlim(1965, int(frame["year"].max()))
    handles, names_ = right.get_legend_handles_labels()
    fig.legend(handles, names_, loc="outside lower center", ncol=len(handles), frameon=False, fontsize=9)
    return _done(fig)


# --- Drivers of cooperation (chapters 02_*) ----------------------------------------

def _label_right(ax):
    """Category labels on the right-hand axis, the reading edge of an Arabic page."""
    ax.yaxis.tick_right()
    ax.tick_params(axis="y", length=0)
    ax.spines[["left", "top"]].set_visible(False)


def gas_reserves_editions(bp: pd.DataFrame, ei: pd.DataFrame, title: str, claim: float = None,
                          claim_label: str = None, year: int = 2020):
    """Shares of world proved gas reserves of the end-of-year top ten, one bar per edition."""
    rows = bp[(bp["year"] == year) & bp["rank_2020"].notna()].sort_values("rank_2020")
    other = ei[(ei["year"] == year) & ei["rank_2020"].notna()].set_index("country")
    keys = _keys(pd.concat([rows, ei]))
    fig, ax = style.figure(keys, title=title, size=(9, 5.6))
    y = list(range(len(rows) - 1, -1, -1))
    height = 0.38
    for offset, (label, values, colour) in enumerate([
        ("bp 2021", rows["world_share_pct"].to_numpy(), style.PALETTE["blue"]),
        ("معهد الطاقة 2024", other.loc[rows["country"], "world_share_pct"].to_numpy(), style.PALETTE["green"]),
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
    ax.set_xlabel(f"الحصة من الاحتياطي العالمي المؤكد في نهاية {year} (%)")
    ax.set_xlim(0, max(rows["world_share_pct"].max(), claim or 0) * 1.15)
    ax.grid(axis="y", visible=False)
    _label_right(ax)
    ax.legend(loc="lower right", frameon=False)
    return _done(fig)


def gas_share_history(bp: pd.DataFrame, ei: pd.DataFrame, countries: list, title: str,
                      first_year: int = 1991, claim: float = None, claim_label: str = None,
                      old_edition: dict = None, old_source: str = None):
    """Each country's share of world gas reserves by year in both editions.

    The bp 2021 series is a solid line; the Energy Institute 2024 series is drawn over it
    as a white dashed line, so where the two coincide the line looks striped. ``old_edition``
    maps a country to (year, share, label, (dx, dy)): a figure printed in an older edition,
    drawn as a hollow marker so the revision between editions is visible.
    """
    keys = _keys(pd.concat([bp, ei])) + ([old_source] if old_source else [])
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
        matplotlib.lines.Line2D([], [], color=style.PALETTE["grey"], lw=2.6, label="bp 2021"),
        matplotlib.lines.Line2D([], [], color=style.PALETTE["grey"], lw=2.6, ls=(0, (2, 2)),
                                label="معهد الطاقة 2024 (فوقه)"),
    ]
    ax.legend(handles=handles, loc="upper right", frameon=False, fontsize=9)
    ax.set_ylabel("الحصة من الاحتياطي العالمي (%)")
    ax.set_xlim(first_year - 0.5, 2023)
    ax.xaxis.set_major_locator(ticker.MultipleLocator(5))
    return _done(fig)


def hormuz_shares(flows: pd.DataFrame, title: str, claim: float = 40, claim_label: str = None):
    """The strait's oil flow as a share of seaborne trade and of world supply, against a claim."""
    shares = flows.assign(
        seaborne=flows["hormuz_mbd"] / flows["seaborne_mbd"] * 100,
        supply=flows["hormuz_mbd"] / flows["world_supply_mbd"] * 100,
    )
    fig, ax = style.figure(_keys(flows), title=title, size=(9, 4.4))
    x = shares["year"].astype(int).to_numpy()
    width = 0.38
    for offset, (column, label, colour) in enumerate([
        ("seaborne", "من تجارة النفط البحرية", style.PALETTE["blue"]),
        ("supply", "من الإمدادات العالمية", style.PALETTE["green"]),
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
    ax.set_ylabel("حصة النفط العابر لمضيق هرمز")
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper right", frameon=False, ncols=2)
    return _done(fig)


def timeline_years(events: pd.DataFrame, title: str, groups: dict = None, colours: dict = None):
    """Events over several years, one row each, earliest at the top; labels on the right.

    ``groups`` maps event_id -> group name; each group gets its colour and a legend entry.
    """
    ordered = events.sort_values("date").reset_index(drop=True)
    height = 1.4 + 0.42 * len(ordered)
    fig, ax = style.figure(_keys(ordered), title=title, size=(9, height))
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
    _label_right(ax)
    ax.spines["right"].set_visible(False)
    first, last = ordered["date"].min().year, ordered["date"].max().year
    ax.set_xlim(pd.Timestamp(f"{first}-01-01"), pd.Timestamp(f"{last}-12-31"))
    span = last - first + 1
    ax.xaxis.set_major_locator(mdates.YearLocator(1 if span <= 12 else 2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    if any(names):
        ax.legend(loc="upper right", frameon=False)
    return _done(fig)


IDEAL_COLOURS = {"USA": "blue", "RUS": "vermillion", "IRN": "green"}


def ideal_points(points: pd.DataFrame, title: str, marks: dict = None):
    """Ideal points by session, with the 5-95% band of each estimate."""
    fig, ax = style.figure(_keys(points), title=title, size=(9, 4.8))
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
    ax.set_ylabel("النقطة المثلى (الأعلى أقرب إلى موقف الولايات المتحدة)")
    ax.set_xlabel("سنة افتتاح الدورة")
    return _done(fig)


def ideal_distances(points: pd.DataFrame, title: str, first_year: int = 1946, marks: dict = None):
    """|Russia - Iran| and |Russia - USA| by session: which of the two Moscow sits nearer."""
    wide = points.pivot(index="year", columns="iso3c", values="ideal_point")
    wide = wide[wide.index >= first_year]
    fig, ax = style.figure(_keys(points), title=title, size=(9, 4.4))
    pairs = [
        ((wide["RUS"] - wide["IRN"]).abs(), "روسيا–إيران", style.PALETTE["green"]),
        ((wide["RUS"] - wide["USA"]).abs(), "روسيا–الولايات المتحدة", style.PALETTE["blue"]),
    ]
    for series, label, colour in pairs:
        ax.plot(series.index, series.to_numpy(), color=colour, lw=2, label=label)
    nearer_iran = pairs[0][0] < pairs[1][0]
    ax.fill_between(wide.index, 0, 1, where=nearer_iran.to_numpy(), transform=ax.get_xaxis_transform(),
                    color=style.PALETTE["green"], alpha=0.08, lw=0, label="روسيا أقرب إلى إيران")
    for year, text in (marks or {}).items():
        ax.axvline(year, color=style.INK, lw=0.9, ls="--", zorder=1)
        ax.annotate(text, (year, 1), xycoords=("data", "axes fraction"), xytext=(-3, -3),
                    textcoords="offset points", ha="right", va="top", fontsize=8.5)
    ax.set_ylim(0, None)
    ax.set_ylabel("المسافة بين النقطتين المثليين")
    ax.set_xlabel("سنة افتتاح الدورة")
    ax.legend(loc="lower left", frameon=False, fontsize=9)
    return _done(fig)


def unhcr_stacked(frame: pd.DataFrame, title: str, claim: float = None, claim_label: str = None,
                  marks: dict = None, claim_label_at: int = None):
    """Afghans in Iran by UNHCR category, stacked by year, with the report's figure as a line."""
    years = frame.sort_values("year")
    fig, ax = style.figure(_keys(years), title=title, size=(9, 4.8))
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
    ax.set_ylabel("ملايين الأشخاص")
    ax.set_ylim(0, bottom.max() / 1e6 * 1.25)
    ax.xaxis.set_major_locator(ticker.MultipleLocator(5))
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left", frameon=False, fontsize=8.5)
    return _done(fig)


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
    for when, text in (marks or {}).items():
        stamp = pd.Timestamp(when)
        ax.axvline(stamp, color=style.PALETTE["vermillion"], lw=1.1, ls="--", zorder=1)
        ax.annotate(text, (stamp, 0.04), xycoords=("data", "axes fraction"), xytext=(4, 0),
                    textcoords="offset points", ha="left", va="bottom", fontsize=8.5,
                    color=style.text_colour(style.PALETTE["vermillion"]))
    ax.set_ylim(0, members["members"].max() + 12)
    ax.set_xlim(pd.Timestamp("1946-01-01"), pd.Timestamp(until))
    ax.xaxis.set_major_locator(mdates.YearLocator(10))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_ylabel("عدد الدول الأعضاء")
    return _done(fig)


def vetoes_by_year(vetoes: pd.DataFrame, member: str, title: str, highlight: str = "Syria",
                   marks: dict = None):
    """One member's vetoes per year, the highlighted topic in colour, every other topic grey."""
    cast = vetoes[vetoes[member] == 1].assign(year=lambda f: f["date"].dt.year)
    years = range(int(vetoes["date"].dt.year.min()), int(vetoes["date"].dt.year.max()) + 1)
    hot = cast[cast["crisis_topic"] == highlight].groupby("year").size().reindex(years, fill_value=0)
    rest = cast[cast["crisis_topic"] != highlight].groupby("year").size().reindex(years, fill_value=0)
    fig, ax = style.figure(_keys(vetoes), title=title, size=(9, 4.4))
    ax.bar(list(years), rest.to_numpy(), color="#BBBBBB", label="موضوعات أخرى", zorder=2)
    ax.bar(list(years), hot.to_numpy(), bottom=rest.to_numpy(), color=style.PALETTE["vermillion"],
           label=labels.VETO_TOPICS.get(highlight, highlight), zorder=2)
    others = cast[cast["crisis_topic"] != highlight]
    for year, group in others.groupby("year"):
        names = "، ".join(dict.fromkeys(labels.VETO_TOPICS.get(t, t) for t in group["crisis_topic"]))
        ax.annotate(names, (year, len(group) / 2), ha="center", va="center", fontsize=7, rotation=90)
    for when, text in (marks or {}).items():
        ax.axvline(when, color=style.INK, lw=0.9, ls="--", zorder=1)
        ax.annotate(text, (when, 1), xycoords=("data", "axes fraction"), xytext=(-3, -3),
                    textcoords="offset points", ha="right", va="top", fontsize=8.5)
    ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.set_ylabel("مشاريع قرارات أسقطها الفيتو")
    ax.xaxis.set_major_locator(ticker.MultipleLocator(5))
    ax.set_xlim(min(years) - 0.8, max(years) + 0.8)
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left", frameon=False)
    return _done(fig)
