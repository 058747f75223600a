"""The PDF edition: Debian's Chromium prints the single-page HTML build.

Why this route (see README): Chromium shapes Arabic exactly as the HTML does, keeps
code and Latin runs in order, embeds every font and keeps links; it is a Debian
package, driven through Playwright without Playwright's own browser download.

Two passes give the table of contents its page numbers: the first print's bookmarks
tell on which page each chapter starts, the second print carries those numbers.
Chromium writes right-to-left bookmark titles word-reversed, so the titles are
rewritten afterwards from the headings themselves.

    python -m press.pdf                # needs _build/singlehtml (make book builds it)
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, TextStringObject

from partnership.text import labels, word

from . import ROOT, citation, meta
from .serve import serve

CHROMIUM = Path("/usr/bin/chromium")
SINGLE = ROOT / "_build" / "singlehtml"
OUT_DIR = ROOT / "_build" / "pdf"
PDF_NAME = citation.PDF_NAME
MARGIN = {"top": "20mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Every visible heading, in document order: Chromium's bookmarks follow the same order.
HEADINGS_JS = """() => [...document.querySelectorAll('article h1, article h2, article h3, article h4, article h5, article h6')]
  .filter(h => h.offsetParent !== null && h.closest('.pdf-front') === null)
  .map(h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove());
              const s = h.closest('section');
              return {text: c.textContent.replace(/\\s+/g, ' ').trim(), chapter: !!(s && s.id.startsWith('ch-') && s.querySelector('h1,h2,h3,h4,h5,h6') === h),
                      id: s ? s.id : '', level: Number(h.tagName[1])}; })"""


# Text extractors (pdftotext) read a colon or an Arabic comma between two Arabic words
# as a left-to-right island and move it across the following space. A right-to-left
# mark after such punctuation anchors it to the word it follows. Only the print copy
# of the page is changed, never the HTML book; running it twice changes nothing.
ANCHOR_PUNCTUATION_JS = r"""() => {
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  const pattern = /([\u0600-\u06FF])([:\u060C,.!\u061F)\]]+)(?=\s|$)/g;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('pre, code, .highlight')) continue;
    node.nodeValue = node.nodeValue.replace(pattern, '$1$2\u200F');
  }
}"""


# The single page is printed from a local server, so a link to another file of the
# build (or to the page itself by its file name) would become a URL on 127.0.0.1 in the
# PDF, dead as soon as the build ends. Links into the page become in-document links,
# which Chromium turns into the PDF's own destinations; links to other local files lose
# their link but keep their text; links to other sites stay as they are.
LOCAL_LINKS_JS = r"""(page) => {
  const here = new URL(page, location.href);
  for (const a of [...document.querySelectorAll('a[href]')]) {
    const url = new URL(a.href);
    if (url.origin !== location.origin) continue;
    const inPage = url.pathname === here.pathname || url.pathname === location.pathname;
    if (inPage && url.hash) { a.setAttribute('href', url.hash); continue; }
    if (inPage && !url.hash) { a.setAttribute('href', '#'); continue; }
    a.replaceWith(...a.childNodes);
  }
}"""


EAGER_IMAGES_JS = """() => Promise.all([...document.images].map(img => {
  img.loading = 'eager';
  return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
}))"""
INSERT_JS = "html => document.querySelector('article.bd-article').insertAdjacentHTML('afterbegin', html)"
PASSES = 4


class PdfError(RuntimeError):
    pass


def front_matter(chapters: list[dict], pages: dict | None) -> str:
    """Title page with the full citation, then the table of contents."""
    book = meta.book()
    authors = labels.listed(book["author_names"])
    citation = word("interface.pdf.citation", authors=authors, year=book["year"], title=book["title"],
                    version=book["version"], licence=book["license"])
    rows = []
    for ch in chapters:
        # A three-digit stand-in on the first pass, so the contents take their final room.
        page = pages.get(ch["id"], "") if pages else "000"
        rows.append(f'<li class="pdf-toc-l{ch["depth"]}"><a href="#{html.escape(ch["id"])}">'
                    f'<span class="pdf-toc-title">{html.escape(ch["text"])}</span>'
                    f'<span class="pdf-toc-page">{page}</span></a></li>')
    return f"""
<section class="pdf-front" dir="rtl">
  <div class="pdf-title-page">
    <p class="pdf-title">{html.escape(book['title'])}</p>
    <p class="pdf-edition">{html.escape(word("interface.pdf.edition", version=book["version"], year=book["year"]))}</p>
    <p class="pdf-authors">{html.escape(authors)}</p>
    <div class="pdf-cite"><p class="pdf-cite-head">{html.escape(word("interface.pdf.cite_head"))}</p><p>{html.escape(citation)}</p></div>
    <p class="pdf-licence">{html.escape(word("interface.pdf.licence"))}</p>
  </div>
  <nav class="pdf-toc"><p class="pdf-toc-head">{html.escape(word("interface.pdf.contents"))}</p><ol>{''.join(rows)}</ol></nav>
</section>"""


def _templates(book: dict):
    style = ("font-family:'Noto Naskh Arabic','DejaVu Sans',sans-serif;font-size:8.5px;color:#555;"
             "width:100%;direction:rtl;margin:0 16mm;")
    header = f'<div style="{style}text-align:center;">{html.escape(book["title"])}</div>'
    page = html.escape(word("interface.pdf.page", page="{page}", pages="{pages}", version=book["version"]))
    page = page.format(page='<span class="pageNumber"></span>', pages='<span class="totalPages"></span>')
    footer = f'<div style="{style}text-align:center;">{page}</div>'
    return header, footer


def _flatten_outline(reader: PdfReader):
    """(outline item, page number) in document order."""
    items = []

    def walk(node):
        for item in node:
            if isinstance(item, list):
                walk(item)
            else:
                items.append((item, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return items


def _print(page, path: Path, book: dict) -> None:
    header, footer = _templates(book)
    page.pdf(path=str(path), format="A4", print_background=True, outline=True, tagged=True,
             display_header_footer=True, header_template=header, footer_template=footer,
             margin=MARGIN, prefer_css_page_size=False)


def _chapter_pages(pdf: Path, headings: list[dict]) -> dict:
    items = _flatten_outline(PdfReader(str(pdf)))
    if len(items) != len(headings):
        raise PdfError(f"{pdf}: {len(items)} bookmarks for {len(headings)} headings; cannot number the contents")
    return {h["id"]: page for h, (_, page) in zip(headings, items) if h["chapter"]}


def _fix_outline(source: Path, target: Path, headings: list[dict]) -> None:
    """Copy the PDF, giving each bookmark its heading's text in logical order."""
    writer = PdfWriter(clone_from=str(source))
    node = writer._root_object["/Outlines"].get_object().get("/First")
    order = []

    def walk(item):
        while item is not None:
            item = item.get_object()
            order.append(item)
            if "/First" in item:
                walk(item["/First"])
            item = item.get("/Next")

    walk(node)
    if len(order) != len(headings):
        raise PdfError(f"{source}: {len(order)} bookmarks for {len(headings)} headings")
    for item, heading in zip(order, headings):
        item[NameObject("/Title")] = TextStringObject(heading["text"])
    # The release date, not the clock: two builds of one commit give the same file.
    stamp = "D:" + meta.book()["date-released"].replace("-", "") + "000000Z"
    writer.add_metadata({"/Title": meta.book()["title"], "/Author": labels.listed(meta.book()["author_names"]),
                         "/Subject": word("interface.version", version=meta.book()["version"]),
                         "/CreationDate": stamp, "/ModDate": stamp})
    _renumber_structure(writer)
    with target.open("wb") as handle:
        writer.write(handle)


def _renumber_structure(writer: PdfWriter) -> None:
    """Name the tagged structure's elements by their order in the tree.

    Chromium names them after its DOM node ids, which shift from run to run with the
    order in which scripts touch the page; the structure itself does not change.
    """
    root = writer._root_object.get("/StructTreeRoot")
    if root is None:
        return
    root = root.get_object()
    renamed, elements, visited, stack = {}, [], [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            visited.append(node)
            if "/ID" in node and node.get("/S") is not None:
                new = TextStringObject(f"e{len(elements):07d}")
                renamed[str(node["/ID"])] = new
                node[NameObject("/ID")] = new
                elements.append(node)
            kids = node.get("/K")
            if kids is not None:
                kids = kids.get_object() if isinstance(kids, IndirectObject) else kids
                stack.extend(reversed(kids) if isinstance(kids, ArrayObject) else [kids])
    for element in visited:  # table cells name their header cells by id
        for attrs in _as_list(element.get("/A")):
            attrs = attrs.get_object()
            if isinstance(attrs, DictionaryObject) and "/Headers" in attrs:
                attrs[NameObject("/Headers")] = ArrayObject(
                    renamed.get(str(h), h) for h in attrs["/Headers"].get_object())
    if "/IDTree" in root:
        # Rewrite the name tree in place: its old nodes would otherwise stay in the file,
        # unreferenced but still carrying the old names.
        tree = root["/IDTree"].get_object()
        nodes = [tree]
        while nodes:
            node = nodes.pop()
            nodes.extend(kid.get_object() for kid in node.get("/Kids", []))
            node.clear()
        names = ArrayObject()
        for element in elements:
            names.extend([element["/ID"], element.indirect_reference or element])
        tree[NameObject("/Names")] = names


def _as_list(value):
    if value is None:
        return []
    value = value.get_object() if isinstance(value, IndirectObject) else value
    return list(value) if isinstance(value, ArrayObject) else [value]


def build(single: Path = SINGLE, out_dir: Path = OUT_DIR, html_dir: Path = ROOT / "_build" / "html") -> Path:
    """Print ``single`` to ``out_dir``; the HTML book in ``html_dir`` learns the page numbers."""
    from playwright.sync_api import sync_playwright

    index = single / "chapters" / "index.html"
    if not index.is_file():
        raise PdfError(f"{index}: no single-page build; run `make book` (it builds singlehtml first)")
    if not CHROMIUM.is_file():
        raise PdfError(f"{CHROMIUM} not found; `make system` installs Debian's chromium")
    out_dir.mkdir(parents=True, exist_ok=True)
    # Sphinx writes the single page to chapters/index.html with links relative to the
    # build's root; served from the root, they resolve.
    printable = single / "print.html"
    printable.write_bytes(index.read_bytes())
    book = meta.book()
    draft, final = out_dir / "draft.pdf", out_dir / PDF_NAME
    with serve(single) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            outside = []
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                       else (outside.append(route.request.url), route.abort()))
            page.goto(f"{base}/{printable.name}", wait_until="networkidle")
            page.emulate_media(media="print")
            # Charts load lazily on the web; on paper every one of them must be there.
            page.evaluate(EAGER_IMAGES_JS)
            page.evaluate("document.fonts.ready")
            headings = page.evaluate(HEADINGS_JS)
            chapters = [dict(h, depth=min(h["level"], 3) - 1) for h in headings if h["chapter"]]
            if not chapters:
                raise PdfError(f"{index}: no chapter sections (section ids starting with 'ch-')")
            # The contents page lists page numbers, and its own length can move them:
            # print until a pass gives the numbers it was given (two passes, as a rule).
            pages, seen = None, []
            for _ in range(PASSES):
                page.evaluate("() => document.querySelector('.pdf-front')?.remove()")
                page.evaluate(INSERT_JS, front_matter(chapters, pages))
                page.evaluate(LOCAL_LINKS_JS, "chapters/index.html")
                page.evaluate(ANCHOR_PUNCTUATION_JS)  # idempotent: marks only bare punctuation
                page.evaluate("document.fonts.ready")
                headings = page.evaluate(HEADINGS_JS)
                _print(page, draft, book)
                found = _chapter_pages(draft, headings)
                if found == pages:
                    break
                seen.append(found)
                pages = found
            else:
                raise PdfError(f"page numbers did not settle in {PASSES} passes: {seen}")
            if outside:
                raise PdfError("the book asked for resources outside itself: " + ", ".join(sorted(set(outside))))
        finally:
            browser.close()
    _fix_outline(draft, final, headings)
    draft.unlink()
    contents = [{"id": c["id"], "title": c["text"], "page": pages[c["id"]]} for c in chapters]
    (out_dir / "contents.json").write_text(json.dumps(contents, ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
    stamp_html(pages, html_dir, out_dir)
    return final


def stamp_html(pages: dict, html_dir: Path = ROOT / "_build" / "html", out_dir: Path = OUT_DIR) -> None:
    """Give the HTML book the PDF (for its links) and each chapter page its first PDF page."""
    if not html_dir.is_dir():
        return
    (html_dir / citation.PDF_NAME).write_bytes((out_dir / citation.PDF_NAME).read_bytes())
    for ch in citation.chapters():
        page, path = pages.get(ch.label), html_dir / f"{ch.docname}.html"
        if page is None or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        tag = f'<meta name="citation_firstpage" content="{page}" />\n'
        text = re.sub(r'<meta name="citation_firstpage" content="\d+" />\n', "", text)
        text = text.replace('<meta name="citation_pdf_url"', tag + '<meta name="citation_pdf_url"', 1)
        path.write_text(text, encoding="utf-8")


def main() -> int:
    try:
        path = build()
    except PdfError as err:
        print(f"pdf: {err}", file=sys.stderr)
        return 1
    print(f"{path}: {len(PdfReader(str(path)).pages)} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
