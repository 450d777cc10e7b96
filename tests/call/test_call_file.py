from pathlib import Path

import pytest

from assistant.call import available_calls, load_call
from assistant.call.loader import DEFAULT_CALL_ID, load_call_file
from assistant.errors import CallFileError

FORM = Path(__file__).resolve().parents[3] / "shared" / "seed" / "kandidatuur-oost-meetjesland-2026.md"

EXPECTED_PARTS = {
    "D1a": ["meerwaarde", "activiteiten", "aanpak"],
    "D1b": ["expertise", "ervaring"],
    "D1c": ["verankering"],
    "D2a": ["samenwerking", "vorm", "partners", "organisatie", "verloop"],
    "D2b": ["gemis", "grenzen", "complementair"],
    "D2c": ["lessen", "goed", "slecht", "engagement"],
    "D2d": ["cruciaal", "i", "ii", "iii", "iv"],
}


def test_bundled_call_has_every_question_with_its_subparts(call):
    assert call.id == DEFAULT_CALL_ID
    assert {q.id: q.subpart_ids for q in call.questions} == EXPECTED_PARTS
    assert [f.id for f in call.fields] == [
        "A", "B.organisatie", "B.rechtsvorm", "B.ondernemingsnummer", "B.contact.naam",
        "B.contact.functie", "B.contact.email", "B.contact.telefoon", "C.engagement",
    ]
    assert call.field("A").value == "B – OOST Meetjesland"
    assert "andere" in call.field("B.rechtsvorm").choices
    assert call.page_rule.max_pages == 10 and call.page_rule.margin_cm == 2.5
    assert call.page_rule.font == "Calibri" and call.page_rule.font_size_pt == 11
    assert sum(q.page_budget for q in call.questions) <= call.page_rule.max_pages
    assert "Eeklo" in call.region.municipalities


def test_every_question_has_guidance_and_criteria_with_four_levels(call):
    for question in call.questions:
        assert len(question.guidance) > 80
        for criterion in call.criteria_for(question.id):
            levels = criterion.levels
            assert all([levels.sterk, levels.voldoende, levels.zwak, levels.ontbreekt])
    framework = {c.id for c in call.criteria}
    assert {"klantperspectief", "leercyclus", "partnerschapsontwikkeling"} <= framework


@pytest.mark.skipif(not FORM.exists(), reason="the form lives in ../shared beside the checkout")
def test_question_texts_and_engagement_are_verbatim_from_the_form(call):
    form = " ".join(FORM.read_text(encoding="utf-8").split())
    for question in call.questions:
        assert " ".join(question.text.split()) in form, question.id
        for item in question.items:
            assert item.text in form
    engagement = call.section("C").intro
    for paragraph in engagement.split("\n\n"):
        plain = paragraph.replace("[^1]", "<sup>1</sup>").replace("[^2]", "<sup>2</sup>").strip()
        assert " ".join(plain.split()) in form
    assert [f.url for f in call.section("C").footnotes] == [
        "https://www.vlaanderen.be/kwaliteits-en-registratiemodel-van-dienstverleners-binnen-werk-en-sociale-economie",
        "https://deming.org/explore/pdsa/",
    ]
    assert call.section("D").title == "D. Projectvoorstel (max 10 pagina's)"


def test_available_calls_lists_the_bundled_call():
    assert [c.id for c in available_calls()] == [DEFAULT_CALL_ID]


def _bundled_text() -> str:
    return Path(load_call().source_path).read_text(encoding="utf-8")


def test_a_call_file_elsewhere_loads_by_path(tmp_path):
    other = tmp_path / "andere-oproep.toml"
    other.write_text(_bundled_text().replace('id = "oost-meetjesland-2026"', 'id = "andere-2027"'), encoding="utf-8")
    assert load_call(str(other)).id == "andere-2027"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda s: s.replace("page_budget = 2.0", "page_budget = 2.0\npagina_budget = 3"), "questions[D1a].pagina_budget': is onbekend"),
        (lambda s: s.replace('kind = "email"', 'kind = "mail"'), "fields[B.contact.email].kind"),
        (lambda s: s.replace("max_pages = 10\n", ""), "page_rule.max_pages': ontbreekt"),
        (lambda s: s.replace('criteria = ["expertise_bewezen",', 'criteria = ["bestaat_niet",'), "onbekend criterium 'bestaat_niet'"),
        (lambda s: s + "\n[[[kapot", "geen geldige TOML"),
        (lambda s: s.replace('"nv" = ["naamloze vennootschap"', '"nv" = ["V.Z.W."'), "'V.Z.W.' staat bij 'vzw' en bij 'nv'"),
        (lambda s: s.replace('"esv" = [', '"esc" = ['), "choice_names noemt 'esc'"),
        # a cue without a word used to load and then fail at the first review, with a traceback
        (lambda s: s.replace('cues = ["meerwaarde",', 'cues = ["+ *", "meerwaarde",', 1), "cue '+ *' bevat geen woord"),
        # a word with * on both sides loaded and then matched nothing
        (lambda s: s.replace('cues = ["meerwaarde",', 'cues = ["*samenwerk*", "meerwaarde",', 1), "niet aan beide kanten"),
    ],
)
def test_a_broken_call_file_is_refused_naming_file_and_key(tmp_path, edit, expected):
    broken = tmp_path / "kapot.toml"
    broken.write_text(edit(_bundled_text()), encoding="utf-8")
    with pytest.raises(CallFileError) as info:
        load_call_file(broken)
    assert str(broken) in str(info.value)
    assert expected in str(info.value)


def test_unknown_call_id_names_the_known_ones():
    with pytest.raises(CallFileError, match="oost-meetjesland-2026"):
        load_call("bestaat-niet")
