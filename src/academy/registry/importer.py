"""Import of the cluster registry from CSV or JSON: every row valid, or nothing written.

One row per registered person; the organisation's columns repeat on each of its people's rows.
A re-import updates organisations by their registry id and people by organisation and e-mail."""

import csv
import io
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from academy import imports
from academy.core.errors import Refused

from . import cells
from .models import ClusterOrganisation, Ecosystem, RegisteredPerson

COLUMNS = [
    "organisation_id",
    "organisation_name",
    "country",
    "region",
    "website",
    "ecosystems",
    "members",
    "label",
    "label_valid_until",
    "email",
    "name",
    "role",
    "verified",
]
REQUIRED = ["organisation_id", "organisation_name", "country", "email", "name", "role"]
ORGANISATION_FIELDS = ["name", "country", "region", "website", "members_count", "label", "label_valid_until"]


class ImportFailed(Refused):
    status = 422

    def __init__(self, errors):
        super().__init__(f"{len(errors)} problem(s); nothing was imported")
        self.errors = errors


@dataclass
class ImportResult:
    organisations_created: int = 0
    organisations_updated: int = 0
    people_created: int = 0
    people_updated: int = 0
    rows: int = 0
    read_as: str = ""


@dataclass
class _Row:
    line: int
    org: dict
    ecosystems: list
    person: dict
    errors: list = field(default_factory=list)


def read_records(data: bytes, filename: str):
    """Return ([(line number, {column: text})], how the file was read); raise ImportFailed when the file cannot be
    read at all. A CSV file may be UTF-8 (with or without BOM) or Windows-1252, comma, semicolon or tab separated."""
    if filename.lower().endswith(".json"):
        try:
            payload = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ImportFailed([(0, f"The file is not valid JSON: {exc}.")]) from exc
        except RecursionError:
            raise ImportFailed([(0, "The file is not a registry: its JSON is nested far too deep.")]) from None
        if isinstance(payload, dict):
            payload = payload.get("rows", payload.get("people"))
        if not isinstance(payload, list) or not all(isinstance(r, dict) for r in payload):
            raise ImportFailed([(0, "The JSON file must hold a list of objects, one per registered person.")])
        return [(i, {k: "" if v is None else str(v) for k, v in r.items()}) for i, r in enumerate(payload, 1)], "JSON"
    try:
        decoded = imports.decode(data)
        lines = decoded.text.splitlines()
        imports.check_line_lengths(lines)
    except imports.FileUnreadable as unreadable:
        raise ImportFailed([(0, str(unreadable))]) from None
    delimiter = imports.best_delimiter(lines[0], lambda cells: len({c.lower() for c in cells} & set(COLUMNS)))
    reader = csv.DictReader(io.StringIO(decoded.text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFailed(
            [
                (
                    1,
                    f"The header lacks the column(s) {', '.join(missing)}; expected columns: {', '.join(COLUMNS)} "
                    "(separated by commas, semicolons or tabs). The first line is: "
                    f"“{lines[0][:150]}”.",
                )
            ]
        )
    reader.fieldnames = header
    records, end = [], reader.line_num
    try:
        for record in reader:
            start, end = end + 1, reader.line_num
            if None in record:
                records.append((start, {"__broken__": "this row has more cells than the header has columns"}))
            elif end > start and any("\n" in v or "\r" in v for v in record.values() if v):
                broken = f"a quotation mark opened on this line closes only on line {end} (or never)"
                records.append((start, {"__broken__": broken + "; every cell of the registry is one line"}))
            else:
                records.append((start, {k: (v or "").strip() for k, v in record.items()}))
    except csv.Error as error:  # a quotation mark left open that swallows the rest of the file
        raise ImportFailed([(reader.line_num, f"this line cannot be read as CSV ({error}).")]) from None
    damaged = f"this line is not {decoded.encoding} text like the rest of the file (was the file cut off there?)"
    records += [(number, {"__broken__": damaged}) for number in decoded.damaged if number > 1]
    records.sort(key=lambda record: record[0])
    return records, imports.describe(decoded.encoding, delimiter)


def _problems(record):
    """What keeps the row from being read at all: a broken line, an empty required cell, a runaway id."""
    if "__broken__" in record:
        return [record["__broken__"]]
    problems = [f"{column} is empty" for column in REQUIRED if not record.get(column, "").strip()]
    if len(record.get("organisation_id", "").strip()) > 64:
        problems.append("organisation_id is longer than 64 characters")
    return problems


def _converter(row, record):
    """check(column, convert): the converted cell, or None with the reason added to the row's errors."""

    def check(column, convert):
        try:
            return convert(record.get(column, "").strip())
        except (ValueError, ValidationError) as exc:
            message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
            row.errors.append(f"{column}: {message}")

    return check


def _clean(line, record, ecosystems_by_key):
    row = _Row(line=line, org={}, ecosystems=[], person={}, errors=_problems(record))
    if row.errors:
        return row
    check = _converter(row, record)
    row.org = {
        "registry_id": record["organisation_id"].strip(),
        "name": record["organisation_name"].strip()[:300],
        "country": check("country", cells.country),
        "region": record.get("region", "").strip()[:200],
        "website": check("website", cells.website),
        "members_count": check("members", cells.members),
        "label": check("label", cells.label),
        "label_valid_until": check("label_valid_until", cells.date),
    }
    row.ecosystems = check("ecosystems", lambda v: cells.ecosystems(v, ecosystems_by_key)) or []
    row.person = {
        "email": check("email", cells.email),
        "name": record["name"].strip()[:200],
        "role": check("role", cells.role),
        "verified": check("verified", cells.verified),
    }
    return row


def validate(records):
    ecosystems_by_key = {}
    for eco in Ecosystem.objects.all():
        ecosystems_by_key[eco.slug.lower()] = eco
        ecosystems_by_key[eco.name.lower()] = eco
    rows, errors, first_seen, people_seen = [], [], {}, {}
    for line, record in records:
        row = _clean(line, record, ecosystems_by_key)
        if not row.errors:
            org_id = row.org["registry_id"]
            earlier = first_seen.setdefault(org_id, row)
            if earlier is not row and (earlier.org["name"], earlier.org["country"]) != (
                row.org["name"],
                row.org["country"],
            ):
                row.errors.append(f"organisation {org_id} has another name or country than on line {earlier.line}")
            key = (org_id, row.person["email"])
            if key in people_seen:
                row.errors.append(f"{row.person['email']} is listed for {org_id} already on line {people_seen[key]}")
            people_seen.setdefault(key, line)
        errors += [(line, message) for message in row.errors]
        rows.append(row)
    if not records:
        errors.append((0, "The file has no rows."))
    return rows, errors


def import_registry(data: bytes, filename: str) -> ImportResult:
    records, read_as = read_records(data, filename)
    rows, errors = validate(records)
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        result = _write(rows)
    result.read_as = read_as
    return result


def _write(rows):
    result = ImportResult(rows=len(rows))
    organisations = {}
    for row in rows:
        organisations.setdefault(row.org["registry_id"], row)
    existing = ClusterOrganisation.objects.in_bulk(list(organisations), field_name="registry_id")
    new, changed = [], []
    for registry_id, row in organisations.items():
        org = existing.get(registry_id)
        if org is None:
            new.append(ClusterOrganisation(**row.org))
        else:
            for name in ORGANISATION_FIELDS:
                setattr(org, name, row.org[name])
            changed.append(org)
    ClusterOrganisation.objects.bulk_create(new, batch_size=500)
    ClusterOrganisation.objects.bulk_update(changed, ORGANISATION_FIELDS, batch_size=500)
    result.organisations_created, result.organisations_updated = len(new), len(changed)
    by_id = ClusterOrganisation.objects.in_bulk(list(organisations), field_name="registry_id")

    through = ClusterOrganisation.ecosystems.through
    through.objects.filter(clusterorganisation__in=by_id.values()).delete()
    through.objects.bulk_create(
        [
            through(clusterorganisation=by_id[registry_id], ecosystem=eco)
            for registry_id, row in organisations.items()
            for eco in {e.pk: e for e in row.ecosystems}.values()
        ],
        batch_size=1000,
    )

    people = {(p.organisation_id, p.email): p for p in RegisteredPerson.objects.filter(organisation__in=by_id.values())}
    new_people, changed_people = [], []
    for row in rows:
        org = by_id[row.org["registry_id"]]
        person = people.get((org.pk, row.person["email"]))
        if person is None:
            new_people.append(RegisteredPerson(organisation=org, **row.person))
        else:
            for name, value in row.person.items():
                setattr(person, name, value)
            changed_people.append(person)
    RegisteredPerson.objects.bulk_create(new_people, batch_size=500)
    RegisteredPerson.objects.bulk_update(changed_people, ["name", "role", "verified"], batch_size=500)
    result.people_created, result.people_updated = len(new_people), len(changed_people)
    return result
