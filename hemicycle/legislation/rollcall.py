"""Importing a roll-call vote from CSV, as a parliament's voting system or a clerk's spreadsheet gives it.

One row per member. The member is named in a ``person_id`` column (our public id, its bare uuid, or any of the
person's identifiers, e.g. a source system's id) or, failing that, a ``name`` column (the name in any language or
any of the person's other names, when it names exactly one person). The ``option`` column takes yes / no / abstain /
absent / not voting, in the common spellings of Kazakh, Russian and English (and French, Dutch and German): иә,
жоқ, қалыс; за, против, воздержался; aye, nay… Everything is checked before anything is written: on any error the
import raises ``RollcallError`` listing every bad line (line number, column, reason), and the database is
unchanged.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from hemicycle.legislation.models import Vote, VoteEvent
from hemicycle.legislation.votes import vote_event_record
from hemicycle.people.models import Identifier, OtherName, Person

Option = Vote.Option

_SPELLINGS = {
    Option.YES: ["yes", "y", "aye", "yea", "for", "in favour", "in favor", "+", "1",
                 "иә", "ия", "иа", "жақтаймын", "қолдаймын", "за", "да", "pour", "oui", "voor", "ja", "dafür"],
    Option.NO: ["no", "n", "nay", "against", "-", "0",
                "жоқ", "қарсы", "против", "нет", "contre", "non", "tegen", "nee", "dagegen", "nein"],
    Option.ABSTAIN: ["abstain", "abstained", "abstention", "abs", "a",
                     "қалыс", "қалыс қалды", "қалыс қалдым", "воздержался", "воздержалась", "воздержались",
                     "воздержание", "воздерж", "onthouding", "onthouden", "enthaltung", "enthalten"],
    Option.ABSENT: ["absent", "away", "excused",
                    "келмеді", "жоқ болды", "отсутствовал", "отсутствовала", "отсутствует", "отсутствие",
                    "afwezig", "abwesend", "excusé"],
    Option.NOT_VOTING: ["not voting", "did not vote", "nv", "no vote", "present not voting",
                        "дауыс бермеді", "қатыспады", "дауысқа қатыспады", "не голосовал", "не голосовала",
                        "не голосовали", "не участвовал", "не участвовала", "ne vote pas", "n'a pas voté",
                        "niet gestemd", "nicht abgestimmt"],
}
OPTION_SPELLINGS: dict[str, str] = {spelling: str(option) for option, words in _SPELLINGS.items() for spelling in words}

PERSON_COLUMNS = ("person_id", "person", "id", "identifier", "member_id")
NAME_COLUMNS = ("name", "member", "deputy", "депутат", "фио", "аты-жөні")
OPTION_COLUMNS = ("option", "vote", "голос", "дауыс")


def normalize_option(value: str) -> str | None:
    """The ``Vote.Option`` value for a spelling, or None when it is not one we know."""
    key = re.sub(r"\s+", " ", (value or "").strip().lower().replace("_", " ").rstrip(".!"))
    if key in OPTION_SPELLINGS:
        return OPTION_SPELLINGS[key]
    key = key.replace("ё", "е")
    return OPTION_SPELLINGS.get(key)


def _name_key(value: str) -> str:
    return re.sub(r"\s+", " ", (value or "").strip().casefold())


@dataclass(frozen=True)
class RollcallProblem:
    line: int
    column: str
    message: str

    def __str__(self):
        return f"line {self.line}, column “{self.column}”: {self.message}"


class RollcallError(ValueError):
    """The CSV cannot be imported; ``problems`` lists each bad line, and nothing was written."""

    def __init__(self, problems: list[RollcallProblem]):
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


def _column(header: list[str], names: tuple[str, ...]) -> str | None:
    lowered = {name.strip().lower(): name for name in header}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


class _People:
    """Finds the people a roll-call names, with a few queries for the whole file."""

    def __init__(self, ids: set[str], names: set[str]):
        self.by_id: dict[str, Person] = {}
        self.by_name: dict[str, list[Person]] = {}
        if ids:
            public = {value if value.startswith("ocd-person/") else f"ocd-person/{value}" for value in ids}
            for person in Person.objects.filter(public_id__in=public):
                self.by_id[person.public_id] = person
                self.by_id[person.public_uuid] = person
            person_type = ContentType.objects.get_for_model(Person)
            rows = Identifier.objects.filter(content_type=person_type, identifier__in=ids).values_list(
                "identifier", "object_id")
            found = dict(rows)
            people = Person.objects.in_bulk(set(found.values()))
            for identifier, object_id in found.items():
                if identifier not in self.by_id and object_id in people:
                    self.by_id[identifier] = people[object_id]
        if names:
            # Names are compared case-insensitively over every language column and other names; a few thousand
            # members at most, so reading them all is cheaper than one query per row.
            columns = ["name"] + [f"name_{code}" for code in settings.MODELTRANSLATION_LANGUAGES]
            index: dict[str, dict[int, Person]] = {}
            people = {person.pk: person for person in Person.objects.only("pk", "public_id", *columns)}
            for person in people.values():
                for column in columns:
                    value = getattr(person, column, "")
                    if value:
                        index.setdefault(_name_key(value), {})[person.pk] = person
            person_type = ContentType.objects.get_for_model(Person)
            for name, object_id in OtherName.objects.filter(content_type=person_type).values_list("name",
                                                                                                 "object_id"):
                if object_id in people:
                    index.setdefault(_name_key(name), {})[object_id] = people[object_id]
            self.by_name = {key: list(found.values()) for key, found in index.items() if key in names}


def parse_rollcall(csv_text: str) -> list[tuple[Person, str]]:
    """The ``(person, option)`` rows of a roll-call CSV, or ``RollcallError`` naming every bad line and column."""
    text = csv_text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = reader.fieldnames or []
    id_column = _column(header, PERSON_COLUMNS)
    name_column = _column(header, NAME_COLUMNS)
    option_column = _column(header, OPTION_COLUMNS)
    problems: list[RollcallProblem] = []
    if not (id_column or name_column):
        problems.append(RollcallProblem(1, "person_id", "the header needs a “person_id” or a “name” column"))
    if not option_column:
        problems.append(RollcallProblem(1, "option", "the header needs an “option” column"))
    if problems:
        raise RollcallError(problems)

    raw = []
    for row in reader:
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        ident = (row.get(id_column) or "").strip() if id_column else ""
        name = (row.get(name_column) or "").strip() if name_column else ""
        raw.append((reader.line_num, ident, name, (row.get(option_column) or "").strip()))
    if not raw:
        raise RollcallError([RollcallProblem(2, option_column, "the file has no votes")])

    people = _People({ident for _line, ident, _name, _option in raw if ident},
                     {_name_key(name) for _line, ident, name, _option in raw if name and not ident})
    out: list[tuple[Person, str]] = []
    seen: dict[int, int] = {}
    for line, ident, name, spelling in raw:
        person = None
        if ident:
            person = people.by_id.get(ident)
            if person is None:
                problems.append(RollcallProblem(line, id_column, f"unknown member “{ident}”"))
        elif name:
            matches = people.by_name.get(_name_key(name), [])
            if not matches:
                problems.append(RollcallProblem(line, name_column, f"unknown member “{name}”"))
            elif len(matches) > 1:
                problems.append(RollcallProblem(line, name_column,
                                                f"“{name}” names {len(matches)} people; use person_id"))
            else:
                person = matches[0]
        else:
            problems.append(RollcallProblem(line, id_column or name_column, "no member named"))
        option = normalize_option(spelling)
        if option is None:
            problems.append(RollcallProblem(line, option_column, f"unknown vote option “{spelling}”"))
        if person is not None:
            if person.pk in seen:
                problems.append(RollcallProblem(line, id_column if ident else name_column,
                                                f"{person.name} is already listed on line {seen[person.pk]}"))
            else:
                seen[person.pk] = line
        if person is not None and option is not None:
            out.append((person, option))
    if problems:
        raise RollcallError(problems)
    return out


def rollcall_import(*, organization, motion: str | dict[str, str], start: datetime.datetime, csv_text: str, by,
                    bill=None, amendment=None, stage=None, sitting=None, result: str | None = None) -> VoteEvent:
    """Record a roll-call vote from CSV (see the module text for the columns).

    Checks the whole file first; raises ``RollcallError`` (nothing written) naming each bad line and column, and
    ``PermissionDenied`` when ``by`` may not record votes (``None``: a command). Counts and each member's group on
    the vote date come from ``vote_event_record``.
    """
    rows = parse_rollcall(csv_text)
    return vote_event_record(organization=organization, motion=motion, start=start, votes=rows, bill=bill,
                             amendment=amendment, stage=stage, sitting=sitting, result=result, by=by)


__all__ = ["OPTION_SPELLINGS", "RollcallError", "RollcallProblem", "normalize_option", "parse_rollcall",
           "rollcall_import"]
