"""Untrusted text stays text: a probe book renders hostile table cells, a chart label
and a bibliography entry with the book's real renderers, in HTML, in Chromium and in
the PDF, and each payload shows as its own literal text.

Each payload is what a contributor's pull request could put in a data row. The probe
book is built once for the module (HTML, single page, PDF; about a minute).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata

from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from conftest import ROOT, book_cache_listing, build_probe, mini_book, probe

pytestmark = pytest.mark.book

MARK = "pwned"  # what a payload sets if it ever runs (window.pwned), or it opens a dialog
PAYLOADS = {
    "script": "<script>window.pwned=1</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "a-javascript": "<a href=\"javascript:window.pwned=1\">انقر</a>",
    "iframe": "<iframe src=\"https://example.org/\"></iframe>",
    "substitution": "{{ 7*7 }}",
    "globals": "{{ self.__init__.__globals__['os'].system('touch pwned') }}",
    "download": "{download}`/../../etc/hostname`",
    "md-link": "[x](javascript:window.pwned=1)",
    "dollars": "صفقة $5-$6",
    "backslash": "C:\\new\\table \\\\ end",
    "pipe": "a | b | c",
    "emphasis": "*emphasis* and __strong__",
    "backtick": "a `tick` here",
    "bidi-override": "abc\u202edcba",
    "role": "{ref}`ch-probe`",
    "comment": "% not a comment",
}
# Braces are BibTeX's own grouping, so a bib field's literal text is the text without them.
# ('%' starts a BibTeX comment, so it is not among them.)
BIB_PAYLOAD = "<script>window.pwned=1</script> [x](javascript:window.pwned=1) $x$ *e* `t`"
BIB_ENTRY = f"""
@misc{{probe2025payload,
  kind      = {{news}},
  author    = {{{{Probe Agency}}}},
  title     = {{{BIB_PAYLOAD}}},
  publisher = {{Probe Agency}},
  year      = {{2025}},
  date      = {{2025-01-02}},
  url       = {{https://example.org/probe}},
}}
"""
CELL = f"""
import json
import pandas as pd
import partnership as p
from matplotlib import pyplot as plt

p.style.setup()
payloads = json.loads({json.dumps(json.dumps(PAYLOADS))})
# Two columns, so that no cell wraps and the PDF's text keeps each payload on one line.
frame = pd.DataFrame({{"case": list(payloads), "text": list(payloads.values())}})
p.tables.Table(frame, {{"case": "الحالة", "text": "النص"}}, caption="نصوص معادية", name="tbl-payloads",
               widths=(20, 80))
"""
CHART = """
fig, ax = p.style.figure(["probe2025payload"])
ax.set_title(payloads["dollars"])
ax.plot([0, 1], [0, 1], label=payloads["script"])
ax.legend()
plt.show()
"""
BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069"))


def _visible(text: str) -> str:
    """The text without the invisible isolates that keep it in order (U+202E stays)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).translate(BIDI)).strip()


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    before = book_cache_listing()
    book = mini_book(tmp_path_factory.mktemp("untrusted"))
    with (book / "data" / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write(BIB_ENTRY)
    probe(book, nbformat.v4.new_markdown_cell("مرجع معادٍ {cite:p}`probe2025payload`."),
          nbformat.v4.new_code_cell(CELL), nbformat.v4.new_code_cell(CHART),
          heading="(ch-probe)=\n# فصل تجربة")
    for builder in ("html", "singlehtml"):
        run = build_probe(book, builder)
        assert run.returncode == 0, (run.stdout + run.stderr)[-4000:]
    # The PDF as `make book` prints it, in a process of its own (Playwright's sync API
    # will not start inside another running event loop).
    built = book / "_build"
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from press import pdf; "
                    "pdf.build(*(Path(a) for a in sys.argv[1:]))",
                    str(built / "singlehtml"), str(built / "pdf"), str(built / "html")],
                   cwd=ROOT, check=True, timeout=600)
    after = book_cache_listing()
    assert before == after, "the probe build wrote into the book's notebook cache"
    return book


@pytest.fixture(scope="module")
def shown(book, browser):
    """What Chromium shows of the probe page: table cells, dialogs, console errors, marks."""
    from press.serve import serve

    dialogs, errors = [], []
    with serve(book / "_build" / "html") as base:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/chapters/probe.html", wait_until="networkidle")
        cells = page.evaluate("""() => [...document.querySelectorAll('#tbl-payloads tbody tr')]
            .map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent))""")
        marks = page.evaluate(f"""() => ({{window: typeof window.{MARK}, body: document.body.dataset.{MARK} ?? null,
            iframes: document.querySelectorAll('article iframe').length,
            js_links: [...document.querySelectorAll('a[href]')].filter(a => a.href.startsWith('javascript:')).length,
            inline_handlers: [...document.querySelectorAll('article *')].filter(e => [...e.attributes]
                .some(a => a.name.startsWith('on'))).length,
            text: document.body.innerText}})""")
        page.close()
    return {"cells": {_visible(row[0]): row[1] for row in cells}, "dialogs": dialogs, "errors": errors, "marks": marks}


def test_every_payload_is_shown_as_its_literal_text(shown):
    report = []
    for case, payload in PAYLOADS.items():
        got = shown["cells"].get(case)
        report.append(f"{case:14} {'literal' if got is not None and _visible(got) == _visible(payload) else 'CHANGED'}"
                      f"  {payload!r}")
        assert got is not None, f"no table row for {case}"
        assert _visible(got) == _visible(payload), f"{case}: shown as {got!r}"
    print("\n".join(report))


def test_no_payload_runs_in_chromium(shown):
    marks = shown["marks"]
    assert shown["dialogs"] == [], shown["dialogs"]
    assert shown["errors"] == [], shown["errors"]
    assert marks["window"] == "undefined" and marks["body"] is None, marks
    assert marks["iframes"] == 0 and marks["js_links"] == 0 and marks["inline_handlers"] == 0, marks
    assert not (ROOT / "pwned").exists() and not (ROOT / "chapters" / "pwned").exists()


def test_the_bibliography_entry_is_literal_text(shown):
    """The chapter's reference list shows the hostile title as text."""
    assert _visible(BIB_PAYLOAD) in _visible(shown["marks"]["text"]), shown["marks"]["text"][-800:]


def test_the_page_source_holds_no_live_markup(book):
    html = (book / "_build" / "html" / "chapters" / "probe.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    for live in ("<script>window", "<img src=x", "<iframe", 'href="javascript:', ">49<"):
        assert live not in article, live
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in article


def test_nothing_outside_the_repository_is_copied_into_the_build(book):
    machine = Path("/etc/hostname")
    hostname = machine.read_bytes() if machine.is_file() else None
    built = [p for p in (book / "_build" / "html").rglob("*") if p.is_file()]
    assert not (book / "_build" / "html" / "_downloads").exists(), list((book / "_build" / "html").glob("_downloads/*/*"))
    assert not [p for p in built if p.name == "hostname"]
    if hostname:
        assert not [p for p in built if p.stat().st_size == len(hostname) and p.read_bytes() == hostname]


def test_the_chart_label_keeps_its_dollars_and_the_svg_no_script(book):
    images = list((book / "_build" / "html" / "_images").glob("*.svg"))
    assert images, "the probe chart was not drawn"
    svg = "\n".join(p.read_text(encoding="utf-8") for p in images)
    assert "<script" not in svg
    # matplotlib names each text in a comment: the label is there whole, math untouched.
    assert "<!-- صفقة $5-$6 -->" in svg


def test_the_pdf_shows_the_payloads_and_has_no_javascript(book):
    path = book / "_build" / "pdf" / "the-cautious-partnership.pdf"
    text = _visible(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout)
    # The Latin payloads (no Arabic in them): each is one left-to-right run in its cell,
    # in the order written (compared without spaces: a long one wraps onto two lines).
    joined = re.sub(r"\s+", "", text)
    for case, payload in PAYLOADS.items():
        if not re.search("[\u0600-\u06ff\u202e]", payload):
            assert re.sub(r"\s+", "", payload) in joined, f"{case}: {payload!r} not in the PDF text"
    raw = path.read_bytes()
    assert b"/JavaScript" not in raw and b"/JS " not in raw and b"/JS(" not in raw
    for page in PdfReader(str(path)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            assert not uri.lower().startswith("javascript:"), uri
