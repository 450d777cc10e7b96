"""Mask personal data before text leaves the machine, and put it back in what the user sees.

Masked: e-mail addresses, IBANs, Belgian enterprise numbers, phone numbers and the given names (the
contact person). Each distinct value gets a stable placeholder such as [E-MAIL-1]; the mapping stays in
memory and is never sent or logged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import phonenumbers

from assistant.call.models import Call
from assistant.draft.models import Proposal

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
ENTERPRISE = re.compile(r"\b(?:BE[ ]?)?[01]\d{3}[. ]?\d{3}[. ]?\d{3}\b")
PLACEHOLDER = re.compile(r"\[(?:E-MAIL|IBAN|ONDERNEMINGSNUMMER|TELEFOON|NAAM)-\d+\]")
# Name particles are too common to mask on their own.
PARTICLES = {"van", "de", "der", "den", "het", "ter", "ten", "te", "le", "la", "du", "von", "vanden", "vander", "d"}


def _iban_valid(raw: str) -> bool:
    compact = raw.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    digits = "".join(str(int(ch, 36)) for ch in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def _enterprise_valid(raw: str) -> bool:
    digits = re.sub(r"\D", "", raw)
    return len(digits) == 10 and 97 - int(digits[:8]) % 97 == int(digits[8:])


def _phone_spans(text: str) -> list[tuple[int, int]]:
    """Phone numbers as a Belgian reader writes them; loose matching, but only digit runs that look dialled."""
    spans = []
    for match in phonenumbers.PhoneNumberMatcher(text, "BE", leniency=phonenumbers.Leniency.POSSIBLE):
        raw = match.raw_string
        if raw[0] in "+0(" and len(re.sub(r"\D", "", raw)) >= 9:
            spans.append((match.start, match.end))
    return spans


class Redactor:
    """Masks one text (or several, sharing placeholders) and restores the model's reply."""

    def __init__(self, names: Iterable[str] = ()):
        self._by_value: dict[str, str] = {}
        self._by_placeholder: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self._name_patterns = self._compile_names(names)

    @staticmethod
    def _compile_names(names: Iterable[str]) -> list[re.Pattern[str]]:
        """The full name first (both orders), then each significant part on its own."""
        patterns: list[str] = []
        for name in names:
            parts = name.split()
            if not parts:
                continue
            patterns.append(r"\s+".join(map(re.escape, parts)))
            if len(parts) > 1:
                patterns.append(r"\s+".join(map(re.escape, parts[-1:] + parts[:-1])))
            patterns += [re.escape(p) for p in parts if len(p) >= 3 and p.lower() not in PARTICLES]
        return [re.compile(rf"(?<!\w){p}(?!\w)", re.IGNORECASE) for p in patterns]

    def _placeholder(self, kind: str, value: str) -> str:
        if value not in self._by_value:
            self._counts[kind] = self._counts.get(kind, 0) + 1
            placeholder = f"[{kind}-{self._counts[kind]}]"
            self._by_value[value] = placeholder
            self._by_placeholder[placeholder] = value
        return self._by_value[value]

    def _replace(self, text: str, pattern: re.Pattern[str], kind: str, valid: Any = None) -> str:
        def swap(match: re.Match[str]) -> str:
            value = match.group(0)
            return self._placeholder(kind, value) if valid is None or valid(value) else value

        return pattern.sub(swap, text)

    def _mask_ibans(self, text: str) -> str:
        """Each valid IBAN, the longest that checks out where a candidate starts: the regex is greedy and
        would swallow a year or a second IBAN that follows."""
        parts: list[str] = []
        position = 0
        while match := IBAN.search(text, position):
            raw = match.group(0)
            length = next((n for n in range(len(raw), 14, -1) if raw[n - 1] != " " and _iban_valid(raw[:n])), 0)
            if length:
                parts += [text[position:match.start()], self._placeholder("IBAN", raw[:length])]
                position = match.start() + length
            else:
                parts.append(text[position:match.start() + 4])
                position = match.start() + 4
        return "".join(parts) + text[position:]

    def mask(self, text: str) -> str:
        text = self._replace(text, EMAIL, "E-MAIL")
        text = self._mask_ibans(text)
        text = self._replace(text, ENTERPRISE, "ONDERNEMINGSNUMMER", _enterprise_valid)
        spans = [(s, e) for s, e in _phone_spans(text) if not PLACEHOLDER.search(text[s:e])]
        swaps = [(s, e, self._placeholder("TELEFOON", text[s:e])) for s, e in spans]  # numbered in reading order
        for start, end, placeholder in reversed(swaps):
            text = text[:start] + placeholder + text[end:]
        for pattern in self._name_patterns:
            text = self._replace(text, pattern, "NAAM")
        return text

    def restore(self, value: Any) -> Any:
        """Put the real values back into a string, or into every string of a JSON-like structure."""
        if isinstance(value, str):
            return PLACEHOLDER.sub(lambda m: self._by_placeholder.get(m.group(0), m.group(0)), value)
        if isinstance(value, list):
            return [self.restore(item) for item in value]
        if isinstance(value, dict):
            return {key: self.restore(item) for key, item in value.items()}
        return value

    @property
    def masked_count(self) -> int:
        return len(self._by_value)


def contact_names(proposal: Proposal, call: Call) -> list[str]:
    """The contact person's name as filled in (the call's name field in the contact group)."""
    return [
        proposal.fields[f.id] for f in call.fields
        if f.group and "contact" in f.group.lower() and f.label.lower().startswith("naam") and proposal.fields.get(f.id)
    ]


def redactor_for(proposal: Proposal, call: Call) -> Redactor:
    """A redactor for this proposal: the standard kinds plus its contact person's name."""
    return Redactor(contact_names(proposal, call))
