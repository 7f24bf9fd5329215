"""Demo legislation: clearly labelled demo bills with structured texts, versions, amendments, stage histories,
sittings and roll-call votes of the Kurultai's 145 members.

Everything made here is ``is_demo`` and every bill's title ends with "(demo)" in its language. Output depends only
on the seed, the vote budget and what demo bills already exist (a second run adds bills with new numbers; ``reset``
removes the demo bills first). Every stage move obeys the workflow (``procedure.check_move``); each vote event is a
roll-call of all 145 members, and the rows of a batch of bills are written at once (COPY on PostgreSQL); adopted
amendments are applied to the text with ``texts.apply_amendments``, and the next version records which amendment
gave each provision its wording.

A vote budget (``votes``) shapes a large data set like a real parliament's backlog: bills take their full course,
votes included, while the individual votes recorded so far are below the budget's share for the bills made so far;
the others stop before their first vote (in committee, amendments tabled, awaiting the plenary).
"""

import dataclasses
import datetime
import random
import zoneinfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max

from hemicycle.core.ids import derived_public_id
from hemicycle.core.translations import translated_fields
from hemicycle.legislation import services
from hemicycle.legislation.models import (
    AgendaItem,
    Amendment,
    Bill,
    BillDocument,
    BillStageChange,
    BillType,
    BillVersion,
    Sitting,
    Stage,
    Vote,
    VoteEvent,
)
from hemicycle.legislation.procedure import check_move
from hemicycle.legislation.texts import AmendmentSpec, apply_amendments
from hemicycle.legislation.workflows import ensure_default_workflows, stage_names, transition_pairs
from hemicycle.people.models import Membership, Organization, Person

LANGS = tuple(settings.MODELTRANSLATION_LANGUAGES)
SCHEME = "hemicycle-demo"
SEATS = 145
BATCH = 50
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
#: Demo bills are registered between these dates (the Kurultai sits from the succession date of the demo world).
FIRST_DAY = datetime.date(2026, 7, 1)
#: Nothing happens after this day (a fixed "today" keeps the output the same whenever it is generated).
LAST_DAY = datetime.date(2026, 11, 27)
DEMO_SUFFIX = {"kk": " (демо)", "ru": " (демо)", "en": " (demo)", "fr": " (démo)", "nl": " (demo)", "de": " (Demo)"}


def _t(kk, ru, en, fr, nl, de) -> dict:
    return dict(zip(LANGS, (kk, ru, en, fr, nl, de), strict=True))


def _pid(kind: str, key: str) -> str:
    return derived_public_id(kind, scheme=SCHEME, source_id=key)


# --- words ------------------------------------------------------------------------------------------------------

TOPICS = [
    _t("су ресурстары", "водные ресурсы", "water resources", "ressources en eau", "watervoorraden",
       "Wasserressourcen"),
    _t("мемлекеттік сатып алу", "государственные закупки", "public procurement", "marchés publics",
       "overheidsopdrachten", "öffentliche Auftragsvergabe"),
    _t("цифрлық қызметтер", "цифровые услуги", "digital services", "services numériques", "digitale diensten",
       "digitale Dienste"),
    _t("мектепке дейінгі білім", "дошкольное образование", "pre-school education", "éducation préscolaire",
       "voorschools onderwijs", "frühkindliche Bildung"),
    _t("жол қауіпсіздігі", "безопасность дорожного движения", "road safety", "sécurité routière",
       "verkeersveiligheid", "Verkehrssicherheit"),
    _t("жергілікті өзін-өзі басқару", "местное самоуправление", "local self-government", "autonomie locale",
       "lokaal zelfbestuur", "kommunale Selbstverwaltung"),
    _t("жаңартылатын энергия", "возобновляемая энергия", "renewable energy", "énergies renouvelables",
       "hernieuwbare energie", "erneuerbare Energien"),
    _t("денсаулық сақтау", "здравоохранение", "public health", "santé publique", "volksgezondheid",
       "öffentliche Gesundheit"),
    _t("мәдени мұра", "культурное наследие", "cultural heritage", "patrimoine culturel", "cultureel erfgoed",
       "Kulturerbe"),
    _t("ауыл шаруашылығы", "сельское хозяйство", "agriculture", "agriculture", "landbouw", "Landwirtschaft"),
    _t("деректерді қорғау", "защита данных", "data protection", "protection des données", "gegevensbescherming",
       "Datenschutz"),
    _t("туризм", "туризм", "tourism", "tourisme", "toerisme", "Tourismus"),
]

TITLE = {"ordinary-law": _t("{topic} туралы заң", "Закон о сфере «{topic}»", "Law on {topic}",
                            "Loi relative à : {topic}", "Wet betreffende {topic}", "Gesetz über {topic}"),
         "constitutional-law": _t("Конституциялық заң: {topic}", "Конституционный закон: {topic}",
                                  "Constitutional law on {topic}", "Loi constitutionnelle : {topic}",
                                  "Grondwettelijke wet betreffende {topic}", "Verfassungsgesetz über {topic}"),
         "ratification": _t("{topic} жөніндегі келісімді ратификациялау туралы",
                            "О ратификации соглашения в сфере «{topic}»", "Ratification of the agreement on {topic}",
                            "Ratification de l'accord relatif à : {topic}",
                            "Goedkeuring van het akkoord betreffende {topic}",
                            "Ratifizierung des Abkommens über {topic}"),
         "budget": _t("{year} жылға арналған республикалық бюджет", "О республиканском бюджете на {year} год",
                      "Republican budget for {year}", "Budget de la République pour {year}",
                      "Begroting van de Republiek voor {year}", "Republikhaushalt {year}")}

CHAPTERS = [
    _t("Жалпы ережелер", "Общие положения", "General provisions", "Dispositions générales", "Algemene bepalingen",
       "Allgemeine Bestimmungen"),
    _t("Уәкілетті органдар", "Уполномоченные органы", "Competent authorities", "Autorités compétentes",
       "Bevoegde autoriteiten", "Zuständige Behörden"),
    _t("Азаматтардың құқықтары", "Права граждан", "Rights of citizens", "Droits des citoyens",
       "Rechten van burgers", "Rechte der Bürger"),
    _t("Қорытынды ережелер", "Заключительные положения", "Final provisions", "Dispositions finales",
       "Slotbepalingen", "Schlussbestimmungen"),
]

SENTENCES = [
    _t("Осы Заң «{topic}» саласындағы қатынастарды реттейді.",
       "Настоящий Закон регулирует отношения в сфере «{topic}».",
       "This Law governs relations in the field of {topic}.",
       "La présente loi régit les relations dans le domaine suivant : {topic}.",
       "Deze wet regelt de betrekkingen op het gebied van {topic}.",
       "Dieses Gesetz regelt die Beziehungen im Bereich {topic}."),
    _t("Уәкілетті орган өтінішті {n} жұмыс күні ішінде қарайды.",
       "Уполномоченный орган рассматривает заявление в течение {n} рабочих дней.",
       "The competent authority decides on an application within {n} working days.",
       "L'autorité compétente statue sur une demande dans un délai de {n} jours ouvrables.",
       "De bevoegde autoriteit beslist binnen {n} werkdagen over een aanvraag.",
       "Die zuständige Behörde entscheidet innerhalb von {n} Arbeitstagen über einen Antrag."),
    _t("Әр азамат ақпаратты тегін алуға құқылы.",
       "Каждый гражданин вправе бесплатно получать информацию.",
       "Every citizen has the right to obtain the information free of charge.",
       "Tout citoyen a le droit d'obtenir gratuitement l'information.",
       "Iedere burger heeft het recht de informatie kosteloos te verkrijgen.",
       "Jeder Bürger hat das Recht, die Informationen kostenlos zu erhalten."),
    _t("Үкімет жыл сайын Парламентке есеп береді.",
       "Правительство ежегодно представляет отчёт Парламенту.",
       "The Government reports to Parliament every year.",
       "Le Gouvernement fait rapport au Parlement chaque année.",
       "De regering brengt elk jaar verslag uit aan het Parlement.",
       "Die Regierung erstattet dem Parlament jährlich Bericht."),
    _t("Осы талаптарды бұзу {n} айлық есептік көрсеткішке дейін айыппұл салуға әкеп соғады.",
       "Нарушение этих требований влечёт штраф до {n} месячных расчётных показателей.",
       "A breach of these requirements is punishable by a fine of up to {n} monthly calculation units.",
       "La violation de ces exigences est punie d'une amende pouvant aller jusqu'à {n} unités de calcul.",
       "Een overtreding van deze eisen wordt bestraft met een boete tot {n} rekeneenheden.",
       "Ein Verstoß gegen diese Anforderungen wird mit einer Geldbuße bis zu {n} Recheneinheiten geahndet."),
    _t("Жергілікті атқарушы органдар өз құзыреті шегінде бағдарламаларды іске асырады.",
       "Местные исполнительные органы реализуют программы в пределах своей компетенции.",
       "Local executive bodies carry out the programmes within their competence.",
       "Les organes exécutifs locaux mettent en œuvre les programmes dans les limites de leurs compétences.",
       "Lokale uitvoerende organen voeren de programma's uit binnen hun bevoegdheid.",
       "Die örtlichen Exekutivorgane setzen die Programme im Rahmen ihrer Zuständigkeit um."),
    _t("Осы Заң алғашқы ресми жарияланған күнінен кейін {n} күн өткен соң қолданысқа енгізіледі.",
       "Настоящий Закон вводится в действие по истечении {n} дней после его первого официального опубликования.",
       "This Law enters into force {n} days after its first official publication.",
       "La présente loi entre en vigueur {n} jours après sa première publication officielle.",
       "Deze wet treedt in werking {n} dagen na de eerste officiële bekendmaking.",
       "Dieses Gesetz tritt {n} Tage nach seiner ersten amtlichen Verkündung in Kraft."),
    _t("Жеке деректер тек осы Заңда көзделген мақсаттар үшін өңделеді.",
       "Персональные данные обрабатываются только для целей, предусмотренных настоящим Законом.",
       "Personal data are processed only for the purposes this Law sets out.",
       "Les données personnelles ne sont traitées qu'aux fins prévues par la présente loi.",
       "Persoonsgegevens worden alleen verwerkt voor de doeleinden die deze wet bepaalt.",
       "Personenbezogene Daten werden nur zu den in diesem Gesetz genannten Zwecken verarbeitet."),
]

ARTICLE = _t("{n}-бап", "Статья {n}", "Article {n}", "Article {n}", "Artikel {n}", "Artikel {n}")

LABELS = {
    "committee": _t("Комитет қорытындысы мен бірінші оқылымнан кейін",
                    "После заключения комитета и первого чтения", "After the committee report and first reading",
                    "Après le rapport de la commission et la première lecture",
                    "Na het commissieverslag en de eerste lezing", "Nach Ausschussbericht und erster Lesung"),
    "amended": _t("Түзетулермен", "С поправками", "As amended", "Tel qu'amendé", "Zoals geamendeerd",
                  "In der geänderten Fassung"),
    "final": _t("Қабылданған мәтін", "Принятый текст", "As adopted", "Texte adopté", "Zoals aangenomen",
                "Angenommene Fassung"),
}

MOTIONS = {
    "first_reading": _t("Заң жобасы бірінші оқылымда", "Законопроект в первом чтении", "The bill at first reading",
                        "Le projet en première lecture", "Het voorstel in eerste lezing",
                        "Der Entwurf in erster Lesung"),
    "second_reading": _t("Заң жобасы тұтастай", "Законопроект в целом", "The bill as a whole (final vote)",
                         "Le projet dans son ensemble (vote final)", "Het voorstel in zijn geheel (eindstemming)",
                         "Der Entwurf als Ganzes (Schlussabstimmung)"),
    "reconsidered": _t("Заңды қайта қабылдау", "Повторное принятие закона", "Passing the law again",
                       "Nouvelle adoption de la loi", "Opnieuw aannemen van de wet",
                       "Erneute Beschlussfassung über das Gesetz"),
    "amendment": _t("№{n} түзету", "Поправка № {n}", "Amendment {n}", "Amendement n° {n}", "Amendement nr. {n}",
                    "Änderungsantrag Nr. {n}"),
}

SITTING_TITLES = {
    "plenary": _t("Құрылтайдың пленарлық отырысы", "Пленарное заседание Курултая", "Plenary sitting of the Kurultai",
                  "Séance plénière du Kurultaï", "Plenaire vergadering van de Kurultai",
                  "Plenarsitzung des Kurultai"),
    "committee": _t("Комитет отырысы", "Заседание комитета", "Committee sitting", "Réunion de commission",
                    "Commissievergadering", "Ausschusssitzung"),
}

GIVEN = ["Aibek", "Aliya", "Arman", "Asel", "Bakhyt", "Dana", "Dias", "Dinara", "Erbol", "Gaukhar", "Kairat",
         "Laura", "Madina", "Marat", "Nurlan", "Raushan", "Sanzhar", "Togzhan", "Ulan", "Zhanna"]
FAMILY = ["Abenov", "Baimukhanov", "Dzhaksybekov", "Ermekov", "Iskakov", "Kasymov", "Mukanov", "Nurpeisov",
          "Omarov", "Sadykov", "Tulegenov", "Zhakupov"]


def _fill(template: dict, **values) -> dict:
    return {lang: text.format(**{k: (v[lang] if isinstance(v, dict) else v) for k, v in values.items()})
            for lang, text in template.items()}


def _demo_title(text: dict) -> dict:
    """A title labelled as demo, capitalised (a topic may open it: "деректерді қорғау жөніндегі…")."""
    return {lang: value[:1].upper() + value[1:] + DEMO_SUFFIX[lang] for lang, value in text.items()}


# --- the world --------------------------------------------------------------------------------------------------

@dataclasses.dataclass
class DemoChamber:
    parliament: Organization
    chamber: Organization
    committees: list[Organization]
    members: list[int]  # person pks, 145
    groups: dict[int, int]  # person pk → political group pk
    majority_group: int
    predecessor: Organization | None  # the Mazhilis, whose pending bills pass to the Kurultai


def _org(key: str) -> Organization | None:
    return Organization.objects.filter(public_id=derived_public_id("organization", scheme=SCHEME,
                                                                   source_id=key)).first()


def ensure_kurultai_members() -> DemoChamber:
    """The Kurultai of the demo world with 145 members split between the demo groups (created if fewer)."""
    if _org("kz-kurultai") is None:
        from hemicycle.demo.world import load_demo_world

        load_demo_world()
    kurultai, parliament = _org("kz-kurultai"), _org("kz-parliament")
    group_a, group_b = _org("kz-group-a"), _org("kz-group-b")
    committees = [c for c in (_org("kz-kurultai-legislation"), _org("kz-kurultai-foreign")) if c]
    start = "2026-07-01"
    member_ids = list(Membership.objects.filter(organization=kurultai).order_by("pk")
                      .values_list("person_id", flat=True).distinct())
    missing = SEATS - len(member_ids)
    if missing > 0:
        persons, memberships = [], []
        for i in range(1, SEATS + 1):
            public_id = derived_public_id("person", scheme=SCHEME, source_id=f"kz-kurultai-demo-{i}")
            if Person.objects.filter(public_id=public_id).exists():
                continue
            given, family = GIVEN[i % len(GIVEN)], FAMILY[(i * 7) % len(FAMILY)]
            name = f"{given} Demo-{family} {i}"
            persons.append(Person(public_id=public_id, name=name, **{f"name_{lang}": name for lang in LANGS},
                                  sort_name=f"Demo-{family} {i}, {given}", given_name=given,
                                  family_name=f"Demo-{family}", is_demo=True))
            if len(persons) == missing:
                break
        Person.objects.bulk_create(persons)
        created = Person.objects.filter(public_id__in=[p.public_id for p in persons]).order_by("pk")
        for index, person in enumerate(created):
            group = group_a if index % 5 < 3 else group_b  # about 60 % in the majority group
            for org, fields in ((kurultai, {"on_behalf_of": group}), (group, {})):
                memberships.append(Membership(
                    public_id=derived_public_id("membership", scheme=SCHEME, source_id=f"{person.public_id}|{org.pk}"),
                    person=person, organization=org, role="member", start_date=start, is_demo=True, **fields))
            if committees and index % 6 == 0:
                committee = committees[index % len(committees)]
                memberships.append(Membership(
                    public_id=derived_public_id("membership", scheme=SCHEME,
                                                source_id=f"{person.public_id}|{committee.pk}"),
                    person=person, organization=committee, role="member", start_date=start, is_demo=True))
        Membership.objects.bulk_create(memberships)
        member_ids = list(Membership.objects.filter(organization=kurultai).order_by("pk")
                          .values_list("person_id", flat=True).distinct())
    member_ids = member_ids[:SEATS]
    groups = dict(Membership.objects.filter(person_id__in=member_ids, organization__in=[group_a, group_b])
                  .values_list("person_id", "organization_id"))
    for pk in member_ids:
        groups.setdefault(pk, None)
    return DemoChamber(parliament=parliament, chamber=kurultai, committees=committees, members=member_ids,
                       groups=groups, majority_group=group_a.pk, predecessor=_org("kz-mazhilis"))


# --- the generator ----------------------------------------------------------------------------------------------

def _body(rng: random.Random, topic: dict) -> list:
    chapters = []
    article_no = 0
    for c in range(1, rng.randint(2, 4) + 1):
        articles = []
        for _a in range(rng.randint(2, 3)):
            article_no += 1
            art_eid = f"chp_{c}__art_{article_no}"
            paras = []
            for p in range(1, rng.randint(1, 3) + 1):
                sentence = SENTENCES[0] if article_no == 1 and p == 1 else rng.choice(SENTENCES[1:])
                paras.append({"eId": f"{art_eid}__para_{p}", "type": "paragraph", "num": str(p), "heading": {},
                              "text": _fill(sentence, topic=topic, n=rng.choice((5, 10, 15, 30, 60))),
                              "children": []})
            articles.append({"eId": art_eid, "type": "article", "num": str(article_no),
                             "heading": _fill(ARTICLE, n=article_no), "text": {}, "children": paras})
        chapters.append({"eId": f"chp_{c}", "type": "chapter", "num": str(c),
                         "heading": CHAPTERS[min(c - 1, len(CHAPTERS) - 1)] if c < 4 else CHAPTERS[3],
                         "text": {}, "children": articles})
    return chapters


def _paragraphs(body: list) -> list[dict]:
    return [node for node in services.walk(body) if node.get("type") == "paragraph"]


def _quiet(obj):
    """Insert one row as a bulk write: no change-history row (generated demo rows have no history worth keeping)
    and no signals (the search index is rebuilt once after a load, not for each row). Sets ``obj.pk``."""
    type(obj).objects.bulk_create([obj])
    return obj


#: The documents that go with a demo bill: (kind, title, plain-words summary). Described, not online (no address).
DOCUMENTS = {
    "explanatory_note": (_t("Түсіндірме жазба", "Пояснительная записка", "Explanatory note", "Exposé des motifs",
                            "Memorie van toelichting", "Begründung"),
                         _t("Заң жобасы не үшін қажет, нені өзгертеді және кімге әсер етеді.",
                            "Зачем нужен законопроект, что он меняет и кого касается.",
                            "Why the bill is needed, what it changes and whom it affects.",
                            "Pourquoi le projet est nécessaire, ce qu'il change et qui il concerne.",
                            "Waarom het voorstel nodig is, wat het verandert en wie het raakt.",
                            "Warum der Entwurf nötig ist, was er ändert und wen er betrifft.")),
    "financial_estimate": (_t("Қаржылық-экономикалық негіздеме", "Финансово-экономическое обоснование",
                              "Financial estimate", "Estimation financière", "Financiële raming",
                              "Finanzielle Folgenabschätzung"),
                           _t("Заң бюджетке қанша тұрады және қаржы қайдан алынады.",
                              "Сколько закон будет стоить бюджету и откуда возьмутся средства.",
                              "What the law will cost the budget and where the money comes from.",
                              "Ce que la loi coûtera au budget et d'où viendra l'argent.",
                              "Wat de wet de begroting kost en waar het geld vandaan komt.",
                              "Was das Gesetz den Haushalt kostet und woher das Geld kommt.")),
    "committee_report": (_t("Комитет қорытындысы", "Заключение комитета", "Committee report",
                            "Rapport de la commission", "Commissieverslag", "Ausschussbericht"),
                         _t("Комитет заң жобасын зерделеп, түзетулер ұсынды және оны қабылдауды ұсынады.",
                            "Комитет изучил законопроект, предложил поправки и рекомендует его принять.",
                            "The committee examined the bill, proposed amendments and recommends adopting it.",
                            "La commission a examiné le projet, proposé des amendements et recommande de l'adopter.",
                            "De commissie heeft het voorstel onderzocht, amendementen voorgesteld en beveelt aan "
                            "het aan te nemen.",
                            "Der Ausschuss hat den Entwurf geprüft, Änderungen vorgeschlagen und empfiehlt, ihn "
                            "anzunehmen.")),
    "objections": (_t("Мемлекет басшысының қарсылықтары", "Возражения Главы государства",
                      "Objections of the Head of State", "Objections du chef de l'État",
                      "Bezwaren van het staatshoofd", "Einwände des Staatsoberhaupts"),
                   _t("Мемлекет басшысы заңға қол қоймай, қайта қарау үшін қайтарды; не себепті екені осы жерде.",
                      "Глава государства не подписал закон и вернул его на повторное рассмотрение; здесь — почему.",
                      "The Head of State did not sign the law and sent it back for reconsideration; here is why.",
                      "Le chef de l'État n'a pas signé la loi et l'a renvoyée pour réexamen ; voici pourquoi.",
                      "Het staatshoofd heeft de wet niet ondertekend en teruggestuurd voor heroverweging; "
                      "hier staat waarom.",
                      "Das Staatsoberhaupt hat das Gesetz nicht unterzeichnet und zur erneuten Beratung "
                      "zurückgesandt; hier steht, warum.")),
}

INTRODUCED = _t("Енгізілген мәтін", "Внесённый текст", "As introduced", "Texte déposé", "Zoals ingediend",
                "Eingebrachte Fassung")


class _Generator:
    def __init__(self, *, seed: int):
        self.rng = random.Random(seed)
        self.world = ensure_kurultai_members()
        self.types = {bt.code: bt for bt in BillType.objects.select_related("workflow")}
        self.stages = {(s.workflow_id, s.code): s for s in Stage.objects.all()}
        self.graph = {bt.workflow_id: (transition_pairs(bt.workflow), stage_names(bt.workflow))
                      for bt in self.types.values()}
        self.sittings: dict[tuple[int, datetime.date], Sitting] = {
            (s.organization_id, s.start.astimezone(ALMATY).date()): s
            for s in Sitting.objects.filter(is_demo=True, organization__in=[self.world.chamber,
                                                                            *self.world.committees])}
        self.counts = {"bills": 0, "versions": 0, "amendments": 0, "vote_events": 0, "votes": 0}
        self.vote_table = connection.ops.quote_name(Vote._meta.db_table)
        self.vote_columns = ", ".join(connection.ops.quote_name(Vote._meta.get_field(name).column)
                                      for name in ("vote_event", "person", "option", "group"))
        #: Whether the next bill may go to a vote (see the vote budget in the module's docstring).
        self.may_vote = True
        # Rows written once per batch of bills (``flush``) rather than once per bill or per vote event.
        self.pending_votes: list[tuple] = []
        self.pending_changes: list[BillStageChange] = []
        self.pending_agenda: list[AgendaItem] = []
        self.pending_sponsors: list = []
        self.pending_movers: list = []
        self.pending_documents: list[BillDocument] = []

    def document(self, kind: str, day: datetime.date):
        """A demo document of the current bill, at its current stage (written with the batch)."""
        title, summary = DOCUMENTS[kind]
        self.pending_documents.append(BillDocument(
            bill=self.bill_, kind=kind, date=day, stage=self.bill_.stage, language="kk",
            **translated_fields("title", _demo_title(title)), **translated_fields("summary", summary)))

    def flush(self):
        """Write the rows kept for the batch: votes (COPY on PostgreSQL), stage changes, agenda items, sponsors."""
        if self.pending_votes:
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    with cursor.cursor.copy(f"COPY {self.vote_table} ({self.vote_columns}) FROM STDIN") as copy:
                        for row in self.pending_votes:
                            copy.write_row(row)
                else:
                    cursor.executemany(
                        f"INSERT INTO {self.vote_table} ({self.vote_columns}) VALUES (%s, %s, %s, %s)",  # noqa: S608
                        self.pending_votes)
        BillStageChange.objects.bulk_create(self.pending_changes, batch_size=1000)
        AgendaItem.objects.bulk_create(self.pending_agenda, batch_size=1000)
        Bill.sponsors.through.objects.bulk_create(self.pending_sponsors, batch_size=1000)
        Amendment.movers.through.objects.bulk_create(self.pending_movers, batch_size=1000)
        BillDocument.objects.bulk_create(self.pending_documents, batch_size=1000)
        self.pending_votes, self.pending_changes, self.pending_agenda = [], [], []
        self.pending_sponsors, self.pending_movers, self.pending_documents = [], [], []

    # sittings and votes

    def sitting(self, org: Organization, day: datetime.date) -> Sitting:
        key = (org.pk, day)
        if key not in self.sittings:
            kind = Sitting.Kind.PLENARY if org.pk == self.world.chamber.pk else Sitting.Kind.COMMITTEE
            start = datetime.datetime.combine(day, datetime.time(10 if kind == "plenary" else 15), ALMATY)
            title = SITTING_TITLES[kind]
            if kind == Sitting.Kind.COMMITTEE:
                title = {lang: f"{text}: {getattr(org, f'name_{lang}') or org.name}" for lang, text in title.items()}
            title = {lang: f"{text}, {day.isoformat()}{DEMO_SUFFIX[lang]}" for lang, text in title.items()}
            status = Sitting.Status.HELD if day <= LAST_DAY else Sitting.Status.SCHEDULED
            public_id = _pid("sitting", f"{org.public_id}|{day.isoformat()}")
            self.sittings[key] = _quiet(Sitting(
                public_id=public_id, uid=f"{public_id.split('/')[1]}@demo.hemicycle", organization=org, kind=kind,
                start=start, end=start + datetime.timedelta(hours=3), timezone="Asia/Almaty", status=status,
                is_demo=True, place="Astana", **translated_fields("title", title)))
        return self.sittings[key]

    def on_agenda(self, sitting: Sitting, bill: Bill):
        if sitting.pk not in self.agenda_seen:
            self.agenda_seen.add(sitting.pk)
            self.agenda.append(AgendaItem(sitting=sitting, order=len(self.agenda) + 1, bill=bill,
                                          **{f: getattr(bill, f) for f in ("title", *(f"title_{lang}" for lang
                                                                                     in LANGS))}))

    def vote(self, *, bill: Bill, day: datetime.date, motion: dict, stage: Stage, wanted: bool,
             amendment: Amendment | None = None, qualified: bool = False) -> VoteEvent:
        """A plenary roll-call of the 145 members leaning towards ``wanted``; the result follows the counts."""
        rng = self.rng
        majority = self.world.majority_group
        rows = []
        counts = dict.fromkeys(Vote.Option.values, 0)
        for pk in self.world.members:
            if rng.random() < 0.04:
                option = Vote.Option.ABSENT
            else:
                in_majority = self.world.groups.get(pk) == majority
                p_yes = (0.96 if in_majority else 0.55) if wanted else (0.25 if in_majority else 0.08)
                draw = rng.random()
                option = (Vote.Option.YES if draw < p_yes else
                          Vote.Option.ABSTAIN if draw < p_yes + 0.06 else Vote.Option.NO)
            counts[option] += 1
            rows.append((pk, str(option), self.world.groups.get(pk)))
        needed = (2 * SEATS + 2) // 3 if qualified else SEATS // 2 + 1  # of all members, not of those voting
        result = VoteEvent.Result.PASS if counts[Vote.Option.YES] >= needed else VoteEvent.Result.FAIL
        sitting = self.sitting(self.world.chamber, day)
        self.on_agenda(sitting, bill)
        start = datetime.datetime.combine(day, datetime.time(11, rng.randint(0, 59)), ALMATY)
        self.counts["vote_events"] += 1
        event = _quiet(VoteEvent(
            public_id=_pid("vote-event", f"{bill.public_id}|{self.counts['vote_events']}"),
            organization=self.world.chamber, bill=bill, amendment=amendment, stage=stage, sitting=sitting,
            start=start, result=result, yes_count=counts["yes"], no_count=counts["no"],
            abstain_count=counts["abstain"], absent_count=counts["absent"], is_demo=True,
            **translated_fields("motion", _demo_title(motion))))
        self.pending_votes += [(event.pk, *row) for row in rows]
        self.counts["votes"] += len(rows)
        return event

    # one bill

    def advance(self, code: str, day: datetime.date, vote_event=None, note: dict | None = None):
        pairs, names = self.graph[self.bill_.bill_type.workflow_id]
        check_move(pairs, self.bill_.stage.code, code, names)  # the demo obeys the procedure too
        stage = self.stages[(self.bill_.bill_type.workflow_id, code)]
        self.bill_.stage, self.bill_.stage_entered_on = stage, day
        self.changes.append(BillStageChange(bill=self.bill_, stage=stage, entered_on=day, chamber=self.bill_.chamber,
                                            vote_event=vote_event, **translated_fields("note", note or {})))

    def version(self, body, provenance, label, day) -> BillVersion:
        self.version_no += 1
        self.counts["versions"] += 1
        return _quiet(BillVersion(bill=self.bill_, number=self.version_no, stage=self.bill_.stage, created_on=day,
                                  body=body, provenance=provenance, languages=services.body_languages(body),
                                  **translated_fields("label", label)))

    def bill(self, number: int) -> Bill:
        rng, world = self.rng, self.world
        code = rng.choices(["ordinary-law", "constitutional-law", "ratification", "budget"], [80, 5, 12, 3])[0]
        bill_type = self.types[code]
        wf = bill_type.workflow_id
        topic = rng.choice(TOPICS)
        day = FIRST_DAY + datetime.timedelta(days=rng.randint(0, 90))
        committee = rng.choice(world.committees) if world.committees else None
        # A few bills were registered in the Mazhilis before the single chamber and passed to it on its first day.
        inherited = world.predecessor is not None and number % 20 == 7  # one bill in twenty
        if inherited:
            day = FIRST_DAY - datetime.timedelta(days=rng.randint(20, 80))
        chamber = world.predecessor if inherited else world.chamber
        initial = self.stages[(wf, "registered")]
        bill = _quiet(Bill(
            public_id=_pid("bill", f"D-{number}"), number=f"D-{number}", bill_type=bill_type,
            parliament=world.parliament, chamber=chamber, committee=None if inherited else committee,
            introduced_on=day,
            stage=initial, stage_entered_on=day, is_demo=True,
            **translated_fields("title", _demo_title(_fill(TITLE[code], topic=topic, year=2027))),
            **translated_fields("short_title", topic), **translated_fields("summary", _demo_title(_fill(SENTENCES[0],
                                                                                           topic=topic))),
            **translated_fields("initiator", _t("Депутаттар тобы", "Группа депутатов", "A group of members",
                                          "Un groupe de députés", "Een groep leden", "Eine Gruppe von Abgeordneten"))))
        self.bill_, self.changes, self.agenda, self.agenda_seen = bill, [], [], set()
        self.movers, self.version_no, self.amendment_no = [], 0, 0
        self.changes.append(BillStageChange(bill=bill, stage=initial, entered_on=day, chamber=chamber))
        self.counts["bills"] += 1
        version = self.version(_body(rng, topic), {}, INTRODUCED, day)
        self.document("explanatory_note", day)
        if code == "budget":
            self.document("financial_estimate", day)
        if inherited:
            # As services.chamber_succession_apply records it: same stage, new chamber, a note in six languages.
            bill.chamber, bill.committee, day = world.chamber, committee, FIRST_DAY
            self.changes.append(BillStageChange(
                bill=bill, stage=initial, entered_on=day, chamber=world.chamber,
                **translated_fields("note", services.transfer_note(world.predecessor, world.chamber, day))))
        try:
            self.story(code, version, day, committee)
        finally:
            self.pending_changes += self.changes
            self.pending_agenda += self.agenda
            self.pending_sponsors += [Bill.sponsors.through(bill_id=bill.pk, person_id=pk)
                                      for pk in rng.sample(world.members, 3)]
            self.pending_movers += self.movers
            Bill.objects.filter(pk=bill.pk).update(stage=bill.stage, stage_entered_on=bill.stage_entered_on,
                                                   chamber=bill.chamber, committee=bill.committee)
        return bill

    def story(self, code, version, day, committee):
        """Take the bill through its procedure, as far as its fate (a random draw) lets it go."""
        rng, stage_of = self.rng, (lambda c: self.stages[(self.bill_.bill_type.workflow_id, c)])

        def step(stage_code: str, gap=(3, 15), vote_event=None) -> bool:
            nonlocal day
            nxt = day + datetime.timedelta(days=rng.randint(*gap))
            if nxt > LAST_DAY:
                return False
            day = nxt
            self.advance(stage_code, day, vote_event)
            return True

        fate = rng.random()
        if fate < 0.04:
            step("withdrawn")
            return
        if not step("committee") or fate < 0.12:
            return
        if committee:
            self.on_agenda(self.sitting(committee, day + datetime.timedelta(days=2)), self.bill_)
        if fate < 0.14:
            step("lapsed")
            return
        if not step("committee_report", gap=(15, 40)):
            return
        self.document("committee_report", day)
        recommended = [] if code == "ratification" else self.table(version, rng.randint(1, 2), committee, True)
        day += datetime.timedelta(days=rng.randint(5, 12))
        if fate < 0.2 or day > LAST_DAY or not self.may_vote:  # the vote budget: wait for the plenary
            return
        # First reading: the plenary decides the committee's amendments, then votes on the bill's principle.
        adopted = self.decide(recommended, day, stage_of("committee_report"))
        first = self.vote(bill=self.bill_, day=day, motion=MOTIONS["first_reading"], stage=stage_of("first_reading"),
                          wanted=fate > 0.23)
        self.advance("first_reading", day)
        version = self.next_version(version, adopted, day, "committee")
        if first.result == VoteEvent.Result.FAIL:
            step("rejected", gap=(0, 0), vote_event=first)
            return
        if fate < 0.3:
            return
        if code != "ratification":
            if not step("amendments", gap=(1, 3), vote_event=first):
                return
            tabled = self.table(version, rng.randint(2, 4), None, False)
            day += datetime.timedelta(days=rng.randint(7, 20))
            if fate < 0.4 or day > LAST_DAY:
                return
            adopted = self.decide(tabled, day, stage_of("amendments"))
            self.advance("second_reading", day)
            version = self.next_version(version, adopted, day, "amended")
        elif not step("second_reading", gap=(7, 20), vote_event=first):
            return
        if fate < 0.45:
            return
        final = self.vote(bill=self.bill_, day=day, motion=MOTIONS["second_reading"],
                          stage=stage_of("second_reading"), wanted=fate > 0.47, qualified=code == "constitutional-law")
        if final.result == VoteEvent.Result.FAIL:
            self.advance("rejected", day, final)
            return
        self.advance("adopted", day, final)
        self.version(version.body, version.provenance, LABELS["final"], day)
        if fate < 0.5 or not step("sent_to_head_of_state", gap=(2, 10)) or fate < 0.55:
            return
        if fate < 0.6:  # returned with objections, then passed again by two thirds
            if not step("returned", gap=(10, 30)):
                return
            self.document("objections", day)
            if not step("reconsidered", gap=(5, 20)):
                return
            again = self.vote(bill=self.bill_, day=day, motion=MOTIONS["reconsidered"],
                              stage=stage_of("reconsidered"), wanted=True, qualified=True)
            if again.result == VoteEvent.Result.FAIL:
                self.advance("rejected", day, again)
                return
            self.advance("adopted", day, again)
            if not step("sent_to_head_of_state", gap=(2, 10)):
                return
        for stage_code in ("signed", "published", "in_force"):
            if not step(stage_code, gap=(3, 20)):
                return

    def table(self, version, count, committee, recommend) -> list[Amendment]:
        rng = self.rng
        paragraphs = _paragraphs(version.body)
        tabled = []
        for node in rng.sample(paragraphs, min(count, len(paragraphs))):
            self.amendment_no += 1
            action = rng.choices(["replace", "insert_after", "delete"], [60, 25, 15])[0]
            if action == "delete" and len(paragraphs) < 4:
                action = "replace"
            wording, new_eid, new_num = {}, "", ""
            if action != "delete":
                wording = _fill(rng.choice(SENTENCES[1:]), n=rng.choice((3, 7, 20, 45, 90)))
            if action == "insert_after":
                new_num = f"{node['num']}-{self.amendment_no}"
                new_eid = node["eId"].rsplit("__", 1)[0] + f"__para_{new_num}"
            recommendation = (Amendment.Recommendation.ADOPT if recommend or rng.random() < 0.5
                              else Amendment.Recommendation.REJECT)
            amendment = _quiet(Amendment(
                public_id=_pid("amendment", f"{self.bill_.public_id}|{self.amendment_no}"), bill=self.bill_,
                version=version, number=str(self.amendment_no), target_eid=node["eId"], action=action,
                wording=wording, new_eid=new_eid, new_num=new_num, committee=committee,
                recommendation=recommendation, is_demo=True,
                **translated_fields("justification", _t(
                    "Мәтінді нақтылау (демо).", "Уточнение текста (демо).", "To make the text clearer (demo).",
                    "Pour clarifier le texte (démo).", "Om de tekst te verduidelijken (demo).",
                    "Zur Klarstellung des Textes (Demo)."))))
            self.movers += [Amendment.movers.through(amendment_id=amendment.pk, person_id=pk)
                            for pk in rng.sample(self.world.members, rng.randint(1, 3))]
            tabled.append(amendment)
            self.counts["amendments"] += 1
        return tabled

    def decide(self, amendments, day, stage) -> list[Amendment]:
        """Each amendment is decided by its own roll-call vote; returns the adopted ones, in order."""
        adopted = []
        for amendment in amendments:
            event = self.vote(bill=self.bill_, day=day, motion=_fill(MOTIONS["amendment"], n=amendment.number),
                              stage=stage, wanted=amendment.recommendation == Amendment.Recommendation.ADOPT,
                              amendment=amendment)
            amendment.status = (Amendment.Status.ADOPTED if event.result == VoteEvent.Result.PASS
                                else Amendment.Status.REJECTED)
            amendment.vote_event = event
            Amendment.objects.filter(pk=amendment.pk).update(status=amendment.status, vote_event=event)
            if amendment.status == Amendment.Status.ADOPTED:
                adopted.append(amendment)
        return adopted

    def next_version(self, version, adopted, day, label) -> BillVersion:
        """The next version: the previous text with the adopted amendments applied, and their provenance."""
        specs = [AmendmentSpec(public_id=a.public_id, action=a.action, target_eid=a.target_eid,
                               wording=a.wording, new_eid=a.new_eid, new_num=a.new_num) for a in adopted]
        body, provenance = apply_amendments(version.body, specs, provenance=version.provenance)
        return self.version(body, provenance, LABELS[label], day)


def demo_bills_remove() -> int:
    """Delete the demo bills with their versions, amendments, votes and the demo sittings."""
    bills = Bill.objects.filter(is_demo=True)
    count = bills.count()
    Vote.objects.filter(vote_event__bill__in=bills).delete()
    VoteEvent.objects.filter(bill__in=bills).delete()
    Amendment.objects.filter(bill__in=bills).delete()
    BillVersion.objects.filter(bill__in=bills).delete()  # protected by their amendments, which went first
    bills.delete()
    Sitting.objects.filter(is_demo=True, title_en__endswith="(demo)").delete()
    return count


def generate_demo_legislation(*, bills: int, seed: int = 0, reset: bool = False, votes: int | None = None,
                              progress=None) -> dict:
    """Generate ``bills`` demo bills (numbered after the existing ones); returns counts of what was made.

    ``votes``: about this many individual votes in all among the new bills (None: as many as their stories need).
    Each bill may go to a vote while the votes recorded so far are below ``votes × bills made / bills``, so the
    total ends at most one bill's votes above the budget, or below it when the bills' stories need fewer.
    ``progress(done)`` is called after each batch of bills.
    """
    ensure_default_workflows()
    if reset:
        demo_bills_remove()
    last = 0
    for number in Bill.objects.filter(is_demo=True, number__startswith="D-").values_list("number", flat=True):
        try:
            last = max(last, int(number[2:]))
        except ValueError:
            continue
    with transaction.atomic():
        generator = _Generator(seed=seed + last)
    # One transaction per batch: a commit per bill would cost more than the bill itself on SQLite.
    for batch_start in range(1, bills + 1, BATCH):
        with transaction.atomic():
            for offset in range(batch_start, min(batch_start + BATCH, bills + 1)):
                generator.may_vote = votes is None or generator.counts["votes"] < votes * offset / bills
                generator.bill(last + offset)
            generator.flush()
        if progress:
            progress(min(batch_start + BATCH - 1, bills))
    if connection.vendor == "postgresql" and bills:
        # Planner statistics for the rows just written: until autovacuum gathers them, PostgreSQL plans the pages'
        # queries as if these tables were nearly empty (nested loops over thousands of rows).
        with connection.cursor() as cursor:
            for model in (Bill, BillVersion, BillStageChange, Amendment, Sitting, AgendaItem, VoteEvent, Vote):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return generator.counts


def demo_bills_summary() -> dict:
    return {"demo bills": Bill.objects.filter(is_demo=True).count(),
            "last number": Bill.objects.filter(is_demo=True).aggregate(n=Max("number"))["n"]}
