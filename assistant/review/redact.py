"""Mask personal data before text leaves the machine, and put it back in what the user sees.

Masked: e-mail addresses, IBANs, Belgian enterprise numbers, phone numbers; every value filled in on the form
(the contact's name in any order, case or with initials, the organisation's name with or without its
legal form and its abbreviation, the function, the phone and enterprise number in any spelling); and
names of people in the answers (assistant.review.people). Each distinct value gets a stable placeholder
such as [E-MAIL-1]; the mapping stays in memory and is never sent or logged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import phonenumbers

from assistant.call.models import Call
from assistant.draft.models import Proposal
from assistant.review.fields import enterprise_check_digits
from assistant.review.people import EMAIL, ORGANISATION_WORDS, PARTICLES, person_spans

IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
ENTERPRISE = re.compile(r"\b(?:BE[ ]?)?[01]\d{3}[. ]?\d{3}[. ]?\d{3}\b")
PLACEHOLDER = re.compile(r"\[(?:E-MAIL|IBAN|ONDERNEMINGSNUMMER|TELEFOON|NAAM|ORGANISATIE|GEGEVEN)-\d+\]")
LEGAL_FORMS = ["vzw", "ivzw", "bv", "nv", "cv", "cvba", "bvba", "commv", "vof", "private stichting",
               "stichting van openbaar nut", "ov", "agb"]
_LEGAL_FORM = r"(?:" + "|".join(r"\.?\s*".join(map(re.escape, form.replace(" ", ""))) if " " not in form
                                 else r"\s+".join(map(re.escape, form.split())) for form in LEGAL_FORMS) + r")\.?"
_WORDS = re.compile(r"[^\W_][\w'’]*", re.UNICODE)


def _iban_valid(raw: str) -> bool:
    compact = raw.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    digits = "".join(str(int(ch, 36)) for ch in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def _enterprise_valid(raw: str) -> bool:
    digits = re.sub(r"\D", "", raw)
    return len(digits) == 10 and enterprise_check_digits(digits[:8]) == digits[8:]


def _phone_spans(text: str) -> list[tuple[int, int]]:
    """Phone numbers as a Belgian reader writes them; loose matching, but only digit runs that look dialled."""
    spans = []
    for match in phonenumbers.PhoneNumberMatcher(text, "BE", leniency=phonenumbers.Leniency.POSSIBLE):
        raw = match.raw_string
        if raw[0] in "+0(" and len(re.sub(r"\D", "", raw)) >= 9:
            spans.append((match.start, match.end))
    return spans


def _words(text: str) -> list[str]:
    return _WORDS.findall(text)


def _phrase(words: list[str]) -> str:
    """Words in order, any run of spaces, commas or hyphens between them."""
    return r"[\s,-]+".join(map(re.escape, words))


def name_patterns(name: str) -> list[str]:
    """A person's name as written in section B ("Janssens, An" or "An Janssens") in every spelling an answer
    may use: both orders, with or without comma, the given name as an initial, the surname alone, each
    significant part alone. Longest first."""
    if "," in name:
        surname, given = (_words(part) for part in name.split(",", 1))
        readings = [(given, surname)]
    else:  # "Naam & voornaam" asks surname first, but people write either order: both readings
        parts = _words(name)
        readings = [(parts[:1], parts[1:]), (parts[-1:], parts[:-1])] if len(parts) > 1 else [([], parts)]
    forms: list[str] = []
    for given, surname in readings:
        if not surname:
            continue
        if given:
            initials = r"\s*".join(rf"{re.escape(g[0])}\." for g in given)
            forms += [_phrase(given + surname), _phrase(surname + given), rf"{initials}\s*{_phrase(surname)}",
                      rf"{_phrase(surname)},?\s*{initials}"]
        if len("".join(surname)) >= 3 and any(p.lower() not in PARTICLES for p in surname):
            forms.append(_phrase(surname))
        forms += [re.escape(p) for p in given + surname if len(p) >= 3 and p.lower() not in PARTICLES]
    return sorted(dict.fromkeys(forms), key=len, reverse=True)


def organisation_patterns(name: str) -> list[str]:
    """The organisation's name with or without its legal form (before or after), and its abbreviation."""
    bare = re.sub(rf"^\s*{_LEGAL_FORM}\s+|\s+{_LEGAL_FORM}\s*$", "", name.strip(), flags=re.IGNORECASE)
    abbreviation = re.search(r"\(([A-Z][A-Za-z0-9&]{1,9})\)\s*$", bare)
    if abbreviation:
        bare = bare[:abbreviation.start()].strip()
    words = _words(bare)
    if not words:
        return []
    forms = [rf"(?:{_LEGAL_FORM}\s+)?{_phrase(words)}(?:\s+{_LEGAL_FORM}(?!\w))?"]
    short = abbreviation.group(1) if abbreviation else "".join(w[0] for w in words if w[0].isalpha()).upper()
    if len(short) >= 3 and len(words) >= 2 or abbreviation:  # noqa: SIM102 - the inner test has its own reason
        if short.lower() not in ORGANISATION_WORDS:  # never the public bodies of the region (OCMW, VDAB ...)
            forms.append(f"(?-i:{re.escape(short)})")
    return forms


def digits_pattern(value: str, country_code: str | None = None) -> str | None:
    """A number as the applicant may write it: any spaces, dots, slashes or hyphens between the digits,
    with or without the country prefix (for a phone) or BE (for an enterprise number)."""
    digits = re.sub(r"\D", "", value)
    if len(digits) < 6:
        return None
    if country_code and value.strip().startswith("+"):
        digits = "0" + digits[len(country_code):]
    body = r"[\s./-]*".join(digits.lstrip("0"))
    if country_code:
        return rf"(?:(?:\+|00)\s*{country_code}[\s./-]*(?:\(0\)[\s./-]*)?|0[\s./-]*){body}"
    return rf"(?:BE[\s.]*)?0?[\s./-]*{body}"


class Redactor:
    """Masks one text (or several, sharing placeholders) and restores the model's reply."""

    def __init__(self, names: Iterable[str] = (), *, organisations: Iterable[str] = (),
                 values: Iterable[tuple[str, str]] = (), people: bool = False):
        """`names`: people's names as section B writes them; `organisations`: the applicant's own names;
        `values`: (placeholder kind, regex) for other values to mask wherever they occur; `people`: also
        find names of people in the text itself."""
        self._by_value: dict[str, str] = {}
        self._by_placeholder: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        # The organisation before its contact (a name may hold the surname), each name's forms longest first,
        # so that "An Janssens" is one value before "Janssens" alone is looked for.
        patterns = list(values)
        patterns += [("ORGANISATIE", p) for org in organisations for p in organisation_patterns(org)]
        patterns += [("NAAM", p) for name in names for p in name_patterns(name)]
        self._patterns = [(kind, re.compile(rf"(?<![\w\[]){p}(?!\w)", re.IGNORECASE)) for kind, p in patterns]
        self._people = people

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

    def _swap_spans(self, text: str, spans: list[tuple[int, int]], kind: str) -> str:
        parts, position = [], 0
        for start, end in spans:  # numbered in reading order; one pass, whatever the number of values
            parts += [text[position:start], self._placeholder(kind, text[start:end])]
            position = end
        return "".join(parts) + text[position:]

    def mask(self, text: str) -> str:
        text = self._replace(text, EMAIL, "E-MAIL")
        for kind, pattern in self._patterns:
            text = self._replace(text, pattern, kind)
        text = self._mask_ibans(text)
        text = self._replace(text, ENTERPRISE, "ONDERNEMINGSNUMMER", _enterprise_valid)
        spans = [(s, e) for s, e in _phone_spans(text) if not PLACEHOLDER.search(text[s:e])]
        text = self._swap_spans(text, spans, "TELEFOON")
        if self._people:
            text = self._swap_spans(text, person_spans(text), "NAAM")
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
    """The contact person's name as filled in (the call's contact_field)."""
    name = call.contact_name(proposal.fields)
    return [name] if name else []


def redactor_for(proposal: Proposal, call: Call) -> Redactor:
    """A redactor for this proposal: the standard kinds, every value the applicant filled in, in its
    spellings, and names of people in the text. A choice (the legal form) names a kind of body, not this
    one, and a fixed value or a confirmation is the form's own: kept."""
    names = contact_names(proposal, call)
    organisations: list[str] = []
    values: list[tuple[str, str]] = []
    for field in call.fields:
        value = proposal.fields.get(field.id, "").strip()
        if not value or value in names or field.kind in ("choice", "fixed", "confirmation"):
            continue
        if field.kind == "phone":
            pattern = digits_pattern(value, "32")
            values += [("TELEFOON", pattern)] if pattern else []
        elif field.kind == "enterprise_number":
            pattern = digits_pattern(value)
            values += [("ONDERNEMINGSNUMMER", pattern)] if pattern else []
        elif field.kind == "email":
            values.append(("E-MAIL", re.escape(value)))
        elif field.id == call.applicant_field:
            organisations.append(value)  # the applicant itself ("Deelnemer / Organisatie")
        else:
            values.append(("GEGEVEN", _phrase(_words(value)) or re.escape(value)))
    return Redactor(names, organisations=organisations, values=values, people=True)
