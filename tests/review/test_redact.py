"""Masking personal data before sending, restoring it in what is shown."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from assistant.review.redact import Redactor

TEXT = (
    "Contact: Hilde Van den Broeck (hilde.vdb@debrug-meetjesland.be, 09 223 45 67 of +32 470 12 34 56). "
    "KBO BE 0203.201.340, rekening BE68 5390 0754 7034. Mevrouw Broeck antwoordt binnen twee dagen."
)
NOT_PERSONAL = "In 2019-2023 begeleidden we 350 mensen in 9990 Maldegem; budget 15 000 euro, 2,5 VTE, 0,8 FTE."


def test_each_kind_is_masked_and_restored():
    redactor = Redactor(["Hilde Van den Broeck"])
    masked = redactor.mask(TEXT)
    for private in ["Hilde", "Broeck", "hilde.vdb@", "223 45 67", "470 12 34 56", "0203.201.340", "BE68 5390"]:
        assert private not in masked
    for placeholder in ["[NAAM-1]", "[E-MAIL-1]", "[TELEFOON-1]", "[TELEFOON-2]", "[ONDERNEMINGSNUMMER-1]", "[IBAN-1]"]:
        assert placeholder in masked
    assert redactor.restore(masked) == TEXT


def test_numbers_that_are_not_personal_stay():
    assert Redactor(["Hilde Van den Broeck"]).mask(NOT_PERSONAL) == NOT_PERSONAL


def test_invalid_check_digits_are_not_taken_for_an_enterprise_number_or_iban():
    masked = Redactor().mask("Dossier 0203.201.341 en code BE68 5390 0754 7035.")
    assert "ONDERNEMINGSNUMMER" not in masked and "BE68 5390 0754 7035" in masked
    # (a ten-digit number starting 02 may still be masked as a phone number: erring on the private side)


def test_same_value_same_placeholder_and_restore_walks_structures():
    redactor = Redactor(["Jan Peeters"])
    masked = redactor.mask("Jan Peeters belt Peeters. Mail jan@x.be of jan@x.be.")
    assert masked == "[NAAM-1] belt [NAAM-2]. Mail [E-MAIL-1] of [E-MAIL-1]."
    restored = redactor.restore({"a": ["[NAAM-1]", {"b": "[E-MAIL-1] [NAAM-9]"}], "n": 3})
    assert restored == {"a": ["Jan Peeters", {"b": "jan@x.be [NAAM-9]"}], "n": 3}


def test_name_particles_and_short_parts_are_not_masked_alone():
    masked = Redactor(["An De Smet"]).mask("De klant van An De Smet zegt: de Smet-methode werkt.")
    # "De" alone stays; "de Smet" is the surname with its particle, masked as one value
    assert masked == "De klant van [NAAM-1] zegt: [NAAM-2]-methode werkt."


PIECES = st.sampled_from([
    "Wij", "werken", "in", "Eeklo", "sinds", "2015", "met", "350", "mensen,", "9990", "Maldegem.",
    "hilde@debrug.be", "jan.peeters@vzw-x.be", "09 223 45 67", "+32 470 12 34 56", "0470/12.34.56",
    "0203.201.340", "BE68 5390 0754 7034", "Hilde", "Vermeersch", "Peeters", "2019-2023", "15 000", "euro",
    "(", ")", ";", "\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_restore_gives_back_exactly_what_was_masked(words):
    text = " ".join(words)
    redactor = Redactor(["Hilde Vermeersch", "Jan Peeters"])
    masked = redactor.mask(text)
    assert redactor.restore(masked) == text
    for private in ("hilde@debrug.be", "0203.201.340", "BE68 5390 0754 7034", "Vermeersch"):
        assert private not in masked


NAMED_PIECES = st.sampled_from([
    "Onze", "deelnemer", "Fatima,", "34", "jaar,", "woont", "in", "Eeklo.", "Trajectbegeleider", "Koen", "Verhaeghe",
    "werkt", "met", "het", "OCMW", "van", "Zelzate", "en", "VDAB.", "Janssens,", "An", "A.", "JANSSENS",
    "De", "Brug", "Meetjesland", "vzw", "DBM", "09/223.45.67", "BE0203201340", "(", ")", "\n",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(NAMED_PIECES, max_size=40))
def test_restore_is_exact_with_section_b_and_people_masked(words):
    from assistant.review.redact import digits_pattern

    text = " ".join(words)
    redactor = Redactor(["Janssens, An"], organisations=["vzw De Brug Meetjesland"], people=True,
                        values=[("TELEFOON", digits_pattern("09 223 45 67", "32")),
                                ("ONDERNEMINGSNUMMER", digits_pattern("0203.201.340"))])
    masked = redactor.mask(text)
    assert redactor.restore(masked) == text
    # (a surname alone, without a first name, role word or age, is not recognised: measured, see bench/README.md)
    for private in ("Janssens", "JANSSENS", "223.45.67", "0203201340"):
        assert private not in masked
