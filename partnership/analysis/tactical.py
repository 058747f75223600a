"""Tables and numbers for «تقارب تكتيكي لا استراتيجي»: ch-tactical and its four sections.

The notebooks of ch-tactical, ch-history, ch-gulf, ch-israel and ch-energy call these
functions; they read validated frames (:func:`partnership.data.load`) and return
:class:`partnership.tables.Table` objects or dictionaries of numbers for ``glue``.
"""
from __future__ import annotations

import pandas as pd

from ..figures import tables
from ..text import labels, word, words

JUDGEMENTS = words("tactical.judgements")
COUNTRIES = labels.COUNTRIES
PRESIDENTS = labels.PRESIDENTS
SANCTIONS = words("tactical.sanctions")
VOTE_BASIS = words("tactical.vote_basis")
UNITS = words("tactical.units")
# Each group of the long timelines: its name and its colour (a key of figures.style.PALETTE).
TOPIC_COLOURS = {"history": "vermillion", "unsc": "blue", "gulf": "green", "israel": "purple", "energy": "orange"}
TOPICS = {topic: (name, TOPIC_COLOURS[topic]) for topic, name in words("tactical.topics").items()}
# SIPRI armament categories, in the groups the charts and tables use.
ARMS_GROUPS = words("tactical.arms_groups")
WEAPONS = words("tactical.weapons")  # SIPRI's description -> Arabic


def _weapon(description: str) -> str:
    if description not in WEAPONS:
        raise KeyError(f"no Arabic name for the SIPRI description '{description}'")
    return WEAPONS[description]


def _int(value) -> str:
    return f"{int(round(float(value))):,}"


def _pct(value) -> str:
    return f"{float(value):.1f}%"


# --- ch-tactical -----------------------------------------------------------------------------

def criteria_table(criteria: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """The seven criteria: the report's judgement, ours, the evidence and where it is in the book."""
    ordered = criteria.sort_values("position")
    shown = ordered.assign(
        report=ordered["report_judgement"].map(JUDGEMENTS),
        ours=ordered["our_judgement"].map(JUDGEMENTS),
        # Each label (schema-checked: fig-… or tbl-…) becomes a numbered link in the book.
        refs=[tables.Marked(labels.listed(refs), labels.listed("{numref}`" + ref + "`" for ref in refs))
              for refs in ordered["evidence_labels"].str.split(";")],
    )
    return tables.Table(shown, words("tables.criteria"), caption=caption, name=name, widths=(11, 8, 16, 8, 29, 13, 15))


def scorecard_counts(criteria: pd.DataFrame) -> dict:
    """How many criteria each side judges met, partly met, unmet or undetermined."""
    out = {}
    for side in ("report", "our"):
        counts = criteria[f"{side}_judgement"].value_counts()
        for key in JUDGEMENTS:
            out[f"{side}_{key}"] = str(int(counts.get(key, 0)))
    out["n_criteria"] = str(len(criteria))
    out["n_agree"] = str(int((criteria["report_judgement"] == criteria["our_judgement"]).sum()))
    return out


# --- ch-history ------------------------------------------------------------------------------

def unsc_table(unsc: pd.DataFrame, caption: str, name: str) -> tables.Table:
    shown = unsc.sort_values("date").assign(
        resolution=unsc.sort_values("date")["resolution"].astype(str),
        date_ar=[labels.format_date(d) for d in unsc.sort_values("date")["date"]],
        vote=[f"{a}-{b}-{c}" for a, b, c in unsc.sort_values("date")[["votes_for", "votes_against", "abstentions"]]
              .itertuples(index=False)],
        dissent=unsc.sort_values("date")["dissent_ar"].fillna("—"),
        russia=[word("tactical.russia_voted_yes", basis=VOTE_BASIS[b])
                for b in unsc.sort_values("date")["russia_vote_basis"]],
        president=unsc.sort_values("date")["russia_president"].map(PRESIDENTS),
        sanctions_ar=unsc.sort_values("date")["sanctions"].map(SANCTIONS),
    )
    return tables.Table(shown, words("tables.unsc"),
                        caption=caption, name=name, widths=(7, 10, 9, 11, 13, 8, 8, 20, 14))


def unsc_numbers(unsc: pd.DataFrame) -> dict:
    on_iran = unsc[unsc["date"] <= "2010-12-31"]
    putin = on_iran[on_iran["russia_president"] == "Putin"]
    medvedev = on_iran[on_iran["russia_president"] == "Medvedev"]
    return {
        "unsc_n": str(len(on_iran)),
        "unsc_russia_yes": str(int((on_iran["russia_vote"] == "yes").sum())),
        "unsc_putin": str(len(putin)),
        "unsc_putin_sanctions": str(int((putin["sanctions"] == "imposed").sum())),
        "unsc_medvedev": str(len(medvedev)),
        "unsc_medvedev_sanctions": str(int((medvedev["sanctions"] == "imposed").sum())),
        "unsc_sanctions": str(int((on_iran["sanctions"] == "imposed").sum())),
        "unsc_putin_list": labels.listed(putin["resolution"]),
        "unsc_medvedev_list": labels.listed(medvedev["resolution"]),
    }


def _pair(arms: pd.DataFrame, supplier: str, recipient: str) -> pd.DataFrame:
    return arms[(arms["supplier"] == supplier) & (arms["recipient"] == recipient)]


def arms_deals_table(arms: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """One row per SIPRI deal between Russia and Iran (both directions), first delivery first."""
    pairs = pd.concat([_pair(arms, "Russia", "Iran"), _pair(arms, "Iran", "Russia")])
    rows = []
    for deal, part in pairs.groupby("sipri_id"):
        first, last = int(part["delivery_year"].min()), int(part["delivery_year"].max())
        estimated = (part["number_estimated"] == "yes").any()
        rows.append({
            "direction": word("tactical.direction", supplier=COUNTRIES[part["supplier"].iloc[0]],
                              recipient=COUNTRIES[part["recipient"].iloc[0]]),
            "designation": part["designation"].iloc[0],
            "weapon": _weapon(part["description"].iloc[0]),
            "order": str(int(part["order_year"].iloc[0]))
            + (word("punctuation.estimate") if part["order_year_estimated"].iloc[0] == "yes" else ""),
            "years": str(first) if first == last else f"{first}–{last}",
            "number": (word("punctuation.about") if estimated else "") + _int(part["number_delivered"].sum()),
            "tiv": round(float(part["tiv_delivered"].sum()), 1),
            "licence": word("punctuation.yes") if part["local_production"].iloc[0] == "yes" else word("punctuation.no"),
            "first": first, "source": part["source"].iloc[0],
        })
    shown = pd.DataFrame(rows).sort_values(["first", "tiv"], ascending=[True, False])
    return tables.Table(shown, words("tables.arms_deals"),
                        caption=caption, name=name, numeric={"tiv"}, widths=(11, 11, 16, 9, 10, 9, 10, 10, 14))


def arms_years_table(arms: pd.DataFrame, caption: str, name: str) -> tables.Table:
    """Russia's deliveries to Iran by year and weapon group, and Iran's to Russia, in TIV."""
    to_iran = _pair(arms, "Russia", "Iran")
    back = _pair(arms, "Iran", "Russia")
    years = range(2000, int(arms["delivery_year"].max()) + 1)
    grid = to_iran.assign(group=to_iran["category"].map(ARMS_GROUPS)).pivot_table(
        index="delivery_year", columns="group", values="tiv_delivered", aggfunc="sum").reindex(years).fillna(0.0)
    groups = [g for g in dict.fromkeys(ARMS_GROUPS.values()) if g in grid.columns]
    grid = grid[groups]
    grid["total"] = grid.sum(axis=1)
    grid["back"] = back.groupby("delivery_year")["tiv_delivered"].sum().reindex(years).fillna(0.0)
    grid = grid.round(1).astype(object).where(grid.round(1) != 0, None)  # a year without deliveries shows «—»
    grid = grid.reset_index().rename(columns={"delivery_year": "year"})
    grid["year"] = grid["year"].astype(str)
    grid["source"] = "sipri2025armstransfers"
    heads = words("tables.arms_years")
    columns = {"year": heads["year"], **{g: g for g in groups},
               "total": heads["total"], "back": heads["back"], "source": heads["source"]}
    return tables.Table(grid, columns, caption=caption, name=name, numeric=set(groups) | {"total", "back"})


def arms_numbers(arms: pd.DataFrame) -> dict:
    to_iran = _pair(arms, "Russia", "Iran")
    back = _pair(arms, "Iran", "Russia")
    total = float(to_iran["tiv_delivered"].sum())
    by_year = to_iran.groupby("delivery_year")["tiv_delivered"].sum()
    s300 = to_iran[to_iran["designation"] == "S-300PMU2"]
    tor = to_iran[to_iran["designation"] == "Tor-M"]
    shahed = back[back["designation"] == "Shahed-136"]
    mohajer = back[back["designation"] == "Mohajer-6"]
    lull = to_iran[to_iran["delivery_year"].between(2011, 2015)]
    return {
        "arms_total": _int(total),
        "arms_2000_2001": _int(by_year.reindex([2000, 2001]).fillna(0).sum()),
        "arms_2006_2007": _int(by_year.reindex([2006, 2007]).fillna(0).sum()),
        "arms_2016": _int(by_year.get(2016, 0)),
        "arms_2016_share": _pct(100 * by_year.get(2016, 0) / total),
        "arms_lull": _int(lull["tiv_delivered"].sum()),
        "arms_lull_licensed": _pct(100 * lull.loc[lull["local_production"] == "yes", "tiv_delivered"].sum()
                                   / lull["tiv_delivered"].sum()),
        "s300_number": _int(s300["number_delivered"].sum()),
        "s300_tiv": _int(s300["tiv_delivered"].sum()),
        "s300_order": str(int(s300["order_year"].iloc[0])),
        "tor_number": _int(tor["number_delivered"].sum()),
        "tor_tiv": _int(tor["tiv_delivered"].sum()),
        "back_total": _int(back["tiv_delivered"].sum()),
        "shahed_number": _int(shahed["number_delivered"].sum()),
        "shahed_2022": _int(shahed.loc[shahed["delivery_year"] == 2022, "number_delivered"].sum()),
        "mohajer_number": _int(mohajer["number_delivered"].sum()),
        "last_licensed_year": str(int(to_iran.loc[to_iran["local_production"] == "yes", "delivery_year"].max())),
    }


# --- ch-gulf ---------------------------------------------------------------------------------

def oil_table(output: pd.DataFrame, years, caption: str, name: str) -> tables.Table:
    """Oil production of Saudi Arabia, Russia and Iran in chosen years, and their share of the world."""
    wide = output.pivot(index="year", columns="country", values="oil_prod_kbd").reindex(list(years))
    russia = wide["Russian Federation"]
    shown = pd.DataFrame({
        "year": [str(y) for y in wide.index],
        "saudi": wide["Saudi Arabia"].round(0).to_numpy(),
        "russia": russia.round(0).to_numpy(),
        "iran": wide["Iran"].round(0).to_numpy(),
        "share": [_pct(100 * (s + r + i) / w) for s, r, i, w in
                  zip(wide["Saudi Arabia"], russia, wide["Iran"], wide["World"])],
        "source": "ei2024statisticalreview",
    })
    for column in ("saudi", "russia", "iran"):
        shown[column] = [_int(v) for v in shown[column]]
    return tables.Table(shown, words("tables.oil"),
                        caption=caption, name=name, numeric={"saudi", "russia", "iran", "share"})


def gulf_numbers(output: pd.DataFrame, arms: pd.DataFrame) -> dict:
    wide = output.pivot(index="year", columns="country", values="oil_prod_kbd")
    russia = arms[arms["supplier"] == "Russia"]
    gcc = russia[russia["recipient"] != "Iran"]
    iran = russia[russia["recipient"] == "Iran"]
    def since(frame, year):
        return frame.loc[frame["delivery_year"] >= year, "tiv_delivered"].sum()
    return {
        "oil_sa_2016": _int(wide.loc[2016, "Saudi Arabia"]), "oil_ru_2016": _int(wide.loc[2016, "Russian Federation"]),
        "oil_ir_2016": _int(wide.loc[2016, "Iran"]),
        "oil_sa_2022": _int(wide.loc[2022, "Saudi Arabia"]), "oil_ru_2022": _int(wide.loc[2022, "Russian Federation"]),
        "oil_ir_2022": _int(wide.loc[2022, "Iran"]),
        "oil_two_share_2022": _pct(100 * (wide.loc[2022, "Saudi Arabia"] + wide.loc[2022, "Russian Federation"])
                                   / wide.loc[2022, "World"]),
        "oil_ir_share_2022": _pct(100 * wide.loc[2022, "Iran"] / wide.loc[2022, "World"]),
        "arms_gcc_total": _int(gcc["tiv_delivered"].sum()), "arms_iran_total": _int(iran["tiv_delivered"].sum()),
        "arms_gcc_2011": _int(since(gcc, 2011)), "arms_iran_2011": _int(since(iran, 2011)),
        "arms_uae_total": _int(gcc.loc[gcc["recipient"] == "UAE", "tiv_delivered"].sum()),
    }


# --- ch-israel -------------------------------------------------------------------------------

def strikes_table(statements: pd.DataFrame, caption: str, name: str) -> tables.Table:
    shown = statements.sort_values(["date", "statement_id"]).assign(
        date_ar=lambda f: [labels.format_date(d, p) for d, p in zip(f["date"], f["date_precision"])],
        unit_ar=lambda f: f["unit"].map(UNITS),
    )
    return tables.Table(shown, words("tables.strikes"), caption=caption, name=name, widths=(12, 22, 14, 10, 9, 18, 15))


def officers_table(officers: pd.DataFrame, caption: str, name: str) -> tables.Table:
    shown = officers.sort_values(["date", "person_id"]).assign(
        date_ar=lambda f: [labels.format_date(d) for d in f["date"]],
        name_full=lambda f: [f"{a} ({b})" for a, b in zip(f["name_ar"], f["name_latin"])],
    )
    return tables.Table(shown, words("tables.officers"),
                        caption=caption, name=name, widths=(13, 9, 11, 10, 15, 14, 14, 14))


# --- ch-energy -------------------------------------------------------------------------------

def with_shares(output: pd.DataFrame) -> pd.DataFrame:
    """Add each country's share of world oil and gas production, in per cent."""
    world = output[output["country"] == "World"].set_index("year")
    out = output[output["country"] != "World"].copy()
    out["oil_share"] = (100 * out["oil_prod_kbd"] / out["year"].map(world["oil_prod_kbd"])).round(2)
    out["gas_share"] = (100 * out["gas_prod_bcm"] / out["year"].map(world["gas_prod_bcm"])).round(2)
    out["oil_surplus_kbd"] = out["oil_prod_kbd"] - out["oil_cons_kbd"]
    out["gas_surplus_bcm"] = out["gas_prod_bcm"] - out["gas_cons_bcm"]
    return out


def energy_table(output: pd.DataFrame, years, caption: str, name: str) -> tables.Table:
    shares = with_shares(output)
    rows = []
    for year in years:
        part = shares[shares["year"] == year].set_index("country")
        ru = "Russian Federation" if "Russian Federation" in part.index else "USSR"
        row = {"year": str(year), "source": "ei2024statisticalreview"}
        for key, country in (("ir", "Iran"), ("ru", ru)):
            row[f"{key}_oil"] = _int(part.loc[country, "oil_prod_kbd"])
            row[f"{key}_oil_share"] = _pct(part.loc[country, "oil_share"])
            row[f"{key}_gas"] = _int(part.loc[country, "gas_prod_bcm"])
            row[f"{key}_gas_share"] = _pct(part.loc[country, "gas_share"])
        rows.append(row)
    shown = pd.DataFrame(rows)
    columns = words("tables.energy")
    return tables.Table(shown, columns, caption=caption, name=name, numeric=set(columns) - {"year", "source"})


def editions_table(ei: pd.DataFrame, bp: pd.DataFrame, year: int, caption: str, name: str) -> tables.Table:
    """One year's figures in the bp 2021 and the EI 2024 editions, and the revision between them."""
    measures = words("tables.editions_measures")
    rows = []
    for country in ("Iran", "Russian Federation", "World"):
        old = bp[(bp["country"] == country) & (bp["year"] == year)].iloc[0]
        new = ei[(ei["country"] == country) & (ei["year"] == year)].iloc[0]
        for column, label in measures.items():
            a, b = float(old[column]), float(new[column])
            rows.append({"country": COUNTRIES[country], "measure": label, "bp": _int(a), "ei": _int(b),
                         "change": f"{100 * (b - a) / a:+.1f}%", "source": "bp2021statisticalreview;ei2024statisticalreview"})
    heads = words("tables.editions")
    heads.update(bp=heads["bp"].format(year=year), ei=heads["ei"].format(year=year))
    return tables.Table(pd.DataFrame(rows), heads, caption=caption, name=name, numeric={"bp", "ei", "change"})


def energy_numbers(output: pd.DataFrame, exports: pd.DataFrame, bp: pd.DataFrame) -> dict:
    s = with_shares(output).set_index(["country", "year"])
    last = int(output["year"].max())
    ru, ir = "Russian Federation", "Iran"
    rx = exports[exports["country"] == ru].set_index("year")
    old = bp.set_index(["country", "year"])
    return {
        "last_year": str(last),
        "ir_oil_last": _int(s.loc[(ir, last), "oil_prod_kbd"]), "ru_oil_last": _int(s.loc[(ru, last), "oil_prod_kbd"]),
        "ir_oil_share_last": _pct(s.loc[(ir, last), "oil_share"]), "ru_oil_share_last": _pct(s.loc[(ru, last), "oil_share"]),
        "ir_gas_last": _int(s.loc[(ir, last), "gas_prod_bcm"]), "ru_gas_last": _int(s.loc[(ru, last), "gas_prod_bcm"]),
        "ir_gas_share_last": _pct(s.loc[(ir, last), "gas_share"]), "ru_gas_share_last": _pct(s.loc[(ru, last), "gas_share"]),
        "ir_oil_surplus_last": _int(s.loc[(ir, last), "oil_surplus_kbd"]),
        "ru_oil_surplus_last": _int(s.loc[(ru, last), "oil_surplus_kbd"]),
        "ir_gas_surplus_last": f"{s.loc[(ir, last), 'gas_surplus_bcm']:.1f}",
        "ru_gas_surplus_last": _int(s.loc[(ru, last), "gas_surplus_bcm"]),
        "ir_gas_cons_share_last": _pct(100 * s.loc[(ir, last), "gas_cons_bcm"] / s.loc[(ir, last), "gas_prod_bcm"]),
        "ru_oil_exports_2021": _int(rx.loc[2021, "oil_exports_kbd"]), "ru_oil_exports_last": _int(rx.loc[last, "oil_exports_kbd"]),
        "ru_gas_exports_2021": _int(rx.loc[2021, "gas_exports_bcm"]), "ru_gas_exports_last": _int(rx.loc[last, "gas_exports_bcm"]),
        "ir_oil_2020_bp": _int(old.loc[(ir, 2020), "oil_prod_kbd"]), "ir_oil_2020_ei": _int(s.loc[(ir, 2020), "oil_prod_kbd"]),
        "ir_oil_2018": _int(s.loc[(ir, 2018), "oil_prod_kbd"]), "ir_oil_2020": _int(s.loc[(ir, 2020), "oil_prod_kbd"]),
    }
