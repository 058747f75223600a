"""Make the small extracts under data/ from the raw files in ../shared/sources/.

The raw files are third-party copies that the project does not redistribute; the
extracts are committed, and this module is how anyone reruns them:

    python -m partnership.data.extracts              # every extract, into data/
    python -m partnership.data.extracts --out DIR shahed_monthly

Each extract states what it leaves out, so nothing is dropped silently.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from .. import location
from . import energy, sipri, ukraine, un

SHARED = Path(os.environ.get("PARTNERSHIP_SHARED", location.ROOT.parent / "shared"))
SOURCES = SHARED / "sources"


@dataclass(frozen=True)
class Extract:
    name: str  # the resource name in datapackage.json, and the CSV's stem
    raw: str  # path under ../shared/sources/
    sha256: str  # of the raw file, from its PROVENANCE.md
    make: Callable[[Path], pd.DataFrame]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


EXTRACTS = {
    e.name: e
    for e in [
        Extract(
            "shahed_monthly",
            "ukraine-missile-attacks/missile_attacks_daily.csv",
            "72c04869f85383b239c34a76a27d5ee2cf7c175777e1eda244755787d11f2e6d",
            ukraine.shahed_monthly,
        ),
        Extract(
            "sipri_arms",
            "sipri-arms-transfers/trade_2023.csv",
            "51dfdcb6293bc975f2a95a5f00573b9d138d13a61963c93b3cdf8553754cb401",
            sipri.sipri_arms,
        ),
        Extract(
            "energy_output",
            "ei-statistical-review-2024/EI-Stats-Review-All-Data.xlsx",
            "1f5c27446a6995448a84e943a22c7d9dd5812d3775b85cd0836df1e3b8dae729",
            energy.energy_output,
        ),
        Extract(
            "energy_output_bp2021",
            "bp-statistical-review-2021/bp-stats-review-2021-consolidated-dataset-panel-format.csv",
            "4f5f8f91d95873177d28bd86b7fe9c6b7b9bc43f666cc3659db912c663ddc177",
            energy.energy_output_bp2021,
        ),
        Extract(
            "energy_exports",
            "ei-statistical-review-2024/EI-Stats-Review-All-Data.xlsx",
            "1f5c27446a6995448a84e943a22c7d9dd5812d3775b85cd0836df1e3b8dae729",
            energy.energy_exports,
        ),
        Extract(
            "gas_reserves_bp2021",
            "bp-statistical-review-2021/bp-stats-review-2021-consolidated-dataset-panel-format.csv",
            "4f5f8f91d95873177d28bd86b7fe9c6b7b9bc43f666cc3659db912c663ddc177",
            energy.gas_reserves_bp2021,
        ),
        Extract(
            "gas_reserves_ei2024",
            "ei-statistical-review-2024/EI-Stats-Review-All-Data.xlsx",
            "1f5c27446a6995448a84e943a22c7d9dd5812d3775b85cd0836df1e3b8dae729",
            energy.gas_reserves_ei2024,
        ),
        Extract(
            "unga_ideal_points",
            "unga-ideal-points/IdealpointestimatesAll_Jul2023.csv",
            "b069e1e35859be266e7c76a03adc9481fb55e5a1c6cf9e4a65498e01c464f8f1",
            un.unga_ideal_points,
        ),
        Extract(
            "unhcr_afghans_iran",
            "unhcr-refugees/unhcr_population_AFG_origin_or_IRN_RUS_asylum.csv",
            "fae25075aefdd25d3072faf70123a17dd51604a22a4c20ef8dafb1bb3f003398",
            un.unhcr_afghans_iran,
        ),
        Extract(
            "unsc_vetoes",
            "unsc-vetoes/unsc_vetoes_1946_sept2022.csv",
            "d6b65d698d8f4e5a6eddcd922e7659b40e22d262940f1440b51360929d87ab74",
            un.unsc_vetoes,
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
    parser.add_argument("--out", type=Path, default=None, help="output folder (default data/)")
    args = parser.parse_args(argv)
    out = args.out or location.directory()
    for name in args.names or EXTRACTS:
        if name not in EXTRACTS:
            parser.error(f"unknown extract '{name}'")
        frame = build(name)
        write(frame, out / f"{name}.csv")
        print(f"{out / (name + '.csv')}: {len(frame)} rows")
    return 0

