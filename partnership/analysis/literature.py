"""The scholarly and analytical literature beside the report's claims (``data/literature.csv``).

Each row is one work's point on one claim of the register (or on how to judge a strategic
partnership at all): whether it supports the claim, argues against it, or gives a framework,
where in the work it says so, and the words it says it in. The measure chapter groups them
by claim; the register stays the only judge.
"""
from __future__ import annotations

import pandas as pd

from ..data import load
from ..figures import tables
from ..figures.markdown import literal
from ..text import word, words
from .claims import register

STANCES = words("literature.stances")


def rows(literature: pd.DataFrame = None) -> pd.DataFrame:
    """The literature with each row's claim: its text, shortened, and the register's verdict mark."""
    literature = load("literature") if literature is None else literature
    claims = register().set_index("claim_id")
    framework = word("literature.framework")

    def claim(claim_id):
        if pd.isna(claim_id):
            return framework
        text = claims.loc[claim_id, "claim_ar"]
        return text if len(text) <= 90 else text[:88].rsplit(" ", 1)[0] + "…"

    def claim_cell(claim_id):
        """The claim's words, then the register's verdict mark (a code-built cell)."""
        text = claim(claim_id)
        if pd.isna(claim_id):
            return text
        verdict = claims.loc[claim_id, "verdict_ar"]
        joiner = word("literature.verdict_joiner")
        return tables.Marked(text + joiner + verdict, literal(text) + joiner + verdict.markdown)

    shown = literature.assign(
        claim=[claim_cell(c) for c in literature["claim_id"]],
        stance_ar=literature["stance"].map(STANCES),
        where=[word("literature.where", locator=loc, quote=q) for loc, q in zip(literature["locator_ar"], literature["quote"])],
        order=[-1 if pd.isna(c) else claims.index.get_loc(c) for c in literature["claim_id"]],
    )
    return shown.sort_values(["order", "stance", "source"], kind="stable").reset_index(drop=True)


def table(caption: str, name: str, literature: pd.DataFrame = None) -> tables.Table:
    return tables.Table(rows(literature), words("tables.literature"), caption=caption, name=name,
                        widths=(24, 8, 34, 26, 8))


def counts(literature: pd.DataFrame = None) -> dict:
    """Works, rows, and rows by stance: the numbers the chapter's prose quotes."""
    literature = load("literature") if literature is None else literature
    out = {"lit_works": literature["source"].nunique(), "lit_rows": len(literature),
           "lit_claims": literature["claim_id"].nunique()}
    out.update({f"lit_{stance}": int((literature["stance"] == stance).sum()) for stance in STANCES})
    return out
