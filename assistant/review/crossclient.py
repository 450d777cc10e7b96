"""Across clients: this proposal's paragraphs and names against every other client's proposal in a folder.

One jury reads every candidacy for a werkingsgebied, so near-identical text handed in for two clients, or
one client's name left in another's proposal, costs both. `OtherProposals` keeps the other proposals'
paragraphs in the reuse rule's shingle index (`ParagraphIndex`), built once and rebuilt only when a file's
modification time or size changes; asking about one answer then costs a few milliseconds.

A proposal of the same client (same organisation as a file name, or the same enterprise number) is not
another client: it is left out. A proposal of another call is compared too, with a lower severity.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from assistant import locations
from assistant.call.models import Call
from assistant.draft.models import Proposal
from assistant.draft.store import read_proposal
from assistant.draft.workspace import slug
from assistant.errors import AssistantError
from assistant.review.findings import SEVERITY_ORDER, Finding
from assistant.review.rules import shorten
from assistant.review.rules.reuse import ParagraphIndex, paragraph_shingles

OVERLAP = "andere-klant"  # criterion of a paragraph alike to one in another client's proposal
NAME = "naam-andere-klant"  # criterion of another client's name, e-mail or number in this proposal
NEAR_COPY = 0.9  # Jaccard of word 5-grams from which overlap with another call's proposal is important
MAX_FILES = 5000  # a folder with more proposals is cut (the newest are kept); bounded memory

# Legal forms dropped from an organisation's name before it is looked for without them.
_LEGAL_FORMS = frozenset("vzw ivzw cv cvba bv bvba nv vof commv comm v sv esv ocmw vereniging".split())
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_ENTERPRISE = re.compile(r"(?<![\d.])(?:BE\s?)?([01]\d{3})[.\s]?(\d{3})[.\s]?(\d{3})(?![\d])", re.IGNORECASE)


def _plain(text: str) -> str:
    """Lower case, accents dropped, anything but letters and digits one space, padded: ' werkwinkel kreekland '."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return " " + " ".join(re.findall(r"[^\W_]+", folded)) + " "


def _spaced(text: str) -> str:
    """Whitespace made single spaces and padded, case kept: for names that are also ordinary words."""
    return " " + " ".join(re.findall(r"[^\W_]+", text)) + " "


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


@dataclass(frozen=True)
class Client:
    """Who a proposal is for, as it can be recognised in another proposal's text."""

    organisation: str
    contact: str
    email: str
    enterprise_number: str  # ten digits, or ""

    @classmethod
    def of(cls, proposal: Proposal) -> Client:
        fields = proposal.fields
        number = _digits(fields.get("B.ondernemingsnummer", ""))
        return cls(
            organisation=fields.get("B.organisatie", "").strip(),
            contact=fields.get("B.contact.naam", "").strip(),
            email=fields.get("B.contact.email", "").strip().casefold(),
            enterprise_number=number if len(number) == 10 else "",
        )

    def same_as(self, other: Client) -> bool:
        if self.enterprise_number and self.enterprise_number == other.enterprise_number:
            return True
        return bool(slug(self.organisation)) and slug(self.organisation) == slug(other.organisation)

    def plain_names(self) -> list[tuple[str, str]]:
        """(what, name compared without case or accents): the organisation's full name, the contact in both orders."""
        names = []
        if len(_plain(self.organisation).split()) >= 2:  # one word may be an ordinary one: see cased_names
            names.append(("de organisatie", _plain(self.organisation)))
        contact = self.contact.replace(",", " ").split()
        if len(contact) >= 2:
            names.append(("de contactpersoon", _plain(" ".join(contact))))
            names.append(("de contactpersoon", _plain(" ".join(contact[1:] + contact[:1]))))
        return names

    def cased_names(self) -> list[tuple[str, str]]:
        """The organisation without its legal form, compared with its capitals ("De Sleutel", not "de sleutel")."""
        kept = [w for w in re.findall(r"[^\W_]+", self.organisation) if w.casefold() not in _LEGAL_FORMS]
        short = _spaced(" ".join(kept))
        return [("de organisatie", short)] if len(short.strip()) >= 4 else []


@dataclass(frozen=True)
class _Paragraph:
    owner: int  # index into OtherProposals._others
    question_id: str
    number: int  # the paragraph's place in its answer, from 1


@dataclass
class _Other:
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

    `refresh()` looks at the files again (a scan of the folder: about a millisecond for 200 files) and
    rebuilds the index only when one was added, removed, or changed in modification time or size.
    Thread-safe: the app refreshes in a worker while the review reads the last index.
    """

    def __init__(self, folder: Path | None = None, exclude: Path | None = None):
        self.folder = Path(folder) if folder is not None else locations.proposals_dir()
        self.exclude = _resolved(exclude) if exclude is not None else None
        self._stats: dict[Path, tuple[int, int]] = {}
        self._loaded: dict[Path, Proposal | None] = {}  # None: unreadable, skipped
        self._lock = threading.Lock()  # guards the index while it is swapped
        self._refreshing = threading.Lock()  # one refresh at a time
        self._others: list[_Other] = []
        self._paragraphs: list[_Paragraph] = []
        self._index = ParagraphIndex([])
        self.builds = 0  # how often the index was built (tests check that unchanged files cost nothing)
        self.refresh()

    def _scan(self) -> dict[Path, tuple[int, int]]:
        stats = {}
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return stats
        for entry in entries:
            if not entry.name.endswith(".json") or entry.name.startswith("."):
                continue
            try:
                info = entry.stat()
            except OSError:
                continue
            path = _resolved(Path(entry.path))
            if path != self.exclude:
                stats[path] = (info.st_mtime_ns, info.st_size)
        if len(stats) > MAX_FILES:
            stats = dict(sorted(stats.items(), key=lambda item: item[1][0], reverse=True)[:MAX_FILES])
        return stats

    def refresh(self) -> bool:
        """Look at the files again; whether the index was rebuilt."""
        with self._refreshing:
            return self._refresh()

    def _refresh(self) -> bool:
        stats = self._scan()
        if stats == self._stats:
            return False
        loaded = {}
        for path, stat in stats.items():
            if self._stats.get(path) == stat and path in self._loaded:
                loaded[path] = self._loaded[path]
                continue
            try:
                loaded[path] = read_proposal(path)
            except AssistantError:
                loaded[path] = None  # corrupt, foreign or too large: not a client to compare with
        others, paragraphs, sets = [], [], []
        for path in sorted(loaded):
            proposal = loaded[path]
            if proposal is None:
                continue
            owner = len(others)
            others.append(_Other(path, proposal.name, proposal.call_id, Client.of(proposal)))
            for question_id, answer in sorted(proposal.answers.items()):
                for number, _, shingles in paragraph_shingles(answer.text):
                    paragraphs.append(_Paragraph(owner, question_id, number))
                    sets.append(shingles)
        index = ParagraphIndex(sets)
        with self._lock:
            self._stats, self._loaded = stats, loaded
            self._others, self._paragraphs, self._index = others, paragraphs, index
            self.builds += 1
        return True

    def __len__(self) -> int:
        return len(self._others)

    def answer_findings(
        self, proposal: Proposal, call: Call, question_id: str, path: Path | None = None
    ) -> list[Finding]:
        """Findings on one answer: paragraphs alike to another client's, and other clients' names in it.
        `path` is the proposal's own file when it is in the index (`check --all`): left out."""
        with self._lock:
            others, paragraphs, index = self._others, self._paragraphs, self._index
        client = Client.of(proposal)
        own = _resolved(path) if path is not None else None
        strangers = {n for n, other in enumerate(others) if other.path != own and not other.client.same_as(client)}
        text = proposal.answer_text(question_id)
        if not text.strip() or not strangers:
            return []
        findings = []
        for _, block, shingles in paragraph_shingles(text):
            matches = [(paragraphs[n], similarity) for n, similarity in index.alike(shingles)]
            matches = [(p, s) for p, s in matches if p.owner in strangers]
            if matches:
                # The most alike, one of the same call first: that is the one that blocks.
                paragraph, similarity = min(matches, key=lambda m: (others[m[0].owner].call_id != call.id, -m[1]))
                findings.append(_overlap_finding(block, others[paragraph.owner], paragraph, similarity, call))
        findings += _name_findings(text, [others[n] for n in sorted(strangers)])
        return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])

    def findings(self, proposal: Proposal, call: Call, path: Path | None = None) -> dict[str, list[Finding]]:
        """Findings per question id, for every answer (the `check` command)."""
        found = {q.id: self.answer_findings(proposal, call, q.id, path) for q in call.questions}
        return {question_id: items for question_id, items in found.items() if items}


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _overlap_finding(block: str, other: _Other, paragraph: _Paragraph, similarity: float, call: Call) -> Finding:
    same_call = other.call_id == call.id
    severity = "blokkerend" if same_call else "belangrijk" if similarity >= NEAR_COPY else "tip"
    number = next((q.number for q in call.questions if q.id == paragraph.question_id), paragraph.question_id)
    why = (
        "dezelfde jury leest beide kandidaturen voor dit werkingsgebied"
        if same_call
        else "ook voor een andere oproep valt hergebruikte tekst op"
    )
    return Finding(
        severity=severity,
        criterion=OVERLAP,
        quote=shorten(block),
        message=(
            f"Deze alinea staat (bijna) letterlijk ({similarity:.0%} gelijk) in het voorstel van een andere klant: "
            f"{other.label}, vraag {number}, alinea {paragraph.number}. Herschrijf ze voor deze klant: {why}."
        ),
    )


def _name_findings(text: str, others: list[_Other]) -> list[Finding]:
    plain, spaced = _plain(text), _spaced(text)
    emails = {match.casefold() for match in _EMAIL.findall(text)}
    numbers = {"".join(groups) for groups in _ENTERPRISE.findall(text)}
    findings = []
    for other in others:
        client = other.client
        shown = {"de organisatie": client.organisation, "de contactpersoon": client.contact}
        found = [(what, shown[what]) for what, name in client.plain_names() if name in plain]
        found += [(what, shown[what]) for what, name in client.cased_names() if name in spaced]
        if client.email and client.email in emails:
            found.append(("het e-mailadres", client.email))
        if client.enterprise_number and client.enterprise_number in numbers:
            number = client.enterprise_number
            found.append(("het ondernemingsnummer", f"{number[:4]}.{number[4:7]}.{number[7:]}"))
        seen = set()
        for what, name in found:
            if what in seen:
                continue  # the organisation once, even when its full and short name are both there
            seen.add(what)
            findings.append(
                Finding(
                    severity="blokkerend",
                    criterion=NAME,
                    quote=name,
                    message=(
                        f"Dit antwoord noemt {what} van een andere klant ({other.label}). "
                        "Haal die gegevens weg: een kandidatuur met de naam van een ander kost beide klanten punten."
                    ),
                )
            )
    return findings
