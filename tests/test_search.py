"""The Arabic search (press/search.py, press/sphinxext/search.py and its page's script).

The query table is the issue's: queries that must find the same pages, the pages each
must find, and a pattern of the forms a reader means. The pages a pattern must find are
read from the built pages' text by this file's own reading (BeautifulSoup and a regular
expression written by hand), not by the code under test.
"""
from __future__ import annotations

import gzip
import json
import re
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from conftest import HTML
from press import audit, search
from press.sphinxext import search as sphinx_search

# --------------------------------------------------------------------- the rules


@pytest.mark.parametrize("word, indexed", [
    ("العقوبات", "عقوبات"), ("والعقوبات", "عقوبات"), ("بالعقوبات", "عقوبات"), ("للعقوبات", "عقوبات"),
    ("وللعقوبات", "عقوبات"), ("العُقُوبَات", "عقوبات"), ("العـــقوبات", "عقوبات"),
    ("أفغانستان", "افغانستان"), ("لأفغانستان", "افغانستان"), ("إيران", "ايران"), ("آسيا", "اسيا"),
    ("مصطفى", "مصطفي"), ("مدرسة", "مدرسه"), ("ابراهیم", "ابراهيم"), ("کتاب", "كتاب"),
    ("٢٠٢٢", "2022"), ("۱۴۰۱", "1401"), ("SWIFT", "swift"),
    ("بروسيا", "روسيا"), ("وروسيا", "روسيا"), ("فالحرب", "حرب"),
    # a proclitic is removed only if enough letters remain: these keep their first letter
    ("بيان", "بيان"), ("وزير", "وزير"), ("الله", "له"), ("إلى", "الي"),
    ("(العقوبات)،", "(عقوبات)،"), ("1946\u2060-\u20602022", "1946-2022"),
])
def test_normalise(word, indexed):
    assert search.normalise(word) == indexed


# --------------------------------------------------------------------- a page's text

PAGE = """<html><body><nav>القائمة</nav><article class="bd-article" role="main">
<section id="first"><h1>عنوان الفصل<a class="headerlink" href="#first">#</a></h1>
<p>نص <em>الفقرة</em> الأولى، وال<b>عقوبات</b>.</p>
<div class="cell docutils container"><div class="cell_input"><pre>import partnership</pre></div>
<div class="cell_output"><p>ناتج</p></div></div>
<section id="second"><h2>قسم ثان<a class="headerlink" href="#second">#</a></h2><p>كلمة<br>أخرى</p>
<script>var hidden = 1;</script></section></section></article><footer>تذييل</footer></body></html>"""


def test_a_page_is_read_as_a_reader_sees_its_text():
    page = search.read_page(PAGE, "chapters/x.html")
    assert page.title == "عنوان الفصل"
    assert page.words == ["عنوان", "الفصل", "نص", "الفقرة", "الأولى،", "والعقوبات.", "ناتج",
                          "قسم", "ثان", "كلمة", "أخرى"]
    assert page.sections == [(7, "second", "قسم ثان")]


def test_a_page_without_an_article_is_an_error_naming_it():
    with pytest.raises(ValueError, match="chapters/empty.html"):
        search.read_page("<html><body><p>نص</p></body></html>", "chapters/empty.html")


def test_a_missing_page_stops_the_index_by_name(tmp_path):
    with pytest.raises(FileNotFoundError, match="chapters/gone.html"):
        search.build(tmp_path, ["chapters/gone.html"], [])


def test_names_in_other_scripts_follow_the_page_text():
    rows = [{"term_ar": "سويفت", "term_en": "SWIFT", "term_original": ""},
            {"term_ar": "مضيق هرمز", "term_en": "Strait of Hormuz", "term_original": ""}]
    page = search.Page(url="x.html", title="ت", words="قطعت المصارف عن SWIFT. ثم عادت".split())
    rec = search.record(page, search.name_forms(rows))
    content = rec["content"].split(" ")
    assert content[:len(page.words)] == [search.normalise(w) for w in page.words]  # aligned, word for word
    assert content[len(page.words):] == ["سويفت", "swift"]  # the other name, after the text
    # Pagefind searches meta fields too: the page's own spelling is kept out of them.
    assert rec["meta"] == {"title": "ت", "page": search.text_id("x.html")}
    assert json.loads(gzip.decompress(search.page_text(page))) == {"words": page.words, "sections": []}


def test_pagefind_module_turned_classic_or_refused():
    module = ("let a=1;function f(){if(typeof import.meta.url!==\"undefined\"){return import.meta.url.match(/x/)}}"
              "function g(){if(typeof import.meta.url!==\"undefined\"){return import.meta.url.match(/y/)}}"
              "export{f,g};")
    classic = search.classic_pagefind(module)
    assert "export" not in classic and "import.meta" not in classic and "window.PagefindFile={f,g}" in classic
    with pytest.raises(RuntimeError, match="pagefind.js"):
        search.classic_pagefind(module.replace("let a=1;", "import x from './x.js';"))
    with pytest.raises(RuntimeError, match="pagefind.js"):
        search.classic_pagefind(module.replace("export{f,g};", "export default f;"))


def test_glossary_text_cannot_close_the_page_script():
    rows = [{"term_ar": "اسم</script><img src=x onerror=alert(1)>", "term_en": "Name <!--", "term_original": ""}]
    text = sphinx_search.page_config(rows)
    assert "</script" not in text.lower() and "<!--" not in text and "<img" not in text
    forms = json.loads(text)["names"]
    assert forms == search.name_forms(rows)


# --------------------------------------------------------------------- in Chromium

# (queries that must find the same pages, a pattern of the forms meant, pages it must find)
AFFIXES = r"(?:^|[^\w])(?:[وف])?(?:[بكل])?(?:ال|لل)?"  # a word with its proclitics, and nothing after it


def word(pattern: str) -> str:
    return AFFIXES + f"(?:{pattern})" + r"(?!\w)"


TABLE = [
    (["عقوبات", "العقوبات", "والعقوبات", "بالعقوبات", "العُقُوبَات", "العــقوبات"], word("عقوبات"),
     ["02_1_sanctions", "00_summary", "04_prospects", "03_4_energy", "03_2_gulf"]),
    (["افغانستان", "أفغانستان", "لأفغانستان"], word("[أا]فغانستان"), ["02_2_afghanistan", "02_drivers"]),
    (["هرمز"], word("هرمز"), ["02_drivers", "94_glossary"]),
    (["شنغهاي"], word("شنغهاي"), ["02_2_afghanistan", "04_prospects"]),
    (["سويفت", "SWIFT", "swift"], word("سويفت") + r"|(?i:\bswift\b)", ["02_1_sanctions", "91_errata"]),
    (["2022", "٢٠٢٢"], r"(?<!\d)(?:2022|٢٠٢٢)(?!\d)", ["00_summary", "01_introduction", "05_hindsight"]),
    (["مسيرات", "مسيّرات"], word("مسي\u0651?رات"), ["01_introduction", "02_3_nato"]),
    (["روسيا", "بروسيا", "لروسيا"], word("روسيا"), ["00_summary", "03_1_history"]),
    (["طهران", "بطهران"], word("طهران"), ["01_introduction"]),
    (["إيران", "ايران"], word("[إا]يران"), ["00_summary", "03_2_gulf"]),
]


def _page_texts() -> dict[str, str]:
    texts = {}
    for path in sorted(HTML.rglob("*.html")):
        rel = path.relative_to(HTML).as_posix()
        if rel.split("/")[0] in ("_static", "_sources", "_images", "pagefind", "pagefind-file"):
            continue
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article", class_="bd-article")
        if article is None or rel in ("search.html", "genindex.html"):
            continue
        for skipped in article.select("script, style, .cell_input, a.headerlink"):
            skipped.decompose()
        texts[rel] = re.sub("[\u2060\u2066-\u2069]", "", article.get_text(" "))
    return texts


def _name(url: str) -> str:
    return url.split("#")[0].rsplit("/", 1)[-1].removesuffix(".html")


def _results(page, site, query: str) -> list[dict]:
    """Every result of `query`, each link relative to the book (``chapters/….html#…``)."""
    page.goto(f"{site}/search.html?q={quote(query)}")
    page.wait_for_function("document.getElementById('book-search-status').dataset.count !== undefined",
                           timeout=20_000)
    while page.evaluate("!document.getElementById('book-search-more').hidden"):
        count = page.evaluate("document.querySelectorAll('#book-search-results li').length")
        page.click("#book-search-more")
        page.wait_for_function(f"document.querySelectorAll('#book-search-results li').length > {count}")
    return page.evaluate("""base => [...document.querySelectorAll('#book-search-results li')].map(li => ({
        href: li.querySelector('a').getAttribute('href').replace(base + '/', ''),
        title: li.querySelector('.book-search__chapter').textContent,
        excerpt: li.querySelector('.book-search__excerpt').textContent,
        marks: [...li.querySelectorAll('mark')].map(m => m.textContent)}))""", site)


@pytest.fixture(scope="module")
def texts():
    return _page_texts()


@pytest.fixture
def tab(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    yield page, problems
    page.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("queries, pattern, must", TABLE, ids=[row[0][0] for row in TABLE])
def test_query_table(tab, site, texts, queries, pattern, must):
    page, _ = tab
    found = {}
    for query in queries:
        results = _results(page, site, query)
        found[query] = {_name(r["href"]) for r in results}
        for r in results:
            assert r["title"].strip() and r["excerpt"].strip(), f"{query}: a result without title or excerpt: {r}"
            assert r["marks"], f"{query}: nothing marked in {r['href']}: {r['excerpt'][:200]}"
    first = found[queries[0]]
    for query in queries[1:]:
        assert found[query] == first, f"«{query}» and «{queries[0]}» differ: {sorted(found[query] ^ first)}"
    meant = {_name(path) for path, text in texts.items() if re.search(pattern, text)}
    assert meant, f"no page has {pattern}: the table is out of date"
    assert meant <= first, f"«{queries[0]}» misses pages that have it: {sorted(meant - first)}"
    assert set(must) <= first, f"«{queries[0]}» misses {sorted(set(must) - first)}"


def test_marked_words_are_the_page_own_words(tab, site, texts):
    page, _ = tab
    results = _results(page, site, "والعُقُوبَات")
    assert results
    for r in results:
        text = " ".join(texts[r["href"].split("#")[0]].split())
        for mark in r["marks"]:
            assert mark in text, f"{r['href']}: «{mark}» is not in the page"
            assert "عقوب" in search.normalise(mark) or "عقوب" in mark, mark


def test_a_word_found_nowhere_says_so(tab, site):
    page, _ = tab
    assert _results(page, site, "زنجبيلستان") == []
    status = page.evaluate("document.getElementById('book-search-status').textContent")
    assert "زنجبيلستان" in status and status.startswith("لا صفحة")


def test_page_script_normalises_as_the_index_does(tab, site, texts):
    page, _ = tab
    page.goto(f"{site}/search.html")
    words = sorted({w for text in texts.values() for w in text.split()}
                   | {"آ", "ٱلكتاب", "وبالمسيّرات", "فللحرب", "ی", "٠١٢٣٤٥٦٧٨٩", "ﻻ"})
    theirs = page.evaluate("ws => ws.map(w => window.bookSearch.normalise(w))", words)
    differ = [(w, search.normalise(w), t) for w, t in zip(words, theirs) if search.normalise(w) != t]
    assert len(words) > 5000 and not differ, differ[:20]


def test_shared_link_and_typing(tab, site):
    page, _ = tab
    page.goto(f"{site}/search.html")
    box = page.locator(".bd-search-container input[name=q]")
    box.type("هرمز")
    page.wait_for_function("document.getElementById('book-search-status').dataset.count > 0", timeout=20_000)
    assert "q=" + quote("هرمز") in page.url
    where = page.evaluate("document.getElementById('book-search-results').closest('main')?.id")
    assert where == "main-content"


def test_results_are_text_not_markup(tab, site):
    page, _ = tab
    page.goto(f"{site}/search.html")
    made = page.evaluate("""() => {
        const li = window.bookSearch.render(
            {url: 'chapters/x.html', locations: [0], meta: {title: '<img src=x onerror="window.ran=1">'}},
            {words: ['<b>عقوبات</b>', '{{x}}', '$y$'], sections: [[0, 's"><img src=y>', '<i>قسم</i>']]},
            ['عقوبات']);
        document.body.append(li);
        return {imgs: li.querySelectorAll('img, b, i').length, text: li.textContent, ran: window.ran || 0,
                href: li.querySelector('a').getAttribute('href')};
    }""")
    assert made["imgs"] == 0 and made["ran"] == 0
    assert '<img src=x onerror="window.ran=1">' in made["text"] and "<b>عقوبات</b>" in made["text"]
    assert "{{x}} $y$" in made["text"] and '"' not in made["href"] and "<" not in made["href"]


def test_works_from_a_file_url(browser, site):
    page = browser.new_page()
    problems = []
    # From file:// Chromium loads no web font (its CORS rule), whatever the book does: those
    # messages are left out; any other error fails the test.
    page.on("console", lambda m: m.type == "error" and not re.search(r"\.woff|Failed to load resource", m.text)
            and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        over_http = {r["href"] for r in _results(page, site, "العقوبات")}
        from_file = {r["href"] for r in _results(page, HTML.as_uri(), "العقوبات")}
        assert from_file and from_file == over_http
        assert not problems, problems
    finally:
        page.close()


def test_index_loads_only_when_a_reader_searches(browser, site):
    chromium = browser
    for path in ("chapters/02_1_sanctions.html", "search.html"):
        weight = audit.page_weight(chromium, site, path)
        assert not [k for k in weight.resources if k.startswith(("pagefind/", "pagefind-file/"))], path
    weight = audit.page_weight(chromium, site, "search.html?q=" + quote("العقوبات"))
    fetched = [k for k in weight.resources if k.startswith("pagefind/")]
    assert any(k.startswith("pagefind/fragment/") for k in fetched), fetched
    assert weight.total <= audit.WEIGHT_LIMIT, weight.heaviest()


def test_results_pass_axe(tab, site):
    page, _ = tab
    assert _results(page, site, "سويفت")
    violations = audit.axe(page)
    assert not violations, audit.describe(violations)


def test_results_on_a_phone(browser, site):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        results = _results(page, site, "هرمز")
        assert results
        measured = page.evaluate("""() => {
            const li = document.querySelector('#book-search-results li');
            const size = e => parseFloat(getComputedStyle(e).fontSize);
            return {wide: document.documentElement.scrollWidth, right: li.getBoundingClientRect().right,
                    excerpt: size(li.querySelector('.book-search__excerpt')),
                    link: li.querySelector('a').getBoundingClientRect().height};
        }""")
        assert measured["wide"] <= 391 and measured["right"] <= 390, measured
        assert measured["excerpt"] >= 14 and measured["link"] >= 24, measured
        target = results[0]["href"]
        with page.expect_navigation():
            page.tap("#book-search-results li a")
        assert page.url.endswith(target), (page.url, target)
        if "#" in target:  # the section the excerpt is from is on screen
            top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top",
                                target.split("#")[1])
            assert 0 <= top < 844, top
    finally:
        page.close()


def test_latin_in_an_excerpt_reads_left_to_right(tab, site):
    page, _ = tab
    page.goto(f"{site}/search.html")
    made = page.evaluate("""() => {
        const li = window.bookSearch.render({url: 'chapters/x.html', locations: [0], meta: {title: 'ت'}},
            {words: ['قال', '[Reuters,', '2022]؛', '6', '[Tasnim', 'News,', '2023]،', 'ثم', 'انتهى'], sections: []},
            ['قال']);
        return [...li.querySelectorAll('bdi')].map(b => [b.dir, b.textContent, b.nextSibling?.textContent]);
    }""")
    assert made == [["ltr", "[Reuters, 2022]", "؛"], ["ltr", "[Tasnim News, 2023]", "،"]]
