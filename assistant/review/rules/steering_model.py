"""A learned detector of sentences that steer the reviewer, beside the written forms of injection.py.

The written forms catch what earlier writers wrote; each new writer invents new ones (measured: about half
of a new writer's attempts were caught by the forms alone). The detector is a logistic model over the
stems of the words a sentence speaks to its reader (speech it quotes to someone else left out), their pairs,
and a few signs of an address to the reader (a second person, words of the assessment or of a machine, a
bracket, "dit antwoord", a label before a colon, English). It was fitted (scripts/train_steering_model.py)
on the tune corpus, the sentences the written forms find in its attempts against every sentence of its clean
answers, and on fragments by eight writers. The weights ship as data (assistant/review/data/steering_model.json),
read once; only the standard library is needed at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from assistant.review.language import Sentence, stem, words

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "steering_model.json"

_SECOND_PERSON = frozenset("u uw ge gij je jij jou you your gelieve please alstublieft".split())
_ENGLISH = frozenset("the this and all is are to of please answer".split())
_BRACKET = re.compile(r"[(\[<]")
_THIS_TEXT = re.compile(r"\b(?:dit|deze|this)\s+(?:antwoord|vraag|tekst|onderdeel|sectie|answer|section|part)\b", re.IGNORECASE)
_LABEL = re.compile(r"[A-Za-z]+:\s")
# A request to the reader ("we rekenen erop dat u", "ge moogt", "gelieve", an imperative): what turns a past
# verdict reported ("Zoals u weet gaf de provincie ons de hoogste score") into a plea for one.
_REQUEST = re.compile(
    r"\b(?:gelieve|graag|alstublieft|alsjeblieft|a\.?u\.?b|please|kindly|rekenen\s+(?:er\s*)?op|reken\s+op|vertrouwen\s+(?:er\s*)?op|"
    r"verwachten|verzoeken|vragen\s+(?:u|uw|de\s+jury|jullie)|hopen\s+dat|"
    r"(?:mag|moogt|mogen|kunt|kan|wilt|wil|zou|zoudt|zult|moet|moeten|hoeft|hoeven)\s+(?:u|ge|gij|je|jij|jullie|de\s+(?:jury|beoordelaars?|lezer))|"
    r"(?:u|ge|gij|je|jij|jullie)\s+(?:mag|moogt|kunt|wilt|zou|zoudt|moet|hoeft|gelieve)|"
    r"geef|geeft|zet|beschouw|vul|vergeet|negeer|ken|tel|neem|laat\s+(?:ons|dat|het|dit)|hou|houd|lees|kijk|noteer|markeer|"
    r"give|treat|consider|ignore|mark|assign|copy|skip|do\s+not|don't)\b",
    re.IGNORECASE,
)
# A past verdict reported ("Bij de vorige oproep gaf de provincie ons de hoogste score") is evidence, not a plea,
# as long as nothing is asked of the reader and it is not said of this text. The gaps are bounded: unbounded,
# a 100,000-character line of "gaf gaf …" took minutes.
_PAST_VERDICT = re.compile(
    r"\b(?:gaf|gaven|kreeg|kregen|behaalde|behaalden|haalde|haalden|scoorde|scoorden|beoordeelde|beoordeelden|"
    r"noemde|noemden|werd|werden|received|got|scored|awarded|rated|gave)\b[^.!?]{0,100}?\b(?:vorige?|eerdere?|in\s+(?:19|20)\d\d|"
    r"previous|last|earlier)\b|\b(?:vorige?|eerdere?|in\s+(?:19|20)\d\d|previous|last|earlier)\b[^.!?]{0,100}?\b(?:gaf|gaven|kreeg|"
    r"kregen|behaalde|behaalden|haalde|haalden|scoorde|scoorden|beoordeelde|beoordeelden|noemde|noemden|werd|werden|received|"
    r"got|scored|awarded|rated|gave)\b",
    re.IGNORECASE,
)
# A pointer to another question or an annex ("uitgewerkt in vraag 1b", "zie bijlage 4"): a sentence that sends
# its reader elsewhere and speaks to no reader is a referral ("Dit onderdeel is al volledig uitgewerkt in vraag
# 1b."), however much its words look like a claim that the answer is complete.
_POINTER = re.compile(r"\b(?:vraag|deelvraag|bijlage|sectie|hoofdstuk|annex|question|section)\s+(?:[1-9][a-d]?|[a-d]|[ivx]+)\b", re.IGNORECASE)
# Words of a sentence that speaks to its reader, of the assessment, of parts answered or of a machine: a feature
# (it was a gate until 3 Dec 2026, evening: a new writer's attempts without any such word were out of reach).
_ADDRESSED = re.compile(
    r"\b(?:u|uw|ge|gij|je|jij|jou|you|your|gelieve|please|alstublieft|"
    r"beoorde\w*|\w*oordeel\w*|jury\w*|review\w*|evaluat\w*|nakijk\w*|nagekeken|scor\w*|punten|points|quote?er\w*|"
    r"beantwoord\w*|answered|deelvra\w*|markeer\w*|mark|conform|rol|role|"
    r"waarder\w*|goedkeur\w*|goedgekeurd|approv\w*|criteri\w*|rubric|grad\w*|selecte\w*|"
    r"ai|taalmodel|llm|model|assistent|assistant|tool|systeem\w*|system|programma\w*|software|automat\w*|bot|"
    r"chatbot|chatgpt|gpt|algoritme|prompts?|instructi\w*|output|verwerk\w*|process\w*|"
    r"lezers?|readers?|leest|lezen|reads?|reading)\b",
    re.IGNORECASE,
)


# Speech the answer quotes is what the applicant says to clients or staff, not to its reader ("Aan de balie
# zeggen we altijd: "U mag dit gerust opnieuw laten bekijken.""). A quotation of four words or more, or one that
# runs on into the next sentence, is left out of what the detector reads when the words around it (at least
# three) speak to nobody; a quotation with nothing around it, or framed by an address ("Aan de beoordelaar:
# "…""), is read whole. A quotation runs on at most to the end of its paragraph.
_OPENS, _CLOSES, _TOGGLES = "„«", "”»", '"“'
_QUOTE_MARK = re.compile('[' + _OPENS + _CLOSES + _TOGGLES + ']')
QUOTED_WORDS = 4
FRAME_WORDS = 3


def _split_quotes(text: str, opened: bool) -> tuple[str, list[str], bool]:
    """The text outside quotation marks, the quoted runs, and whether a quotation is still open at the end."""
    outside: list[str] = []
    runs: list[str] = []
    current: list[str] = []
    for char in text:
        if char in _OPENS or char in _CLOSES or char in _TOGGLES:
            closing = char in _CLOSES or (char in _TOGGLES and opened)
            if closing and opened:
                runs.append("".join(current))
            elif not closing and not opened:
                outside.append("".join(current))
            else:
                current.append(char)  # a closing mark outside a quotation, or an opening one inside: kept as text
                continue
            current, opened = [], not opened
        else:
            current.append(char)
    (runs if opened else outside).append("".join(current))
    return " ".join(outside), runs, opened


def reader_texts(sentences: Sequence[Sentence]) -> list[str]:
    """Per sentence, the words it speaks to its reader: the sentence, or without the speech it quotes ("" when
    all of it is quoted speech)."""
    texts: list[str] = []
    opened = reported = False
    paragraph = -1
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            opened = reported = False
            paragraph = sentence.paragraph
        if not opened and not _QUOTE_MARK.search(sentence.text):  # most sentences: nothing to split
            texts.append(sentence.text)
            continue
        outside, runs, still_open = _split_quotes(sentence.text, opened)
        long = opened or still_open or any(len(words(run)) >= QUOTED_WORDS for run in runs)
        framed = len(words(outside)) >= FRAME_WORDS and _ADDRESSED.search(outside) is None
        here = long and (framed or (opened and reported))
        texts.append(outside.strip() if here else sentence.text)
        opened, reported = still_open, still_open and here
    return texts


@lru_cache(maxsize=4096)  # while typing, only the sentence being typed is new
def features(text: str) -> frozenset[str]:
    """The named binary features of the words a sentence speaks to its reader."""
    lowered = words(text)
    word_stems = [stem(word) for word in lowered]
    found = {"bias", *("w:" + s for s in word_stems), *(f"b:{a}_{b}" for a, b in pairwise(word_stems))}
    if _SECOND_PERSON.intersection(lowered):
        found.add("second")
    if _BRACKET.search(text):
        found.add("bracket")
    if _THIS_TEXT.search(text):
        found.add("thistext")
    if _LABEL.search(text[:40]):
        found.add("label")
    if sum(word in _ENGLISH for word in lowered) >= 2:
        found.add("english")
    if _ADDRESSED.search(text):
        found.add("addressed")
    return frozenset(found)


class Detector:
    """Logistic weights over sentence features; a sentence steers from `threshold` up."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold

    def probability(self, text: str) -> float:
        """For the words a sentence speaks to its reader (`reader_texts`); 0 when there are none, for a
        referral that speaks to no reader, and for a past verdict reported without a request."""
        if not words(text) or _spoken_to_no_reader(text):
            return 0.0
        total = sum(self.weights.get(name, 0.0) for name in features(text))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def steering(self, sentences: Sequence[Sentence]) -> list[int]:
        """The indices of the sentences that steer."""
        texts = reader_texts(sentences)
        return [index for index, text in enumerate(texts) if self.probability(text) >= self.threshold]


def _spoken_to_no_reader(text: str) -> bool:
    if _POINTER.search(text) and not _ADDRESSED.search(text):
        return True
    return bool(_PAST_VERDICT.search(text)) and not _REQUEST.search(text) and not _THIS_TEXT.search(text)


@lru_cache(maxsize=1)
def detector() -> Detector | None:
    """The shipped detector, or None without its data file (the written forms then decide alone)."""
    try:
        data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
        return Detector(dict(data["weights"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
