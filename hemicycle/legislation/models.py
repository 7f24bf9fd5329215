"""The legislative process: bills through a configurable stage graph, their texts, amendments, sittings and votes.

A bill type (ordinary law, constitutional law, ratification, budget) follows a workflow: stages joined by allowed
transitions, kept as data so that a parliament changes its procedure without changing code. Every stage explains
itself in plain language. A bill's text is a tree of provisions (parts, chapters, articles, paragraphs) with
stable Akoma Ntoso eIds; each version freezes the tree, and records which amendment last changed each provision.
Votes are Popolo vote events with one vote per member.
"""

import zoneinfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hemicycle.core.ids import new_calendar_uid
from hemicycle.core.models import PublicRecord
from hemicycle.people.models import Organization, Person


class Workflow(models.Model):
    """A procedure: the stages a bill passes through and the moves allowed between them."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("workflow")
        verbose_name_plural = _("workflows")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Stage(models.Model):
    """One stage of a workflow, with what it means for a citizen."""

    class Outcome(models.TextChoices):
        NONE = "", _("in progress")
        LAW = "law", _("became law")
        FAILED = "failed", _("did not become law")

    workflow = models.ForeignKey(Workflow, verbose_name=_("workflow"), on_delete=models.CASCADE,
                                 related_name="stages")
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    explanation = models.TextField(_("what it means"), blank=True)
    next_steps = models.TextField(_("what happens next"), blank=True)
    typical_duration = models.CharField(_("how long it usually takes"), max_length=200, blank=True)
    typical_days = models.PositiveIntegerField(_("usual duration in days"), null=True, blank=True)
    participation = models.TextField(_("how citizens can take part"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_initial = models.BooleanField(_("first stage"), default=False)
    is_final = models.BooleanField(_("final stage"), default=False)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True, default="")

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["workflow", "order"]
        constraints = [models.UniqueConstraint(fields=["workflow", "code"], name="unique_stage_code")]

    def __str__(self):
        return self.name


class Transition(models.Model):
    """A move the workflow allows, from one stage to another."""

    workflow = models.ForeignKey(Workflow, verbose_name=_("workflow"), on_delete=models.CASCADE,
                                 related_name="transitions")
    source = models.ForeignKey(Stage, verbose_name=_("from"), on_delete=models.CASCADE, related_name="exits")
    target = models.ForeignKey(Stage, verbose_name=_("to"), on_delete=models.CASCADE, related_name="entries")
    label = models.CharField(_("label"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="unique_transition")]

    def __str__(self):
        return f"{self.source} → {self.target}"


class BillType(models.Model):
    """A kind of bill and the workflow it follows."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    workflow = models.ForeignKey(Workflow, verbose_name=_("workflow"), on_delete=models.PROTECT,
                                 related_name="bill_types")

    class Meta:
        verbose_name = _("bill type")
        verbose_name_plural = _("bill types")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Bill(PublicRecord):
    """A bill, from registration to law (or withdrawal, rejection, lapse)."""

    public_kind = "bill"

    number = models.CharField(_("number"), max_length=40)
    title = models.CharField(_("title"), max_length=500)
    short_title = models.CharField(_("short title"), max_length=200, blank=True)
    summary = models.TextField(_("in plain words"), blank=True)
    bill_type = models.ForeignKey(BillType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="bills")
    parliament = models.ForeignKey(Organization, verbose_name=_("parliament"), on_delete=models.PROTECT,
                                   related_name="bills")
    chamber = models.ForeignKey(Organization, verbose_name=_("chamber"), on_delete=models.PROTECT,
                                related_name="bills_pending",
                                help_text=_("Where the bill is pending; it passes to a successor chamber."))
    committee = models.ForeignKey(Organization, verbose_name=_("lead committee"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="bills_in_committee")
    initiator = models.CharField(_("initiated by"), max_length=300, blank=True)
    sponsors = models.ManyToManyField(Person, verbose_name=_("sponsors"), blank=True, related_name="bills")
    introduced_on = models.DateField(_("registered on"), db_index=True)
    stage = models.ForeignKey(Stage, verbose_name=_("current stage"), on_delete=models.PROTECT,
                              related_name="bills")
    stage_entered_on = models.DateField(_("in this stage since"))
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        ordering = ["-introduced_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["parliament", "number"], name="unique_bill_number")]
        indexes = [models.Index(fields=["stage", "introduced_on"]), models.Index(fields=["committee", "stage"]),
                   # The few unpublished bills, found without reading the whole (wide) table: public lists of votes
                   # leave out the votes on them (selectors_votes.public_vote_events).
                   models.Index(fields=["id"], condition=models.Q(is_published=False), name="bill_unpublished")]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("legislation:bill", args=[self.public_uuid])

    @property
    def current_stage(self) -> Stage:
        return self.stage


class BillStageChange(models.Model):
    """One step of a bill's timeline."""

    bill = models.ForeignKey(Bill, verbose_name=_("bill"), on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.ForeignKey(Stage, verbose_name=_("stage"), on_delete=models.PROTECT, related_name="+")
    entered_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    chamber = models.ForeignKey(Organization, verbose_name=_("chamber"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+")
    vote_event = models.ForeignKey("VoteEvent", verbose_name=_("vote"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["entered_on", "pk"]

    def __str__(self):
        return f"{self.bill.number}: {self.stage} ({self.entered_on})"


class BillDocument(models.Model):
    """A document that goes with a bill: the explanatory note, a committee report, an opinion, the Head of State's
    objections. Hemicycle links to the official copy (``url``) when it is online, and says in plain words what the
    document is."""

    class Kind(models.TextChoices):
        EXPLANATORY_NOTE = "explanatory_note", _("explanatory note")
        FINANCIAL_ESTIMATE = "financial_estimate", _("financial estimate")
        COMMITTEE_REPORT = "committee_report", _("committee report")
        GOVERNMENT_OPINION = "government_opinion", _("opinion of the Government")
        EXPERT_OPINION = "expert_opinion", _("expert opinion")
        OBJECTIONS = "objections", _("objections of the Head of State")
        COMPARATIVE_TABLE = "comparative_table", _("comparative table")
        OTHER = "other", _("other document")

    bill = models.ForeignKey(Bill, verbose_name=_("bill"), on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("in plain words"), blank=True,
                               help_text=_("What the document says, in two or three sentences."))
    date = models.DateField(_("date"))
    stage = models.ForeignKey(Stage, verbose_name=_("at stage"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    url = models.URLField(_("address of the official copy"), max_length=500, blank=True,
                          help_text=_("Empty: the document is described here but not online."))
    language = models.CharField(_("language of the document"), max_length=20, blank=True,
                                help_text=_("BCP 47 tag, e.g. kk, ru"))
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("bill document")
        verbose_name_plural = _("bill documents")
        ordering = ["bill", "date", "pk"]

    def __str__(self):
        return self.title

    @property
    def has_summary(self) -> bool:
        """A summary in some language (the page shows the reader's, or a fallback)."""
        return any(getattr(self, f"summary_{code}", "") for code, _name in settings.LANGUAGES)


class BillVersion(models.Model):
    """The text of a bill at one moment: a tree of provisions, frozen.

    ``body`` is a list of nodes ``{"eId", "type", "num", "heading": {lang: …}, "text": {lang: …}, "children": […]}``
    with ``type`` one of part, chapter, section, article, paragraph, point. ``provenance`` maps an eId to the
    public id of the amendment that gave the provision its wording in this version (absent: unchanged since the
    bill was introduced).
    """

    bill = models.ForeignKey(Bill, verbose_name=_("bill"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    label = models.CharField(_("label"), max_length=200)
    stage = models.ForeignKey(Stage, verbose_name=_("stage"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+")
    created_on = models.DateField(_("date"))
    body = models.JSONField(_("text"), default=list)
    provenance = models.JSONField(_("provenance"), default=dict, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("bill version")
        verbose_name_plural = _("bill versions")
        ordering = ["bill", "number"]
        constraints = [models.UniqueConstraint(fields=["bill", "number"], name="unique_bill_version")]

    def __str__(self):
        return f"{self.bill.number} v{self.number} ({self.label})"

    def get_absolute_url(self) -> str:
        return reverse("legislation:version", args=[self.bill.public_uuid, self.number])


class Amendment(PublicRecord):
    """A proposed change to one provision of a bill version, and what became of it."""

    public_kind = "amendment"

    class Action(models.TextChoices):
        REPLACE = "replace", _("replace the wording")
        INSERT_AFTER = "insert_after", _("insert a new provision after")
        DELETE = "delete", _("delete")

    class Recommendation(models.TextChoices):
        NONE = "", _("no recommendation")
        ADOPT = "adopt", _("adopt")
        REJECT = "reject", _("reject")

    class Status(models.TextChoices):
        TABLED = "tabled", _("tabled")
        ADOPTED = "adopted", _("adopted")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    bill = models.ForeignKey(Bill, verbose_name=_("bill"), on_delete=models.CASCADE, related_name="amendments")
    version = models.ForeignKey(BillVersion, verbose_name=_("amends version"), on_delete=models.PROTECT,
                                related_name="amendments")
    number = models.CharField(_("number"), max_length=20)
    movers = models.ManyToManyField(Person, verbose_name=_("moved by"), blank=True, related_name="amendments")
    committee = models.ForeignKey(Organization, verbose_name=_("committee"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="amendments")
    target_eid = models.CharField(_("provision (eId)"), max_length=200)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, default=Action.REPLACE)
    new_eid = models.CharField(_("new provision (eId)"), max_length=200, blank=True,
                               help_text=_("For an insertion: the eId of the new provision."))
    new_num = models.CharField(_("new provision number"), max_length=20, blank=True)
    wording = models.JSONField(_("proposed wording"), default=dict, blank=True,
                               help_text=_("The new text per language, e.g. {\"kk\": \"…\", \"ru\": \"…\"}"))
    justification = models.TextField(_("justification"), blank=True)
    recommendation = models.CharField(_("committee recommendation"), max_length=10,
                                      choices=Recommendation.choices, blank=True, default="")
    status = models.CharField(_("outcome"), max_length=10, choices=Status.choices, default=Status.TABLED,
                              db_index=True)
    vote_event = models.ForeignKey("VoteEvent", verbose_name=_("decided by vote"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="amendments_decided")

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["bill", "version", "pk"]
        constraints = [models.UniqueConstraint(fields=["bill", "number"], name="unique_amendment_number")]

    def __str__(self):
        return f"{self.bill.number} / {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("legislation:amendment", args=[self.public_uuid])


class Sitting(PublicRecord):
    """A plenary or committee sitting, with its agenda; it has a calendar UID and SEQUENCE like an activity."""

    public_kind = "sitting"

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("plenary sitting")
        COMMITTEE = "committee", _("committee sitting")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    uid = models.CharField(_("calendar UID"), max_length=255, unique=True)
    organization = models.ForeignKey(Organization, verbose_name=_("body"), on_delete=models.PROTECT,
                                     related_name="sittings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    timezone = models.CharField(_("time zone"), max_length=64, default="Asia/Almaty")
    place = models.CharField(_("place"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    sequence = models.PositiveIntegerField(_("SEQUENCE"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        ordering = ["-start"]
        indexes = [models.Index(fields=["organization", "start"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.uid:
            self.uid = new_calendar_uid(settings.FEDERATION_INSTANCE_HOST)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("legislation:sitting", args=[self.public_uuid])

    @property
    def local_start(self):
        return self.start.astimezone(zoneinfo.ZoneInfo(self.timezone))


class AgendaItem(models.Model):
    sitting = models.ForeignKey(Sitting, verbose_name=_("sitting"), on_delete=models.CASCADE,
                                related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("item"), max_length=500)
    bill = models.ForeignKey(Bill, verbose_name=_("bill"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="agenda_items")

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["sitting", "order", "pk"]

    def __str__(self):
        return self.title


class VoteEvent(PublicRecord):
    """A roll-call vote (Popolo vote event): on a bill at a reading, on an amendment, or on another motion."""

    public_kind = "vote-event"

    class Result(models.TextChoices):
        PASS = "pass", _("adopted")
        FAIL = "fail", _("rejected")

    organization = models.ForeignKey(Organization, verbose_name=_("body"), on_delete=models.PROTECT,
                                     related_name="vote_events")
    sitting = models.ForeignKey(Sitting, verbose_name=_("sitting"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="vote_events")
    bill = models.ForeignKey(Bill, verbose_name=_("bill"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="vote_events")
    amendment = models.ForeignKey(Amendment, verbose_name=_("amendment"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="vote_events")
    stage = models.ForeignKey(Stage, verbose_name=_("at stage"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+")
    motion = models.CharField(_("motion"), max_length=500)
    start = models.DateTimeField(_("time"), db_index=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    yes_count = models.PositiveIntegerField(_("yes"), default=0)
    no_count = models.PositiveIntegerField(_("no"), default=0)
    abstain_count = models.PositiveIntegerField(_("abstain"), default=0)
    absent_count = models.PositiveIntegerField(_("absent"), default=0)

    class Meta:
        verbose_name = _("vote event")
        verbose_name_plural = _("vote events")
        ordering = ["-start", "-pk"]

    def __str__(self):
        return self.motion

    def get_absolute_url(self) -> str:
        return reverse("legislation:vote", args=[self.public_uuid])


class Vote(models.Model):
    """One member's vote in a vote event, with the political group they sat in at the time."""

    class Option(models.TextChoices):
        YES = "yes", _("yes")
        NO = "no", _("no")
        ABSTAIN = "abstain", _("abstain")
        ABSENT = "absent", _("absent")
        NOT_VOTING = "not voting", _("did not vote")

    vote_event = models.ForeignKey(VoteEvent, verbose_name=_("vote event"), on_delete=models.CASCADE,
                                   related_name="votes")
    person = models.ForeignKey(Person, verbose_name=_("member"), on_delete=models.PROTECT, related_name="votes")
    option = models.CharField(_("vote"), max_length=12, choices=Option.choices)
    group = models.ForeignKey(Organization, verbose_name=_("group"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["vote_event", "person"], name="one_vote_per_member")]
        indexes = [models.Index(fields=["person", "vote_event"])]

    def __str__(self):
        return f"{self.person}: {self.option}"
