"""A learned detector of sentences that steer the reviewer, beside the written forms of injection.py.

The written forms catch what earlier writers wrote; each new writer invents new ones (measured: about half
of a new writer's attempts were caught by the forms alone). The detector is a logistic model over the
stems of the words a sentence speaks to its reader (speech it quotes to someone else left out), their pairs,
and a few signs of an address to the reader (a second person, words of the assessment or of a machine, a
bracket, "dit antwoord", a label before a colon, English). It was fitted (scripts/train_steering_model.py)
on the tune corpus, the sentences of its attempts that the written forms find or that a label names against
every sentence of its clean answers, and on fragments by sixteen writers. The weights ship as data
(assistant/review/data/steering_model.json), read once; only the standard library is needed at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise, repeat
from pathlib import Path
from typing import NamedTuple

from assistant.review.language import Sentence, stem, word_tuple, words
from assistant.review.logistic import CLAMP, probability_of

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "steering_model.json"
REACH_MARGIN = 1e-6  # a sentence just at the threshold is never skipped for a sum taken in another order

_READER_WORDS = frozenset("u uw ge gij je jij jou you your gelieve please alstublieft".split())
_ENGLISH = frozenset("the this and all is are to of please answer".split())
_BRACKET = re.compile(r"[(\[<]")
# This text named (injection.py's written forms use the same).
THIS_TEXT = re.compile(
    r"\b(?:dit|deze|this)\s+(?:antwoord|tekst|vraag|deelvraag|onderdeel|sectie|kandidatuur|aanvraag|dossier|"
    r"answer|text|question|section|part|application)\b",
    re.IGNORECASE,
)
_THIS_WORDS = frozenset({"dit", "deze", "this"})


_LABEL = re.compile(r"[A-Za-z]+:\s")
# Words of the assessment, of parts answered or of a machine: whole words, and words starting so ("beoordel…",
# "jury…"), or holding "oordeel" ("eindoordeel"). Looked up per word: as one regex it cost 2.6 ms a 1,500-word
# answer, the largest part of the detector's time.
_ASSESSMENT_WORDS = frozenset(
    """punten points answered mark conform rol role goedgekeurd rubric ai taalmodel llm model assistent assistant tool
    system software bot chatbot chatgpt gpt algoritme prompt prompts output nagekeken lezer lezers reader readers leest
    lezen read reads reading""".split()
)
_ASSESSMENT_PREFIXES = tuple(
    """beoorde jury review evalu assess nakijk scor quoter quoteer beantwoord deelvra markeer waarder goedkeur approv
    criteri grad selecte systeem programma automat instructi verwerk process""".split()
)


# Letters a pattern with re.IGNORECASE takes for i or s, which lower() and the word split keep apart ("revıewer",
# "REVİEWER", "ſcore"): folded in the text a word gate looks at, so a gate never shuts out a match. (The Kelvin
# sign, which the pattern takes for k, lower() turns into k itself.)
REGEX_FOLDS = str.maketrans({"ı": "i", "İ": "i", "ſ": "s"})
_TO_FOLD = re.compile("[" + "".join(map(chr, REGEX_FOLDS)) + "]")


def regex_folded(text: str) -> str:
    """The text with those letters folded (itself, the usual case, when it has none)."""
    return text if text.isascii() or not _TO_FOLD.search(text) else text.translate(REGEX_FOLDS)


@lru_cache(maxsize=4096)  # a sentence's words are asked for by every check below: split once
def _words(text: str) -> frozenset[str]:
    return frozenset(word_tuple(text))


_PREFIX_HEADS = frozenset(prefix[:4] for prefix in _ASSESSMENT_PREFIXES)  # every prefix has four letters or more


def names_this_text(text: str) -> bool:
    """Whether THIS_TEXT is in the text; tried only where one of its first words is (as the pattern reads them)."""
    return not _THIS_WORDS.isdisjoint(_words(regex_folded(text))) and bool(THIS_TEXT.search(text))


def _names_assessment(text: str) -> bool:
    """Whether the text has a word of the assessment, of parts answered or of a machine."""
    found = _words(text)
    return (
        not _ASSESSMENT_WORDS.isdisjoint(found)
        or "oordeel" in text.lower()  # in a word whenever in the text: it is all letters
        or any(word[:4] in _PREFIX_HEADS and word.startswith(_ASSESSMENT_PREFIXES) for word in found)
    )


def _addressed(text: str) -> bool:
    """Whether the text speaks to its reader, of the assessment, of parts answered or of a machine: a feature (it
    was a gate until 3 Dec 2026, evening: a new writer's attempts without any such word were out of reach)."""
    return not _READER_WORDS.isdisjoint(_words(text)) or _names_assessment(text)


# A request to the reader ("we rekenen erop dat u", "ge moogt", "gelieve", an imperative): what turns a past
# verdict reported ("Bij de vorige oproep gaf de provincie ons de hoogste score") into a plea for one.
_REQUEST = re.compile(
    r"\b(?:gelieve|graag|alstublieft|alsjeblieft|a\.?u\.?b|please|kindly|rekenen\s+(?:er\s*)?op|reken\s+op|vertrouwen\s+(?:er\s*)?op|"
    r"verwachten|verzoeken|vragen\s+(?:u|uw|de\s+jury|jullie)|hopen\s+dat|"
    r"(?:mag|moogt|mogen|kunt|kan|wilt|wil|zou|zoudt|zult|moet|moeten|hoeft|hoeven)\s+(?:u|ge|gij|je|jij|jullie|de\s+(?:jury|beoordelaars?|lezer))|"
    r"(?:u|ge|gij|je|jij|jullie)\s+(?:mag|moogt|kunt|wilt|zou|zoudt|moet|hoeft|gelieve)|"
    r"geef|geeft|zet|beschouw|vul|vergeet|negeer|ken|tel|neem|laat\s+(?:ons|dat|het|dit)|hou|houd|lees|kijk|noteer|markeer|"
    r"give|treat|consider|ignore|mark|assign|copy|skip|proceed|do\s+not|don't)\b",
    re.IGNORECASE,
)
# A verdict someone gave in the past ("Bij de vorige oproep gaf de provincie ons de hoogste score"). The gaps are
# bounded: unbounded, a 100,000-character line of "gaf gaf …" took minutes.
_GAVE = r"gaf|gaven|kreeg|kregen|behaalde|behaalden|haalde|haalden|scoorde|scoorden|received|got|scored|awarded|gave"
_GAVE_WORDS = frozenset(_GAVE.split("|"))
_BEFORE = r"vorige?|eerdere?|in\s+(?:19|20)\d\d|previous|last|earlier"
_PAST_VERDICT = re.compile(
    r"\b(?:" + _GAVE + r")\b[^.!?]{0,100}?\b(?:" + _BEFORE + r")\b|\b(?:" + _BEFORE + r")\b[^.!?]{0,100}?\b(?:" + _GAVE + r")\b",
    re.IGNORECASE,
)
# A pointer to another question or an annex ("uitgewerkt in vraag 1b", "zie bijlage 4").
_POINTER_WORDS = frozenset("vraag deelvraag bijlage sectie hoofdstuk annex question section".split())
_POINTER = re.compile(r"\b(?:" + "|".join(sorted(_POINTER_WORDS)) + r")\s+(?:[1-9][a-d]?|[a-d]|[ivx]+)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)  # while typing, only the sentence being typed is new
def scored(text: str) -> bool:
    """Whether the detector weighs a sentence's reader text at all (the trainer fits only on these)."""
    return bool(_words(text)) and not _evidence_not_plea(text)


def _evidence_not_plea(text: str) -> bool:
    """A referral that speaks to no reader ("Dit onderdeel is al volledig uitgewerkt in vraag 1b."), or a past
    verdict reported of something else than this text: evidence, however much its words look like a claim, as
    long as nothing is asked of the reader."""
    found = _words(regex_folded(text))  # gates the two patterns below
    if not _POINTER_WORDS.isdisjoint(found) and _POINTER.search(text) and not _addressed(text):
        evidence = True
    else:
        evidence = (
            not _GAVE_WORDS.isdisjoint(found)
            and bool(_PAST_VERDICT.search(text))
            and not names_this_text(text)
        )
    return evidence and not _REQUEST.search(text)


# Speech the answer quotes is what the applicant says to clients or staff, not to its reader ("Aan de balie
# zeggen we altijd: "U mag dit gerust opnieuw laten bekijken.""). A quotation of four words or more, or one that
# runs on into the next sentence, is left out of what the detector reads when the words around it (at least
# three) speak to nobody and the quotation itself has no word of the assessment or of a machine; a quotation
# with nothing around it, or framed by an address ("Aan de beoordelaar: "…""), is read whole. Marks pair up
# within a paragraph ("…" with ", “ with ”, „ with ” or “, « with », » with «) and at most this far apart; a
# mark that finds no partner, or " after a digit (24" screens), is text.
_PARTNERS = {'"': '"', "“": "”", "„": "”“", "«": "»", "»": "«"}
_QUOTE_MARK = re.compile('["“”„«»]')
QUOTED_WORDS = 4
FRAME_WORDS = 3
QUOTE_REACH = 2000


def _quotation_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every paired quotation in a paragraph's text, marks included."""
    spans: list[tuple[int, int]] = []
    position = 0
    while (found := _QUOTE_MARK.search(text, position)) is not None:
        start, mark = found.start(), found.group()
        if mark not in _PARTNERS or (mark == '"' and start > 0 and text[start - 1].isdigit()):
            position = start + 1
            continue
        found_ends = [end for partner in _PARTNERS[mark] if (end := text.find(partner, start + 1, start + QUOTE_REACH)) != -1]
        if not found_ends:
            position = start + 1
            continue
        end = min(found_ends)
        spans.append((start, end + 1))
        position = end + 1
    return spans


def _cut(text: str, start: int, end: int, removed: list[tuple[int, int]]) -> str:
    """text[start:end] without the parts of the `removed` spans (in order) that fall in it."""
    kept, position = [], start
    for a, b in removed:
        kept.append(text[position : max(a, start)])
        position = max(position, min(b, end))
    kept.append(text[position:end])
    return " ".join(" ".join(kept).split())


def _paragraph_reader_texts(sentences: Sequence[Sentence]) -> list[str]:
    joined = " ".join(sentence.text for sentence in sentences)
    spans = _quotation_spans(joined) if _QUOTE_MARK.search(joined) else []
    if not spans:
        return [sentence.text for sentence in sentences]
    bounds: list[tuple[int, int]] = []  # each sentence's (start, end) in `joined`
    for sentence in sentences:
        start = bounds[-1][1] + 1 if bounds else 0
        bounds.append((start, start + len(sentence.text)))
    # The spans each sentence overlaps, in one sweep: both are in order, and a span reaches QUOTE_REACH at most.
    overlapping: list[list[tuple[int, int]]] = []
    first = 0
    for start, end in bounds:
        while first < len(spans) and spans[first][1] <= start:
            first += 1
        mine, following = [], first
        while following < len(spans) and spans[following][0] < end:
            mine.append(spans[following])
            following += 1
        overlapping.append(mine)
    reported: set[tuple[int, int]] = set()
    for (start, end), mine in zip(bounds, overlapping, strict=True):
        frame = _cut(joined, start, end, mine)
        if len(words(frame)) < FRAME_WORDS or _addressed(frame):
            continue
        for a, b in mine:
            speech = joined[a:b]
            opens_here, long = a >= start, b > end or len(words(speech)) >= QUOTED_WORDS
            if opens_here and long and not _names_assessment(speech):
                reported.add((a, b))
    texts = []
    for sentence, (start, end), mine in zip(sentences, bounds, overlapping, strict=True):
        removed = [span for span in mine if span in reported]
        texts.append(_cut(joined, start, end, removed) if removed else sentence.text)
    return texts


def reader_texts(sentences: Sequence[Sentence]) -> list[str]:
    """Per sentence, the words it speaks to its reader: the sentence, or without the speech it quotes to someone
    else ("" when all of it is such speech)."""
    texts: list[str] = []
    paragraph: list[Sentence] = []
    for sentence in sentences:
        if paragraph and sentence.paragraph != paragraph[0].paragraph:
            texts += _paragraph_reader_texts(paragraph)
            paragraph = []
        paragraph.append(sentence)
    return texts + (_paragraph_reader_texts(paragraph) if paragraph else [])


SIGNS = ("second", "bracket", "thistext", "label", "english", "addressed")


class Reading(NamedTuple):
    """What the detector reads in the words a sentence speaks to its reader: their stems, the pairs of
    consecutive stems ("a_b": stems hold no "_", the words they come from are split on it), and the SIGNS
    of an address it shows."""

    stems: frozenset[str]
    pairs: frozenset[str]
    signs: tuple[str, ...]


@lru_cache(maxsize=4096)  # while typing, only the sentence being typed is new
def _stems_and_pairs(text: str) -> tuple[frozenset[str], frozenset[str]]:
    # Pairs as strings: a tuple per pair is a container the garbage collector walks, thousands per answer.
    word_stems = [stem(word) for word in word_tuple(text)]
    return frozenset(word_stems), frozenset(map("_".join, pairwise(word_stems)))


@lru_cache(maxsize=4096)
def reading(text: str) -> Reading:
    lowered = word_tuple(text)
    signs = []
    if _READER_WORDS.intersection(lowered):
        signs.append("second")
    if _BRACKET.search(text):
        signs.append("bracket")
    if names_this_text(text):
        signs.append("thistext")
    if ":" in text[:40] and _LABEL.search(text[:40]):
        signs.append("label")
    if sum(map(_ENGLISH.__contains__, lowered)) >= 2:
        signs.append("english")
    if _addressed(text):
        signs.append("addressed")
    return Reading(*_stems_and_pairs(text), tuple(signs))


def features(text: str) -> frozenset[str]:
    """The named binary features of the words a sentence speaks to its reader (what the trainer fits)."""
    found = reading(text)
    return frozenset(
        {"bias", *("w:" + s for s in found.stems), *("b:" + pair for pair in found.pairs), *found.signs}
    )


class Detector:
    """Logistic weights over sentence features; a sentence steers from `threshold` up."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold
        # The weights by stem and by pair of stems, so that a sentence is weighed without naming its features.
        self._by_stem = {name[2:]: value for name, value in weights.items() if name.startswith("w:")}
        self._by_pair = {name[2:]: value for name, value in weights.items() if name.startswith("b:")}
        # The most the signs can add, and the total a sentence needs: most sentences fall short whatever signs
        # they show, and the signs are the costliest part of a sentence to read.
        self._sign_room = sum(max(0.0, weights.get(sign, 0.0)) for sign in SIGNS)
        self._needed = -math.inf  # a threshold every clamped total reaches: no sentence is out of reach
        if threshold >= 1.0:
            self._needed = math.inf
        elif threshold > probability_of(-CLAMP):
            self._needed = math.log(threshold / (1.0 - threshold)) - REACH_MARGIN
        # While typing, one sentence is new.
        self.probability = lru_cache(maxsize=4096)(self._probability)
        self.steers = lru_cache(maxsize=4096)(self._steers)

    def _lexical_total(self, text: str) -> float:
        # fsum is exact: the same total whatever order Python walks the sets in (it follows PYTHONHASHSEED).
        stems, pairs = _stems_and_pairs(text)
        return (
            self.weights.get("bias", 0.0)
            + math.fsum(map(self._by_stem.get, stems, repeat(0.0)))
            + math.fsum(map(self._by_pair.get, pairs, repeat(0.0)))
        )

    def _probability(self, text: str) -> float:
        """For the words a sentence speaks to its reader (`reader_texts`); 0 for a text not `scored`."""
        if not scored(text):
            return 0.0
        total = self._lexical_total(text) + math.fsum(map(self.weights.get, reading(text).signs, repeat(0.0)))
        return probability_of(total)

    def steering(self, sentences: Sequence[Sentence]) -> list[int]:
        """The indices of the sentences that steer (weighed in full only where their words and pairs leave the
        threshold within reach of the signs)."""
        return [index for index, text in enumerate(reader_texts(sentences)) if self.steers(text)]

    def _steers(self, text: str) -> bool:
        return self._lexical_total(text) + self._sign_room >= self._needed and self.probability(text) >= self.threshold


@lru_cache(maxsize=1)
def detector() -> Detector | None:
    """The shipped detector, or None without its data file (the written forms then decide alone)."""
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        return Detector(dict(data["weights"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
