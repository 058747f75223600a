"""Verdict tables drawn from the one claims register, data/claims.csv.

A claim is judged once, in that table; every chapter shows its section's rows
through :func:`verdict_table`, so two chapters can never disagree about a claim.
"""
from __future__ import annotations

from .. import data
from ..figures import tables
from ..text import words

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
