"""The landing page (chapters/index.ipynb): prose first, the claims register's tally as
data/claims.csv has it, and three ways in that a phone reader can tap without scrolling.

The counts are taken here from the CSV file with the csv module and the labels from
ar.toml with tomllib, never through partnership.claims, whose tally is what is tested.
"""
from __future__ import annotations

import csv
import json
import re
import tomllib
from collections import Counter
from urllib.parse import unquote, urlsplit

import pytest

from conftest import HTML, ROOT
from partnership import data
from partnership.analysis import claims

LANDING = "chapters/index.html"
PHONE = {"width": 390, "height": 844}
MIN_TARGET = 44  # px: WCAG 2.5.5's target size, and the least a thumb hits reliably
ARABIC = re.compile(r"[\u0600-\u06FF]")


def _csv_counts() -> Counter:
    with open(ROOT / "data" / "claims.csv", encoding="utf-8", newline="") as handle:
        return Counter(row["verdict"] for row in csv.DictReader(handle))


def _verdict_names() -> dict:
    with open(ROOT / "partnership" / "text" / "ar.toml", "rb") as handle:
        return tomllib.load(handle)["verdicts"]


@pytest.fixture(scope="module")
def phone(browser, site):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{site}/{LANDING}", wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    yield page
    page.close()


# --- the tally --------------------------------------------------------------------------

@pytest.mark.book
def test_the_tally_on_the_page_is_the_count_of_claims_csv(phone):
    shown = phone.evaluate("""() => {
        const box = document.querySelector('article .landing-tally');
        if (!box) return null;
        const text = e => e.innerText.trim();
        return {head: text(box.querySelector('p')),
                legend: [...box.querySelectorAll('.landing-tally-legend li')].map(li =>
                    [text(li.querySelector('.landing-tally-label')), text(li.querySelector('.landing-tally-count'))]),
                bar: [...box.querySelectorAll('.landing-tally-bar span')].map(s =>
                    [text(s), s.getBoundingClientRect().width,
                     parseFloat(getComputedStyle(s).minWidth)]),  // border-box: the border is inside
                barWidth: box.querySelector('.landing-tally-bar').getBoundingClientRect().width};
    }""")
    assert shown, "no tally on the landing page"
    counts, names = _csv_counts(), _verdict_names()
    legend = {label: int(n) for label, n in shown["legend"]}
    assert len(legend) == len(shown["legend"]), f"a verdict is listed twice: {shown['legend']}"
    expected = {names[v]: n for v, n in counts.items()}
    assert {k: n for k, n in legend.items() if n} == expected
    assert set(legend) <= set(names.values()), "a legend label is not a verdict name of ar.toml"
    total = sum(counts.values())
    assert re.search(rf"(?<!\d){total}(?!\d)", shown["head"]), f"the total {total} is not in {shown['head']!r}"
    # The bar: one segment per verdict that has claims, in the legend's order, each as
    # wide as its share; a share narrower than its number is held at the least width the
    # number needs (its CSS min-width), and the others share what is left in proportion,
    # as flexbox resolves it (held segments are frozen, the rest shared out again).
    assert [int(n) for n, _, _ in shown["bar"]] == [int(n) for _, n in shown["legend"] if int(n)]
    bar, held = shown["bar"], set()
    while True:
        free = shown["barWidth"] - sum(bar[i][2] for i in held)
        rest = sum(int(bar[i][0]) for i in range(len(bar)) if i not in held)
        newly = {i for i, (n, _, least) in enumerate(bar) if i not in held and int(n) / rest * free < least}
        if not newly:
            break
        held |= newly
    for i, (n, width, least) in enumerate(bar):
        expected_width = least if i in held else int(n) / rest * free
        assert abs(width - expected_width) < 2, (i, expected_width, bar)


def test_the_tally_follows_the_data(scratch_data):
    """A verdict changed in the CSV moves one claim in the tally; a verdict the
    descriptor allows but the catalogue cannot name is refused, naming it."""
    path = scratch_data / "claims.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    before = claims.tally().counts
    was = rows[0]["verdict"]
    now = next(v for v in before if v != was)
    rows[0]["verdict"] = now
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    data.clear_cache()
    after = claims.tally().counts
    assert after[now] == before[now] + 1 and after[was] == before[was] - 1
    assert sum(after.values()) == len(rows)

    package = json.loads((scratch_data / "datapackage.json").read_text(encoding="utf-8"))
    field = next(f for r in package["resources"] if r["name"] == "claims"
                 for f in r["schema"]["fields"] if f["name"] == "verdict")
    field["constraints"]["enum"].append("retracted")
    (scratch_data / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    data.clear_cache()
    with pytest.raises(KeyError, match="retracted"):
        claims.tally()


# --- three ways in -----------------------------------------------------------------------

@pytest.mark.book
def test_three_ways_in_sit_above_the_fold_of_a_phone(phone, site):
    ways = phone.evaluate("""() => [...document.querySelectorAll('article .landing-ways a')].map(a => {
        const r = a.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return {href: a.href, text: a.innerText.trim(), top: r.top, bottom: r.bottom, left: r.left,
                right: r.right, height: r.height, width: r.width, hit: !!hit && hit.closest('a') === a};
    })""")
    assert len(ways) == 3, ways
    for way in ways:
        assert ARABIC.search(way["text"]), way
        assert way["height"] >= MIN_TARGET and way["width"] >= MIN_TARGET, way
        assert 0 <= way["top"] and way["bottom"] <= PHONE["height"], f"below the fold: {way}"
        assert 0 <= way["left"] and way["right"] <= PHONE["width"], f"outside the screen: {way}"
        assert way["hit"], f"something covers the link: {way}"
    paths = [urlsplit(w["href"]).path.removeprefix(urlsplit(site).path or "") for w in ways]
    assert paths[0] == "/chapters/00_summary.html", paths
    assert paths[1].startswith("/chapters/") and paths[1].endswith(".html"), paths
    assert paths[2] == "/the-cautious-partnership.pdf", paths
    for way, path in zip(ways, paths):
        assert (HTML / unquote(path).lstrip("/")).is_file(), f"{path}: not in the build"
        response = phone.request.get(way["href"])
        assert response.ok, f"{way['href']}: HTTP {response.status}"
        if path.endswith(".pdf"):
            assert response.body()[:5] == b"%PDF-"


# --- prose first, no code ------------------------------------------------------------------

@pytest.mark.book
def test_the_page_opens_with_prose_and_no_paragraph_opens_with_a_citation(phone):
    paragraphs = phone.evaluate("""() => [...document.querySelectorAll('article.bd-article p')].map(p => {
        const first = [...p.childNodes].find(n => n.nodeType !== Node.TEXT_NODE || n.textContent.trim());
        return {text: p.innerText.trim(),
                cite: !!first && first.nodeType === Node.ELEMENT_NODE &&
                      !!(first.matches('.bibtex-citation, a[href*="references.html"]') ||
                         first.querySelector('a[href*="references.html"]'))};
    })""")
    assert paragraphs, "no paragraph on the landing page"
    opening = paragraphs[0]["text"]
    assert ARABIC.match(opening) and len(opening.split()) >= 8, f"the page opens with {opening!r}"
    starts_with_citation = [p["text"][:60] for p in paragraphs if p["cite"] or p["text"].startswith(("[", "("))]
    assert not starts_with_citation, starts_with_citation


@pytest.mark.book
def test_the_landing_page_shows_no_code():
    """The tally's cell is removed from the page, not folded under a toggle."""
    page = (HTML / LANDING).read_text(encoding="utf-8")
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    assert "landing-tally" in article
    assert "cell_input" not in article and "<details" not in article and "highlight-ipython" not in article
