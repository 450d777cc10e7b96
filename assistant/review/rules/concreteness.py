"""Concreteness: named partners and organisations, numbers, periods and examples, against
generic phrases that claim without showing ("wij zijn een sterke partner")."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.review.findings import Finding
from assistant.review.language import Sentence, cue_hits, stem
from assistant.review.rules import Outcome, QuestionContext, clamp, shorten

_NUMBER_WORDS = frozenset(
    "twee drie vier vijf zes zeven acht negen tien elf twaalf vijftien twintig dertig veertig vijftig "
    "zestig zeventig tachtig negentig honderd honderden duizend tientallen dozijn helft derde kwart".split()
)
_TIME_WORDS = frozenset(
    stem(w)
    for w in "januari februari maart april mei juni juli augustus september oktober november december "
    "sinds wekelijks tweewekelijks maandelijks driemaandelijks jaarlijks dagelijks kwartaal semester "
    "voorjaar najaar".split()
)
_EXAMPLE_WORDS = frozenset(stem(w) for w in "bijvoorbeeld voorbeeld bv bvb vb zoals namelijk concreet".split())
_CAPITALISED = re.compile(r"\b[A-Z][^\W_]*(?:[-'][^\W_]+)*", re.UNICODE)
_ACRONYM = re.compile(r"[A-Z]{2,}")
_LEADING = re.compile(r"^[\s\-*•–\"“‘(]*(?:(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+)?")
# Words that start with a capital in the middle of a Dutch sentence without naming anything.
_NOT_NAMES = frozenset({"Ik", "Wij", "We", "Onze", "Ons", "U", "Uw", "De", "Het", "Een"})

# Phrases that claim quality without substance. Same cue syntax as the call file.
GENERIC_PHRASES = (
    "sterke partner", "betrouwbare partner", "ideale partner", "staat centraal", "staan centraal",
    "centraal staan", "ervan overtuigd", "ruime ervaring", "jarenlange ervaring", "brede ervaring",
    "rijke ervaring", "uitgebreid netwerk", "sterk netwerk", "groot netwerk", "grote meerwaarde",
    "echte meerwaarde", "duidelijke meerwaarde", "win win", "synergie*", "innovatieve aanpak",
    "gedreven team", "gedreven medewerkers", "professionele aanpak", "hoogwaardig*", "kwalitatieve dienstverlening",
    "state of the art", "hart en ziel", "met passie", "zoveel mogelijk", "op alle vlakken", "breed aanbod",
    "expertise in huis", "wij streven naar", "we streven naar", "inzetten op", "zetten in op", "zetten+volop in",
    "kwaliteit hoog in het vaandel", "hoog in het vaandel", "uitstekend geplaatst", "bij uitstek", "al vele jaren",
    "al jaren", "heel wat ervaring", "veel ervaring", "alle nodige", "zeer goed",
)
MAX_QUOTED = 3


@lru_cache(maxsize=512)
def markers(sentence: Sentence) -> int:
    """Concrete markers in a sentence: numbers, periods, names, examples (at most 3 count)."""
    count = sum(1 for word in sentence.words if any(ch.isdigit() for ch in word) or word in _NUMBER_WORDS)
    count += sum(1 for token in sentence.stems if token in _TIME_WORDS or token in _EXAMPLE_WORDS)
    body = _LEADING.sub("", sentence.text)
    for match in _CAPITALISED.finditer(body):
        name = match.group()
        # The first word of a sentence is capitalised anyway; an acronym there still names something.
        if name not in _NOT_NAMES and (match.start() > 0 or _ACRONYM.fullmatch(name)):
            count += 1
    return min(count, 3)


def check(context: QuestionContext) -> Outcome:
    analysis = context.analysis
    outcome = Outcome()
    words = analysis.word_count
    if not words:
        return outcome
    counts = [markers(s) for s in analysis.sentences]
    density = 100 * sum(counts) / words
    concrete_share = sum(1 for c in counts if c) / len(counts)
    outcome.quality = 0.5 * clamp(density / 5) + 0.5 * clamp(concrete_share / 0.6)

    generic = sorted(
        {index for sentences in cue_hits(GENERIC_PHRASES, analysis).values() for index in sentences if not counts[index]}
    )
    for index in generic[:MAX_QUOTED]:
        outcome.findings.append(
            Finding(
                severity="tip" if len(generic) < 3 else "belangrijk",
                criterion="concreetheid",
                quote=shorten(analysis.sentences[index].text),
                message="Algemene uitspraak zonder inhoud: vervang ze door een feit (wie, hoeveel, waar, wanneer) of een voorbeeld.",
            )
        )
    outcome.penalty = min(9.0, 3.0 * len(generic))
    if words >= 40 and density < 1.5:
        outcome.findings.append(
            Finding(
                severity="belangrijk",
                criterion="concreetheid",
                message="Weinig concreet: noem partners en organisaties bij naam, aantallen, periodes en een voorbeeld uit de praktijk.",
            )
        )
    elif words >= 40 and density < 3:
        outcome.findings.append(
            Finding(
                severity="tip",
                criterion="concreetheid",
                message="Maak het concreter: een aantal, een naam van een partner of een kort praktijkvoorbeeld overtuigt meer.",
            )
        )
    return outcome
