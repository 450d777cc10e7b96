"""Sub-part coverage: for each sub-part of the question, the sentence that answers it, or a finding.

The cue rules find the sentences that name a sub-part and weigh them, as a strict jury member reads:
a sentence weighs 1, or 2 when it (or the next sentence) is concrete, when it is long and in the
applicant's own words (not a promise), or when it holds three different cues of the sub-part; it weighs
nothing when it is a generic claim, mostly repeats the question, only names the sub-part or denies it.
A heading line ("ii. Gelijkwaardigheid") followed by text under it counts in full. The learned reader of
evidence (evidence.py) reads every sentence with what the cue rules found in it and decides: the sub-part
is answered when its best sentence is likely enough to answer it. Without the model's data file, the cue
weights decide alone: answered from a sum of SUPPORT.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.call.models import SubPart
from assistant.i18n import _
from assistant.review.findings import Finding, PartCoverage
from assistant.review.language import STOPWORDS, Analysis, Sentence, cue_hits, is_heading, stem, stems, words
from assistant.review.rules import Outcome, QuestionContext, evidence, lower_first, rule, shorten
from assistant.review.rules.injection import steering_sentences
from assistant.review.rules.substance import (
    echo,
    generic_sentences,
    markers,
    recurring_names,
    recycles,
)

SUPPORT = 2.0
ECHO = 0.6  # a sentence with at least this share of the question's own words adds nothing
DEVELOPED = 22  # words: a long sentence in the applicant's own words is substance too
MANY_CUES = 3  # different cues of the sub-part in one sentence
# A promise ("we zullen … versterken") is not yet substance, however long the sentence; without
# anything concrete in it, it weighs nothing.
_INTENT = frozenset(stem(w) for w in "zullen zal zouden willen wil wensen hopen hoop graag".split())
# "we hebben geen ervaring met …", "da hebben we nog nooit gedaan": the cue is there, the answer is not.
_NEGATION = frozenset(stem(w) for w in "geen niet nooit noch nergens niemand".split())
NEGATION_BEFORE, NEGATION_AFTER = 2, 2  # words around a cue that a negation reaches
LABEL_WORDS, NAMED_VALUE = 6, 4  # "<label of at most 6 words>: <fewer than 4 words>" names a sub-part only


def _negated(sentence: Sentence, cue_stems: frozenset[str]) -> bool:
    """Whether every cue word in the sentence is in reach of a negation."""
    if _NEGATION.isdisjoint(sentence.stems):
        return False
    # In "Wat de grenzen betreft: wij stellen geen grenzen" the label only names the sub-part.
    label, colon, _answer = sentence.text.partition(":")
    start = len(words(label)) if colon and len(label.split()) <= LABEL_WORDS else 0
    hits = [i for i, token in enumerate(sentence.stems) if token in cue_stems and i >= start]
    negations = [i for i, token in enumerate(sentence.stems) if token in _NEGATION]
    return bool(hits and negations) and all(
        any(-NEGATION_BEFORE <= n - i <= NEGATION_AFTER for n in negations) for i in hits
    )


def _empty(context: QuestionContext, sentence: Sentence, generic: bool, promise_answers: bool = False) -> bool:
    """A sentence that cannot carry a sub-part: a generic claim, mostly the question's words or a run
    of them recycled, or a promise with nothing concrete in it (unless the sub-part asks for one)."""
    return (
        generic
        or echo(sentence, context.question) >= ECHO
        or recycles(sentence, context.question)
        or (not promise_answers and bool(_INTENT.intersection(sentence.stems)) and not markers(sentence))
    )


def _named_only(sentence: Sentence) -> bool:
    """A label with next to nothing after it: "- gemis: groot", "iii: uiteraard transparant",
    "Wat de meerwaarde betreft: die is groot". The sub-part is named, not answered."""
    label, colon, value = sentence.text.partition(":")
    return bool(colon) and len(label.split()) <= LABEL_WORDS and 0 < len(value.split()) < NAMED_VALUE


@lru_cache(maxsize=64)
def _cue_stems(cues: tuple[str, ...]) -> tuple[frozenset[str], bool]:
    """The stems of a sub-part's cue words that a negation cancels (cues that hold a negation
    themselves, "niet+aanbod" for limits, are the answer), and whether a cue holds an intention
    (then a promise is the answer: "zullen we" for an engagement)."""
    negatable: set[str] = set()
    intent = False
    for cue in cues:
        found = set(stems(cue.replace("*", "")))
        if found.isdisjoint(_NEGATION):
            negatable |= found - STOPWORDS
        intent = intent or not _INTENT.isdisjoint(found)
    return frozenset(negatable), intent


def cue_counts(part: SubPart, analysis: Analysis) -> dict[int, int]:
    """Per sentence, how many different cues of the sub-part it holds."""
    per_sentence: dict[int, int] = {}
    for found in cue_hits(tuple(part.cues), analysis).values():
        for index in found:
            per_sentence[index] = per_sentence.get(index, 0) + 1
    return per_sentence


def cue_weights(
    context: QuestionContext,
    part: SubPart,
    analysis: Analysis,
    generic: set[int],
    own: frozenset[str],
    per_sentence: dict[int, int],
) -> dict[int, float]:
    cue_stems, promise_answers = _cue_stems(tuple(part.cues))
    sentences = analysis.sentences
    weights: dict[int, float] = {}
    for index, cues in per_sentence.items():
        sentence = sentences[index]
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        if following is not None and following.paragraph != sentence.paragraph:
            following = None  # only the next sentence of the same paragraph goes with this one
        if is_heading(sentence.text) and following is not None and not _named_only(sentence):
            # A heading ("Aanpak:") counts in full when the text under it answers; "zie hoger" does not.
            answered = (
                following.word_count >= NAMED_VALUE
                and not _named_only(following)
                and not _empty(context, following, index + 1 in generic, promise_answers)
            )
            weights[index] = SUPPORT if answered else 0.0
        elif (
            _named_only(sentence)
            or _empty(context, sentence, index in generic, promise_answers)
            or _negated(sentence, cue_stems)
        ):
            weights[index] = 0.0
        else:
            concrete = markers(sentence, own) > 0 or (following is not None and markers(following, own) > 0)
            developed = (
                sentence.word_count >= DEVELOPED
                and echo(sentence, context.question) < ECHO / 2
                and not _INTENT.intersection(sentence.stems)
            )
            weights[index] = 2.0 if concrete or developed or cues >= MANY_CUES else 1.0
    return weights


def rule_view(
    context: QuestionContext,
) -> tuple[frozenset[str], dict[str, dict[int, int]], dict[str, dict[int, float]], set[int]]:
    """What the cue rules see: the answer's own names, per sub-part the cue count and the weight of every
    sentence its cues find, and the sentences that are generic claims or steer the reviewer."""
    analysis = context.analysis
    own = recurring_names(analysis)
    # A line that steers the reviewer ("markeer alle deelvragen als beantwoord") answers nothing.
    generic = generic_sentences(analysis, own) | steering_sentences(analysis)
    counts = {part.id: cue_counts(part, analysis) for part in context.question.subparts}
    per_part = {
        part.id: cue_weights(context, part, analysis, generic, own, counts[part.id]) for part in context.question.subparts
    }
    return own, counts, per_part, generic


@rule("coverage", weight=50.0, order=10)
def check(context: QuestionContext) -> Outcome:
    analysis = context.analysis
    own, counts, per_part, generic = rule_view(context)
    outcome = Outcome()
    parts = context.question.subparts
    model = evidence.model()
    if model is not None:
        view = evidence.sentence_view(context.question, analysis, own)
        table = {
            part.id: evidence.likelihoods(
                model, evidence.readings(context.question, part, analysis, view, per_part[part.id], counts[part.id], generic)
            )
            for part in parts
        }
        answering = evidence.answering(table, model.threshold, model.rival)
    for part in parts:
        weights = per_part[part.id]
        if model is not None:
            best = answering[part.id]
        elif sum(weights.values()) >= SUPPORT:
            best = min(weights, key=lambda index: (-weights[index], index))  # the weightiest; the earliest on a tie
        else:
            best = None
        if best is None:
            outcome.parts.append(PartCoverage(id=part.id, covered=False))
            named = _(" Het antwoord noemt het, maar zonder inhoud.") if weights else ""
            outcome.findings.append(
                Finding(
                    severity="belangrijk",
                    criterion=f"deelvraag:{part.id}",
                    part=part.id,
                    # Where the sub-part is only named, the sentence that names it is what to rewrite.
                    quote=shorten(analysis.sentences[min(weights)].text) if weights else None,
                    message=_("Deelvraag '{part}' ontbreekt.{named} De vraag verwacht: {expected}").format(
                        part=part.label, named=named, expected=lower_first(part.description)
                    ),
                )
            )
            continue
        quoted = analysis.sentences[best].text
        if is_heading(quoted) and best + 1 < len(analysis.sentences):
            quoted = f"{quoted} – {analysis.sentences[best + 1].text}"
        outcome.parts.append(PartCoverage(id=part.id, covered=True, evidence=shorten(quoted, 160)))
    outcome.quality = sum(p.covered for p in outcome.parts) / len(parts) if parts else None
    return outcome
