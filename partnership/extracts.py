"""Make the small extracts under data/ from the raw files in ../shared/sources/.

The raw files are third-party copies that the project does not redistribute; the
extracts are committed, and this module is how anyone reruns them:

    python -m partnership.extracts              # every extract, into data/
    python -m partnership.extracts --out DIR shahed_monthly

Each extract states what it leaves out, so nothing is dropped silently.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from .data import DATA_DIR, ROOT

SHARED = Path(os.environ.get("PARTNERSHIP_SHARED", ROOT.parent / "shared"))
SOURCES = SHARED / "sources"


@dataclass(frozen=True)
class Extract:
    name: str  # the resource name in datapackage.json, and the CSV's stem
    raw: str  # path under ../shared/sources/
    sha256: str  # of the raw file, from its PROVENANCE.md
    make: Callable[[Path], pd.DataFrame]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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


EXTRACTS = {
    e.name: e
    for e in [
        Extract(
            "shahed_monthly",
            "ukraine-missile-attacks/missile_attacks_daily.csv",
            "72c04869f85383b239c34a76a27d5ee2cf7c175777e1eda244755787d11f2e6d",
            shahed_monthly,
        ),
    ]
}


def build(name: str, sources: Path = SOURCES) -> pd.DataFrame:
    """Run one extract against the raw file, after checking it is the file we cite."""
    spec = EXTRACTS[name]
    raw = sources / spec.raw
    if not raw.is_file():
        raise FileNotFoundError(f"{raw}: raw file not found (is ../shared present?)")
    digest = _sha256(raw)
    if digest != spec.sha256:
        raise ValueError(f"{raw}: sha256 {digest} differs from the PROVENANCE.md value {spec.sha256}")
    return spec.make(raw)


def write(frame: pd.DataFrame, path: Path) -> None:
    """CSV with LF line ends and no index, so reruns are byte-identical."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"extracts to make (default all: {', '.join(EXTRACTS)})")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output folder (default data/)")
    args = parser.parse_args(argv)
    for name in args.names or EXTRACTS:
        if name not in EXTRACTS:
            parser.error(f"unknown extract '{name}'")
        frame = build(name)
        write(frame, args.out / f"{name}.csv")
        print(f"{args.out / (name + '.csv')}: {len(frame)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
