"""Pydantic models of a call file. Unknown keys are errors, so a typo never passes silently."""

from __future__ import annotations

import re
import string
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field as PydanticField, model_validator

from assistant.i18n import _

CALL_SCHEMA_VERSION = 1

FieldKind = Literal["fixed", "text", "choice", "enterprise_number", "email", "phone", "confirmation"]
Level = Literal["sterk", "voldoende", "zwak", "ontbreekt"]
LEVELS: tuple[Level, ...] = ("sterk", "voldoende", "zwak", "ontbreekt")


def choice_key(text: str) -> str:
    """A choice as compared: case, accents, dots, spaces and punctuation aside ("Comm. V" -> "commv")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# One word of a cue ("samenwerk*", "*overleg", "uniek"); the review compiles cues from these
# (assistant.review.language.compile_cue). A cue with no word would fail at the first review: refused at load.
CUE_WORD = re.compile(r"\*?[^\W_]+\*?")


def _cues_with_words(cues: list[str]) -> list[str]:
    for cue in cues:
        if not CUE_WORD.search(cue):
            raise ValueError(_("cue '{cue}' bevat geen woord").format(cue=cue))
        # "*samenwerk*" would look for a word starting with "*samenwerk": it never matches.
        if any(len(word) > 1 and word.startswith("*") and word.endswith("*") for word in CUE_WORD.findall(cue)):
            raise ValueError(_("cue '{cue}': een * mag voor of achter een woord staan, niet aan beide kanten").format(cue=cue))
    return cues


Cues = Annotated[list[str], AfterValidator(_cues_with_words)]


class Footnote(Strict):
    number: int
    text: str
    url: str


class Section(Strict):
    id: str = PydanticField(pattern=r"^[A-Za-z]+$")  # "A", "III": a Markdown heading "# III. …" starts with it
    title: str
    intro: str = ""
    footnotes: list[Footnote] = []
    table: bool = False  # its fields drawn as a two-column table in the document (label, value)
    # The paragraphs of its intro that hold one of these words state the quality framework the LLM
    # review weighs every answer against ("klant": the client's perspective).
    framework_words: list[str] = []


class Field(Strict):
    id: str
    section: str  # a section id; not the counted section, which holds the questions
    label: str
    kind: FieldKind
    required: bool = True
    value: str | None = None  # for kind "fixed"
    choices: list[str] = []  # for kind "choice"; "andere" allows free text
    # For kind "choice": other ways to write a choice (full name, abbreviation, French, a former name), and
    # qualifiers that may follow one ("erkend als sociale onderneming") with theirs; matched by choice_key.
    choice_names: dict[str, list[str]] = {}
    qualifiers: dict[str, list[str]] = {}
    group: str | None = None  # e.g. "Contactpersoon voor de organisatie"
    aliases: list[str] = []  # other labels accepted on import
    other_label: str = ""  # for kind "choice" with "andere": the label of the free-text input
    statement: str = ""  # for kind "confirmation": what ticking it confirms, beside the tick box

    @model_validator(mode="after")
    def _kind_needs(self) -> Field:
        if self.kind == "fixed" and not self.value:
            raise ValueError(_("veld {id}: 'value' is verplicht bij kind 'fixed'").format(id=self.id))
        if self.kind == "choice" and not self.choices:
            raise ValueError(_("veld {id}: 'choices' is verplicht bij kind 'choice'").format(id=self.id))
        for choice in self.choice_names:
            if choice not in self.choices:
                raise ValueError(_("veld {id}: choice_names noemt '{choice}', dat niet in 'choices' staat").format(id=self.id, choice=choice))
        seen: dict[str, str] = {}
        for choice, names in self.choice_lookup_names():
            for name in names:
                other = seen.setdefault(choice_key(name), choice)
                if other != choice:
                    raise ValueError(_(
                        "veld {id}: '{name}' staat bij '{other}' en bij '{choice}'"
                    ).format(id=self.id, name=name, other=other, choice=choice))
        return self

    def choice_lookup_names(self) -> list[tuple[str, list[str]]]:
        """Every choice with all the ways to write it, itself first."""
        return [(choice, [choice, *self.choice_names.get(choice, [])]) for choice in self.choices]


class SubPart(Strict):
    id: str
    label: str
    description: str
    # Word stems and phrases whose presence suggests the sub-part is answered (offline review).
    cues: Cues = []


class QuestionItem(Strict):
    """A numbered sub-question printed under the question (D2d i–iv)."""

    number: str
    text: str


class Question(Strict):
    id: str
    number: str  # as on the form: "1a", "3.1"; Markdown and Word headings are matched on it
    theme: str  # "1. Unieke expertise": the number before the first dot is the theme's

    text: str
    items: list[QuestionItem] = []
    guidance: str
    subparts: list[SubPart]
    criteria: list[str] = []
    page_budget: float

    @property
    def subpart_ids(self) -> list[str]:
        return [part.id for part in self.subparts]


class LevelDescriptors(Strict):
    sterk: str
    voldoende: str
    zwak: str
    ontbreekt: str


class Criterion(Strict):
    id: str
    title: str
    source: str  # the call text the criterion comes from
    applies_to: list[str]  # question ids
    levels: LevelDescriptors
    # Cues (same syntax as a sub-part's) whose presence shows the criterion is addressed (offline review).
    cues: Cues = []


class PageRule(Strict):
    section: str  # the counted section: it holds the questions and comes last
    max_pages: int
    paper: Literal["A4", "Letter"] = "A4"
    margin_cm: float
    font: str
    font_size_pt: float
    line_spacing: float = 1.0
    space_after_pt: float = 6.0


class Region(Strict):
    name: str
    municipalities: list[str]
    local_actors: list[str] = []
    # Places near or around the werkingsgebied that are not part of it: named as where the work happens,
    # they tell the jury the applicant works elsewhere (offline review, rule "buiten werkingsgebied").
    elsewhere: list[str] = []
    note: str = ""
    # The criterion the local-anchoring rule checks (municipalities, local actors, places elsewhere) and the
    # one whose questions must build on the lokaal addendum's challenges; None: that rule does not run.
    anchoring_criterion: str | None = None
    addendum_criterion: str | None = None


class PitchMust(Strict):
    """Something a pitch part must say when the proposal has it (e.g. what we do not do)."""

    label: str
    cues: Cues


class PitchPart(Strict):
    """One part of the round-2 pitch: which answers feed it and which sentences it prefers."""

    id: str
    title: str
    questions: list[str]  # question ids, in the order the part tells them
    share: float = PydanticField(gt=0, le=1)  # of the pitch's time
    subparts: list[str] = []  # sub-part ids of those questions whose cues mark a fitting sentence
    criteria: list[str] = []  # criterion ids whose cues mark a fitting sentence
    cues: Cues = []  # more cues of its own
    concrete: float = 1.0  # weight of concrete markers (numbers, names, periods) in a sentence's score
    lead: bool = False  # open with the first usable sentence of its first question
    musts: list[PitchMust] = []


class JuryMember(Strict):
    id: str
    name: str  # "VDAB"
    focus: str  # what this member listens for


class JuryQuestion(Strict):
    """A template; with `weak_spot` it is asked only when the offline review finds that weak spot."""

    jury: str  # a JuryMember id
    text: str  # may hold {vraag}, {deelvraag}, {citaat}, {regio}, {gemeenten}, {grens}
    weak_spot: Literal[
        "ontbreekt", "deelvraag", "dun", "algemeen", "verankering", "hergebruik", "me_too", "probe"
    ] | None = None
    question: str | None = None  # only for this question id
    part: str | None = None  # only for this sub-part id, or the probe id with weak_spot "probe"


JURY_PLACEHOLDERS = frozenset({"vraag", "vragen", "deelvraag", "citaat", "regio", "gemeenten", "grens"})


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise ValueError(_("jury_questions: ongeldige accolades in '{text}…': {exc}").format(text=text[:40], exc=exc)) from None


class Probe(Strict):
    """A weak spot the review does not name by itself: the answer to `question` says nothing that `cues` find."""

    id: str
    question: str
    label: str  # "noemt geen grens"
    cues: Cues


class Pitch(Strict):
    words_per_minute: int = PydanticField(ge=60, le=250)
    default_minutes: float = PydanticField(gt=0, le=60)
    parts: list[PitchPart]
    jury: list[JuryMember] = []
    jury_questions: list[JuryQuestion] = []
    probes: list[Probe] = []
    questions_per_member: int = PydanticField(default=4, ge=1, le=20)


class MeToo(Strict):
    """The "me too" check: a unique expertise that is what every activation service already offers."""

    questions: list[str]
    claims: Cues  # cues of a sentence that claims the unique value ("meerwaarde", "onderscheidt")
    generic_offers: Cues  # cues of the offer everyone has ("trajectbegeleiding", "warme overdracht")
    distinguishing: Cues  # cues of what sets an offer apart ("als enige", "anders dan", "combineert")
    providers: str = "VDAB of een andere activeringsorganisatie"  # who already offers it, for the message
    suggestion: str = ""  # an example of a sentence that sets the offer apart, shown with the finding


class Call(Strict):
    schema_version: int
    id: str
    title: str
    subtitle: str
    language: Literal["nl", "en"] = "nl"
    sections: list[Section]
    fields: list[Field]
    questions: list[Question]
    criteria: list[Criterion]
    page_rule: PageRule
    region: Region
    # The field that holds the applicant's name: an answer that presents another organisation as the
    # applicant is a finding (offline review). None: not checked.
    applicant_field: str | None = None
    # The field with the contact person's name: redaction and the cross-client check look for it.
    contact_field: str | None = None
    pitch: Pitch | None = None  # round 2 (the pitch and the jury's questions); optional
    me_too: MeToo | None = None
    sha256: str = PydanticField(default="", description="hash of the call file, set by the loader")
    source_path: str = PydanticField(default="", description="where the loader read it from")

    @model_validator(mode="before")
    @classmethod
    def _counted_section_default(cls, data: object) -> object:
        """Without `page_rule.section` the last section is the counted one (as a file of before it was a key)."""
        if isinstance(data, dict) and isinstance(data.get("page_rule"), dict) and "section" not in data["page_rule"]:
            sections = data.get("sections")
            if isinstance(sections, list) and sections and isinstance(sections[-1], dict) and "id" in sections[-1]:
                data = {**data, "page_rule": {**data["page_rule"], "section": sections[-1]["id"]}}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Call:
        if self.schema_version != CALL_SCHEMA_VERSION:
            raise ValueError(
                _(
                    "schema_version {schema_version} wordt niet ondersteund (verwacht {CALL_SCHEMA_VERSION})"
                ).format(schema_version=self.schema_version, CALL_SCHEMA_VERSION=CALL_SCHEMA_VERSION)
            )
        seen: set[str] = set()
        for item_id in [f.id for f in self.fields] + [q.id for q in self.questions]:
            if item_id in seen:
                raise ValueError(_("id '{item_id}' komt twee keer voor").format(item_id=item_id))
            seen.add(item_id)
        criterion_ids = {c.id for c in self.criteria}
        for question in self.questions:
            for criterion_id in question.criteria:
                if criterion_id not in criterion_ids:
                    raise ValueError(_("vraag {id}: onbekend criterium '{criterion_id}'").format(id=question.id, criterion_id=criterion_id))
            part_ids = question.subpart_ids
            if len(part_ids) != len(set(part_ids)):
                raise ValueError(_("vraag {id}: dubbele deelvraag-id").format(id=question.id))
        if self.applicant_field is not None and self.applicant_field not in {f.id for f in self.fields}:
            raise ValueError(_("applicant_field: onbekend veld '{applicant_field}'").format(applicant_field=self.applicant_field))
        for key, value in (
            ("anchoring_criterion", self.region.anchoring_criterion),
            ("addendum_criterion", self.region.addendum_criterion),
        ):
            if value is not None and value not in criterion_ids:
                raise ValueError(_("region.{key}: onbekend criterium '{value}'").format(key=key, value=value))
        self._check_sections()
        question_ids = {q.id for q in self.questions}
        for criterion in self.criteria:
            for question_id in criterion.applies_to:
                if question_id not in question_ids:
                    raise ValueError(_("criterium {id}: onbekende vraag '{question_id}'").format(id=criterion.id, question_id=question_id))
        if self.pitch is not None:
            self._check_pitch(self.pitch, criterion_ids)
        if self.me_too is not None:
            for question_id in self.me_too.questions:
                if question_id not in question_ids:
                    raise ValueError(_("me_too: onbekende vraag '{question_id}'").format(question_id=question_id))
        return self

    def _check_sections(self) -> None:
        section_ids = [s.id for s in self.sections]
        if len(section_ids) != len(set(section_ids)):
            raise ValueError(_("dubbele sectie-id"))
        notes = [note.number for section in self.sections for note in section.footnotes]
        if len(notes) != len(set(notes)):
            raise ValueError(_(
                "voetnoot: een nummer komt twee keer voor (ze zijn genummerd over het hele formulier)"
            ))
        counted = self.page_rule.section
        if counted not in section_ids:
            raise ValueError(_("page_rule.section: onbekende sectie '{counted}'").format(counted=counted))
        if section_ids[-1] != counted:
            # The rendered proof counts from its heading to the end of the document.
            raise ValueError(_(
                "page_rule.section: sectie '{counted}' met de vragen moet de laatste sectie zijn"
            ).format(counted=counted))
        if self.section(counted).intro or self.section(counted).footnotes:
            raise ValueError(_(
                "sectie '{counted}': de sectie met de vragen heeft geen intro of voetnoten"
            ).format(counted=counted))
        place = 0  # the app's form and navigator list the fields in file order, under their section's title
        for fld in self.fields:
            if fld.section not in section_ids:
                raise ValueError(_("veld {id}: onbekende sectie '{section}'").format(id=fld.id, section=fld.section))
            if section_ids.index(fld.section) < place:
                raise ValueError(_(
                    "veld {id}: de velden staan per sectie, in de volgorde van de secties"
                ).format(id=fld.id))
            place = section_ids.index(fld.section)
            if fld.section == counted:
                raise ValueError(_(
                    "veld {id}: sectie '{counted}' bevat de vragen, geen velden"
                ).format(id=fld.id, counted=counted))
            if fld.other_label and (fld.kind != "choice" or "andere" not in fld.choices):
                raise ValueError(_("veld {id}: 'other_label' hoort bij een keuzeveld met 'andere'").format(id=fld.id))
            if fld.statement and fld.kind != "confirmation":
                raise ValueError(_("veld {id}: 'statement' hoort bij kind 'confirmation'").format(id=fld.id))
        if self.contact_field is not None and self.contact_field not in {f.id for f in self.fields}:
            raise ValueError(_(
                "contact_field: onbekend veld '{contact_field}'"
            ).format(contact_field=self.contact_field))

    @property
    def question_section(self) -> str:
        """The section that holds the questions and whose pages are counted."""
        return self.page_rule.section

    def _check_pitch(self, pitch: Pitch, criterion_ids: set[str]) -> None:
        questions = {q.id: q for q in self.questions}
        total = sum(part.share for part in pitch.parts)
        if abs(total - 1.0) > 0.01:
            raise ValueError(_("pitch: de aandelen ('share') van de delen tellen op tot {total:.2f}, niet tot 1").format(total=total))
        for part in pitch.parts:
            for question_id in part.questions:
                if question_id not in questions:
                    raise ValueError(_("pitch-deel {id}: onbekende vraag '{question_id}'").format(id=part.id, question_id=question_id))
            known_parts = {s.id for q in part.questions for s in questions[q].subparts}
            for subpart in part.subparts:
                if subpart not in known_parts:
                    raise ValueError(_("pitch-deel {id}: onbekende deelvraag '{subpart}'").format(id=part.id, subpart=subpart))
            for criterion_id in part.criteria:
                if criterion_id not in criterion_ids:
                    raise ValueError(_("pitch-deel {id}: onbekend criterium '{criterion_id}'").format(id=part.id, criterion_id=criterion_id))
        members = {m.id for m in pitch.jury}
        probes = {p.id for p in pitch.probes}
        for template in pitch.jury_questions:
            if template.jury not in members:
                raise ValueError(_("jury_questions: onbekend jurylid '{jury}'").format(jury=template.jury))
            if template.question is not None and template.question not in questions:
                raise ValueError(_("jury_questions: onbekende vraag '{question}'").format(question=template.question))
            if template.weak_spot == "probe" and template.part not in probes:
                raise ValueError(_("jury_questions: onbekende probe '{part}'").format(part=template.part))
            unknown = _placeholders(template.text) - JURY_PLACEHOLDERS
            if unknown:
                known = ", ".join("{" + p + "}" for p in sorted(JURY_PLACEHOLDERS))
                raise ValueError(_(
                    "jury_questions: onbekende plaatshouder {{{value}}} (bekend: {known})"
                ).format(value=sorted(unknown)[0], known=known))
        for probe in pitch.probes:
            if probe.question not in questions:
                raise ValueError(_("probe {id}: onbekende vraag '{question}'").format(id=probe.id, question=probe.question))

    @property
    def field_sections(self) -> str:
        """The sections with fields, as headings name them: "A–C", or "I" when there is one."""
        ids = [s.id for s in self.sections if self.section_fields(s.id)]
        return ids[0] if len(ids) == 1 else f"{ids[0]}–{ids[-1]}"

    def applicant_name(self, values: dict[str, str]) -> str:
        """The applicant's name among a proposal's field values ("" when the call names no such field)."""
        return values.get(self.applicant_field, "").strip() if self.applicant_field else ""

    def contact_name(self, values: dict[str, str]) -> str:
        return values.get(self.contact_field, "").strip() if self.contact_field else ""

    def first_field_of_kind(self, kind: FieldKind) -> Field | None:
        return next((f for f in self.fields if f.kind == kind), None)

    def section_fields(self, section_id: str) -> list[Field]:
        return [f for f in self.fields if f.section == section_id]

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def field(self, field_id: str) -> Field:
        for field in self.fields:
            if field.id == field_id:
                return field
        raise KeyError(field_id)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def criteria_for(self, question_id: str) -> list[Criterion]:
        return [c for c in self.criteria if question_id in c.applies_to]
