"""Verdict tables drawn from the one claims register, data/claims.csv.

A claim is judged once, in that table; every chapter shows its section's rows
through :func:`verdict_table`, so two chapters can never disagree about a claim.
:func:`tally` counts the claims per verdict for the landing page.
"""
from __future__ import annotations

from html import escape

from .. import data
from ..figures import markdown, style, tables
from ..figures.frame import VERDICT_COLOURS
from ..text import word, words

VERDICTS = words("verdicts")


def register():
    claims = data.load("claims")
    return claims.assign(verdict_ar=claims["verdict"].map(VERDICTS))


def verdict_table(sections, caption: str, name: str) -> tables.Table:
    """What the report says, what the evidence shows, and our verdict, for some sections."""
    sections = [sections] if isinstance(sections, str) else list(sections)
    claims = register()
    unknown = set(sections) - set(claims["section"])
    if unknown:
        raise KeyError(f"no claims for section(s) {', '.join(sorted(unknown))} in claims.csv")
    chosen = claims[claims["section"].isin(sections)].sort_values(["seed_line", "claim_id"])
    return tables.Table(chosen, words("tables.claims"), caption=caption, name=name, widths=(30, 42, 12, 16))


# ------------------------------------------------------------------ the landing page's tally

def verdict_categories() -> list[str]:
    """The verdicts a claim may have: the `enum` of claims.csv's `verdict` field in
    datapackage.json, in the catalogue's order; one the catalogue cannot name is an error."""
    field = next(f for f in data.resource("claims")["schema"]["fields"] if f["name"] == "verdict")
    allowed = field.get("constraints", {}).get("enum")
    if not allowed:
        raise KeyError("datapackage.json: claims.verdict has no enum of verdicts")
    unnamed = [v for v in allowed if v not in VERDICTS]
    if unnamed:
        raise KeyError(f"verdicts without a name in the catalogue [verdicts]: {', '.join(unnamed)}")
    return [v for v in VERDICTS if v in allowed]


def _colours(categories) -> dict:
    """Each verdict's colour: the claims chart's, then unused palette colours for new ones."""
    spare = iter(c for c in style.PALETTE.values() if c not in VERDICT_COLOURS.values())
    return {v: VERDICT_COLOURS.get(v) or next(spare, style.PALETTE["grey"]) for v in categories}


class Tally:
    """Claims per verdict as one stacked bar with its legend (the landing page).

    The book renders the Markdown form: a caption linking the register, the bar (hidden
    from screen readers, which read the legend instead) and the legend with each count.
    """

    def __init__(self, counts: dict):
        self.counts = counts  # verdict -> number of claims, in the catalogue's order
        self.total = sum(counts.values())
        self.colours = _colours(counts)

    def _repr_markdown_(self) -> str:
        segments = "".join(
            f'<span data-verdict="{escape(v)}" style="flex-grow:{n};background:{self.colours[v]};'
            f'color:{style.ink_on(self.colours[v])}">{n}</span>'
            for v, n in self.counts.items() if n)
        keys = "".join(
            f'<li data-verdict="{escape(v)}"><span class="landing-tally-key" style="background:{self.colours[v]}"></span>'
            f'<span class="landing-tally-label">{escape(VERDICTS[v])}</span> '
            f'<span class="landing-tally-count">{n}</span></li>' for v, n in self.counts.items())
        head = word("landing.tally_head", total=self.total, register=markdown.ref("ch-claims"))
        return "\n".join([
            "```{container} landing-tally", head, "",
            f'<div class="landing-tally-bar" aria-hidden="true">{segments}</div>', "",
            f'<ul class="landing-tally-legend" aria-label="{escape(word("landing.tally_legend"))}">{keys}</ul>',
            "```"])

    def __repr__(self) -> str:
        head = word("landing.tally_head", total=self.total, register=word("landing.register"))
        return "\n".join([head] + [f"{VERDICTS[v]}: {n}" for v, n in self.counts.items()])


def tally() -> Tally:
    """How many claims of the register have each verdict (zero for a verdict none has)."""
    counts = register()["verdict"].value_counts()
    return Tally({v: int(counts.get(v, 0)) for v in verdict_categories()})
