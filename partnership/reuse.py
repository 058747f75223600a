"""What a reader takes away from a chapter: its notebook, its tables, the whole data package.

:func:`downloads` ends every chapter notebook. It lists the CSV files that this very
kernel loaded through :func:`partnership.data.load` (``data.LOADED``), not a list kept
by hand, so a chapter that starts reading another table links it without anyone
remembering to. :func:`write_zip` makes the data package's one download; the Sphinx
hook in :mod:`partnership.sphinx_downloads` puts all these files into the built book
at stable addresses (``chapters/<stem>.ipynb``, ``data/<file>.csv``, ``data/<zip>``).
"""
from __future__ import annotations

import os
import re
import time
import zipfile
from html import escape
from pathlib import Path

from . import data

ZIP_NAME = "the-cautious-partnership-data.zip"
ZIP_FOLDER = "the-cautious-partnership-data"  # unzip makes one folder, not a spill of files
ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can carry
STEM = re.compile(r"[0-9A-Za-z_-]+")

README = """The Cautious Partnership, data package: version {version} ({date})
الشراكة الحذرة، حزمة البيانات: الإصدار {version} ({date})

datapackage.json  Table Schema of every CSV file (Frictionless Data tabular data package)
*.csv             the tables; each row names its sources in the 'source' column
references.bib    the sources, by the keys the 'source' column uses

Licence: our compilation is under CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/). Figures taken from third parties
keep their publishers' terms: each row's source is in references.bib.

To rerun a chapter with these files: install the book's 'partnership' package and
set PARTNERSHIP_DATA to this folder (see the repository's README).
"""


class Downloads:
    """A display object: Markdown (with inline HTML) for the book, plain text for terminals and nbval."""

    def __init__(self, stem: str, tables: list[dict]):
        self.stem = stem
        self.tables = tables  # [{"name", "path", "title"}], in the order the kernel loaded them

    @property
    def notebook(self) -> str:
        return f"{self.stem}.ipynb"

    @staticmethod
    def _link(href: str, label: str) -> str:
        # Filenames are left-to-right runs inside Arabic text: isolate them.
        return (f'<a class="partnership-download reference download" href="{escape(href)}" download>'
                f'<bdi dir="ltr"><code>{escape(label)}</code></bdi></a>')

    def _repr_markdown_(self) -> str:
        # One raw HTML block (no blank line inside), so MyST passes the links through
        # untouched: a Markdown link to a local file would become a hashed _downloads/ copy.
        items = [f"<li>دفتر الفصل بمخرجاته المحفوظة: {self._link(self.notebook, self.notebook)}</li>"]
        if self.tables:
            rows = "".join(f'<li>{self._link("../data/" + t["path"], t["path"])}: '
                           f'<bdi dir="ltr">{escape(t["title"])}</bdi></li>' for t in self.tables)
            items.append(f"<li>الجداول التي يقرؤها هذا الفصل (CSV):<ul>{rows}</ul></li>")
        else:
            items.append("<li>لا يقرأ هذا الفصل جدول بيانات.</li>")
        items.append("<li>حزمة البيانات كاملة في ملف مضغوط واحد (كل الجداول مع "
                     "<bdi dir=\"ltr\"><code>datapackage.json</code></bdi> و"
                     "<bdi dir=\"ltr\"><code>references.bib</code></bdi>): "
                     f"{self._link('../data/' + ZIP_NAME, ZIP_NAME)}</li>")
        return ('<div class="partnership-downloads" dir="rtl">'
                '<p class="rubric">تنزيل الفصل وبياناته</p>'
                f'<ul>{"".join(items)}</ul></div>')

    def __repr__(self) -> str:
        lines = ["تنزيل الفصل وبياناته", f"- دفتر الفصل: {self.notebook}"]
        lines += [f"- ../data/{t['path']}: {t['title']}" for t in self.tables]
        lines.append(f"- حزمة البيانات: ../data/{ZIP_NAME}")
        return "\n".join(lines)


def downloads(stem: str) -> Downloads:
    """The download block of the chapter whose notebook is ``<stem>.ipynb``: call it last."""
    if not STEM.fullmatch(stem):
        raise ValueError(f"'{stem}' is not a notebook name without its extension")
    tables = []
    for name in data.LOADED:
        res = data.resource(name)
        tables.append({"name": name, "path": res["path"], "title": res.get("title", name)})
    return Downloads(stem, tables)


def package_files(data_dir: Path = None) -> list[Path]:
    """The data package's files: datapackage.json, every resource it lists, the bibliography."""
    data_dir = Path(data_dir or data.DATA_DIR)
    package = data._read_json(data_dir / "datapackage.json")
    names = ["datapackage.json"] + [r["path"] for r in package["resources"]]
    names.append(package.get("x-bibliography", "references.bib"))
    files = [data_dir / n for n in names]
    for path in files:
        if not path.is_file():
            raise data.DataError(path, "file not found (listed in datapackage.json)")
    return files


def _zip_time() -> tuple:
    """Every entry's timestamp: SOURCE_DATE_EPOCH (the release date, set by the Makefile)
    or 1980-01-01, never the clock, so one commit always gives the same bytes."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", ZIP_EPOCH)), ZIP_EPOCH)
    return time.gmtime(epoch)[:6]


def write_zip(target: Path, data_dir: Path = None, readme: str = "") -> Path:
    """Write the data package as one byte-reproducible zip: sorted names, fixed times and modes."""
    entries = {f"{ZIP_FOLDER}/{p.name}": p.read_bytes() for p in package_files(data_dir)}
    if readme:
        entries[f"{ZIP_FOLDER}/README.txt"] = readme.encode("utf-8")
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = _zip_time()
    with zipfile.ZipFile(target, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the mode below means what it says
            info.external_attr = 0o100644 << 16
            archive.writestr(info, entries[name], compresslevel=9)
    return target


def readme_text() -> str:
    """The zip's README, dated from CITATION.cff like the rest of the book."""
    from . import meta

    book = meta.book()
    return README.format(version=book["version"], date=book["date-released"])
