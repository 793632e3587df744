import json

import pytest
from django.core.management import CommandError, call_command

from academy.registry.importer import ImportFailed, import_registry
from academy.registry.models import ClusterOrganisation, RegisteredPerson

HEADER = "organisation_id,organisation_name,country,region,website,ecosystems,members,label,label_valid_until,email,name,role,verified\n"
GOOD = HEADER + (
    "ECCP-1,Lisbon Digital Cluster,PT,Lisboa,https://ldc.example,digital;health,120,gold,2025-12-31,ana@ldc.example,Ana Silva,manager,yes\n"
    "ECCP-1,Lisbon Digital Cluster,PT,Lisboa,https://ldc.example,digital;health,120,gold,2025-12-31,rui@ldc.example,Rui Costa,staff,no\n"
    "ECCP-2,Malmö Food Cluster,Sweden,Skåne,,Agri-food,40,,,eva@mfc.example,Eva Lind,manager in charge,yes\n"
)


@pytest.mark.django_db
def test_good_file_imports_organisations_people_and_ecosystems():
    result = import_registry(GOOD.encode(), "registry.csv")
    assert (result.organisations_created, result.people_created) == (2, 3)
    lisbon = ClusterOrganisation.objects.get(registry_id="ECCP-1")
    assert lisbon.country.code == "PT" and lisbon.label == "gold" and lisbon.members_count == 120
    assert sorted(lisbon.ecosystems.values_list("slug", flat=True)) == ["digital", "health"]
    assert ClusterOrganisation.objects.get(registry_id="ECCP-2").country.code == "SE"
    assert RegisteredPerson.objects.get(email="eva@mfc.example").role == "manager"
    assert RegisteredPerson.objects.get(email="rui@ldc.example").verified is False


@pytest.mark.django_db
def test_broken_rows_import_nothing_and_every_error_is_listed_with_its_line():
    broken = GOOD + (
        "ECCP-3,Atlantis Cluster,Atlantis,,,digital,10,,,x@a.example,X,manager,yes\n"
        "ECCP-4,Bad Mail Cluster,DE,,,digital,ten,,,not-an-email,Y,boss,maybe\n"
        "ECCP-5,,DE,,,,,,,z@z.example,Z,manager,yes\n"
    )
    with pytest.raises(ImportFailed) as failed:
        import_registry(broken.encode(), "registry.csv")
    errors = failed.value.errors
    lines = {line for line, _ in errors}
    assert lines == {5, 6, 7}
    text = " ".join(message for _, message in errors)
    assert "Atlantis" in text and "members" in text and "email" in text and "boss" in text
    assert "maybe" in text and "organisation_name is empty" in text
    assert ClusterOrganisation.objects.count() == 0 and RegisteredPerson.objects.count() == 0


@pytest.mark.django_db
def test_reimport_updates_instead_of_duplicating():
    import_registry(GOOD.encode(), "registry.csv")
    changed = GOOD.replace("Lisbon Digital Cluster", "Lisbon Digital Health Cluster").replace(
        "Rui Costa,staff,no", "Rui Costa,manager,yes"
    )
    result = import_registry(changed.encode(), "registry.csv")
    assert (result.organisations_created, result.organisations_updated) == (0, 2)
    assert (result.people_created, result.people_updated) == (0, 3)
    assert ClusterOrganisation.objects.count() == 2 and RegisteredPerson.objects.count() == 3
    assert ClusterOrganisation.objects.get(registry_id="ECCP-1").name == "Lisbon Digital Health Cluster"
    assert RegisteredPerson.objects.get(email="rui@ldc.example").role == "manager"
    assert ClusterOrganisation.objects.get(registry_id="ECCP-1").ecosystems.count() == 2


@pytest.mark.django_db
def test_json_file_with_the_same_columns():
    rows = [
        {
            "organisation_id": "J-1",
            "organisation_name": "Json Cluster",
            "country": "XK",
            "email": "a@j.example",
            "name": "A",
            "role": "manager",
            "verified": True,
            "ecosystems": "tourism",
            "members": 30,
        },
    ]
    result = import_registry(json.dumps(rows).encode(), "registry.json")
    assert result.people_created == 1
    assert ClusterOrganisation.objects.get(registry_id="J-1").country.name == "Kosovo"


@pytest.mark.django_db
def test_same_organisation_with_two_countries_is_an_error():
    data = HEADER + ("ECCP-9,Twin,DE,,,,,,,a@t.example,A,manager,yes\nECCP-9,Twin,FR,,,,,,,b@t.example,B,staff,yes\n")
    with pytest.raises(ImportFailed) as failed:
        import_registry(data.encode(), "r.csv")
    assert failed.value.errors == [(3, "organisation ECCP-9 has another name or country than on line 2")]


@pytest.mark.django_db
def test_semicolon_delimited_latin1_file_from_a_spreadsheet():
    data = GOOD.replace(",", ";").replace("digital;health", "digital|health").encode("cp1252")
    result = import_registry(data, "export.csv")
    assert result.people_created == 3
    assert ClusterOrganisation.objects.get(registry_id="ECCP-2").name == "Malmö Food Cluster"


@pytest.mark.django_db
def test_missing_columns_are_named():
    with pytest.raises(ImportFailed) as failed:
        import_registry(b"organisation_id,name\nX,Y\n", "r.csv")
    assert "organisation_name" in failed.value.errors[0][1] and "email" in failed.value.errors[0][1]


@pytest.mark.django_db
def test_command_reports_each_bad_row_and_fails(tmp_path, capsys):
    path = tmp_path / "registry.csv"
    path.write_text(GOOD + "ECCP-3,X,ZZ,,,,,,,x@x.example,X,manager,yes\n")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("registry", "import", str(path))
    assert "registry.csv, line 5: country" in capsys.readouterr().err
    assert ClusterOrganisation.objects.count() == 0


@pytest.mark.django_db
def test_command_imports_a_good_file(tmp_path, capsys):
    path = tmp_path / "registry.csv"
    path.write_text(GOOD)
    call_command("registry", "import", str(path))
    assert "2 organisations created" in capsys.readouterr().out
