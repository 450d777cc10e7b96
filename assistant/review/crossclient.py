"""Across clients: this proposal's paragraphs and names against every other client's proposal in a folder.

One jury reads every candidacy for a werkingsgebied, so near-identical text handed in for two clients, or
one client's name left in another's proposal, costs both. `OtherProposals` keeps the other proposals'
paragraphs in the reuse rule's shingle index (`ParagraphIndex`), built once and rebuilt only when a file's
modification time or size changes; asking about one answer then costs a few milliseconds.

A proposal of the same client (same organisation as a file name, or the same enterprise number) is not
another client: it is left out. A proposal of another call is compared too, with a lower severity.

The app and `check --all` keep this index in memory; `check FILE` asks the one on disk (crossindex.py),
which finds the same with the pieces shared here (the scan, the client, the findings).
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from assistant import locations
from assistant.call.models import Call, FieldKind
from assistant.draft.models import Copied, Proposal
from assistant.draft.store import read_proposal
from assistant.draft.workspace import known_call, slug
from assistant.errors import AssistantError
from assistant.i18n import N_, _
from assistant.review.findings import SEVERITY_ORDER, Finding
from assistant.review.people import EMAIL
from assistant.review.rules import shorten
from assistant.review.rules.reuse import ParagraphIndex, Shingles, paragraph_shingles

OVERLAP = "andere-klant"  # criterion of a paragraph alike to one in another client's proposal
NAME = "naam-andere-klant"  # criterion of another client's name, e-mail or number in this proposal
NEAR_COPY = 0.9  # Jaccard of word 5-grams from which overlap with another call's proposal is important
MAX_FILES = 5000  # a folder with more proposals is cut (the newest are kept); bounded memory

# Legal forms dropped from an organisation's name before it is looked for without them.
_LEGAL_FORMS = frozenset("vzw ivzw cv cvba bv bvba nv vof commv comm v sv esv ocmw vereniging".split())
_ENTERPRISE = re.compile(r"(?<![\d.])(?:BE\s?)?([01]\d{3})[.\s]?(\d{3})[.\s]?(\d{3})(?![\d])", re.IGNORECASE)


_COMBINING = re.compile(r"[\u0300-\u036f]")  # the accents NFKD splits off Latin letters
_WORDS = re.compile(r"[^\W_]+")


def _plain(text: str) -> str:
    """Lower case, accents dropped, anything but letters and digits one space, padded: ' werkwinkel kreekland '."""
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return " " + " ".join(_WORDS.findall(folded)) + " "


def _spaced(text: str) -> str:
    """Whitespace made single spaces and padded, case kept: for names that are also ordinary words."""
    return " " + " ".join(_WORDS.findall(text)) + " "


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def client_fields(values: dict[str, str], call: Call | None) -> dict[str, str]:
    """What names the client among a proposal's field values, by the call's roles: the applicant and
    contact fields, the first e-mail and enterprise-number fields (empty when the call is unknown)."""

    def first(kind: FieldKind) -> str:
        found = call.first_field_of_kind(kind) if call else None
        return values.get(found.id, "").strip() if found else ""

    return {
        "organisation": call.applicant_name(values) if call else "",
        "contact": call.contact_name(values) if call else "",
        "email": first("email"),
        "enterprise_number": first("enterprise_number"),
    }


@dataclass(frozen=True)
class Client:
    """Who a proposal is for, as it can be recognised in another proposal's text (worked out once per file)."""

    organisation: str
    contact: str
    email: str  # lower case
    enterprise_number: str  # ten digits, or ""
    key: str  # the organisation as a file name: how two proposals of one client are recognised
    plain_names: tuple[tuple[str, str], ...]  # (what, name compared without case or accents)
    cased_names: tuple[tuple[str, str], ...]  # (what, name compared with its capitals)

    @classmethod
    def of(cls, proposal: Proposal, call: Call | None) -> Client:
        """`call`: the call the proposal answers, which says which fields name the client (None: unknown)."""
        return cls.from_fields(client_fields(proposal.fields, call))

    @classmethod
    def from_fields(cls, fields: dict[str, str]) -> Client:
        """From what `client_fields` gives (as the index on disk keeps it)."""
        organisation = fields.get("organisation", "").strip()
        contact = fields.get("contact", "").strip()
        number = _digits(fields.get("enterprise_number", ""))
        plain = []
        if len(_plain(organisation).split()) >= 2:  # one word may be an ordinary one: see the cased name
            plain.append(("de organisatie", _plain(organisation)))
        names = contact.replace(",", " ").split()
        if len(names) >= 2:  # the contact in both orders: "An Peeters", "Peeters, An"
            plain.append(("de contactpersoon", _plain(" ".join(names))))
            plain.append(("de contactpersoon", _plain(" ".join(names[1:] + names[:1]))))
        # The organisation without its legal form, with its capitals ("De Sleutel", not "de sleutel").
        short = _spaced(" ".join(w for w in re.findall(r"[^\W_]+", organisation) if w.casefold() not in _LEGAL_FORMS))
        return cls(
            organisation=organisation,
            contact=contact,
            email=fields.get("email", "").strip().casefold(),
            enterprise_number=number if len(number) == 10 else "",
            key=slug(organisation),
            plain_names=tuple(plain),
            cased_names=(("de organisatie", short),) if len(short.strip()) >= 4 else (),
        )

    def same_as(self, other: Client) -> bool:
        if self.enterprise_number and self.enterprise_number == other.enterprise_number:
            return True
        return bool(self.key) and self.key == other.key


_WHAT_ORDER = (N_("de organisatie"), N_("de contactpersoon"), N_("het e-mailadres"), N_("het ondernemingsnummer"))


class Names:
    """Every other client's names by their first word, e-mails and numbers: an answer's words are looked
    up, so the time does not grow with the number of clients."""

    def __init__(self, others: list[Other | None]):
        self.plain: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        self.cased: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        self.emails: dict[str, list[int]] = defaultdict(list)
        self.numbers: dict[str, list[int]] = defaultdict(list)
        for owner, other in enumerate(others):
            if other is None:
                continue
            client = other.client
            for what, name in client.plain_names:
                self.plain[name.split()[0]].append((owner, what, name))
            for what, name in client.cased_names:
                self.cased[name.split()[0]].append((owner, what, name))
            if client.email:
                self.emails[client.email].append(owner)
            if client.enterprise_number:
                self.numbers[client.enterprise_number].append(owner)

    def found(self, text: str, strangers: set[int]) -> dict[int, set[str]]:
        """Per other client (owner number), what of theirs `text` names."""
        found: dict[int, set[str]] = defaultdict(set)
        for folded, names in ((_plain(text), self.plain), (_spaced(text), self.cased)):
            for word in set(folded.split()):
                for owner, what, name in names.get(word, ()):
                    if owner in strangers and name in folded:
                        found[owner].add(what)
        for email in {match.casefold() for match in EMAIL.findall(text)}:
            for owner in self.emails.get(email, ()):
                if owner in strangers:
                    found[owner].add("het e-mailadres")
        for number in {"".join(groups) for groups in _ENTERPRISE.findall(text)}:
            for owner in self.numbers.get(number, ()):
                if owner in strangers:
                    found[owner].add("het ondernemingsnummer")
        return found


@dataclass(frozen=True)
class _Paragraph:
    owner: int  # index into OtherProposals._others
    question_id: str
    number: int  # the paragraph's place in its answer, from 1


@dataclass
class Other:
    path: Path
    name: str
    call_id: str
    client: Client

    @property
    def label(self) -> str:
        organisation = f" ({self.client.organisation})" if self.client.organisation else ""
        return f"'{self.name}'{organisation}, {self.path.name}"


class OtherProposals:
    """Every proposal in `folder` except the one at `exclude`, indexed for the cross-client check.

    `refresh()` looks at the files again (a scan of the folder) and updates the index only for a file
    added, removed, or changed in modification time or size: one proposal's paragraphs leave the index and
    its new ones join, in milliseconds, so another window saving every second costs little. The first
    refresh builds the whole index (seconds for hundreds of proposals), as does one that finds more
    paragraphs forgotten since the last build than kept. Thread-safe: the app refreshes in a thread
    while the review asks.
    """

    def __init__(self, folder: Path | None = None, exclude: Path | None = None):
        self.folder = Path(folder) if folder is not None else locations.proposals_dir()
        self.exclude = _resolved(exclude) if exclude is not None else None
        self._lock = threading.Lock()  # guards everything below: a refresh changes it in place
        self._refreshing = threading.Lock()  # one refresh at a time
        self._stats: dict[Path, tuple[int, int]] = {}
        self._owners: dict[Path, tuple[int, list[int]]] = {}  # path -> (owner number, its paragraph numbers)
        self._others: list[Other | None] = []  # by owner number; None: removed since
        self._paragraphs: list[_Paragraph] = []  # by paragraph number in the index
        self._index = ParagraphIndex([])
        self._names = Names([])
        self._stranger_cache: dict[tuple[str, str, Path | None], set[int]] = {}
        self._forgotten = 0  # paragraphs removed since the last build: their entries stay until a rebuild
        self.builds = 0  # whole builds (tests check that an unchanged or a single changed file costs none)
        self.updates = 0  # refreshes that changed anything
        self.refresh()

    def _scan(self) -> dict[Path, tuple[int, int]]:
        return scan_proposals(self.folder, self.exclude)

    def refresh(self) -> bool:
        """Look at the files again; whether anything changed."""
        with self._refreshing:
            return self._refresh()

    def _refresh(self) -> bool:
        stats = self._scan()
        if stats == self._stats:
            return False
        gone = [path for path, stat in self._stats.items() if stats.get(path) != stat]
        new = [path for path, stat in sorted(stats.items()) if self._stats.get(path) != stat]
        forgotten = sum(len(self._owners[p][1]) for p in gone if p in self._owners)
        kept = sum(len(numbers) for _, numbers in self._owners.values()) - forgotten
        # Counted since the last build, so another window saving one file every second cannot grow
        # the index (and its removed entries) without bound.
        if not self._stats or self._forgotten + forgotten > kept:
            self._build(stats)
            return True
        read = [(path, _read(path)) for path in new]  # outside the lock: the review goes on meanwhile
        with self._lock:
            for path in gone:
                if path in self._owners:
                    owner, numbers = self._owners.pop(path)
                    self._index.remove(numbers)
                    self._others[owner] = None
            for path, found in read:
                if found is not None:
                    self._add(path, *found)
            self._names = Names(self._others)
            self._stats, self._stranger_cache = stats, {}
            self._forgotten += forgotten
            self.updates += 1
        return True

    def _build(self, stats: dict[Path, tuple[int, int]]) -> None:
        read = [(path, _read(path)) for path in sorted(stats)]
        sets = [shingles for _, found in read if found is not None for _, _, shingles in found[1]]
        index = ParagraphIndex(sets)  # ranks by frequency over all of them: the selective prefixes
        with self._lock:
            self._index, self._others, self._paragraphs, self._owners = index, [], [], {}
            number = 0
            for path, found in read:
                if found is None:
                    continue
                other, paragraphs = found
                owner = len(self._others)
                self._others.append(other)
                self._paragraphs += [_Paragraph(owner, question_id, place) for question_id, place, _ in paragraphs]
                self._owners[path] = (owner, list(range(number, number + len(paragraphs))))
                number += len(paragraphs)
            self._names = Names(self._others)
            self._stats, self._stranger_cache, self._forgotten = stats, {}, 0
            self.builds += 1
            self.updates += 1

    def _add(self, path: Path, other: Other, paragraphs: list[tuple[str, int, Shingles]]) -> None:
        owner = len(self._others)
        self._others.append(other)
        numbers = self._index.add([shingles for _, _, shingles in paragraphs])
        self._paragraphs += [_Paragraph(owner, question_id, place) for question_id, place, _ in paragraphs]
        self._owners[path] = (owner, numbers)

    def __len__(self) -> int:
        return len(self._owners)

    def _strangers(self, client: Client, own: Path | None) -> set[int]:
        """The other clients' proposals: not this file, not this client's. Kept per client until a rebuild;
        call with the lock held."""
        key = (client.key, client.enterprise_number, own)
        cached = self._stranger_cache.get(key)
        if cached is None:
            cached = {
                n
                for n, other in enumerate(self._others)
                if other is not None and other.path != own and not other.client.same_as(client)
            }
            self._stranger_cache = {key: cached}  # one proposal is reviewed at a time
        return cached

    def answer_findings(
        self, proposal: Proposal, call: Call, question_id: str, path: Path | None = None
    ) -> list[Finding]:
        """Findings on one answer: paragraphs alike to another client's, and other clients' names in it.
        `path` is the proposal's own file when it is in the index (`check --all`): left out."""
        client, own = Client.of(proposal, call), _resolved(path) if path is not None else None
        text = proposal.answer_text(question_id)
        copied = unadapted_copy(proposal, question_id)
        blocks = list(paragraph_shingles(text))
        findings = []
        with self._lock:  # a refresh changes the index in place: ask it while it holds still
            strangers = self._strangers(client, own)
            if not text.strip() or not strangers:
                return []
            others = self._others
            for _place, block, shingles in blocks:
                matches = [(self._paragraphs[n], similarity) for n, similarity in self._index.alike(shingles)]
                matches = [(p, s) for p, s in matches if p.owner in strangers]
                if matches:
                    alike = []
                    for paragraph, similarity in matches:
                        other = others[paragraph.owner]
                        assert other is not None  # a stranger is never a removed proposal
                        alike.append(Match(other, paragraph.question_id, paragraph.number, similarity))
                    findings.append(overlap_finding(block, alike, call, copied))
            findings += name_findings(self._names.found(text, strangers), others)
        return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])

    def findings(self, proposal: Proposal, call: Call, path: Path | None = None) -> dict[str, list[Finding]]:
        """Findings per question id, for every answer (the `check` command)."""
        found = {q.id: self.answer_findings(proposal, call, q.id, path) for q in call.questions}
        return {question_id: items for question_id, items in found.items() if items}


def scan_proposals(folder: Path, exclude: Path | None = None) -> dict[Path, tuple[int, int]]:
    """Every proposal file of a folder but `exclude`: path -> (modification time in ns, size), the newest
    MAX_FILES when there are more."""
    stats: dict[Path, tuple[int, int]] = {}
    folder = _resolved(folder)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return stats
    for entry in entries:
        if not entry.name.endswith(".json") or entry.name.startswith("."):
            continue
        try:
            info = entry.stat()
            # Only a link needs resolving to be recognised as this proposal (a save replaces the file, so
            # its inode is no help); resolving every file would cost more than the whole scan.
            path = _resolved(Path(entry.path)) if entry.is_symlink() else folder / entry.name
        except OSError:
            continue
        if path != exclude:
            stats[path] = (info.st_mtime_ns, info.st_size)
    if len(stats) > MAX_FILES:
        stats = dict(sorted(stats.items(), key=lambda item: item[1][0], reverse=True)[:MAX_FILES])
    return stats


def _read(path: Path) -> tuple[Other, list[tuple[str, int, Shingles]]] | None:
    """A proposal's client and paragraphs (question id, place, 5-grams); None when it cannot be read."""
    try:
        proposal = read_proposal(path)
    except AssistantError:
        return None  # corrupt, foreign or too large: not a client to compare with
    paragraphs = [
        (question_id, place, shingles)
        for question_id, answer in sorted(proposal.answers.items())
        for place, _, shingles in paragraph_shingles(answer.text)
    ]
    return Other(path, proposal.name, proposal.call_id, Client.of(proposal, known_call(proposal))), paragraphs


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


@dataclass(frozen=True)
class Match:
    """A paragraph of another client's proposal alike to one of this proposal."""

    other: Other
    question_id: str
    number: int  # the paragraph's place in its answer, from 1
    similarity: float


def unadapted_copy(proposal: Proposal, question_id: str) -> Copied | None:
    """Where the answer was copied from, while its text is still the copied text (else None)."""
    answer = proposal.answers.get(question_id)
    return answer.copied_from if answer is not None and answer.copied_unchanged else None


def overlap_finding(block: str, matches: list[Match], call: Call, copied: Copied | None = None) -> Finding:
    """The finding on a paragraph alike to others: it names the most alike, one of the same call first (that is
    the one that blocks); among equals the first by file name, so it does not depend on the order files changed in."""
    match = min(
        matches, key=lambda m: (m.other.call_id != call.id, -m.similarity, m.other.path.name, m.question_id, m.number)
    )
    other, similarity = match.other, match.similarity
    same_call = other.call_id == call.id
    severity = "blokkerend" if same_call else "belangrijk" if similarity >= NEAR_COPY else "tip"
    number = next((q.number for q in call.questions if q.id == match.question_id), match.question_id)
    why = (
        _("dezelfde jury leest beide kandidaturen voor dit werkingsgebied")
        if same_call
        else _("ook voor een andere oproep valt hergebruikte tekst op")
    )
    similar = f"{similarity:.0%}"
    if copied is not None and (copied.file == other.path.name or copied.proposal == other.name):
        # Copied on purpose (duplicate, copy-answer) and still word for word: say so, not "it resembles".
        day = copied.at.astimezone().strftime("%d/%m/%Y")
        message = _(
            "Overgenomen uit {other} op {day}, nog niet aangepast ({similarity} gelijk met vraag {number}, alinea "
            "{paragraph}). Pas het aan voor deze klant: {why}."
        ).format(other=other.label, day=day, similarity=similar, number=number, paragraph=match.number, why=why)
    else:
        message = _(
            "Deze alinea staat (bijna) letterlijk ({similarity} gelijk) in het voorstel van een andere klant: "
            "{other}, vraag {number}, alinea {paragraph}. Herschrijf ze voor deze klant: {why}."
        ).format(similarity=similar, other=other.label, number=number, paragraph=match.number, why=why)
    return Finding(
        severity=severity,
        criterion=OVERLAP,
        quote=shorten(block),
        message=message,
    )


def name_findings(found: dict[int, set[str]], others: list[Other | None]) -> list[Finding]:
    findings = []
    for owner in sorted(found):
        other = others[owner]
        assert other is not None  # names of removed proposals are not looked up
        client = other.client
        number = client.enterprise_number
        shown = {
            "de organisatie": client.organisation,
            "de contactpersoon": client.contact,
            "het e-mailadres": client.email,
            "het ondernemingsnummer": f"{number[:4]}.{number[4:7]}.{number[7:]}",
        }
        for what in (w for w in _WHAT_ORDER if w in found[owner]):
            findings.append(
                Finding(
                    severity="blokkerend",
                    criterion=NAME,
                    quote=shown[what],
                    message=_(
                        "Dit antwoord noemt {what} van een andere klant ({other}). "
                        "Haal die gegevens weg: een kandidatuur met de naam van een ander kost beide klanten punten."
                    ).format(what=_(what), other=other.label),
                )
            )
    return findings
