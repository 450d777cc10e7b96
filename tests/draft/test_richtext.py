from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.draft.richtext import Block, Run, blocks_to_text, canonical_answer, parse_answer, parse_inline


def test_emphasis_becomes_runs_and_comes_back():
    runs = parse_inline("Wij bieden **trajecten op maat** en *outreach*, ook ***beide***.")
    assert Run("trajecten op maat", bold=True) in runs
    assert Run("outreach", italic=True) in runs
    assert Run("beide", bold=True, italic=True) in runs
    assert (
        blocks_to_text([Block("paragraph", tuple(runs))])
        == "Wij bieden **trajecten op maat** en *outreach*, ook ***beide***."
    )


def test_lone_asterisks_stay_text():
    assert parse_inline("5 * 3 * 2 en a*") == [Run("5 * 3 * 2 en a*")]


def test_lists_and_paragraphs():
    blocks = parse_answer("Intro\nmet regelbreuk\n\n- een\n- twee\n\n1. eerst\n2) dan\n\nSlot")
    assert [b.kind for b in blocks] == ["paragraph", "bullet", "bullet", "number", "number", "paragraph"]
    assert blocks[0].text == "Intro\nmet regelbreuk"
    assert canonical_answer("Intro\n* een\n* twee\nSlot") == "Intro\n\n- een\n- twee\n\nSlot"
    assert canonical_answer("1. a\n3. b") == "1. a\n2. b"


words = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=1, max_size=8)
sentence = st.lists(words, min_size=1, max_size=8).map(" ".join)
block = st.one_of(
    sentence,
    sentence.map(lambda s: f"**{s}**"),
    st.lists(sentence, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.lists(sentence, min_size=1, max_size=3).map(
        lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))
    ),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(block, min_size=1, max_size=6))
def test_canonical_form_is_stable(blocks):
    text = "\n\n".join(blocks)
    once = canonical_answer(text)
    assert canonical_answer(once) == once
