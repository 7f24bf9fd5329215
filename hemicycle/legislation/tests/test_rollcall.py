"""Roll-call import from CSV: a good file, and a bad one that names its line and column and writes nothing."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from hemicycle.legislation.models import Vote, VoteEvent
from hemicycle.legislation.rollcall import RollcallError, normalize_option, rollcall_import
from hemicycle.legislation.tests.factories_votes import make_world

START = datetime.datetime(2026, 9, 16, 6, tzinfo=datetime.UTC)


@pytest.fixture
def world(db):
    return make_world()


@pytest.mark.parametrize(("spelling", "option"), [
    ("иә", "yes"), ("Жоқ", "no"), ("қалыс", "abstain"), ("за", "yes"), ("Против", "no"),
    ("воздержался", "abstain"), ("отсутствовал", "absent"), ("не голосовал", "not voting"), ("Aye", "yes"),
    ("not_voting", "not voting"), ("ABSENT", "absent"), ("Воздержалась.", "abstain"),
])
def test_common_spellings(spelling, option):
    assert normalize_option(spelling) == option


def test_good_import(world):
    m = world.members
    csv_text = ("person_id,name,option\n"
                f"{m[0].public_id},,иә\n"
                f"{m[1].public_uuid},,против\n"
                "K-003,,yes\n"
                ",Депутат 4,қалыс\n"
                ",member 5,за\n"
                ",Member 6,отсутствовал\n")
    event = rollcall_import(organization=world.chamber, motion="Adopt at first reading", start=START,
                            csv_text=csv_text, by=None, bill=world.bill, sitting=world.plenary)
    assert (event.yes_count, event.no_count, event.abstain_count, event.absent_count) == (3, 1, 1, 1)
    assert event.result == "pass"
    assert event.votes.filter(group=world.groups[0]).count() == 3


def test_semicolon_file_with_russian_headers(world):
    csv_text = "ФИО;голос\nMember 1;за\nMember 2;против\nMember 3;против\n"
    event = rollcall_import(organization=world.chamber, motion="x", start=START, csv_text=csv_text, by=None)
    assert event.result == "fail"
    assert event.no_count == 2


def test_unknown_member_names_the_line_and_writes_nothing(world):
    csv_text = ("person_id,option\n"
                f"{world.members[0].public_id},yes\n"
                "ocd-person/00000000-0000-4000-8000-000000000000,no\n"
                f"{world.members[1].public_id},perhaps\n"
                f"{world.members[0].public_id},no\n")
    with pytest.raises(RollcallError) as caught:
        rollcall_import(organization=world.chamber, motion="x", start=START, csv_text=csv_text, by=None)
    problems = [(p.line, p.column) for p in caught.value.problems]
    assert problems == [(3, "person_id"), (4, "option"), (5, "person_id")]
    assert "line 3" in str(caught.value) and "unknown member" in str(caught.value)
    assert "already listed on line 2" in str(caught.value)
    assert not VoteEvent.objects.exists()
    assert not Vote.objects.exists()


def test_missing_columns(world):
    with pytest.raises(RollcallError, match="option"):
        rollcall_import(organization=world.chamber, motion="x", start=START, csv_text="person_id\nK-001\n", by=None)


def test_command(world, tmp_path, capsys):
    path = tmp_path / "rollcall.csv"
    path.write_text("person_id,option\nK-001,yes\nK-002,no\nK-003,yes\n", encoding="utf-8")
    call_command("import_rollcall", str(path), "--bill", world.bill.number, "--motion", "Adopt",
                 "--date", "2026-09-16T11:00", "--stage", "first-reading")
    event = VoteEvent.objects.get()
    assert event.bill == world.bill and event.organization == world.chamber and event.stage == world.stage
    assert event.start == datetime.datetime(2026, 9, 16, 6, tzinfo=datetime.UTC)
    assert "ocd-vote-event/" in capsys.readouterr().out

    path.write_text("person_id,option\nK-001,yes\nK-999,no\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"line 3, column “person_id”: unknown member “K-999”"):
        call_command("import_rollcall", str(path), "--bill", world.bill.number, "--motion", "Again",
                     "--date", "2026-09-17")
    assert VoteEvent.objects.count() == 1
