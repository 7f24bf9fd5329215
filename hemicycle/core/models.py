"""What every public record shares: a stable public identifier and when it last changed."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hemicycle.core.dates import validate_partial_date
from hemicycle.core.ids import new_public_id


class PartialDateField(models.CharField):
    """A Popolo date: YYYY, YYYY-MM or YYYY-MM-DD; sorts correctly as text."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("validators", [validate_partial_date])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key, value in (("max_length", 10), ("blank", True), ("default", "")):
            if kwargs.get(key) == value:
                del kwargs[key]
        kwargs.pop("validators", None)
        return name, path, args, kwargs


class PublicRecord(models.Model):
    """A record the public can read: it has an OCD-style public id and shows when it last changed."""

    #: The OCD type name of the record, e.g. ``person``; subclasses set it.
    public_kind = "record"

    public_id = models.CharField(_("public identifier"), max_length=80, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Invented for the demonstration; not a real record.")
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.public_id:
            self.public_id = new_public_id(self.public_kind)
        super().save(*args, **kwargs)

    @property
    def public_uuid(self) -> str:
        """The part of the public id after the slash, used in page addresses."""
        return self.public_id.split("/", 1)[1]
