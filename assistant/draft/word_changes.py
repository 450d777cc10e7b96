"""A Word file's tracked changes and comments, read per question, to accept or reject before they count.

A client edits the exported .docx with change tracking on and leaves comments. Nothing of that is taken as
final silently: every insertion and deletion is listed with its author and its place in the text, and the
answers are read again with exactly the changes the consultant accepted. The client's comments become
notes under their question; the comments this tool wrote itself (`export --opmerkingen`) are recognised
by their author and left out.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Literal

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from assistant.call.models import Call
from assistant.draft.docx_import import (
    FIELDS_ITEM,
    INSERT_TAGS,
    DocxImport,
    is_paragraph_mark,
    open_docx,
    read_document,
    tracked_changes,
)
from assistant.draft.models import ClientNote, Proposal
from assistant.i18n import N_, _

TOOL_AUTHOR = "wse-assistant"  # the author of the comments `export --opmerkingen` writes
CONTEXT_CHARS = 40  # characters of the paragraph shown on each side of a change
UNKNOWN_AUTHOR = "onbekende auteur"

_TEXT_TAGS = (qn("w:t"), qn("w:delText"), qn("w:tab"), qn("w:br"))
ChangeKind = Literal["ins", "del"]
KIND_LABELS: dict[str, str] = {"ins": N_("ingevoegd"), "del": N_("verwijderd")}


@dataclass(frozen=True)
class Change:
    number: int  # 1, 2, … in reading order
    kind: ChangeKind
    author: str
    text: str
    item: str  # a question id, or FIELDS_ITEM
    context: str  # the paragraph around it, with [-deleted-] and {+inserted+} marked
    paragraph_mark: bool = False  # the change splits or joins paragraphs

    def describe(self) -> str:
        if self.paragraph_mark:
            shown = (
                _("een alinea-einde (de alinea wordt gesplitst)")
                if self.kind == "ins"
                else _("een alinea-einde (de alinea wordt samengevoegd met de volgende)")
            )
        else:
            shown = f"«{self.text}»" if self.text.strip() else _("(geen tekst: een regeleinde of opmaak)")
        return _("[{number}] {kind} door {author}: {shown}").format(
            number=self.number, kind=_(KIND_LABELS[self.kind]), author=self.author, shown=shown
        )


@dataclass(frozen=True)
class WordComment:
    author: str
    text: str
    item: str
    quote: str = ""  # the text the comment is anchored on
    at: datetime | None = None

    @property
    def own(self) -> bool:
        return self.author == TOOL_AUTHOR


@dataclass
class WordChanges:
    """What a Word file holds beyond its text, and its answers for any choice of accepted changes."""

    document: WordDocument
    call: Call
    changes: list[Change] = field(default_factory=list)
    comments: list[WordComment] = field(default_factory=list)

    @property
    def authors(self) -> list[str]:
        return sorted({change.author for change in self.changes})

    @property
    def client_comments(self) -> list[WordComment]:
        return [comment for comment in self.comments if not comment.own]

    @property
    def own_comments(self) -> list[WordComment]:
        return [comment for comment in self.comments if comment.own]

    def by_item(self) -> dict[str, list[Change]]:
        """The changes per question in the form's order, then those in the sections of fields."""
        order = [q.id for q in self.call.questions] + [FIELDS_ITEM]
        grouped: dict[str, list[Change]] = {item: [] for item in order}
        for change in self.changes:
            grouped.setdefault(change.item, []).append(change)
        return {item: changes for item, changes in grouped.items() if changes}

    def item_label(self, item: str) -> str:
        if item == FIELDS_ITEM:
            return _("Secties {sections} (gegevens)").format(sections=self.call.field_sections)
        question = self.call.question(item)
        return f"{question.number}. {_shorten(question.text, 60)}"

    def read(self, accepted: Collection[int]) -> DocxImport:
        """Fields and answers with exactly the changes numbered in `accepted` taken over."""
        chosen = frozenset(accepted)
        return read_document(self.document, self.call, lambda number: number in chosen)

    def all_numbers(self) -> set[int]:
        return {change.number for change in self.changes}

    def diff_lines(self) -> list[str]:
        """The changes per question as readable lines: who inserted or deleted what, and where."""
        lines = []
        for item, changes in self.by_item().items():
            lines.append(self.item_label(item))
            shown = ""
            for change in changes:
                lines.append(f"  {change.describe()}")
                if change.context != shown:  # a replacement (deletion and insertion) shows its place once
                    lines.append(f"      {change.context}")
                    shown = change.context
            lines.append("")
        return lines


def read_changes(source: str | Path | IO[bytes], call: Call) -> WordChanges:
    """Open a Word file and list its tracked changes and comments, each under its question."""
    document = open_docx(source)
    # Where a change sits is read from the text before any change: the exported structure is intact there.
    placed = read_document(document, call, lambda _number: False)
    elements = list(tracked_changes(document))
    contexts = _contexts(elements)
    changes = [
        _change(number, element, placed.change_items.get(number, FIELDS_ITEM), contexts[element])
        for number, element in enumerate(elements, start=1)
    ]
    comments = _comments(document, placed.comment_items)
    return WordChanges(document, call, changes, comments)


def _change(number: int, element: etree._Element, item: str, context: str) -> Change:
    kind: ChangeKind = "ins" if element.tag in INSERT_TAGS else "del"
    return Change(
        number=number,
        kind=kind,
        author=element.get(qn("w:author")) or UNKNOWN_AUTHOR,
        text=_element_text(element),
        item=item,
        context=context,
        paragraph_mark=is_paragraph_mark(element),
    )


def _element_text(element: etree._Element) -> str:
    parts = []
    for node in element.iter(*_TEXT_TAGS):
        parts.append((node.text or "") if node.tag in (qn("w:t"), qn("w:delText")) else " ")
    return "".join(parts)


def _contexts(elements: list[etree._Element]) -> dict[etree._Element, str]:
    """Each change's paragraph around it, deletions as [-…-] and insertions as {+…+}, cut to the change's
    neighbourhood. One pass per paragraph, however many changes it holds."""
    members: dict[etree._Element, list[etree._Element]] = {}
    result: dict[etree._Element, str] = {}
    for element in elements:
        paragraph = next(element.iterancestors(qn("w:p")), None)
        if paragraph is None:
            result[element] = ""
        else:
            members.setdefault(paragraph, []).append(element)
    for paragraph, changes in members.items():
        inside = set(changes)
        pieces: list[str] = []  # the paragraph's text, node by node, marked
        spans: dict[etree._Element, list[int]] = {}  # change -> [first, last + 1] of the nodes inside it
        for node in paragraph.iter(*_TEXT_TAGS):
            for ancestor in node.iterancestors():
                if ancestor in inside:
                    spans.setdefault(ancestor, [len(pieces), 0])[1] = len(pieces) + 1
                elif ancestor is paragraph:
                    break
            pieces.append(_marked(node))
        for change in changes:
            mark = is_paragraph_mark(change)
            first, last = (len(pieces), len(pieces)) if mark else spans.get(change, (0, 0))
            own = "¶" if mark else _element_text(change)
            marked = f"{{+{own}+}}" if change.tag in INSERT_TAGS else f"[-{own}-]"
            result[change] = f"{_around(pieces, first, -1)}{marked}{_around(pieces, last, 1)}"
    return result


def _around(pieces: list[str], start: int, step: int) -> str:
    """Up to CONTEXT_CHARS of the pieces before (step -1, from start - 1) or after (step 1) a change."""
    taken: list[str] = []
    size, index = 0, start - 1 if step < 0 else start
    while 0 <= index < len(pieces) and size <= CONTEXT_CHARS:
        taken.append(pieces[index])
        size += len(pieces[index])
        index += step
    if step < 0:
        text = "".join(reversed(taken))
        return "…" + text[-CONTEXT_CHARS:].lstrip() if len(text) > CONTEXT_CHARS else text
    text = "".join(taken)
    return text[:CONTEXT_CHARS].rstrip() + "…" if len(text) > CONTEXT_CHARS else text


def _marked(node: etree._Element) -> str:
    """A text node of the paragraph, marked as the change it sits in (if any)."""
    text = (node.text or "") if node.tag in (qn("w:t"), qn("w:delText")) else " "
    for ancestor in node.iterancestors():
        if ancestor.tag in INSERT_TAGS:
            return f"{{+{text}+}}"
        if ancestor.tag in (qn("w:del"), qn("w:moveFrom")):
            return f"[-{text}-]"
        if ancestor.tag == qn("w:p"):
            break
    return text


def _comments(document: WordDocument, items: dict[str, str]) -> list[WordComment]:
    """The comments part's comments, each with its question (from its anchor) and the text it marks."""
    try:
        part = document.part._comments_part  # noqa: SLF001 - python-docx has no public "has comments" test
    except (KeyError, NotImplementedError):
        return []
    quotes = _anchored_text(document.element.body)
    result = []
    for comment in part.comments:
        key = str(comment.comment_id)
        result.append(
            WordComment(
                author=comment.author or UNKNOWN_AUTHOR,
                text="\n".join(p.text for p in comment.paragraphs).strip(),
                item=items.get(key, FIELDS_ITEM),
                quote=_shorten(" ".join(quotes.get(key, "").split()), 120),
                at=comment.timestamp,
            )
        )
    # In reading order (Word keeps them in the order written, LibreOffice in the document's).
    order = {comment_id: n for n, comment_id in enumerate(items)}
    keys = [str(comment.comment_id) for comment in part.comments]
    ranked = sorted(zip(keys, result, strict=True), key=lambda pair: order.get(pair[0], len(order)))
    return [comment for _, comment in ranked if comment.text]


def _anchored_text(body: etree._Element) -> dict[str, str]:
    """Comment id -> the text between its commentRangeStart and commentRangeEnd (deleted text left out)."""
    open_ids: set[str] = set()
    text: dict[str, list[str]] = {}
    for node in body.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:t"), qn("w:p")):
        if node.tag == qn("w:commentRangeStart"):
            open_ids.add(node.get(qn("w:id"), ""))
        elif node.tag == qn("w:commentRangeEnd"):
            open_ids.discard(node.get(qn("w:id"), ""))
        else:
            piece = " " if node.tag == qn("w:p") else node.text or ""
            for comment_id in open_ids:
                text.setdefault(comment_id, []).append(piece)
    return {comment_id: "".join(pieces) for comment_id, pieces in text.items()}


def add_notes(proposal: Proposal, comments: Iterable[WordComment], source: str) -> int:
    """The client's comments as notes under their question; one already there (same place, author and
    text) is not added again. Returns how many were added."""
    added = 0
    for comment in comments:
        if comment.own:
            continue
        note = ClientNote(
            item=comment.item, author=comment.author, text=comment.text, quote=comment.quote, source=source
        )
        if comment.at is not None:  # when the client wrote it, as Word recorded it
            note.at = comment.at
        if proposal.add_note(note):
            added += 1
    return added


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
