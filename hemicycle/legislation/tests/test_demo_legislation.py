import pytest
from django.core.management import call_command
from django.db.models import Count

from hemicycle.legislation.demo import SEATS, demo_bills_remove, generate_demo_legislation
from hemicycle.legislation.models import Amendment, Bill, BillStageChange, BillVersion, Sitting, Vote, VoteEvent
from hemicycle.legislation.procedure import check_move
from hemicycle.legislation.services import walk
from hemicycle.legislation.workflows import transition_pairs

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    return generate_demo_legislation(bills=30, seed=3)


def test_counts_and_labels(generated):
    assert generated["bills"] == 30
    bills = Bill.objects.filter(is_demo=True)
    assert bills.count() == 30
    for bill in bills:
        assert bill.title_en.endswith("(demo)") and bill.title_ru.endswith("(демо)") and bill.title_nl
        first = bill.versions.get(number=1)
        chapters = [node for node in first.body if node["type"] == "chapter"]
        assert 2 <= len(chapters) <= 4
        assert {"kk", "ru", "en"} <= set(first.languages)
        assert bill.stage_changes.count() >= 1
    assert BillVersion.objects.filter(bill__in=bills).count() == generated["versions"]
    assert Amendment.objects.filter(bill__in=bills).count() == generated["amendments"]
    assert VoteEvent.objects.filter(bill__in=bills).count() == generated["vote_events"]
    assert Vote.objects.filter(vote_event__bill__in=bills).count() == generated["votes"]
    assert Sitting.objects.filter(is_demo=True, kind="plenary").exists()


def test_documents_follow_the_story_of_each_bill(generated):
    for bill in Bill.objects.filter(is_demo=True).prefetch_related("documents", "stage_changes__stage"):
        kinds = [document.kind for document in bill.documents.all()]
        reached = {change.stage.code for change in bill.stage_changes.all()}
        assert kinds[0] == "explanatory_note", bill
        assert ("committee_report" in kinds) == ("committee_report" in reached), bill
        assert ("objections" in kinds) == ("returned" in reached), bill
        assert all(document.title_kk.endswith("(демо)") and document.summary_nl for document in
                   bill.documents.all())
        assert bill.title_kk[:1].isupper()


def test_every_vote_has_145_members_and_counts_match(generated):
    events = VoteEvent.objects.filter(is_demo=True).annotate(n=Count("votes"))
    assert events.exists()
    for event in events:
        assert event.n == SEATS
        tally = dict(event.votes.values_list("option").annotate(c=Count("pk")))
        assert (event.yes_count, event.no_count, event.abstain_count, event.absent_count) == (
            tally.get("yes", 0), tally.get("no", 0), tally.get("abstain", 0), tally.get("absent", 0))
        assert event.votes.filter(group__isnull=True).count() == 0


def test_amendments_are_decided_by_votes_and_adopted_ones_change_the_next_version(generated):
    decided = Amendment.objects.filter(is_demo=True).exclude(status="tabled").select_related("vote_event")
    assert decided.filter(status="adopted").exists()
    for amendment in decided:
        assert amendment.vote_event is not None and amendment.vote_event.amendment_id == amendment.pk
        assert (amendment.vote_event.result == "pass") == (amendment.status == "adopted")
    for amendment in decided.filter(status="adopted"):
        following = BillVersion.objects.get(bill=amendment.bill, number=amendment.version.number + 1)
        nodes = {node["eId"]: node for node in walk(following.body)}
        assert following.provenance.get(amendment.new_eid or amendment.target_eid) == amendment.public_id
        if amendment.action == "replace":
            assert nodes[amendment.target_eid]["text"]["en"] == amendment.wording["en"]
        elif amendment.action == "insert_after":
            assert nodes[amendment.new_eid]["text"]["kk"] == amendment.wording["kk"]
        else:
            assert amendment.target_eid not in nodes


def test_stage_histories_follow_the_workflow(generated):
    for bill in Bill.objects.filter(is_demo=True).select_related("bill_type__workflow", "stage"):
        pairs = transition_pairs(bill.bill_type.workflow)
        codes = list(BillStageChange.objects.filter(bill=bill).exclude(note_en__startswith="Transferred")
                     .order_by("entered_on", "pk").values_list("stage__code", flat=True))
        assert codes[0] == "registered" and codes[-1] == bill.stage.code
        for source, target in zip(codes, codes[1:], strict=False):
            check_move(pairs, source, target)


def test_same_seed_same_bills_and_a_second_run_adds_new_numbers():
    generate_demo_legislation(bills=3, seed=7)
    first = list(Bill.objects.filter(is_demo=True).order_by("number").values_list("number", "title_en"))
    demo_bills_remove()
    assert not Bill.objects.filter(is_demo=True).exists()
    generate_demo_legislation(bills=3, seed=7)
    assert list(Bill.objects.filter(is_demo=True).order_by("number").values_list("number", "title_en")) == first
    call_command("demo_legislation", "--bills", "2", "--seed", "7", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(Bill.objects.filter(is_demo=True).values_list("number", flat=True)) == [
        "D-1", "D-2", "D-3", "D-4", "D-5"]


def test_some_bills_began_in_the_mazhilis_and_passed_to_the_kurultai():
    from hemicycle.legislation.services import bill_transfers

    generate_demo_legislation(bills=30, seed=3)
    transferred = [bill for bill in Bill.objects.filter(is_demo=True) if bill_transfers(bill)]
    assert transferred
    for bill in transferred:
        change = bill_transfers(bill)[0]
        assert bill.introduced_on < change.entered_on
        assert change.note_en.startswith("Transferred from Mazhilis") and change.note_kk
        assert bill.chamber.name_en == "Kurultai" and change.chamber == bill.chamber
        assert bill.stage_changes.order_by("entered_on", "pk").first().chamber.name_en.startswith("Mazhilis")


def test_a_vote_budget_keeps_the_votes_near_it_and_the_other_bills_wait_in_committee():
    budget = 10 * SEATS
    made = generate_demo_legislation(bills=40, seed=3, votes=budget)
    recorded = Vote.objects.filter(vote_event__bill__is_demo=True).count()
    assert made["votes"] == recorded
    # At most one bill's votes over the budget (no bill here has more than a dozen roll-calls).
    assert 0 < recorded <= budget + 12 * SEATS
    assert recorded % SEATS == 0
    # Bills without a vote stopped before the plenary: none of them has passed a reading.
    without = Bill.objects.filter(is_demo=True, vote_events__isnull=True)
    assert without.count() > 20
    assert not without.filter(stage__code__in=["first_reading", "second_reading", "adopted", "signed"]).exists()


def test_the_command_takes_a_vote_budget():
    out = open("/dev/null", "w")  # noqa: SIM115
    call_command("demo_legislation", "--bills", "12", "--votes", "0", "--seed", "4", stdout=out)
    assert Bill.objects.filter(is_demo=True).count() == 12
    assert not Vote.objects.filter(vote_event__bill__is_demo=True).exists()
    # Bulk inserts send no signals; the command indexes the new bills and their texts itself.
    from hemicycle.search.models import SearchDocument

    bills = set(Bill.objects.filter(is_demo=True).values_list("pk", flat=True))
    assert set(SearchDocument.objects.filter(kind="bill").values_list("object_id", flat=True)) == bills
    assert set(SearchDocument.objects.filter(kind="text").values_list("object_id", flat=True)) == bills
