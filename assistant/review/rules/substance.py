"""What makes a sentence substantial: concrete markers (numbers, periods, names, examples), no generic
claim, not a mere echo of the question. Shared by the coverage and concreteness rules."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.call.models import Question
from assistant.review.language import STOPWORDS, Analysis, Sentence, analyse, compile_cue, cue_hits, stem, stems

_NUMBER_WORDS = frozenset(
    "één twee drie vier vijf zes zeven acht negen tien elf twaalf vijftien twintig dertig veertig vijftig "
    "zestig zeventig tachtig negentig honderd honderden duizend tientallen dozijn helft derde kwart".split()
)
_TIME_WORDS = frozenset(
    stem(w)
    for w in "januari februari maart april mei juni juli augustus september oktober november december "
    "wekelijks tweewekelijks maandelijks driemaandelijks jaarlijks dagelijks kwartaal semester "
    "voorjaar najaar".split()
)
_EXAMPLE_WORDS = frozenset(stem(w) for w in "bijvoorbeeld voorbeeld bv bvb vb zoals namelijk concreet".split())
_TIME_OR_EXAMPLE = _TIME_WORDS | _EXAMPLE_WORDS
# A year says when, not what ("sinds 1998"), and a count of containers says how many, not which
# ("met 14 partners", "in 8 gemeenten"): neither is substance on its own.
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"^(?:19[5-9]\d|20[0-4]\d)$")
_VAGUE_COUNTED = frozenset(
    stem(w)
    for w in """partners partner gemeenten gemeente organisaties organisatie actoren jaar jaren projecten
    samenwerkingen netwerken sectoren diensten besturen instanties pijlers principes waarden dimensies""".split()
)
_CAPITALISED = re.compile(r"\b[A-Z][^\W_]*(?:[-'][^\W_]+)*", re.UNICODE)
_ACRONYM = re.compile(r"[A-Z]{2,}")
_LEADING = re.compile(r"^[\s\-*•–\"“‘(]*(?:(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+)?")
RECURRING = 3  # sentences naming the same name make it the answer's own
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
    "al jaren", "heel wat ervaring", "veel ervaring", "alle nodige", "zeer goed", "als geen ander", "in ons dna",
    "alles aan doen", "heel belangrijk", "zeer belangrijk", "gewend om", "best geplaatst*", "altijd beter",
    "vanzelfsprekend", "door en door", "ten volle", "basis van elke", "zetten wij ons", "zetten we ons",
    "dicht bij de mensen", "lokale speler", "heel wat partners", "allerlei", "de nodige", "alert",
    "kernopdracht", "tweede natuur", "rode draad", "niet alles verliep", "alle vier de punten",
    "bewezen methodiek*", "mooie resultaten", "goede resultaten", "altijd vlot", "goede sfeer", "gemotiveerd*",
    "klanten zijn tevreden", "heel vlaanderen", "voortdurend samen", "uitermate positief", "lijn met de verwachtingen",
    "tal van", "uitgebreide portfolio", "unieke combinatie", "slagkracht", "gedrevenheid", "goed georganiseerd",
    "goed verlopen", "sterk verankerd", "stevig verankerd", "best practices", "quick wins", "customer journey",
    "verder uitgewerkt", "nader uitgewerkt", "zie hoger", "zie boven", "zie andere", "nog te bepalen", "n v t",
    "heel wat", "veel geleerd", "veel bijgeleerd", "waardevolle lessen", "good practices", "stevige basis",
    "als kansen", "samen te groeien", "gedeelde ambitie", "ecosysteem", "grotere geheel", "fundament*",
    "succesvol partnerschap", "onderling overleg opgelost", "shared leadership", "co creatie", "governance*", "agile",
    "gevestigde waarde", "pragmatisch", "mensgericht", "sterke focus", "naadloos", "track record", "uiteraard",
    "altijd succesvol", "zeker meenemen", "nodige aandacht", "lerende houding", "onverkort", "nauw overleg",
    "alle betrokken", "wij geloven", "we geloven", "pijlers",
)

_GENERIC_CUES = tuple(map(compile_cue, GENERIC_PHRASES))  # constant: compiled once, like a pattern


def markers(sentence: Sentence, own: frozenset[str] = frozenset()) -> int:
    """Concrete markers in a sentence: numbers, periods, names, examples (at most 3 count). Names in
    `own` (the applicant's, see `recurring_names`) say who, not what, and do not count."""
    others, names = _markers(sentence)
    return min(3, others + sum(name not in own for name in names))


@lru_cache(maxsize=1024)
def _markers(sentence: Sentence) -> tuple[int, tuple[str, ...]]:
    """Numbers, periods and examples counted; the names, listed."""
    count = 0
    if _DIGIT.search(sentence.text) or not _NUMBER_WORDS.isdisjoint(sentence.words):
        for position, word in enumerate(sentence.words):
            if not (word.isdigit() or word in _NUMBER_WORDS) or _YEAR.match(word):
                continue
            following = sentence.stems[position + 1] if position + 1 < len(sentence.stems) else ""
            count += following not in _VAGUE_COUNTED
    count += len(_TIME_OR_EXAMPLE.intersection(sentence.stems))
    body = _LEADING.sub("", sentence.text)
    names = tuple(
        match.group()
        for match in _CAPITALISED.finditer(body)
        # The first word of a sentence is capitalised anyway; an acronym there still names something.
        if match.group() not in _NOT_NAMES and (match.start() > 0 or _ACRONYM.fullmatch(match.group()))
    )
    return count, names


def recurring_names(analysis: Analysis) -> frozenset[str]:
    """Names in at least RECURRING of an answer's sentences: the applicant's own name ("Het OCMW hecht
    groot belang aan …", "De Werkwinkel vindt …") is no evidence of anything."""
    seen: dict[str, int] = {}
    for sentence in analysis.sentences:
        for name in set(_markers(sentence)[1]):
            seen[name] = seen.get(name, 0) + 1
    return frozenset(name for name, count in seen.items() if count >= RECURRING)




def generic_sentences(analysis: Analysis, own: frozenset[str] = frozenset()) -> set[int]:
    """Sentences with a generic phrase ("ruime ervaring", "staat centraal") and nothing concrete."""
    return {index for index in _generic_hits(analysis.text) if not markers(analysis.sentences[index], own)}


@lru_cache(maxsize=64)
def _generic_hits(text: str) -> frozenset[int]:
    """Sentences holding a generic phrase (cached by text: coverage and concreteness both ask)."""
    return frozenset(index for found in cue_hits(_GENERIC_CUES, analyse(text)).values() for index in found)


@lru_cache(maxsize=2048)
def content_stems(sentence: Sentence) -> tuple[str, ...]:
    return tuple(token for token in sentence.stems if len(token) >= 4 and token not in STOPWORDS)


def question_stems(question: Question) -> frozenset[str]:
    return _question_content(question.text, tuple(item.text for item in question.items))


@lru_cache(maxsize=32)  # asked for every sentence: keyed by the question's texts, not a text joined anew
def _question_content(text: str, items: tuple[str, ...]) -> frozenset[str]:
    return frozenset(token for token in stems(" ".join([text, *items])) if len(token) >= 4 and token not in STOPWORDS)


def echo(sentence: Sentence, question: Question) -> float:
    """Share of the sentence's content words taken from the question: "wij hebben de juiste expertise"."""
    content = content_stems(sentence)
    if not content:
        return 1.0
    own = question_stems(question)
    return sum(map(own.__contains__, content)) / len(content)


RECYCLED = 4  # consecutive words copied from the question


@lru_cache(maxsize=32)
def _runs(texts: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    # Only runs with two content words: "in het verleden al" is everyday Dutch, "juiste expertise kennis" is the question.
    runs = (tuple(found[i : i + RECYCLED]) for found in map(stems, texts) for i in range(len(found) - RECYCLED + 1))
    return frozenset(run for run in runs if sum(len(t) >= 4 and t not in STOPWORDS for t in run) >= 2)


def recycles(sentence: Sentence, question: Question) -> bool:
    """Whether the sentence copies a run of the question's words and adds nothing concrete:
    "Multidisciplinair samenwerken met andere organisaties of binnen de eigen organisatie is onze kern"."""
    # A run copied holds content words of the question: a sentence without any copies none.
    if question_stems(question).isdisjoint(content_stems(sentence)):
        return False
    runs = _runs((question.text, *(item.text for item in question.items)))
    found = sentence.stems
    return any(tuple(found[i : i + RECYCLED]) in runs for i in range(len(found) - RECYCLED + 1))
