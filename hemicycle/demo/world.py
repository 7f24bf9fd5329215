"""The demo world: two parliaments, the people of the news item, and clearly labelled demo members.

Real institutions and the people named in the news item that started Hemicycle are real records (``is_demo``
false) with facts we are sure of; everything invented for the demonstration — members, groups, committees'
membership, the date of the succession — is marked ``is_demo`` and shown with a "demo data" badge.
Loading is idempotent: every record has a public id derived from its key here, so a second load updates in place.
"""

import datetime

from django.conf import settings
from django.db import transaction

from hemicycle.core.ids import derived_public_id
from hemicycle.core.translations import translated_fields
from hemicycle.people.models import Area, Membership, Organization, Person, Post, Succession

DEMO_SCHEME = "hemicycle-demo"
LANGS = tuple(settings.MODELTRANSLATION_LANGUAGES)

# The date the Kurultai takes over from the Senate and the Mazhilis in this demo. The referendum of 15 March 2026
# approved the single chamber; the date of the hand-over here is an assumption made for the demonstration.
SUCCESSION_DATE = datetime.date(2026, 7, 1)

C = Organization.Classification


def t(kk="", ru="", en="", fr="", nl="", de="") -> dict:
    """A text in six languages (empty where no translation is given: the page then shows a fallback)."""
    return {"kk": kk, "ru": ru, "en": en, "fr": fr, "nl": nl, "de": de}


def same(text: str) -> dict:
    return t(text, text, text, text, text, text)


AREAS = {
    "kz": dict(name=t("Қазақстан", "Казахстан", "Kazakhstan", "Kazakhstan", "Kazachstan", "Kasachstan"),
               classification="country", division_id="ocd-division/country:kz"),
    "be": dict(name=t("Бельгия", "Бельгия", "Belgium", "Belgique", "België", "Belgien"),
               classification="country", division_id="ocd-division/country:be"),
}

# key: (classification, parent key, name, extra fields)
ORGANIZATIONS = {
    # Kazakhstan
    "kz-parliament": dict(
        classification=C.PARLIAMENT, area="kz", founding_date="1995-12",
        name=t("Қазақстан Республикасының Парламенті", "Парламент Республики Казахстан",
               "Parliament of the Republic of Kazakhstan", "Parlement de la République du Kazakhstan",
               "Parlement van de Republiek Kazachstan", "Parlament der Republik Kasachstan"),
        abstract=t("Қазақстанның заң шығарушы органы.", "Высший представительный орган Республики Казахстан.",
                   "The legislature of the Republic of Kazakhstan.",
                   "Le pouvoir législatif de la République du Kazakhstan.",
                   "De wetgevende macht van de Republiek Kazachstan.",
                   "Die Legislative der Republik Kasachstan.")),
    "kz-senate": dict(
        classification=C.CHAMBER, parent="kz-parliament", founding_date="1995-12",
        dissolution_date=SUCCESSION_DATE.isoformat(), seats=50,
        name=t("Қазақстан Республикасы Парламентінің Сенаты", "Сенат Парламента Республики Казахстан",
               "Senate of the Parliament of Kazakhstan", "Sénat du Parlement du Kazakhstan",
               "Senaat van het Parlement van Kazachstan", "Senat des Parlaments von Kasachstan"),
        abstract=t(en="The upper chamber until the reform to a single chamber.",
                   ru="Верхняя палата до перехода к однопалатному парламенту.")),
    "kz-mazhilis": dict(
        classification=C.CHAMBER, parent="kz-parliament", founding_date="1995-12",
        dissolution_date=SUCCESSION_DATE.isoformat(), seats=98,
        name=t("Қазақстан Республикасы Парламентінің Мәжілісі", "Мажилис Парламента Республики Казахстан",
               "Mazhilis of the Parliament of Kazakhstan", "Majilis du Parlement du Kazakhstan",
               "Mazhilis van het Parlement van Kazachstan", "Mäschilis des Parlaments von Kasachstan"),
        abstract=t(en="The lower chamber until the reform to a single chamber.",
                   ru="Нижняя палата до перехода к однопалатному парламенту.")),
    "kz-kurultai": dict(
        classification=C.CHAMBER, parent="kz-parliament", founding_date=SUCCESSION_DATE.isoformat(), seats=145,
        name=t("Құрылтай", "Курултай", "Kurultai", "Kurultaï", "Kurultai", "Kurultai"),
        abstract=t("Бір палаталы парламент: 145 депутат.", "Однопалатный парламент из 145 депутатов.",
                   "The single chamber of 145 members approved by the referendum of 15 March 2026.",
                   "La chambre unique de 145 membres approuvée par le référendum du 15 mars 2026.",
                   "De enige kamer van 145 leden, goedgekeurd bij het referendum van 15 maart 2026.", "")),
    "kz-kurultai-foreign": dict(
        classification=C.COMMITTEE, parent="kz-kurultai", demo=True,
        name=t("Халықаралық істер, қорғаныс және қауіпсіздік комитеті",
               "Комитет по международным делам, обороне и безопасности",
               "Committee on International Affairs, Defence and Security",
               "Commission des affaires internationales, de la défense et de la sécurité",
               "Commissie voor Internationale Zaken, Defensie en Veiligheid",
               "Ausschuss für internationale Angelegenheiten, Verteidigung und Sicherheit")),
    "kz-kurultai-legislation": dict(
        classification=C.COMMITTEE, parent="kz-kurultai", demo=True,
        name=t("Заңнама және сот-құқықтық реформа комитеті",
               "Комитет по законодательству и судебно-правовой реформе",
               "Committee on Legislation and Judicial Reform",
               "Commission de la législation et de la réforme judiciaire",
               "Commissie voor Wetgeving en Justitiële Hervorming",
               "Ausschuss für Gesetzgebung und Justizreform")),
    "kz-mazhilis-foreign": dict(
        classification=C.COMMITTEE, parent="kz-mazhilis", dissolution_date=SUCCESSION_DATE.isoformat(), demo=True,
        name=t("Мәжілістің Халықаралық істер, қорғаныс және қауіпсіздік комитеті",
               "Комитет Мажилиса по международным делам, обороне и безопасности",
               "Mazhilis Committee on International Affairs, Defence and Security",
               "Commission des affaires internationales du Majilis", "", "")),
    "kz-friendship-be": dict(
        classification=C.FRIENDSHIP_GROUP, parent="kz-kurultai", demo=True,
        name=t("Қазақстан–Бельгия парламентаралық достық тобы",
               "Группа межпарламентского сотрудничества «Казахстан – Бельгия»",
               "Kazakhstan–Belgium Parliamentary Friendship Group",
               "Groupe d'amitié parlementaire Kazakhstan–Belgique",
               "Parlementaire vriendschapsgroep Kazachstan–België",
               "Parlamentarische Freundschaftsgruppe Kasachstan–Belgien")),
    "kz-delegation-osce": dict(
        classification=C.DELEGATION, parent="kz-kurultai", demo=True,
        name=t("ЕҚЫҰ ПА-дағы Қазақстан делегациясы", "Делегация Казахстана в ПА ОБСЕ",
               "Delegation of Kazakhstan to the OSCE Parliamentary Assembly",
               "Délégation du Kazakhstan à l'Assemblée parlementaire de l'OSCE",
               "Delegatie van Kazachstan bij de Parlementaire Assemblee van de OVSE",
               "Delegation Kasachstans in der Parlamentarischen Versammlung der OSZE")),
    "kz-delegation-ipu": dict(
        classification=C.DELEGATION, parent="kz-kurultai", demo=True,
        name=t("Парламентаралық одақтағы Қазақстан делегациясы", "Делегация Казахстана в Межпарламентском союзе",
               "Delegation of Kazakhstan to the Inter-Parliamentary Union",
               "Délégation du Kazakhstan à l'Union interparlementaire",
               "Delegatie van Kazachstan bij de Interparlementaire Unie",
               "Delegation Kasachstans in der Interparlamentarischen Union")),
    "kz-president-office": dict(
        classification=C.GOVERNMENT_BODY, area="kz",
        name=t("Қазақстан Республикасының Президенті", "Президент Республики Казахстан",
               "Presidency of the Republic of Kazakhstan", "Présidence de la République du Kazakhstan",
               "Presidentschap van de Republiek Kazachstan", "Präsidentschaft der Republik Kasachstan")),
    "kz-mfa": dict(
        classification=C.GOVERNMENT_BODY, area="kz",
        name=t("Қазақстан Республикасының Сыртқы істер министрлігі",
               "Министерство иностранных дел Республики Казахстан",
               "Ministry of Foreign Affairs of the Republic of Kazakhstan",
               "Ministère des Affaires étrangères de la République du Kazakhstan",
               "Ministerie van Buitenlandse Zaken van de Republiek Kazachstan",
               "Außenministerium der Republik Kasachstan")),
    "kz-embassy-be": dict(
        classification=C.EMBASSY, parent="kz-mfa", area="be",
        name=t("Қазақстан Республикасының Бельгия Корольдігіндегі Елшілігі",
               "Посольство Республики Казахстан в Королевстве Бельгия",
               "Embassy of the Republic of Kazakhstan to the Kingdom of Belgium",
               "Ambassade de la République du Kazakhstan auprès du Royaume de Belgique",
               "Ambassade van de Republiek Kazachstan in het Koninkrijk België",
               "Botschaft der Republik Kasachstan im Königreich Belgien")),
    # Belgium
    "be-parliament": dict(
        classification=C.PARLIAMENT, area="be", founding_date="1831",
        name=t("Бельгияның Федералдық парламенті", "Федеральный парламент Бельгии", "Belgian Federal Parliament",
               "Parlement fédéral belge", "Federaal Parlement van België", "Föderales Parlament Belgiens"),
        abstract=t(en="The legislature of the Kingdom of Belgium: the Chamber of Representatives and the Senate.",
                   fr="Le pouvoir législatif du Royaume de Belgique : la Chambre des représentants et le Sénat.",
                   nl="De wetgevende macht van het Koninkrijk België: de Kamer van volksvertegenwoordigers en de "
                      "Senaat.",
                   de="Die Legislative des Königreichs Belgien: die Abgeordnetenkammer und der Senat.")),
    "be-chamber": dict(
        classification=C.CHAMBER, parent="be-parliament", founding_date="1831", seats=150,
        name=t("Бельгияның Өкілдер палатасы", "Палата представителей Бельгии",
               "Chamber of Representatives", "Chambre des représentants", "Kamer van volksvertegenwoordigers",
               "Abgeordnetenkammer")),
    "be-senate": dict(
        classification=C.CHAMBER, parent="be-parliament", founding_date="1831", seats=60,
        name=t("Бельгия Сенаты", "Сенат Бельгии", "Senate of Belgium", "Sénat de Belgique", "Belgische Senaat",
               "Senat von Belgien")),
    "be-chamber-foreign": dict(
        classification=C.COMMITTEE, parent="be-chamber",
        name=t("Сыртқы қатынастар комиссиясы", "Комиссия по внешним связям", "Committee on External Relations",
               "Commission des Relations extérieures", "Commissie voor Buitenlandse Betrekkingen",
               "Ausschuss für Auswärtige Beziehungen")),
    "be-friendship-kz": dict(
        classification=C.FRIENDSHIP_GROUP, parent="be-chamber", demo=True,
        name=t("Бельгия–Қазақстан достық тобы", "Группа дружбы «Бельгия – Казахстан»",
               "Belgium–Kazakhstan Friendship Group", "Groupe d'amitié Belgique–Kazakhstan",
               "Vriendschapsgroep België–Kazachstan", "Freundschaftsgruppe Belgien–Kasachstan")),
    "be-delegation-ipu": dict(
        classification=C.DELEGATION, parent="be-parliament", demo=True,
        name=t("Бельгияның ПАО-дағы делегациясы", "Делегация Бельгии в МПС",
               "Belgian delegation to the Inter-Parliamentary Union",
               "Délégation belge à l'Union interparlementaire",
               "Belgische delegatie bij de Interparlementaire Unie",
               "Belgische Delegation in der Interparlamentarischen Union")),
    "be-delegation-osce": dict(
        classification=C.DELEGATION, parent="be-parliament", demo=True,
        name=t("ЕҚЫҰ ПА-дағы Бельгия делегациясы", "Делегация Бельгии в ПА ОБСЕ",
               "Belgian delegation to the OSCE Parliamentary Assembly",
               "Délégation belge à l'Assemblée parlementaire de l'OSCE",
               "Belgische delegatie bij de Parlementaire Assemblee van de OVSE",
               "Belgische Delegation in der Parlamentarischen Versammlung der OSZE")),
    # International assemblies (real bodies)
    "ipu": dict(classification=C.INTERNATIONAL_ASSEMBLY, founding_date="1889",
                name=t("Парламентаралық одақ", "Межпарламентский союз", "Inter-Parliamentary Union",
                       "Union interparlementaire", "Interparlementaire Unie", "Interparlamentarische Union")),
    "osce-pa": dict(classification=C.INTERNATIONAL_ASSEMBLY, founding_date="1991",
                    name=t("ЕҚЫҰ Парламенттік Ассамблеясы", "Парламентская ассамблея ОБСЕ",
                           "OSCE Parliamentary Assembly", "Assemblée parlementaire de l'OSCE",
                           "Parlementaire Assemblee van de OVSE", "Parlamentarische Versammlung der OSZE")),
    "pace": dict(classification=C.INTERNATIONAL_ASSEMBLY, founding_date="1949",
                 name=t("Еуропа Кеңесінің Парламенттік Ассамблеясы", "Парламентская ассамблея Совета Европы",
                        "Parliamentary Assembly of the Council of Europe",
                        "Assemblée parlementaire du Conseil de l'Europe",
                        "Parlementaire Assemblee van de Raad van Europa",
                        "Parlamentarische Versammlung des Europarates")),
    "cis-ipa": dict(classification=C.INTERNATIONAL_ASSEMBLY, founding_date="1992",
                    name=t("ТМД Парламентаралық Ассамблеясы", "Межпарламентская ассамблея СНГ",
                           "Interparliamentary Assembly of the CIS", "Assemblée interparlementaire de la CEI",
                           "Interparlementaire Assemblee van het GOS", "Interparlamentarische Versammlung der GUS")),
    "turkpa": dict(classification=C.INTERNATIONAL_ASSEMBLY, founding_date="2008",
                   name=t("Түркі елдерінің парламенттік ассамблеясы (ТүркПА)",
                          "Парламентская ассамблея тюркоязычных стран (ТюркПА)",
                          "Parliamentary Assembly of Turkic States (TURKPA)",
                          "Assemblée parlementaire des pays turcophones (TURKPA)", "", "")),
}

PEOPLE = {
    "tokayev": dict(
        name=t("Қасым-Жомарт Тоқаев", "Касым-Жомарт Токаев", "Kassym-Jomart Tokayev", "Kassym-Jomart Tokaïev",
               "Kassym-Zjomart Tokajev", "Qassym-Schomart Toqajew"),
        sort_name="Tokayev, Kassym-Jomart", given_name="Kassym-Jomart", family_name="Tokayev",
        gender="male", birth_date="1953-05-17"),
    "vassilenko": dict(
        name=t("Роман Василенко", "Роман Василенко", "Roman Vassilenko", "Roman Vassilenko", "Roman Vassilenko",
               "Roman Vassilenko"),
        sort_name="Vassilenko, Roman", given_name="Roman", family_name="Vassilenko", gender="male"),
    "de-roover": dict(
        name=same("Peter De Roover"), sort_name="De Roover, Peter", given_name="Peter", family_name="De Roover",
        gender="male"),
}

POSTS = {
    "kz-president": dict(
        organization="kz-president-office",
        label=t("Қазақстан Республикасының Президенті", "Президент Республики Казахстан",
                "President of the Republic of Kazakhstan", "Président de la République du Kazakhstan",
                "President van de Republiek Kazachstan", "Präsident der Republik Kasachstan"),
        role="Head of State"),
    "kz-ambassador-be": dict(
        organization="kz-embassy-be",
        label=t("Қазақстан Республикасының Бельгия Корольдігіндегі Елшісі",
                "Посол Республики Казахстан в Королевстве Бельгия",
                "Ambassador of Kazakhstan to Belgium", "Ambassadeur du Kazakhstan en Belgique",
                "Ambassadeur van Kazachstan in België", "Botschafter Kasachstans in Belgien"),
        role="Ambassador"),
    "be-chamber-president": dict(
        organization="be-chamber",
        label=t("Өкілдер палатасының Төрағасы", "Председатель Палаты представителей",
                "President of the Chamber of Representatives", "Président de la Chambre des représentants",
                "Voorzitter van de Kamer van volksvertegenwoordigers", "Präsident der Abgeordnetenkammer"),
        role="President"),
}

# (person, organization, post, role, start, end)
REAL_MEMBERSHIPS = [
    ("tokayev", "kz-president-office", "kz-president", "Head of State", "2019-03-20", ""),
    ("vassilenko", "kz-embassy-be", "kz-ambassador-be", "Ambassador", "", ""),
    ("de-roover", "be-chamber", "be-chamber-president", "President", "2025", ""),
    ("de-roover", "be-chamber", None, "member", "2010", ""),
]

DEMO_GROUPS = {
    "kz-group-a": dict(parent="kz-kurultai", name=t("«Бірлік» фракциясы (демо)", "Фракция «Бирлик» (демо)",
                                                     "Birlik faction (demo)", "Faction Birlik (démo)",
                                                     "Fractie Birlik (demo)", "Fraktion Birlik (Demo)")),
    "kz-group-b": dict(parent="kz-kurultai", name=t("«Дала» фракциясы (демо)", "Фракция «Дала» (демо)",
                                                     "Dala faction (demo)", "Faction Dala (démo)",
                                                     "Fractie Dala (demo)", "Fraktion Dala (Demo)")),
    "be-group-a": dict(parent="be-chamber", name=t("Солтүстік тобы (демо)", "Группа «Север» (демо)",
                                                    "North group (demo)", "Groupe Nord (démo)",
                                                    "Fractie Noord (demo)", "Fraktion Nord (Demo)")),
    "be-group-b": dict(parent="be-chamber", name=t("Оңтүстік тобы (демо)", "Группа «Юг» (демо)",
                                                    "South group (demo)", "Groupe Sud (démo)",
                                                    "Fractie Zuid (demo)", "Fraktion Süd (Demo)")),
}

# Invented members: (key, name, gender, chamber, group, committee or friendship group, role there)
DEMO_MEMBERS = [
    ("kz-m1", "Aigerim Demo-Nurlanqyzy", "female", "kz-kurultai", "kz-group-a", "kz-friendship-be", "chair"),
    ("kz-m2", "Daulet Demo-Serikuly", "male", "kz-kurultai", "kz-group-a", "kz-kurultai-foreign", "chair"),
    ("kz-m3", "Saule Demo-Bolatqyzy", "female", "kz-kurultai", "kz-group-b", "kz-friendship-be", "member"),
    ("kz-m4", "Yerlan Demo-Askaruly", "male", "kz-kurultai", "kz-group-b", "kz-kurultai-legislation", "chair"),
    ("kz-m5", "Gulnara Demo-Maratqyzy", "female", "kz-kurultai", "kz-group-a", "kz-delegation-osce", "head"),
    ("kz-m6", "Timur Demo-Kairatuly", "male", "kz-kurultai", "kz-group-b", "kz-delegation-ipu", "head"),
    ("be-m1", "An Demo-Peeters", "female", "be-chamber", "be-group-a", "be-friendship-kz", "chair"),
    ("be-m2", "Luc Demo-Dubois", "male", "be-chamber", "be-group-b", "be-friendship-kz", "member"),
    ("be-m3", "Sofie Demo-Janssens", "female", "be-chamber", "be-group-a", "be-chamber-foreign", "member"),
    ("be-m4", "Karim Demo-Lambert", "male", "be-chamber", "be-group-b", "be-delegation-ipu", "head"),
    ("be-m5", "Anna Demo-Schmitz", "female", "be-chamber", "be-group-a", "be-delegation-osce", "head"),
    ("be-m6", "Pieter Demo-Maes", "male", "be-chamber", "be-group-b", "be-friendship-kz", "member"),
]

# Members of the Mazhilis whose terms passed to the Kurultai on the succession date.
CARRIED_OVER = {"kz-m1", "kz-m2", "kz-m3"}


def _pid(kind: str, key: str) -> str:
    return derived_public_id(kind, scheme=DEMO_SCHEME, source_id=key)


def _upsert(model, kind: str, key: str, fields: dict):
    obj, _created = model.objects.update_or_create(public_id=_pid(kind, key), defaults=fields)
    return obj


@transaction.atomic
def load_demo_world() -> dict:
    """Load (or refresh) the demo world; returns counts of what it holds."""
    areas = {}
    for key, spec in AREAS.items():
        areas[key] = _upsert(Area, "area", key, {**translated_fields("name", spec["name"]),
                                                 "classification": spec["classification"],
                                                 "division_id": spec["division_id"]})
    orgs = {}
    for key, spec in {**ORGANIZATIONS, **{k: {**v, "classification": C.POLITICAL_GROUP, "demo": True}
                                            for k, v in DEMO_GROUPS.items()}}.items():
        fields = {
            **translated_fields("name", spec["name"]),
            **translated_fields("abstract", spec.get("abstract", {})),
            "classification": spec["classification"],
            "parent": orgs.get(spec.get("parent")),
            "area": areas.get(spec.get("area")),
            "founding_date": spec.get("founding_date", ""),
            "dissolution_date": spec.get("dissolution_date", ""),
            "seats": spec.get("seats"),
            "is_demo": spec.get("demo", False),
        }
        orgs[key] = _upsert(Organization, "organization", key, fields)

    for predecessor in ("kz-senate", "kz-mazhilis"):
        Succession.objects.update_or_create(
            predecessor=orgs[predecessor], successor=orgs["kz-kurultai"],
            defaults={"date": SUCCESSION_DATE, **translated_fields("note", t(
                "Бір палаталы парламентке көшу (демо күні).",
                "Переход к однопалатному парламенту (дата для демонстрации).",
                "Transition to a single-chamber parliament (date set for the demonstration).",
                "Passage à un parlement monocaméral (date fixée pour la démonstration).",
                "Overgang naar een parlement met één kamer (datum vastgelegd voor de demonstratie).",
                "Übergang zu einem Einkammerparlament (Datum für die Demonstration festgelegt)."))})

    people = {}
    for key, spec in PEOPLE.items():
        fields = {k: v for k, v in spec.items() if k != "name"}
        people[key] = _upsert(Person, "person", key, {**translated_fields("name", spec["name"]), **fields})

    posts = {}
    for key, spec in POSTS.items():
        posts[key] = _upsert(Post, "post", key, {**translated_fields("label", spec["label"]), "role": spec["role"],
                                                 "organization": orgs[spec["organization"]]})

    for person, org, post, role, start, end in REAL_MEMBERSHIPS:
        _upsert(Membership, "membership", f"{person}|{org}|{post or role}", {
            "person": people[person], "organization": orgs[org], "post": posts.get(post), "role": role,
            "start_date": start, "end_date": end})

    succession = SUCCESSION_DATE.isoformat()
    day_before = (SUCCESSION_DATE - datetime.timedelta(days=1)).isoformat()
    for key, name, gender, chamber, group, body, role in DEMO_MEMBERS:
        given, family = name.split(" ", 1)
        person = _upsert(Person, "person", key, {
            **translated_fields("name", same(name)), "sort_name": f"{family}, {given}", "given_name": given,
            "family_name": family, "gender": gender, "is_demo": True,
            **translated_fields("summary", t(kk="Демо депутат.", ru="Демонстрационный депутат.",
                                       en="Invented member for the demonstration.",
                                       fr="Membre inventé pour la démonstration.",
                                       nl="Verzonnen lid voor de demonstratie.",
                                       de="Erfundenes Mitglied für die Demonstration."))})
        start = succession if chamber == "kz-kurultai" else "2024-07-09"
        _upsert(Membership, "membership", f"{key}|{chamber}", {
            "person": person, "organization": orgs[chamber], "role": "member", "on_behalf_of": orgs[group],
            "start_date": start, "end_date": "", "is_demo": True})
        _upsert(Membership, "membership", f"{key}|{group}", {
            "person": person, "organization": orgs[group], "role": "member", "start_date": start,
            "is_demo": True})
        _upsert(Membership, "membership", f"{key}|{body}", {
            "person": person, "organization": orgs[body], "role": role, "start_date": start, "is_demo": True})
        if key in CARRIED_OVER:
            _upsert(Membership, "membership", f"{key}|kz-mazhilis", {
                "person": person, "organization": orgs["kz-mazhilis"], "role": "member",
                "on_behalf_of": orgs[group], "start_date": "2023-03-29", "end_date": day_before,
                "is_demo": True})

    from hemicycle.demo.cooperation import load_cooperation_demo

    cooperation = load_cooperation_demo(orgs=orgs, people=people, posts=posts)
    return {
        **cooperation,
        "areas": Area.objects.count(),
        "organizations": Organization.objects.count(),
        "persons": Person.objects.count(),
        "posts": Post.objects.count(),
        "memberships": Membership.objects.count(),
    }
