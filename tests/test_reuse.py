"""Reuse and publishing: download links on every chapter, the data zip, launch buttons,
.zenodo.json and the release workflow, checked against the built book.

Reads _build/html, _build/singlehtml and _build/pdf, which `make test` builds first.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
import yaml

from conftest import HTML, ROOT
from partnership import data
from partnership.analysis import reuse
from partnership.data import loader
from press import datazip, meta
from press.sphinxext import downloads as sphinx_downloads

SINGLE = ROOT / "_build" / "singlehtml"
PDF = ROOT / "_build" / "pdf" / "the-cautious-partnership.pdf"
ZIP = HTML / "data" / reuse.ZIP_NAME
LINK = re.compile(r'<a class="partnership-download[^"]*" href="([^"]*)"')


def _package():
    return json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))


def _chapter_notebooks() -> list[Path]:
    """Notebooks the book builds (from _toc.yml, read here, not through the package)."""
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    found = [ROOT / f"{f}.ipynb" for f in re.findall(r"file:\s*(\S+?)(?:\.ipynb)?\s*$", toc, re.M)]
    found = [p for p in found if p.is_file()]
    assert len(found) > 5, "fewer chapter notebooks than the book has"
    return found


def _downloads_output(nb) -> dict:
    """The download block a notebook's last cell displayed: its Markdown (with the links)."""
    cell = nb.cells[-1]
    assert cell.cell_type == "code" and "p.reuse.downloads(" in cell.source, "no download cell at the end"
    markdown = [o["data"]["text/markdown"] for o in cell.outputs if "text/markdown" in o.get("data", {})]
    assert len(markdown) == 1, f"the download cell shows {len(markdown)} blocks"
    return {"stem": re.search(r'downloads\("([^"]+)"\)', cell.source).group(1), "markdown": markdown[0]}


def _csvs(hrefs) -> set:
    return {h for h in hrefs if h.endswith(".csv")}


# --- the registry and the display ----------------------------------------------------

def test_loader_records_what_is_loaded_and_downloads_lists_it(monkeypatch):
    monkeypatch.setattr(loader, "LOADED", [])
    names = data.resource_names()[:3]
    for name in names + names[:1]:
        data.load(name)
    assert loader.LOADED == names
    block = reuse.downloads("01_probe")._repr_markdown_()
    assert LINK.findall(block) == (["01_probe.ipynb"] + [f"../data/{data.resource(n)['path']}" for n in names]
                                   + [f"../data/{reuse.ZIP_NAME}"])
    # File names are left-to-right runs in Arabic text: each sits in its own isolate.
    assert block.count('<bdi dir="ltr"><code>') == len(names) + 4


def test_downloads_refuses_a_path_for_a_name():
    with pytest.raises(ValueError, match="not a notebook name"):
        reuse.downloads("../chapters/x.ipynb")


# --- the zip -------------------------------------------------------------------------

def test_zip_is_byte_reproducible(tmp_path, monkeypatch):
    """Same data, other file times and modes, another moment: the same bytes."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    first = datazip.write_zip(tmp_path / "a.zip", copy, readme="note")
    for path in copy.iterdir():
        path.chmod(0o600)
        os.utime(path, (time.time() + 3600, time.time() + 3600))
    second = datazip.write_zip(tmp_path / "b.zip", copy, readme="note")
    assert first.read_bytes() == second.read_bytes()
    infos = zipfile.ZipFile(first).infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {(i.date_time, i.external_attr >> 16) for i in infos} == {((1980, 1, 1, 0, 0, 0), 0o100644)}


def test_zip_refuses_a_package_with_a_missing_file(scratch_data):
    (scratch_data / _package()["resources"][0]["path"]).unlink()
    with pytest.raises(data.DataError, match="file not found"):
        datazip.write_zip(scratch_data.parent / "x.zip", scratch_data)


@pytest.mark.book
def test_built_zip_is_exactly_the_package_and_works_offline(tmp_path):
    package = _package()
    expected = ["datapackage.json", *(r["path"] for r in package["resources"]), package["x-bibliography"],
                "README.txt"]
    with zipfile.ZipFile(ZIP) as archive:
        names = archive.namelist()
        assert sorted(names) == sorted(f"{datazip.ZIP_FOLDER}/{n}" for n in expected)
        archive.extractall(tmp_path)
    unpacked = tmp_path / datazip.ZIP_FOLDER
    for name in expected[:-1]:
        assert (unpacked / name).read_bytes() == (ROOT / "data" / name).read_bytes(), name
    readme = (unpacked / "README.txt").read_text(encoding="utf-8")
    assert str(meta.book()["version"]) in readme and "CC BY 4.0" in readme
    # A fresh interpreter, outside the repository, told only PARTNERSHIP_DATA.
    script = ("from partnership import data; import json; "
              "from partnership.data import location; "
              "print(json.dumps([str(location.DATA_DIR), data.validate_all(), sorted(data.bib_keys())]))")
    env = dict(os.environ, PARTNERSHIP_DATA=str(unpacked))
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True,
                         text=True, check=True).stdout
    where, checked, keys = json.loads(out)
    assert where == str(unpacked)
    assert checked == [r["name"] for r in package["resources"]]
    bib = (ROOT / "data" / package["x-bibliography"]).read_text(encoding="utf-8")
    assert sorted(keys) == sorted(set(re.findall(r"^@\w+\{([^,\s]+),", bib, re.M)))


# --- the chapter pages ----------------------------------------------------------------

@pytest.mark.book
def test_every_chapter_page_links_its_notebook_csvs_and_zip():
    for notebook in _chapter_notebooks():
        stored = _downloads_output(nbformat.read(notebook, as_version=4))
        assert stored["stem"] == notebook.stem
        page = HTML / notebook.relative_to(ROOT).with_suffix(".html")
        hrefs = LINK.findall(page.read_text(encoding="utf-8"))
        assert hrefs, f"{page.name}: no download links"
        for href in hrefs:
            target = (page.parent / unquote(urlsplit(href).path)).resolve()
            assert target.is_file() and target.is_relative_to(HTML), f"{page.name} -> {href}"
        assert f"{notebook.stem}.ipynb" in hrefs and f"../data/{reuse.ZIP_NAME}" in hrefs, page.name
        # The notebook offered is the committed one, outputs and all.
        assert (page.parent / f"{notebook.stem}.ipynb").read_bytes() == notebook.read_bytes()
        # The page lists what the notebook's own run recorded (nbval checks that run).
        assert _csvs(hrefs) == _csvs(LINK.findall(stored["markdown"])), page.name


@pytest.mark.book
def test_csv_links_are_every_resource_some_chapter_reads():
    """Across the book, every table linked is a real resource; none is linked twice on a page."""
    paths = {f"../data/{r['path']}" for r in _package()["resources"]}
    seen = set()
    for notebook in _chapter_notebooks():
        page = HTML / notebook.relative_to(ROOT).with_suffix(".html")
        csvs = [h for h in LINK.findall(page.read_text(encoding="utf-8")) if h.endswith(".csv")]
        assert len(csvs) == len(set(csvs)) and set(csvs) <= paths, page.name
        seen |= set(csvs)
    assert seen, "no chapter links a CSV file"


@pytest.mark.book
def test_single_page_and_pdf_carry_no_download_links():
    """Printed, a link relative to the book would point at the machine that printed it."""
    text = (SINGLE / "chapters" / "index.html").read_text(encoding="utf-8")
    assert "partnership-download" not in text
    from pypdf import PdfReader

    uris = []
    for pdf_page in PdfReader(str(PDF)).pages:
        for annot in pdf_page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action.get_object():
                uris.append(str(action.get_object()["/URI"]))
    assert uris, "no links in the PDF at all: the check below would prove nothing"
    assert not [u for u in uris if urlsplit(u).path.endswith((".csv", ".ipynb", ".zip"))]


def test_single_page_build_drops_the_blocks(tmp_path):
    page = tmp_path / "chapters" / "index.html"
    page.parent.mkdir()
    block = reuse.downloads("02_3_nato")._repr_markdown_()
    page.write_text(f"<div class=\"cell\"><p>قبل</p>{block}<p>بعد</p></div>", encoding="utf-8")
    sphinx_downloads._drop_blocks(tmp_path)
    assert page.read_text(encoding="utf-8") == "<div class=\"cell\"><p>قبل</p><p>بعد</p></div>"


# --- launch buttons --------------------------------------------------------------------

@pytest.mark.book
def test_launch_buttons_follow_the_environment_only():
    """The book built here knows no repository, so it shows no launch button; the
    release build sets PARTNERSHIP_REPOSITORY and every chapter must show them."""
    repo = os.environ.get("PARTNERSHIP_REPOSITORY", "")
    for notebook in _chapter_notebooks():
        text = (HTML / notebook.relative_to(ROOT).with_suffix(".html")).read_text(encoding="utf-8")
        assert ("mybinder.org" in text) == bool(repo), notebook.name
        if repo:
            assert f'href="{repo}"' in text, notebook.name


def test_launch_buttons_configured_from_the_environment(monkeypatch):
    class Config:
        html_theme_options = {"launch_buttons": {"thebe": False}, "use_download_button": True}

    monkeypatch.setenv("PARTNERSHIP_REPOSITORY", "https://github.com/probe-owner/probe-repo/")
    monkeypatch.setenv("PARTNERSHIP_BRANCH", "v9.9.9")
    sphinx_downloads.configure_repository(None, Config)
    options = Config.html_theme_options
    assert options["repository_url"] == "https://github.com/probe-owner/probe-repo"
    assert options["repository_branch"] == "v9.9.9" and options["use_repository_button"] is True
    assert options["launch_buttons"] == {"thebe": False, "binderhub_url": "https://mybinder.org",
                                         "colab_url": "https://colab.research.google.com",
                                         "notebook_interface": "classic"}
    monkeypatch.setenv("PARTNERSHIP_REPOSITORY", "github.com/no-scheme")
    from sphinx.errors import ConfigError

    with pytest.raises(ConfigError, match="PARTNERSHIP_REPOSITORY"):
        sphinx_downloads.configure_repository(None, Config)


def test_probe_book_shows_launch_buttons_and_ships_its_downloads(tmp_path):
    """A real build: the theme must turn our options into Binder and Colab links."""
    from conftest import build_probe, mini_book, probe

    book = mini_book(tmp_path)
    probe(book, nbformat.v4.new_code_cell(
        "import partnership as p\np.style.setup()\nx = p.load('nato_accessions')"),
        nbformat.v4.new_code_cell('p.reuse.downloads("probe")'))
    result = build_probe(book, PARTNERSHIP_REPOSITORY="https://github.com/probe-owner/probe-repo",
                         PARTNERSHIP_BRANCH="v9.9.9")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = book / "_build" / "html"
    page = (out / "chapters" / "probe.html").read_text(encoding="utf-8")
    assert ("https://mybinder.org/v2/gh/probe-owner/probe-repo/v9.9.9?urlpath=tree/chapters/probe.ipynb"
            in page)
    assert "https://colab.research.google.com/github/probe-owner/probe-repo/blob/v9.9.9/chapters/probe.ipynb" in page
    assert 'href="https://github.com/probe-owner/probe-repo"' in page  # the repository button
    assert "Launch" not in page, "the launch buttons' tooltips are not in Arabic"
    hrefs = LINK.findall(page)
    assert hrefs == ["probe.ipynb", "../data/nato_accessions.csv", f"../data/{reuse.ZIP_NAME}"]
    assert all((out / "chapters" / h).resolve().is_file() for h in hrefs)


# --- the reader's path ------------------------------------------------------------------

RECORDER = '''import json, pathlib
_opened = []
_open = pathlib.Path.open
def _record(self, *args, **kwargs):
    if self.suffix == ".csv":
        _opened.append(self.name)
    return _open(self, *args, **kwargs)
pathlib.Path.open = _record'''
REPORT = ('import partnership\nprint(json.dumps({"package": partnership.__file__, '
          '"data": str(partnership.data.location.DATA_DIR), "opened": sorted(set(_opened))}))')


@pytest.mark.book
def test_a_reader_reruns_a_chapter_from_the_installed_package_and_the_zip(tmp_path):
    """Install the package (not the checkout), unzip the data, run one chapter elsewhere.
    The CSV files the kernel really opened must be those the page links."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    shutil.copytree(ROOT / "partnership", source / "partnership",
                    ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                    "--no-build-isolation", "--target", str(site), str(source)], check=True, capture_output=True)
    # What a reader installs is the chapters' package alone, none of the book's build.
    assert {p.name for p in site.iterdir() if not p.name.endswith(".dist-info")} == {"partnership"}
    with zipfile.ZipFile(ZIP) as archive:
        archive.extractall(tmp_path)
    work = tmp_path / "reader"
    work.mkdir()
    chapter = ROOT / "chapters" / "02_3_nato.ipynb"
    nb = nbformat.read(chapter, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(RECORDER))
    nb.cells.append(nbformat.v4.new_code_cell(REPORT))
    nbformat.write(nb, work / chapter.name)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(PYTHONPATH=str(site), PARTNERSHIP_DATA=str(tmp_path / datazip.ZIP_FOLDER))
    subprocess.run([str(Path(sys.executable).with_name("jupyter")), "nbconvert", "--to", "notebook", "--execute",
                    "--inplace", chapter.name], cwd=work, env=env, check=True, capture_output=True, timeout=600)
    ran = nbformat.read(work / chapter.name, as_version=4)
    report = json.loads("".join(o.get("text", "") for o in ran.cells[-1].outputs))
    assert Path(report["package"]).is_relative_to(site), report["package"]
    assert report["data"] == str(tmp_path / datazip.ZIP_FOLDER)
    ran.cells.pop()
    listed = _csvs(LINK.findall(_downloads_output(ran)["markdown"]))
    opened = {f"../data/{name}" for name in report["opened"]}
    assert opened and listed == opened
    page = (HTML / "chapters" / "02_3_nato.html").read_text(encoding="utf-8")
    assert _csvs(LINK.findall(page)) == opened


# --- archiving and releasing ----------------------------------------------------------------

def test_zenodo_json_is_current_and_complete():
    committed = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    generated = subprocess.run([sys.executable, "-m", "press.zenodo"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout
    assert (ROOT / ".zenodo.json").read_text(encoding="utf-8") == generated, "run `make zenodo`"
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert committed["title"] == cff["title"] and committed["description"] == cff["abstract"]
    assert committed["version"] == str(cff["version"])
    assert committed["publication_date"] == str(cff["date-released"])
    assert committed["creators"] == [{"name": a["name"]} for a in cff["authors"]]
    assert committed["keywords"] == cff["keywords"]
    assert committed["license"] == cff["license"].lower() == "cc-by-4.0"
    assert (committed["upload_type"], committed["publication_type"]) == ("publication", "book")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["language"] == "ar" and committed["language"] == "ara"


def test_zenodo_json_says_all_that_cffconvert_says_and_what_it_cannot():
    """We keep our own .zenodo.json because cffconvert 2.0.0's is poorer: it gives no
    upload_type (Zenodo's deposit API requires one, and this is a book, not software),
    no language and no access right. Everything it does give, ours says the same."""
    tool = ROOT / ".venv-tools" / "bin" / "cffconvert"
    assert tool.exists(), "run `make setup` (it installs cffconvert in .venv-tools)"
    theirs = json.loads(subprocess.run([str(tool), "-f", "zenodo", "-i", str(ROOT / "CITATION.cff")],
                                       capture_output=True, text=True, check=True).stdout)
    ours = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert theirs.pop("license") == {"id": "CC-BY-4.0"} and ours["license"] == "cc-by-4.0"
    assert {key: ours.get(key) for key in theirs} == theirs
    assert {"upload_type", "publication_type", "language", "access_right"} <= set(ours) - set(theirs)


def test_package_version_is_the_books_version():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    version = re.search(r'^version = "([^"]+)"', pyproject, re.M).group(1)
    assert version == str(yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["version"])


BOOTSTRAP = re.compile(r"apt-get update -qq && apt-get install -y -qq --no-install-recommends( [a-z0-9.-]+)+")
BOOTSTRAP_TOOLS = {"make", "python3", "python3-venv", "ca-certificates", "git"}


def _workflow():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    return flow, flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true


def test_release_workflow_runs_only_make_on_version_tags():
    flow, trigger = _workflow()
    assert trigger == {"push": {"tags": ["v*"]}}
    runs = [s["run"] for job in flow["jobs"].values() for s in job["steps"] if "run" in s]
    makes = [r for r in runs if r.startswith("make ")]
    assert makes == ["make test"]
    for run in runs:
        if run in makes:
            continue
        assert BOOTSTRAP.fullmatch(run), f"logic in the workflow instead of the Makefile: {run}"
        assert set(run.split("--no-install-recommends")[1].split()) <= BOOTSTRAP_TOOLS, run
    env = flow["jobs"]["build"]["env"]
    assert env["PARTNERSHIP_REPOSITORY"] == "${{ github.server_url }}/${{ github.repository }}"


@pytest.mark.book
def test_release_workflow_uploads_what_the_build_makes():
    flow, _ = _workflow()
    steps = [s for job in flow["jobs"].values() for s in job["steps"]]
    uploads = [Path(s["with"]["path"]) for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assets = [Path(f) for s in steps if s.get("uses", "").startswith("softprops/action-gh-release")
              for f in s["with"]["files"].split()]
    assert uploads == [HTML.relative_to(ROOT)]
    assert (ROOT / uploads[0] / "index.html").is_file()
    assert {a.suffix for a in assets} == {".pdf", ".zip"}
    for asset in assets:
        assert (ROOT / asset).is_file(), f"the release would upload {asset}, which the build does not make"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in steps)
