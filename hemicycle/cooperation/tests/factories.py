"""Test data for the cooperation pillar: small builders, and one partnership with everything on it.

    from hemicycle.cooperation.tests import factories
    world = factories.cooperation_world()          # dict of every record made, by name
    partnership = factories.partnership()          # just a partnership between two fresh parliaments

Every builder takes keyword overrides; names are unique per call so that several worlds can live in one test.
Times are relative to ``now`` (``timezone.now()`` unless given), so "overdue" and "next" stay true whenever the
tests run.
"""

import datetime
import itertools
import uuid
import zoneinfo

from django.utils import timezone

from hemicycle.cooperation import services
from hemicycle.cooperation.models import (
    Activity,
    Agreement,
    AgreementSignatory,
    AssemblyDelegation,
    Commitment,
    Document,
    Partnership,
    PressRelease,
    Programme,
    Side,
)
from hemicycle.people.models import Membership, Organization, Person, Post

ALMATY = "Asia/Almaty"
BRUSSELS = "Europe/Brussels"
LANGS = ("kk", "ru", "en", "fr", "nl", "de")

_serial = itertools.count(1)


def _n() -> int:
    return next(_serial)


def texts(prefix: str, **by_language: str) -> dict:
    """``texts("title", en="Hello", fr="Bonjour")`` → title_en, title_fr (and the untranslated column = English)."""
    fields = {f"{prefix}_{code}": value for code, value in by_language.items()}
    if "en" in by_language:
        fields[prefix] = by_language["en"]
    return fields


def organization(name: str, classification: str, **fields) -> Organization:
    return Organization.objects.create(**texts("name", en=name), classification=classification, **fields)


def person(name: str, **fields) -> Person:
    family = name.split()[-1]
    return Person.objects.create(**texts("name", en=name), sort_name=f"{family}, {name}", **fields)


def member(who: Person, body: Organization, *, post_label: str = "", start: str = "2020-01-01", end: str = "",
           role: str = "member", **post_labels) -> Membership:
    """A membership, in a post labelled ``post_label`` (and ``label_<lang>`` translations) when given."""
    post = None
    if post_label:
        post = Post.objects.create(organization=body, **texts("label", en=post_label),
                                   **{f"label_{code}": value for code, value in post_labels.items()})
        role = ""
    return Membership.objects.create(person=who, organization=body, post=post, role=role, start_date=start,
                                     end_date=end)


def partnership(**fields) -> Partnership:
    """A partnership between two fresh parliaments (with friendship groups unless given)."""
    n = _n()
    ours = fields.pop("parliament", None) or organization(f"Parliament of Kazakhstan {n}", "parliament")
    theirs = fields.pop("counterpart", None) or organization(f"Federal Parliament of Belgium {n}", "parliament")
    defaults = {
        **texts("title", en=f"Kazakhstan – Belgium {n}", kk=f"Қазақстан – Бельгия {n}", ru=f"Казахстан – Бельгия {n}",
                fr=f"Kazakhstan – Belgique {n}", nl=f"Kazachstan – België {n}", de=f"Kasachstan – Belgien {n}"),
        "our_friendship_group": organization(f"Kazakhstan–Belgium friendship group {n}", "friendship_group",
                                             parent=ours),
        "partner_friendship_group": organization(f"Belgium–Kazakhstan friendship group {n}", "friendship_group",
                                                 parent=theirs),
        "established": datetime.date(2025, 9, 16),
    }
    defaults.update(fields)
    return Partnership.objects.create(parliament=ours, counterpart=theirs, **defaults)


def commitment(partnership: Partnership, title: str, **fields) -> Commitment:
    return Commitment.objects.create(partnership=partnership, **texts("title", en=title), **fields)


def programme(partnership: Partnership, **fields) -> Programme:
    defaults = {**texts("title", en="Joint calendar of activities 2025–2026",
                        fr="Calendrier commun d'activités 2025–2026"),
                "period_start": datetime.date(2025, 10, 1), "period_end": datetime.date(2026, 12, 31)}
    defaults.update(fields)
    return Programme.objects.create(partnership=partnership, **defaults)


def activity(programme: Programme, title: str, *, start: datetime.datetime, hours: int = 2, zone: str = ALMATY,
             statuses=(), **fields) -> Activity:
    """An activity through ``activity_create``, then walked along ``statuses`` (as the services would)."""
    fields.setdefault("kind", Activity.Kind.ROUND_TABLE)
    fields.setdefault("organizer", programme.partnership.parliament)
    # activity_create validates before the model's save() would make a UID up: give one, as federation does.
    fields.setdefault("uid", f"{uuid.uuid4()}@tests.hemicycle.localhost")
    created = services.activity_create(programme=programme, **texts("title", en=title), start=start,
                                       end=start + datetime.timedelta(hours=hours), timezone=zone, **fields)
    for status in statuses:
        created = services.activity_set_status(activity=created, status=status)
    return created


def at(day: datetime.date, hour: int, zone: str) -> datetime.datetime:
    """A wall-clock time on ``day`` in ``zone``, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(zone))


def cooperation_world(*, now: datetime.datetime | None = None) -> dict:
    """One partnership with everything its pages show, relative to ``now``:

    - both sides' friendship groups with members (a chair in a post), delegations to the IPU and the OSCE PA;
    - an ambassador (embassy post) and a chamber president (chamber post) — the registry roles a meeting copies;
    - a meeting 40 days ago (recorded with ``meeting_record``) and an older one; follow-ups of the last one: one
      overdue, one open and due later, one done since the meeting with evidence; one done long before;
    - press releases: published (five languages), embargoed (tomorrow), draft (no date);
    - an agreement in force expiring in 30 days (inside its 90-day reminder window), a draft one;
    - a programme with activities: past and held, next in Almaty and in Brussels, embargoed, unpublished, cancelled.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    w: dict = {"now": now, "today": today}
    p = w["partnership"] = partnership(**texts(
        "summary", en="Cooperation between two parliaments.", fr="Coopération entre deux parlements."))
    ours, theirs = p.parliament, p.counterpart
    w["chamber"] = organization("Chamber of Representatives", "chamber", parent=theirs)
    w["embassy"] = organization("Embassy of Kazakhstan in Belgium", "embassy")
    w["ipu"] = organization("Inter-Parliamentary Union", "international_assembly")
    w["osce"] = organization("OSCE Parliamentary Assembly", "international_assembly")

    w["ambassador"] = person("Roman Vassilenko")
    w["ambassador_membership"] = member(w["ambassador"], w["embassy"], post_label="Ambassador of Kazakhstan to Belgium",
                                        kk="Қазақстанның Бельгиядағы Елшісі", ru="Посол Казахстана в Бельгии",
                                        fr="Ambassadeur du Kazakhstan en Belgique")
    w["president"] = person("Peter De Roover")
    w["president_membership"] = member(w["president"], w["chamber"],
                                       post_label="President of the Chamber of Representatives", start="2024-07-01",
                                       fr="Président de la Chambre des représentants",
                                       nl="Voorzitter van de Kamer van volksvertegenwoordigers")
    # An older post that had ended before the meeting: must not be the role copied.
    member(w["president"], w["chamber"], post_label="Quaestor", start="2019-01-01", end="2024-06-30")

    w["kz_chair"] = person("Aigerim Demo")
    member(w["kz_chair"], p.our_friendship_group, post_label="Chair of the friendship group")
    w["kz_member"] = person("Yerlan Example")
    member(w["kz_member"], p.our_friendship_group)
    w["be_member"] = person("Sofie Voorbeeld")
    member(w["be_member"], p.partner_friendship_group)
    w["former_member"] = person("Former Member")
    member(w["former_member"], p.our_friendship_group, start="2019-01-01", end="2021-12-31")

    w["kz_ipu"] = organization("Delegation of Kazakhstan to the IPU", "delegation", parent=ours)
    w["be_osce"] = organization("Belgian delegation to the OSCE PA", "delegation", parent=theirs)
    AssemblyDelegation.objects.create(parliament=ours, delegation=w["kz_ipu"], assembly=w["ipu"])
    AssemblyDelegation.objects.create(parliament=theirs, delegation=w["be_osce"], assembly=w["osce"])
    w["kz_delegate"] = person("Delegate Kazakh")
    member(w["kz_delegate"], w["kz_ipu"], role="head")
    w["be_delegate"] = person("Delegate Belgian")
    member(w["be_delegate"], w["be_osce"])

    meeting_day = today - datetime.timedelta(days=40)
    w["old_meeting"] = services.meeting_record(
        partnership=p, start=at(today - datetime.timedelta(days=400), 10, ALMATY), timezone=ALMATY,
        **texts("title", en="Earlier meeting in Astana"), participants=[w["ambassador"]])
    w["meeting"] = services.meeting_record(
        partnership=p, start=at(meeting_day, 11, BRUSSELS), end=at(meeting_day, 12, BRUSSELS), timezone=BRUSSELS,
        **texts("title", en="Meeting at the Palace of the Nation", fr="Rencontre au Palais de la Nation",
                kk="Ұлт сарайындағы кездесу"),
        **texts("place", en="Palace of the Nation, Brussels", fr="Palais de la Nation, Bruxelles"),
        **texts("topics", en="Parliamentary reform\nJoint calendar of activities"),
        **texts("summary", en="The parties discussed cooperation.\n\nThey agreed to meet again."),
        **texts("outcomes", en="Work on a joint calendar of activities continues."),
        participants=[{"person": w["ambassador"], "side": Side.OURS},
                      {"person": w["president"], "side": Side.PARTNER}],
        follow_ups=[
            {**texts("title", en="Send the reform briefing note"), "owner_organization": w["embassy"],
             "side": Side.OURS, "due_on": today - datetime.timedelta(days=10)},
            {**texts("title", en="Prepare a joint IPU initiative"), "owner_organization": w["be_osce"],
             "side": Side.PARTNER, "due_on": today + datetime.timedelta(days=60)},
            {**texts("title", en="Exchange friendship group rosters"), "owner_person": w["kz_chair"],
             "side": Side.OURS, "due_on": today - datetime.timedelta(days=5)},
        ])
    w["overdue"], w["open_later"], w["done_since"] = (
        w["meeting"].commitments.get(title_en=title) for title in (
            "Send the reform briefing note", "Prepare a joint IPU initiative", "Exchange friendship group rosters"))
    services.commitment_set_status(commitment=w["done_since"], status="done",
                                   evidence="Rosters exchanged by email.", on=today - datetime.timedelta(days=7))
    w["done_since"].refresh_from_db()
    w["done_before"] = commitment(p, "Agree the agenda of the first meeting", meeting=w["old_meeting"],
                                  status="done", evidence="Agenda agreed.",
                                  closed_on=today - datetime.timedelta(days=300),
                                  due_on=today - datetime.timedelta(days=310))
    w["unpublished_commitment"] = commitment(p, "Internal: prepare talking points", is_published=False,
                                             due_on=today - datetime.timedelta(days=1), meeting=w["meeting"])
    Document.objects.create(partnership=p, meeting=w["meeting"], **texts("title", en="Minutes of the meeting"),
                            url="https://example.org/minutes.pdf", language="en")

    w["press"] = PressRelease.objects.create(
        partnership=p, meeting=w["meeting"], published_at=now - datetime.timedelta(days=39),
        **texts("title", en="Cooperation gains new momentum", kk="Ынтымақтастық жаңа серпін алады",
                ru="Сотрудничество получит новый импульс", fr="La coopération prend un nouvel élan",
                nl="Samenwerking krijgt nieuw elan"),
        **texts("lead", en="The ambassador met the President of the Chamber.",
                fr="L'ambassadeur a rencontré le président de la Chambre."),
        **texts("body", en="Full text in English.", kk="Толық мәтін.", ru="Полный текст.",
                fr="Texte complet en français.", nl="Volledige tekst."))
    w["embargoed_press"] = PressRelease.objects.create(
        partnership=p, published_at=now + datetime.timedelta(days=1), **texts("title", en="Embargoed announcement"),
        **texts("body", en="Not yet."))
    w["draft_press"] = PressRelease.objects.create(partnership=p, **texts("title", en="Draft announcement"),
                                                   **texts("body", en="Draft."))

    w["agreement"] = Agreement.objects.create(
        partnership=p, kind=Agreement.Kind.MEMORANDUM, status=Agreement.Status.IN_FORCE,
        **texts("title", en="Memorandum on interparliamentary cooperation",
                fr="Mémorandum sur la coopération interparlementaire"),
        **texts("text", en="1. The parties shall consult regularly.\n2. This memorandum runs for one year."),
        signed_on=today - datetime.timedelta(days=330), signed_at_place="Brussels",
        in_force_from=today - datetime.timedelta(days=335), expires_on=today + datetime.timedelta(days=30),
        remind_days_before=90)
    AgreementSignatory.objects.create(agreement=w["agreement"], person=w["ambassador"], side=Side.OURS,
                                      **texts("role", en="Ambassador of Kazakhstan to Belgium"))
    AgreementSignatory.objects.create(agreement=w["agreement"], person=w["president"], side=Side.PARTNER,
                                      **texts("role", en="President of the Chamber of Representatives"))
    w["draft_agreement"] = Agreement.objects.create(partnership=p, **texts("title", en="Protocol on staff exchanges"),
                                                    kind=Agreement.Kind.PROTOCOL)

    prog = w["programme"] = programme(p)
    w["past_activity"] = activity(prog, "Video conference of the friendship groups",
                                  start=at(today - datetime.timedelta(days=20), 10, BRUSSELS), zone=BRUSSELS,
                                  kind=Activity.Kind.VIDEO_CONFERENCE, statuses=("agreed", "scheduled", "held"))
    w["next_almaty"] = activity(prog, "Round table on parliamentary reform",
                                start=at(today + datetime.timedelta(days=10), 10, ALMATY), zone=ALMATY,
                                city_en="Astana", statuses=("agreed", "scheduled"))
    w["next_brussels"] = activity(prog, "Visit of a delegation to Brussels",
                                  start=at(today + datetime.timedelta(days=20), 9, BRUSSELS), zone=BRUSSELS,
                                  kind=Activity.Kind.VISIT_OUTGOING, city_en="Brussels", statuses=("agreed",))
    w["embargoed_activity"] = activity(prog, "Secret visit", start=at(today + datetime.timedelta(days=15), 9, ALMATY),
                                       embargo_until=now + datetime.timedelta(days=12))
    w["unpublished_activity"] = activity(prog, "Unpublished consultation",
                                         start=at(today + datetime.timedelta(days=16), 9, ALMATY), is_published=False)
    w["cancelled_activity"] = activity(prog, "Cancelled side event",
                                       start=at(today + datetime.timedelta(days=17), 9, BRUSSELS), zone=BRUSSELS,
                                       statuses=("cancelled",))
    return w
