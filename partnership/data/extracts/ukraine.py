"""Ukrainian Air Force daily reports of drone and missile launches (compiled by Petro Ivaniuk)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd


def shahed_monthly(raw: Path) -> pd.DataFrame:
    """Shahed-136/131 drones launched at Ukraine and reported destroyed, per month.

    Only rows whose ``model`` is exactly ``Shahed-136/131``; the one wave recorded as
    "Shahed-136/131 and Lancet" (8 June 2023) mixes two types and is left out.
    Months are those of ``time_start`` (Kyiv time, as the Air Force reports it).
    """
    attacks = pd.read_csv(raw, usecols=["time_start", "model", "launched", "destroyed"])
    shahed = attacks[attacks["model"] == "Shahed-136/131"]
    if shahed[["launched", "destroyed"]].isna().any().any():
        raise ValueError(f"{raw}: a Shahed row has no launched/destroyed count")
    monthly = (
        shahed.assign(month=shahed["time_start"].str[:7])
        .groupby("month", as_index=False)[["launched", "destroyed"]]
        .sum()
        .astype({"launched": int, "destroyed": int})
    )
    monthly["waves"] = shahed.groupby(shahed["time_start"].str[:7]).size().to_numpy()
    monthly["source"] = "kpszsu2026reports;ivaniuk2026attacks"
    return monthly[["month", "waves", "launched", "destroyed", "source"]]
