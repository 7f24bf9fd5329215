"""Keep the index current: every save or delete of a searchable record re-indexes it in the same transaction.

Related records that change what a document says re-index their owner: a new version re-indexes its bill's text,
another name its person or body, a programme or partnership (published or not) its activities and press releases.
Bulk writes (``bulk_create``) send no signals; the demo loaders call ``index_rebuild`` after them.
"""

from django.db.models.signals import post_delete, post_save

from hemicycle.cooperation.models import Activity, Partnership, PressRelease, Programme
from hemicycle.legislation.models import Bill, BillVersion
from hemicycle.people.models import Organization, OtherName, Person
from hemicycle.search import services


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        services.index_instance(instance)


def _deleted(sender, instance, **kwargs):
    services.index_forget(instance)


def _version_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        services.index_records(kind="text", pks=[instance.bill_id])


def _other_name_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    owner_model = instance.content_type.model_class()
    if owner_model in (Person, Organization):
        kind = "person" if owner_model is Person else "body"
        services.index_records(kind=kind, pks=[instance.object_id])


def _programme_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    activities = Activity.objects.filter(programme=instance) if isinstance(instance, Programme) else \
        Activity.objects.filter(programme__partnership=instance)
    services.index_records(kind="activity", pks=activities.values_list("pk", flat=True))
    if isinstance(instance, Partnership):
        services.index_records(kind="press", pks=instance.press_releases.values_list("pk", flat=True))


def connect() -> None:
    for model in (Bill, Person, Organization, Activity, PressRelease):
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-index-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-forget-{model.__name__}")
    post_save.connect(_version_saved, sender=BillVersion, dispatch_uid="search-index-version")
    post_delete.connect(_version_saved, sender=BillVersion, dispatch_uid="search-forget-version")
    post_save.connect(_other_name_changed, sender=OtherName, dispatch_uid="search-index-other-name")
    post_delete.connect(_other_name_changed, sender=OtherName, dispatch_uid="search-forget-other-name")
    for model in (Programme, Partnership):
        post_save.connect(_programme_saved, sender=model, dispatch_uid=f"search-index-{model.__name__}")
