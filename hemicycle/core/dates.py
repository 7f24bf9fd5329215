"""Partial dates as Popolo writes them: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PARTIAL_DATE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")


def validate_partial_date(value: str) -> None:
    """Refuse anything but YYYY, YYYY-MM or YYYY-MM-DD naming a real day."""
    if not value:
        return
    if not PARTIAL_DATE.match(value):
        raise ValidationError(_("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."), code="partial_date")
    if len(value) == 10:
        try:
            datetime.date.fromisoformat(value)
        except ValueError as exc:
            raise ValidationError(_("This day does not exist."), code="partial_date") from exc


def is_current(start: str, end: str, on: datetime.date | None = None) -> bool:
    """Whether a period from ``start`` to ``end`` (partial dates, either may be empty) covers ``on``.

    A partial end date covers its whole year or month: a term ending "2019" is current until 31 December 2019.
    """
    day = (on or datetime.date.today()).isoformat()
    if start and start[: len(day)] > day[: len(start)]:
        return False
    if end and end < day[: len(end)]:
        return False
    return True
