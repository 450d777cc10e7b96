"""Assemble the Word document that mirrors the form: title, A, B as a table, C, and D from a new page.

Typography comes from `typography.py` (the page estimate reads the same values). Text that XML cannot
hold is dropped and reported instead of crashing the export.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun

from assistant.call.models import Call, Footnote
from assistant.draft.models import Proposal
from assistant.draft.richtext import MAX_LEVEL, Run, parse_inline
from assistant.draft.store import write_file_atomic
from assistant.draft.word_changes import TOOL_AUTHOR
from assistant.errors import ProposalFileError, os_error_text
from assistant.i18n import _
from assistant.layout.structure import Item, Note, section_d_items
from assistant.layout.typography import (
    DEFAULT_TAB_PT,
    FOOTER_DISTANCE_PT,
    ParagraphStyle,
    Typography,
    typography,
)

HEADING_COLOR = RGBColor(0x1F, 0x38, 0x64)
# XML 1.0 cannot hold these; Word refuses a file that has them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")
ZIP_EPOCH = datetime(1980, 1, 1)  # the earliest time a zip entry can hold
# Per kind, the formats the levels cycle through (Carlito has no ◦ or ▪, so deeper bullets alternate • and –).
NUMBER_FORMATS = {
    "bullet": (("bullet", "•"), ("bullet", "–")),
    "number": (("decimal", "%1."), ("lowerLetter", "%1."), ("lowerRoman", "%1.")),
    "roman": (("lowerRoman", "%1."),),
    "letter": (("lowerLetter", "%1."),),
}


COMMENT_AUTHOR = TOOL_AUTHOR  # an import recognises these comments by it and does not take them as the client's
_LIST_MARKER = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")


@dataclass
class Export:
    data: bytes
    dropped: dict[str, int] = field(default_factory=dict)  # item id -> characters left out

    def notes(self) -> list[str]:
        return [
            _("{count} teken(s) die Word niet kan bewaren weggelaten uit {item}").format(count=count, item=item)
            for item, count in self.dropped.items()
        ]


class _Builder:
    def __init__(self, proposal: Proposal, call: Call, notes: Sequence[Note] = ()):
        self.proposal, self.call = proposal, call
        self.notes = list(notes)
        self._anchors: dict[int, list[DocxRun]] = {}  # note index -> the runs it is anchored on
        self._headings: dict[str, Paragraph] = {}
        self.typo: Typography = typography(call.page_rule)
        self.doc: Document = docx.Document()
        self.dropped: dict[str, int] = {}
        self._abstract_ids: dict[str, int] = {}
        self._bullet_num: int | None = None
        # The proposal's last change, not the clock: the same proposal always gives the same bytes.
        updated = proposal.updated_at
        updated = updated.astimezone(UTC) if updated.tzinfo else updated
        self.moment = max(updated.replace(tzinfo=None, microsecond=0), ZIP_EPOCH)

    # ------------------------------------------------------------ text hygiene
    def clean(self, text: str, item: str) -> str:
        cleaned, count = _NOT_XML.subn("", text)
        if count:
            self.dropped[item] = self.dropped.get(item, 0) + count
        return cleaned

    # ------------------------------------------------------------ styles and page
    def setup(self) -> None:
        typo = self.typo
        styles_root = self.doc.styles.element
        defaults = styles_root.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(rpr, typo.font)
        lang = rpr.find(qn("w:lang"))
        lang.set(qn("w:val"), "nl-BE")
        ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        spacing = ppr.find(qn("w:spacing"))
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), str(round(240 * typo.line_spacing)))
        for style in (typo.body, typo.title, typo.subtitle, typo.section, typo.theme, typo.question):
            self._paragraph_style(style)
        self._paragraph_style(typo.list_item)
        self._paragraph_style(typo.question_item, name="Vraagonderdeel")
        self._paragraph_style(typo.footnote, name="footnote text")
        self._paragraph_style(typo.table_cell, name="Tabeltekst")
        self.doc.styles["Normal"].paragraph_format.widow_control = True
        settings = self.doc.settings.element
        tab_stop = settings.find(qn("w:defaultTabStop"))
        if tab_stop is None:
            tab_stop = OxmlElement("w:defaultTabStop")
            settings.insert(0, tab_stop)
        tab_stop.set(qn("w:val"), str(round(DEFAULT_TAB_PT * 20)))
        footer_style = self.doc.styles["Footer"]
        footer_style.font.size = Pt(typo.footer_size_pt)

        section = self.doc.sections[0]
        section.page_width, section.page_height = Pt(typo.page_width_pt), Pt(typo.page_height_pt)
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, Pt(typo.margin_pt))
        section.footer_distance = section.header_distance = Pt(FOOTER_DISTANCE_PT)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_field(footer, "PAGE")

    def _paragraph_style(self, spec: ParagraphStyle, name: str | None = None) -> None:
        styles = self.doc.styles
        style = next((s for s in styles if s.style_id == spec.style_id), None)
        if style is None:
            style = styles.add_style(name or spec.style_id, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.element.set(qn("w:styleId"), spec.style_id)
        element = style.element
        ppr = element.get_or_add_pPr()
        for tag in ("w:pBdr", "w:contextualSpacing", "w:ind", "w:numPr"):
            for child in ppr.findall(qn(tag)):
                ppr.remove(child)
        rpr = element.get_or_add_rPr()
        for tag in ("w:color", "w:spacing"):
            for child in rpr.findall(qn(tag)):
                rpr.remove(child)
        _set_fonts(rpr, self.typo.font)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(spec.space_before_pt), Pt(spec.space_after_pt)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE if self.typo.line_spacing == 1 else WD_LINE_SPACING.MULTIPLE
        if self.typo.line_spacing != 1:
            fmt.line_spacing = self.typo.line_spacing
        fmt.keep_with_next = spec.keep_with_next
        fmt.keep_together = spec.keep_with_next
        font = style.font
        font.size, font.bold, font.italic = Pt(spec.size_pt), spec.bold, spec.italic
        if spec.style_id.startswith(("Heading", "Title")):
            font.color.rgb = HEADING_COLOR

    # ------------------------------------------------------------ lists
    def _abstract(self, kind: str) -> int:
        if kind in self._abstract_ids:
            return self._abstract_ids[kind]
        numbering = self.doc.part.numbering_part.element
        used = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        abstract_id = max(used, default=0) + 1
        indent = round(self.typo.list_item.indent_pt * 20)
        levels = []
        for level in range(MAX_LEVEL + 1):
            fmt, text = NUMBER_FORMATS[kind][level % len(NUMBER_FORMATS[kind])]
            text = text.replace("%1", f"%{level + 1}")
            levels.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                f'<w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="{indent * (level + 1)}"/></w:tabs>'
                f'<w:ind w:left="{indent * (level + 1)}" w:hanging="{indent}"/></w:pPr>'
                f'<w:rPr><w:rFonts w:ascii="{self.typo.font}" w:hAnsi="{self.typo.font}"/></w:rPr></w:lvl>'
            )
        element = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>'
        )
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
        self._abstract_ids[kind] = abstract_id
        return abstract_id

    def new_list(self, kind: str, level: int = 0) -> int:
        """A numbering instance; numbered lists each get their own, so every list starts at 1."""
        if kind == "bullet" and self._bullet_num is not None:
            return self._bullet_num
        numbering = self.doc.part.numbering_part.element
        num = numbering.add_num(self._abstract(kind))
        if kind != "bullet":
            override = parse_xml(
                f'<w:lvlOverride {nsdecls("w")} w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride>'
            )
            num.append(override)
        else:
            self._bullet_num = num.numId
        return num.numId

    # ------------------------------------------------------------ content
    def paragraph(
        self, spec: ParagraphStyle, runs: list[Run] | tuple[Run, ...] = (), item: str = "", question: str | None = None
    ) -> Paragraph:
        para = self.doc.add_paragraph()
        if spec.style_id != "Normal":
            para._p.style = spec.style_id  # by id: python-docx's lookup by style object scans every style
        ranges = self._quoted(question, "".join(run.text for run in runs)) if question else {}
        cuts = sorted({offset for span in ranges.values() for offset in span})
        position = 0
        for run in _split(runs, cuts):
            text = self.clean(run.text, item)
            start, position = position, position + len(run.text)
            if text:
                added = para.add_run(text)
                added.bold = True if run.bold else None
                added.italic = True if run.italic else None
                for index, (begin, end) in ranges.items():
                    if start < end and position > begin:
                        self._anchors.setdefault(index, []).append(added)
        return para

    def _quoted(self, question: str, text: str) -> dict[int, tuple[int, int]]:
        """Where in `text` the notes of `question` not yet anchored quote a sentence: note index -> span."""
        spans = {}
        for index, note in enumerate(self.notes):
            if note.question_id != question or index in self._anchors or not note.quote:
                continue
            quote = _LIST_MARKER.sub("", note.quote.replace("*", "")).strip()
            found = text.find(quote) if quote else -1
            if found >= 0:
                spans[index] = (found, found + len(quote))
        return spans

    def comments(self) -> None:
        for index, note in enumerate(self.notes):
            runs = self._anchors.get(index)
            if not runs and note.question_id in self._headings:
                runs = self._headings[note.question_id].runs
            if not runs:
                continue
            comment = self.doc.add_comment(runs, self.clean(note.text, note.question_id), COMMENT_AUTHOR, "WSE")
            comment._comment_elm.date = self.moment.replace(tzinfo=UTC)  # not the clock: same input, same bytes

    def items(self, items: list[Item]) -> None:
        num_ids: dict[int, int] = {}  # per level, the numbering of the list open there
        for item in items:
            if item.table:
                self.table(item)
                continue
            answer = item.owner if item.style not in (self.typo.question, self.typo.question_item) else None
            para = self.paragraph(item.style, item.runs, item.owner or "", answer)
            if item.owner and item.style == self.typo.question:
                self._headings[item.owner] = para
            para.paragraph_format.page_break_before = item.page_break_before or None
            if item.style.space_before_pt and item.style.style_id in ("Normal", self.typo.list_item.style_id):
                para.paragraph_format.space_before = Pt(item.style.space_before_pt)  # the distance below a table
            if item.list_kind:
                if item.list_start:
                    num_ids[item.level] = self.new_list(item.list_kind, item.level)
                _set_numbering(para, num_ids[item.level], item.level)

    def table(self, item: Item) -> None:
        """An answer's Markdown table: header row in bold, grid lines, rows kept whole on a page.

        The header is not repeated on a following page: the page estimate would have to count it twice.
        Written as XML in one go: python-docx's cell objects take seconds for a table of thousands of rows."""
        assert item.table is not None
        widths = [round(width * 20) for width in item.table.widths_pt]
        owner = item.owner or ""
        rows = []
        for cells in item.table.rows:
            row = []
            for runs, width in zip(cells, widths, strict=True):
                text = "".join(self._run_xml(run, owner) for run in runs)
                row.append(
                    f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>'
                    f'<w:p><w:pPr><w:pStyle w:val="{item.style.style_id}"/></w:pPr>{text}</w:p></w:tc>'
                )
            rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(row)}</w:tr>")
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
        table = parse_xml(
            f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
            f'<w:jc w:val="left"/><w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" '
            f'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
        )
        self.doc.element.body._insert_tbl(table)

    def _run_xml(self, run: Run, item: str) -> str:
        text = self.clean(run.text, item)
        if not text:
            return ""
        props = ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "")
        body = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(part)}</w:t>' for part in text.split("\t"))
        return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{body}</w:r>"

    def build(self) -> Export:
        self.setup()
        call, typo, proposal = self.call, self.typo, self.proposal
        self.paragraph(typo.title, [Run(call.title)])
        self.paragraph(typo.subtitle, [Run(call.subtitle)])
        for section in call.sections:
            if section.id == call.question_section:
                self.items(section_d_items(proposal, call, typo))
                continue
            self.paragraph(typo.section, [Run(section.title)])
            if section.intro:
                self.intro(section.intro, section.footnotes)
            if section.table:
                self.field_table(section.id)
                continue
            for fld in call.section_fields(section.id):
                value = proposal.fields.get(fld.id, fld.value or "")
                self.paragraph(
                    typo.body, [Run(f"{fld.label}: "), Run(self.clean(value, fld.id), bold=True)], fld.id
                )
        notes = [note for section in call.sections for note in section.footnotes]
        if notes:
            self.footnotes(notes)  # one part for the footnotes of every section
        self.comments()
        self.properties()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return Export(_stamped(buffer.getvalue(), _zip_time(self.moment)), self.dropped)

    def intro(self, intro: str, footnotes: list[Footnote]) -> None:
        numbers = {note.number for note in footnotes}
        for text in (p.strip() for p in intro.strip().split("\n\n")):
            para = self.paragraph(self.typo.body)
            for index, piece in enumerate(_FOOTNOTE_REF.split(text)):
                if index % 2 and int(piece) in numbers:
                    para._p.append(_footnote_reference(int(piece)))
                elif index % 2:
                    para.add_run(piece).font.superscript = True
                else:
                    for run in parse_inline(piece):
                        added = para.add_run(run.text)
                        added.italic = True if run.italic else None
                        added.bold = True if run.bold else None

    def footnotes(self, notes: list[Footnote]) -> None:
        """Real footnotes at the foot of the page, as Word, LibreOffice and pandoc show them."""
        part = Part(
            PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, b"", self.doc.part.package
        )  # blob set below, once the links' relationships exist
        bodies = []
        for note in notes:
            link = part.relate_to(note.url, RT.HYPERLINK, is_external=True)
            text = escape(self.clean(note.text, f"voetnoot {note.number}"))
            bodies.append(
                f'<w:footnote w:id="{note.number}"><w:p><w:pPr><w:pStyle w:val="{self.typo.footnote.style_id}"/>'
                f'</w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> </w:t></w:r><w:hyperlink r:id="{link}"><w:r><w:rPr>'
                f'<w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{text}</w:t>'
                f"</w:r></w:hyperlink></w:p></w:footnote>"
            )
        separators = "".join(
            f'<w:footnote w:type="{kind}" w:id="{number}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            f"<w:r><w:{kind}/></w:r></w:p></w:footnote>"
            for number, kind in ((-1, "separator"), (0, "continuationSeparator"))
        )
        part._blob = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:footnotes {nsdecls('w', 'r')}>{separators}{''.join(bodies)}</w:footnotes>"
        ).encode()
        self.doc.part.relate_to(part, RT.FOOTNOTES)
        settings = self.doc.settings.element
        properties = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        )
        settings.find(qn("w:compat")).addprevious(properties)  # the schema's place for it

    def field_table(self, section_id: str) -> None:
        fields = self.call.section_fields(section_id)
        table = self.doc.add_table(rows=0, cols=2)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        group: str | None = None
        for fld in fields:
            if fld.group and fld.group != group:
                cells = table.add_row().cells
                merged = cells[0].merge(cells[1])
                merged.paragraphs[0].add_run(fld.group).bold = True
            group = fld.group
            cells = table.add_row().cells
            label = cells[0].paragraphs[0]
            label.add_run(f"• {fld.label}" if fld.group else fld.label)
            cells[1].paragraphs[0].add_run(self.clean(self.proposal.fields.get(fld.id, ""), fld.id))
        table.autofit = False
        for column, share in zip(table.columns, (0.4, 0.6), strict=True):
            column.width = Pt(self.typo.text_width_pt * share)  # the grid LibreOffice lays out by
            for cell in column.cells:
                cell.width = column.width  # the cell widths Word lays out by

    def properties(self) -> None:
        organisation = self.clean(self.call.applicant_name(self.proposal.fields) or self.proposal.name, "naam")
        props = self.doc.core_properties
        props.title = f"{self.call.title} – {self.call.subtitle}"
        props.subject = "Europa WSE call for interest"
        props.identifier = self.call.id  # so that importing the document back finds its call
        props.author = props.last_modified_by = organisation
        props.comments = props.keywords = props.category = ""
        props.language = "nl-BE"
        props.revision = 1
        props.created = props.modified = self.moment
        package = self.doc.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                del package.rels[rel_id]
            elif rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = _app_properties(organisation)


def _set_fonts(rpr, font: str) -> None:
    """Name the font outright: theme fonts would resolve to Calibri Light or Cambria elsewhere."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), font)


def _set_numbering(paragraph: Paragraph, num_id: int, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


def _footnote_reference(number: int):
    return parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteReference w:id="{number}"/></w:r>'
    )


def _add_field(paragraph: Paragraph, instruction: str) -> None:
    parts: tuple[tuple[str | None, str], ...] = (
        ("begin", ""), (None, f" {instruction} "), ("separate", ""), (None, "1"), ("end", "")
    )
    for kind, text in parts:
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


def _add_hyperlink(paragraph: Paragraph, text: str, url: str) -> None:
    rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = paragraph.add_run(text)
    run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    run.font.underline = True
    link.append(run._r)
    paragraph._p.append(link)


def _app_properties(company: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        f"<Application>wse-assistant</Application><Company>{escape(company)}</Company></Properties>"
    ).encode()


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    """Year, month, day, hour, minute, second: the date_time a zip entry holds."""
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _stamped(data: bytes, moment: tuple[int, int, int, int, int, int]) -> bytes:
    """The package again, every entry stamped with `moment` (zipfile would use the clock), in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=moment)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return out.getvalue()


def _split(runs: Sequence[Run], cuts: list[int]) -> list[Run]:
    """The runs again, cut at the given character offsets of their joined text."""
    if not cuts:
        return list(runs)
    pieces, position = [], 0
    for run in runs:
        end = position + len(run.text)
        inside = [cut - position for cut in cuts if position < cut < end]
        for begin, stop in zip([0, *inside], [*inside, len(run.text)], strict=True):
            pieces.append(Run(run.text[begin:stop], run.bold, run.italic))
        position = end
    return pieces


def build_docx(proposal: Proposal, call: Call, notes: Sequence[Note] = ()) -> Export:
    """The document; `notes` become Word comments (review findings for the client, never for the jury)."""
    return _Builder(proposal, call, notes).build()


def write_docx(proposal: Proposal, call: Call, path: Path, notes: Sequence[Note] = ()) -> Export:
    export = build_docx(proposal, call, notes)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file_atomic(path, export.data)
    except OSError as exc:
        raise ProposalFileError(_("{path} kan niet geschreven worden: {error}.").format(path=path, error=os_error_text(exc))) from None
    return export
