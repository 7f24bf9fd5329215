"""Create the default workflows and bill types from ``legislation/data/workflows.py``; read a workflow's graph.

``ensure_default_workflows`` runs after every ``migrate``. It creates what is missing and never overwrites what is
there, so that a clerk's changes in the back office survive (to go back to the defaults, delete the workflow and
migrate again).
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction

from hemicycle.core.translations import translated_fields
from hemicycle.legislation.data import workflows as data
from hemicycle.legislation.models import BillType, Stage, Transition, Workflow

LANGS = tuple(settings.MODELTRANSLATION_LANGUAGES)
STAGE_TEXTS = ("name", "explanation", "next_steps", "typical_duration", "participation")


def _stage_fields(code: str, spec: dict, wf: dict, order: int) -> dict:
    fields: dict = {"order": order, "is_initial": spec.get("initial", False), "is_final": spec.get("final", False),
                    "outcome": spec.get("outcome", ""), "typical_days": spec.get("typical_days")}
    texts = {name: dict(spec[name]) for name in STAGE_TEXTS}
    if code in wf.get("days", {}):
        days = wf["days"][code]
        fields["typical_days"] = days
        texts["typical_duration"] = data._days(days)
    for name, extra in wf.get("append", {}).get(code, {}).items():
        texts[name] = {lang: texts[name][lang] + extra[lang] for lang in LANGS}
    for name in STAGE_TEXTS:
        fields.update(translated_fields(name, texts[name]))
    return fields


def ensure_default_workflows(using: str = DEFAULT_DB_ALIAS) -> dict:
    """Create the default workflows, their stages and transitions, and the four bill types. Idempotent."""
    with transaction.atomic(using=using):
        return _ensure_default_workflows(using)


def _ensure_default_workflows(using: str) -> dict:
    created = {"workflows": 0, "stages": 0, "transitions": 0, "bill_types": 0}
    workflows = {}
    for wf_code, wf in data.WORKFLOWS.items():
        workflow, new = Workflow.objects.using(using).get_or_create(
            code=wf_code, defaults={**translated_fields("name", wf["name"]),
                                    **translated_fields("description", wf["description"])})
        workflows[wf_code] = workflow
        created["workflows"] += new
        if not new:
            continue  # a workflow that exists belongs to the clerks now
        stages = {}
        codes = [code for code in data.STAGES if code not in wf.get("without", ())]
        for order, code in enumerate(codes, start=1):
            stages[code] = Stage.objects.using(using).create(
                workflow=workflow, code=code, **_stage_fields(code, data.STAGES[code], wf, order * 10))
            created["stages"] += 1
        for source, target in [*data.TRANSITIONS, *wf.get("extra", [])]:
            if source in stages and target in stages:
                Transition.objects.using(using).create(workflow=workflow, source=stages[source],
                                                       target=stages[target])
                created["transitions"] += 1
    for bt_code, spec in data.BILL_TYPES.items():
        _bt, new = BillType.objects.using(using).get_or_create(
            code=bt_code, defaults={**translated_fields("name", spec["name"]), "workflow": workflows[spec["workflow"]]})
        created["bill_types"] += new
    return created


def transition_pairs(workflow: Workflow) -> list[tuple[str, str]]:
    """The workflow's allowed moves as ``(source code, target code)`` pairs, for ``procedure``."""
    return list(Transition.objects.filter(workflow=workflow).order_by("source__order", "target__order")
                .values_list("source__code", "target__code"))


def stage_names(workflow: Workflow) -> dict[str, str]:
    """Stage code → name in the active language."""
    return {stage.code: str(stage.name) for stage in workflow.stages.all()}
