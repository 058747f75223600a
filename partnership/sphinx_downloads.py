"""Sphinx hooks for reuse: the files a chapter links, and the launch buttons.

* After the HTML build, each chapter's committed notebook (stored with its outputs)
  is copied to ``chapters/<stem>.ipynb``, and the data package (datapackage.json, the
  CSV files, references.bib) to ``data/``, with the whole package as one zip. Stable
  addresses, no hashed ``_downloads/`` folders, so a citation can name them.
* The single-page build is printed to the PDF, where a link relative to the book
  would point at the printing machine. There the links become absolute when
  ``PARTNERSHIP_SITE_URL`` (the published book's address) is known, or plain text.
* Launch buttons (Binder, Colab) and the repository button need the repository's
  address, which only the publisher knows: they appear only when
  ``PARTNERSHIP_REPOSITORY`` is set (the release workflow sets it). We never guess it.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from sphinx.errors import ConfigError

from . import data, reuse

BINDER = "https://mybinder.org"
COLAB = "https://colab.research.google.com"
REPOSITORY = re.compile(r"https://[^/\s]+/[^/\s]+/[^/\s]+")
# The anchors partnership.reuse writes; in the single page they are rewritten.
DOWNLOAD_LINK = re.compile(r'<a class="partnership-download([^"]*)" href="([^"]*)" download>(.*?)</a>')


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


def _notebooks(app) -> list[tuple[Path, str]]:
    src = Path(app.srcdir)
    return [(src / f"{doc}.ipynb", f"{doc}.ipynb") for doc in sorted(app.env.found_docs)
            if (src / f"{doc}.ipynb").is_file()]


def copy_downloads(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    if app.builder.name == "singlehtml":
        _absolute_or_plain(out)
        return
    for source, relative in _notebooks(app):
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (out / "data").mkdir(exist_ok=True)
    for source in reuse.package_files(data.DATA_DIR):
        shutil.copyfile(source, out / "data" / source.name)
    reuse.write_zip(out / "data" / reuse.ZIP_NAME, data.DATA_DIR, readme=reuse.readme_text())


def _absolute_or_plain(out: Path):
    site = os.environ.get("PARTNERSHIP_SITE_URL", "").strip()
    if site and urlsplit(site).scheme != "https":
        raise ConfigError(f"PARTNERSHIP_SITE_URL='{site}' is not an https address")
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        base = urljoin(site.rstrip("/") + "/", page.relative_to(out).as_posix()) if site else ""

        def fix(match, base=base):
            if not base:
                return f'<span class="partnership-download{match.group(1)}">{match.group(3)}</span>'
            href = urljoin(base, match.group(2))
            return f'<a class="partnership-download{match.group(1)}" href="{href}" download>{match.group(3)}</a>'

        fixed = DOWNLOAD_LINK.sub(fix, text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup(app):
    app.connect("config-inited", configure_repository)
    app.connect("build-finished", copy_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
