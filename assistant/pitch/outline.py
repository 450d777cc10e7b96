"""The round-2 pitch outline: sentences of the proposal, chosen and ordered by rules, timed at a speaking rate.

Extractive and deterministic: every sentence is one of the proposal's own, carried with the id of the
question it answers and its place there. Which answers feed which part, the part titles, their share of
the time and the cues that make a sentence fit are data of the call file (`[pitch]`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from assistant.call.models import Call, Pitch, PitchPart
from assistant.draft.models import Proposal
from assistant.errors import UsageError
from assistant.i18n import N_, _, decimal
from assistant.review.language import Analysis, analyse, cue_hits, is_heading
from assistant.review.rules.substance import echo, generic_sentences, markers

TOLERANCE = 0.10  # the whole must land within ±10% of the minutes asked
FILL = 0.05  # parts and the whole are filled up to 5% over their words, never more
MIN_WORDS, MAX_WORDS = 6, 45  # shorter is a fragment, longer cannot be said in one breath
ECHO = 0.6  # a sentence that mostly repeats the question says nothing to a jury
MIN_MINUTES, MAX_MINUTES = 0.5, 30.0
UNSAYABLE = N_("staat er wel, maar niet in een korte zin die u kunt zeggen")
MIN_TEMPO, MAX_TEMPO = 60, 250
# Sentences that lean on the one before them ("Die laatste groep …") read badly on their own.
_ANAPHORIC = frozenset("die dat deze dit daarom daarnaast daarvoor zo toch ook verder bovendien".split())
_PLACEHOLDER = re.compile(r"\b(?:TODO|XXX|FIXME)\b|\?\?\?")
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_]|[*_](?!\w))")
_LIST_MARK = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")


class PitchModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PitchSentence(PitchModel):
    question: str  # the question id it comes from ("D1b"): the sentence occurs in that answer
    index: int  # its place among the answer's sentences
    text: str  # as written in the answer (whitespace joined)
    spoken: str  # without Markdown marks and list markers: what is said
    words: int


class OutlinePart(PitchModel):
    id: str
    title: str
    questions: list[str]
    target_words: int
    words: int
    seconds: int
    sentences: list[PitchSentence]
    missing: list[str] = []  # what the part must say but the proposal does not


class Outline(PitchModel):
    proposal: str
    minutes: float
    words_per_minute: int
    target_words: int
    words: int
    seconds: int
    fits: bool  # within ±10% of the minutes asked
    parts: list[OutlinePart]


@dataclass
class _Candidate:
    sentence: PitchSentence
    order: tuple[int, int]  # (place of its question in the part, place in the answer)


def spoken(text: str) -> str:
    """A written sentence as it is said: no emphasis marks, no list marker, a capital and a full stop
    (a list item ends in ";")."""
    said = " ".join(_EMPHASIS.sub("", _LIST_MARK.sub("", text)).split()).rstrip(";,")
    said = said[:1].upper() + said[1:]
    return said if said.endswith((".", "!", "?", "…", '"', "”", ")")) else said + "."


def pitch_spec(call: Call) -> Pitch:
    if call.pitch is None:
        raise UsageError(_("Oproep '{id}' heeft geen pitchgegevens ([pitch] in het oproepbestand).").format(id=call.id))
    return call.pitch


def _cross_reference(call: Call) -> re.Pattern[str]:
    """A sentence pointing at another answer ("zie 2b") makes no sense said aloud."""
    numbers = "|".join(re.escape(q.number) for q in call.questions)
    return re.compile(rf"(?<![\w-])(?:{numbers})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class _Usable:
    """A sentence of an answer that can be said on its own, with what every part scores it by."""

    sentence: PitchSentence
    markers: int
    opens_paragraph: bool
    leans_back: bool  # starts with a word that points at the sentence before it


def _usable(call: Call, question_id: str, analysis: Analysis) -> list[_Usable]:
    question = call.question(question_id)
    generic = generic_sentences(analysis)
    refers = _cross_reference(call)
    usable = []
    for index, sentence in enumerate(analysis.sentences):
        text = " ".join(sentence.text.split())
        said = spoken(text)
        if (
            index in generic
            or is_heading(text)
            or not MIN_WORDS <= len(said.split()) <= MAX_WORDS
            or text.rstrip("*_ ").endswith((":", "?"))
            or _PLACEHOLDER.search(text)
            or refers.search(text)
            or echo(sentence, question) >= ECHO
        ):
            continue
        usable.append(
            _Usable(
                PitchSentence(question=question_id, index=index, text=text, spoken=said, words=len(said.split())),
                markers(sentence),
                index == 0 or analysis.sentences[index - 1].paragraph != sentence.paragraph,
                sentence.words[0] in _ANAPHORIC,
            )
        )
    return usable


def _part_cues(call: Call, part: PitchPart) -> tuple[str, ...]:
    cues = list(part.cues)
    for question_id in part.questions:
        cues += [c for s in call.question(question_id).subparts if s.id in part.subparts for c in s.cues]
    cues += [c for criterion in call.criteria if criterion.id in part.criteria for c in criterion.cues]
    return tuple(dict.fromkeys(cues))


class _Hits:
    """Which sentences of an answer a cue matches, each cue matched once per answer however many parts use it."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.found: dict[str, set[int]] = {}

    def per_sentence(self, cues: tuple[str, ...]) -> dict[int, int]:
        """How many of the cues match each sentence; cues that stem alike count once."""
        counts: dict[int, int] = {}
        for sentences in cue_hits(cues, self.analysis, self.found).values():
            for index in sentences:
                counts[index] = counts.get(index, 0) + 1
        return counts


_ANSWERS: dict[tuple[str, str, str], tuple[list[_Usable], _Hits]] = {}
_ANSWERS_KEPT = 64


def _answer(call: Call, question_id: str, text: str) -> tuple[list[_Usable], _Hits]:
    """An answer's usable sentences and cue matches, kept while its text is unchanged (the app re-plans
    the pitch after every edit; only the edited answer is new)."""
    key = (call.sha256 or str(id(call)), question_id, text)
    if key not in _ANSWERS:
        if len(_ANSWERS) >= _ANSWERS_KEPT:
            del _ANSWERS[next(iter(_ANSWERS))]
        analysis = analyse(text)
        _ANSWERS[key] = (_usable(call, question_id, analysis), _Hits(analysis))
    return _ANSWERS[key]


def clear_cache() -> None:
    """Forget every answer seen (the benchmark's cold start)."""
    _ANSWERS.clear()


class _PartPlan:
    """The candidates of one part with their scores, and what it has taken so far."""

    def __init__(
        self, call: Call, part: PitchPart, hits: dict[str, _Hits], usable: dict[str, list[_Usable]], budget: float
    ) -> None:
        self.part = part
        self.budget = budget
        self.chosen: list[_Candidate] = []
        self.missing: list[str] = []
        self.ranked: list[tuple[float, bool, _Candidate]] = []  # (score, relevant, candidate), best first
        self.must_hits: list[list[tuple[int, _Candidate]]] = [[] for _ in part.musts]
        self.lead: _Candidate | None = None
        self.must_anywhere = [False for _ in part.musts]  # said somewhere, if only in a sentence too long to say
        cues = _part_cues(call, part)
        for place, question_id in enumerate(part.questions):
            if question_id not in hits:
                continue
            relevance = hits[question_id].per_sentence(cues)
            must_counts = [hits[question_id].per_sentence(tuple(m.cues)) for m in part.musts]
            self.must_anywhere = [a or bool(c) for a, c in zip(self.must_anywhere, must_counts, strict=True)]
            for item in usable[question_id]:
                index = item.sentence.index
                candidate = _Candidate(item.sentence, (place, index))
                concrete = part.concrete * item.markers
                score = relevance.get(index, 0) + concrete + 0.5 * item.opens_paragraph - 1.0 * item.leans_back
                relevant = relevance.get(index, 0) > 0 or concrete >= 1
                self.ranked.append((score, relevant, candidate))
                if part.lead and self.lead is None and place == 0:
                    self.lead = candidate
                for position, counts in enumerate(must_counts):
                    if index in counts:
                        self.must_hits[position].append((counts[index], candidate))
        self.ranked.sort(key=lambda item: (-item[0], item[2].order))
        self.score_of = {id(c): s for s, _, c in self.ranked}
        # The most direct statement of a must: the most of its cues, then the shortest.
        for ranked_hits in self.must_hits:
            ranked_hits.sort(key=lambda item: (-item[0], item[1].sentence.words, item[1].order))

    @property
    def words(self) -> int:
        return sum(c.sentence.words for c in self.chosen)


def _key(candidate: _Candidate) -> str:
    return candidate.sentence.spoken.lower()


def build_outline(proposal: Proposal, call: Call, minutes: float | None = None, words_per_minute: int | None = None) -> Outline:
    """The pitch outline for `minutes` at `words_per_minute` (defaults from the call file)."""
    spec = pitch_spec(call)
    minutes = spec.default_minutes if minutes is None else minutes
    tempo = spec.words_per_minute if words_per_minute is None else words_per_minute
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        low, high, given = (decimal(f"{v:g}") for v in (MIN_MINUTES, MAX_MINUTES, minutes))
        raise UsageError(_("De duur moet tussen {low} en {high} minuten liggen (gekregen: {given}).").format(low=low, high=high, given=given))
    if not MIN_TEMPO <= tempo <= MAX_TEMPO:
        raise UsageError(_(
            "--tempo moet tussen {MIN_TEMPO} en {MAX_TEMPO} woorden per minuut liggen (gekregen: "
            "{tempo})."
        ).format(MIN_TEMPO=MIN_TEMPO, MAX_TEMPO=MAX_TEMPO, tempo=tempo))
    target = round(minutes * tempo)
    answers = {q.id: _answer(call, q.id, proposal.answer_text(q.id)) for q in call.questions if proposal.answer_text(q.id).strip()}
    usable = {question_id: sentences for question_id, (sentences, _) in answers.items()}
    hits = {question_id: found for question_id, (_, found) in answers.items()}
    plans = [_PartPlan(call, part, hits, usable, part.share * target) for part in spec.parts]
    used: set[str] = set()

    def take(plan: _PartPlan, candidate: _Candidate) -> None:
        plan.chosen.append(candidate)
        used.add(_key(candidate))

    # 1. The opening, and what each part must say when the proposal says it.
    for plan in plans:
        if plan.lead is not None:
            take(plan, plan.lead)
        for must, found, anywhere in zip(plan.part.musts, plan.must_hits, plan.must_anywhere, strict=True):
            if any(c in plan.chosen for _, c in found):
                continue
            fresh = [c for _, c in found if _key(c) not in used]
            if fresh:
                take(plan, fresh[0])
            elif not found:
                plan.missing.append(f"{must.label} ({_(UNSAYABLE)})" if anywhere else must.label)
    # 2. Each part up to its own share, best-fitting sentences first.
    for plan in plans:
        for _score, relevant, candidate in plan.ranked:
            if relevant and _key(candidate) not in used and plan.words + candidate.sentence.words <= plan.budget * (1 + FILL):
                take(plan, candidate)
    # The opening and the musts may overrun a short pitch: the part furthest over gives up its weakest.
    while sum(p.words for p in plans) > target * (1 + FILL):
        plan = max((p for p in plans if p.chosen), key=lambda p: p.words - p.budget)
        plan.chosen.remove(min(plan.chosen, key=lambda c: (plan.score_of[id(c)], -c.order[0], -c.order[1])))
    # 3. A part the proposal cannot fill leaves time: the others take it, the least filled first.
    for relevant_only in (True, False):
        for plan in sorted(plans, key=lambda p: p.words / p.budget):
            for _score, relevant, candidate in plan.ranked:
                total = sum(p.words for p in plans)
                if total >= target * (1 - FILL):
                    break
                if (relevant or not relevant_only) and _key(candidate) not in used and total + candidate.sentence.words <= target * (1 + FILL):
                    take(plan, candidate)
    parts = []
    for plan in plans:
        ordered = sorted(plan.chosen, key=lambda c: c.order)
        parts.append(
            OutlinePart(
                id=plan.part.id, title=plan.part.title, questions=plan.part.questions, target_words=round(plan.budget),
                words=plan.words, seconds=round(plan.words * 60 / tempo), sentences=[c.sentence for c in ordered],
                missing=plan.missing,
            )
        )
    words = sum(p.words for p in parts)
    return Outline(
        proposal=proposal.name, minutes=minutes, words_per_minute=tempo, target_words=target, words=words,
        seconds=round(words * 60 / tempo), fits=abs(words - target) <= TOLERANCE * target, parts=parts,
    )
