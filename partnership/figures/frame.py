"""The charts of the book's frame: the claims register by section and the report's mind map."""
from __future__ import annotations

import pandas as pd
from matplotlib import ticker

from ..text import word
from . import screens, style
from .axes import done, wrap

VERDICT_COLOURS = {
    "confirmed": style.PALETTE["green"],
    "partly": style.PALETTE["orange"],
    "contradicted": style.PALETTE["vermillion"],
    "untested": style.PALETTE["blue"],
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
    ax.set_xlabel(word("charts.claims_axis"))
    ax.spines[["left", "top"]].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=screens.columns(len(VERDICT_COLOURS)), frameon=False,
              reverse=True)
    return done(fig)



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
        return wrap(text, width).count("\n") + 1

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
        text = wrap(node["label_ar"], width)
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
    return done(fig)
