"""The line-at-a-time wrapping gives exactly the piece-by-piece result wherever it applies."""

from hypothesis import given, settings, strategies as st

from assistant.draft.richtext import Run
from assistant.layout import estimate
from assistant.layout.typography import ParagraphStyle

WORDS = [
    "de", "het", "klant", "samenwerking", "regio-uitdagingen", "Sint-Laureins", "a-5", "x-", "kwaliteits-",
    "arbeidsmarktbemiddelingstrajectbegeleidingsorganisatie", "€15.000", "(PDCA)", "ervaringsdeskundigen,",
]  # fmt: skip
word = st.sampled_from(WORDS)
separator = st.sampled_from([" ", " ", " ", " ", "\n", ""])
run_text = st.lists(st.tuples(word, separator), min_size=1, max_size=40).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)
runs = st.lists(st.builds(Run, run_text, st.booleans(), st.booleans()), min_size=1, max_size=4).map(tuple)


@settings(max_examples=400, deadline=None)
@given(runs=runs, width=st.sampled_from([453.5, 435.5, 120.0, 60.0]), bold=st.booleans())
def test_fast_wrapping_agrees_with_the_general_one(runs, width, bold):
    style = ParagraphStyle("Normal", 11, bold=bold)
    fast = estimate._fast_lines(runs, style, width)
    if fast is not None:
        assert fast == estimate._general_lines(runs, style, width)


def test_fast_wrapping_applies_to_ordinary_text():
    style = ParagraphStyle("Normal", 11)
    text = (Run("Wij werken in "), Run("Eeklo", bold=True), Run(", Sint-Laureins en Zelzate. ")) * 20
    assert estimate._fast_lines(text, style, 453.5) == estimate._general_lines(text, style, 453.5) > 5
