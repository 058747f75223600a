"""The book's measure of the relationship (chapter ch-measure): each indicator from small
frames whose right answer is worked out by hand here, the composite's rules, the refusals,
and the chapter as built."""
from __future__ import annotations

import nbformat
import numpy as np
import pandas as pd
import pytest

from conftest import HTML, ROOT, rewrite
from test_bibliography import CITE, Citations
from partnership import data
from partnership.analysis import measure


def _dates(*texts):
    return pd.to_datetime(list(texts))


def test_arms_counts_both_directions_and_leaves_the_uncovered_years_empty():
    arms = pd.DataFrame({"supplier": ["Russia", "Iran", "Russia", "Russia"],
                         "recipient": ["Iran", "Russia", "Iran", "UAE"],
                         "delivery_year": [2000, 2000, 2003, 2004], "tiv_delivered": [10.0, 5.0, 7.0, 99.0]})
    series = measure.arms_by_year(arms)
    assert series[2000] == 15.0  # both directions
    assert series[2002] == 0.0  # inside the extract's years: nothing delivered
    assert series[2004] == 0.0  # a delivery to another state is not counted
    assert np.isnan(series[1999]) and np.isnan(series[2005])  # outside them: not covered, not zero


def test_council_votes_count_with_or_against_iran():
    resolutions = pd.DataFrame({"date": _dates("2006-12-23", "2015-07-20"), "russia_vote": ["yes", "yes"],
                                "sanctions": ["imposed", "lifted"]})
    votes = pd.DataFrame({"date": _dates("2018-02-26", "2025-09-26", "2026-03-11"),
                          "russia_vote": ["no", "yes", "abstain"], "iran_side": ["against", "for", "against"]})
    score = measure.council_score(resolutions, votes)
    # yes to sanctions: against Iran; yes to lifting them, no to a text pressing Iran, yes to
    # relief: with it; an abstention: neither; a year without a vote: 0.
    assert [score[y] for y in (2006, 2015, 2018, 2025, 2026, 2010)] == [-1, 1, 1, 1, 0, 0]


def test_an_agreement_stands_from_its_signing_to_its_end_and_company_deals_do_not_count():
    agreements = pd.DataFrame({"signed": _dates("1995-01-08", "2000-06-01", "2022-07-19"),
                               "ended": _dates("2000-12-01", None, None),
                               "kind": ["military", "treaty", "company"]})
    standing = measure.agreements_standing(agreements)
    assert [standing[y] for y in (1994, 1995, 1999, 2000, 2001, 2023)] == [0, 1, 1, 1, 1, 1]


def test_trade_takes_the_mean_of_two_reporters():
    trade = pd.DataFrame({"year": [2013, 2013, 2014], "trade_usd_bn": [1.6, 1.2, 1.68]})
    series = measure.trade_by_year(trade)
    assert series[2013] == pytest.approx(1.4) and series[2014] == pytest.approx(1.68)
    assert np.isnan(series[2015])


def test_scaling_turns_the_un_distance_round_and_the_composite_needs_enough_indicators():
    raw = pd.DataFrame({"arms": [0.0, 10.0, np.nan], "unga": [3.0, 1.0, 2.0], "council": [0.0, 1.0, 0.0],
                        "visits": [0.0, 2.0, 1.0], "agreements": [1.0, 3.0, 2.0], "trade": [np.nan, 4.0, np.nan]},
                       index=[2000, 2001, 2002])
    scaled = measure.scaled(raw)
    assert scaled.loc[2001, "unga"] == 1.0 and scaled.loc[2000, "unga"] == 0.0  # the smallest distance is the nearest
    composite = measure.composite(scaled)
    assert composite[2001] == 1.0  # the top of every indicator
    assert composite[2000] == 0.0
    assert composite[2002] == pytest.approx((0.5 + 0.0 + 0.5 + 0.5) / 4)  # four indicators: enough
    thin = measure.composite(scaled.assign(council=np.nan))
    assert np.isnan(thin[2002])  # three indicators: below MIN_INDICATORS
    # a zero weight leaves an indicator out
    assert measure.composite(scaled, {**measure.WEIGHTS, "unga": 0.0})[2002] == pytest.approx((0.0 + 0.5 + 0.5) / 3)


def test_every_criterion_the_measure_informs_is_in_the_criteria_table():
    ids = set(data.load("criteria")["criterion_id"])
    assert set(measure.CRITERIA) <= ids
    assert {name for names in measure.CRITERIA.values() for name in names} == set(measure.INDICATORS)


def test_the_weights_are_stated_and_sum_to_one_share_each():
    table = measure.weights_table(*measure.build()[:1], caption="x", name="tbl-x").frame
    assert list(table["weight"]) == [f"{1 / len(measure.INDICATORS):.0%}"] * len(measure.INDICATORS)


def test_a_literature_row_on_an_unknown_claim_is_refused(scratch_data):
    rewrite(scratch_data / "literature.csv", "osw2020defying,j3,", "osw2020defying,j33,")
    data.clear_cache()
    with pytest.raises(data.DataError, match=r"literature\.csv, row 2, column 'claim_id': 'j33' is not a claim_id of claims\.csv"):
        data.validate_all(scratch_data)


def test_a_visit_with_an_unknown_kind_is_refused(scratch_data):
    rewrite(scratch_data / "visits.csv", ",state_visit,reported,ria2001treaty", ",state-visit,reported,ria2001treaty")
    data.clear_cache()
    with pytest.raises(data.DataError, match=r"visits\.csv, row 2, column 'kind'"):
        data.validate_all(scratch_data)


def test_the_chapter_shows_its_figures_and_tables_and_cites_every_source_its_charts_name():
    html = (HTML / "chapters" / "06_measure.html").read_text(encoding="utf-8")
    for name in ("fig-measure-panels", "fig-measure-composite", "tbl-measure-indicators", "tbl-measure-periods",
                 "tbl-measure-literature", "tbl-measure-council", "tbl-measure-visits", "tbl-measure-agreements",
                 "tbl-measure-trade"):
        assert f'id="{name}"' in html, name
    # The charts' source line ends «… in this chapter's references»: each of its keys must be
    # cited on the page, by a table's source column or in the prose.
    notebook = nbformat.read(ROOT / "chapters" / "06_measure.ipynb", 4)
    prose = {key for cell in notebook.cells if cell.cell_type == "markdown"
             for cite in CITE.findall(cell.source) for key in cite.split(",")}
    tables = {key for name in ("unsc_iran", "unsc_iran_votes", "visits", "agreements", "trade", "literature")
              for key in data.unique_keys(data.load(name)["source"])}
    missing = set(measure.build()[1]) - prose - tables
    assert not missing, sorted(missing)[:5]
    assert len(Citations(HTML / "chapters" / "06_measure.html").listed) >= len(prose | tables)
    # the tactical chapter reads the measure for the criteria it can measure
    tactical = (HTML / "chapters" / "03_tactical.html").read_text(encoding="utf-8")
    assert 'id="tbl-tactical-measure"' in tactical
