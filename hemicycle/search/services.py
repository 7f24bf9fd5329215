"""Writes to the search index: index these records, rebuild it all. Called by the signals on every save, by the
demo loaders after bulk writes and by ``hemicycle rebuild-search-index``."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from hemicycle.search import backends
from hemicycle.search.indexers import INDEXERS, KINDS_OF_MODEL
from hemicycle.search.models import SearchDocument

BATCH = 500


@transaction.atomic
def index_records(*, kind: str, pks: Iterable[int]) -> tuple[int, int]:
    """Bring the documents of these records of one kind up to date. Returns (changed, removed).

    A document whose words and filters did not change keeps its ``changed_at``: followers of a search are told
    only of what really changed.
    """
    indexer = INDEXERS[kind]
    pks = list(pks)
    existing = {doc.object_id: doc for doc in SearchDocument.objects.filter(kind=kind, object_id__in=pks)}
    now = timezone.now()
    changed, remove = [], []
    built = dict(indexer.build(indexer.queryset(pks)))
    for pk in pks:
        spec = built.get(pk)
        document = existing.get(pk)
        if spec is None:
            if document is not None:
                remove.append(document.pk)
            continue
        digest = spec.digest
        if document is not None and document.digest == digest:
            continue
        document = document or SearchDocument(kind=kind, object_id=pk)
        document.url_name, document.url_args, document.texts = spec.url_name, spec.url_args, spec.texts
        document.stage, document.committee_id, document.date = spec.stage, spec.committee_id, spec.date
        document.public_from, document.digest, document.changed_at = spec.public_from, digest, now
        changed.append(document)
    new = [doc for doc in changed if doc.pk is None]
    SearchDocument.objects.bulk_update(
        [doc for doc in changed if doc.pk is not None],
        ["url_name", "url_args", "texts", "stage", "committee", "date", "public_from", "digest", "changed_at"],
        batch_size=BATCH)
    SearchDocument.objects.bulk_create(new, batch_size=BATCH)
    if any(doc.pk is None for doc in new):  # SQLite before 3.35 gives no ids back; ask for them
        ids = dict(SearchDocument.objects.filter(kind=kind, object_id__in=[d.object_id for d in new])
                   .values_list("object_id", "pk"))
        for doc in new:
            doc.pk = ids[doc.object_id]
    backends.index(changed)
    backends.remove(remove)
    SearchDocument.objects.filter(pk__in=remove).delete()
    return len(changed), len(remove)


def index_instance(instance) -> None:
    """Index one saved record under every kind its model feeds (a bill feeds "bill" and "text")."""
    for kind in KINDS_OF_MODEL.get(type(instance), ()):
        index_records(kind=kind, pks=[instance.pk])


def index_forget(instance) -> None:
    """Remove a deleted record's documents."""
    for kind in KINDS_OF_MODEL.get(type(instance), ()):
        ids = list(SearchDocument.objects.filter(kind=kind, object_id=instance.pk).values_list("pk", flat=True))
        backends.remove(ids)
        SearchDocument.objects.filter(pk__in=ids).delete()


def index_rebuild(*, kinds: Iterable[str] | None = None, progress=None) -> dict[str, tuple[int, int]]:
    """Index every record of these kinds (all by default) in batches, and drop documents of vanished records.

    ``progress(kind, done, total)`` is called after each batch. Returns ``{kind: (changed, removed)}``.
    """
    summary = {}
    for kind in kinds or INDEXERS:
        indexer = INDEXERS[kind]
        all_pks = list(indexer.model.objects.order_by("pk").values_list("pk", flat=True))
        changed = removed = 0
        for start in range(0, len(all_pks), BATCH):
            batch_changed, batch_removed = index_records(kind=kind, pks=all_pks[start:start + BATCH])
            changed, removed = changed + batch_changed, removed + batch_removed
            if progress:
                progress(kind, min(start + BATCH, len(all_pks)), len(all_pks))
        with transaction.atomic():
            vanished = list(SearchDocument.objects.filter(kind=kind)
                            .exclude(object_id__in=indexer.model.objects.values("pk")).values_list("pk", flat=True))
            backends.remove(vanished)
            SearchDocument.objects.filter(pk__in=vanished).delete()
        summary[kind] = (changed, removed + len(vanished))
    if backends.is_postgresql():
        backends.pg_analyze()
    return summary
