"""The default procedure of a single-chamber parliament, as data.

``ensure_default_workflows`` copies this into the database once; afterwards clerks change stages, texts and
transitions in the back office, and a second run never overwrites what they changed. Every text is given in the
six languages (kk, ru, en, fr, nl, de). Each stage: name, what it means (explanation), what happens next
(next_steps), how long it usually takes (typical_duration, typical_days) and how a citizen can take part
(participation).
"""


def t(kk, ru, en, fr, nl, de) -> dict:
    return {"kk": kk, "ru": ru, "en": en, "fr": fr, "nl": nl, "de": de}


_WRITE = t(
    "Өз пікіріңізді жауапты комитетке немесе өз депутатыңызға жазыңыз.",
    "Напишите своё мнение профильному комитету или своему депутату.",
    "Write to the lead committee or to your member with your view.",
    "Écrivez à la commission compétente ou à votre député pour donner votre avis.",
    "Schrijf de bevoegde commissie of uw volksvertegenwoordiger wat u ervan vindt.",
    "Schreiben Sie dem federführenden Ausschuss oder Ihrem Abgeordneten Ihre Meinung.",
)
_FOLLOW = t(
    "Заң жобасына жазылып, өзгерістер туралы хабар алыңыз.",
    "Подпишитесь на законопроект, чтобы получать уведомления об изменениях.",
    "Follow the bill to be told by email when something changes.",
    "Suivez le projet pour être averti par courriel de chaque changement.",
    "Volg het wetsvoorstel om per e-mail te horen wat er verandert.",
    "Folgen Sie dem Gesetzentwurf, um per E-Mail über Änderungen informiert zu werden.",
)
_NONE = t(
    "Бұл кезең аяқталды; заң жобасының тарихы ашық күйінде қалады.",
    "Этот этап завершён; история законопроекта остаётся открытой.",
    "Nothing more can be done on this bill; its history stays public.",
    "Plus rien ne peut être fait sur ce projet ; son historique reste public.",
    "Aan dit voorstel kan niets meer gebeuren; de geschiedenis blijft openbaar.",
    "An diesem Entwurf geschieht nichts mehr; sein Verlauf bleibt öffentlich.",
)
_SITTING = t(
    "Отырысты тікелей трансляциядан көріңіз немесе дауыс беру нәтижелерін оқыңыз.",
    "Смотрите заседание в прямом эфире или читайте результаты голосования.",
    "Watch the sitting live, or read how each member voted.",
    "Regardez la séance en direct ou lisez comment chaque député a voté.",
    "Bekijk de vergadering live of lees hoe elk lid heeft gestemd.",
    "Verfolgen Sie die Sitzung live oder lesen Sie, wie jedes Mitglied abgestimmt hat.",
)
_NEVER = t("—", "—", "—", "—", "—", "—")


def _days(n: int) -> dict:
    return t(f"әдетте {n} күнге дейін", f"обычно до {n} дней", f"usually up to {n} days",
             f"en général jusqu'à {n} jours", f"meestal tot {n} dagen", f"in der Regel bis zu {n} Tage")


#: Stages in order: code → (texts, typical_days, is_initial, is_final, outcome).
STAGES: dict[str, dict] = {
    "registered": dict(
        name=t("Тіркелді", "Зарегистрирован", "Registered", "Enregistré", "Ingediend", "Eingebracht"),
        explanation=t(
            "Заң жобасы Парламентке енгізіліп, нөмір алды.",
            "Законопроект внесён в Парламент и получил номер.",
            "The bill has been handed in to Parliament and given a number.",
            "Le projet a été déposé au Parlement et a reçu un numéro.",
            "Het wetsvoorstel is bij het Parlement ingediend en heeft een nummer gekregen.",
            "Der Gesetzentwurf wurde beim Parlament eingereicht und hat eine Nummer erhalten."),
        next_steps=t(
            "Бюро оны жауапты комитетке жібереді.",
            "Бюро направляет его в профильный комитет.",
            "The bureau sends it to the committee responsible for the subject.",
            "Le bureau l'envoie à la commission compétente.",
            "Het bureau stuurt het naar de bevoegde commissie.",
            "Das Präsidium überweist ihn an den zuständigen Ausschuss."),
        typical_days=10, participation=_FOLLOW, initial=True),
    "committee": dict(
        name=t("Комитетке жіберілді", "Направлен в комитет", "Referred to committee", "Renvoyé en commission",
               "Naar commissie verwezen", "An den Ausschuss überwiesen"),
        explanation=t(
            "Депутаттар комитеті мәтінді толық зерттеп, сарапшыларды тыңдайды.",
            "Комитет депутатов подробно изучает текст и заслушивает экспертов.",
            "A committee of members studies the text in detail and hears experts.",
            "Une commission de députés étudie le texte en détail et entend des experts.",
            "Een commissie van leden bestudeert de tekst grondig en hoort deskundigen.",
            "Ein Ausschuss von Abgeordneten prüft den Text im Einzelnen und hört Sachverständige."),
        next_steps=t(
            "Комитет қорытынды дайындайды.", "Комитет готовит заключение.",
            "The committee writes its report.", "La commission rédige son rapport.",
            "De commissie schrijft haar verslag.", "Der Ausschuss erstellt seinen Bericht."),
        typical_days=60, participation=_WRITE),
    "committee_report": dict(
        name=t("Комитет қорытындысы", "Заключение комитета", "Committee report", "Rapport de la commission",
               "Commissieverslag", "Ausschussbericht"),
        explanation=t(
            "Комитет өз қорытындысын және ұсынылған түзетулерді жариялады.",
            "Комитет опубликовал заключение и рекомендованные поправки.",
            "The committee has published its report and the amendments it recommends.",
            "La commission a publié son rapport et les amendements qu'elle recommande.",
            "De commissie heeft haar verslag en de aanbevolen amendementen gepubliceerd.",
            "Der Ausschuss hat seinen Bericht und die empfohlenen Änderungsanträge veröffentlicht."),
        next_steps=t(
            "Заң жобасы пленарлық отырыстың күн тәртібіне қойылады.",
            "Законопроект включается в повестку пленарного заседания.",
            "The bill is put on the agenda of a plenary sitting.",
            "Le projet est inscrit à l'ordre du jour d'une séance plénière.",
            "Het voorstel wordt op de agenda van een plenaire vergadering gezet.",
            "Der Entwurf wird auf die Tagesordnung einer Plenarsitzung gesetzt."),
        typical_days=14, participation=t(
            "Комитет қорытындысын оқып, депутатыңызға пікір жіберіңіз.",
            "Прочитайте заключение комитета и сообщите своё мнение депутату.",
            "Read the committee report and tell your member what you think.",
            "Lisez le rapport de la commission et dites à votre député ce que vous en pensez.",
            "Lees het commissieverslag en laat uw volksvertegenwoordiger weten wat u denkt.",
            "Lesen Sie den Ausschussbericht und sagen Sie Ihrem Abgeordneten Ihre Meinung.")),
    "first_reading": dict(
        name=t("Бірінші оқылым", "Первое чтение", "First reading", "Première lecture", "Eerste lezing",
               "Erste Lesung"),
        explanation=t(
            "Барлық депутаттар заң жобасының негізгі идеясын талқылап, дауыс береді.",
            "Все депутаты обсуждают основную идею законопроекта и голосуют.",
            "All members debate the main idea of the bill and vote on it.",
            "Tous les députés débattent de l'idée principale du projet et votent.",
            "Alle leden debatteren over de hoofdlijnen van het voorstel en stemmen.",
            "Alle Abgeordneten beraten über den Grundgedanken des Entwurfs und stimmen ab."),
        next_steps=t(
            "Мақұлданса, депутаттар түзетулер ұсына алады.",
            "В случае одобрения депутаты могут вносить поправки.",
            "If approved, members may table amendments.",
            "S'il est approuvé, les députés peuvent déposer des amendements.",
            "Als het wordt goedgekeurd, kunnen leden amendementen indienen.",
            "Wird er angenommen, können Abgeordnete Änderungsanträge stellen."),
        typical_days=7, participation=_SITTING),
    "amendments": dict(
        name=t("Түзетулер", "Поправки", "Amendments", "Amendements", "Amendementen", "Änderungsanträge"),
        explanation=t(
            "Депутаттар мәтінге өзгерістер ұсынады; әрқайсысы бойынша дауыс беріледі.",
            "Депутаты предлагают изменения текста; по каждой поправке проводится голосование.",
            "Members propose changes to the text; each change is put to a vote.",
            "Les députés proposent des modifications du texte ; chacune est mise aux voix.",
            "Leden stellen wijzigingen van de tekst voor; over elke wijziging wordt gestemd.",
            "Abgeordnete schlagen Änderungen am Text vor; über jede wird abgestimmt."),
        next_steps=t(
            "Қабылданған түзетулер мәтінге енгізіліп, екінші оқылым өтеді.",
            "Принятые поправки вносятся в текст, затем проходит второе чтение.",
            "Adopted amendments are written into the text, then comes the second reading.",
            "Les amendements adoptés sont intégrés au texte, puis vient la seconde lecture.",
            "Aangenomen amendementen worden in de tekst verwerkt; daarna volgt de tweede lezing.",
            "Angenommene Änderungen werden in den Text eingearbeitet; dann folgt die zweite Lesung."),
        typical_days=21, participation=_WRITE),
    "second_reading": dict(
        name=t("Екінші (қорытынды) оқылым", "Второе (окончательное) чтение", "Second (final) reading",
               "Seconde lecture (finale)", "Tweede (laatste) lezing", "Zweite (abschließende) Lesung"),
        explanation=t(
            "Депутаттар түзетілген мәтін бойынша түпкілікті дауыс береді.",
            "Депутаты окончательно голосуют за текст с поправками.",
            "Members vote on the whole text as amended: this is the final vote.",
            "Les députés votent sur l'ensemble du texte amendé : c'est le vote final.",
            "De leden stemmen over de geamendeerde tekst als geheel: dit is de eindstemming.",
            "Die Abgeordneten stimmen über den geänderten Text als Ganzes ab: die Schlussabstimmung."),
        next_steps=t(
            "Қабылданса, заң Мемлекет басшысына жіберіледі.",
            "В случае принятия закон направляется Главе государства.",
            "If adopted, the law goes to the Head of State.",
            "S'il est adopté, la loi est transmise au chef de l'État.",
            "Als de wet wordt aangenomen, gaat ze naar het staatshoofd.",
            "Wird es angenommen, geht das Gesetz an das Staatsoberhaupt."),
        typical_days=7, participation=_SITTING),
    "adopted": dict(
        name=t("Қабылданды", "Принят", "Adopted", "Adopté", "Aangenomen", "Angenommen"),
        explanation=t(
            "Парламент заңды қабылдады.", "Парламент принял закон.", "Parliament has passed the law.",
            "Le Parlement a adopté la loi.", "Het Parlement heeft de wet aangenomen.",
            "Das Parlament hat das Gesetz beschlossen."),
        next_steps=t(
            "Заң қол қоюға Мемлекет басшысына жіберіледі.", "Закон направляется на подпись Главе государства.",
            "The law is sent to the Head of State for signature.",
            "La loi est envoyée au chef de l'État pour signature.",
            "De wet wordt ter ondertekening naar het staatshoofd gestuurd.",
            "Das Gesetz wird dem Staatsoberhaupt zur Unterzeichnung zugeleitet."),
        typical_days=10, participation=_FOLLOW),
    "sent_to_head_of_state": dict(
        name=t("Мемлекет басшысына жіберілді", "Направлен Главе государства", "Sent to the Head of State",
               "Transmis au chef de l'État", "Naar het staatshoofd gestuurd", "Dem Staatsoberhaupt zugeleitet"),
        explanation=t(
            "Мемлекет басшысы заңға қол қоя алады немесе қарсылықтарымен қайтара алады.",
            "Глава государства может подписать закон или вернуть его с возражениями.",
            "The Head of State may sign the law or send it back with objections.",
            "Le chef de l'État peut signer la loi ou la renvoyer avec des objections.",
            "Het staatshoofd kan de wet ondertekenen of met bezwaren terugsturen.",
            "Das Staatsoberhaupt kann das Gesetz unterzeichnen oder mit Einwänden zurückgeben."),
        next_steps=t(
            "Қол қойылған заң жарияланады.", "Подписанный закон публикуется.",
            "A signed law is published.", "Une loi signée est publiée.",
            "Een ondertekende wet wordt bekendgemaakt.", "Ein unterzeichnetes Gesetz wird verkündet."),
        typical_days=30, participation=_FOLLOW),
    "signed": dict(
        name=t("Қол қойылды", "Подписан", "Signed", "Signé", "Ondertekend", "Unterzeichnet"),
        explanation=t(
            "Мемлекет басшысы заңға қол қойды.", "Глава государства подписал закон.",
            "The Head of State has signed the law.", "Le chef de l'État a signé la loi.",
            "Het staatshoofd heeft de wet ondertekend.", "Das Staatsoberhaupt hat das Gesetz unterzeichnet."),
        next_steps=t(
            "Заң ресми басылымда жарияланады.", "Закон публикуется в официальном издании.",
            "The law is published in the official journal.", "La loi est publiée au journal officiel.",
            "De wet wordt in het officiële blad bekendgemaakt.", "Das Gesetz wird im Amtsblatt verkündet."),
        typical_days=10, participation=_FOLLOW),
    "returned": dict(
        name=t("Қарсылықтарымен қайтарылды", "Возвращён с возражениями", "Returned with objections",
               "Renvoyé avec objections", "Met bezwaren teruggestuurd", "Mit Einwänden zurückgegeben"),
        explanation=t(
            "Мемлекет басшысы заңға қол қоймай, қарсылықтарын жазып қайтарды.",
            "Глава государства не подписал закон и вернул его с возражениями.",
            "The Head of State did not sign the law and sent it back with written objections.",
            "Le chef de l'État n'a pas signé la loi et l'a renvoyée avec des objections écrites.",
            "Het staatshoofd heeft de wet niet ondertekend en met schriftelijke bezwaren teruggestuurd.",
            "Das Staatsoberhaupt hat das Gesetz nicht unterzeichnet und mit schriftlichen Einwänden zurückgegeben."),
        next_steps=t(
            "Парламент заңды қайта қарайды.", "Парламент повторно рассматривает закон.",
            "Parliament reconsiders the law.", "Le Parlement réexamine la loi.",
            "Het Parlement behandelt de wet opnieuw.", "Das Parlament berät das Gesetz erneut."),
        typical_days=30, participation=_WRITE),
    "reconsidered": dict(
        name=t("Қайта қаралды", "Повторно рассмотрен", "Reconsidered", "Réexaminé", "Opnieuw behandeld",
               "Erneut beraten"),
        explanation=t(
            "Депутаттар қарсылықтарды талқылап, заңды қайта қабылдау-қабылдамау туралы дауыс береді.",
            "Депутаты обсуждают возражения и голосуют, принимать ли закон снова.",
            "Members debate the objections and vote on whether to pass the law again.",
            "Les députés débattent des objections et votent pour adopter à nouveau la loi ou non.",
            "De leden bespreken de bezwaren en stemmen of zij de wet opnieuw aannemen.",
            "Die Abgeordneten beraten die Einwände und stimmen ab, ob sie das Gesetz erneut beschließen."),
        next_steps=t(
            "Қайта қабылданса, заң қайтадан Мемлекет басшысына жіберіледі.",
            "Если закон принят снова, он опять направляется Главе государства.",
            "If passed again, the law goes back to the Head of State.",
            "Si elle est adoptée à nouveau, la loi retourne au chef de l'État.",
            "Als de wet opnieuw wordt aangenomen, gaat ze weer naar het staatshoofd.",
            "Wird es erneut beschlossen, geht das Gesetz wieder an das Staatsoberhaupt."),
        typical_days=30, participation=_SITTING),
    "published": dict(
        name=t("Жарияланды", "Опубликован", "Published", "Publié", "Bekendgemaakt", "Verkündet"),
        explanation=t(
            "Заң ресми түрде жарияланды; оны барлығы оқи алады.",
            "Закон официально опубликован; его может прочитать каждый.",
            "The law has been officially published; anyone can read it.",
            "La loi a été officiellement publiée ; chacun peut la lire.",
            "De wet is officieel bekendgemaakt; iedereen kan haar lezen.",
            "Das Gesetz wurde amtlich verkündet; jeder kann es lesen."),
        next_steps=t(
            "Заң көрсетілген күні күшіне енеді.", "Закон вступает в силу в указанный день.",
            "The law comes into force on the date it sets.", "La loi entre en vigueur à la date qu'elle fixe.",
            "De wet treedt in werking op de datum die ze bepaalt.",
            "Das Gesetz tritt an dem Tag in Kraft, den es bestimmt."),
        typical_days=10, participation=_FOLLOW),
    "in_force": dict(
        name=t("Күшіне енді", "Вступил в силу", "In force", "En vigueur", "In werking", "In Kraft"),
        explanation=t(
            "Заң қолданыста; ол барлығына міндетті.", "Закон действует и обязателен для всех.",
            "The law applies and binds everyone.", "La loi s'applique et s'impose à tous.",
            "De wet is van kracht en geldt voor iedereen.", "Das Gesetz gilt und bindet alle."),
        next_steps=_NONE, typical_days=None, participation=t(
            "Заңды өзгерту үшін депутатыңызға хабарласыңыз.",
            "Чтобы изменить закон, обратитесь к своему депутату.",
            "To change the law, contact your member: a new bill is needed.",
            "Pour modifier la loi, contactez votre député : il faut un nouveau projet.",
            "Om de wet te wijzigen, neem contact op met uw volksvertegenwoordiger: er is een nieuw voorstel nodig.",
            "Um das Gesetz zu ändern, wenden Sie sich an Ihren Abgeordneten: Es braucht einen neuen Entwurf."),
        final=True, outcome="law"),
    "withdrawn": dict(
        name=t("Кері қайтарылды", "Отозван", "Withdrawn", "Retiré", "Ingetrokken", "Zurückgezogen"),
        explanation=t(
            "Бастамашы заң жобасын кері қайтарып алды.", "Инициатор отозвал законопроект.",
            "Those who proposed the bill have withdrawn it.", "Les auteurs du projet l'ont retiré.",
            "De indieners hebben het voorstel ingetrokken.", "Die Urheber haben den Entwurf zurückgezogen."),
        next_steps=_NONE, typical_days=None, participation=_NONE, final=True, outcome="failed"),
    "rejected": dict(
        name=t("Қабылданбады", "Отклонён", "Rejected", "Rejeté", "Verworpen", "Abgelehnt"),
        explanation=t(
            "Депутаттар заң жобасына қарсы дауыс берді.", "Депутаты проголосовали против законопроекта.",
            "Members voted against the bill.", "Les députés ont voté contre le projet.",
            "De leden hebben tegen het voorstel gestemd.", "Die Abgeordneten haben gegen den Entwurf gestimmt."),
        next_steps=_NONE, typical_days=None, participation=_NONE, final=True, outcome="failed"),
    "lapsed": dict(
        name=t("Күшін жойды", "Утратил актуальность", "Lapsed", "Caduc", "Vervallen", "Erledigt (verfallen)"),
        explanation=t(
            "Заң жобасы мерзімінде қаралмай, күшін жойды.",
            "Законопроект не был рассмотрен вовремя и утратил силу.",
            "The bill was not dealt with in time and has lapsed.",
            "Le projet n'a pas été examiné à temps et est devenu caduc.",
            "Het voorstel is niet op tijd behandeld en is vervallen.",
            "Der Entwurf wurde nicht rechtzeitig behandelt und ist verfallen."),
        next_steps=_NONE, typical_days=None, participation=_NONE, final=True, outcome="failed"),
}

for _spec in STAGES.values():
    days = _spec.get("typical_days")
    _spec.setdefault("typical_duration", _days(days) if days else _NEVER)

#: Allowed moves of the default procedure, (source, target).
TRANSITIONS: list[tuple[str, str]] = [
    ("registered", "committee"), ("registered", "withdrawn"),
    ("committee", "committee_report"), ("committee", "withdrawn"), ("committee", "lapsed"),
    ("committee_report", "first_reading"), ("committee_report", "withdrawn"), ("committee_report", "lapsed"),
    ("first_reading", "amendments"), ("first_reading", "rejected"), ("first_reading", "withdrawn"),
    ("first_reading", "lapsed"),
    ("amendments", "second_reading"), ("amendments", "withdrawn"), ("amendments", "lapsed"),
    ("second_reading", "adopted"), ("second_reading", "rejected"), ("second_reading", "lapsed"),
    ("adopted", "sent_to_head_of_state"),
    ("sent_to_head_of_state", "signed"), ("sent_to_head_of_state", "returned"),
    ("signed", "published"),
    ("returned", "reconsidered"),
    ("reconsidered", "adopted"), ("reconsidered", "rejected"),
    ("published", "in_force"),
]

_QUALIFIED = t(
    " Конституциялық заң үшін барлық депутаттардың кемінде үштен екісінің дауысы қажет.",
    " Для конституционного закона нужны голоса не менее двух третей от общего числа депутатов.",
    " A constitutional law needs a qualified majority: at least two thirds of all members.",
    " Une loi constitutionnelle exige une majorité qualifiée : au moins deux tiers de tous les députés.",
    " Een grondwettelijke wet vereist een gekwalificeerde meerderheid: ten minste twee derde van alle leden.",
    " Ein Verfassungsgesetz braucht eine qualifizierte Mehrheit: mindestens zwei Drittel aller Abgeordneten.",
)
_NO_AMENDMENTS = t(
    " Халықаралық шартты түзетуге болмайды: Парламент оны тұтастай мақұлдайды немесе қабылдамайды.",
    " Международный договор нельзя изменить: Парламент одобряет или отклоняет его целиком.",
    " A treaty cannot be amended: Parliament approves or rejects it as a whole.",
    " Un traité ne peut être amendé : le Parlement l'approuve ou le rejette en bloc.",
    " Een verdrag kan niet worden geamendeerd: het Parlement keurt het als geheel goed of af.",
    " Ein Vertrag kann nicht geändert werden: Das Parlament billigt oder verwirft ihn als Ganzes.",
)
_FIXED = t(
    " Бюджет мерзімдері заңмен белгіленген: ол қаржы жылы басталғанға дейін қабылдануы тиіс.",
    " Сроки бюджета установлены законом: он должен быть принят до начала финансового года.",
    " The budget's timing is fixed by law: it must pass before the financial year begins.",
    " Le calendrier du budget est fixé par la loi : il doit être adopté avant le début de l'exercice.",
    " Het tijdpad van de begroting ligt wettelijk vast: ze moet vóór het begrotingsjaar zijn aangenomen.",
    " Der Zeitplan des Haushalts ist gesetzlich festgelegt: Er muss vor Beginn des Haushaltsjahres stehen.",
)

#: Workflows: code → name, description, and changes to the default graph.
WORKFLOWS: dict[str, dict] = {
    "single-chamber": dict(
        name=t("Бір палаталы парламенттегі заң", "Закон в однопалатном парламенте",
               "Law in a single-chamber parliament", "Loi dans un parlement monocaméral",
               "Wet in een parlement met één kamer", "Gesetz im Einkammerparlament"),
        description=t("Әдепкі рәсім.", "Стандартная процедура.", "The default procedure.",
                      "La procédure par défaut.", "De standaardprocedure.", "Das Standardverfahren."),
    ),
    "single-chamber-constitutional": dict(
        name=t("Конституциялық заң", "Конституционный закон", "Constitutional law", "Loi constitutionnelle",
               "Grondwettelijke wet", "Verfassungsgesetz"),
        description=_QUALIFIED,
        append={"second_reading": {"explanation": _QUALIFIED}, "reconsidered": {"explanation": _QUALIFIED}},
    ),
    "single-chamber-ratification": dict(
        name=t("Халықаралық шартты ратификациялау", "Ратификация международного договора",
               "Ratification of a treaty", "Ratification d'un traité", "Goedkeuring van een verdrag",
               "Ratifizierung eines Vertrags"),
        description=_NO_AMENDMENTS,
        without=("amendments",),
        extra=[("first_reading", "second_reading")],
        append={"first_reading": {"explanation": _NO_AMENDMENTS}},
    ),
    "single-chamber-budget": dict(
        name=t("Республикалық бюджет", "Республиканский бюджет", "Budget", "Budget", "Begroting", "Haushalt"),
        description=_FIXED,
        days={"committee": 30, "committee_report": 7, "first_reading": 5, "amendments": 10, "second_reading": 5},
        append={"registered": {"explanation": _FIXED}},
    ),
}

#: Bill types: code → name and workflow code.
BILL_TYPES: dict[str, dict] = {
    "ordinary-law": dict(workflow="single-chamber", name=t(
        "Заң", "Закон", "Ordinary law", "Loi ordinaire", "Gewone wet", "Einfaches Gesetz")),
    "constitutional-law": dict(workflow="single-chamber-constitutional", name=t(
        "Конституциялық заң", "Конституционный закон", "Constitutional law", "Loi constitutionnelle",
        "Grondwettelijke wet", "Verfassungsgesetz")),
    "ratification": dict(workflow="single-chamber-ratification", name=t(
        "Халықаралық шартты ратификациялау", "Ратификация международного договора", "Ratification of a treaty",
        "Ratification d'un traité", "Goedkeuring van een verdrag", "Ratifizierung eines Vertrags")),
    "budget": dict(workflow="single-chamber-budget", name=t(
        "Бюджет туралы заң", "Закон о бюджете", "Budget", "Loi de finances", "Begrotingswet", "Haushaltsgesetz")),
}
