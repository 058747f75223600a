"""Sphinx hooks for reuse: the files a chapter links, and the launch buttons.

* After the HTML build, each chapter's committed notebook (stored with its outputs)
  is copied to ``chapters/<stem>.ipynb``, and the data package (datapackage.json, the
  CSV files, references.bib) to ``data/``, with the whole package as one zip. Stable
  addresses, no hashed ``_downloads/`` folders, so a citation can name them.
* The single-page build is printed to the PDF, where a link relative to the book
  would point at the printing machine, and the book's address is not known when it
  is built: the single page drops the download blocks. The PDF is itself a release
  asset, next to the data zip; the HTML book links everything.
* The theme's download menu offers the page's source under its file name, isolated so
  that «.ipynb» keeps its dot in front in right-to-left text, and, instead of printing the
  page, the book's PDF edition (``the-cautious-partnership.pdf``, which press.pdf copies
  next to the HTML book).
* Launch buttons (Binder, Colab) and the repository button need the repository's
  address, which only the publisher knows: they appear only when
  ``PARTNERSHIP_REPOSITORY`` is set (the release workflow sets it). We never guess it.
"""
from __future__ import annotations

import os
import re
import shutil
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.errors import ConfigError

from partnership.text import word

from .. import citation, datazip

BINDER = "https://mybinder.org"
COLAB = "https://colab.research.google.com"
REPOSITORY = re.compile(r"https://[^/\s]+/[^/\s]+/[^/\s]+")
# The block partnership.analysis.reuse writes (no nested <div>): the single page drops it.
DOWNLOAD_BLOCK = re.compile(r'<div class="partnership-downloads"[^>]*>.*?</div>', re.S)


def configure_repository(app, config):
    """Launch buttons and the repository button, from the environment or not at all."""
    url = os.environ.get("PARTNERSHIP_REPOSITORY", "").strip().rstrip("/")
    if not url:
        return
    if not REPOSITORY.fullmatch(url):
        raise ConfigError(f"PARTNERSHIP_REPOSITORY='{url}' is not of the form https://host/owner/repo")
    options = config.html_theme_options
    options["repository_url"] = url
    options["repository_branch"] = os.environ.get("PARTNERSHIP_BRANCH", "").strip() or "main"
    options["path_to_docs"] = ""  # the book's root is the repository's root
    options["use_repository_button"] = True
    launch = dict(options.get("launch_buttons") or {})
    launch.update(binderhub_url=BINDER, notebook_interface="classic")
    if urlsplit(url).netloc == "github.com":  # Colab opens notebooks from GitHub only
        launch["colab_url"] = COLAB
    options["launch_buttons"] = launch


# sphinx-book-theme has no Arabic for its launch buttons' tooltips.
LAUNCH_INTERACTIVE = "Launch interactive content"
LAUNCH_ON = re.compile(r"Launch on (\w+)")


def _arabic_launch_buttons(app, pagename, templatename, context, doctree):
    """Translate the launch buttons the theme added just before (priority 501)."""
    def walk(buttons):
        for button in buttons or []:
            for key in ("tooltip", "label"):
                if isinstance(button.get(key), str):
                    text = word("interface.launch_interactive") if button[key] == LAUNCH_INTERACTIVE else button[key]
                    button[key] = LAUNCH_ON.sub(lambda m: word("interface.launch_on", service=m.group(1)), text)
            walk(button.get("buttons"))

    walk(context.get("header_buttons"))
    _download_menu(context)


def isolated(name: str) -> str:
    """A file name as a left-to-right island inside Arabic text."""
    return f'<bdi dir="ltr">{escape(name)}</bdi>'


def _download_menu(context):
    """The theme's download menu: the source by its name, and the book's PDF instead of a print."""
    for group in context.get("header_buttons") or []:
        if group.get("label") != "download-buttons":
            continue
        for button in group.get("buttons") or []:
            if button.get("label") in ("download-source-button", "download-notebook-button"):
                name = Path(urlsplit(button["url"]).path).name
                button["text"] = word("ui.source_file", name=isolated(name))
            elif button.get("label") == "download-pdf-button":
                button.clear()
                button.update(type="link", url=context["pathto"](citation.PDF_NAME, 1),
                              text=word("ui.pdf_edition", name=isolated(citation.PDF_NAME)),
                              tooltip=word("ui.pdf_edition_tooltip"), icon="fas fa-file-pdf",
                              label="download-pdf-button")


def _notebooks(app) -> list[tuple[Path, str]]:
    src = Path(app.srcdir)
    return [(src / f"{doc}.ipynb", f"{doc}.ipynb") for doc in sorted(app.env.found_docs)
            if (src / f"{doc}.ipynb").is_file()]


def copy_downloads(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    if app.builder.name == "singlehtml":
        _drop_blocks(out)
        return
    for source, relative in _notebooks(app):
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (out / "data").mkdir(exist_ok=True)
    for source in datazip.package_files():
        shutil.copyfile(source, out / "data" / source.name)
    datazip.write_zip(out / "data" / datazip.ZIP_NAME, readme=datazip.readme_text())


def _drop_blocks(out: Path):
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = DOWNLOAD_BLOCK.sub("", text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup(app):
    app.connect("config-inited", configure_repository)
    app.connect("build-finished", copy_downloads)
    app.connect("html-page-context", _arabic_launch_buttons, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
