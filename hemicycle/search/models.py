"""The search index: one document per searchable record, holding its words in every language it has.

The index is derived data — ``hemicycle rebuild-search-index`` makes it again from the records — kept current by
signals on every save (see :mod:`hemicycle.search.signals`), inside the same transaction as the save, so a
rolled-back write leaves no trace in search either. How the words are indexed depends on the database: a
``tsvector`` column with a GIN index on PostgreSQL, an FTS5 table beside this one on SQLite (see
:mod:`hemicycle.search.backends`).
"""

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from hemicycle.people.models import Organization


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        BILL = "bill", _("Bills")
        TEXT = "text", _("Bill texts")
        PERSON = "person", _("People")
        BODY = "body", _("Bodies")
        ACTIVITY = "activity", _("Activities")
        PRESS = "press", _("Press releases")

    #: What one result of each kind is called (the choices name the lists).
    KIND_SINGULAR = {"bill": _("Bill"), "text": _("Bill text"), "person": _("Person"), "body": _("Body"),
                     "activity": _("Activity"), "press": _("Press release")}

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("record"))
    url_name = models.CharField(_("page"), max_length=80)
    url_args = models.JSONField(_("page arguments"), default=list)
    #: ``{language: {"title": …, "body": …}}`` for every language the record has text in.
    texts = models.JSONField(_("texts"), default=dict)
    #: A hash of ``texts`` and the filter fields: the document counts as changed only when it changes.
    digest = models.CharField(_("digest"), max_length=64)
    stage = models.CharField(_("stage"), max_length=60, blank=True, db_index=True)
    committee = models.ForeignKey(Organization, verbose_name=_("committee"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    date = models.DateField(_("date"), null=True, blank=True, db_index=True)
    changed_at = models.DateTimeField(_("changed"), db_index=True)
    #: Under embargo until then (a press release or activity announced ahead): not found before.
    public_from = models.DateTimeField(_("public from"), null=True, blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document")]

    def __str__(self):
        return f"{self.kind} {self.object_id}"

    def get_absolute_url(self) -> str:
        try:
            return reverse(self.url_name, args=self.url_args)
        except NoReverseMatch:
            return ""
