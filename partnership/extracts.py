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


# --- Tactical, not strategic (ch-history, ch-gulf, ch-israel, ch-energy) ---------------

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


ENERGY_COUNTRIES = {  # name in the bp/EI tables -> name in our extracts
    "Iran": "Iran",
    "Russian Federation": "Russian Federation",
    "USSR": "USSR",
    "Saudi Arabia": "Saudi Arabia",
    "Total World": "World",
}
EI_SHEETS = {  # our column -> (EI sheet, unit label in the header row)
    "oil_prod_kbd": ("Oil Production - barrels", "Thousand barrels daily"),
    "oil_cons_kbd": ("Oil Consumption - barrels", "Thousand barrels daily"),
    "gas_prod_bcm": ("Gas Production - Bcm", "Billion cubic metres"),
    "gas_cons_bcm": ("Gas Consumption - Bcm", "Billion cubic metres"),
}
ENERGY_COLUMNS = ["country", "year", "oil_prod_kbd", "oil_cons_kbd", "gas_prod_bcm", "gas_cons_bcm", "source"]


def _year_columns(header: pd.Series) -> dict:
    """{year: column} for the first run of year cells in an EI header row.

    The tables repeat a year later in the row (over the growth-rate and share
    columns), so only the first occurrence of each year is kept.
    """
    years = {}
    for col, cell in header.items():
        if isinstance(cell, (int, float)) and not pd.isna(cell) and 1900 < cell < 2100 and float(cell).is_integer():
            years.setdefault(int(cell), col)
    return years


def _ei_table(raw: Path, sheet: str, unit: str) -> pd.DataFrame:
    """One EI sheet as country x year, from the row whose first cell is the unit label."""
    grid = pd.read_excel(raw, sheet_name=sheet, header=None)
    heads = grid.index[grid[0].astype(str).str.strip() == unit]
    if len(heads) != 1:
        raise ValueError(f"{raw} [{sheet}]: expected one header row '{unit}', found {len(heads)}")
    head = heads[0]
    years = _year_columns(grid.loc[head])
    body = grid.loc[head + 1:].set_index(0)
    body.index = body.index.astype(str).str.strip()
    missing = set(ENERGY_COUNTRIES) - set(body.index)
    if missing:
        raise ValueError(f"{raw} [{sheet}]: rows not found: {', '.join(sorted(missing))}")
    table = body.loc[list(ENERGY_COUNTRIES), list(years.values())]
    table.columns = list(years)
    return table.apply(pd.to_numeric, errors="raise")


def _long(tables: dict, edition: str) -> pd.DataFrame:
    frames = []
    for column, table in tables.items():
        part = table.stack().rename(column).reset_index()
        part.columns = ["country", "year", column]
        frames.append(part.set_index(["country", "year"]))
    out = pd.concat(frames, axis=1).reset_index()
    out["country"] = out["country"].map(ENERGY_COUNTRIES)
    values = [c for c in tables]
    # The tables print 0 for the Russian Federation before 1985 and for the USSR after
    # 1984, where there is no such country: those zeros mean "not applicable".
    not_there = ((out["country"] == "Russian Federation") & (out["year"] < 1985)) | (
        (out["country"] == "USSR") & (out["year"] >= 1985))
    out.loc[not_there, values] = float("nan")
    out = out.dropna(subset=values, how="all")
    out[values] = out[values].round(2)
    out["source"] = edition
    return out[ENERGY_COLUMNS].sort_values(["country", "year"]).reset_index(drop=True)


def energy_output(raw: Path) -> pd.DataFrame:
    """Oil and gas production and consumption of Iran, Russia (USSR before 1985), Saudi Arabia, world.

    From the Energy Institute's 2024 workbook: oil in thousand barrels a day (crude,
    condensates and NGLs), gas in billion cubic metres.  Gas production starts in 1970.
    """
    return _long({column: _ei_table(raw, *spec) for column, spec in EI_SHEETS.items()}, "ei2024statreview")


BP_COLUMNS = {"oil_prod_kbd": "oilprod_kbd", "oil_cons_kbd": "oilcons_kbd",
              "gas_prod_bcm": "gasprod_bcm", "gas_cons_bcm": "gascons_bcm"}


def energy_output_bp2021(raw: Path) -> pd.DataFrame:
    """The same series from the bp Statistical Review 2021 panel (to 2020), to check one edition against the other."""
    panel = pd.read_csv(raw, usecols=["Country", "Year", *BP_COLUMNS.values()])
    panel = panel[panel["Country"].isin(ENERGY_COUNTRIES)]
    tables = {ours: panel.pivot(index="Country", columns="Year", values=theirs).fillna(0.0)
              for ours, theirs in BP_COLUMNS.items()}
    out = _long(tables, "bp2021statreview")
    # bp leaves a cell empty (not 0) where it has no figure; keep those empty.
    for ours, theirs in BP_COLUMNS.items():
        original = panel.set_index(["Country", "Year"])[theirs]
        keys = list(zip(out["country"].map({v: k for k, v in ENERGY_COUNTRIES.items()}), out["year"]))
        out.loc[original.reindex(keys).isna().to_numpy(), ours] = float("nan")
    return out.dropna(subset=list(BP_COLUMNS), how="all").reset_index(drop=True)


def energy_exports(raw: Path) -> pd.DataFrame:
    """Oil and gas exports that the EI 2024 workbook gives country by country: Russia and Saudi Arabia.

    Oil: 'Oil trade movements', exports in thousand barrels a day (crude and products,
    inter-area trade; Russia from 1993).  Gas: 'Gas - Trade movements', total exports
    (pipeline and LNG) of the Russian Federation in billion cubic metres, from 2000.
    Iran is not shown separately in either table (it sits in 'Middle East'), so it
    has no row here.
    """
    oil = pd.read_excel(raw, sheet_name="Oil trade movements", header=None)
    head = oil.index[oil[0].astype(str).str.strip() == "Thousand barrels daily"][0]
    years = _year_columns(oil.loc[head])
    start = oil.index[oil[0].astype(str).str.strip() == "Exports"][0]
    exports = oil.loc[start + 1:].set_index(0)
    exports.index = exports.index.astype(str).str.strip()
    rows = []
    for name in ["Russian Federation", "Saudi Arabia"]:
        for year, col in years.items():
            value = exports.loc[name, col]
            if not pd.isna(value):
                rows.append({"country": name, "year": year, "oil_exports_kbd": round(float(value), 2)})
    frame = pd.DataFrame(rows).set_index(["country", "year"])
    gas = pd.read_excel(raw, sheet_name="Gas - Trade movements", header=None)
    head = gas.index[gas[0].astype(str).str.strip() == "Billion cubic metres"][0]
    gyears = _year_columns(gas.loc[head])
    labels = gas[0].astype(str).str.strip()
    russia = labels.index[labels == "Russian Federation"][0]
    total = labels.index[(labels == "Total exports") & (labels.index > russia)][0]
    gas_rows = pd.DataFrame([{"country": "Russian Federation", "year": y,
                              "gas_exports_bcm": round(float(gas.loc[total, col]), 2)}
                             for y, col in gyears.items()]).set_index(["country", "year"])
    out = frame.join(gas_rows, how="outer").reset_index()
    out["source"] = "ei2024statreview"
    return out[["country", "year", "oil_exports_kbd", "gas_exports_bcm", "source"]]


# --- Drivers of cooperation (chapters 02_*) ---------------------------------------

GAS_TOP = 10  # countries kept: the ten largest holders at end-2020 in that edition
GAS_YEARS = (1980, 2020)  # the reserves series of both editions stop at end-2020
WORLD = "Total World"


def _gas_table(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """Long table (country, year, tcm) -> the top ten of end-2020 plus the world total.

    ``world_share_pct`` is computed here from the same edition's world total for the
    same year, as the Review computes its own share column. Aggregates ("Total ...",
    "Other ...", "of which", the USSR) are never ranked; years without a figure are
    left out rather than filled.
    """
    frame = frame.dropna(subset=["reserves_tcm"]).copy()
    frame["country"] = frame["country"].str.strip()
    world = frame[frame["country"] == WORLD].set_index("year")["reserves_tcm"]
    if GAS_YEARS[1] not in world.index:
        raise ValueError(f"no world total for {GAS_YEARS[1]}")
    aggregate = frame["country"].str.contains(r"^(?:Total|Other|of which|Non-OECD|European Union|USSR)",
                                              regex=True)
    last = frame[(frame["year"] == GAS_YEARS[1]) & ~aggregate].sort_values("reserves_tcm", ascending=False)
    top = last["country"].head(GAS_TOP).tolist()
    rank = {c: i + 1 for i, c in enumerate(top)}
    kept = frame[frame["country"].isin(top + [WORLD])].copy()
    kept["world_share_pct"] = (kept["reserves_tcm"] / kept["year"].map(world) * 100).round(3)
    kept["rank_2020"] = kept["country"].map(rank).astype("Int64")
    kept["reserves_tcm"] = kept["reserves_tcm"].round(3)
    kept["source"] = source
    kept = kept.sort_values(["rank_2020", "year"], na_position="last")
    return kept[["country", "year", "reserves_tcm", "world_share_pct", "rank_2020", "source"]]


def gas_reserves_bp2021(raw: Path) -> pd.DataFrame:
    """Proved gas reserves (trillion m³) in the bp Statistical Review 2021 panel CSV.

    The ten largest holders at end-2020 and the world total, 1980-2020, from the
    column ``gasreserves_tcm``. Russia has figures from 1991 only (the USSR before).
    """
    panel = pd.read_csv(raw, usecols=["Country", "Year", "gasreserves_tcm"])
    panel = panel.rename(columns={"Country": "country", "Year": "year", "gasreserves_tcm": "reserves_tcm"})
    panel = panel[panel["year"].between(*GAS_YEARS)]
    return _gas_table(panel, "bp2021statisticalreview")


def gas_reserves_ei2024(raw: Path) -> pd.DataFrame:
    """Proved gas reserves (trillion m³) in the Energy Institute Statistical Review 2024.

    Sheet «Gas - Proved reserves history »: the header row starts with «Trillion cubic
    metres» and carries the years 1980-2020; the growth and share columns after them and
    the notes under the table are dropped. EI has not updated reserves since end-2020.
    """
    sheet = pd.read_excel(raw, sheet_name="Gas - Proved reserves history ", header=None, engine="openpyxl")
    first = sheet[0].astype("string").str.strip()
    header = sheet.index[first == "Trillion cubic metres"]
    if len(header) != 1:
        raise ValueError(f"{raw}: cannot find the unit row 'Trillion cubic metres'")
    header = header[0]
    years = {}
    for column, value in sheet.loc[header].items():
        if column == 0 or isinstance(value, str) or pd.isna(value):
            continue
        if GAS_YEARS[0] <= value <= GAS_YEARS[1] and float(value).is_integer() and int(value) not in years.values():
            years[column] = int(value)
    if sorted(years.values()) != list(range(GAS_YEARS[0], GAS_YEARS[1] + 1)):
        raise ValueError(f"{raw}: year columns {sorted(years.values())} are not {GAS_YEARS}")
    body = sheet.loc[header + 1:, [0, *years]].rename(columns={0: "country", **years})
    body = body[body["country"].notna()]
    long = body.melt(id_vars="country", var_name="year", value_name="reserves_tcm")
    long["year"] = long["year"].astype(int)
    long["reserves_tcm"] = pd.to_numeric(long["reserves_tcm"], errors="coerce")
    return _gas_table(long, "ei2024statisticalreview")


IDEAL_COUNTRIES = {2: "USA", 365: "RUS", 630: "IRN"}


def unga_ideal_points(raw: Path) -> pd.DataFrame:
    """UN General Assembly ideal points of the United States, Russia and Iran, by session.

    Bailey, Strezhnev & Voeten's estimates from all roll-call votes (``IdealPointAll``)
    with the 5% and 95% quantiles of their uncertainty. ``year`` is the calendar year
    in which the session opened (1945 + session). Session 19 (1964-65) held no recorded
    votes and is absent from the source.
    """
    points = pd.read_csv(raw)
    points = points[points["ccode"].isin(IDEAL_COUNTRIES)].copy()
    if (points["iso3c"] != points["ccode"].map(IDEAL_COUNTRIES)).any():
        raise ValueError(f"{raw}: ccode and iso3c disagree")
    out = pd.DataFrame({
        "iso3c": points["iso3c"],
        "session": points["session"].astype(int),
        "year": (1945 + points["session"]).astype(int),
        "votes": points["NVotesAll"].astype(int),
        "ideal_point": points["IdealPointAll"].round(4),
        "q05": points["Q5%All"].round(4),
        "q95": points["Q95%All"].round(4),
        "source": "bailey2017ideal;voeten2023ungavotes",
    })
    return out.sort_values(["iso3c", "session"])


UNHCR_KEPT = ["refugees", "asylum_seekers", "ooc", "oip", "returned_refugees"]
UNHCR_ZERO = ["idps", "returned_idps", "stateless", "hst"]


def unhcr_afghans_iran(raw: Path) -> pd.DataFrame:
    """Afghans in Iran in UNHCR's population statistics, by year and category.

    Rows with ``coo_iso == "AFG"`` and ``coa_iso == "IRN"``. The stock categories
    (refugees, asylum-seekers, others of concern, other people in need of international
    protection) and the year's returned refugees are kept; IDPs, returned IDPs,
    stateless persons and host community are zero in every year and are checked, not
    kept. ``oip`` is empty in the years before UNHCR used that category.
    """
    population = pd.read_csv(raw)
    rows = population[(population["coo_iso"] == "AFG") & (population["coa_iso"] == "IRN")]
    if rows["year"].duplicated().any():
        raise ValueError(f"{raw}: more than one AFG->IRN row for a year")
    if rows[UNHCR_ZERO].fillna(0).abs().to_numpy().sum() != 0:
        raise ValueError(f"{raw}: a dropped category ({', '.join(UNHCR_ZERO)}) is not zero")
    out = rows[["year", *UNHCR_KEPT]].copy()
    for column in UNHCR_KEPT:
        out[column] = out[column].round().astype("Int64")
    out["source"] = "unhcr2025refugees"
    return out.sort_values("year")


P5 = ["Russia", "China", "USA", "UK", "France"]


def unsc_vetoes(raw: Path) -> pd.DataFrame:
    """Vetoed draft resolutions of the UN Security Council from 1992 to September 2022.

    From 1992 on, so that ``Russia`` means the Russian Federation (the USSR's vetoes,
    1946-1991, are in the source but not here). One row per draft; one 0/1 column per
    permanent member; ``crisis_topic`` and ``region`` as the source codes them.
    """
    vetoes = pd.read_csv(raw)
    vetoes["date"] = pd.to_datetime(vetoes["date"], format="%m/%d/%Y")
    vetoes = vetoes[vetoes["date"] >= "1992-01-01"].copy()
    if (vetoes["USSR"] != 0).any():
        raise ValueError(f"{raw}: a USSR veto after 1991")
    if vetoes["draft"].duplicated().any():
        raise ValueError(f"{raw}: a draft appears twice")
    out = pd.DataFrame({
        "draft": vetoes["draft"],
        "date": vetoes["date"].dt.strftime("%Y-%m-%d"),
        "crisis_topic": vetoes["crisis_topic"],
        "region": vetoes["region"],
        **{member.lower(): vetoes[member].astype(int) for member in P5},
        "source": "yordan2022vetoes;unlibrary2022vetoes",
    })
    return out.sort_values("date")


EXTRACTS = {
    e.name: e
    for e in [
        Extract(
            "shahed_monthly",
            "ukraine-missile-attacks/missile_attacks_daily.csv",
            "72c04869f85383b239c34a76a27d5ee2cf7c175777e1eda244755787d11f2e6d",
            shahed_monthly,
        ),
        Extract(
            "sipri_arms",
            "sipri-arms-transfers/trade_2023.csv",
            "51dfdcb6293bc975f2a95a5f00573b9d138d13a61963c93b3cdf8553754cb401",
            sipri_arms,
        ),
        Extract(
            "energy_output",
            "ei-statistical-review-2024/EI-Stats-Review-All-Data.xlsx",
            "1f5c27446a6995448a84e943a22c7d9dd5812d3775b85cd0836df1e3b8dae729",
            energy_output,
        ),
        Extract(
            "energy_output_bp2021",
            "bp-statistical-review-2021/bp-stats-review-2021-consolidated-dataset-panel-format.csv",
            "4f5f8f91d95873177d28bd86b7fe9c6b7b9bc43f666cc3659db912c663ddc177",
            energy_output_bp2021,
        ),
        Extract(
            "energy_exports",
            "ei-statistical-review-2024/EI-Stats-Review-All-Data.xlsx",
            "1f5c27446a6995448a84e943a22c7d9dd5812d3775b85cd0836df1e3b8dae729",
            energy_exports,
        ),
        Extract(
            "gas_reserves_bp2021",
            "bp-statistical-review-2021/bp-stats-review-2021-consolidated-dataset-panel-format.csv",
            "4f5f8f91d95873177d28bd86b7fe9c6b7b9bc43f666cc3659db912c663ddc177",
            gas_reserves_bp2021,
        ),
        Extract(
            "gas_reserves_ei2024",
            "ei-statistical-review-2024/EI-Stats-Review-All-Data.xlsx",
            "1f5c27446a6995448a84e943a22c7d9dd5812d3775b85cd0836df1e3b8dae729",
            gas_reserves_ei2024,
        ),
        Extract(
            "unga_ideal_points",
            "unga-ideal-points/IdealpointestimatesAll_Jul2023.csv",
            "b069e1e35859be266e7c76a03adc9481fb55e5a1c6cf9e4a65498e01c464f8f1",
            unga_ideal_points,
        ),
        Extract(
            "unhcr_afghans_iran",
            "unhcr-refugees/unhcr_population_AFG_origin_or_IRN_RUS_asylum.csv",
            "fae25075aefdd25d3072faf70123a17dd51604a22a4c20ef8dafb1bb3f003398",
            unhcr_afghans_iran,
        ),
        Extract(
            "unsc_vetoes",
            "unsc-vetoes/unsc_vetoes_1946_sept2022.csv",
            "d6b65d698d8f4e5a6eddcd922e7659b40e22d262940f1440b51360929d87ab74",
            unsc_vetoes,
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
