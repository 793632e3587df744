"""The registry import fed what spreadsheets and accidents produce: every file is imported whole or refused with
the line and the reason, never half-written, never an unexplained exception.

The decision: UTF-8 (with or without byte order mark) and Windows-1252/Latin-1 are read, with comma, semicolon
or tab as delimiter (the one under which the header holds the expected columns), and the command says how the
file was read. Formula-looking cells are data: they are stored as typed (every export quotes them)."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from academy.imports import MAX_LINE
from academy.registry.importer import ImportFailed, import_registry
from academy.registry.models import ClusterOrganisation, RegisteredPerson
from tests.registry.test_import import GOOD, HEADER

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=50)
ROW = "ECCP-7,{org},DE,,,digital,{members},,,{email},{name},manager,yes\n"


def snapshot():
    orgs = sorted(ClusterOrganisation.objects.values_list("registry_id", "name", "members_count"))
    people = sorted(RegisteredPerson.objects.values_list("organisation__registry_id", "email", "name", "role"))
    return orgs, people


def redelimited(text, delimiter):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text)):
        writer.writerow(row)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (GOOD.encode(), "Read as UTF-8 text, comma-separated."),
        (("\ufeff" + GOOD).encode(), "Read as UTF-8 with byte order mark text, comma-separated."),
        (GOOD.encode("latin-1"), "Read as Windows-1252 text, comma-separated."),
        (redelimited(GOOD, ";").encode("cp1252"), "Read as Windows-1252 text, semicolon-separated."),
        (("\ufeff" + redelimited(GOOD, ";")).encode(), "Read as UTF-8 with byte order mark text, semicolon-separated."),
        (redelimited(GOOD, "\t").encode(), "Read as UTF-8 text, tab-separated."),
    ],
    ids=["utf-8", "bom", "latin-1", "semicolon cp1252", "semicolon bom", "tab"],
)
def test_the_same_registry_saved_in_any_accepted_form_imports_the_same(data, said):
    result = import_registry(data, "registry.csv")
    assert (result.organisations_created, result.people_created, result.read_as) == (2, 3, said)
    assert ClusterOrganisation.objects.get(registry_id="ECCP-2").name == "Malmö Food Cluster"
    lisbon = ClusterOrganisation.objects.get(registry_id="ECCP-1")
    assert sorted(lisbon.ecosystems.values_list("slug", flat=True)) == ["digital", "health"]


def test_the_command_says_how_it_read_the_file(tmp_path, capsys):
    path = tmp_path / "registry.csv"
    path.write_bytes(redelimited(GOOD, ";").encode("cp1252"))
    call_command("registry", "import", str(path))
    assert "Read as Windows-1252 text, semicolon-separated." in capsys.readouterr().out


@pytest.mark.parametrize("formula", ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1:A2)", '=HYPERLINK("http://x")'])
def test_formula_looking_names_are_stored_as_typed(formula):
    quoted = '"' + formula.replace('"', '""') + '"'
    import_registry((HEADER + ROW.format(org=quoted, members=3, email="a@x.example", name=quoted)).encode(), "r.csv")
    assert ClusterOrganisation.objects.get(registry_id="ECCP-7").name == formula
    assert RegisteredPerson.objects.get(email="a@x.example").name == formula


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ("+1", "members: “+1” is not a whole number"),
        ("-1", "members: “-1” is not a whole number"),
        ("=1+1", "members: “=1+1” is not a whole number"),
        ("@SUM(A1)", "members: “@SUM(A1)” is not a whole number"),
        ("²", "members: “²” is not a whole number"),
        ("9" * 30, "is more members than any cluster has"),
    ],
)
def test_a_formula_or_impossible_number_is_refused_with_its_line(members, message):
    data = GOOD + ROW.format(org="X", members=members, email="a@x.example", name="A")
    with pytest.raises(ImportFailed) as failed:
        import_registry(data.encode(), "r.csv")
    [(line, text)] = failed.value.errors
    assert line == 5 and message in text
    assert snapshot() == ([], [])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf\n\n", "The file is empty."),
        (bytes(range(256)) * 20, "This is not a text file."),
        (b"\x00" * 64, "This is not a text file."),
        (b"PK\x03\x04" + b"\x00" * 100, "This is an Excel workbook"),
        (b"%PDF-1.7\n", "This is a PDF"),
        (HEADER.encode() + b'"' + b"x" * (MAX_LINE + 1) + b"\n", "Line 2 is 100,002 characters long"),
        (HEADER.encode(), "The file has no rows."),
        (b"Organisation;Name\nX;Y\n", "The header lacks the column(s) organisation_id"),
    ],
    ids=["empty", "only BOM", "binary", "NUL", "xlsx", "pdf", "huge line", "header only", "wrong header"],
)
def test_what_is_not_a_registry_is_refused_in_words(data, message):
    with pytest.raises(ImportFailed) as failed:
        import_registry(data, "registry.csv")
    assert message in " ".join(text for _line, text in failed.value.errors)


def test_an_unclosed_quote_swallowing_the_rest_is_refused_by_line():
    data = (
        GOOD
        + 'ECCP-8,"Open quote cluster,DE,,,,,,,o@x.example,O,manager,yes\n'
        + "ECCP-9,Y,DE,,,,,,,y@x.example,Y,manager,yes\n"
    )
    with pytest.raises(ImportFailed) as failed:
        import_registry(data.encode(), "registry.csv")
    assert failed.value.errors == [
        (
            5,
            "a quotation mark opened on this line closes only on line 6 (or never); every cell of the registry is one line",
        )
    ]
    assert snapshot() == ([], [])


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("org_id", "E" * 65, "organisation_id is longer than 64 characters"),
        ("email", "a" * 250 + "@x.example", "the address is 260 characters long; at most 254 fit"),
        ("website", "https://x.example/" + "p" * 200, "at most 200 fit"),
        ("country", "Z" * 5000, "is not a country code such as DE"),
    ],
)
def test_values_too_long_for_the_database_are_refused_before_writing(column, value, message):
    """On PostgreSQL these would otherwise stop the import with a database error."""
    row = "ECCP-7,X,DE,,,,,,,a@x.example,A,manager,yes\n"
    row = {
        "org_id": row.replace("ECCP-7", value),
        "email": row.replace("a@x.example", value),
        "website": row.replace(",DE,,,", f",DE,,{value},"),
        "country": row.replace(",DE,", f",{value},"),
    }[column]
    with pytest.raises(ImportFailed) as failed:
        import_registry((HEADER + row).encode(), "r.csv")
    [(line, text)] = failed.value.errors
    assert line == 2 and message in text and len(text) < 300
    assert snapshot() == ([], [])


def test_the_command_refuses_a_binary_file_without_a_traceback(tmp_path, capsys):
    path = tmp_path / "registry.csv"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("registry", "import", str(path))
    assert "This is not a text file" in capsys.readouterr().err


def test_a_failure_while_writing_leaves_the_registry_as_it_was(monkeypatch):
    import_registry(GOOD.encode(), "registry.csv")
    before = snapshot()
    changed = GOOD.replace("Lisbon Digital Cluster", "Renamed") + "ECCP-3,New,DE,,,,,,,n@x.example,N,manager,yes\n"

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(RegisteredPerson.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        import_registry(changed.encode(), "registry.csv")
    assert snapshot() == before


damage = st.one_of(
    st.integers(0, len(GOOD.encode())).map(lambda n: GOOD.encode()[:n]),
    st.tuples(st.integers(0, len(GOOD)), st.text(max_size=40)).map(
        lambda t: (GOOD[: t[0]] + t[1] + GOOD[t[0] :]).encode("utf-8", "surrogatepass")
    ),
    st.tuples(st.integers(0, len(GOOD)), st.binary(min_size=1, max_size=40)).map(
        lambda t: GOOD.encode()[: t[0]] + t[1] + GOOD.encode()[t[0] :]
    ),
    st.tuples(
        st.sampled_from([",", "\n", "-", "@", "ECCP-1", "yes", "manager"]),
        st.sampled_from([";", "", '"', "\t", "=", "+1", "\x00"]),
    ).map(lambda t: GOOD.replace(t[0], t[1]).encode()),
    st.binary(max_size=400),
)


@FUZZ
@given(data=damage)
def test_any_damaged_file_imports_whole_or_changes_nothing(data):
    before = snapshot()
    try:
        result = import_registry(data, "registry.csv")
    except ImportFailed as failed:
        assert failed.errors and all(isinstance(line, int) and text.strip() for line, text in failed.errors)
        assert snapshot() == before
        return
    orgs, people = snapshot()
    assert result.rows == len(people) or result.people_updated > 0
    assert result.read_as.startswith("Read as ")


def test_a_utf8_file_cut_mid_character_names_its_last_line_and_imports_nothing():
    """Not read as Windows-1252 (which would store “MalmÃ¶”): the cut line is named, and the import is refused."""
    data = GOOD.encode() + "ECCP-9,Wrocław Cluster,PL,,,,,,,w@x.example,Łucja Wróbel".encode()[:-4]
    with pytest.raises(ImportFailed) as failed:
        import_registry(data, "registry.csv")
    lines = GOOD.count("\n") + 1
    assert failed.value.errors == [
        (lines, "this line is not UTF-8 text like the rest of the file (was the file cut off there?)")
    ]
    assert snapshot() == ([], [])
