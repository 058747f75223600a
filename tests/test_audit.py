"""press.audit's own arithmetic: which pages it audits, what counts as a miss, which of
several runs counts, and the table it prints. No browser: reports are made up here."""
from __future__ import annotations

import pytest

from press import audit


def _report(perf=1.0, a11y=1.0, bp=1.0, seo=1.0, lost=()):
    """A Lighthouse JSON report cut down to what press.audit reads."""
    scores = {"performance": perf, "accessibility": a11y, "best-practices": bp, "seo": seo}
    audits = {m: {"score": 1, "displayValue": f"{m} value"} for m in audit.METRICS}
    audits["color-contrast"] = {"score": 0 if "color-contrast" in lost else 1}
    audits["unweighted"] = {"score": 0}
    audits["informative"] = {"score": None}
    refs = {
        "performance": [{"id": m, "weight": 10} for m in audit.METRICS],
        "accessibility": [{"id": "color-contrast", "weight": 7}, {"id": "unweighted", "weight": 0},
                          {"id": "informative", "weight": 1}],
        "best-practices": [], "seo": [],
    }
    for m in lost:
        if m in audits and m in audit.METRICS:
            audits[m]["score"] = 0.5
    audits["largest-contentful-paint-element"] = {"details": {"items": [
        {"type": "table", "items": [{"node": {"selector": "section#ch-home > p"}}]}]}}
    return {"categories": {c: {"score": s, "auditRefs": refs[c]} for c, s in scores.items()}, "audits": audits}


def _result(perf, form="mobile", **scores):
    return audit.summarise(_report(perf=perf / 100, **{k: v / 100 for k, v in scores.items()}))


def test_summarise_reads_scores_lost_audits_metrics_and_lcp_element():
    result = audit.summarise(_report(perf=0.9, a11y=0.96, lost=("color-contrast", "largest-contentful-paint")))
    assert result["scores"] == {"performance": 90, "accessibility": 96, "best-practices": 100, "seo": 100}
    # Only scored audits that count (weight > 0, a score) are named.
    assert result["lost"] == {"performance": ["largest-contentful-paint"], "accessibility": ["color-contrast"],
                              "best-practices": [], "seo": []}
    assert result["metrics"]["first-contentful-paint"] == "first-contentful-paint value"
    assert result["lcp"] == "section#ch-home > p"


@pytest.mark.parametrize("form, scores, missed", [
    ("mobile", {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}, []),
    ("mobile", {"performance": 94, "accessibility": 100, "best-practices": 100, "seo": 100}, ["performance 94 < 95"]),
    ("desktop", {"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100}, ["performance 99 < 100"]),
    ("desktop", {"performance": 100, "accessibility": 98, "best-practices": 100, "seo": 92},
     ["accessibility 98 < 100", "seo 92 < 100"]),
])
def test_misses_names_each_category_below_its_target(form, scores, missed):
    assert audit.misses(form, scores) == missed


def test_the_targets_are_the_issues():
    assert audit.TARGETS["mobile"] == {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert audit.TARGETS["desktop"] == {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert audit.targets_sentence() == ("performance >= 95 mobile, 100 desktop; accessibility >= 100; "
                                        "best-practices >= 100; seo >= 100")


@pytest.mark.parametrize("perfs, counted", [([90], 90), ([90, 97, 93], 93), ([99, 80, 96], 96), ([92, 98], 92)])
def test_the_median_run_counts(perfs, counted):
    assert audit.median_run([_result(p) for p in perfs])["scores"]["performance"] == counted


def test_audit_page_reruns_a_performance_miss_and_counts_the_median(monkeypatch):
    results = iter([_result(90), _result(97), _result(96)])
    calls = []
    monkeypatch.setattr(audit, "lighthouse", lambda url, form, path=None: calls.append(url) or next(results))
    counted = audit.audit_page("http://host", "chapters/x.html", "mobile")
    assert len(calls) == 1 + audit.RERUNS == 3
    assert counted["scores"]["performance"] == 96
    assert [r["scores"]["performance"] for r in counted["runs"]] == [90, 97, 96]


def test_audit_page_runs_a_page_that_meets_its_targets_once(monkeypatch):
    calls = []
    monkeypatch.setattr(audit, "lighthouse", lambda url, form, path=None: calls.append(url) or _result(100))
    assert audit.audit_page("http://host", "chapters/x.html", "desktop")["scores"]["performance"] == 100
    assert calls == ["http://host/chapters/x.html"]


def test_audit_page_does_not_rerun_for_a_miss_outside_performance(monkeypatch):
    calls = []
    monkeypatch.setattr(audit, "lighthouse", lambda url, form, path=None: calls.append(url) or _result(100, seo=90))
    assert audit.audit_page("http://host", "x.html", "desktop")["scores"]["seo"] == 90
    assert len(calls) == 1


def test_table_has_one_line_per_page_and_form_and_marks_misses():
    missed = dict(_result(93), runs=[_result(91), _result(93), _result(96)])
    rows = [("chapters/index.html", "mobile", dict(_result(98), runs=[_result(98)])),
            ("chapters/index.html", "desktop", missed),
            ("search.html", "mobile", dict(_result(96, seo=92), runs=[_result(96, seo=92)]))]
    lines = audit.table(rows)
    assert len(lines) == 1 + len(rows)
    assert lines[0].split() == ["page", "form", "perf", "a11y", "bp", "seo", "runs", "(performance)"]
    assert lines[1].split() == ["chapters/index.html", "mobile", "98", "100", "100", "100", "98"]
    assert lines[2].split() == ["chapters/index.html", "desktop", "93!", "100", "100", "100", "91", "93", "96"]
    assert lines[3].split() == ["search.html", "mobile", "96", "100", "100", "92!", "96"]
    assert len(lines[1]) - len("98") == len(lines[2]) - len("91 93 96") == lines[0].index("runs"), "columns line up"


def test_details_explain_only_the_misses():
    ok = _result(99)
    miss = audit.summarise(_report(perf=0.9, lost=("largest-contentful-paint",)))
    lines = audit.details([("a.html", "mobile", ok), ("b.html", "mobile", miss)])
    assert lines[0].startswith("  b.html (mobile): FCP ")
    assert "LCP element: section#ch-home > p" in lines[1]
    assert lines[2].strip() == "performance: points lost on largest-contentful-paint"
    assert not any("a.html" in line for line in lines)


def test_pages_are_every_reader_facing_page_but_the_root_redirect(tmp_path):
    for name in ("index.html", "search.html", "genindex.html", "chapters/index.html", "chapters/01_a.html",
                 "_static/webpack-macros.html", "_sources/x.html", "_images/y.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html></html>")
    assert audit.pages(tmp_path) == ["chapters/01_a.html", "chapters/index.html", "genindex.html", "search.html"]


def test_pages_refuses_an_empty_build(tmp_path):
    with pytest.raises(audit.AuditError, match="make book"):
        audit.pages(tmp_path)
