"""Measure the built book as a reader's browser meets it: page weight, axe, Lighthouse.

One place for these measurements, so `make bench`, `make audit` and the tests report
the same numbers in the same way:

* page weight: the bytes Debian's Chromium actually fetches to load a page from a cold
  cache (every response body, summed), not the size of the HTML file on disk;
* axe-core (from node_modules, injected into the page by Playwright): the WCAG
  violations of a page, of which none may be serious or critical;
* Lighthouse (node_modules/.bin/lighthouse on Debian's Chromium): the four category
  scores of every reader-facing page (every chapter, the landing page, the references,
  search and the index; not the site root, a redirect to the landing page) under the
  mobile default (a mid-range phone on slow 4G, simulated) and the desktop preset.
  Targets: performance at least 95 on mobile and 100 on desktop; accessibility, best
  practices and SEO 100 on both. A performance score varies from run to run (more so on
  a shared machine), so a page that misses is run twice more and the median of the three
  counts; the table shows every run. Runs go one at a time by default: two at once on
  two cores (measured on the whole book) added 100-850 ms of blocking time that a reader's
  phone would not see, mobile scores as low as 65 for pages that score 93-95 alone.

    python -m press.audit                # `make audit`: the table, non-zero if a target is missed
    python -m press.audit chapters/index.html --jobs 2    # some pages; runs at a time

Each run's JSON report is kept under _build/lighthouse/ for a closer look.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from . import ROOT
from .pdf import CHROMIUM, CHROMIUM_ARGS
from .serve import serve

HTML = ROOT / "_build" / "html"
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
REPORTS = ROOT / "_build" / "lighthouse"

# Targets (the issue's): a page with its assets weighs at most 1.5 MB; axe finds nothing
# serious or critical; Lighthouse scores, out of 100, per form factor, on every page.
WEIGHT_LIMIT = 1_500_000
AXE_BLOCKING = ("serious", "critical")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
FORMS = ("mobile", "desktop")
TARGETS = {
    "mobile": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
    "desktop": {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100},
}
RERUNS = 2  # more runs of a page whose performance misses; the median of all counts
JOBS = 1    # Lighthouse runs at a time (see the docstring)
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")
SHORT_METRIC = dict(zip(METRICS, ("FCP", "LCP", "TBT", "CLS", "SI")))
LIGHTHOUSE_CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run"]


class AuditError(RuntimeError):
    pass


def pages(html: Path = HTML) -> list[str]:
    """Every reader-facing page of the build, as paths relative to its root.

    The top-level index.html is left out: it is only a redirect to the landing page."""
    found = sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                   if p.relative_to(html).parts[0] not in ("_static", "_sources", "_images"))
    found = [p for p in found if p != "index.html"]
    if not found:
        raise AuditError(f"no built book in {html}: run `make book` first")
    return found


@contextmanager
def browser():
    """Debian's Chromium under Playwright (never Playwright's own browser download)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        raise AuditError(f"{CHROMIUM} missing: run `make system`")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Weight:
    path: str
    total: int = 0
    resources: dict[str, int] = field(default_factory=dict)

    def heaviest(self, n: int = 5) -> list[tuple[str, int]]:
        return sorted(self.resources.items(), key=lambda kv: -kv[1])[:n]


def page_weight(chromium, base: str, path: str, width: int = 1280) -> Weight:
    """Bytes fetched to show `path`: a new browser context (cold cache), the page loaded
    until the network is idle, lazy images made to load, then every response body summed,
    the HTML included. Served uncompressed (press.serve): the full bytes, an
    upper bound on what a compressing web host sends."""
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        responses = []
        page.on("response", lambda r: responses.append(r))
        page.goto(f"{base}/{path}", wait_until="networkidle")
        # Lazy images a reader can see count too: one who scrolls fetches them all. The
        # drawing of a chart's other colour mode is hidden, and never fetched.
        if page.evaluate("""() => { const lazy = [...document.querySelectorAll('img[loading=lazy]')]
                                        .filter(i => i.checkVisibility());
                                    lazy.forEach(i => { i.loading = 'eager'; }); return lazy.length; }"""):
            page.wait_for_load_state("networkidle")
            page.wait_for_function("[...document.images].filter(i => i.checkVisibility()).every(i => i.complete)")
        weight = Weight(path)
        for response in responses:
            if response.request.method != "GET" or response.url.startswith("data:"):
                continue
            try:
                size = len(response.body())
            except Exception as err:  # a body the browser did not keep is a measuring failure
                raise AuditError(f"{path}: no body for {response.url}: {err}") from None
            key = response.url.removeprefix(base + "/")
            weight.resources[key] = weight.resources.get(key, 0) + size
            weight.total += size
        return weight
    finally:
        context.close()


def page_weights(html: Path = HTML, paths: list[str] | None = None, chromium=None) -> list[Weight]:
    """The weight of every page (or of `paths`), heaviest first; in `chromium` if given
    (Playwright allows one sync session per thread), else in a browser of its own."""
    with serve(html) as base, (nullcontext(chromium) if chromium else browser()) as chromium:
        weights = [page_weight(chromium, base, p) for p in (paths or pages(html))]
    return sorted(weights, key=lambda w: -w.total)


def axe(page, impacts: tuple[str, ...] = AXE_BLOCKING) -> list[dict]:
    """Run axe-core in an open Playwright page; the violations of the given impacts.

    Every rule axe ships runs, none disabled; `impacts` only filters what is returned."""
    if not AXE_JS.is_file():
        raise AuditError(f"{AXE_JS} missing: run `make node` (npm ci)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in impacts]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']} ({v['help']}), {len(v['nodes'])} element(s)")
        for node in v["nodes"][:3]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def lighthouse(url: str, form: str, report_path: Path | None = None) -> dict:
    """One Lighthouse run on `url` as `mobile` (the default: a mid-range phone on slow 4G,
    simulated) or `desktop` (the desktop preset); its summary (see `summarise`). The full
    JSON report is kept at `report_path` if given, for a closer look at a page that misses."""
    if not LIGHTHOUSE.is_file():
        raise AuditError(f"{LIGHTHOUSE} missing: run `make node` (npm ci)")
    command = ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}",
               # The full-page screenshot is a picture for the HTML report: no score reads it.
               "--disable-full-page-screenshot",
               f"--chrome-flags={' '.join(LIGHTHOUSE_CHROME_FLAGS)}"]
    if form == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=str(CHROMIUM))
    run = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if run.returncode != 0:
        raise AuditError(f"lighthouse failed on {url} ({form}):\n{run.stderr[-2000:]}")
    if report_path is not None:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(run.stdout, encoding="utf-8")
    report = json.loads(run.stdout)
    if report.get("runtimeError"):
        raise AuditError(f"lighthouse on {url} ({form}): {report['runtimeError']}")
    return summarise(report)


def summarise(report: dict) -> dict:
    """From a Lighthouse JSON report: the four category scores (0-100), the scored audits
    that lost points in each category (ids, worst first), the key metrics as displayed,
    and the largest contentful paint's element."""
    scores = {c: round(100 * report["categories"][c]["score"]) for c in CATEGORIES}
    lost = {}
    for c in CATEGORIES:
        refs = [r for r in report["categories"][c]["auditRefs"] if r.get("weight", 0) > 0]
        scored = [(report["audits"][r["id"]].get("score"), r["id"]) for r in refs]
        lost[c] = [a for score, a in sorted(s for s in scored if s[0] is not None and s[0] < 1)]
    metrics = {a: report["audits"][a].get("displayValue", "") for a in METRICS}
    lcp = ""
    for item in (report["audits"].get("largest-contentful-paint-element", {}).get("details") or {}).get("items", []):
        for row in item.get("items", []):
            if isinstance(row.get("node"), dict):
                lcp = row["node"].get("selector", "")
                break
        if lcp:
            break
    return {"scores": scores, "lost": lost, "metrics": metrics, "lcp": lcp}


def misses(form: str, scores: dict) -> list[str]:
    """The targets `scores` (one run's four categories) miss for `form`, as sentences."""
    return [f"{c} {scores[c]} < {TARGETS[form][c]}" for c in CATEGORIES if scores[c] < TARGETS[form][c]]


def median_run(runs: list[dict]) -> dict:
    """Of several runs of one page, the one with the median performance score (the lower
    middle one of an even number): Lighthouse's own advice for its run-to-run variance.
    The other categories do not vary between runs of the same page."""
    ordered = sorted(runs, key=lambda r: r["scores"]["performance"])
    return ordered[(len(ordered) - 1) // 2]


def table(rows: list[tuple[str, str, dict]]) -> list[str]:
    """One line per page and form: the four scores, the runs that were made, and a mark
    on any score below its target."""
    width = max([len("page"), *(len(path) for path, _, _ in rows)])
    lines = [f"  {'page':{width}} {'form':8}" + "".join(f"{SHORT[c]:>6}" for c in CATEGORIES) + "  runs (performance)"]
    for path, form, result in rows:
        cells = "".join(f"{result['scores'][c]:>5}{'!' if result['scores'][c] < TARGETS[form][c] else ' '}"
                        for c in CATEGORIES)
        runs = " ".join(str(r["scores"]["performance"]) for r in result.get("runs", [result]))
        lines.append(f"  {path:{width}} {form:8}{cells}  {runs}")
    return lines


def details(rows: list[tuple[str, str, dict]]) -> list[str]:
    """For each page and form that misses a target: its metrics, its LCP element and the
    audits that cost it points."""
    lines = []
    for path, form, result in rows:
        if not misses(form, result["scores"]):
            continue
        lines.append(f"  {path} ({form}): " + ", ".join(f"{SHORT_METRIC[m]} {v}" for m, v in result["metrics"].items()))
        if result.get("lcp"):
            lines.append(f"      LCP element: {result['lcp']}")
        for c, audits in result["lost"].items():
            if audits and result["scores"][c] < TARGETS[form][c]:
                lines.append(f"      {c}: points lost on {', '.join(audits)}")
    return lines


def audit_page(base: str, path: str, form: str, reports: Path | None = None) -> dict:
    """Lighthouse on one page and form; a performance miss is run twice more, and the
    median of the three runs counts (a single run on a shared machine is noisy)."""
    def one(n: int) -> dict:
        target = reports / f"{path.replace('/', '_').removesuffix('.html')}.{form}.{n}.json" if reports else None
        return lighthouse(f"{base}/{path}", form, target)

    runs = [one(1)]
    if runs[0]["scores"]["performance"] < TARGETS[form]["performance"]:
        runs += [one(n) for n in range(2, 2 + RERUNS)]
    result = dict(median_run(runs))
    result["runs"] = runs
    return result


def run_lighthouse(html: Path, paths: list[str], jobs: int = 1, reports: Path | None = None,
                   forms: tuple[str, ...] = FORMS) -> list[tuple[str, str, dict]]:
    """Every page in every form, `jobs` Lighthouse runs at a time, in the order given."""
    with serve(html, compressed=True) as base, ThreadPoolExecutor(max_workers=jobs) as pool:
        work = [(p, f) for p in paths for f in forms]
        futures = [pool.submit(audit_page, base, p, f, reports) for p, f in work]
        return [(p, f, future.result()) for (p, f), future in zip(work, futures)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m press.audit", description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", help="pages to audit, relative to _build/html (default: every page)")
    parser.add_argument("--jobs", type=int, default=JOBS, help=f"Lighthouse runs at a time (default {JOBS})")
    parser.add_argument("--reports", type=Path, default=REPORTS,
                        help="where Lighthouse's JSON reports are kept (default _build/lighthouse)")
    args = parser.parse_args(argv)
    html = HTML
    started = time.monotonic()
    every = pages(html)
    unknown = sorted(set(args.pages) - set(every))
    if unknown:
        raise AuditError(f"not pages of the book: {', '.join(unknown)}")
    paths = args.pages or every
    failures = []

    weights = page_weights(html, paths)
    print(f"page weight (bytes fetched from a cold cache, limit {WEIGHT_LIMIT / 1e6:.1f} MB), heaviest five:")
    for w in weights[:5]:
        print(f"  {w.total / 1e6:6.2f} MB  {w.path}")
    failures += [f"{w.path} weighs {w.total / 1e6:.2f} MB > {WEIGHT_LIMIT / 1e6:.1f} MB"
                 for w in weights if w.total > WEIGHT_LIMIT]

    shutil.rmtree(args.reports, ignore_errors=True)
    rows = run_lighthouse(html, paths, jobs=args.jobs, reports=args.reports)
    failures += [f"{path} ({form}): {m}" for path, form, result in rows for m in misses(form, result["scores"])]
    print(f"\nLighthouse 12.8.2 on {len(paths)} pages (Debian Chromium; served gzip-compressed as a web host does), "
          f"scores out of 100,\n! below target; targets: {targets_sentence()}; a performance miss is run "
          f"{RERUNS} more times and the median counts:")
    print("\n".join(table(rows)))
    if failures:
        print("\nwhere the pages that miss lose points (reports in "
              f"{args.reports.relative_to(ROOT) if args.reports.is_relative_to(ROOT) else args.reports}):")
        print("\n".join(details(rows)))
    print(f"\n{len(rows)} Lighthouse runs ({sum(len(r['runs']) for _, _, r in rows)} with re-runs), "
          f"{args.jobs} at a time, {time.monotonic() - started:.0f} s in all")
    if failures:
        print("\nAUDIT FAILED, targets missed:")
        for f in failures:
            print(f"  - {f}")
        return 1
    print("\naudit: every target met")
    return 0


def targets_sentence() -> str:
    """The targets in words: "performance >= 95 mobile, 100 desktop; accessibility ... 100"."""
    parts = []
    for c in CATEGORIES:
        values = {TARGETS[f][c] for f in FORMS}
        parts.append(f"{c} >= {values.pop()}" if len(values) == 1
                     else f"{c} >= " + ", ".join(f"{TARGETS[f][c]} {f}" for f in FORMS))
    return "; ".join(parts)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
