"""Follows: a citizen follows a bill, a committee, a member or a search, and gets what changed by email and feeds.

A follow points at exactly one thing. A search follow keeps its query as normalised parameters (``query``) and a
digest of them (``query_key``) so that the same search is followed once however its address was spelled.

The digest watermark is ``digested_until``: every change up to that moment has been considered for mail. Some
records carry only a date, and a clerk may record a step a few days after it happened, so the digest looks back
``selectors.LOOKBACK`` before the watermark and skips what ``digested_keys`` says was already mailed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hemicycle.legislation.models import Bill
from hemicycle.people.models import Organization, Person


class Follow(models.Model):
    """One person following one thing."""

    class Kind(models.TextChoices):
        BILL = "bill", _("bill")
        COMMITTEE = "committee", _("committee")
        MEMBER = "member", _("member")
        SEARCH = "search", _("search")

    class Frequency(models.TextChoices):
        DAILY = "daily", _("daily")
        WEEKLY = "weekly", _("weekly")
        NEVER = "never", _("no email")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="follows")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    bill = models.ForeignKey(Bill, verbose_name=_("bill"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    organization = models.ForeignKey(Organization, verbose_name=_("committee"), null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, verbose_name=_("member"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+")
    query = models.JSONField(_("search"), default=dict, blank=True,
                             help_text=_("The search's parameters, normalised: q, kind, stage, committee, date_from, "
                                         "date_to."))
    query_key = models.CharField(_("search key"), max_length=64, blank=True, default="", editable=False)
    frequency = models.CharField(_("email"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)
    digested_until = models.DateTimeField(_("changes mailed up to"), default=timezone.now)
    digested_keys = models.JSONField(_("changes already mailed"), default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "bill"], condition=Q(kind="bill"), name="follow_once_bill"),
            models.UniqueConstraint(fields=["user", "organization"], condition=Q(kind="committee"),
                                    name="follow_once_committee"),
            models.UniqueConstraint(fields=["user", "person"], condition=Q(kind="member"),
                                    name="follow_once_member"),
            models.UniqueConstraint(fields=["user", "query_key"], condition=Q(kind="search"),
                                    name="follow_once_search"),
            models.CheckConstraint(name="follow_has_its_target", condition=(
                Q(kind="bill", bill__isnull=False, organization__isnull=True, person__isnull=True)
                | Q(kind="committee", bill__isnull=True, organization__isnull=False, person__isnull=True)
                | Q(kind="member", bill__isnull=True, organization__isnull=True, person__isnull=False)
                | (Q(kind="search", bill__isnull=True, organization__isnull=True, person__isnull=True)
                   & ~Q(query_key=""))
            )),
        ]
        indexes = [models.Index(fields=["frequency", "digested_until"])]

    def __str__(self):
        return f"{self.user} → {self.get_kind_display()} {self.target or self.query}"

    @property
    def target(self):
        """The followed record (None for a search)."""
        return {self.Kind.BILL: self.bill, self.Kind.COMMITTEE: self.organization,
                self.Kind.MEMBER: self.person}.get(self.kind)
