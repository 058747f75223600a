"""What every page fetches before its first paint, cut to what the book uses.

A phone on a slow connection waits for every stylesheet and both preloaded Arabic text
faces before it shows the opening paragraph (Lighthouse's largest contentful paint on
most pages). Three cuts, made on the built site after every build:

* the stock stylesheets (pydata-sphinx-theme with Bootstrap, sphinx-book-theme, Sphinx's
  basic.css, myst-nb, pygments, the toggle and copy buttons, sphinx-design) keep only
  the rules a page of this book can match: a selector is dropped when it names a class
  or id that neither any built page nor any script of the site contains (scripts are
  read whole, so a class a script adds at run time is kept; a name a script builds
  from a prefix, such as ``bs-tooltip-`` + placement, keeps every class of that prefix).
  The theme's stylesheet alone goes from 45 kB to a fraction of that, compressed;
* the two Noto Naskh Arabic faces (63 and 65 kB as WOFF2, both preloaded by every page)
  are cut, from the TrueType files they were made from, to the glyphs of the characters
  the site shows and of ``ALWAYS_DRAWN`` (so an Arabic search a reader types is drawn in
  the same face; a letter of another language that uses the Arabic script, absent from
  the book, falls back to the system's face), with every OpenType feature (shaping,
  marks) intact and without hinting instructions: 20 kB each as WOFF (this environment
  has no Brotli for WOFF2). The book's stylesheet, as copied into the site, points its
  ``@font-face`` rules at them, and the pages preload them (press.sphinxext.theme);
* the theme's stub ``theme.css``, whose one ``@import`` of basic.css cost a second
  round trip before the first paint, is replaced in each page by a link to basic.css;
  and the theme's ``<link rel="preload">`` of bootstrap.js and its own script goes: both
  are deferred scripts at the end of the page, and preloaded they took 30 kB of the
  bandwidth the stylesheets and text faces need for the first paint.

Our own stylesheets (``_static/`` of the book) are not cut. The cut stylesheets keep
their stock names, so links are unchanged; Sphinx copies the stock files back on every build, so the cut versions are kept in a cache under a key of all
they depend on and written again from there when nothing changed.
"""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import tinycss2

# The book's two text faces (as _static/arabic.css names them) and the TrueType files they
# were made from, which fonts-noto-core installs (apt-packages.txt); the cut face is WOFF.
SYSTEM_FONTS = Path("/usr/share/fonts/truetype/noto")
TEXT_FACES = {"fonts/NotoNaskhArabic-Regular.woff2": "NotoNaskhArabic-Regular.ttf",
              "fonts/NotoNaskhArabic-Bold.woff2": "NotoNaskhArabic-Bold.ttf"}
TEXT_STYLESHEET = "arabic.css"
# Drawn whatever the pages say: printable ASCII; the Arabic letters, vowel marks and digits,
# Arabic comma, semicolon, question mark, tatweel, superscript alef (what a reader types
# into the search box in Arabic); no-break space and the joining and direction controls.
ALWAYS_DRAWN = (set(range(0x20, 0x7F)) | set(range(0x0621, 0x0653)) | set(range(0x0660, 0x066D))
                | {0x060C, 0x061B, 0x061F, 0x0640, 0x0670, 0xA0, 0x200C, 0x200D, 0x200E, 0x200F})
# At-rules whose blocks hold style rules to cut; every other at-rule is kept whole.
GROUPING = {"media", "supports", "layer", "container"}
TOKEN = re.compile(r"[A-Za-z_][\w-]*")
THEME_STUB = re.compile(r'<link href="([^"]*?)_static/styles/theme\.css(?:\?[^"]*)?" rel="stylesheet" />')
SCRIPT_PRELOAD = re.compile(r'\s*<link rel="preload" as="script" href="[^"]*" />')


def used_names(out: Path) -> tuple[set[str], set[str]]:
    """Every name-like token of every built page and every script of the site, and the
    tokens that end in a hyphen (a prefix a script completes at run time)."""
    tokens = set()
    for path in [*out.rglob("*.html"), *(out / "_static").rglob("*.js")]:
        if path.name == "fontawesome.js":
            continue
        tokens |= set(TOKEN.findall(path.read_text(encoding="utf-8", errors="replace")))
    return tokens, {t for t in tokens if t.endswith("-")}


def _names_required(selector: list) -> tuple[set[str], set[str]]:
    """The classes and ids one compound selector needs on the page (outside functional
    pseudo-classes such as :not() and :is(), whose contents need nothing)."""
    classes, ids = set(), set()
    for i, token in enumerate(selector):
        if token.type == "hash" and token.is_identifier:
            ids.add(token.value)
        elif (token.type == "literal" and token.value == "." and i + 1 < len(selector)
              and selector[i + 1].type == "ident"):
            classes.add(selector[i + 1].value)
    return classes, ids


def _split_selectors(prelude: list) -> list[list]:
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return selectors


def _matchable(selector: list, tokens: set[str], prefixes: set[str]) -> bool:
    def known(name):
        return name in tokens or any(name.startswith(p) for p in prefixes)
    classes, ids = _names_required(selector)
    return all(map(known, classes)) and all(map(known, ids))


def _cut_rules(rules: list, tokens: set[str], prefixes: set[str]) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_selectors(rule.prelude) if _matchable(s, tokens, prefixes)]
            if selectors:
                prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
                kept.append(f"{prelude}{{{tinycss2.serialize(rule.content).strip()}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = _cut_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                               tokens, prefixes)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude).rstrip()}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]).strip())
        # parse errors and comments are dropped
    return kept


def cut_stylesheet(css: str, tokens: set[str], prefixes: set[str] = frozenset()) -> str:
    """`css` without the style rules no page can match (see the module's docstring)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "\n".join(_cut_rules(rules, tokens, prefixes)) + "\n"


def drawn_characters(out: Path) -> set[int]:
    """Code points the text faces must draw: every character of every built page,
    script and stylesheet of the site, and ``ALWAYS_DRAWN``."""
    found = set(ALWAYS_DRAWN)
    for path in [*out.rglob("*.html"), *(out / "_static").rglob("*.js"), *(out / "_static").rglob("*.css")]:
        found |= {ord(c) for c in set(path.read_text(encoding="utf-8", errors="replace"))}
    return {c for c in found if c >= 0x20}


def cut_face(face: str) -> str:
    """Where the cut of `face` (a path under _static) is written: same folder, WOFF."""
    return face.rsplit(".", 1)[0] + ".subset.woff"


def subset_face(source: Path, codepoints: set[int]) -> bytes:
    """A WOFF face with the glyphs of `codepoints` and everything OpenType reaches from
    them (positional forms, ligatures, marks), without TrueType hinting instructions
    (as the font's own publisher serves it to most browsers); names kept."""
    import io
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # not its progress report
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    font = TTFont(str(source), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    return buffer.getvalue()


def point_to_cut_faces(css: str) -> str:
    """The book's stylesheet with each text face's ``src`` on its cut WOFF file."""
    for face in TEXT_FACES:
        stock = f'url("{face}") format("woff2")'
        if stock not in css and f'url("{cut_face(face)}")' not in css:
            raise RuntimeError(f"_static/{TEXT_STYLESHEET} no longer says {stock}: "
                               "update press.sphinxext.assets.TEXT_FACES")
        css = css.replace(stock, f'url("{cut_face(face)}") format("woff")')
    return css


def _stock_stylesheets(app, out: Path) -> list[Path]:
    """Stylesheets the theme and extensions put in ``_static``: not the book's own."""
    own = {p.relative_to(source).as_posix()
           for source in (Path(app.confdir) / d for d in app.config.html_static_path) if source.is_dir()
           for p in source.rglob("*.css")}
    return sorted(p for p in (out / "_static").rglob("*.css") if p.relative_to(out / "_static").as_posix() not in own)


def _cached(cache: Path, key: str, path: Path, make) -> None:
    """Write `path` from the cache entry `key`, making it with `make()` if there is none."""
    entry = cache / f"{key}{path.suffix}"
    if not entry.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        entry.write_bytes(make())
    path.write_bytes(entry.read_bytes())


def _digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode())
        h.update(b"\0")
    return h.hexdigest()


def fix_page(text: str) -> str:
    """One built page with basic.css linked directly, not through theme.css's @import,
    and without the theme's preload of its two deferred scripts."""
    text = THEME_STUB.sub(r'<link href="\1_static/basic.css" rel="stylesheet" />', text)
    return SCRIPT_PRELOAD.sub("", text)


def _build_finished(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    from . import written

    out = Path(app.outdir)
    cache = Path(app.doctreedir) / "press-assets" / app.builder.name
    for page in written.pages(app):
        text = page.read_text(encoding="utf-8")
        if fix_page(text) != text:
            page.write_text(fix_page(text), encoding="utf-8")
    used = set()
    tokens, prefixes = used_names(out)
    names = _digest(*sorted(tokens))
    for sheet in _stock_stylesheets(app, out):
        stock = sheet.read_bytes()
        key = _digest("css", stock, names)
        used.add(f"{key}.css")
        _cached(cache, key, sheet, lambda: cut_stylesheet(stock.decode("utf-8"), tokens, prefixes).encode("utf-8"))
    drawn = drawn_characters(out)
    for face, ttf in TEXT_FACES.items():
        source = SYSTEM_FONTS / ttf
        if not source.is_file():
            raise RuntimeError(f"{source} missing: the text faces are cut from it (fonts-noto-core, `make system`)")
        key = _digest("face", source.read_bytes(), *sorted(drawn))
        used.add(f"{key}.woff")
        _cached(cache, key, out / "_static" / cut_face(face), lambda: subset_face(source, drawn))
    sheet = out / "_static" / TEXT_STYLESHEET
    sheet.write_text(point_to_cut_faces(sheet.read_text(encoding="utf-8")), encoding="utf-8")
    for entry in cache.iterdir() if cache.is_dir() else []:
        if entry.name not in used:
            entry.unlink()


def setup(app):
    app.setup_extension("press.sphinxext.written")
    # After press.sphinxext.theme's build-finished fixes (its icon cut of the theme's stylesheet).
    app.connect("build-finished", _build_finished, priority=700)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
