"""SIPRI Arms Transfers Database: the trade register rows the tactical chapters use."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

GCC = ["Saudi Arabia", "UAE", "Qatar", "Kuwait", "Bahrain", "Oman"]
ARMS_PAIRS = (
    [("Russia", "Iran"), ("Iran", "Russia"), ("Israel", "Russia")]
    + [("Russia", gulf) for gulf in GCC]
)


def sipri_arms(raw: Path) -> pd.DataFrame:
    """SIPRI trade-register rows between Russia and Iran, Russia to the six Gulf states, Israel to Russia.

    One row per deal and delivery year, as SIPRI gives it (``skiprows=11``: eleven
    lines of notes precede the header).  The register covers deals with orders or
    deliveries from 2000 on, so Soviet deliveries and those of the 1990s appear only
    where they ran past 2000.  Nothing else is dropped within these pairs.
    """
    register = pd.read_csv(raw, skiprows=11)
    wanted = pd.Series(list(zip(register["Supplier"], register["Recipient"]))).isin(ARMS_PAIRS)
    rows = register[wanted.to_numpy()]
    if rows.empty:
        raise ValueError(f"{raw}: no rows for the requested supplier/recipient pairs")
    yes_no = {"Yes": "yes", "No": "no"}
    out = pd.DataFrame({
        "sipri_id": rows["SIPRI AT Database ID"].astype(int),
        "supplier": rows["Supplier"],
        "recipient": rows["Recipient"],
        "designation": rows["Designation"].str.strip(),
        "description": rows["Description"].str.strip(),
        "category": rows["Armament category"],
        "order_year": rows["Order date"].astype(int),
        "order_year_estimated": rows["Order date is estimate"].map(yes_no),
        "delivery_year": rows["Delivery year"].astype(int),
        "delivery_year_estimated": rows["Delivery year is estimate"].map(yes_no),
        "number_delivered": rows["Numbers delivered"].astype(int),
        "number_estimated": rows["Numbers delivered is estimate"].map(yes_no),
        "tiv_delivered": rows["TIV delivery values"].round(2),
        "local_production": rows["Local production"].map(yes_no),
    })
    if out.isna().any().any():
        raise ValueError(f"{raw}: a selected row has an empty or unexpected cell")
    out["source"] = "sipri2025armstransfers"
    return out.sort_values(["supplier", "recipient", "delivery_year", "sipri_id"]).reset_index(drop=True)
