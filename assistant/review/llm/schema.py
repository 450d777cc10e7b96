"""The reply models the LLM must fill, their strict JSON schema, and local validation of a reply.

Strict-schema-safe (DESIGN.md): every field required, optional as `X | None`, Literal enums, small
sub-models, no free dicts. The per-question model names each criterion as a required property and the
sub-part ids as an enum, so a schema-enforcing server cannot skip a criterion or invent a sub-part.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from assistant.call.models import Call, Level, Question

Confidence = Literal["laag", "gemiddeld", "hoog"]
# Every array has a maxItems and every string a maxLength, so a server that enforces the schema by grammar
# (llama.cpp) must close the object: a small model cannot loop until the token limit. The limits are
# checked again after parsing, for servers that only read the schema as a hint.
MAX_FOLLOWUPS = 3
MAX_EVIDENCE = 2
MAX_SUGGESTIONS = 3
MAX_CHANGES = 5
QUOTE_CHARS = 160
REASONING_CHARS = 160
SUGGESTION_CHARS = 200
FOLLOWUP_CHARS = 150
CHANGE_CHARS = 160
PING_CHARS = 20
# A revised answer may be as long as the longest answer the call allows (10 pages of about 800 words).
REVISION_CHARS = 60_000
# Keywords OpenAI's strict mode accepts; anything else is refused here rather than dropped by the API.
# maxLength is ours: it is sent to grammar-enforcing servers and left out of the strict json_schema rung.
ALLOWED_KEYWORDS = {
    "type", "properties", "required", "additionalProperties", "items", "enum", "anyOf", "description",
    "maxItems", "minItems", "maxLength",
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


Quote = Annotated[str, Field(max_length=QUOTE_CHARS, description="citaat")]
Followup = Annotated[str, Field(max_length=FOLLOWUP_CHARS, description="vraag")]
Change = Annotated[str, Field(max_length=CHANGE_CHARS)]


class Judgement(Strict):
    level: Level
    evidence: list[Quote] = Field(max_length=MAX_EVIDENCE)
    reasoning: str = Field(max_length=REASONING_CHARS, description="waarom")


class CriterionJudgement(Judgement):
    criterion: str


class Suggestion(Strict):
    part: str | None
    text: str = Field(max_length=SUGGESTION_CHARS, description="suggestie")


class ReviewOutput(Strict):
    """A review reply in question-independent form: what is cached, restored and shown."""

    criteria: list[CriterionJudgement]
    missing_parts: list[str]
    suggestions: list[Suggestion] = Field(max_length=MAX_SUGGESTIONS)
    followup_questions: list[Followup] = Field(max_length=MAX_FOLLOWUPS)
    confidence: Confidence


class RevisionOutput(Strict):
    revised_answer: str = Field(max_length=REVISION_CHARS)
    changes: list[Change] = Field(max_length=MAX_CHANGES, description="wat er veranderde, kort")


_REVIEW_MODELS: dict[tuple[str, str, str], type[Strict]] = {}


def review_model(question: Question, call: Call) -> type[Strict]:
    """The reply model for one question: one required property per criterion, sub-part ids as an enum."""
    key = (call.id, call.sha256, question.id)
    if key not in _REVIEW_MODELS:
        _REVIEW_MODELS[key] = _build_review_model(question, call)
    return _REVIEW_MODELS[key]


def _build_review_model(question: Question, call: Call) -> type[Strict]:
    criteria = create_model(  # type: ignore[call-overload]
        f"Criteria_{question.id}", __base__=Strict,
        **{criterion.id: (Judgement, ...) for criterion in call.criteria_for(question.id)},
    )
    part: Any = Literal[tuple(question.subpart_ids)]  # built at run time: one Literal per question
    suggestion = create_model(f"Suggestion_{question.id}", __base__=Strict, part=(part | None, ...),
                              text=(str, Field(..., max_length=SUGGESTION_CHARS, description="suggestie")))
    return create_model(
        f"Review_{question.id}", __base__=Strict,
        criteria=(criteria, ...),
        missing_parts=(list[part], Field(..., max_length=len(question.subpart_ids))),
        suggestions=(list[suggestion], Field(..., max_length=MAX_SUGGESTIONS)),
        followup_questions=(list[Followup], Field(..., max_length=MAX_FOLLOWUPS)),
        confidence=(Confidence, ...),
    )


class SchemaNotStrict(ValueError):
    """A model whose schema a strict server would reject: a programming error, caught by the tests."""


@lru_cache(maxsize=64)
def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema, self-contained (refs inlined) and checked against the strict subset.
    Cached: treat the result as read-only."""
    raw = model.model_json_schema()
    defs = raw.pop("$defs", {})

    def convert(node: Any, path: str) -> Any:
        if isinstance(node, list):
            return [convert(item, path) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            return convert(defs[node["$ref"].rsplit("/", 1)[-1]], path)
        node = {k: v for k, v in node.items() if k != "title"}
        if "const" in node:  # a one-value Literal
            node["enum"] = [node.pop("const")]
            node.setdefault("type", "string")
        unknown = set(node) - ALLOWED_KEYWORDS
        if unknown:
            raise SchemaNotStrict(f"{model.__name__}{path}: niet toegelaten in strict schema: {sorted(unknown)}")
        if node.get("type") == "object":
            properties = node.get("properties", {})
            if node.get("additionalProperties") is not False or set(node.get("required", [])) != set(properties):
                raise SchemaNotStrict(f"{model.__name__}{path}: elk veld verplicht en geen extra velden")
            node["properties"] = {name: convert(sub, f"{path}.{name}") for name, sub in properties.items()}
            return node
        return {k: convert(v, path) if k in ("items", "anyOf") else v for k, v in node.items()}

    return convert(raw, "")


def skeleton(schema: dict[str, Any]) -> Any:
    """A filled-in example of the schema, for prompts: shorter than the schema and easier for small models.
    An object whose properties all share one shape (the criteria) shows that shape once, under "<id>"."""
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        return skeleton(options[0])
    if "enum" in schema:
        return "|".join(map(str, schema["enum"]))
    kind = schema.get("type")
    if kind == "object":
        shapes = list(schema["properties"].values())
        if len(shapes) > 1 and all(shape == shapes[0] for shape in shapes):
            return {"<id>": skeleton(shapes[0])}
        return {name: skeleton(sub) for name, sub in schema["properties"].items()}
    if kind == "array":
        return [skeleton(schema["items"])]
    # One word on purpose: small models copy the example, and every token costs time on a grammar server.
    # The length limits are in the prompt's rules (and in the schema).
    return f"<{schema.get('description', 'tekst')}>"


def without_lengths(schema: Any) -> Any:
    """The schema without maxLength, for OpenAI's strict mode, which does not accept it (the reply is
    still checked against the limits after parsing)."""
    if isinstance(schema, list):
        return [without_lengths(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {k: without_lengths(v) for k, v in schema.items() if k != "maxLength"}


class ReplyInvalid(ValueError):
    """A reply that is not the JSON asked for; the message is fed back to the model in the repair round."""


_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")


def parse_reply(content: str, model: type[BaseModel]) -> BaseModel:
    """Parse and validate a reply; tolerate Markdown fences and text around the JSON object."""
    text = _FENCE.sub("", content.strip())
    start, end = text.find("{"), text.rfind("}")
    if start < 0:
        raise ReplyInvalid("Het antwoord bevat geen JSON-object.")
    if end <= start:
        raise ReplyInvalid("Ongeldige JSON: het object is niet afgesloten (onvolledig).")
    try:
        data = json.loads(text[start : end + 1])
    except json.JSONDecodeError as exc:
        raise ReplyInvalid(f"Ongeldige JSON: {exc.msg} (positie {exc.pos}).") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, err['loc'])) or '(object)'}: {err['msg']}" for err in exc.errors()[:6]
        )
        raise ReplyInvalid(f"Het JSON-object klopt niet met het schema: {problems}.") from None


_EXAMPLE_TEXT = re.compile(r"^\s*<[^<>]*>\s*$")


def _filled(text: str) -> bool:
    """Not empty and not the prompt's example text copied back (small models do that)."""
    return bool(text.strip()) and not _EXAMPLE_TEXT.match(text)


def normalize_review(reply: BaseModel, answer: str) -> tuple[ReviewOutput, int, tuple[int, int]]:
    """The question-specific reply as a ReviewOutput. Dropped and counted: quotes that are not in the
    answer, and example texts copied from the prompt instead of filled in. Also returns (quotes given,
    quotes found in the answer), for calibration."""
    data = reply.model_dump()
    haystack = _squash(answer)
    criteria = []
    dropped = given = found = 0
    for criterion_id, judgement in data["criteria"].items():
        kept = [q for q in judgement["evidence"] if _filled(q) and _squash(q.strip(" .\"'…")) in haystack]
        given += sum(1 for q in judgement["evidence"] if _filled(q))
        found += len(kept)
        reasoning = judgement["reasoning"] if _filled(judgement["reasoning"]) else ""
        dropped += len(judgement["evidence"]) - len(kept) + (reasoning != judgement["reasoning"])
        criteria.append(CriterionJudgement(criterion=criterion_id, level=judgement["level"], evidence=kept,
                                           reasoning=reasoning))
    suggestions = [Suggestion(**s) for s in data["suggestions"] if _filled(s["text"])]
    followups = [q for q in data["followup_questions"] if _filled(q)]
    dropped += len(data["suggestions"]) - len(suggestions) + len(data["followup_questions"]) - len(followups)
    output = ReviewOutput(
        criteria=criteria, missing_parts=list(dict.fromkeys(data["missing_parts"])),
        suggestions=suggestions, followup_questions=followups, confidence=data["confidence"],
    )
    return output, dropped, (given, found)


def _squash(text: str) -> str:
    return " ".join(text.lower().split())
