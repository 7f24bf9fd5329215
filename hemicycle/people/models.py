"""The registry of people and bodies, after the Popolo data specification.

Persons hold memberships in organizations, optionally in a post (a seat or office such as "President of the
Chamber"), on behalf of another organization (a party), for an area and a legislative period. Organizations nest
(a committee inside a chamber inside a parliament) and succeed one another on a date (the Senate and the Mazhilis
by the Kurultai). Other names, identifiers, contact details, links and sources hang off any record.
"""

import datetime

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hemicycle.core.dates import is_current
from hemicycle.core.models import PartialDateField, PublicRecord


class OtherName(models.Model):
    """An alternate or former name, often in another language or script."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    name = models.CharField(_("name"), max_length=300)
    lang = models.CharField(_("language"), max_length=20, blank=True, help_text=_("BCP 47 tag, e.g. kk, ru, nl"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    start_date = PartialDateField(_("start date"))
    end_date = PartialDateField(_("end date"))

    class Meta:
        verbose_name = _("other name")
        verbose_name_plural = _("other names")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        ordering = ["lang", "name"]

    def __str__(self):
        return f"{self.name} ({self.lang})" if self.lang else self.name


class Identifier(models.Model):
    """An identifier issued by someone else: Wikidata, a parliament's own number, EveryPolitician's id."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    scheme = models.CharField(_("scheme"), max_length=80)
    identifier = models.CharField(_("identifier"), max_length=300)

    class Meta:
        verbose_name = _("identifier")
        verbose_name_plural = _("identifiers")
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["scheme", "identifier"]),
        ]
        ordering = ["scheme", "identifier"]

    def __str__(self):
        return f"{self.scheme}:{self.identifier}"


class ContactDetail(models.Model):
    """A means of contact: email, phone, address, social media handle."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    type = models.CharField(_("type"), max_length=40, help_text=_("email, voice, fax, address, twitter, …"))
    label = models.CharField(_("label"), max_length=200, blank=True)
    value = models.CharField(_("value"), max_length=500)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("contact detail")
        verbose_name_plural = _("contact details")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        ordering = ["type", "value"]

    def __str__(self):
        return f"{self.type}: {self.value}"

    @property
    def href(self) -> str:
        """A link a browser can follow, where the type has one."""
        if self.type == "email":
            return f"mailto:{self.value}"
        if self.type in {"voice", "phone", "cell"}:
            return "tel:" + "".join(ch for ch in self.value if ch.isdigit() or ch == "+")
        if self.type == "twitter":
            return f"https://x.com/{self.value.lstrip('@')}"
        if self.value.startswith(("http://", "https://")):
            return self.value
        return ""


class Link(models.Model):
    """A web page about the record, or a source it was taken from."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    url = models.URLField(_("address"), max_length=1000)
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_source = models.BooleanField(_("source"), default=False, help_text=_("Where the record was taken from."))

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        ordering = ["is_source", "note", "url"]

    def __str__(self):
        return self.url


class DescribedRecord(PublicRecord):
    """A public record with Popolo's repeated parts: other names, identifiers, contacts, links."""

    other_names = GenericRelation(OtherName)
    identifiers = GenericRelation(Identifier)
    contact_details = GenericRelation(ContactDetail)
    links = GenericRelation(Link)

    class Meta:
        abstract = True

    def identifier_for(self, scheme: str) -> str:
        """This record's identifier in ``scheme``, or an empty string."""
        for item in self.identifiers.all():
            if item.scheme == scheme:
                return item.identifier
        return ""


class Area(DescribedRecord):
    """A geographic area: a country, region or constituency, with its OCD division id where known."""

    public_kind = "area"

    name = models.CharField(_("name"), max_length=300)
    classification = models.CharField(_("classification"), max_length=80, blank=True,
                                      help_text=_("country, region, constituency, …"))
    division_id = models.CharField(_("OCD division"), max_length=200, blank=True, db_index=True,
                                   help_text=_("e.g. ocd-division/country:kz"))
    parent = models.ForeignKey("self", verbose_name=_("part of"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organization(DescribedRecord):
    """A body: a parliament, a chamber, a committee, a party, a friendship group, an embassy, …"""

    public_kind = "organization"

    class Classification(models.TextChoices):
        PARLIAMENT = "parliament", _("parliament")
        CHAMBER = "chamber", _("chamber")
        COMMITTEE = "committee", _("committee")
        POLITICAL_GROUP = "political_group", _("political group")
        PARTY = "party", _("political party")
        FRIENDSHIP_GROUP = "friendship_group", _("friendship group")
        DELEGATION = "delegation", _("delegation")
        GOVERNMENT_BODY = "government_body", _("government body")
        EMBASSY = "embassy", _("embassy")
        INTERNATIONAL_ASSEMBLY = "international_assembly", _("international assembly")
        OTHER = "other", _("other body")

    name = models.CharField(_("name"), max_length=300)
    abstract = models.CharField(_("summary"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    classification = models.CharField(_("classification"), max_length=40, choices=Classification.choices,
                                      default=Classification.OTHER, db_index=True)
    parent = models.ForeignKey("self", verbose_name=_("part of"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    area = models.ForeignKey(Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="organizations")
    founding_date = PartialDateField(_("founded"))
    dissolution_date = PartialDateField(_("dissolved"))
    seats = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    image = models.URLField(_("image"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:organization", args=[self.public_uuid])

    @property
    def is_dissolved(self) -> bool:
        return bool(self.dissolution_date) and self.dissolution_date <= datetime.date.today().isoformat()

    def ancestors(self) -> list["Organization"]:
        """The bodies this one sits in, outermost first."""
        chain, seen, node = [], {self.pk}, self.parent
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return list(reversed(chain))


class Succession(models.Model):
    """On ``date``, ``predecessor`` ceased and ``successor`` took over its functions.

    Two rows with the same successor and date say that two bodies were merged into one.
    """

    predecessor = models.ForeignKey(Organization, verbose_name=_("predecessor"), on_delete=models.CASCADE,
                                    related_name="successions_as_predecessor")
    successor = models.ForeignKey(Organization, verbose_name=_("successor"), on_delete=models.CASCADE,
                                  related_name="successions_as_successor")
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_succession"),
            models.CheckConstraint(condition=~models.Q(predecessor=models.F("successor")),
                                   name="succession_not_to_itself"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.date.isoformat()})"


class Event(DescribedRecord):
    """A Popolo event in the registry: a legislative period (term, convocation) or an election."""

    public_kind = "event"

    name = models.CharField(_("name"), max_length=300)
    classification = models.CharField(_("classification"), max_length=80, blank=True,
                                      help_text=_("legislative period, general election, …"))
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="events")
    start_date = PartialDateField(_("start date"))
    end_date = PartialDateField(_("end date"))

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start_date", "name"]

    def __str__(self):
        return self.name


class Person(DescribedRecord):
    """A real person: a member, an official, an ambassador, a head of state."""

    public_kind = "person"

    class Gender(models.TextChoices):
        FEMALE = "female", _("female")
        MALE = "male", _("male")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=300)
    sort_name = models.CharField(_("sort name"), max_length=300, blank=True, db_index=True)
    given_name = models.CharField(_("given name"), max_length=200, blank=True)
    family_name = models.CharField(_("family name"), max_length=200, blank=True)
    patronymic_name = models.CharField(_("patronymic"), max_length=200, blank=True)
    honorific_prefix = models.CharField(_("honorific prefix"), max_length=100, blank=True)
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    birth_date = PartialDateField(_("date of birth"))
    death_date = PartialDateField(_("date of death"))
    email = models.EmailField(_("email"), blank=True)
    image = models.URLField(_("photo"), max_length=1000, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    biography = models.TextField(_("biography"), blank=True)
    national_identity = models.CharField(_("national identity"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["sort_name", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:person", args=[self.public_uuid])


class Post(PublicRecord):
    """A position in an organization that exists whoever holds it: "President of the Chamber", a seat."""

    public_kind = "post"

    label = models.CharField(_("label"), max_length=300)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
                                     related_name="posts")
    area = models.ForeignKey(Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="posts")
    start_date = PartialDateField(_("start date"))
    end_date = PartialDateField(_("end date"))
    contact_details = GenericRelation(ContactDetail)
    links = GenericRelation(Link)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["organization__name", "label"]

    def __str__(self):
        return self.label


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None):
        """Memberships that cover ``on`` (today by default); a partial end date covers its whole month or year."""
        day = (on or datetime.date.today()).isoformat()
        started = models.Q(start_date="") | models.Q(start_date__lte=day)
        not_ended = (models.Q(end_date="") | models.Q(end_date__gte=day)
                     | models.Q(end_date=day[:7]) | models.Q(end_date=day[:4]))
        return self.filter(started & not_ended)

    def past(self, on: datetime.date | None = None):
        return self.exclude(pk__in=self.current(on).values("pk"))


class Membership(PublicRecord):
    """A person's membership of an organization, perhaps in a post, perhaps on behalf of a party."""

    public_kind = "membership"

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE,
                               related_name="memberships")
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
                                     related_name="memberships")
    post = models.ForeignKey(Post, verbose_name=_("post"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="memberships")
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("member, chair, ambassador, …"))
    label = models.CharField(_("label"), max_length=300, blank=True)
    on_behalf_of = models.ForeignKey(Organization, verbose_name=_("on behalf of"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="memberships_on_behalf")
    area = models.ForeignKey(Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="memberships")
    legislative_period = models.ForeignKey(Event, verbose_name=_("legislative period"), null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="memberships")
    start_date = PartialDateField(_("start date"))
    end_date = PartialDateField(_("end date"))
    contact_details = GenericRelation(ContactDetail)
    links = GenericRelation(Link)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-start_date", "organization__name"]
        indexes = [models.Index(fields=["organization", "end_date"])]

    def __str__(self):
        return f"{self.person} — {self.organization}"

    @property
    def is_current(self) -> bool:
        return is_current(self.start_date, self.end_date)

    @property
    def title(self) -> str:
        """What the person was in this membership: the post's label, the label, or the role."""
        if self.post_id:
            return self.post.label
        return self.label or self.role
