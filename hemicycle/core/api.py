"""What every router of the open API shares: the error body, public-id helpers, and lazy pages of rows."""

from collections.abc import Callable
from typing import Any

from ninja import Schema


class Message(Schema):
    message: str


class FieldError(Schema):
    field: str
    message: str


class InvalidInput(Schema):
    """A 422 answer: the message, and each wrong field with its reason."""

    message: str
    errors: list[FieldError]


def public_id_of(obj) -> str | None:
    """The public id of a related record, or None."""
    return obj.public_id if obj is not None else None


def as_public_id(kind: str, value: str) -> str:
    """A filter value as a public id: ``ocd-<kind>/<uuid>`` given whole or as the bare uuid."""
    value = (value or "").strip()
    return value if value.startswith("ocd-") else f"ocd-{kind}/{value}"


class MappedQuerySet:
    """A queryset whose rows become output only for the page asked for: ninja's pagination slices it and counts
    it in the database. ``row`` maps one record; ``rows`` maps a whole page at once (a fixed number of queries)."""

    def __init__(self, queryset, row: Callable[[Any], dict] | None = None, *,
                 rows: Callable[[list], list[dict]] | None = None):
        self.queryset = queryset
        self.rows = rows or (lambda objects: [row(obj) for obj in objects])

    def all(self):
        return self.queryset.all()

    def __len__(self):
        return self.queryset.count()

    def __getitem__(self, index: slice):
        # Past any real table size, and below the 64-bit integers SQLite and PostgreSQL take in LIMIT/OFFSET.
        start, stop = (min(bound, 2**31) if bound is not None else None for bound in (index.start, index.stop))
        return self.rows(list(self.queryset[start:stop]))
