"""The «البيانات والمنهج» chapter, drawn from data/datapackage.json.

Every table of the book is described once, in its descriptor: who published the
original data (``sources``, bib keys), under what terms (``licenses``), what the
measure can and cannot show (``x-caveats-ar``), and how the CSV was made
(``x-script``).  The chapter reads those fields and computes the rest (row counts,
the span of years or dates covered) from the data itself, so it cannot drift from
the files a reader downloads.  :func:`check_descriptor` refuses a descriptor whose
fields are missing or wrong, naming the resource and the field.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import data
from ..data import extracts, location
from ..text import labels, word, words
from ..figures import tables
from ..figures.markdown import Markdown, Plain
from . import claims

HAND = "hand"
EXTRACT_PREFIX = "partnership.data.extracts."
LICENCE_STATUSES = ("verified", "terms", "unverified")
COVERAGE_TYPES = ("date", "year", "yearmonth")
SEED_LINE = "seed_line"  # line numbers of the extracted report: coverage of the report, not of time
UNVERIFIED = word("methods.unverified_licence")


def _fail(data_dir, name, field, message):
    raise data.DataError(Path(data_dir) / "datapackage.json", f"resource '{name}', field '{field}': {message}")


def _text(res, field, data_dir):
    value = res.get(field)
    if not isinstance(value, str) or not value.strip():
        _fail(data_dir, res["name"], field, "missing or empty (an Arabic text is required)")
    return value


def check_resource(res: dict, data_dir: Path = None) -> None:
    """Raise :class:`data.DataError` if one resource lacks what the chapter needs."""
    data_dir = location.directory(data_dir)
    name = res["name"]
    _text(res, "x-title-ar", data_dir)
    _text(res, "x-caveats-ar", data_dir)
    script = _text(res, "x-script", data_dir)
    if script != HAND:
        func = script.removeprefix(EXTRACT_PREFIX)
        if not script.startswith(EXTRACT_PREFIX) or func not in extracts.EXTRACTS:
            _fail(data_dir, name, "x-script",
                  f"'{script}' is neither '{HAND}' nor {EXTRACT_PREFIX}<one of {', '.join(extracts.EXTRACTS)}>")
        if func != name:
            _fail(data_dir, name, "x-script", f"'{script}' makes '{func}.csv', not this resource")
    keys = data.bib_keys(data_dir)
    sources = res.get("sources")
    if not isinstance(sources, list):
        _fail(data_dir, name, "sources", "missing (a list, empty for a table compiled by hand)")
    if script != HAND and not sources:
        _fail(data_dir, name, "sources", "an extract must name the publisher of its raw data")
    fields = {f["name"]: f for f in res["schema"]["fields"]}
    cited = None
    for i, source in enumerate(sources):
        key = source.get("x-bib") if isinstance(source, dict) else None
        if not key or not source.get("title"):
            _fail(data_dir, name, f"sources[{i}]", "needs a 'title' and an 'x-bib' key")
        if key not in keys:
            _fail(data_dir, name, f"sources[{i}]", f"unknown source key '{key}' (not in references.bib)")
        if script != HAND and data.SOURCE_FIELD in fields:
            if cited is None:
                cited = set(data.unique_keys(r[data.SOURCE_FIELD] for r in data.read_rows(name, data_dir)))
            if key not in cited:
                _fail(data_dir, name, f"sources[{i}]", f"'{key}' is not cited in the table's source column")
    licences = res.get("licenses")
    if not isinstance(licences, list) or not licences:
        _fail(data_dir, name, "licenses", "missing or empty; say 'unverified' when the licence is not known")
    for i, lic in enumerate(licences):
        status = lic.get("x-status") if isinstance(lic, dict) else None
        if status not in LICENCE_STATUSES:
            _fail(data_dir, name, f"licenses[{i}]", f"x-status '{status}' is not one of {', '.join(LICENCE_STATUSES)}")
        if not lic.get("name") or not lic.get("x-basis"):
            _fail(data_dir, name, f"licenses[{i}]", "needs a 'name' and an 'x-basis' (where the licence was read)")
        if status != "verified" and not lic.get("x-summary-ar"):
            _fail(data_dir, name, f"licenses[{i}]", "terms or an unverified licence need an Arabic 'x-summary-ar'")
    if "x-coverage" not in res:
        _fail(data_dir, name, "x-coverage", "missing (a date, year or month column, 'seed_line', or null)")
    column = res["x-coverage"]
    if column is not None:
        if column not in fields:
            _fail(data_dir, name, "x-coverage", f"'{column}' is not a column of the table")
        if column != SEED_LINE and fields[column].get("type", "string") not in COVERAGE_TYPES:
            _fail(data_dir, name, "x-coverage", f"'{column}' is not of type {', '.join(COVERAGE_TYPES)}")


def check_descriptor(data_dir: Path = None) -> list[str]:
    """Check every resource's chapter metadata; return the names checked."""
    data_dir = location.directory(data_dir)
    names = data.resource_names(data_dir)
    for name in names:
        check_resource(data.resource(name, data_dir), data_dir)
    return names


# --- what the chapter shows ---------------------------------------------------

def coverage(name: str, data_dir: Path = None) -> dict:
    """Rows, first and last value of the coverage column, and distinct source keys, from the data."""
    res = data.resource(name, data_dir)
    frame = data.load(name, data_dir)
    column = res.get("x-coverage")
    out = {"rows": len(frame), "column": column, "first": None, "last": None,
           "keys": len(data.unique_keys(frame[data.SOURCE_FIELD])) if data.SOURCE_FIELD in frame else 0}
    if column is not None:
        values = frame[column].dropna()
        if len(values):
            out["first"], out["last"] = values.min(), values.max()
            if "date_precision" in frame and column == "date":
                out["first_precision"] = frame.loc[values.idxmin(), "date_precision"]
                out["last_precision"] = frame.loc[values.idxmax(), "date_precision"]
    return out


def _kind(res, column):
    if column == SEED_LINE:
        return SEED_LINE
    return next(f.get("type", "string") for f in res["schema"]["fields"] if f["name"] == column)


def coverage_text(name: str, data_dir: Path = None) -> str:
    """The span covered, in Arabic words ('من … إلى …': a bare dash would flip in right-to-left text)."""
    res = data.resource(name, data_dir)
    cov = coverage(name, data_dir)
    if cov["column"] is None:
        return word("methods.no_period")
    if cov["first"] is None:
        return word("methods.no_values")
    kind = _kind(res, cov["column"])
    if kind == SEED_LINE:
        return word("methods.seed_lines", first=cov["first"], last=cov["last"])
    if kind == "date":
        first = labels.format_date(cov["first"], cov.get("first_precision", "day"))
        last = labels.format_date(cov["last"], cov.get("last_precision", "day"))
    elif kind == "yearmonth":
        first, last = labels.format_month(cov["first"]), labels.format_month(cov["last"])
    else:
        first, last = str(cov["first"]), str(cov["last"])
    return labels.span(first, last)


def licence_text(res: dict, w=Plain) -> str:
    parts = []
    for lic in res["licenses"]:
        if lic["x-status"] == "verified":
            label = "CC BY 4.0" if lic["name"] == "CC-BY-4.0" else lic["name"]
            parts.append(w.link(label, lic["path"]) if lic.get("path") else w.literal(label))
        elif lic["x-status"] == "terms":
            basis = lic["x-basis"]
            known = f" {w.cite([basis])}" if basis in data.bib_keys() else ""
            parts.append(word("methods.publisher_terms_are", summary=w.literal(lic["x-summary-ar"])) + known)
        else:
            parts.append(f"**{UNVERIFIED}**: {w.literal(lic['x-summary-ar'])}")
    return labels.SOURCES.join(parts)


def script_text(res: dict) -> str:
    if res["x-script"] == HAND:
        return word("methods.hand")
    spec = extracts.EXTRACTS[res["name"]]
    # Short code spans only: a long unbreakable path would push a phone-width page sideways.
    folder = spec.raw.split("/", 1)[0]
    # The module's path within the package: data/extracts/energy.py for partnership.data.extracts.energy.
    module = "/".join(spec.make.__module__.split(".")[1:]) + ".py"
    return word("methods.script", function=res["x-script"].removeprefix(EXTRACT_PREFIX), module=module, folder=folder)


def overview_table(data_dir: Path = None) -> tables.Table:
    """One row per table of the book: what it is, how big, what span, how made, under what licence."""
    rows = []
    for name in data.resource_names(data_dir):
        res = data.resource(name, data_dir)
        rows.append({
            "title": res["x-title-ar"],
            "rows": coverage(name, data_dir)["rows"],
            "span": coverage_text(name, data_dir),
            "made": word("methods.made_by_hand") if res["x-script"] == HAND else word("methods.made_by_script"),
            "licence": {"verified": word("methods.verified_licence"), "terms": word("methods.publisher_terms"),
                        "unverified": UNVERIFIED}[
                min((lic["x-status"] for lic in res["licenses"]), key=lambda s: -LICENCE_STATUSES.index(s))],
        })
    # No file-name column: names like unhcr_afghans_iran.csv cannot wrap, and would make
    # the table wider than a phone; the details below give each file's name.
    return tables.Table(pd.DataFrame(rows), words("tables.methods_overview"),
                        caption=word("methods.overview_caption"), name="tbl-methods-overview",
        numeric={"rows"}, widths=(40, 10, 22, 13, 15))


def resource_details(data_dir: Path = None) -> Markdown:
    """A definition list, one entry per table: publisher, licence, coverage, how made, caveats."""
    check_descriptor(data_dir)
    heads = words("methods.fields")

    def make(w):
        blocks = []
        for name in data.resource_names(data_dir):
            res = data.resource(name, data_dir)
            cov = coverage(name, data_dir)
            if res["sources"]:
                # Each Latin title isolated (U+2068 … U+2069), so titles, commas and the
                # citation keep their order inside the Arabic line. Several publishers:
                # one line each, so a wrapped Latin title cannot tangle with the next.
                items = [f"\u2068{w.literal(s['title'])}\u2069 {w.cite([s['x-bib']])}" for s in res["sources"]]
                publisher = " " + items[0] if len(items) == 1 else "".join(f"\n    - {item}" for item in items)
            else:
                publisher = " " + (word("methods.compiled_per_row", keys=cov["keys"]) if cov["keys"]
                                   else word("methods.compiled_from_report"))
            blocks.append("\n".join([
                f"{w.code(res['path'])}: {w.literal(res['x-title-ar'])}",
                f": - **{heads['publisher']}:**{publisher}",
                f"  - **{heads['licence']}:** {licence_text(res, w)}",
                f"  - **{heads['coverage']}:** {coverage_text(name, data_dir)}{labels.SOURCES}{heads['rows']}: "
                f"{cov['rows']}",
                f"  - **{heads['making']}:** {script_text(res)}",
                f"  - **{heads['caveats']}:** {w.literal(res['x-caveats-ar'])}",
            ]))
        return "\n\n".join(blocks)
    return Markdown(make)


def verdict_table() -> tables.Table:
    """The verdict categories of data/claims.csv, with how many claims fall in each (computed)."""
    register = claims.register()
    counts = register["verdict"].value_counts()
    meaning = words("verdict_meanings")
    frame = pd.DataFrame([{"verdict": claims.VERDICTS[v], "meaning": meaning[v], "count": int(counts.get(v, 0))}
                          for v in claims.VERDICTS])
    return tables.Table(frame, words("tables.methods_verdicts"),
                        caption=word("methods.verdicts_caption"), name="tbl-methods-verdicts",
                        numeric={"count"}, widths=(18, 66, 16))


def bibliography_counts() -> dict:
    """How many works the book cites, of each kind, and how many it read only on a copy."""
    from ..data import bibliography
    from ..text.labels import counted

    found = bibliography.entries()
    kinds = {kind: sum(1 for e in found.values() if e.fields.get("kind") == kind) for kind in data.BIB_KINDS}
    own = len(found) - kinds["data"]
    copies = len(bibliography.copies())
    return {"bib_total": len(found), "bib_non_data": own, "bib_copies": copies, "bib_copy_share": f"{copies / own:.0%}",
            **{f"bib_{kind}": counted(n, "work") for kind, n in kinds.items()}}
