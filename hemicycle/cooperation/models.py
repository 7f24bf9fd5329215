"""Interparliamentary cooperation: partnerships, meetings, agreements, commitments, and joint programmes.

A partnership ties our parliament to one counterpart parliament. Meetings record who met whom and in which role
(the role is copied from the registry at the time, so it stays true after people change office). Follow-ups
agreed at a meeting become commitments, tracked to done or dropped with evidence. A joint programme is a list of
activities; its versions are frozen snapshots that both sides can countersign. Activities are what calendars
show: each has a stable UID, a SEQUENCE raised on every significant change, and a status with its history.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hemicycle.core.ids import new_calendar_uid
from hemicycle.core.models import PublicRecord
from hemicycle.people.models import Organization, Person, Post


def validate_timezone(value: str) -> None:
    """Refuse anything that is not an IANA time zone name known to this machine's tz data."""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(_("“%(value)s” is not an IANA time zone (e.g. Asia/Almaty, Europe/Brussels)."),
                              params={"value": value}, code="timezone") from exc


class Side(models.TextChoices):
    OURS = "ours", _("our side")
    PARTNER = "partner", _("partner side")
    JOINT = "joint", _("both sides")
    OTHER = "other", _("other")


class Partnership(PublicRecord):
    """Our parliament's relationship with one counterpart parliament."""

    public_kind = "partnership"

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    parliament = models.ForeignKey(Organization, verbose_name=_("our parliament"), on_delete=models.PROTECT,
                                   related_name="partnerships")
    counterpart = models.ForeignKey(Organization, verbose_name=_("counterpart parliament"),
                                    on_delete=models.PROTECT, related_name="partnerships_as_counterpart")
    our_friendship_group = models.ForeignKey(Organization, verbose_name=_("our friendship group"), null=True,
                                             blank=True, on_delete=models.SET_NULL, related_name="+")
    partner_friendship_group = models.ForeignKey(Organization, verbose_name=_("partner's friendship group"),
                                                 null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+")
    established = models.DateField(_("established"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["parliament", "counterpart"], name="one_partnership_per_pair")]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:partnership", args=[self.public_uuid])


class AssemblyDelegation(models.Model):
    """A parliament's standing delegation to an international assembly (IPU, OSCE PA, PACE, …)."""

    parliament = models.ForeignKey(Organization, verbose_name=_("parliament"), on_delete=models.CASCADE,
                                   related_name="assembly_delegations")
    delegation = models.OneToOneField(Organization, verbose_name=_("delegation"), on_delete=models.CASCADE,
                                      related_name="assembly_delegation")
    assembly = models.ForeignKey(Organization, verbose_name=_("international assembly"), on_delete=models.PROTECT,
                                 related_name="national_delegations")

    class Meta:
        verbose_name = _("delegation to an international assembly")
        verbose_name_plural = _("delegations to international assemblies")

    def __str__(self):
        return f"{self.delegation} → {self.assembly}"


class Meeting(PublicRecord):
    """A recorded meeting between the two sides: who met whom, on what, and what came of it."""

    public_kind = "meeting"

    partnership = models.ForeignKey(Partnership, verbose_name=_("partnership"), on_delete=models.CASCADE,
                                    related_name="meetings")
    title = models.CharField(_("title"), max_length=300)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, default="UTC", validators=[validate_timezone])
    place = models.CharField(_("place"), max_length=300, blank=True)
    topics = models.TextField(_("topics"), blank=True, help_text=_("One topic per line."))
    summary = models.TextField(_("summary"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start"]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:meeting", args=[self.public_uuid])

    @property
    def topic_list(self) -> list[str]:
        return [line.strip() for line in self.topics.splitlines() if line.strip()]

    @property
    def local_start(self) -> datetime.datetime:
        return self.start.astimezone(zoneinfo.ZoneInfo(self.timezone))


class MeetingParticipant(models.Model):
    """A person at a meeting, with the role they held then (copied from the registry's posts)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="participants")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="meeting_participations")
    post = models.ForeignKey(Post, verbose_name=_("post"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+")
    role = models.CharField(_("role at the time"), max_length=300, blank=True)
    organization = models.ForeignKey(Organization, verbose_name=_("representing"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices, default=Side.OURS)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_participation_per_meeting")]

    def __str__(self):
        return f"{self.person} ({self.role})" if self.role else str(self.person)


class PressRelease(PublicRecord):
    """A press release, published on the portal and in the RSS/Atom feed from ``published_at``."""

    public_kind = "press-release"

    partnership = models.ForeignKey(Partnership, verbose_name=_("partnership"), on_delete=models.CASCADE,
                                    related_name="press_releases")
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="press_releases")
    title = models.CharField(_("title"), max_length=300)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True,
                                        help_text=_("Empty: not published. In the future: embargoed until then."))

    class Meta:
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")
        ordering = ["-published_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:press_release", args=[self.public_uuid])

    @property
    def is_public(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()


class Agreement(PublicRecord):
    """A memorandum, protocol or agreement between the two parliaments, through its lifecycle."""

    public_kind = "agreement"

    class Kind(models.TextChoices):
        MEMORANDUM = "memorandum", _("memorandum of understanding")
        PROTOCOL = "protocol", _("protocol")
        AGREEMENT = "agreement", _("agreement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SIGNED = "signed", _("signed")
        IN_FORCE = "in_force", _("in force")
        EXPIRED = "expired", _("expired")
        TERMINATED = "terminated", _("terminated")

    partnership = models.ForeignKey(Partnership, verbose_name=_("partnership"), on_delete=models.CASCADE,
                                    related_name="agreements")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEMORANDUM)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_at_place = models.CharField(_("signed at"), max_length=200, blank=True)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    remind_days_before = models.PositiveSmallIntegerField(_("remind days before expiry"), default=90)
    reminder_sent_on = models.DateField(_("reminder sent on"), null=True, blank=True, editable=False)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:agreement", args=[self.public_uuid])


class AgreementSignatory(models.Model):
    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE,
                                  related_name="signatories")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role at signature"), max_length=300, blank=True)
    side = models.CharField(_("side"), max_length=10, choices=Side.choices, default=Side.OURS)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return str(self.person)


class Commitment(PublicRecord):
    """Something one side agreed to do, from a meeting or an agreement, followed until done or dropped."""

    public_kind = "commitment"

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    partnership = models.ForeignKey(Partnership, verbose_name=_("partnership"), on_delete=models.CASCADE,
                                    related_name="commitments")
    meeting = models.ForeignKey(Meeting, verbose_name=_("agreed at"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="commitments")
    agreement = models.ForeignKey(Agreement, verbose_name=_("under agreement"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="commitments")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner_person = models.ForeignKey(Person, verbose_name=_("owner (person)"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="commitments")
    owner_organization = models.ForeignKey(Organization, verbose_name=_("owner (body)"), null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="commitments")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices, default=Side.OURS)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN,
                              db_index=True)
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("What shows it was done (or why dropped)."))
    evidence_url = models.URLField(_("evidence link"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_on", "title"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.OPEN, self.Status.IN_PROGRESS}

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < (on or timezone.localdate())


class Programme(PublicRecord):
    """A joint programme of activities between two parliaments, e.g. "Joint calendar of activities 2025–2026"."""

    public_kind = "programme"

    partnership = models.ForeignKey(Partnership, verbose_name=_("partnership"), on_delete=models.CASCADE,
                                    related_name="programmes")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-period_start"]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:programme", args=[self.public_uuid])


class ProgrammeVersion(models.Model):
    """A frozen snapshot of a programme's activities: a draft, the agreed text, or an amendment."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        AGREED = "agreed", _("agreed")
        AMENDED = "amended", _("amended")

    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE,
                                  related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    note = models.TextField(_("note"), blank=True)
    snapshot = models.JSONField(_("activities"), default=list)
    digest = models.CharField(_("SHA-256 of the snapshot"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+")
    our_signature = models.TextField(_("our signature"), blank=True)
    partner_signature = models.TextField(_("partner's signature"), blank=True)

    class Meta:
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="unique_programme_version")]

    def __str__(self):
        return f"{self.programme} v{self.number} ({self.get_status_display()})"

    @property
    def is_countersigned(self) -> bool:
        return bool(self.our_signature and self.partner_signature)


class Activity(PublicRecord):
    """One activity of a joint programme: a visit, a round table, a meeting, a video call, a joint initiative.

    Start and end are stored in UTC and shown in the activity's own IANA time zone. ``uid`` is the iCalendar UID,
    the same on both parliaments' instances; ``sequence`` is raised on every significant change.
    """

    public_kind = "activity"

    class Kind(models.TextChoices):
        VISIT_INCOMING = "visit_incoming", _("incoming visit")
        VISIT_OUTGOING = "visit_outgoing", _("outgoing visit")
        ROUND_TABLE = "round_table", _("thematic round table")
        COMMITTEE_MEETING = "committee_meeting", _("committee meeting")
        FRIENDSHIP_GROUP_MEETING = "friendship_group_meeting", _("friendship group meeting")
        VIDEO_CONFERENCE = "video_conference", _("video conference")
        JOINT_INITIATIVE = "joint_initiative", _("joint initiative at an international assembly")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        AGREED = "agreed", _("agreed")
        SCHEDULED = "scheduled", _("scheduled")
        HELD = "held", _("held")
        REPORTED = "reported", _("reported")
        POSTPONED = "postponed", _("postponed")
        CANCELLED = "cancelled", _("cancelled")

    uid = models.CharField(_("calendar UID"), max_length=255, unique=True)
    programme = models.ForeignKey(Programme, verbose_name=_("programme"), on_delete=models.CASCADE,
                                  related_name="activities")
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    timezone = models.CharField(_("time zone"), max_length=64, validators=[validate_timezone])
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    organizer = models.ForeignKey(Organization, verbose_name=_("organizing side"), on_delete=models.PROTECT,
                                  related_name="organized_activities",
                                  help_text=_("The parliament that organizes it; its instance is authoritative."))
    bodies = models.ManyToManyField(Organization, verbose_name=_("bodies taking part"), blank=True,
                                    related_name="activities")
    delegation = models.ManyToManyField(Person, verbose_name=_("delegation"), blank=True,
                                        related_name="activities")
    assembly = models.ForeignKey(Organization, verbose_name=_("at the international assembly"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="joint_initiatives")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED,
                              db_index=True)
    sequence = models.PositiveIntegerField(_("SEQUENCE"), default=0)
    outcome_report = models.TextField(_("outcome report"), blank=True)
    embargo_until = models.DateTimeField(_("public from"), null=True, blank=True,
                                         help_text=_("Empty: public as soon as published."))
    is_published = models.BooleanField(_("published"), default=True)
    commitments = models.ManyToManyField(Commitment, verbose_name=_("commitments it fulfils"), blank=True,
                                         related_name="activities")

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["programme", "start"])]
        constraints = [models.CheckConstraint(condition=models.Q(end__gte=models.F("start")),
                                              name="activity_ends_after_start")]

    def __str__(self):
        return self.title

    def assign_uid(self) -> None:
        """Give a new activity its calendar UID: random, qualified by this instance's host name."""
        if not self.uid:
            self.uid = new_calendar_uid(settings.FEDERATION_INSTANCE_HOST)

    def save(self, *args, **kwargs):
        self.assign_uid()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("cooperation:activity", args=[self.public_uuid])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def local_start(self) -> datetime.datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> datetime.datetime:
        return self.end.astimezone(self.zone)

    def is_public(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.is_published and (self.embargo_until is None or self.embargo_until <= now)


class ActivityStatusChange(models.Model):
    """One step in an activity's status history."""

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE,
                                 related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=Activity.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Activity.Status.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+")
    by_peer = models.CharField(_("by partner instance"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_status or '∅'} → {self.to_status}"


class Document(models.Model):
    """A document attached to a meeting, an agreement or a partnership: minutes, a presentation, a signed text."""

    partnership = models.ForeignKey(Partnership, verbose_name=_("partnership"), on_delete=models.CASCADE,
                                    related_name="documents")
    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="documents")
    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"), null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="documents")
    activity = models.ForeignKey(Activity, verbose_name=_("activity"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), max_length=1000)
    language = models.CharField(_("language"), max_length=10, blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["title"]

    def __str__(self):
        return self.title


class ActivityProposal(models.Model):
    """A change proposed by the side that does not organize an activity (iTIP COUNTER), until decided.

    The organizing side is authoritative: the partner's proposal never overwrites the activity; the organizer
    accepts it (and the change goes out as a new REQUEST with a higher SEQUENCE) or declines it.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE,
                                 related_name="proposals")
    proposed_by = models.ForeignKey(Organization, verbose_name=_("proposed by"), on_delete=models.PROTECT,
                                    related_name="+")
    changes = models.JSONField(_("proposed changes"), default=dict)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+")

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.activity}: {', '.join(self.changes)}"
