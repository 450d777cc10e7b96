"""Text in an answer that addresses an AI reviewer instead of the jury: flagged for readers and the LLM layer."""

from __future__ import annotations

import re

from assistant.review.findings import Finding
from assistant.review.rules import Outcome, QuestionContext, shorten

# (words of which one must occur, lower case; the pattern): the cheap test spares the regex most texts.
_RULES: list[tuple[tuple[str, ...], str]] = [
    (("negeer", "vergeet", "omzeil"), r"\b(?:negeer|vergeet|omzeil)\b.{0,60}?\b(?:instructies?|opdrachten|opdracht|regels|prompts?|richtlijnen)\b"),
    (("ignore", "disregard", "forget", "override"), r"\b(?:ignore|disregard|forget|override)\b.{0,60}?\b(?:instructions?|prompts?|rules|guidelines)\b"),
    ((":",), r"^\s*(?:system|systeem|assistant|assistent|user|gebruiker|developer)\s*:"),
    (("<", "[inst", "[/inst", "[sys"), r"<\|?(?:im_start|im_end|system|endoftext)\|?>|\[/?INST\]|<<\s*SYS\s*>>|\[(?:system|systeem)\]"),
    (('"',), r"\{\s*\"(?:score|level|niveau|findings|missing_parts|beoordeling|verdict|rating)\"\s*:"),
    (('"',), r"\"(?:score|level|niveau)\"\s*:\s*\"?(?:\d+|sterk|voldoende|strong)"),
    (("bent", "you are"), r"\b(?:je bent|jij bent|u bent|you are)\s+(?:nu\s+|now\s+)?(?:een\s+|an?\s+)?(?:ai|assistent|assistant|taalmodel|language model|beoordelaar|reviewer|jurylid)\b"),
    (("score", "niveau", "beoordeling", "rating"), r"\b(?:geef|ken|give|assign)\b.{0,50}?\b(?:score|niveau|beoordeling|rating)\b.{0,30}?\b(?:100|sterk|maximaal|maximum|hoogste|strong|highest)\b"),
    (("beoordeel", "scoor", "quoteer", "rate"), r"\b(?:beoordeel|scoor|quoteer|rate)\b.{0,50}?\b(?:als sterk|met 100|maximaal|hoogste score|as strong)\b"),
]
_PATTERNS = [(triggers, re.compile(pattern, re.IGNORECASE | re.MULTILINE)) for triggers, pattern in _RULES]


def _sentence_start(text: str, position: int) -> int:
    starts = [text.rfind("\n", 0, position) + 1]
    starts += [found + 2 for end in (". ", "! ", "? ") if (found := text.rfind(end, 0, position)) != -1]
    return max(starts)


def check(context: QuestionContext) -> Outcome:
    text = context.analysis.text
    lowered = text.lower()
    outcome = Outcome()
    for triggers, pattern in _PATTERNS:
        match = any(t in lowered for t in triggers) and pattern.search(text)
        if match:
            start = _sentence_start(text, match.start())
            outcome.findings.append(
                Finding(
                    severity="belangrijk",
                    criterion="injectie",
                    quote=shorten(text[start:]),
                    message="Deze tekst richt zich tot een AI-beoordelaar in plaats van tot de jury: haal hem weg, een jury leest het als manipulatie.",
                )
            )
            outcome.penalty = 10.0
            break
    return outcome
