"""The charts of «تقارب تكتيكي لا استراتيجي» and its sections (chapters/03_*)."""
from __future__ import annotations

import pandas as pd

from ..text import labels, word
from . import screens, style
from .axes import done, panels, source_keys

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



def scorecard(criteria: pd.DataFrame, judgements: dict, title: str):
    """The seven criteria as rows; the report's judgement and ours as coloured cells."""
    from matplotlib.patches import FancyBboxPatch

    rows = criteria.sort_values("position").reset_index(drop=True)
    fig, ax = style.figure(source_keys(rows), title=title, size=(8.6, 1.6 + 0.55 * len(rows)))
    columns = [("report_judgement", word("charts.report_judgement")), ("our_judgement", word("charts.our_judgement"))]
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
    return done(fig)



def unsc_resolutions(resolutions: pd.DataFrame, inaugurations: pd.DataFrame, title: str,
                     presidents: dict, sanctions: dict):
    """The Iran resolutions in order, evenly spaced, coloured by what they did about sanctions,
    over bands showing who was Russia's president on the day (from the inauguration dates)."""
    ordered = resolutions.sort_values("date").reset_index(drop=True)
    swaps = sorted(inaugurations["date"])
    fig, ax = style.figure(source_keys(resolutions, inaugurations), title=title, size=(9.5, 4.0))
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
        ax.text((lo + hi) / 2, 0.92, word("charts.presidency", name=presidents[name]), ha="center", va="center", fontsize=10)
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
    ax.set_xticks(range(len(ordered)), [word("charts.resolution", number=r, month=labels.format_month(d))
                                         for r, d in zip(ordered["resolution"], ordered["date"])], fontsize=9)
    for key, colour in colours.items():
        ax.scatter([], [], s=60, color=colour, label=sanctions[key])
    ax.set_ylim(0, 1)
    ax.set_xlim(-0.6, len(ordered) - 0.4)
    ax.set_yticks([])
    ax.tick_params(axis="x", length=0)
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.grid(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=screens.columns(3), frameon=False, fontsize=9)
    return done(fig)



def arms_by_year(arms: pd.DataFrame, groups: dict, title: str, marks: dict, notes: dict, labels_: dict):
    """Russia's deliveries to Iran by year, stacked by weapon group; Iran's to Russia below zero."""
    import numpy as np

    to_iran = arms[(arms["supplier"] == "Russia") & (arms["recipient"] == "Iran")]
    to_russia = arms[(arms["supplier"] == "Iran") & (arms["recipient"] == "Russia")]
    years = np.arange(2000, int(arms["delivery_year"].max()) + 1)
    fig, ax = style.figure(source_keys(to_iran, to_russia), title=title, size=(9.5, 4.8))
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
    ax.legend(loc="upper center", frameon=False, fontsize=9, ncol=screens.columns(4), bbox_to_anchor=(0.5, -0.1))
    return done(fig)



def arms_by_recipient(arms: pd.DataFrame, names: dict, title: str, split: int, labels_: dict):
    """Russia's deliveries 2000 on, by recipient, split before and after a year."""
    import numpy as np

    russia = arms[arms["supplier"] == "Russia"]
    fig, ax = style.figure(source_keys(russia), title=title, size=(8.6, 3.8))
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
    return done(fig)



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
    fig, ax = style.figure(source_keys(output), title=title, size=(9, 4.4))
    _country_lines(ax, output, "oil_prod_kbd", names, ["Saudi Arabia", "USSR", "Russian Federation", "Iran"])
    for when, text in marks.items():
        ax.axvline(when, color=style.INK, lw=1, ls="--")
        ax.annotate(text, (when, 0.03), xycoords=("data", "axes fraction"), xytext=(-4, 0),
                    textcoords="offset points", ha="right", va="bottom", fontsize=9)
    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.set_xlim(1965, int(output["year"].max()))
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    return done(fig)



def two_fuels(frame: pd.DataFrame, names: dict, title: str, columns: dict, countries=("USSR", "Russian Federation", "Iran"),
              percent=False, extra=None):
    """Oil (right panel) and gas (left panel) for Iran and Russia; ``columns`` maps each fuel to
    (column, panel title, y label).  ``extra``: {fuel: (frame, column, label)} dashed reference lines."""
    frames = [frame] + ([e[0] for e in (extra or {}).values()])
    fig, right, left = panels(source_keys(*frames), title, size=(10.5, 4.4))
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
    if screens.current().legend_columns:
        # A phone: the figure's bottom row is the source line's, its top the title's; the
        # legend hangs under the right (oil) panel, where the layout makes room for it.
        right.legend(handles, names_, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=1,
                     frameon=False, fontsize=9)
    else:
        fig.legend(handles, names_, loc="outside lower center", ncol=len(handles), frameon=False, fontsize=9)
    return done(fig)
