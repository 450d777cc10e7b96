import pytest
from hypothesis import given, strategies as st

from assistant.draft.models import Proposal
from assistant.review.fields import (
    check_email,
    check_enterprise_number,
    check_field,
    check_fields,
    check_phone,
    enterprise_check_digits,
)


def valid_number(first_eight: str) -> str:
    digits = first_eight + enterprise_check_digits(first_eight)
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def test_check_digits_follow_the_kbo_rule():
    # 97 - (01234567 mod 97) = 97 - 48 = 49; 97 - (04031707 mod 97) = 97 - 96 = 01
    assert enterprise_check_digits("01234567") == "49"
    assert enterprise_check_digits("04031707") == "01"


@pytest.mark.parametrize(
    "typed", ["0123.456.749", "0123 456 749", "0123456749", "BE0123456749", "BE 0123.456.749", "be0123-456-749"]
)
def test_enterprise_number_forms_are_accepted_and_normalised(typed):
    check = check_enterprise_number(typed)
    assert check.ok and check.normalized == "0123.456.749" and check.message is None
    assert check.value == typed


def test_a_real_style_number_starting_with_one_is_valid():
    number = valid_number("10012345")
    assert number.startswith("1") and check_enterprise_number(number).ok


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("0123.456.748", "controlegetal klopt niet"),
        ("0403.170.702", "controlegetal klopt niet"),
        ("123.456.749", "10 cijfers, niet 9"),
        ("0123.456.7490", "10 cijfers, niet 11"),
        ("0123.45A.749", "enkel cijfers"),
        ("NL0123456749", "enkel cijfers"),
        ("2123.456.749", "begint met 0 of 1"),
        ("", "Vul het ondernemingsnummer in"),
    ],
)
def test_wrong_enterprise_numbers_say_what_is_wrong(typed, says):
    check = check_enterprise_number(typed)
    assert not check.ok and check.normalized is None
    assert says in check.message


@given(st.from_regex(r"0[0-9]{7}", fullmatch=True), st.integers(min_value=1, max_value=96))
def test_any_number_with_its_check_digits_passes_and_any_other_check_fails(first_eight, shift):
    digits = first_eight + enterprise_check_digits(first_eight)
    assert check_enterprise_number(digits).normalized == f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
    wrong = (int(digits[8:]) + shift) % 100
    assert not check_enterprise_number(f"{first_eight}{wrong:02d}").ok


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [("jan.peeters@debrug.be", "jan.peeters@debrug.be"), (" Jan@DeBrug.BE ", "Jan@debrug.be"), ("a+b@x.co.uk", "a+b@x.co.uk")],
)
def test_valid_email(typed, normalized):
    assert check_email(typed).normalized == normalized


@pytest.mark.parametrize(
    ("typed", "says"),
    [("jan@debrug", "punt"), ("jan debrug.be", "naam@organisatie.be"), ("jan@@debrug.be", "naam@organisatie.be"), ("", "Vul")],
)
def test_invalid_email_says_how_to_write_it(typed, says):
    check = check_email(typed)
    assert not check.ok and says in check.message


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("09 377 12 34", "+32 9 377 12 34"),
        ("0470 12 34 56", "+32 470 12 34 56"),
        ("+32 470 12 34 56", "+32 470 12 34 56"),
        ("0032 9 377 12 34", "+32 9 377 12 34"),
        ("+31 20 123 4567", "+31 20 123 4567"),
    ],
)
def test_belgian_and_international_phone_numbers_are_normalised(typed, normalized):
    assert check_phone(typed).normalized == normalized


@pytest.mark.parametrize("typed", ["12345", "bel mij", "0470 12", ""])
def test_invalid_phone_numbers_are_refused(typed):
    check = check_phone(typed)
    assert not check.ok and ("Belgisch nummer" in check.message or "Vul" in check.message)


@pytest.mark.parametrize(
    ("typed", "ok", "normalized_or_message"),
    [
        ("VZW", True, "vzw"),
        ("v.z.w.", True, "vzw"),
        ("Autonoom gemeentebedrijf", True, "autonoom gemeentebedrijf"),
        ("andere: ziekenfonds", True, "andere: ziekenfonds"),
        ("andere", False, "Schrijf na 'andere:'"),
        ("andere:", False, "Schrijf na 'andere:'"),
        ("", False, "Kies een rechtsvorm"),
    ],
)
def test_rechtsvorm_comes_from_the_list_or_andere(call, typed, ok, normalized_or_message):
    check = check_field(call.field("B.rechtsvorm"), typed)
    assert check.ok is ok
    assert normalized_or_message in (check.normalized if ok else check.message)


@pytest.mark.parametrize(
    ("typed", "form"),
    [
        ("vereniging zonder winstoogmerk (vzw)", "vzw"),
        ("Vereniging Zonder Winstoogmerk", "vzw"),
        ("V.Z.W.", "vzw"),
        ("ivzw", "ivzw"),
        ("Stichting", "stichting"),
        ("private stichting", "private stichting"),
        ("stichting van openbaar nut", "stichting van openbaar nut"),
        ("Besloten Vennootschap (BV)", "bv"),
        ("bvba", "bv"),
        ("N.V.", "nv"),
        ("coöperatieve vennootschap (CV), erkend als sociale onderneming", "cv, erkend als sociale onderneming"),
        ("Cooperatieve vennootschap erkend als landbouwonderneming", "cv, erkend als landbouwonderneming"),
        ("CV SO", "cv, erkend als sociale onderneming"),
        ("erkende coöperatieve vennootschap", "cv, erkend"),
        ("comm. v", "commv"),
        ("Commanditaire vennootschap", "commv"),
        ("VOF", "vof"),
        ("vennootschap onder firma", "vof"),
        ("Maatschap", "maatschap"),
        ("Europese vennootschap (SE)", "europese vennootschap"),
        ("E.S.V.", "esv"),
        ("Europees economisch samenwerkingsverband", "eesv"),
        ("asbl", "vzw"),
        ("Openbaar Centrum voor Maatschappelijk Welzijn", "ocmw"),
        ("welzijnsvereniging", "welzijnsvereniging (OCMW-vereniging)"),
        ("OCMW-vereniging", "welzijnsvereniging (OCMW-vereniging)"),
        ("AGB", "autonoom gemeentebedrijf"),
        ("dienstverlenende vereniging", "intergemeentelijk samenwerkingsverband"),
        ("Opdrachthoudende Vereniging", "intergemeentelijk samenwerkingsverband"),
        ("andere: vereniging zonder winstoogmerk", "vzw"),
    ],
)
def test_legal_forms_are_recognised_by_name_and_abbreviation_in_any_case(call, typed, form):
    check = check_field(call.field("B.rechtsvorm"), typed)
    assert check.ok and check.warning is None, check
    assert check.normalized == form and check.value == typed  # what was written is kept


@pytest.mark.parametrize(("typed", "says"), [("ziekenfonds", "geen rechtsvorm"), ("vzw / bv", "meer dan één")])
def test_an_unknown_legal_form_is_a_warning_not_a_blocking_error(call, typed, says):
    check = check_field(call.field("B.rechtsvorm"), typed)
    assert check.ok and check.message is None
    assert says in check.warning and "blokkeert de indiening niet" in check.warning


def test_every_choice_and_each_of_its_names_is_recognised(call):
    field = call.field("B.rechtsvorm")
    for choice, names in field.choice_lookup_names():
        for name in names if choice != "andere" else []:
            assert check_field(field, name).normalized == choice, name
            assert check_field(field, name.upper().replace(" ", ".")).normalized == choice, name


INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e"]


@pytest.mark.parametrize("mark", INVISIBLE)
@pytest.mark.parametrize(
    ("field_id", "typed", "normalized"),
    [
        ("B.ondernemingsnummer", "0123.456{}.749", "0123.456.749"),
        ("B.contact.email", "an@hetanker{}.be", "an@hetanker.be"),
        ("B.contact.telefoon", "09 377{}12 34", "+32 9 377 12 34"),
        ("B.rechtsvorm", "v.z.w.{}", "vzw"),
    ],
)
def test_invisible_characters_are_left_out_before_the_check_and_it_says_so(call, mark, field_id, typed, normalized):
    check = check_field(call.field(field_id), typed.format(mark))
    assert check.ok and check.normalized == normalized
    assert "Onzichtbare tekens" in check.warning and check.value == typed.format(mark)


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2007"])
def test_non_breaking_spaces_count_as_spaces(call, space):
    check = check_field(call.field("B.ondernemingsnummer"), f"0123{space}456{space}749")
    assert check.ok and check.normalized == "0123.456.749" and "Onzichtbare tekens" in check.warning
    email = check_field(call.field("B.contact.email"), f"{space}an@hetanker.be{space}")
    assert email.ok and email.normalized == "an@hetanker.be"


def test_a_wrong_value_with_invisible_characters_says_both(call):
    check = check_field(call.field("B.ondernemingsnummer"), "0123.456.748\u200b")
    assert not check.ok and "controlegetal" in check.message and "Onzichtbare tekens" in check.message


@pytest.mark.parametrize(("typed", "ok"), [("ja", True), ("Ja", True), ("x", True), ("nee", False), ("", False)])
def test_engagement_must_be_confirmed(call, typed, ok):
    check = check_field(call.field("C.engagement"), typed)
    assert check.ok is ok
    if not ok:
        assert "Bevestig het engagement" in check.message


def test_organisation_and_contact_fields_are_required(call):
    proposal = Proposal(name="leeg", call_id=call.id)
    checks = {c.id: c for c in check_fields(proposal, call)}
    for field_id in ["B.organisatie", "B.contact.naam", "B.contact.functie", "B.contact.email", "B.contact.telefoon"]:
        assert not checks[field_id].ok, field_id
    assert "verplicht" in checks["B.contact.functie"].message
    assert checks["A"].ok and checks["A"].normalized == "B – OOST Meetjesland"
