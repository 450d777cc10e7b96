"""Managing proposals on disk: rename, duplicate for a new client, archive, delete to the trash, restore,
and copy one answer from another proposal.

Nothing is ever lost: a file is moved by a hard link and an unlink, so it never lands on an existing name
(a taken name becomes `name-2.json`); a proposal open in another window (its writer's lock held) is not
moved or changed; the archive and the trash are plain folders beside the proposals (`archief/`,
`prullenbak/`), which the status, the start screen and the cross-client check do not look into.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant import locations
from assistant.call import Call
from assistant.draft.models import Answer, Copied, Proposal, Revision, now, text_hash
from assistant.draft.store import (
    ProposalFile,
    acquire_writer_lock,
    backup_path,
    is_read_only,
    read_proposal,
    release_lock,
    write_proposal,
)
from assistant.draft.workspace import (
    ARCHIVE,
    TRASH,
    call_for,
    default_proposal_path,
    free_path,
    new_proposal,
    place_of,
    recent_elsewhere,
    remember,
    slug,
)
from assistant.errors import ProposalFileError, ProposalReadOnlyError, UsageError, os_error_text
from assistant.i18n import _

SECTION_B = "B."  # the applicant's own details: cleared in a duplicate for a new client


def home_of(path: Path) -> Path:
    """The folder a proposal is in use in (for an archived or deleted one: the folder it came from)."""
    return path.parent.parent if place_of(path) else path.parent


def find(given: Path) -> Path:
    """The proposal the user names: a path, else a file name in the data folder, its archive or its trash,
    or in the archive or trash of a folder elsewhere that a proposal was moved to from the recent list."""
    if given.exists():
        return given
    if given.parent == Path():
        name = given.name if given.suffix == ".json" else f"{given.name}.json"
        folder = locations.proposals_dir()
        for candidate in (folder / name, folder / ARCHIVE / name, folder / TRASH / name):
            if candidate.exists():
                return candidate
        for candidate in (*recent_elsewhere(ARCHIVE), *recent_elsewhere(TRASH)):
            if candidate.name == name:
                return candidate
    raise UsageError(_(
        "Voorstel {given} bestaat niet (ook niet in het archief of de prullenbak)."
    ).format(given=given))


@contextmanager
def _held(path: Path) -> Iterator[None]:
    """The proposal's writer's lock for the duration of a move: refused while it is open elsewhere."""
    if not path.is_file():
        raise UsageError(_("{path} is geen voorstelbestand.").format(path=path))
    lock = acquire_writer_lock(path.resolve())
    try:
        yield
    finally:
        release_lock(lock)


def _link_move(source: Path, target: Path) -> bool:
    """Move without ever replacing a file: False when `target` is taken."""
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: the check and the rename are not one step there
        if target.exists() or target.is_symlink():
            return False
        os.rename(source, target)
        return True
    os.unlink(source)
    return True


def _move(source: Path, folder: Path, stem: str | None = None) -> Path:
    """Move a proposal (and its backup) into `folder`, under a free name; the new path. One kept outside
    the data folder stays in the recent list at its new place: the start screen and `restore` find it there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        wanted = folder / f"{stem or source.stem}.json"
        while not _link_move(source, target := free_path(wanted)):
            pass  # taken between the look and the move: the next free name
        backup = backup_path(source)
        if backup.exists():
            _link_move(backup, backup_path(target))  # when taken, it stays where it was: kept all the same
    except OSError as exc:
        raise ProposalFileError(_(
            "{source} verplaatsen naar {folder} mislukt: {exc}."
        ).format(source=source, folder=folder, exc=os_error_text(exc))) from None
    if home_of(target).resolve() != locations.proposals_dir().resolve():
        remember(target)
    return target


def _checked_name(name: str) -> str:
    default_proposal_path(name)  # a clear message for a name that cannot become a file name
    return name.strip()


def rename(path: Path, name: str) -> Path:
    """Give the proposal a new name, and its file the name that goes with it (a free one); the new path."""
    name = _checked_name(name)
    with ProposalFile(path) as opened:  # refused when open elsewhere or read-only
        opened.proposal.name = name
        opened.proposal.touch()
        # A link keeps its file name (and stays the path): moving the file it points to would leave it dangling.
        target = path if path.is_symlink() else opened.path
        if slug(name) != opened.path.stem and not path.is_symlink():
            lock = acquire_writer_lock(free_path(opened.path.with_name(f"{slug(name)}.json")))
            try:
                target = _move(opened.path, opened.path.parent, slug(name))
                write_proposal(target, opened.proposal)
            finally:
                release_lock(lock)
        else:
            opened.save()
    remember(target)
    return target


def duplicate(path: Path, name: str) -> Path:
    """A new proposal for another client from this one: section B empty, the answers kept and marked as
    copied (so the cross-client check says they still need adapting); the new path, beside the original."""
    name = _checked_name(name)
    source = read_proposal(path)
    copy = new_proposal(name, call_for(source))  # the call's fixed values, also those of section B
    for field_id, value in source.fields.items():
        if not field_id.startswith(SECTION_B):
            copy.fields[field_id] = value
    for question_id, answer in source.answers.items():
        if answer.text:
            copy.answers[question_id] = Answer(question_id=question_id, text=answer.text)
            _mark_copied(copy.answers[question_id], source, path)
    copy.attachments = [a.model_copy() for a in source.attachments]  # the call's addendum, not the client's
    copy.llm_privacy = source.llm_privacy
    target = free_path(path.parent / f"{slug(name)}.json")
    ProposalFile(target, create=copy).close()
    remember(target)
    return target


def _mark_copied(answer: Answer, source: Proposal, source_path: Path) -> None:
    answer.copied_from = Copied(proposal=source.name, file=source_path.name, at=now(), sha256=text_hash(answer.text))
    answer.revisions.append(Revision(text=answer.text, origin="imported", note=f"overgenomen uit '{source.name}'"))


def archive(path: Path) -> Path:
    """Out of the list, into `archief/` beside it; restore() brings it back."""
    if place_of(path) == ARCHIVE:
        raise UsageError(_("{name} staat al in het archief.").format(name=path.name))
    with _held(path):
        return _move(path, home_of(path) / ARCHIVE)


def delete(path: Path) -> Path:
    """Into `prullenbak/` beside it, never removed; restore() brings it back."""
    if place_of(path) == TRASH:
        raise UsageError(_("{name} staat al in de prullenbak.").format(name=path.name))
    if is_read_only(path):
        raise ProposalReadOnlyError(_(
            "{path} is alleen-lezen (bestandsrechten): het wordt niet verwijderd."
        ).format(path=path))
    with _held(path):
        return _move(path, home_of(path) / TRASH)


def restore(path: Path) -> Path:
    """An archived or deleted proposal back among the others (under a free name when its own is taken)."""
    if place_of(path) is None:
        raise UsageError(_(
            "{name} staat niet in het archief of de prullenbak; er is niets te herstellen."
        ).format(name=path.name))
    with _held(path):
        return _move(path, home_of(path))


def question_of(call: Call, wanted: str) -> str:
    """A question's id from its id or number ("D1a" or "1a")."""
    for question in call.questions:
        if wanted.casefold() in (question.id.casefold(), question.number.casefold()):
            return question.id
    numbers = ", ".join(q.number for q in call.questions)
    raise UsageError(_(
        "Vraag '{wanted}' bestaat niet in deze oproep; kies uit {numbers}."
    ).format(wanted=wanted, numbers=numbers))


def copy_answer(proposal: Proposal, question_id: str, source_path: Path, replace: bool = False) -> bool:
    """Put the answer to `question_id` of the proposal at `source_path` into `proposal`, recording where it
    came from. An answer with other text is replaced only with `replace` (it stays in the revisions).
    Whether anything changed."""
    if not source_path.is_file():
        raise UsageError(_("Voorstel {source_path} bestaat niet.").format(source_path=source_path))
    source = read_proposal(source_path)
    text = source.answer_text(question_id)
    if not text.strip():
        raise UsageError(_(
            "'{name}' heeft nog geen antwoord op deze vraag; er is niets over te nemen."
        ).format(name=source.name))
    current = proposal.answer_text(question_id)
    if current == text:
        return False
    if current.strip() and not replace:
        raise UsageError(
            _(
                "Deze vraag heeft al een antwoord; kies 'vervangen' om het te overschrijven (het huidige blijft "
                "bewaard in de geschiedenis)."
            )
        )
    proposal.set_answer(question_id, text, origin="imported", note=f"overgenomen uit '{source.name}'")
    answer = proposal.answers[question_id]
    answer.copied_from = Copied(proposal=source.name, file=source_path.name, sha256=text_hash(text))
    return True


def copy_answer_into(target: Path, question: str, source_path: Path, replace: bool = False) -> str:
    """copy_answer() on a proposal file (held while it changes); the question's id."""
    with ProposalFile(target) as opened:
        question_id = question_of(call_for(opened.proposal), question)
        if copy_answer(opened.proposal, question_id, source_path, replace):
            opened.save()
    return question_id
