"""Verdict tables drawn from the one claims register, data/claims.csv.

A claim is judged once, in that table. Every verdict a page shows is a *mark* made
here from the register (:func:`mark`): in a chapter's table (:func:`verdict_table`),
in the summary, in the hindsight chapter and in prose (:func:`verdict`, pasted with
``{glue:md}``). The mark carries the claim id and the verdict as ``data-`` attributes,
so a test can read every verdict of the built book back and compare it with the
register. :func:`tally` counts the claims per verdict for the landing page.
"""
from __future__ import annotations

from html import escape

import pandas as pd

from .. import data
from ..data import location
from ..figures import markdown, style, tables
from ..figures.frame import VERDICT_COLOURS
from ..text import labels, word, words

VERDICTS = words("verdicts")


def mark(claim_id: str, verdict: str) -> str:
    """The verdict's label as inline HTML that names its claim (ids and verdicts are
    schema-checked, and escaped all the same)."""
    return (f'<span class="verdict" data-claim="{escape(claim_id)}" data-verdict="{escape(verdict)}">'
            f"{escape(VERDICTS[verdict])}</span>")


def register():
    """The register, each verdict's label a :class:`~partnership.figures.tables.Marked`
    cell whose Markdown form is the claim's mark."""
    claims = data.load("claims")
    return claims.assign(verdict_ar=[tables.Marked(VERDICTS[v], mark(c, v))
                                     for c, v in zip(claims["claim_id"], claims["verdict"])])


class Verdict:
    """One claim's verdict for a sentence of prose: its mark in the book, its label elsewhere."""

    def __init__(self, claim_id: str, verdict: str):
        self.claim_id, self.verdict = claim_id, verdict

    def _repr_markdown_(self) -> str:
        return f"**{mark(self.claim_id, self.verdict)}**"

    def __repr__(self) -> str:
        return VERDICTS[self.verdict]


def verdict(claim_id: str) -> Verdict:
    """The register's verdict on one claim; an unknown id is an error, not a blank."""
    claims = data.load("claims").set_index("claim_id")
    if claim_id not in claims.index:
        raise KeyError(f"claim '{claim_id}' is not in claims.csv")
    return Verdict(claim_id, claims.loc[claim_id, "verdict"])


def forecasts(claims: pd.DataFrame | None = None) -> pd.DataFrame:
    """The register's forecasts (of ``claims``, the register already read, if given), in
    the report's order; each must carry a short label."""
    claims = register() if claims is None else claims
    chosen = claims[claims["kind"] == "forecast"].sort_values(["seed_line", "claim_id"])
    unlabelled = chosen.loc[chosen["label_ar"].isna(), "claim_id"]
    if len(unlabelled):
        raise data.DataError(location.directory() / "claims.csv",
                             f"forecast(s) {', '.join(unlabelled)} need a short label",
                             row=int(unlabelled.index[0]) + 2, column="label_ar")
    return chosen.reset_index(drop=True)


def verdict_table(sections, caption: str, name: str) -> tables.Table:
    """What the report says, what the evidence shows, and our verdict, for some sections."""
    sections = [sections] if isinstance(sections, str) else list(sections)
    claims = register()
    unknown = set(sections) - set(claims["section"])
    if unknown:
        raise KeyError(f"no claims for section(s) {', '.join(sorted(unknown))} in claims.csv")
    chosen = claims[claims["section"].isin(sections)].sort_values(["seed_line", "claim_id"])
    return tables.Table(chosen, words("tables.claims"), caption=caption, name=name, widths=(30, 42, 12, 16))


# ------------------------------------------------------------------ counts of verdicts

def verdict_sentence(verdicts, noun: str) -> str:
    """«صحّ حكمان، وصحّ جزئياً 5 بنود، …»: how many of some claims have each verdict, read
    as a sentence in the catalogue's order, each count agreeing with its noun, none that is zero."""
    counts = pd.Series(list(verdicts)).value_counts()
    unknown = set(counts.index) - set(VERDICTS)
    if unknown:
        raise KeyError(f"verdicts without a name in the catalogue [verdicts]: {', '.join(sorted(unknown))}")
    return word("punctuation.and_list").join(
        word(f"verdict_tally.{v}", count=labels.counted(int(counts[v]), noun),
             count_genitive=labels.counted(int(counts[v]), noun, genitive=True))
        for v in VERDICTS if counts.get(v, 0))


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


# ------------------------------------------------------------------ the seed-line map

REASONS = words("seed_map.reasons")


def seed_map() -> pd.DataFrame:
    """data/seed_map.csv checked against the register: every line either names claims or
    says why it holds none, every named claim exists, and every claim stands on its line."""
    lines = data.load("seed_map")
    claims = data.load("claims")
    path = location.directory() / "seed_map.csv"
    known = set(claims["claim_id"])
    named = {}
    for row, (line, cell, reason) in enumerate(zip(lines["seed_line"], lines["claims"], lines["reason"]), start=2):
        ids = data.split_keys(cell) if isinstance(cell, str) else []
        if ids and isinstance(reason, str):
            raise data.DataError(path, f"line {line} names claims, so it needs no reason", row=row, column="reason")
        if not ids and not isinstance(reason, str):
            raise data.DataError(path, f"line {line} names no claim and gives no reason", row=row, column="reason")
        for claim in ids:
            if claim not in known:
                raise data.DataError(path, f"'{claim}' is not a claim of claims.csv", row=row, column="claims")
        named[int(line)] = set(ids)
    for row, (claim, line) in enumerate(zip(claims["claim_id"], claims["seed_line"]), start=2):
        if claim not in named.get(int(line), set()):
            raise data.DataError(location.directory() / "claims.csv",
                                 f"claim '{claim}' is not on its line {line} in seed_map.csv", row=row,
                                 column="seed_line")
    return lines


def coverage() -> dict:
    """How many of the report's lines hold claims, and how many hold none, by reason."""
    lines = seed_map()
    reasons = lines["reason"].value_counts()
    return {"lines": len(lines), "with_claims": int(lines["claims"].notna().sum()),
            **{reason: int(reasons.get(reason, 0)) for reason in REASONS}}


def unmapped_table(caption: str, name: str) -> tables.Table:
    """The report's lines that hold no checkable claim, each with why."""
    lines = seed_map()
    chosen = lines[lines["claims"].isna()]
    shown = chosen.assign(line=chosen["seed_line"].astype(str), reason_ar=chosen["reason"].map(REASONS))
    return tables.Table(shown, words("tables.unmapped"), caption=caption, name=name, widths=(8, 22, 70))
