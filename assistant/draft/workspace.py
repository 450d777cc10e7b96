"""Opening what the user points at: a proposal file or a Markdown file, with the call it answers."""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import locations
from assistant.call import Call, load_call
from assistant.call.loader import DEFAULT_CALL_ID, bundled_call
from assistant.draft.limits import read_markdown_file, require_file
from assistant.draft.markdown import MARKDOWN_SUFFIXES, from_markdown, markdown_call_id
from assistant.draft.models import Proposal
from assistant.draft.store import read_proposal
from assistant.draft.text import strip_invisible
from assistant.errors import AssistantError, ProposalFileError, UsageError
from assistant.i18n import _

if TYPE_CHECKING:
    from assistant.draft.word_changes import WordChanges

IMPORT_SUFFIXES = MARKDOWN_SUFFIXES | {".docx"}  # what `import` and the start screen read into a proposal
MAX_RECENT = 30


@dataclass
class Loaded:
    proposal: Proposal
    call: Call
    path: Path
    is_markdown: bool
    unmapped: list[str] = field(default_factory=list)
    misplaced: list[str] = field(default_factory=list)  # taken over under a question the reader moved it to
    notices: list[str] = field(default_factory=list)  # things to tell the user about how the file was read
    word: WordChanges | None = None  # a Word file's tracked changes, when it has any


def new_proposal(name: str, call: Call) -> Proposal:
    proposal = Proposal(
        name=name,
        call_id=call.id,
        call_sha256=call.sha256,
        call_path=None if _is_bundled(call) else str(Path(call.source_path).resolve()),
    )
    fixed = [f for f in call.fields if f.kind == "fixed" and f.value]
    for fld in fixed:
        proposal.fields[fld.id] = fld.value or ""
    return proposal


def _is_bundled(call: Call) -> bool:
    return Path(call.source_path).parent.name == "calls" and Path(call.source_path).parent.parent.name == "call"


def call_for(proposal: Proposal, override: str | None = None) -> Call:
    """The call a proposal answers: the override, else the file it was made with, else the bundled id."""
    if override:
        return load_call(override)
    if proposal.call_path and Path(proposal.call_path).exists():
        return load_call(proposal.call_path)
    return load_call(proposal.call_id)


@lru_cache(maxsize=32)
def call_by_reference(call_id: str, call_path: str | None = None) -> Call | None:
    """The call a listed proposal answers (its file, else the bundled id), loaded once per call: it says
    which field holds the applicant's name and how many questions there are. None when it is nowhere."""
    try:
        return load_call(call_path) if call_path and Path(call_path).exists() else load_call(call_id)
    except AssistantError:
        return None


def known_call(proposal: Proposal) -> Call | None:
    return call_by_reference(proposal.call_id, proposal.call_path)


def call_of_document(path: Path) -> Call:
    """The call a Word document was exported for (see call_named)."""
    from assistant.draft.docx_import import docx_call_id  # noqa: PLC0415 - python-docx loads only when needed

    return call_named(docx_call_id(path))


def call_named(call_id: str) -> Call:
    """The call an exported document names: bundled, or the call file a known proposal was made with;
    the default call for a document that names none or one that is nowhere to be found."""
    if not call_id:
        return load_call(DEFAULT_CALL_ID)
    if (bundled := bundled_call(call_id)) is not None:
        return bundled
    for raw in _known_paths():
        try:
            proposal = read_proposal(Path(raw))
        except AssistantError:
            continue
        if proposal.call_id == call_id and (call := known_call(proposal)) is not None:
            return call
    return load_call(DEFAULT_CALL_ID)


def load_any(path: str | Path, call_ref: str | None = None, accept_changes: bool = True) -> Loaded:
    """Read a proposal file, or a Markdown or Word file in the form's shape (a proposal in memory).

    A Word file's tracked changes are read as accepted (and `notices` says so), or with `accept_changes`
    False as rejected, the text before them; `word` then holds them to decide on one by one."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        # python-docx loads only when needed
        from assistant.draft.word_changes import add_notes, read_changes  # noqa: PLC0415

        require_file(path, ProposalFileError)
        call = load_call(call_ref) if call_ref else call_of_document(path)
        word = read_changes(path, call)
        imported = word.read(word.all_numbers() if accept_changes else ())
        proposal = new_proposal(path.stem, call)
        imported.apply(proposal)
        add_notes(proposal, word.client_comments, path.name)
        notices = []
        if word.changes and accept_changes:  # never taken as final without saying so
            notices.append(
                _(
                    "{name} bevat {count} bijgehouden wijziging(en) van {authors} die nog niet aanvaard zijn; hier "
                    "gelezen alsof ze aanvaard zijn. Beoordeel ze met 'wse-assistant import {path} --wijzigingen'."
                ).format(name=path.name, count=len(word.changes), authors=', '.join(word.authors), path=path)
            )
        return Loaded(
            proposal, call, path, True, imported.unmapped, imported.misplaced, notices, word if word.changes else None
        )
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        text = read_markdown_file(path, ProposalFileError)
        call = load_call(call_ref) if call_ref else call_named(markdown_call_id(text))
        markdown = from_markdown(text, call)
        proposal = new_proposal(path.stem, call)
        markdown.apply(proposal)
        return Loaded(proposal, call, path, True, markdown.unmapped, markdown.misplaced)
    proposal = read_proposal(path)
    call = call_for(proposal, call_ref)
    return Loaded(proposal, call, path, False, notices=unknown_to_call(proposal, call, path))


def unknown_to_call(proposal: Proposal, call: Call, path: Path) -> list[str]:
    """Answers and fields the file holds that its call does not ask for (a hand edit, another call's
    version): kept in the file, but in no export or check, so the user is told."""
    questions = {q.id for q in call.questions}
    fields = {f.id for f in call.fields}
    answers = sorted(qid for qid in proposal.answers if qid not in questions)
    values = sorted(fid for fid in proposal.fields if fid not in fields)
    if not answers and not values:
        return []
    return [_(
        "{path} bevat onderdelen die de oproep niet kent ({names}): ze blijven in het bestand, maar staan in "
        "geen export of controle."
    ).format(path=path.name, names=", ".join(answers + values)[:300])]


# A file name holds 255 bytes; the store adds ".json", a lock or backup suffix, a temporary name and "-2".
MAX_SLUG_BYTES = 100
_APOSTROPHES = "'’ʼ`´"


def slug(name: str) -> str:
    """The file name stem for a proposal name: letters and digits of any script, lower case, joined by "-".

    Latin letters lose their accents ("Ünïcödé – vzw" -> "unicode-vzw"); other scripts are kept as they
    are ("日本語"); a long name is cut at a word. Empty when the name has no letter or digit.
    """
    characters = []
    for char in unicodedata.normalize("NFC", strip_invisible(name)[0]):
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if plain.isascii() and plain.isalnum():
            characters.append(plain)  # é -> e, ﬁ -> fi, ² -> 2
        elif char.isalnum() or unicodedata.category(char).startswith("M"):
            characters.append(char)  # any other script, with its own marks
        elif char not in _APOSTROPHES:  # "Sint-Jan's" -> "sint-jans"
            characters.append(" ")
    words = "".join(characters).lower().split()
    value = "-".join(words)
    if len(value.encode()) <= MAX_SLUG_BYTES:
        return value
    cut = value.encode()[:MAX_SLUG_BYTES].decode(errors="ignore")
    if value[len(cut)] != "-" and "-" in cut[len(cut) // 2 :]:
        cut = cut.rsplit("-", 1)[0]  # end at a word when one ends in the second half
    return cut.rstrip("-")


def default_proposal_path(name: str) -> Path:
    stem = slug(name)
    if not stem:
        raise UsageError(
            _(
                "'{value}' kan geen bestandsnaam worden: geef het voorstel een naam met minstens één "
                "letter of cijfer, bv. de naam van uw organisatie."
            ).format(value=name.strip())
            if name.strip()
            else _("Geef het voorstel een naam, bv. de naam van uw organisatie.")
        )
    return locations.proposals_dir() / f"{stem}.json"


def free_path(path: Path) -> Path:
    """`path`, or `name-2.json`, `name-3.json`, … when it is taken."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


def new_proposal_path(name: str) -> Path:
    """Where a new proposal goes unless the user names a file: the data folder, under a free name."""
    return free_path(default_proposal_path(name))


@dataclass(frozen=True)
class Summary:
    path: Path
    name: str
    organisation: str
    updated_at: datetime
    answered: int
    questions: int

    @property
    def where(self) -> str:
        """The file name in the data folder, the path (with ~) for a proposal kept elsewhere."""
        if self.path.parent == locations.proposals_dir().resolve():
            return self.path.name
        home = Path.home()
        return f"~/{self.path.relative_to(home)}" if self.path.is_relative_to(home) else str(self.path)

    @property
    def changed(self) -> str:
        return self.updated_at.astimezone().strftime("%d/%m/%Y %H:%M")


ARCHIVE = "archief"
TRASH = "prullenbak"
PLACES = (ARCHIVE, TRASH)


def place_of(path: Path) -> str | None:
    """'archief' or 'prullenbak' for a proposal kept there, None for one in use."""
    return path.parent.name if path.parent.name in PLACES else None


def _recent_file() -> Path:
    return locations.data_dir() / "recent.json"


def remember(path: Path) -> None:
    """Keep a proposal made or opened outside the data folder in the recent list (most recent first)."""
    if path.resolve().parent == locations.proposals_dir().resolve():
        return  # listed anyway
    entries = [str(path.resolve())] + [p for p in _recent_paths() if p != str(path.resolve())]
    try:
        _recent_file().parent.mkdir(parents=True, exist_ok=True)
        # Clients' file names: for this user only.
        with os.fdopen(os.open(_recent_file(), os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600), "w", encoding="utf-8") as out:
            os.fchmod(out.fileno(), 0o600)  # a list written by an earlier version was readable by all
            out.write(json.dumps(entries[:MAX_RECENT], indent=1))
    except OSError:
        pass  # the list is a convenience; opening must not fail on it


def _recent_paths() -> list[str]:
    try:
        data = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [p for p in data if isinstance(p, str)] if isinstance(data, list) else []


def recent_elsewhere(place: str | None = None) -> list[Path]:
    """Proposals opened outside the data folder that still exist, most recent first: those in use, or
    those in their own folder's archive or trash (`place`)."""
    folder = locations.proposals_dir().resolve()
    paths = [Path(p) for p in _recent_paths()]
    return [p for p in paths if p.parent != folder and place_of(p) == place and p.is_file()]


def _known_paths() -> set[str]:
    return {str(p.resolve()) for p in locations.proposals_dir().glob("*.json")} | set(_recent_paths())


def recent_proposals() -> list[Summary]:
    """Proposals in the data folder and those opened elsewhere, last changed first; unreadable ones left out."""
    summaries = []
    for raw in _known_paths():
        path = Path(raw)
        try:
            proposal = read_proposal(path)
        except AssistantError:
            continue
        answered = sum(1 for a in proposal.answers.values() if a.text.strip())
        call = known_call(proposal)
        organisation = call.applicant_name(proposal.fields) if call else ""
        questions = len(call.questions) if call else len(proposal.answers)
        summaries.append(Summary(path, proposal.name, organisation, proposal.updated_at, answered, questions))
    return sorted(summaries, key=lambda s: s.updated_at, reverse=True)


def namesakes(name: str, organisation: str = "") -> list[Summary]:
    """Known proposals with the same name or organisation (compared as file names are: case and accents aside)."""
    wanted = {slug(name), slug(organisation)} - {""}
    return [
        summary
        for summary in recent_proposals()
        if wanted & {slug(summary.name), slug(summary.organisation)}
    ]


def namesake_warning(found: list[Summary], path: Path) -> str | None:
    """Dutch: which proposals share the new one's name, and how to tell them apart."""
    if not found:
        return None
    others = "; ".join(_(
        "'{name}' in {where}, laatst gewijzigd {changed}"
    ).format(name=s.name, where=s.where, changed=s.changed) for s in found[:3])
    return _(
        "Let op: er is al een voorstel met deze naam of organisatie ({others}). Dit nieuwe staat "
        "in {name}."
    ).format(others=others, name=path.name)
