"""Arabic full-text search: the book's normalisation, and the Pagefind index built with it.

Sphinx has no Arabic search language: it fell back to English rules, split words at
their vowel marks and never matched «عقوبات» with «العقوبات». Pagefind does the searching
now (its Snowball Arabic stemmer, its ranking, an index in chunks that the search page
fetches only when a reader searches). This module decides what Pagefind indexes:

* every word passes through :func:`normalise` first: hamza forms, alef maqsura, ta
  marbuta, tatweel, vowel marks, Persian letters, Arabic-Indic digits and the proclitics
  (و ف ب ك ل ال and their combinations). The search page applies the same rules to the
  query: they travel to it as JSON (:func:`rules`), and ``tests/test_search.py`` runs the
  page's copy against this one over every word of the book;
* a page's record holds its words normalised one for one, so a match's position in the
  index is its position in the page's own text, written beside the index
  (``pagefind/text/``): the search page shows and highlights the excerpt in the book's
  spelling, fetching the text of the results it shows;
* after the page's own words come the names, in every script, of each glossary entry
  the page mentions, so «سويفت» finds a page that only says SWIFT. They lie past the
  page's text and are never shown;
* Chromium fetches nothing for a page opened from ``file://`` and runs no module script
  there, so the index is written a second time as classic scripts (``pagefind-file/``),
  with Pagefind's own ``pagefind.js`` turned into one (:func:`classic_pagefind`).

``python -m press.search`` indexes a built book again (``_build/html``).
"""
from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import json
import re
import shutil
import sys
import tomllib
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

LANGUAGE = "ar"
BUNDLE = "pagefind"  # Pagefind's own output folder, in the site's root
FILE_BUNDLE = "pagefind-file"  # the same files as classic scripts, for file://
# What the search page uses of Pagefind's output; its own UIs and the other language's
# stemmer are removed.
KEEP = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", f"wasm.{LANGUAGE}.pagefind")
KEEP_DIRS = ("index", "fragment")
TEXTS = "text"  # each page's own words, beside Pagefind's files (:func:`page_text`)

# ------------------------------------------------------------------ normalisation
# The rules as data (search_rules.toml): the search page's script builds the same regular
# expressions and tables from exactly these values.
RULES_FILE = Path(__file__).resolve().parent / "search_rules.toml"
with RULES_FILE.open("rb") as _handle:
    _RULES = tomllib.load(_handle)
MARKS, FORMAT, ARABIC_RUN = _RULES["marks"], _RULES["format"], _RULES["arabic_run"]
LETTERS = {**_RULES["letters"],
           **{chr(0x0660 + d): str(d) for d in range(10)},   # Arabic-Indic digits
           **{chr(0x06F0 + d): str(d) for d in range(10)}}   # Persian digits
ARTICLES = _RULES["articles"]
CONJUNCTIONS, PREPOSITIONS = _RULES["conjunctions"], _RULES["prepositions"]

_MARKS, _FORMAT, _RUN = re.compile(MARKS), re.compile(FORMAT), re.compile(ARABIC_RUN)
_LETTERS = str.maketrans(LETTERS)


def rules() -> dict:
    """The normalisation as the search page's script reads it."""
    return {"marks": MARKS, "format": FORMAT, "letters": LETTERS, "arabicRun": ARABIC_RUN,
            "articles": ARTICLES, "conjunctions": CONJUNCTIONS, "prepositions": PREPOSITIONS}


def _strip_clitics(word: str) -> str:
    for prefix, rest in ARTICLES:
        if word.startswith(prefix) and len(word) - len(prefix) >= rest:
            return word[len(prefix):]
    if word[:1] in CONJUNCTIONS and len(word) - 1 >= CONJUNCTIONS[word[0]]:
        word = word[1:]
    if word[:1] in PREPOSITIONS and len(word) - 1 >= PREPOSITIONS[word[0]]:
        word = word[1:]
    return word


def normalise(token: str) -> str:
    """One word as the index holds it: «والعُقوبات» → «عقوبات», «٢٠٢٢» → «2022», SWIFT → swift."""
    token = unicodedata.normalize("NFKC", token)
    token = _MARKS.sub("", _FORMAT.sub("", token)).lower().translate(_LETTERS)
    return _RUN.sub(lambda m: _strip_clitics(m.group(0)), token)


def normalise_text(text: str) -> list[str]:
    return [normalise(t) for t in text.split()]


# ------------------------------------------------------------------ a page's text

BLOCK = {"address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
         "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
         "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
         "thead", "tr", "ul", "br", "picture"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIP_TAGS = {"script", "style", "template", "noscript", "button", "svg", "math", "form"}
# Links to headings (¶), code cells (a reader searches the prose), the theme's buttons.
SKIP_CLASSES = {"headerlink", "cell_input", "toggle-details__summary", "copybtn"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Page:
    """A built page's searchable text: its title, its words, and where each section starts."""
    url: str
    title: str = ""
    words: list[str] = field(default_factory=list)
    sections: list[tuple[int, str, str]] = field(default_factory=list)  # (first word, id, heading)


class _Reader(HTMLParser):
    """The words of a page's ``<article class="bd-article">``, in reading order."""

    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page, self.depth, self.skip = page, 0, 0
        self.parts: list[str] = []
        self.sections: list[str] = []  # ids of the open <section>s
        self.heading: list[str] | None = None
        self.heading_at = 0

    def _flush(self):
        self.page.words.extend("".join(self.parts).split())
        self.parts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if not self.depth:
            if tag == "article" and "bd-article" in classes:
                self.depth = 1
            return
        if tag in VOID:
            if tag in BLOCK:
                self.parts.append(" ")
            return
        self.depth += 1
        if self.skip or tag in SKIP_TAGS or classes & SKIP_CLASSES:
            self.skip += 1
            return
        if tag in BLOCK:
            self._flush()
        if tag == "section":
            self.sections.append(attrs.get("id") or "")
        if tag in HEADINGS:
            self.heading, self.heading_at = [], len(self.page.words)

    def handle_endtag(self, tag):
        if not self.depth or tag in VOID:
            return
        self.depth -= 1
        if self.skip:
            self.skip -= 1
            return
        if not self.depth:
            self._flush()
            return
        if tag in BLOCK:
            self._flush()
        if tag in HEADINGS and self.heading is not None:
            text = " ".join("".join(self.heading).split())
            if tag == "h1" and not self.page.title:
                self.page.title = text
            elif self.sections and self.sections[-1]:
                self.page.sections.append((self.heading_at, self.sections[-1], text))
            self.heading = None
        if tag == "section" and self.sections:
            self.sections.pop()

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)
            if self.heading is not None:
                self.heading.append(data)


def read_page(html: str, url: str) -> Page:
    page = Page(url=url)
    _Reader(page).feed(html)
    if not page.title or not page.words:
        raise ValueError(f"{url}: no <article class=\"bd-article\"> with a title and text to index")
    return page


# ------------------------------------------------------------------ names in two scripts

def name_forms(rows) -> list[list[list[str]]]:
    """Each glossary entry's names (Arabic, English, original script), each as normalised words."""
    entries = []
    for row in rows:
        forms = []
        for column in ("term_ar", "term_en", "term_original"):
            words = [w for w in (_bare(t) for t in normalise_text(row.get(column) or "")) if w]
            if words and words not in forms:
                forms.append(words)
        if len(forms) > 1:
            entries.append(forms)
    return entries


def _bare(word: str) -> str:
    """A normalised word without the punctuation around it, as names are matched."""
    return "".join(re.findall(r"\w+", word))


def _contains(words: list[str], form: list[str]) -> bool:
    """Whether the page's words hold `form`: a one-word name also inside «Iran–Russia»."""
    if len(form) == 1:
        return any(form[0] in re.findall(r"\w+", w) for w in words)
    bare, n = [_bare(w) for w in words], len(form)
    return any(bare[i:i + n] == form for i in range(len(bare) - n + 1))


def other_names(words: list[str], entries) -> list[str]:
    """Every name of every entry the page mentions in any one of its scripts."""
    found = []
    for forms in entries:
        if any(_contains(words, form) for form in forms):
            found.extend(w for form in forms for w in form)
    return found


# ------------------------------------------------------------------ the index

def text_id(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:12]


def record(page: Page, entries) -> dict:
    """A Pagefind custom record: normalised words, aligned with the page's own (:func:`page_text`), then other names.

    Pagefind searches every meta field too, so the page's own spelling is not one: it
    would find «ايران» in «الإيرانية» with no word of the content to show.
    """
    content = [normalise(w) or "_" for w in page.words]
    names = other_names(content, entries)
    return {"url": page.url, "content": " ".join(content + names), "language": LANGUAGE,
            "meta": {"title": page.title, "page": text_id(page.url)}}


def page_text(page: Page) -> bytes:
    """The page's words as written and its sections, gzipped (mtime 0: the same bytes every build)."""
    body = json.dumps({"words": page.words, "sections": page.sections}, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(body.encode("utf-8"), mtime=0)


async def _write(records: list[dict], bundle: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    async with PagefindIndex(IndexConfig(output_path=str(bundle))) as index:
        for rec in records:
            await index.add_custom_record(**rec)


CLASSIC_EXPORT = re.compile(r"export\{([A-Za-z_,]+)\};\s*$")


def classic_pagefind(module: str) -> str:
    """Pagefind's ES module as a classic script that defines ``window.PagefindFile``.

    Its only module syntax is one closing ``export{…}`` and four reads of
    ``import.meta.url`` (to find its own folder, which the search page passes instead).
    A Pagefind release that adds any other fails here, by name, not in a reader's browser.
    """
    match = CLASSIC_EXPORT.search(module)
    if not match or module.count("import.meta.url") != 4 or re.search(r"(^|;)\s*import[\s{*]|\bimport\s*\(", module):
        raise RuntimeError("pagefind.js: its module syntax is not the one press.search turns into a classic "
                           "script (one closing export{...}, four import.meta.url); check the pinned Pagefind")
    body = module[:match.start()].replace("import.meta.url", "undefined")
    names = match.group(1).split(",")
    return (f"(function(){{{body}\nwindow.PagefindFile={{{','.join(names)}}};}})();\n")


def write_file_bundle(bundle: Path, target: Path) -> None:
    """Every file of ``bundle`` as a script that hands its bytes to ``window.__pagefindFile``."""
    shutil.rmtree(target, ignore_errors=True)
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        rel = path.relative_to(bundle).as_posix()
        out = target / f"{rel}.js"
        out.parent.mkdir(parents=True, exist_ok=True)
        if rel == "pagefind.js":
            out.write_text(classic_pagefind(path.read_text(encoding="utf-8")), encoding="utf-8")
        elif rel != "pagefind-worker.js":  # file:// runs no worker: Pagefind searches on the page
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            out.write_text(f"window.__pagefindFile({json.dumps(rel)},\"{data}\");\n", encoding="ascii")


def _prune(bundle: Path) -> None:
    for path in bundle.iterdir():
        if path.is_dir() and path.name not in KEEP_DIRS:
            shutil.rmtree(path)
        elif path.is_file() and path.name not in KEEP and not path.name.endswith(".pf_meta"):
            path.unlink()


def build(out: Path, pages: list[str], glossary_rows) -> list[dict]:
    """Index the built pages ``pages`` (paths relative to ``out``); returns the records."""
    entries = name_forms(glossary_rows)
    read = []
    for rel in pages:
        path = out / rel
        if not path.is_file():
            raise FileNotFoundError(f"{path}: a page to index is missing from the build")
        read.append(read_page(path.read_text(encoding="utf-8"), rel))
    records = [record(page, entries) for page in read]
    bundle = out / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    asyncio.run(_write(records, bundle))
    if not (bundle / "pagefind.js").is_file():
        raise RuntimeError(f"{bundle}: Pagefind wrote no pagefind.js")
    _prune(bundle)
    (bundle / TEXTS).mkdir()
    for page in read:
        (bundle / TEXTS / f"{text_id(page.url)}.json.gz").write_bytes(page_text(page))
    write_file_bundle(bundle, out / FILE_BUNDLE)
    return records


def _book_pages(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")
                  if p.relative_to(out).parts[0] not in ("_static", "_sources", "_images", BUNDLE, FILE_BUNDLE)
                  and p.name not in ("search.html", "genindex.html")
                  and 'class="bd-article"' in p.read_text(encoding="utf-8"))


def main(argv=None) -> int:
    from partnership import data

    out = Path((argv or sys.argv[1:] or ["_build/html"])[0])
    records = build(out, _book_pages(out), data.read_rows("glossary"))
    print(f"search: {len(records)} pages indexed into {out / BUNDLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
