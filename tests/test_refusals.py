"""Every kind of bad input the build refuses, one test each (listed in AUTHORING.md).

Each breaks a scratch copy of data/; :func:`refused` checks the message (file, and row,
line and column where they apply) and that the build's own guard stops on it.
"""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from sphinx.errors import ExtensionError

from conftest import rewrite
from partnership import data
from partnership.data import location
from press.sphinxext import guards


def refused(where: str, *words: str) -> str:
    """The loader and the build refuse the scratch data with a message that starts with
    ``where`` ("events.csv, row 3, column 'date'", after data/) and holds every word."""
    folder = location.directory()
    data.clear_cache()
    with pytest.raises(data.DataError) as caught:
        data.validate_all()
    message = str(caught.value)
    assert message.startswith(f"{folder / where}: "), message
    for word in words:
        assert word in message, message
    data.clear_cache()
    with pytest.raises(ExtensionError) as stopped:
        guards.validate_data(SimpleNamespace(doctreedir=str(folder.parent / "doctrees")))
    assert f"invalid data: {message}" in str(stopped.value)
    return message


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _descriptor(scratch, change):
    """Apply change(package) to the scratch datapackage.json."""
    path = scratch / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change(package)
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")


def _field(package, resource, name):
    res = next(r for r in package["resources"] if r["name"] == resource)
    return next(f for f in res["schema"]["fields"] if f["name"] == name)


def _bib_line(scratch, text):
    """The line of references.bib on which ``text`` starts."""
    bib = (scratch / "references.bib").read_text(encoding="utf-8")
    return bib[:bib.index(text)].count("\n") + 1


SHAHED_ROW3 = "2022-10,29,253"    # month, waves, launched
HORMUZ_ROW2 = "2018,21.4,78.5"    # year, hormuz_mbd, seaborne_mbd


# --- cells ------------------------------------------------------------------------

def test_malformed_date(scratch_data):
    rewrite(scratch_data / "events.csv", "2022-07-11", "2022-07-32")
    refused("events.csv, row 3, column 'date'", "'2022-07-32' is not a real date")


def test_date_in_another_form(scratch_data):
    rewrite(scratch_data / "events.csv", "2022-07-11", "11/07/2022")
    refused("events.csv, row 3, column 'date'", "'11/07/2022' is not a date of the form YYYY-MM-DD")


def test_wrong_type(scratch_data):
    rewrite(scratch_data / "shahed_monthly.csv", SHAHED_ROW3, "2022-10,29,lots")
    refused("shahed_monthly.csv, row 3, column 'launched'", "'lots' is not an integer")


@pytest.mark.parametrize("spelling", ["+253", " 253 ", "٢٥٣", "25.3"],
                         ids=["plus", "spaces", "arabic-indic", "decimal"])
def test_integer_in_another_notation(scratch_data, spelling):
    rewrite(scratch_data / "shahed_monthly.csv", SHAHED_ROW3, f"2022-10,29,{spelling}")
    refused("shahed_monthly.csv, row 3, column 'launched'", f"'{spelling}' is not an integer")


def test_number_infinite(scratch_data):
    rewrite(scratch_data / "hormuz_flows.csv", HORMUZ_ROW2, "2018,inf,78.5")
    refused("hormuz_flows.csv, row 2, column 'hormuz_mbd'", "'inf' is not a number in plain decimal notation")


def test_number_in_exponent_notation_overflowing(scratch_data):
    rewrite(scratch_data / "hormuz_flows.csv", HORMUZ_ROW2, "2018,1e400,78.5")
    refused("hormuz_flows.csv, row 2, column 'hormuz_mbd'", "'1e400' is not a number in plain decimal notation")


def test_number_too_large_to_be_finite(scratch_data):
    rewrite(scratch_data / "hormuz_flows.csv", HORMUZ_ROW2, "2018," + "9" * 400 + ",78.5")
    refused("hormuz_flows.csv, row 2, column 'hormuz_mbd'", "'99999999999999999999…' is too large to be a finite")


def test_number_with_underscores(scratch_data):
    rewrite(scratch_data / "hormuz_flows.csv", HORMUZ_ROW2, "2018,2_1.4,78.5")
    refused("hormuz_flows.csv, row 2, column 'hormuz_mbd'", "'2_1.4' is not a number in plain decimal notation")


def test_number_with_spaces(scratch_data):
    rewrite(scratch_data / "hormuz_flows.csv", HORMUZ_ROW2, "2018, 21.4 ,78.5")
    refused("hormuz_flows.csv, row 2, column 'hormuz_mbd'", "' 21.4 ' is not a number in plain decimal notation")


def test_number_not_a_number(scratch_data):
    rewrite(scratch_data / "hormuz_flows.csv", HORMUZ_ROW2, "2018,NaN,78.5")
    refused("hormuz_flows.csv, row 2, column 'hormuz_mbd'", "NaN is not allowed; leave the cell empty")


@pytest.mark.parametrize("spelling", ["-inf", "+5", ".5", "5.", "0x10", "1e5", "2.1.4", "٢١٫٤"],
                         ids=["minus-inf", "plus", "leading-point", "trailing-point", "hex", "exponent",
                              "two-points", "arabic-indic"])
def test_number_in_another_notation(scratch_data, spelling):
    rewrite(scratch_data / "hormuz_flows.csv", HORMUZ_ROW2, f"2018,{spelling},78.5")
    refused("hormuz_flows.csv, row 2, column 'hormuz_mbd'", f"'{spelling}' is not a number in plain decimal")


def test_empty_required_field(scratch_data):
    rewrite(scratch_data / "events.csv", ",زيارة رئيسي إلى موسكو,", ",,")
    refused("events.csv, row 2, column 'label_ar'", "required value is empty")


def test_required_field_of_only_whitespace(scratch_data):
    rewrite(scratch_data / "events.csv", ",زيارة رئيسي إلى موسكو,", ",   ,")
    refused("events.csv, row 2, column 'label_ar'", "value is only whitespace; a required value must be written out")


def test_unknown_category(scratch_data):
    rewrite(scratch_data / "events.csv", "2022-07-11,day,intro", "2022-07-11,day,gossip")
    refused("events.csv, row 3, column 'topic'", "'gossip' is not one of")


def test_below_minimum(scratch_data):
    rewrite(scratch_data / "shahed_monthly.csv", SHAHED_ROW3, "2022-10,29,-253")
    refused("shahed_monthly.csv, row 3, column 'launched'", "-253 is below the minimum 0")


def test_above_maximum(scratch_data):
    rewrite(scratch_data / "currency_share.csv", ",day,20,over,", ",day,120,over,")
    refused("currency_share.csv, row 2, column 'share_pct'", "120 is above the maximum 100")


def test_identifier_breaks_its_pattern(scratch_data):
    rewrite(scratch_data / "events.csv", "raisi-moscow-visit,", "Raisi Moscow,")
    refused("events.csv, row 2, column 'event_id'", "'Raisi Moscow' does not match the pattern")


def test_unknown_source_key(scratch_data):
    rewrite(scratch_data / "events.csv", "irna2022raisitrip;", "nosuchsource2099;")
    refused("events.csv, row 2, column 'source'", "unknown source key 'nosuchsource2099' (not in references.bib)")


def test_empty_source_key(scratch_data):
    rewrite(scratch_data / "events.csv", "irna2022raisitrip;", "irna2022raisitrip;;")
    refused("events.csv, row 2, column 'source'", "unknown source key ''")


# --- rows and keys ----------------------------------------------------------------

def test_duplicate_primary_key(scratch_data):
    path = scratch_data / "shahed_monthly.csv"
    lines = _lines(path)
    lines.insert(3, lines[2])
    _write(path, lines)
    refused("shahed_monthly.csv, row 4, column 'month'", "duplicate primary key ('2022-10',) (first on row 3)")


def test_duplicate_unique_value(scratch_data):
    rewrite(scratch_data / "criteria.csv", "trust,2,", "trust,1,")
    refused("criteria.csv, row 3, column 'position'", "duplicate value '1' (first on row 2)")


def test_ragged_row(scratch_data):
    rewrite(scratch_data / "shahed_monthly.csv", SHAHED_ROW3, SHAHED_ROW3 + ",7")
    refused("shahed_monthly.csv, row 3", "has 6 cells, the header has 5")


def test_unterminated_quote(scratch_data):
    rewrite(scratch_data / "shahed_monthly.csv", SHAHED_ROW3, '2022-10,"29,253')
    refused("shahed_monthly.csv, row 3", "a quoted cell opened on line 3 is never closed")


def test_stray_quote_swallowing_rows(scratch_data):
    path = scratch_data / "shahed_monthly.csv"
    lines = _lines(path)
    lines[2] = lines[2].replace(",29,", ',"29,')
    lines[5] = lines[5].replace(",", '",', 1)
    _write(path, lines)
    refused("shahed_monthly.csv, row 3", "a quoted cell opened on line 3 runs to line 6")


@pytest.mark.parametrize("kept", [0, 2], ids=["header-only", "two-rows"])
def test_table_cut_short(scratch_data, kept):
    path = scratch_data / "shahed_monthly.csv"
    _write(path, _lines(path)[:kept + 1])
    refused("shahed_monthly.csv", f"has {kept} rows, fewer than the 33 its 'x-min-rows'")


# --- header and file --------------------------------------------------------------

def test_missing_column(scratch_data):
    path = scratch_data / "shahed_monthly.csv"
    _write(path, [",".join(c for i, c in enumerate(line.split(",")) if i != 1) for line in _lines(path)])
    refused("shahed_monthly.csv, row 1, column 'waves'", "column is missing from the header")


def test_column_not_in_the_schema(scratch_data):
    path = scratch_data / "shahed_monthly.csv"
    lines = _lines(path)
    _write(path, [lines[0] + ",comment"] + [line + "," for line in lines[1:]])
    refused("shahed_monthly.csv, row 1, column 'comment'", "column is not in the schema")


def test_columns_out_of_order(scratch_data):
    path = scratch_data / "shahed_monthly.csv"
    rows = [line.split(",") for line in _lines(path)]
    _write(path, [",".join([r[0], r[2], r[1], *r[3:]]) for r in rows])
    refused("shahed_monthly.csv, row 1", "columns are out of order; expected month, waves, launched")


def test_missing_file(scratch_data):
    (scratch_data / "shahed_monthly.csv").unlink()
    refused("shahed_monthly.csv", "file not found (resource 'shahed_monthly' in datapackage.json)")


def test_empty_file(scratch_data):
    (scratch_data / "shahed_monthly.csv").write_bytes(b"")
    refused("shahed_monthly.csv, row 1", "file is empty")


def test_byte_order_mark(scratch_data):
    path = scratch_data / "shahed_monthly.csv"
    path.write_text("\ufeff" + path.read_text(encoding="utf-8"), encoding="utf-8")
    refused("shahed_monthly.csv, row 1", "starts with a UTF-8 byte-order mark (BOM)")


def test_file_in_windows_1256(scratch_data):
    path = scratch_data / "currency_share.csv"
    raw = path.read_text(encoding="utf-8").encode("cp1256")
    path.write_bytes(raw)
    offset = next(i for i, byte in enumerate(raw) if byte >= 0x80)  # the first Arabic letter
    refused("currency_share.csv, row 2, column 'speaker_ar'",
            f"is not UTF-8: byte 0x{raw[offset]:02x} at byte offset {offset} cannot be decoded")


def test_csv_not_described(scratch_data):
    (scratch_data / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    refused("notes.csv", "is not described in datapackage.json")


# --- the descriptor ---------------------------------------------------------------

def test_broken_descriptor(scratch_data):
    (scratch_data / "datapackage.json").write_text("{ not json", encoding="utf-8")
    refused("datapackage.json, row 1", "invalid JSON")


def test_path_outside_the_data_folder(scratch_data):
    _descriptor(scratch_data, lambda p: p["resources"][0].update(path="../../../../etc/hostname"))
    refused("datapackage.json", "resource 'events': path '../../../../etc/hostname' is outside the data folder")


def test_absolute_path(scratch_data):
    _descriptor(scratch_data, lambda p: p["resources"][1].update(path="/etc/hostname"))
    refused("datapackage.json", "resource 'shahed_monthly': path '/etc/hostname' is outside the data folder")


def test_resource_listed_twice(scratch_data):
    _descriptor(scratch_data, lambda p: p["resources"].append(dict(p["resources"][1])))
    refused("datapackage.json", "resource 'shahed_monthly' is listed twice (resources[1] and [")


def test_unknown_field_type(scratch_data):
    _descriptor(scratch_data, lambda p: _field(p, "events", "date").update(type="decimal"))
    refused("datapackage.json", "resource 'events', field 'date': unknown type 'decimal'; known types: string")


def test_resource_without_schema(scratch_data):
    _descriptor(scratch_data, lambda p: p["resources"][2].pop("schema"))
    refused("datapackage.json", "resource 'claims': no schema with a list of fields")


def test_schema_without_fields(scratch_data):
    _descriptor(scratch_data, lambda p: p["resources"][2]["schema"].update(fields=[]))
    refused("datapackage.json", "resource 'claims': no schema with a list of fields")


def test_primary_key_names_no_field(scratch_data):
    _descriptor(scratch_data, lambda p: p["resources"][1]["schema"].update(primaryKey=["period"]))
    refused("datapackage.json", "resource 'shahed_monthly': primaryKey names 'period', which is not a field")


def test_pattern_is_not_a_regular_expression(scratch_data):
    _descriptor(scratch_data, lambda p: _field(p, "events", "event_id")["constraints"].update(pattern="[a-z"))
    refused("datapackage.json", "resource 'events', field 'event_id': pattern '[a-z' is not a regular expression")


def test_resource_without_a_row_floor(scratch_data):
    _descriptor(scratch_data, lambda p: p["resources"][0].pop("x-min-rows"))
    refused("datapackage.json", "resource 'events': 'x-min-rows' must be a whole number of at least 1, not None")


# --- the bibliography -------------------------------------------------------------

def test_duplicate_bibliography_key(scratch_data):
    bib = scratch_data / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@misc{anon2023partnership")
    first = _bib_line(scratch_data, "@misc{anon2023partnership")
    bib.write_text(text + "\n" + text[start:], encoding="utf-8")
    again = text.count("\n") + 2  # the copy starts after the file's last line and a blank one
    refused(f"references.bib, line {again}", f"entry 'anon2023partnership' is defined twice (first on line {first})")


def test_unknown_bibliography_kind(scratch_data):
    rewrite(scratch_data / "references.bib", "kind      = {data}", "kind      = {dataset}")
    refused("references.bib", "entry 'ivaniuk2026attacks': 'dataset'; kind must be one of official, data")


def test_missing_bibliography_kind(scratch_data):
    rewrite(scratch_data / "references.bib", "  kind      = {data},\n", "")
    refused("references.bib", "entry 'ivaniuk2026attacks': no kind field")


def test_stray_text_between_entries(scratch_data):
    line = _bib_line(scratch_data, "@misc{irna2022raisitrip")
    rewrite(scratch_data / "references.bib", "@misc{irna2022raisitrip",
            "left behind, urldate = {2026}\n@misc{irna2022raisitrip")
    refused(f"references.bib, line {line}", "stray text between entries: 'left behind, urldate = {2026}'")


def test_unknown_entry_type(scratch_data):
    line = _bib_line(scratch_data, "@misc{irna2022raisitrip")
    rewrite(scratch_data / "references.bib", "@misc{irna2022raisitrip", "@mics{irna2022raisitrip")
    refused(f"references.bib, line {line}", "entry 'irna2022raisitrip': unknown entry type '@mics'; allowed: article")


def test_entry_never_closed(scratch_data):
    line = _bib_line(scratch_data, "@misc{anon2023partnership")
    rewrite(scratch_data / "references.bib", "``last year'')}\n}", "``last year'')}\n")
    refused(f"references.bib, line {line}", "entry 'anon2023partnership' is never closed")


def test_bibliography_in_windows_1256(scratch_data):
    bib = scratch_data / "references.bib"
    raw = bib.read_text(encoding="utf-8").encode("cp1256", errors="replace")
    bib.write_bytes(raw)
    offset = next(i for i, byte in enumerate(raw) if byte >= 0x80)
    refused("references.bib, line 1", f"is not UTF-8: byte offset {offset} cannot be decoded")


def test_bibliography_missing(scratch_data):
    (scratch_data / "references.bib").unlink()
    refused("references.bib", "file not found")


def test_entry_without_title(scratch_data):
    rewrite(scratch_data / "references.bib", "  title     = {Massive Missile Attacks on Ukraine},\n", "")
    refused("references.bib", "entry 'ivaniuk2026attacks' (data): no title field")


def test_entry_without_year_or_date(scratch_data):
    rewrite(scratch_data / "references.bib", "  year      = {2026},\n  month     = {4},\n", "")
    refused("references.bib", "entry 'ivaniuk2026attacks' (data): no year or date field")


def test_news_without_url(scratch_data):
    rewrite(scratch_data / "references.bib",
            "  url       = {https://en.irna.ir/news/84621576/A-trip-to-make-Iran-more-powerful},\n", "")
    refused("references.bib", "entry 'irna2022raisitrip' (news): no url field; a news entry needs one")


def test_news_without_publisher(scratch_data):
    rewrite(scratch_data / "references.bib", "  publisher = {Islamic Republic News Agency (IRNA)},\n", "")
    refused("references.bib", "entry 'irna2022raisitrip' (news): no publisher field")


def test_news_without_date(scratch_data):
    rewrite(scratch_data / "references.bib", "  year      = {2022},\n  month     = {1},\n  date      = {2022-01-21},\n",
            "")
    refused("references.bib", "entry 'irna2022raisitrip' (news): no year or date field")


def test_official_document_without_url_or_symbol(scratch_data):
    rewrite(scratch_data / "references.bib", "  url       = {https://www.facebook.com/kpszsu},\n", "")
    refused("references.bib", "entry 'kpszsu2026reports' (official): no url or number field; an official entry")
