"""Dutch text handling for the offline review: paragraphs, sentences, tokens and Snowball stems.

An answer is analysed once (`analyse`, cached by text) into sentences with their stems and an index
from stem to positions, so that every rule asks questions of the same analysis cheaply. Cues are small
patterns written in the call file (see `compile_cue`), matched on stems so that "samenwerking" and
"samengewerkt" count together.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

from assistant.call.models import CUE_WORD

_STEMMER = snowballstemmer.stemmer("dutch")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?…])|(?<=[.!?…][\"”’)*_])|(?<=[.!?…][\"”’)*_]{2}))\s+(?=[\"“‘(*_]*[A-Z0-9À-Ý])"
)
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "bv bijv bvb vb o.a m.a.w i.s.m enz cf incl nl d.w.z t.e.m t.a.v ca mevr dhr dr prof nr art max min resp".split()
)
_BLANK_LINE = re.compile(r"\n\s*\n")
HEADING_WORDS = 8
NUMBERED_HEADING_WORDS = 5
# A line ending in one of these runs on into the next line; any other line ends a sentence or heading.
_CONTINUES = tuple("abcdefghijklmnopqrstuvwxyzàáâäçèéêëìíîïñòóôöùúûü0123456789,;-–(")


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The Snowball (Dutch) stem of one lower-case word."""
    return _STEMMER.stemWord(word)


# Function words that carry no topic (for recognising a challenge of the addendum in an answer).
STOPWORDS = frozenset(
    stem(w)
    for w in """aan achter al alle alleen als ander andere bij binnen daar daarbij daarom dan dat de deze die dit
    doen door een eigen en er geen heeft hebben heel het hier hoe hun iets in is je kan kunnen maar meer met
    moet moeten na naar niet nog nu of om onder ons onze ook op over per te tot tussen uit van veel voor
    vooral waar wat we wel worden wordt zal zij zijn zich zo zoals zonder zullen""".split()
)


def words(text: str) -> list[str]:
    """The lower-case words of a text; hyphens and apostrophes split ("VDAB-werkwinkel" is two)."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=8192)  # a sentence's words are read by the analysis and again by the steering detector
def word_tuple(text: str) -> tuple[str, ...]:
    return tuple(words(text))


def stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(text))


def paragraphs(text: str) -> list[str]:
    """Blocks separated by a blank line."""
    return [block.strip() for block in _BLANK_LINE.split(text) if block.strip()]


def _ends_with_abbreviation(chunk: str) -> bool:
    """Whether a full stop at the end of the chunk is an abbreviation's or a list marker's ("ii.")."""
    marker = LIST_ITEM.match(chunk + " ")
    if marker and marker.end() >= len(chunk):
        return True
    last = chunk.rstrip().rsplit(None, 1)[-1].lower().rstrip(".") if chunk.strip() else ""
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def _starts_unit(line: str, previous: str | None) -> bool:
    """A list item starts a new sentence, and so does the line after a heading-like line."""
    if previous is None:
        return True
    if LIST_ITEM.match(line):
        return True
    stripped = previous.strip()
    if not stripped or not line[:1].isupper():
        return False
    # A short line before a capital is a heading ("ii. Gelijkwaardigheid"); a longer one is wrapped prose.
    return not stripped.endswith(_CONTINUES) or len(stripped.split()) <= HEADING_WORDS


@lru_cache(maxsize=4096)  # asked of one sentence by every sub-part's cue weights and evidence
def is_heading(text: str) -> bool:
    """A short line without closing punctuation ("Wat misliep:"), or a numbered one ("ii. Gelijkwaardigheid.")."""
    stripped = text.strip()
    size = len(stripped.split())
    if size <= NUMBERED_HEADING_WORDS and LIST_ITEM.match(stripped):
        return True
    return size <= HEADING_WORDS and not stripped.endswith((".", "!", "?", ";", ","))


def sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph: every list item and every heading-like line is its own sentence."""
    units: list[list[str]] = []
    previous: str | None = None
    for line in paragraph.split("\n"):
        if _starts_unit(line, previous) or not units:
            units.append([])
        units[-1].append(line.strip())
        previous = line
    result: list[str] = []
    for unit in (" ".join(lines) for lines in units):
        merged: list[str] = []
        for piece in _SENTENCE_END.split(unit):
            if merged and _ends_with_abbreviation(merged[-1]):
                merged[-1] = f"{merged[-1]} {piece}"
            else:
                merged.append(piece)
        result += [p.strip() for p in merged if p.strip()]
    return result


@dataclass(frozen=True)
class Sentence:
    text: str
    paragraph: int
    words: tuple[str, ...]
    stems: tuple[str, ...]

    def __hash__(self) -> int:
        # Words and stems follow from the text: hashing them too (rules cache by sentence) cost a millisecond.
        return hash((self.text, self.paragraph))

    @property
    def word_count(self) -> int:
        return len(self.words)


# Where a word is: its sentence's index and its place in the sentence in one int (`at`), as a pair of ints per
# word would be thousands of tuples for every answer analysed.
Positions = list[int]
_PLACE_BITS = 32


def at(sentence: int, place: int) -> int:
    return sentence << _PLACE_BITS | place


@dataclass
class Analysis:
    """One answer, taken apart once for every rule."""

    text: str
    paragraphs: list[str]
    sentences: list[Sentence]
    by_stem: dict[str, Positions]
    by_word: dict[str, Positions]
    _words_sorted: list[str] = field(default_factory=list)
    _words_reversed: list[str] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        return sum(s.word_count for s in self.sentences)

    def words_starting(self, prefix: str) -> list[str]:
        return _with_prefix(self._words_sorted, prefix)

    def words_ending(self, suffix: str) -> list[str]:
        return [w[::-1] for w in _with_prefix(self._words_reversed, suffix[::-1])]


def _with_prefix(ordered: list[str], prefix: str) -> list[str]:
    found = []
    for candidate in ordered[bisect.bisect_left(ordered, prefix) :]:
        if not candidate.startswith(prefix):
            break
        found.append(candidate)
    return found


@lru_cache(maxsize=64)
def analyse(text: str) -> Analysis:
    """Analyse an answer; cached, so the TUI re-reviewing unchanged answers pays nothing."""
    blocks = paragraphs(text)
    found: list[Sentence] = []
    by_stem: defaultdict[str, Positions] = defaultdict(list)
    by_word: defaultdict[str, Positions] = defaultdict(list)
    for number, block in enumerate(blocks):
        for sentence_text in sentences(block):
            sentence_words = word_tuple(sentence_text)
            if not sentence_words:
                continue
            sentence_stems = tuple(map(stem, sentence_words))
            first = at(len(found), 0)
            places = range(first, first + len(sentence_words))
            for where, word, word_stem in zip(places, sentence_words, sentence_stems, strict=True):
                by_word[word].append(where)
                by_stem[word_stem].append(where)
            found.append(Sentence(sentence_text, number, sentence_words, sentence_stems))
    unique = sorted(by_word)
    # Plain dicts: a word looked up that is not there must not be added.
    return Analysis(text, blocks, found, dict(by_stem), dict(by_word), unique, sorted(w[::-1] for w in unique))


# ---------------------------------------------------------------- cues


class Term(NamedTuple):  # a tuple: a few hundred are made at the first review
    text: str  # a stem for "exact", a piece of a word for "prefix" and "suffix"
    mode: str  # "exact" (same stem), "prefix" (word*) or "suffix" (*word)

    def positions(self, analysis: Analysis) -> Positions:
        if self.mode == "exact":
            return analysis.by_stem.get(self.text, [])
        matches = analysis.words_starting(self.text) if self.mode == "prefix" else analysis.words_ending(self.text)
        return [pos for word in matches for pos in analysis.by_word[word]]


class Cue(NamedTuple):
    """A cue from the call file; the syntax is documented in docs/review.md ("Cues in the call file"):
    `woord` a word with the same stem ("samenwerking" finds "samengewerkt"); `woord*` a word that
    starts with it ("samenwerk*" finds "samenwerkingsverband"); `*woord` a word that ends with it
    ("*overleg" finds "casusoverleg"); `twee woorden` consecutive words; `a+b` both in one sentence.
    """

    source: str
    groups: tuple[tuple[Term, ...], ...]

    def sentences(self, analysis: Analysis) -> set[int]:
        """Indices of the sentences the cue matches."""
        result: set[int] | None = None
        for phrase in self.groups:
            hits = _phrase_sentences(phrase, analysis)
            result = hits if result is None else result & hits
            if not result:
                return set()
        return result or set()


def _term(word: str) -> Term:
    if word.endswith("*"):
        return Term(word.rstrip("*"), "prefix")
    if word.startswith("*"):
        return Term(word.lstrip("*"), "suffix")
    return Term(stem(word), "exact")


@lru_cache(maxsize=4096)
def compile_cue(source: str) -> Cue:
    groups = []
    for part in source.lower().split("+"):
        phrase = tuple(_term(word) for word in CUE_WORD.findall(part))
        if phrase:
            groups.append(phrase)
    if not groups:
        raise ValueError(f"lege cue: {source!r}")
    return Cue(source, tuple(groups))


def _phrase_sentences(phrase: tuple[Term, ...], analysis: Analysis) -> set[int]:
    first = phrase[0].positions(analysis)
    if len(phrase) == 1 or not first:
        return {position >> _PLACE_BITS for position in first}
    later = []
    for term in phrase[1:]:
        if not (positions := set(term.positions(analysis))):
            return set()  # a word of the phrase is not in the answer
        later.append(positions)
    # A word's place plus one is the next word's in the same sentence (a sentence has far fewer than 2**32 words).
    return {
        position >> _PLACE_BITS
        for position in first
        if all(position + offset in found for offset, found in enumerate(later, start=1))
    }


def cue_hits(
    cues: Sequence[str | Cue], analysis: Analysis, found: dict[str, set[int]] | None = None
) -> dict[str, set[int]]:
    """For each cue that matches (as written, or compiled: constant cues are compiled at import), the sentences
    it matches, by the cue as written. Cues that stem alike ("ervaring", "ervaren") count once. `found` keeps
    each cue's sentences for the next call on the same analysis."""
    hits = {}
    seen = set()
    for written in cues:
        cue = written if isinstance(written, Cue) else compile_cue(written)
        source = cue.source
        if cue.groups in seen:
            continue
        seen.add(cue.groups)
        if found is None:
            matched = cue.sentences(analysis)
        else:
            if source not in found:
                found[source] = cue.sentences(analysis)
            matched = found[source]
        if matched:
            hits[source] = matched
    return hits
