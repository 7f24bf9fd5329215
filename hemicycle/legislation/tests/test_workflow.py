import pytest

from hemicycle.legislation.data import workflows as data
from hemicycle.legislation.models import BillType, Stage, Workflow
from hemicycle.legislation.procedure import TransitionRefused, check_move, find_path, next_stages
from hemicycle.legislation.workflows import LANGS, STAGE_TEXTS, ensure_default_workflows, transition_pairs

pytestmark = pytest.mark.django_db


def test_defaults_are_created_once():
    ensure_default_workflows()
    counts = (Workflow.objects.count(), Stage.objects.count(), BillType.objects.count())
    assert ensure_default_workflows() == {"workflows": 0, "stages": 0, "transitions": 0, "bill_types": 0}
    assert (Workflow.objects.count(), Stage.objects.count(), BillType.objects.count()) == counts
    assert set(BillType.objects.values_list("code", flat=True)) == {
        "ordinary-law", "constitutional-law", "ratification", "budget"}


def test_a_clerks_change_survives_another_run():
    ensure_default_workflows()
    stage = Stage.objects.get(workflow__code="single-chamber", code="committee")
    stage.explanation_en = "Changed by a clerk."
    stage.save()
    ensure_default_workflows()
    stage.refresh_from_db()
    assert stage.explanation_en == "Changed by a clerk."


def test_every_stage_speaks_six_languages():
    ensure_default_workflows()
    for stage in Stage.objects.all():
        for field in STAGE_TEXTS:
            for lang in LANGS:
                assert getattr(stage, f"{field}_{lang}"), (stage.workflow.code, stage.code, field, lang)
        if not stage.is_final:
            assert stage.typical_days


def test_data_texts_are_complete():
    for code, spec in data.STAGES.items():
        for field in STAGE_TEXTS:
            assert set(spec[field]) == set(LANGS), (code, field)


@pytest.mark.parametrize("code", ["ordinary-law", "constitutional-law", "ratification", "budget"])
def test_each_bill_type_can_reach_in_force(code):
    ensure_default_workflows()
    workflow = BillType.objects.get(code=code).workflow
    initial = workflow.stages.get(is_initial=True).code
    path = find_path(transition_pairs(workflow), initial, "in_force")
    assert path and path[0] == "registered" and path[-1] == "in_force"
    assert "second_reading" in path


def test_ratification_has_no_amendments_and_constitutional_needs_two_thirds():
    ensure_default_workflows()
    assert not Stage.objects.filter(workflow__code="single-chamber-ratification", code="amendments").exists()
    second = Stage.objects.get(workflow__code="single-chamber-constitutional", code="second_reading")
    assert "two thirds" in second.explanation_en
    budget = Stage.objects.get(workflow__code="single-chamber-budget", code="committee")
    assert budget.typical_days == 30


def test_the_returned_path_goes_through_reconsideration():
    pairs = data.TRANSITIONS
    assert find_path(pairs, "returned", "in_force") == [
        "returned", "reconsidered", "adopted", "sent_to_head_of_state", "signed", "published", "in_force"]


def test_a_legal_move_passes_and_an_illegal_one_gives_a_reason():
    check_move(data.TRANSITIONS, "registered", "committee")
    with pytest.raises(TransitionRefused) as refused:
        check_move(data.TRANSITIONS, "registered", "second_reading",
                   {"registered": "registered", "second_reading": "second reading",
                    "committee": "referred to committee", "withdrawn": "withdrawn"})
    assert str(refused.value) == ("a bill that is registered cannot go to second reading; "
                                  "next possible: referred to committee, withdrawn")
    assert refused.value.allowed == ["committee", "withdrawn"]


def test_a_final_stage_goes_nowhere():
    assert next_stages(data.TRANSITIONS, "in_force") == []
    with pytest.raises(TransitionRefused, match="final stage"):
        check_move(data.TRANSITIONS, "rejected", "adopted")
