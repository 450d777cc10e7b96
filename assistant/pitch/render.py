"""The pitch outline and the jury's questions as terminal text, Markdown or a Word file."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from pathlib import Path

from assistant.call.models import Call
from assistant.draft.store import write_file_atomic
from assistant.errors import ProposalFileError, UsageError
from assistant.i18n import _, decimal
from assistant.pitch.jury import MemberQuestions
from assistant.pitch.outline import TOLERANCE, Outline, OutlinePart


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _minutes(value: float) -> str:
    return decimal(f"{value:g}")


def summary(outline: Outline) -> str:
    """One line: how long, how many words, whether it fits."""
    verdict = _("past") if outline.fits else _("past niet")
    return _(
        "{minutes} minuten aan {rate} woorden per minuut: {words} woorden, {clock} "
        "(doel {target} woorden ± {tolerance}%: {verdict})"
    ).format(
        minutes=_minutes(outline.minutes),
        rate=outline.words_per_minute,
        words=outline.words,
        clock=clock(outline.seconds),
        target=outline.target_words,
        tolerance=round(TOLERANCE * 100),
        verdict=verdict,
    )


def shortfall(outline: Outline) -> str | None:
    """What to do when the proposal has too little to say for the minutes asked."""
    if outline.fits or outline.words >= outline.target_words:
        return None
    feasible = math.floor(2 * outline.words / outline.words_per_minute) / 2
    said = _("Het voorstel levert maar {words} bruikbare woorden ({clock})").format(
        words=outline.words, clock=clock(outline.seconds)
    )
    if feasible < 0.5:
        return said + _(": schrijf eerst de antwoorden uit.")
    return said + _(": werk de dunne antwoorden uit, of kies --minuten {minutes}.").format(minutes=_minutes(feasible))


def _part_heading(number: int, part: OutlinePart, call: Call) -> str:
    sources = ", ".join(call.question(q).number for q in part.questions)
    return f"{number}. {part.title} " + _("({clock}, {words} woorden; uit {sources})").format(
        clock=clock(part.seconds), words=part.words, sources=sources
    )


def _missing_line(part: OutlinePart) -> str | None:
    return _("Ontbreekt in het voorstel: {parts}.").format(parts=", ".join(part.missing)) if part.missing else None


def to_text(outline: Outline | None, jury: list[MemberQuestions], call: Call, name: str) -> str:
    lines: list[str] = []
    if outline is not None:
        lines += [_("Pitch voor '{name}' – {summary}").format(name=name, summary=summary(outline))]
        note = shortfall(outline)
        lines += [note] if note else []
        for number, part in enumerate(outline.parts, start=1):
            lines += ["", _part_heading(number, part, call)]
            lines += [f"   [{call.question(s.question).number}] {s.spoken}" for s in part.sentences]
            if not part.sentences:
                lines.append("   " + _("(niets bruikbaars in het voorstel)"))
            missing = _missing_line(part)
            lines += [f"   ! {missing}"] if missing else []
        lines.append("")
    lines.append(_("Vragen van de jury"))
    for member in jury:
        lines += ["", f"{member.name} ({member.focus})"]
        for question in member.questions:
            lines.append(f"  - {question.text}")
            if question.reason:
                lines.append("    " + _("waarom: {reason}").format(reason=question.reason))
    return "\n".join(lines)


def to_markdown(outline: Outline | None, jury: list[MemberQuestions], call: Call, name: str) -> str:
    lines: list[str] = []
    if outline is not None:
        lines += [f"# Pitch: {name}", "", summary(outline) + "."]
        note = shortfall(outline)
        lines += ["", f"> {note}"] if note else []
        for number, part in enumerate(outline.parts, start=1):
            lines += ["", f"## {_part_heading(number, part, call)}", ""]
            lines += [f"- {s.spoken} *[{call.question(s.question).number}]*" for s in part.sentences]
            missing = _missing_line(part)
            lines += ["", f"**{missing}**"] if missing else []
        lines.append("")
    lines += ["# " + _("Vragen van de jury")]
    for member in jury:
        lines += ["", f"## {member.name}", "", f"*{member.focus}*", ""]
        for question in member.questions:
            reason = " *(" + _("waarom: {reason}").format(reason=question.reason) + ")*" if question.reason else ""
            lines.append(f"1. {question.text}{reason}")
    return "\n".join(lines) + "\n"


def to_docx(outline: Outline | None, jury: list[MemberQuestions], call: Call, name: str) -> bytes:
    from docx import Document  # noqa: PLC0415 - python-docx loads only when a Word file is asked for

    document = Document()
    if outline is not None:
        document.add_heading(f"Pitch: {name}", level=0)
        document.add_paragraph(summary(outline) + ".")
        note = shortfall(outline)
        if note:
            document.add_paragraph().add_run(note).bold = True
        for number, part in enumerate(outline.parts, start=1):
            document.add_heading(_part_heading(number, part, call), level=1)
            for sentence in part.sentences:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(sentence.spoken + " ")
                paragraph.add_run(f"[{call.question(sentence.question).number}]").italic = True
            missing = _missing_line(part)
            if missing:
                document.add_paragraph().add_run(missing).bold = True
    document.add_heading(_("Vragen van de jury"), level=0 if outline is None else 1)
    for member in jury:
        document.add_heading(member.name, level=2)
        document.add_paragraph().add_run(member.focus).italic = True
        for question in member.questions:
            paragraph = document.add_paragraph(question.text, style="List Number")
            if question.reason:
                paragraph.add_run(" (" + _("waarom: {reason}").format(reason=question.reason) + ")").italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


Render = Callable[[Outline | None, list[MemberQuestions], Call, str], str | bytes]
FORMATS: dict[str, Render] = {".md": to_markdown, ".markdown": to_markdown, ".docx": to_docx}


def save(path: Path, outline: Outline | None, jury: list[MemberQuestions], call: Call, name: str) -> None:
    """Write the outline and the questions as Markdown or Word, chosen by the suffix; atomic."""
    render = FORMATS.get(path.suffix.lower())
    if render is None:
        raise UsageError(_("{path}: onbekend formaat '{value}'; gebruik .md of .docx.").format(path=path, value=path.suffix or _("(geen)")))
    content = render(outline, jury, call, name)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file_atomic(path, data)
    except OSError as exc:
        raise ProposalFileError(_("{path} kan niet geschreven worden: {value}.").format(path=path, value=exc.strerror or exc)) from None
