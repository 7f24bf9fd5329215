"""Stable public identifiers, in the style of Open Civic Data (``ocd-person/<uuid>``).

An imported record's identifier is derived from where it came from (a name-based UUID of the source scheme and
the source's own id), so that the same source record gets the same public id on every import, on every machine.
A record created by hand gets a random UUID.
"""

import uuid

# Namespace for Hemicycle's name-based UUIDs; never change it, or every derived identifier moves.
HEMICYCLE_NAMESPACE = uuid.UUID("6f1c1f0e-8d4c-5b7a-9a43-3c1b2f0a7e11")


def new_public_id(kind: str) -> str:
    """A fresh public identifier for a record made here, e.g. ``ocd-person/3f0c…``."""
    return f"ocd-{kind}/{uuid.uuid4()}"


def new_calendar_uid(host: str) -> str:
    """A new iCalendar UID (RFC 5545 3.8.4.7): random, qualified by the host name of the instance that made it."""
    return f"{uuid.uuid4()}@{host}"


def derived_public_id(kind: str, *, scheme: str, source_id: str) -> str:
    """The public identifier of a record imported from ``scheme``, the same on every import."""
    return f"ocd-{kind}/{uuid.uuid5(HEMICYCLE_NAMESPACE, f'{kind}|{scheme}|{source_id}')}"
