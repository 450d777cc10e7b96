"""Sub-part coverage: for each sub-part of the question, the sentence that answers it, or a finding.

A sub-part counts as answered only with substance, as a strict jury member reads it: the sentences its
cues find must add up to SUPPORT. A sentence weighs 1, or 2 when it (or the next sentence) is concrete,
when it is long and in the applicant's own words (not a promise), or when it holds three different
cues of the sub-part; it weighs nothing when it is a generic claim or mostly repeats the question. A
heading line ("ii. Gelijkwaardigheid") followed by text under it counts in full.
"""

from __future__ import annotations

from assistant.call.models import SubPart
from assistant.review.findings import Finding, PartCoverage
from assistant.review.language import Analysis, cue_hits, is_heading, stem
from assistant.review.rules import Outcome, QuestionContext, lower_first, shorten
from assistant.review.rules.substance import echo, generic_sentences, markers

SUPPORT = 2.0
ECHO = 0.6  # a sentence with at least this share of the question's own words adds nothing
DEVELOPED = 22  # words: a long sentence in the applicant's own words is substance too
MANY_CUES = 3
# A promise ("we zullen … versterken") is not yet substance, however long the sentence.
_INTENT = frozenset(stem(w) for w in "zullen zal willen wil wensen hopen".split())  # different cues of the sub-part in one sentence


def _weights(context: QuestionContext, part: SubPart, analysis: Analysis, generic: set[int]) -> dict[int, float]:
    per_sentence: dict[int, int] = {}
    for found in cue_hits(tuple(part.cues), analysis).values():
        for index in found:
            per_sentence[index] = per_sentence.get(index, 0) + 1
    sentences = analysis.sentences
    weights: dict[int, float] = {}
    for index, cues in per_sentence.items():
        sentence = sentences[index]
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        same_paragraph = following is not None and following.paragraph == sentence.paragraph
        if is_heading(sentence.text) and same_paragraph:
            weights[index] = SUPPORT
        elif index in generic or echo(sentence, context.question) >= ECHO:
            weights[index] = 0.0
        else:
            concrete = markers(sentence) > 0 or (same_paragraph and markers(following) > 0)
            developed = (
                sentence.word_count >= DEVELOPED
                and echo(sentence, context.question) < ECHO / 2
                and not _INTENT.intersection(sentence.stems)
            )
            weights[index] = 2.0 if concrete or developed or cues >= MANY_CUES else 1.0
    return weights


def check(context: QuestionContext) -> Outcome:
    analysis = context.analysis
    generic = generic_sentences(analysis)
    outcome = Outcome()
    for part in context.question.subparts:
        weights = _weights(context, part, analysis, generic)
        if sum(weights.values()) < SUPPORT:
            outcome.parts.append(PartCoverage(id=part.id, covered=False))
            named = " Het antwoord noemt het, maar zonder inhoud." if weights else ""
            outcome.findings.append(
                Finding(
                    severity="belangrijk",
                    criterion=f"deelvraag:{part.id}",
                    part=part.id,
                    message=f"Deelvraag '{part.label}' ontbreekt.{named} De vraag verwacht: "
                    f"{lower_first(part.description)}",
                )
            )
            continue
        # The evidence is the weightiest sentence; the earliest one on a tie.
        best = min(weights, key=lambda index: (-weights[index], index))
        evidence = analysis.sentences[best].text
        if is_heading(evidence) and best + 1 < len(analysis.sentences):
            evidence = f"{evidence} – {analysis.sentences[best + 1].text}"
        outcome.parts.append(PartCoverage(id=part.id, covered=True, evidence=shorten(evidence, 160)))
    parts = context.question.subparts
    outcome.quality = sum(p.covered for p in outcome.parts) / len(parts) if parts else None
    return outcome
