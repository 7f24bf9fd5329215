"""The cooperation demo: the Kazakhstan–Belgium partnership as the news item describes it.

The meeting in Brussels, its participants and what they agreed come from the news item; its date and time, the
programme's activities, the memorandum and the follow-ups are invented for the demonstration (``is_demo``).
Which side is "ours" follows ``settings.HEMICYCLE_OWN_PARLIAMENT``, so that the Kazakh and the Belgian instance of
a federated pair load the same shared records (same public ids, same activity UIDs) seen from their own side.
"""

import datetime
import zoneinfo

from django.conf import settings

from hemicycle.cooperation import services
from hemicycle.cooperation.models import (
    Activity,
    Agreement,
    AgreementSignatory,
    AssemblyDelegation,
    Commitment,
    Meeting,
    MeetingParticipant,
    Partnership,
    PressRelease,
    Programme,
    Side,
)
from hemicycle.core.translations import translated_fields as _tr
from hemicycle.demo.world import DEMO_SCHEME, LANGS, _pid, t

ALMATY = "Asia/Almaty"
BRUSSELS = "Europe/Brussels"
GENEVA = "Europe/Zurich"


def _at(day: str, time: str, zone: str) -> datetime.datetime:
    """An aware datetime for a wall-clock time in an IANA zone."""
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=zoneinfo.ZoneInfo(zone))


MEETING = dict(
    title=t("Қазақстан Елшісі Роман Василенко мен Бельгия Өкілдер палатасының Төрағасы Петер Де Роовердің кездесуі",
            "Встреча Посла Казахстана Романа Василенко с Председателем Палаты представителей Бельгии "
            "Петером Де Роовером",
            "Meeting of Ambassador Roman Vassilenko with Peter De Roover, President of the Chamber of Representatives",
            "Rencontre de l'ambassadeur Roman Vassilenko avec Peter De Roover, président de la Chambre des "
            "représentants",
            "Ontmoeting van ambassadeur Roman Vassilenko met Peter De Roover, voorzitter van de Kamer van "
            "volksvertegenwoordigers",
            "Treffen von Botschafter Roman Vassilenko mit Peter De Roover, Präsident der Abgeordnetenkammer"),
    place=t("Ұлт сарайы, Брюссель", "Дворец Нации, Брюссель", "Palace of the Nation, Brussels",
            "Palais de la Nation, Bruxelles", "Paleis der Natie, Brussel", "Palast der Nation, Brüssel"),
    topics=t(
        "Парламентаралық ынтымақтастықтың жай-күйі мен болашағы\nМемлекет басшысының Жолдауы\n"
        "Бір палаталы парламентке көшу және республикалық референдум\nДостық топтары мен комитеттер арасындағы "
        "байланыстар\n2025–2026 жылдарға арналған бірлескен іс-шаралар күнтізбесі",
        "Состояние и перспективы межпарламентского сотрудничества\nПослание Главы государства народу Казахстана\n"
        "Переход к однопалатному парламенту и республиканский референдум\nКонтакты групп дружбы и комитетов\n"
        "Совместный календарь мероприятий на 2025–2026 годы",
        "Current state and prospects of inter-parliamentary cooperation\nThe President's State of the Nation "
        "Address\nThe move to a single-chamber parliament and the national referendum\nContacts between "
        "friendship groups and committees\nA joint calendar of activities for 2025–2026",
        "État et perspectives de la coopération interparlementaire\nLe message à la Nation du Président\n"
        "Le passage à un parlement monocaméral et le référendum national\nLes contacts entre groupes d'amitié et "
        "commissions\nUn calendrier commun d'activités pour 2025–2026",
        "Stand en vooruitzichten van de interparlementaire samenwerking\nDe State of the Nation van de President\n"
        "De overgang naar een parlement met één kamer en het nationale referendum\nContacten tussen "
        "vriendschapsgroepen en commissies\nEen gezamenlijke activiteitenkalender voor 2025–2026",
        ""),
    summary=t(
        "Тараптар парламентаралық ынтымақтастықты Қазақстан мен Бельгия арасындағы саяси диалог пен сенімді "
        "нығайтудың маңызды арнасы ретінде талқылады. Роман Василенко Президент Қасым-Жомарт Тоқаевтың Жолдауының "
        "негізгі ережелері, соның ішінде бір палаталы парламент құру туралы бастама және ол бойынша референдум "
        "туралы хабардар етті. Петер Де Роовер Бельгияда да Сенатты тарату процесі басталғанын атап өтті.",
        "Стороны обсудили текущее состояние и перспективы межпарламентского сотрудничества как важного канала "
        "политического диалога и укрепления доверия между Казахстаном и Бельгией. Роман Василенко "
        "проинформировал собеседника о ключевых положениях Послания Президента Касым-Жомарта Токаева, в том числе "
        "об инициативе парламентской реформы и проведении по ней национального референдума. Петер Де Роовер "
        "отметил, что аналогичный процесс упразднения Сената начат и в Бельгии.",
        "The parties discussed the current state and prospects of inter-parliamentary cooperation as an important "
        "channel of political dialogue and of trust between Kazakhstan and Belgium, and stressed regular contacts "
        "between members, committees and friendship groups. Roman Vassilenko briefed his counterpart on President "
        "Kassym-Jomart Tokayev's State of the Nation Address, in particular the parliamentary reform towards a "
        "single chamber and the national referendum on it. Peter De Roover noted that a similar process to "
        "abolish the Senate has been launched in Belgium. (The date and time of this demo record are "
        "illustrative.)",
        "Les parties ont examiné l'état et les perspectives de la coopération interparlementaire, canal important "
        "du dialogue politique et de la confiance entre le Kazakhstan et la Belgique, et ont souligné "
        "l'importance de contacts réguliers entre députés, commissions et groupes d'amitié. Roman Vassilenko a "
        "présenté le message à la Nation du Président Kassym-Jomart Tokaïev, notamment la réforme vers un "
        "parlement monocaméral et le référendum national qui s'y rapporte. Peter De Roover a relevé qu'un processus "
        "similaire de suppression du Sénat a été lancé en Belgique.",
        "De partijen bespraken de stand en de vooruitzichten van de interparlementaire samenwerking als een "
        "belangrijk kanaal voor politieke dialoog en vertrouwen tussen Kazachstan en België, en onderstreepten het "
        "belang van regelmatige contacten tussen leden, commissies en vriendschapsgroepen. Roman Vassilenko lichtte "
        "de State of the Nation van President Kassym-Jomart Tokajev toe, in het bijzonder de hervorming naar een "
        "parlement met één kamer en het nationale referendum daarover. Peter De Roover wees erop dat ook in België "
        "een vergelijkbaar proces tot afschaffing van de Senaat is opgestart.",
        ""),
    outcomes=t(
        "Тараптар 2025–2026 жылдарға арналған бірлескен іс-шаралар күнтізбесі бойынша жұмысты, соның ішінде өзара "
        "сапарларды, тақырыптық дөңгелек үстелдерді және халықаралық парламентаралық алаңдардағы бірлескен "
        "бастамаларды жалғастыруға келісті.",
        "Стороны договорились продолжить работу над совместным календарём мероприятий на 2025–2026 годы, включая "
        "взаимные визиты, тематические круглые столы и совместные инициативы на международных "
        "межпарламентских площадках.",
        "The parties agreed to continue working on a joint calendar of activities for 2025–2026, including mutual "
        "visits, thematic round tables, and joint initiatives at international inter-parliamentary platforms.",
        "Les parties sont convenues de poursuivre l'élaboration d'un calendrier commun d'activités pour 2025–2026, "
        "comprenant des visites mutuelles, des tables rondes thématiques et des initiatives conjointes au sein des "
        "enceintes interparlementaires internationales.",
        "De partijen kwamen overeen verder te werken aan een gezamenlijke activiteitenkalender voor 2025–2026, met "
        "wederzijdse bezoeken, thematische rondetafels en gezamenlijke initiatieven op internationale "
        "interparlementaire fora.",
        ""),
)

PRESS_RELEASE = dict(
    title=t("Қазақстан мен Бельгия арасындағы парламентаралық ынтымақтастық жаңа серпін алады",
            "Межпарламентское сотрудничество Казахстана и Бельгии получит новый импульс",
            "Interparliamentary cooperation between Kazakhstan and Belgium to gain new momentum",
            "La coopération interparlementaire entre le Kazakhstan et la Belgique prend un nouvel élan",
            "Interparlementaire samenwerking tussen Kazachstan en België krijgt nieuw elan",
            ""),
    lead=t("Брюссельдегі Ұлт сарайында Қазақстанның Бельгиядағы Елшісі Роман Василенко Бельгия Федералдық "
           "парламенті Өкілдер палатасының Төрағасы Петер Де Роовермен кездесті.",
           "Во Дворце Нации в Брюсселе Посол Казахстана в Бельгии Роман Василенко встретился с Председателем "
           "Палаты представителей Федерального парламента Бельгии Петером Де Роовером.",
           "At the Palace of the Nation in Brussels, Ambassador of Kazakhstan to Belgium Roman Vassilenko met "
           "Peter De Roover, President of the Chamber of Representatives of the Federal Parliament of Belgium.",
           "Au Palais de la Nation à Bruxelles, l'ambassadeur du Kazakhstan en Belgique, Roman Vassilenko, a "
           "rencontré Peter De Roover, président de la Chambre des représentants du Parlement fédéral belge.",
           "In het Paleis der Natie in Brussel ontmoette de ambassadeur van Kazachstan in België, Roman Vassilenko, "
           "Peter De Roover, voorzitter van de Kamer van volksvertegenwoordigers van het Federaal Parlement.",
           ""),
    body=t(
        "Тараптар парламентаралық ынтымақтастықтың қазіргі жай-күйі мен болашағын саяси диалогтың және "
        "Қазақстан мен Бельгия арасындағы сенімді нығайтудың маңызды арнасы ретінде талқылады. Парламент "
        "депутаттары, тиісті комитеттер арасындағы тұрақты байланыстардың және достық топтары қызметін "
        "жандандырудың маңыздылығы атап өтілді.\n\n"
        "Роман Василенко Президент Қасым-Жомарт Тоқаевтың Қазақстан халқына Жолдауының негізгі ережелері туралы "
        "айтып берді. Парламенттік реформа бастамасына ерекше назар аударылды. «Бір палаталы парламент құру заң "
        "шығару процесін азаматтар үшін ашық әрі түсінікті етеді», — деді дипломат.\n\n"
        "Петер Де Роовер Қазақстандағы саяси және институционалдық өзгерістерге жоғары баға беріп, Бельгияда да "
        "Сенатты тарату процесі басталғанын атап өтті. Кездесу қорытындысы бойынша тараптар 2025–2026 жылдарға "
        "арналған бірлескен іс-шаралар күнтізбесі бойынша жұмысты жалғастыруға келісті.",
        "Стороны обсудили текущее состояние и перспективы межпарламентского сотрудничества как важного канала "
        "политического диалога и укрепления доверия между Казахстаном и Бельгией. Была подчёркнута важность "
        "регулярных контактов между депутатами парламентов, профильными комитетами, а также активизации "
        "деятельности групп дружбы.\n\n"
        "Роман Василенко проинформировал собеседника о ключевых положениях Послания Президента Касым-Жомарта "
        "Токаева народу Казахстана. Особое внимание было уделено инициативе парламентской реформы. «Создание "
        "однопалатного парламента сделает законодательный процесс более открытым и понятным для граждан», — "
        "отметил дипломат.\n\n"
        "Петер Де Роовер высоко оценил политические и институциональные преобразования в Казахстане и отметил, "
        "что аналогичный процесс упразднения Сената начат и в Бельгии. По итогам встречи стороны договорились "
        "продолжить работу над совместным календарём мероприятий на 2025–2026 годы.",
        "The parties discussed the current state and prospects of inter-parliamentary cooperation as an important "
        "channel of political dialogue and strengthening trust between Kazakhstan and Belgium. They stressed the "
        "importance of regular contacts between members of parliament and the relevant committees, and of more "
        "active friendship groups.\n\n"
        "Roman Vassilenko informed his counterpart about the key points of President Kassym-Jomart Tokayev's State "
        "of the Nation Address, with particular attention to the initiative on parliamentary reform. “The creation "
        "of a unicameral parliament will make the legislative process more open and understandable for citizens,” "
        "the diplomat said.\n\n"
        "Peter De Roover commended the political and institutional transformations in Kazakhstan and noted that a "
        "similar process to abolish the Senate has been launched in Belgium. As a result of the meeting, the "
        "parties agreed to continue working on a joint calendar of activities for 2025–2026.",
        "Les parties ont examiné l'état actuel et les perspectives de la coopération interparlementaire, canal "
        "important du dialogue politique et du renforcement de la confiance entre le Kazakhstan et la Belgique. "
        "Elles ont souligné l'importance de contacts réguliers entre députés et commissions compétentes, ainsi "
        "que d'une activité accrue des groupes d'amitié.\n\n"
        "Roman Vassilenko a présenté les points clés du message à la Nation du Président Kassym-Jomart Tokaïev, "
        "en particulier l'initiative de réforme parlementaire. « La création d'un parlement monocaméral rendra le "
        "processus législatif plus ouvert et plus compréhensible pour les citoyens », a déclaré le diplomate.\n\n"
        "Peter De Roover a salué les transformations politiques et institutionnelles au Kazakhstan et a relevé "
        "qu'un processus similaire de suppression du Sénat a été engagé en Belgique. À l'issue de la rencontre, "
        "les parties sont convenues de poursuivre les travaux sur un calendrier commun d'activités pour "
        "2025–2026.",
        "De partijen bespraken de huidige stand en de vooruitzichten van de interparlementaire samenwerking als "
        "een belangrijk kanaal voor politieke dialoog en voor meer vertrouwen tussen Kazachstan en België. Zij "
        "onderstreepten het belang van regelmatige contacten tussen parlementsleden en de bevoegde commissies, en "
        "van actievere vriendschapsgroepen.\n\n"
        "Roman Vassilenko lichtte de kernpunten toe van de State of the Nation van President Kassym-Zjomart "
        "Tokajev, met bijzondere aandacht voor het initiatief tot parlementaire hervorming. “De oprichting van een "
        "parlement met één kamer zal het wetgevingsproces opener en begrijpelijker maken voor de burgers,” aldus "
        "de diplomaat.\n\n"
        "Peter De Roover had lof voor de politieke en institutionele hervormingen in Kazachstan en merkte op dat "
        "ook in België een vergelijkbaar proces tot afschaffing van de Senaat is opgestart. Na afloop kwamen de "
        "partijen overeen verder te werken aan een gezamenlijke activiteitenkalender voor 2025–2026.",
        ""),
)

# Follow-ups agreed at the meeting: (key, title, owner org key, side, due, status, evidence)
COMMITMENTS = [
    ("calendar", t("2025–2026 жылдарға арналған бірлескен күнтізбені әзірлеу",
                   "Подготовить совместный календарь мероприятий на 2025–2026 годы",
                   "Draw up the joint calendar of activities for 2025–2026",
                   "Établir le calendrier commun d'activités 2025–2026",
                   "De gezamenlijke activiteitenkalender 2025–2026 opstellen", ""),
     "kz-embassy-be", Side.JOINT, "2025-12-15", "done",
     t(en="Version 1 of the programme agreed by both sides.", ru="Версия 1 программы согласована сторонами.")),
    ("reform-briefing", t("Парламенттік реформа туралы материалдармен бөлісу",
                          "Передать материалы о парламентской реформе и референдуме",
                          "Share documentation on the parliamentary reform and the referendum",
                          "Transmettre la documentation sur la réforme parlementaire et le référendum",
                          "Documentatie over de parlementaire hervorming en het referendum bezorgen", ""),
     "kz-embassy-be", Side.OURS, "2025-10-31", "done",
     t(en="Briefing note sent to the Chamber's external relations service.",
       ru="Справочная записка направлена в службу внешних связей Палаты.")),
    ("friendship-groups", t("Достық топтарының алғашқы бірлескен отырысы",
                            "Первое совместное заседание групп дружбы",
                            "First joint meeting of the two friendship groups",
                            "Première réunion commune des deux groupes d'amitié",
                            "Eerste gezamenlijke vergadering van beide vriendschapsgroepen", ""),
     "be-friendship-kz", Side.PARTNER, "2026-12-31", "in_progress", {}),
    ("round-table-report", t("Дөңгелек үстел қорытындыларын жариялау",
                             "Опубликовать итоги круглого стола о парламентской реформе",
                             "Publish the conclusions of the round table on parliamentary reform",
                             "Publier les conclusions de la table ronde sur la réforme parlementaire",
                             "De conclusies van de rondetafel over parlementaire hervorming publiceren", ""),
     "kz-kurultai", Side.OURS, "2026-06-30", "open", {}),
    ("ipu-initiative", t("ПАО Ассамблеясында бірлескен бастама дайындау",
                         "Подготовить совместную инициативу на Ассамблее МПС",
                         "Prepare a joint initiative for the IPU Assembly",
                         "Préparer une initiative conjointe pour l'Assemblée de l'UIP",
                         "Een gezamenlijk initiatief voorbereiden voor de IPU-Assemblee", ""),
     "be-delegation-ipu", Side.PARTNER, "2026-09-30", "open", {}),
]

# Activities: (key, kind, title, start day, start time, end day, end time, zone, venue, city, organizer side,
#              bodies, path of statuses, first version?)
ACTIVITIES = [
    ("fg-video-2025", "video_conference",
     t("Достық топтарының бейнеконференциясы", "Видеоконференция групп дружбы",
       "Video conference of the friendship groups", "Visioconférence des groupes d'amitié",
       "Videoconferentie van de vriendschapsgroepen", "Videokonferenz der Freundschaftsgruppen"),
     "2025-11-20", "10:00", "2025-11-20", "11:30", BRUSSELS, "", "", "be",
     ["kz-friendship-be", "be-friendship-kz"], ["agreed", "scheduled", "held", "reported"], True),
    ("reform-round-table", "round_table",
     t("«Бір палаталы парламент: реформа тәжірибесі» тақырыптық дөңгелек үстелі",
       "Тематический круглый стол «Однопалатный парламент: опыт реформы»",
       "Thematic round table “A single chamber: lessons of parliamentary reform”",
       "Table ronde thématique « Une chambre unique : leçons de la réforme parlementaire »",
       "Thematische rondetafel “Eén kamer: lessen uit de parlementaire hervorming”", ""),
     "2026-04-21", "10:00", "2026-04-21", "13:00", ALMATY, "Kurultai, Astana", "Astana", "kz",
     ["kz-kurultai-legislation", "be-chamber-foreign"], ["agreed", "scheduled", "held", "reported"], True),
    ("be-visit-astana", "visit_incoming",
     t("Бельгия достық тобы делегациясының Астанаға сапары", "Визит делегации бельгийской группы дружбы в Астану",
       "Visit of the Belgian friendship group to Astana", "Visite du groupe d'amitié belge à Astana",
       "Bezoek van de Belgische vriendschapsgroep aan Astana", "Besuch der belgischen Freundschaftsgruppe in Astana"),
     "2026-04-20", "09:00", "2026-04-23", "18:00", ALMATY, "", "Astana", "kz",
     ["be-friendship-kz", "kz-friendship-be"], ["agreed", "scheduled", "held"], True),
    ("referendum-video", "video_conference",
     t("Референдум тәжірибесі туралы бейнеконференция", "Видеоконференция об опыте проведения референдума",
       "Video conference on the experience of the referendum", "Visioconférence sur l'expérience du référendum",
       "Videoconferentie over de ervaring met het referendum", ""),
     "2026-06-10", "11:00", "2026-06-10", "12:30", ALMATY, "", "", "kz",
     ["kz-kurultai-foreign"], ["agreed", "postponed"], True),
    ("ipu-joint-statement", "joint_initiative",
     t("ПАО Ассамблеясындағы бірлескен мәлімдеме", "Совместное заявление на Ассамблее МПС",
       "Joint statement at the IPU Assembly", "Déclaration conjointe à l'Assemblée de l'UIP",
       "Gezamenlijke verklaring op de IPU-Assemblee", "Gemeinsame Erklärung in der IPU-Versammlung"),
     "2026-10-20", "15:00", "2026-10-20", "16:00", GENEVA, "CICG", "Geneva", "be",
     ["kz-delegation-ipu", "be-delegation-ipu"], ["agreed", "scheduled", "held"], True),
    ("osce-side-event", "joint_initiative",
     t("ЕҚЫҰ ПА күзгі отырысындағы қосымша іс-шара", "Совместное мероприятие на осенней сессии ПА ОБСЕ",
       "Joint side event at the OSCE PA Autumn Meeting", "Événement conjoint à la session d'automne de l'AP OSCE",
       "Gezamenlijke nevenactiviteit op de herfstvergadering van de OVSE-PA", ""),
     "2026-10-05", "13:00", "2026-10-05", "14:00", GENEVA, "", "Geneva", "kz",
     ["kz-delegation-osce", "be-delegation-osce"], ["cancelled"], True),
    ("kurultai-visit-brussels", "visit_outgoing",
     t("Құрылтай делегациясының Брюссельге сапары", "Визит делегации Курултая в Брюссель",
       "Visit of a Kurultai delegation to Brussels", "Visite d'une délégation du Kurultaï à Bruxelles",
       "Bezoek van een delegatie van de Kurultai aan Brussel", "Besuch einer Kurultai-Delegation in Brüssel"),
     "2026-09-14", "09:00", "2026-09-16", "17:00", BRUSSELS, "Palace of the Nation", "Brussels", "be",
     ["kz-friendship-be", "kz-kurultai-foreign"], ["agreed", "scheduled", "held"], False),
    ("committees-video", "committee_meeting",
     t("Халықаралық істер комитеттерінің бейнеотырысы", "Видеозаседание комитетов по международным делам",
       "Video meeting of the foreign affairs committees", "Réunion vidéo des commissions des affaires étrangères",
       "Videovergadering van de commissies Buitenlandse Zaken", ""),
     "2026-12-03", "15:00", "2026-12-03", "16:30", BRUSSELS, "", "", "be",
     ["kz-kurultai-foreign", "be-chamber-foreign"], ["agreed", "scheduled"], False),
    ("listening-state-round-table", "round_table",
     t("«Тыңдаушы мемлекет: заң шығаруға азаматтардың қатысуы» дөңгелек үстелі",
       "Круглый стол «Слышащее государство: участие граждан в законотворчестве»",
       "Round table “The Listening State: citizens in lawmaking”",
       "Table ronde « L'État à l'écoute : les citoyens dans l'élaboration des lois »",
       "Rondetafel “De luisterende staat: burgers in het wetgevingsproces”", ""),
     "2026-12-10", "10:00", "2026-12-10", "13:00", BRUSSELS, "Palace of the Nation", "Brussels", "be",
     ["be-chamber-foreign", "kz-kurultai-legislation"], ["agreed"], False),
    ("fg-astana-2026", "friendship_group_meeting",
     t("Достық топтарының Астанадағы отырысы", "Заседание групп дружбы в Астане",
       "Meeting of the friendship groups in Astana", "Réunion des groupes d'amitié à Astana",
       "Vergadering van de vriendschapsgroepen in Astana", "Sitzung der Freundschaftsgruppen in Astana"),
     "2026-12-16", "10:00", "2026-12-16", "12:00", ALMATY, "Kurultai, Astana", "Astana", "kz",
     ["kz-friendship-be", "be-friendship-kz"], [], False),
    ("president-visit-astana", "visit_incoming",
     t("Өкілдер палатасы Төрағасының Астанаға сапары", "Визит Председателя Палаты представителей в Астану",
       "Visit of the President of the Chamber of Representatives to Astana",
       "Visite du président de la Chambre des représentants à Astana",
       "Bezoek van de voorzitter van de Kamer aan Astana", ""),
     "2026-12-18", "09:00", "2026-12-19", "18:00", ALMATY, "", "Astana", "kz",
     ["be-chamber"], ["agreed", "scheduled"], False),
]
EMBARGOED = {"president-visit-astana": "2026-12-10T09:00:00+00:00"}


def _sides(orgs: dict) -> tuple:
    own = settings.HEMICYCLE_OWN_PARLIAMENT
    if own not in {"kz", "be"}:
        own = "kz"
    other = "be" if own == "kz" else "kz"
    return own, other, orgs[f"{own}-parliament"], orgs[f"{other}-parliament"]


def load_cooperation_demo(*, orgs: dict, people: dict, posts: dict) -> dict:
    """Load the partnership, meeting, press release, memorandum, commitments and the joint programme."""
    own, other, ours, theirs = _sides(orgs)

    for key, delegation, assembly in (("kz", "kz-delegation-osce", "osce-pa"), ("kz", "kz-delegation-ipu", "ipu"),
                                      ("be", "be-delegation-ipu", "ipu"), ("be", "be-delegation-osce", "osce-pa")):
        AssemblyDelegation.objects.update_or_create(delegation=orgs[delegation], defaults={
            "parliament": orgs[f"{key}-parliament"], "assembly": orgs[assembly]})

    partnership, _ = Partnership.objects.update_or_create(public_id=_pid("partnership", "kz-be"), defaults={
        **_tr("title", t("Қазақстан – Бельгия", "Казахстан – Бельгия", "Kazakhstan – Belgium", "Kazakhstan – Belgique",
                         "Kazachstan – België", "Kasachstan – Belgien") if own == "kz" else
              t("Бельгия – Қазақстан", "Бельгия – Казахстан", "Belgium – Kazakhstan", "Belgique – Kazakhstan",
                "België – Kazachstan", "Belgien – Kasachstan")),
        **_tr("summary", t(
            en="Interparliamentary cooperation between the Parliament of Kazakhstan and the Belgian Federal "
               "Parliament: members, committees and friendship groups, and a joint calendar of activities.",
            ru="Межпарламентское сотрудничество Парламента Казахстана и Федерального парламента Бельгии: депутаты, "
               "комитеты и группы дружбы, совместный календарь мероприятий.",
            kk="Қазақстан Парламенті мен Бельгия Федералдық парламенті арасындағы парламентаралық ынтымақтастық.",
            fr="Coopération interparlementaire entre le Parlement du Kazakhstan et le Parlement fédéral belge.",
            nl="Interparlementaire samenwerking tussen het Parlement van Kazachstan en het Federaal Parlement.")),
        "parliament": ours, "counterpart": theirs,
        "our_friendship_group": orgs["kz-friendship-be" if own == "kz" else "be-friendship-kz"],
        "partner_friendship_group": orgs["be-friendship-kz" if own == "kz" else "kz-friendship-be"],
        "established": datetime.date(2025, 9, 16),
    })

    meeting, _ = Meeting.objects.update_or_create(public_id=_pid("meeting", "brussels-2025"), defaults={
        "partnership": partnership, **{k2: v2 for k, v in MEETING.items() for k2, v2 in _tr(k, v).items()},
        "start": _at("2025-09-16", "11:00", BRUSSELS), "end": _at("2025-09-16", "12:00", BRUSSELS),
        "timezone": BRUSSELS})
    for order, (person, post, org, side) in enumerate((("vassilenko", "kz-ambassador-be", "kz-embassy-be", "kz"),
                                                       ("de-roover", "be-chamber-president", "be-chamber", "be"))):
        MeetingParticipant.objects.update_or_create(meeting=meeting, person=people[person], defaults={
            "post": posts[post], **_tr("role", {c: getattr(posts[post], f"label_{c}") for c in LANGS}),
            "organization": orgs[org], "side": Side.OURS if side == own else Side.PARTNER, "order": order})

    PressRelease.objects.update_or_create(public_id=_pid("press-release", "brussels-2025"), defaults={
        "partnership": partnership, "meeting": meeting,
        **{k2: v2 for k, v in PRESS_RELEASE.items() for k2, v2 in _tr(k, v).items()},
        "published_at": _at("2025-09-16", "16:00", BRUSSELS)})

    agreement, _ = Agreement.objects.update_or_create(public_id=_pid("agreement", "mou-2026"), defaults={
        "partnership": partnership, "kind": Agreement.Kind.MEMORANDUM, "is_demo": True,
        **_tr("title", t(
            "Парламентаралық ынтымақтастық туралы өзара түсіністік меморандумы (демо)",
            "Меморандум о взаимопонимании в области межпарламентского сотрудничества (демо)",
            "Memorandum of understanding on interparliamentary cooperation (demo)",
            "Mémorandum d'entente sur la coopération interparlementaire (démo)",
            "Memorandum van overeenstemming over interparlementaire samenwerking (demo)", "")),
        **_tr("text", t(
            en="1. The parties shall hold regular consultations between their members, committees and friendship "
               "groups.\n2. The parties shall agree every two years on a joint calendar of activities.\n3. This "
               "memorandum is concluded for one year and may be renewed.",
            ru="1. Стороны проводят регулярные консультации между депутатами, комитетами и группами дружбы.\n"
               "2. Стороны раз в два года согласуют совместный календарь мероприятий.\n3. Меморандум заключается "
               "на один год и может быть продлён.",
            fr="1. Les parties tiennent des consultations régulières entre leurs membres, commissions et groupes "
               "d'amitié.\n2. Les parties conviennent tous les deux ans d'un calendrier commun d'activités.\n"
               "3. Le présent mémorandum est conclu pour un an et peut être renouvelé.",
            nl="1. De partijen houden regelmatig overleg tussen hun leden, commissies en vriendschapsgroepen.\n"
               "2. De partijen komen om de twee jaar een gezamenlijke activiteitenkalender overeen.\n"
               "3. Dit memorandum wordt gesloten voor één jaar en kan worden verlengd.")),
        "status": Agreement.Status.IN_FORCE, "signed_on": datetime.date(2026, 1, 20),
        "signed_at_place": "Brussels", "in_force_from": datetime.date(2026, 2, 1),
        "expires_on": datetime.date(2027, 1, 31), "remind_days_before": 90})
    for person, post, side in (("vassilenko", "kz-ambassador-be", "kz"),
                               ("de-roover", "be-chamber-president", "be")):
        AgreementSignatory.objects.update_or_create(agreement=agreement, person=people[person], defaults={
            **_tr("role", {c: getattr(posts[post], f"label_{c}") for c in LANGS}),
            "side": Side.OURS if side == own else Side.PARTNER})

    commitments = {}
    for key, title, owner, side, due, status, evidence in COMMITMENTS:
        if side in (Side.OURS, Side.PARTNER) and own == "be":
            side = Side.PARTNER if side == Side.OURS else Side.OURS
        commitments[key], _ = Commitment.objects.update_or_create(
            public_id=_pid("commitment", key), defaults={
                "partnership": partnership, "meeting": meeting, **_tr("title", title),
                **_tr("evidence", evidence), "owner_organization": orgs[owner], "side": side,
                "due_on": datetime.date.fromisoformat(due), "status": status, "is_demo": True,
                "closed_on": datetime.date.fromisoformat(due) if status in ("done", "dropped") else None})

    programme, _ = Programme.objects.update_or_create(public_id=_pid("programme", "kz-be-2025-2026"), defaults={
        "partnership": partnership,
        **_tr("title", t("2025–2026 жылдарға арналған бірлескен іс-шаралар күнтізбесі",
                         "Совместный календарь мероприятий на 2025–2026 годы",
                         "Joint calendar of activities 2025–2026",
                         "Calendrier commun d'activités 2025–2026",
                         "Gezamenlijke activiteitenkalender 2025–2026",
                         "Gemeinsamer Veranstaltungskalender 2025–2026")),
        **_tr("description", t(
            en="Mutual visits, thematic round tables, committee and friendship-group meetings, and joint initiatives "
               "at international inter-parliamentary platforms, as agreed at the meeting in Brussels.",
            ru="Взаимные визиты, тематические круглые столы, встречи комитетов и групп дружбы, совместные "
               "инициативы на международных межпарламентских площадках.")),
        "period_start": datetime.date(2025, 10, 1), "period_end": datetime.date(2026, 12, 31)})

    if not programme.activities.exists():
        _load_activities(programme=programme, orgs=orgs, people=people, commitments=commitments)

    return {"partnerships": Partnership.objects.count(), "activities": Activity.objects.count()}


def _load_activities(*, programme, orgs, people, commitments) -> None:
    """The programme's activities, walked through their statuses, with the versions agreed along the way."""
    delegates = {"kz": [p for k, p in people.items() if k.startswith("kz-m")][:3],
                 "be": [p for k, p in people.items() if k.startswith("be-m")][:3]}
    created = {}
    for first_version in (True, False):
        for (key, kind, title, day, time, end_day, end_time, zone, venue, city, organizer, bodies, path,
             in_first) in ACTIVITIES:
            if in_first != first_version:
                continue
            activity = services.activity_create(
                programme=programme, uid=f"{key}@{DEMO_SCHEME}", public_id=_pid("activity", key), kind=kind,
                **_tr("title", title), **_tr("venue", t(en=venue)), **_tr("city", t(en=city)),
                start=_at(day, time, zone), end=_at(end_day, end_time, zone), timezone=zone,
                organizer=orgs[f"{organizer}-parliament"], is_demo=True,
                embargo_until=(datetime.datetime.fromisoformat(EMBARGOED[key]) if key in EMBARGOED else None),
                bodies=[orgs[b] for b in bodies],
                delegation=delegates["be" if organizer == "kz" else "kz"] if kind.startswith("visit") else [])
            for status in path:
                services.activity_set_status(activity=activity, status=status)
            created[key] = activity
        if first_version:
            services.programme_agree(programme=programme, note="Agreed by both sides (demo).")
    services.activity_update(activity=created["reform-round-table"], **_tr("outcome_report", t(
        en="Members of both parliaments compared the move to one chamber in Kazakhstan with the debate on the "
           "Senate in Belgium. Conclusions to be published by the Kurultai.",
        ru="Депутаты двух парламентов сравнили переход к однопалатному парламенту в Казахстане с дискуссией о "
           "Сенате в Бельгии.")))
    created["reform-round-table"].commitments.add(commitments["round-table-report"])
    created["ipu-joint-statement"].assembly = orgs["ipu"]
    created["ipu-joint-statement"].save(update_fields=["assembly"])
    created["ipu-joint-statement"].commitments.add(commitments["ipu-initiative"])
    created["osce-side-event"].assembly = orgs["osce-pa"]
    created["osce-side-event"].save(update_fields=["assembly"])
    created["fg-astana-2026"].commitments.add(commitments["friendship-groups"])
    services.programme_agree(programme=programme, note="Amended: autumn 2026 activities added (demo).")
