"""Measure the built book as a reader's browser meets it: page weight, axe, Lighthouse.

One place for these measurements, so `make bench`, `make audit` and the tests report
the same numbers in the same way:

* page weight: the bytes Debian's Chromium actually fetches to load a page from a cold
  cache (every response body, summed), not the size of the HTML file on disk;
* axe-core (from node_modules, injected into the page by Playwright): the WCAG
  violations of a page, of which none may be serious or critical;
* Lighthouse (node_modules/.bin/lighthouse on Debian's Chromium): the four category
  scores of a page under the mobile default and the desktop preset.

    python -m press.audit                # `make audit`: the table, non-zero if a target is missed
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
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
LANDING = "chapters/index.html"

# Targets (the issue's): a page with its assets weighs at most 1.5 MB; axe finds nothing
# serious or critical; Lighthouse scores, out of 100, per form factor.
WEIGHT_LIMIT = 1_500_000
AXE_BLOCKING = ("serious", "critical")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {
    "mobile": {"performance": 80, "accessibility": 100, "best-practices": 100, "seo": 100},
    "desktop": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
}
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")
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


def lighthouse(url: str, form: str) -> dict:
    """Lighthouse's four category scores (0-100) for `url`, as `mobile` or `desktop`."""
    if not LIGHTHOUSE.is_file():
        raise AuditError(f"{LIGHTHOUSE} missing: run `make node` (npm ci)")
    command = ["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={' '.join(LIGHTHOUSE_CHROME_FLAGS)}"]
    if form == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=str(CHROMIUM))
    run = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if run.returncode != 0:
        raise AuditError(f"lighthouse failed on {url} ({form}):\n{run.stderr[-2000:]}")
    report = json.loads(run.stdout)
    if report.get("runtimeError"):
        raise AuditError(f"lighthouse on {url} ({form}): {report['runtimeError']}")
    scores = {c: round(100 * report["categories"][c]["score"]) for c in CATEGORIES}
    lost = {c: [a for a in (r["id"] for r in report["categories"][c]["auditRefs"])
                if report["audits"][a].get("score") is not None and report["audits"][a]["score"] < 1
                and next(r for r in report["categories"][c]["auditRefs"] if r["id"] == a)["weight"] > 0]
            for c in CATEGORIES}
    metrics = {a: report["audits"][a].get("displayValue", "") for a in METRICS}
    return {"scores": scores, "lost": lost, "metrics": metrics}


def misses(form: str, scores: dict) -> list[str]:
    return [f"{c} {scores[c]} < {TARGETS[form][c]}" for c in CATEGORIES if scores[c] < TARGETS[form][c]]


def main(argv: list[str] | None = None) -> int:
    html = HTML
    weights = page_weights(html)
    heaviest_chapter = next(w for w in weights if w.path.startswith("chapters/") and w.path != LANDING)
    failures = []
    print("page weight (bytes fetched from a cold cache, limit "
          f"{WEIGHT_LIMIT / 1e6:.1f} MB):")
    for w in weights[:5]:
        print(f"  {w.total / 1e6:6.2f} MB  {w.path}")
    if weights[0].total > WEIGHT_LIMIT:
        failures.append(f"{weights[0].path} weighs {weights[0].total / 1e6:.2f} MB > {WEIGHT_LIMIT / 1e6:.1f} MB")

    rows = []
    with serve(html, compressed=True) as base:
        for path in (LANDING, heaviest_chapter.path):
            for form in ("mobile", "desktop"):
                result = lighthouse(f"{base}/{path}", form)
                rows.append((path, form, result))
                failures += [f"{path} ({form}): {m}" for m in misses(form, result["scores"])]
    print("\nLighthouse 12.8.2 (Debian Chromium; pages served gzip-compressed as a web host does), "
          "scores out of 100;\ntargets: performance >= 80 mobile / 95 desktop, the others 100")
    header = f"  {'page':32} {'form':8}" + "".join(f"{c:>16}" for c in CATEGORIES)
    print(header)
    for path, form, result in rows:
        print(f"  {path:32} {form:8}" + "".join(f"{result['scores'][c]:>16}" for c in CATEGORIES))
    for path, form, result in rows:
        print(f"  {path} {form}: " + ", ".join(f"{m} {v}" for m, v in result["metrics"].items()))
    for path, form, result in rows:
        for c, audits in result["lost"].items():
            if audits:
                print(f"  {path} {form} {c}: points lost on {', '.join(audits)}")
    if failures:
        print("\nAUDIT FAILED, targets missed:")
        for f in failures:
            print(f"  - {f}")
        return 1
    print("\naudit: every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
