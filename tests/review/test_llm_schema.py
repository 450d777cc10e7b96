"""The reply models are strict-schema-safe for every question of the call."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from assistant.call import Call
from assistant.review.llm.schema import (
    ReplyInvalid,
    RevisionOutput,
    SchemaNotStrict,
    parse_reply,
    review_model,
    strict_schema,
)


def walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def test_every_question_has_a_strict_schema(call: Call):
    for question in call.questions:
        schema = strict_schema(review_model(question, call))
        assert "$ref" not in str(schema) and "$defs" not in schema
        for node in walk(schema):
            if node.get("type") == "object":
                assert node["additionalProperties"] is False and set(node["required"]) == set(node["properties"])
        criteria = schema["properties"]["criteria"]["properties"]
        assert list(criteria) == [c.id for c in call.criteria_for(question.id)]
        assert schema["properties"]["missing_parts"]["items"]["enum"] == question.subpart_ids
    strict_schema(RevisionOutput)


def test_a_model_a_strict_server_would_reject_is_refused():
    class WithDefault(BaseModel):
        model_config = {"extra": "forbid"}
        name: str = "x"

    class Open(BaseModel):
        name: str

    with pytest.raises(SchemaNotStrict):
        strict_schema(WithDefault)
    with pytest.raises(SchemaNotStrict):
        strict_schema(Open)


def test_unknown_criterion_or_missing_field_is_invalid(call: Call):
    model = review_model(call.question("D1c"), call)
    with pytest.raises(ReplyInvalid, match="criteria"):
        parse_reply('{"criteria": {}, "missing_parts": [], "suggestions": [], "followup_questions": [], '
                    '"confidence": "hoog"}', model)
    with pytest.raises(ReplyInvalid, match="followup_questions"):
        parse_reply('{"criteria": {"lokale_verankering": {"level": "sterk", "evidence": [], "reasoning": ""}}, '
                    '"missing_parts": [], "suggestions": [], "followup_questions": ["a", "b", "c", "d"], '
                    '"confidence": "hoog"}', model)
