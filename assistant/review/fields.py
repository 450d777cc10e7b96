"""Validation of the fields of sections A, B and C: pure, fast functions the TUI calls as you type.

Every check returns a FieldCheck with the normalised value when the input is valid, or a short message
(in the active language) that says how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import phonenumbers

from assistant.call.models import Call, Field, choice_key
from assistant.draft.models import Proposal
from assistant.draft.text import strip_invisible
from assistant.i18n import N_, _
from assistant.review.findings import FieldCheck

_EMAIL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([^@\s]+)$")
_DOMAIN_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_CONFIRMED = {"ja", "j", "yes", "y", "x", "1", "true", "waar", "bevestigd", "akkoord"}
_OTHER_FORM = re.compile(r"^andere\s*[:\-–]\s*(.*)$", re.IGNORECASE)


def _ok(field_id: str, value: str, normalized: str) -> FieldCheck:
    return FieldCheck(id=field_id, ok=True, value=value, normalized=normalized)


def _wrong(field_id: str, value: str, message: str) -> FieldCheck:
    return FieldCheck(id=field_id, ok=False, value=value, normalized=None, message=message)


def enterprise_check_digits(first_eight: str) -> str:
    """The two check digits of a Belgian enterprise number: 97 minus (first eight digits mod 97)."""
    return f"{97 - int(first_eight) % 97:02d}"


def check_enterprise_number(value: str, field_id: str = "") -> FieldCheck:
    raw = value.strip()
    compact = re.sub(r"[\s.\-/]", "", raw)
    if compact[:2].upper() == "BE":
        compact = compact[2:]
    if not compact:
        return _wrong(field_id, value, _("Vul het ondernemingsnummer in, bv. 0123.456.749."))
    if not compact.isdigit() or not compact.isascii():
        return _wrong(
            field_id, value, _("Een ondernemingsnummer bevat enkel cijfers (eventueel 'BE' vooraan): haal de letters weg.")
        )
    if len(compact) != 10:
        hint = _(" Een oud nummer van 9 cijfers krijgt een 0 vooraan.") if len(compact) == 9 else ""
        return _wrong(
            field_id, value, _("Een ondernemingsnummer heeft 10 cijfers, niet {count}.{hint}").format(count=len(compact), hint=hint)
        )
    if compact[0] not in "01":
        return _wrong(field_id, value, _("Een ondernemingsnummer begint met 0 of 1: kijk het na in de KBO."))
    if enterprise_check_digits(compact[:8]) != compact[8:]:
        return _wrong(field_id, value, _("Het controlegetal klopt niet: kijk het nummer na in de KBO (bv. 0123.456.749)."))
    return _ok(field_id, value, f"{compact[:4]}.{compact[4:7]}.{compact[7:]}")


def check_email(value: str, field_id: str = "") -> FieldCheck:
    raw = value.strip()
    if not raw:
        return _wrong(field_id, value, _("Vul een e-mailadres in, bv. naam@organisatie.be."))
    match = _EMAIL.match(raw)
    if not match:
        return _wrong(field_id, value, _("Geen geldig e-mailadres: schrijf het als naam@organisatie.be, zonder spaties."))
    domain = match.group(1)
    labels = domain.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(label) for label in labels) or not labels[-1].isalpha():
        return _wrong(field_id, value, _("Het domein na @ klopt niet: het heeft een punt nodig, bv. organisatie.be."))
    local = raw[: -len(domain) - 1]
    return _ok(field_id, value, f"{local}@{domain.lower()}")


def check_phone(value: str, field_id: str = "") -> FieldCheck:
    raw = value.strip()
    if not raw:
        return _wrong(field_id, value, _("Vul een telefoonnummer in, bv. 09 377 12 34."))
    try:
        number = phonenumbers.parse(raw, "BE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        return _wrong(
            field_id,
            value,
            _(
                "Geen geldig telefoonnummer: geef een Belgisch nummer (09 377 12 34, 0470 12 34 56) "
                "of een buitenlands met landcode (+31 20 123 4567)."
            ),
        )
    return _ok(field_id, value, phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


_SEGMENTS = re.compile(r"[,;/()\[\]]|\s[-–—]\s")  # "naam (afkorting), kwalificatie"


def _tokens(text: str) -> list[str]:
    """Words as compared: dots dropped first, so "v.z.w." is one word and "comm. v" two."""
    return [choice_key(word) for word in re.split(r"[\s\-]+", text.replace(".", "")) if choice_key(word)]


def _take(tokens: list[str], wanted: list[str]) -> bool:
    """Remove the first run of `wanted` from `tokens`; whether it was there."""
    for start in range(len(tokens) - len(wanted) + 1):
        if tokens[start : start + len(wanted)] == wanted:
            del tokens[start : start + len(wanted)]
            return True
    return False


def recognise_choice(field: Field, text: str) -> tuple[set[str], list[str]]:
    """The choices and qualifiers a free text names, by any of their names in the call file.

    Each part ("vereniging zonder winstoogmerk (vzw)", "CV, erkend als sociale onderneming") is read on its
    own, qualifiers taken out first; parts that name nothing are the applicant's own words.
    """
    by_key = {choice_key(name): choice for choice, names in field.choice_lookup_names() for name in names}
    qualifiers = sorted(
        ((q, _tokens(name)) for q, names in field.qualifiers.items() for name in [q, *names]),
        key=lambda item: -len(item[1]),  # the longest first: "erkend als SO" before "erkend"
    )
    chosen: set[str] = set()
    found: list[str] = []
    for segment in _SEGMENTS.split(text):
        tokens = _tokens(segment)
        for qualifier, words in qualifiers:
            while words and _take(tokens, words):
                found.append(qualifier)
        if tokens and "".join(tokens) in by_key:
            chosen.add(by_key["".join(tokens)])
    if not chosen and choice_key(text) in by_key:  # a name with a bracket or comma of its own
        chosen.add(by_key[choice_key(text)])
    return chosen, [q for q in field.qualifiers if q in found]


def check_choice(field: Field, value: str) -> FieldCheck:
    raw = " ".join(value.split())
    if not raw:
        return _wrong(field.id, value, _("Kies een {field} uit de lijst.").format(field=field.label.lower()))
    other = _OTHER_FORM.match(raw)
    text = other.group(1).strip() if other else raw
    if (other and not text) or choice_key(raw) == "andere":
        return _wrong(
            field.id,
            value,
            _("Schrijf na 'andere:' welke {field} het is, bv. 'andere: ziekenfonds'.").format(field=field.label.lower()),
        )
    chosen, qualifiers = recognise_choice(field, text)
    if len(chosen) == 1:
        return _ok(field.id, value, ", ".join([chosen.pop(), *qualifiers]))
    if other:
        return _ok(field.id, value, f"andere: {text}")
    examples = ", ".join(c for c in field.choices[:6] if c != "andere")
    quoted = raw if len(raw) <= 60 else raw[:59] + "…"
    if chosen:
        problem = _("'{value}' noemt meer dan één {field} ({chosen}): houd er één.").format(
            value=quoted, field=field.label.lower(), chosen=", ".join(sorted(chosen))
        )
    else:
        problem = _("'{value}' is geen {field} die de assistent kent ({examples}, …): kijk ze na.").format(
            value=quoted, field=field.label.lower(), examples=examples
        )
    return FieldCheck(
        id=field.id, ok=True, value=value, normalized=raw, warning=problem + _(" Dit blokkeert de indiening niet.")
    )


def check_confirmation(field: Field, value: str) -> FieldCheck:
    if value.strip().lower() in _CONFIRMED:
        return _ok(field.id, value, "ja")
    return _wrong(
        field.id,
        value,
        _("Bevestig het engagement van sectie {section} (antwoord 'ja'): zonder bevestiging geen kandidatuur.").format(
            section=field.section
        ),
    )


def check_text(field: Field, value: str) -> FieldCheck:
    cleaned = " ".join(value.split())
    if not cleaned and field.required:
        where = _(" van de contactpersoon") if field.group else ""
        return _wrong(field.id, value, _("Vul '{field}'{where} in: dit veld is verplicht.").format(field=field.label, where=where))
    return _ok(field.id, value, cleaned)


def check_fixed(field: Field, value: str) -> FieldCheck:
    # The fixed answer is the form's own; whatever was imported, the candidacy is for this area.
    return _ok(field.id, value, field.value or "")


_BY_KIND: dict[str, Callable[[Field, str], FieldCheck]] = {
    "enterprise_number": lambda field, value: check_enterprise_number(value, field.id),
    "email": lambda field, value: check_email(value, field.id),
    "phone": lambda field, value: check_phone(value, field.id),
    "choice": check_choice,
    "confirmation": check_confirmation,
    "text": check_text,
    "fixed": check_fixed,
}


INVISIBLE_REMOVED = N_("Onzichtbare tekens, meegekopieerd uit een pdf of webpagina, zijn weggelaten.")


def check_field(field: Field, value: str) -> FieldCheck:
    """Validate one field value as typed; an empty optional field is fine. Invisible characters are left out first."""
    visible, had_invisible = strip_invisible(value)
    if not visible.strip() and not field.required and field.kind != "fixed":
        return _ok(field.id, value, "")
    check = _BY_KIND[field.kind](field, visible).model_copy(update={"value": value})
    if not had_invisible or field.kind == "fixed":
        return check
    if not check.ok:
        return check.model_copy(update={"message": f"{check.message} {_(INVISIBLE_REMOVED)}"})
    return check.model_copy(update={"warning": " ".join(filter(None, [_(INVISIBLE_REMOVED), check.warning]))})


def check_fields(proposal: Proposal, call: Call) -> list[FieldCheck]:
    return [check_field(field, proposal.fields.get(field.id, "")) for field in call.fields]
