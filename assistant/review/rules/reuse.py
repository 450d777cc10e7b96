"""Reuse: a paragraph that appears (nearly) word for word in more than one answer.

Two paragraphs are alike when the Jaccard similarity of their word 5-gram sets is at least 0.6. Comparing
every pair takes time in the square of the number of paragraphs (a 2 MB answer took 95 s); instead an
index finds the candidates. Prefix filtering: with the 5-grams of every paragraph ordered rarest first,
two sets with a Jaccard of at least t share one of the first |s| - ceil(t·|s|) + 1 of each, so only those
are indexed and only paragraphs that share one are compared. A paragraph reports the first alike
paragraph before it, else the first after it, as the pairwise loop did; each search stops at a match
and after MAX_CANDIDATES comparisons, which only a text of thousands of near-identical paragraphs reaches.
"""

from __future__ import annotations

import heapq
import itertools
import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator

from assistant.i18n import _
from assistant.review.findings import Finding
from assistant.review.language import paragraphs, words
from assistant.review.rules import shorten

MIN_WORDS = 20  # shorter paragraphs (a heading, a closing line) may repeat
SHINGLE = 5
SIMILAR = 0.6  # Jaccard similarity of word 5-grams
MAX_CANDIDATES = 100  # comparisons per paragraph and direction; a real proposal has about 100 paragraphs in all

Shingles = frozenset[int]  # the hashes of a paragraph's word 5-grams


def _shingles(tokens: list[str]) -> Shingles:
    # A 5-gram is kept as its hash: a tuple's hash is computed anew at every set or dict operation, and an
    # index of hundreds of proposals does millions of them. Two 5-grams sharing a 64-bit hash are too rare
    # to change a similarity of 0.6.
    return frozenset(hash(tuple(tokens[i : i + SHINGLE])) for i in range(len(tokens) - SHINGLE + 1))


def _alike(a: frozenset[int], b: frozenset[int]) -> bool:
    return _jaccard(a, b) >= SIMILAR


def _ascending(postings: Iterable[list[int]], after: int) -> Iterator[int]:
    """Block numbers above `after` from several ascending lists, ascending, each once."""
    tails = (posting[bisect_right(posting, after) :] for posting in postings)
    previous = None
    for number in heapq.merge(*tails):
        if number != previous:
            previous = number
            yield number


def _first_alike(number: int, sets: list[frozenset[int]], candidates: Iterator[int], stop: int) -> int | None:
    """The first candidate below `stop` (in ascending order) alike to block `number`."""
    for checked, other in enumerate(candidates):
        if other >= stop or checked >= MAX_CANDIDATES:
            return None
        if other != number and _alike(sets[number], sets[other]):
            return other
    return None


class ParagraphIndex:
    """The prefix-filtering index over the 5-gram sets of many paragraphs (one proposal's, or every other
    client's): built once, then asked which indexed paragraphs are alike to a paragraph, and kept up to
    date paragraph by paragraph (`add`, `remove`) when one proposal of many changes.

    5-grams are ranked rarest first over the sets it is built with. A 5-gram it has never seen (in a query,
    or in a paragraph added later) ranks below all of them; a rank once given never changes. That keeps one
    total order, so the prefix argument holds for every paragraph, added or asked about.
    """

    def __init__(self, sets: list[Shingles]):
        frequency: Counter[int] = Counter()
        for shingles in sets:
            frequency.update(shingles)
        # Every 5-gram becomes its rank; the sets of ranks compare as the sets of 5-grams do.
        self.rank = dict(zip(sorted(frequency, key=frequency.__getitem__), itertools.count()))
        self._unseen = -1  # the next rank for a 5-gram first seen after the build, counting down
        self.ranked: list[frozenset[int]] = []
        self.postings: dict[int, list[int]] = defaultdict(list)
        self.prefixes: list[list[int]] = []
        for shingles in sets:
            self._index(frozenset(map(self.rank.__getitem__, shingles)))

    def _index(self, ranks: frozenset[int]) -> int:
        number = len(self.ranked)
        self.ranked.append(ranks)
        prefix = _prefix(ranks)
        self.prefixes.append(prefix)
        for shingle in prefix:
            self.postings[shingle].append(number)  # ascending: paragraphs are numbered in order
        return number

    def add(self, sets: list[Shingles]) -> list[int]:
        """Index more paragraphs; their numbers."""
        numbers = []
        for shingles in sets:
            ranks = set()
            for shingle in shingles:
                rank = self.rank.get(shingle)
                if rank is None:
                    rank = self.rank[shingle] = self._unseen
                    self._unseen -= 1
                ranks.add(rank)
            numbers.append(self._index(frozenset(ranks)))
        return numbers

    def remove(self, numbers: Iterable[int]) -> None:
        """Forget paragraphs: they are never found again (their numbers stay taken)."""
        for number in numbers:
            for shingle in self.prefixes[number]:
                posting = self.postings[shingle]
                posting.remove(number)
                if not posting:
                    del self.postings[shingle]
            self.ranked[number], self.prefixes[number] = frozenset(), []

    def alike(self, shingles: Shingles, limit: int = MAX_CANDIDATES) -> list[tuple[int, float]]:
        """Indexed paragraphs alike to a paragraph that is not in the index, with their Jaccard
        similarity, most alike first; at most `limit` candidates are compared."""
        unseen = self._unseen  # below every rank given: never confused with an indexed 5-gram
        ranks = set()
        for shingle in shingles:
            rank = self.rank.get(shingle)
            if rank is None:
                rank, unseen = unseen, unseen - 1
            ranks.add(rank)
        query = frozenset(ranks)
        postings = [self.postings[rank] for rank in _prefix(query) if rank in self.postings]
        found = []
        for checked, other in enumerate(_ascending(postings, -1)):
            if checked >= limit:
                break
            similarity = _jaccard(query, self.ranked[other])
            if similarity >= SIMILAR:
                found.append((other, similarity))
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))


def _prefix(ranks: frozenset[int]) -> list[int]:
    """The rarest |s| - ceil(t·|s|) + 1 ranks: two sets with a Jaccard of at least t share one of them."""
    ordered = sorted(ranks)
    # A hair below t·|s| so that float rounding (0.6 × 5 = 3.0000000000000004) never shortens the prefix.
    return ordered[: len(ordered) - math.ceil(SIMILAR * len(ordered) - 1e-9) + 1]


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) if shared else 0.0


def _partners(sets: list[Shingles]) -> list[int | None]:
    """For every block, the first alike block before it, else the first after it, else None."""
    index = ParagraphIndex(sets)
    partners: list[int | None] = []
    for number, prefix in enumerate(index.prefixes):
        postings = [index.postings[shingle] for shingle in prefix]
        found = _first_alike(number, index.ranked, _ascending(postings, -1), stop=number)
        if found is None:
            found = _first_alike(number, index.ranked, _ascending(postings, number), stop=len(index.ranked))
        partners.append(found)
    return partners


def paragraph_shingles(
    text: str, make: Callable[[list[str]], Shingles] = _shingles
) -> Iterator[tuple[int, str, Shingles]]:
    """(number from 1, paragraph, its 5-grams) for every paragraph long enough to count as reuse; `make`
    hashes a paragraph's words into its 5-grams (a hash that is the same in every process, for an index on disk)."""
    for number, block in enumerate(paragraphs(text), start=1):
        tokens = words(block)
        if len(tokens) >= MIN_WORDS:
            yield number, block, make(tokens)


def repeated_finding(block: str, question_id: str, other: str, numbers: dict[str, str]) -> Finding:
    """The finding on `block` of `question_id`, which stands again in the answer to `other`."""
    where = (
        _("verderop in hetzelfde antwoord")
        if other == question_id
        else _("ook in vraag {number}").format(number=numbers.get(other, other))
    )
    return Finding(
        severity="belangrijk",
        criterion="hergebruik",
        quote=shorten(block),
        message=_(
            "Deze alinea staat (bijna) letterlijk {where}: elke vraag verdient een eigen antwoord, en "
            "herhaling kost pagina's."
        ).format(where=where),
    )


def repeated_paragraphs(answers: dict[str, str], numbers: dict[str, str]) -> dict[str, list[Finding]]:
    """Findings per question id for paragraphs repeated in another answer (or twice in the same one)."""
    blocks = []
    for question_id, text in answers.items():
        blocks += [(question_id, block, shingles) for _, block, shingles in paragraph_shingles(text)]
    partners = _partners([shingles for _, _, shingles in blocks])
    # Findings in the order the pairwise loop found them: at a block's first alike pair (i, j), i < j.
    first_pairs = sorted(
        (min(number, partner), max(number, partner), number > partner, number)
        for number, partner in enumerate(partners)
        if partner is not None
    )
    found: dict[str, list[Finding]] = {}
    for *_pair, number in first_pairs:
        qid, block, _shingles = blocks[number]
        other = blocks[partners[number]][0]  # type: ignore[index]
        found.setdefault(qid, []).append(repeated_finding(block, qid, other, numbers))
    return found
