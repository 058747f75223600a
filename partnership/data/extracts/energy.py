"""bp (2021) and Energy Institute (2024) Statistical Reviews of World Energy: oil, gas, reserves."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

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
    return _long({column: _ei_table(raw, *spec) for column, spec in EI_SHEETS.items()}, "ei2024statisticalreview")


BP_COLUMNS = {"oil_prod_kbd": "oilprod_kbd", "oil_cons_kbd": "oilcons_kbd",
              "gas_prod_bcm": "gasprod_bcm", "gas_cons_bcm": "gascons_bcm"}


def energy_output_bp2021(raw: Path) -> pd.DataFrame:
    """The same series from the bp Statistical Review 2021 panel (to 2020), to check one edition against the other."""
    panel = pd.read_csv(raw, usecols=["Country", "Year", *BP_COLUMNS.values()])
    panel = panel[panel["Country"].isin(ENERGY_COUNTRIES)]
    tables = {ours: panel.pivot(index="Country", columns="Year", values=theirs).fillna(0.0)
              for ours, theirs in BP_COLUMNS.items()}
    out = _long(tables, "bp2021statisticalreview")
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
    out["source"] = "ei2024statisticalreview"
    return out[["country", "year", "oil_exports_kbd", "gas_exports_bcm", "source"]]


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
