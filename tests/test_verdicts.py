"""One verdict per claim across the book: every page states the register's verdict or none.

Every verdict a page shows is a mark (``data-claim``, ``data-verdict``) made from
data/claims.csv. These tests read every mark of the built book back and compare it with
the register, and look for verdicts stated in bold prose without a mark.
"""
from __future__ import annotations

import csv
import re
import tomllib

from bs4 import BeautifulSoup

from partnership import data
from conftest import HTML, ROOT, built_pages

# Words a sentence of prose could pass a verdict with: the register's labels, and the
# hindsight chapter's old ones, which no page may use any more.
OLD_WORDS = ("صدق", "صدق جزئياً", "لم يصدق", "من المبكر الحكم")


def _register() -> dict:
    with (ROOT / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        return {row["claim_id"]: row["verdict"] for row in csv.DictReader(handle)}


def _labels() -> dict:
    with (ROOT / "partnership" / "text" / "ar.toml").open("rb") as handle:
        return tomllib.load(handle)["verdicts"]


def disagreements(html: str, register: dict, labels: dict) -> list[str]:
    """Each mark whose claim is unknown, or whose verdict or label is not the register's."""
    found = []
    for mark in BeautifulSoup(html, "html.parser").select("[data-claim]"):
        claim, verdict, text = mark["data-claim"], mark.get("data-verdict"), mark.get_text(strip=True)
        if claim not in register:
            found.append(f"{claim}: not in claims.csv")
        elif verdict != register[claim] or text != labels[register[claim]]:
            found.append(f"{claim}: page says {verdict} «{text}», register says {register[claim]}")
    return found


def unmarked_verdicts(html: str, labels: dict) -> list[str]:
    """Bold text that is a verdict (a label of the register or an old hindsight word) with no claim's mark."""
    words = set(labels.values()) | set(OLD_WORDS)
    found = []
    for strong in BeautifulSoup(html, "html.parser").select("strong, b"):
        text = strong.get_text(" ", strip=True).strip(".،:؛ ")
        if text in words and not strong.select("[data-claim]") and not strong.find_parent(attrs={"data-claim": True}):
            found.append(text)
    return found


def test_no_table_but_the_register_judges_claims():
    """A verdict column anywhere else would be a second judge of some claim."""
    judging = [name for name in data.resource_names()
               if any(f["name"] == "verdict" for f in data.resource(name)["schema"]["fields"])]
    assert judging == ["claims"]
    assert not (ROOT / "data" / "scorecard.csv").exists()


def test_a_stale_or_unknown_mark_is_caught():
    """The checks below must notice a page that disagrees with the register."""
    register, labels = {"f2": "contradicted", "j6": "confirmed"}, _labels()
    page = ('<p><span data-claim="f2" data-verdict="partly">صحيح جزئياً</span>'
            '<span data-claim="j6" data-verdict="confirmed">صحيح جزئياً</span>'
            '<span data-claim="j99" data-verdict="confirmed">مؤكَّد</span></p>'
            '<p>فهذا التوقع <strong>لم يصدق</strong>، وذاك <strong><span data-claim="j6" '
            'data-verdict="confirmed">مؤكَّد</span></strong>.</p>')
    assert len(disagreements(page, register, labels)) == 3
    assert unmarked_verdicts(page, labels) == ["لم يصدق"]


def test_every_verdict_on_every_page_is_the_registers():
    register, labels = _register(), _labels()
    problems, marked = [], set()
    for page in built_pages():
        html = page.read_text(encoding="utf-8")
        problems += [f"{page.relative_to(HTML)}: {p}" for p in disagreements(html, register, labels)]
        marked |= {m["data-claim"] for m in BeautifulSoup(html, "html.parser").select("[data-claim]")}
    assert not problems, "\n".join(problems)
    # Not vacuous: the register's own chapter marks every claim.
    assert marked == set(register), sorted(set(register) ^ marked)


def test_no_page_states_a_verdict_in_prose_without_the_register():
    labels = _labels()
    problems = []
    for page in built_pages():
        found = unmarked_verdicts(page.read_text(encoding="utf-8"), labels)
        problems += [f"{page.relative_to(HTML)}: «{text}»" for text in found]
    assert not problems, "verdicts in bold with no claim's mark:\n" + "\n".join(problems)


def test_the_hindsight_chapter_states_each_forecasts_verdict():
    """Its prose pastes every forecast's mark, so its sections say what the register says."""
    html = (HTML / "chapters" / "05_hindsight.html").read_text(encoding="utf-8")
    prose = {m["data-claim"] for m in BeautifulSoup(html, "html.parser").select("p [data-claim]")}
    with (ROOT / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        forecasts = {row["claim_id"] for row in csv.DictReader(handle) if row["kind"] == "forecast"}
    assert forecasts <= prose, sorted(forecasts - prose)


ARABIC_COUNTS = {"ثلاثة": 3, "أربعة": 4, "خمسة": 5, "ستة": 6, "سبعة": 7, "ثمانية": 8, "تسعة": 9, "عشرة": 10}


def test_the_currency_claim_agrees_with_the_currency_table():
    """The evidence of a claim may not contradict the book's own table on the same thing."""
    claims = data.load("claims").set_index("claim_id")
    evidence = claims.loc["national-currencies", "evidence_ar"]
    shares = data.load("currency_share").sort_values("date")
    said = re.search(r"(\S+) تصريحات بين (\d{4}) و(\d{4})", evidence)
    assert said, evidence
    assert ARABIC_COUNTS[said.group(1)] == len(shares)
    assert (int(said.group(2)), int(said.group(3))) == (shares["date"].min().year, shares["date"].max().year)
    percents = {int(p) for p in re.findall(r"(\d+)%", evidence)}
    assert percents == {int(shares["share_pct"].iloc[0]), int(shares["share_pct"].max()),
                        int(shares["share_pct"].iloc[-1])}


def test_no_verdict_rests_on_reference_works_alone():
    """Issue 18: an encyclopedia or its mirror may inform a claim, never be its only support."""
    kinds = data.check_bib_kinds()
    alone = [row["claim_id"] for row in data.read_rows("claims")
             if all(kinds[key] == "reference" for key in data.split_keys(row["source"]))]
    assert not alone, alone
