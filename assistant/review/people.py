"""Names of people in Dutch text, found without a model: first names, role words, honorifics, ages.

Answers tell case stories ("onze deelnemer Fatima, 34 jaar, ...", "trajectbegeleider Koen Verhaeghe");
those names must not leave the machine, while the places and organisations of the werkingsgebied must
stay readable so that a reviewer can judge local anchoring. Dutch writes common nouns in lower case, so
a person's name is a run of capitalised words; what tells it from a place or an organisation is a known
first name, a role word or honorific before it, or an age after it, and a list of the region's places and
organisations that are never taken for people. Measured on tests/fixtures/person-names.toml (figures in bench/README.md).
"""

from __future__ import annotations

import re

# An e-mail address. It starts where no address character stands before it: without that, a long run of
# letters with no "@" in it was scanned again from every position in it (100 KB took 46 s).
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# Werkingsgebied (and nearby) places and the organisations an answer names: never a person.
PLACES = frozenset(
    """assenede bassevelde boekhoute oosteeklo eeklo evergem ertvelde kluizen sleidinge wippelgem kaprijke lembeke
    sint-laureins sint-margriete sint-jan-in-eremo waterland-oudeman watervliet zelzate maldegem adegem knesselare
    aalter lievegem waarschoot zomergem lovendegem gent brugge antwerpen brussel wachtebeke moerbeke lokeren
    meetjesland oost-meetjesland kanaalzone oost-vlaanderen west-vlaanderen vlaanderen belgië nederland europa
    westkade-wijk westkade industriepark bedrijventerrein noord zuid""".split()
)
ORGANISATION_WORDS = frozenset(
    """vdab ocmw caw cvo cbe jac vvsg wse esf kbo riziv fod rva hvw actiris forem ldc ggz tejo jes ngo
    sociaal sociale huis huizen centrum dienst welzijn welzijnsband agentschap integratie inburgering
    kringwinkel lijn curando vormingplus basiseducatie provincie gemeente stad lokaal bestuur werkwinkel
    werkbrug jobkracht trefpunt link sleutel kreek samenlevingsopbouw atlas intro groep mentor arktos kind
    vzw bv nv cv ivzw school academie hogeschool universiteit ziekenhuis huisartsenpraktijk wijkgezondheidscentrum
    team project partnerschap netwerk overleg europa europese vlaamse federale wse-kwaliteitskader
    gezin familiehulp cgg clb clb's ocmw's jeugdhulp opvoedingswinkel buurtwerk buurthuis wijk-werken
    zorgband zorgbedrijf woonzorgcentrum svk huurdersbond mutualiteit solidaris acv abvv aclvb vdab-werkwinkel
    rode kruis maatwerkbedrijf maatwerk""".split()
)
# Words written with a capital in Dutch that are not names: languages, nationalities, weekdays in titles.
NOT_NAMES = frozenset(
    """nederlands frans engels duits arabisch turks berbers tigrinya dari pasjtoe oekraïens russisch pools roemeens
    spaans somalisch koerdisch belg belgische belgen marokkaanse marokkaan turkse syrische afghaanse eritrese
    oekraïense poolse roemeense congolese vlaams vlaamse waals nederlandstalige nieuwkomers deming pdsa plan do
    study act ik wij we ons onze zij ze hij haar zijn hun dit dat deze die een en in op met voor""".split()
)
# Name particles: part of a name ("Van den Bossche", "El Amrani"), too common to mask on their own.
PARTICLES = frozenset("van de der den het ter ten te le la du von vanden vander d d' el al ben bin abu ibn da dos".split())
# Words before a name that say a person follows ("onze deelnemer Fatima", "mevrouw Peeters").
ROLE_WORDS = frozenset(
    """mevrouw meneer mevr mevr. dhr dhr. mr mr. mw mw. mme heer juffrouw dokter dr dr. prof prof.
    deelnemer deelneemster deelnemers cliënt cliënte client klant klanten cursist cursiste werkzoekende jongere
    nieuwkomer leerling stagiair stagiaire vrijwilliger vrijwilligster buddy mentor
    trajectbegeleider trajectbegeleidster begeleider begeleidster jobcoach coach collega medewerker medewerkster
    consulent consulente werker werkster bemiddelaar bemiddelaarster directeur directrice coördinator coördinatrice
    voorzitter schepen burgemeester maatschappelijk assistent assistente ervaringsdeskundige tolk
    moeder vader mama papa zoon dochter broer zus vriend vriendin man vrouw echtgenoot echtgenote kleinzoon
    grootmoeder oma opa tante oom buurman buurvrouw alleenstaande""".split()
)
# First names common in Flanders, of many origins. A capitalised word on this list starts a person's name.
FIRST_NAMES = frozenset(
    """aaron abdel abdelkader abdellah abdelaziz abdul abdullah adam adil adnan ahmad ahmed aisha aïcha ali alice
    amina amira amir an anas andrea andreas ann anna anne annelies annemie anouk anton arne astrid axel aya ayoub
    bart bas bashir ben benjamin bert bilal birgit bram bruno carine carla caroline charlotte chloé chris christel
    christine claire dana daan david dieter dirk dries dunya dylan ebru ece eline elif elise elke ellen els emine
    emma emre eva evelien fatima fatma fatoumata femke filip frank freya frederik geert gert gerda gilles greet
    griet gwen hakan halima hamid hanne hannelore hasan hassan hatice hilde hind hüseyin ibrahim ilse imane inge
    ingrid iris isabelle jan jana jasper jef jelle jens jeroen joke joost joris josé josef jozef julie karel karim
    karin karolien katrien kathleen kevin khadija kim koen kris kristof lara laura leen lena lien lieve lies liesbeth
    lisa lore lotte louis luc lucas lukas maarten magda mamadou marc marie marieke mariam marijke mario mark marleen
    martine mathias mats maxime mehmet melike merel michel michiel mieke mohamed mohammed mustafa nadia naima nathalie
    nicole nina noor nora nour olga omar oksana olena pascal patrick paul peter pieter pieterjan piet rachid rania
    rik rita robin ruben rudi ruth saar said samira sander sara sarah seppe sien simon sofie sophie stefaan stefan
    steven stijn tania tatiana thomas tim tine tom tomas veerle vera viktor vincent wim wouter yasmina yasmine yusuf
    youssef zeynep zineb ahmet ayşe murat yılmaz fadumo abdirahman aweys hodan omid farid zahra mahmoud hamza
    khalid samir tarik yassin layla leila salma mariya iryna yulia natalia anastasia andriy dmytro serhii taras
    piotr katarzyna agnieszka tomasz marek pawel ionut andrei elena mihai alexandru cristina ana joseph emmanuel
    grace patience blessing esther christelle jean-pierre jean-claude marie-claire kofi ama kwame yonas
    senait selam tesfay kidane helen semhar dawit abel ruta rosa jonas wouter nele ine katja""".split()
)
# Words that are also first names but begin many Dutch sentences ("Elke dinsdag ..."): a name only when
# a capitalised surname follows.
AMBIGUOUS_FIRST = frozenset("elke an iris rosa grace hoop mark will bas ben sien ine".split())
# After these a capitalised word names a thing ("project Samen Sterker", "de wijk Oostveld"), not a person.
NAMED_THING_BEFORE = frozenset(
    """wijk project dienst team opleiding afdeling programma methode werking werkgroep buurthuis school vzw
    organisatie huis netwerk cursus module traject campagne gemeente stad regio dorp deelgemeente straat
    centrum app platform""".split()
)
# Words that open a sentence: after "B." they mean the sentence ended, not that a surname follows.
SENTENCE_OPENERS = frozenset(
    """de het een dit dat deze die daarna daarom daarnaast dan ook wij we ik zij ze hij er in op met voor na bij
    als toen maar en of zo nu hier daar zie vraag antwoord samen tot uit via""".split()
)
# Abbreviated honorifics keep their full stop before the name ("Dhr. Verstraete").
ABBREVIATED_ROLES = frozenset("mevr dhr mr mw dr prof".split())
# After these a capitalised word is a place or an organisation ("uit Lagos", "bij Trefpunt"), not a person.
PLACE_WORDS_BEFORE = frozenset(
    """in uit naar van te bij tot met via voor door rond richting de het een op aan over tussen nabij langs
    onze ons uw zijn haar hun mijn jullie""".split()
)

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*\.?", re.UNICODE)
_AGE_AFTER = re.compile(r"\s*(?:,\s*|\()\d{1,3}(?:\s*jaar|\))")
_SENTENCE_BREAK = re.compile(r"(?:[.!?:;\n(•*–-]|^)[\s\"“‘'(*_]*$")
QUOTES = ('"', "“", "‘", "'", "„")
# Languages and nationalities: Syrisch, Eritrees, Nederlandstalig.
_NOT_A_NAME_ENDINGS = ("isch", "ische", "talig", "talige", "ees", "ese", "aans", "aanse")


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not (len(word) > 1 and word.replace("-", "").isupper())


def _region_or_org(word: str) -> bool:
    lowered = word.lower()
    if lowered in PLACES or lowered in ORGANISATION_WORDS or lowered in NOT_NAMES:
        return True
    if len(lowered) >= 6 and lowered.endswith(_NOT_A_NAME_ENDINGS):
        return True
    return any(part in PLACES or part in ORGANISATION_WORDS for part in lowered.split("-"))


def person_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each person's name in the text, in reading order, not overlapping."""
    tokens = [(m.start(), m.start() + len(m.group(0).rstrip(".")), m.group(0).rstrip(".")) for m in _TOKEN.finditer(text)]
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(tokens):
        start, end, word = tokens[index]
        if not _is_capitalised(word) or _region_or_org(word) or word.lower() in ROLE_WORDS or _acronym_like(word):
            index += 1
            continue
        # The run of capitalised words (with particles between them) that starts here.
        last = index
        probe = index + 1
        while probe < len(tokens) and _adjacent(text, tokens[probe - 1], tokens[probe]):
            following = tokens[probe][2]
            if _is_capitalised(following) and not _region_or_org(following) and not _acronym_like(following):
                last = probe
            elif following.lower() not in PARTICLES:
                break
            probe += 1
        while last > index and len(tokens[last][2]) == 1:
            last -= 1  # a letter ends no name ("Vraag D", "bijlage B"): only an initial starts one
        if len(word) == 1 and last == index:
            index += 1
            continue
        run_end = tokens[last][1]
        previous = tokens[index - 1][2].lower() if index and _adjacent_words(text, tokens[index - 1], start) else ""
        before = text[max(0, start - 12):start]
        after_abbreviation = len(previous) > 1 and tokens[index - 1][2].isupper()  # "CGG Eclips", not "K. Peeters"
        if previous in NAMED_THING_BEFORE or after_abbreviation or before.rstrip(" ").endswith(QUOTES):
            index = last + 1  # a project, team or neighbourhood by its name, or a title in quotes
            continue
        sentence_start = _SENTENCE_BREAK.search(before) is not None
        lowered = word.lower()
        known_first = lowered in FIRST_NAMES and (lowered not in AMBIGUOUS_FIRST or last > index)
        after_role = previous in ROLE_WORDS
        with_age = _AGE_AFTER.match(text, run_end) is not None
        # Two capitalised words mid-sentence with no place or organisation among them: a full name
        # ("De Sleutel", "Het Anker" start with an article: organisations, unless a role word says otherwise).
        full_name = last > index and lowered not in PARTICLES
        initial = len(word) == 1 and last > index  # "K. Peeters", "J. Van Damme"
        # One unknown capitalised word mid-sentence, not after a preposition or article: a first name
        # ("zoekt Bogdan een werkplek"; "in Lagos", "bij Trefpunt" stay).
        lone_name = (last == index and not sentence_start and previous and previous not in PLACE_WORDS_BEFORE
                     and lowered not in PARTICLES)
        if known_first or after_role or with_age or full_name or lone_name or initial:
            spans.append((start, run_end))
        index = last + 1
    return spans


def _adjacent_words(text: str, previous: tuple[int, int, str], start: int) -> bool:
    """A word counts for the name right after it, also across a comma ("cliënt, Fatima") or the full
    stop of an abbreviated honorific, never across the end of a sentence."""
    gap = text[previous[1]:start]
    return gap.strip(" ,") == "" or (gap.strip(" ") == "." and previous[2].lower() in ABBREVIATED_ROLES)


def _acronym_like(word: str) -> bool:
    """"IPS-werking", "NT2-les", "OCMW's": a word built on an abbreviation names a thing."""
    parts = re.split(r"[-'’]", word)
    return any(len(p) > 1 and (p.isupper() or any(ch.isdigit() for ch in p)) for p in parts)


def _adjacent(text: str, previous: tuple[int, int, str], following: tuple[int, int, str]) -> bool:
    """Two words belong to one name only with spaces between them (no line break, no punctuation), or
    the full stop of an initial ("K. Peeters", but not "bijlage B. Daarna ...")."""
    gap = text[previous[1]:following[0]].strip(" ")
    if gap == "":
        return True
    return (gap == "." and len(previous[2]) == 1 and previous[2].isupper()
            and following[2].lower() not in SENTENCE_OPENERS)
