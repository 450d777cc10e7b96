from hypothesis import given, settings, strategies as st

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


def test_indented_items_keep_their_level_and_numbering_restarts_under_each_parent():
    text = "- a\n  - a1\n    1. x\n    2. y\n  - a2\n- b\n    - b1"
    blocks = parse_answer(text)
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("bullet", 0, "a"),
        ("bullet", 1, "a1"),
        ("number", 2, "x"),
        ("number", 2, "y"),
        ("bullet", 1, "a2"),
        ("bullet", 0, "b"),
        ("bullet", 1, "b1"),
    ]
    assert blocks_to_text(blocks) == "- a\n    - a1\n        1. x\n        2. y\n    - a2\n- b\n    - b1"
    assert canonical_answer(blocks_to_text(blocks)) == blocks_to_text(blocks)


def test_a_markdown_table_is_one_block_with_a_header_and_even_rows():
    text = "Planning:\n\n| Activiteit | Wie |\n|---|:--:|\n| Inloop | **OCMW** |\n| Coaching \\| nazorg |\n\nSlot"
    blocks = parse_answer(text)
    assert [b.kind for b in blocks] == ["paragraph", "table", "paragraph"]
    rows = blocks[1].rows
    assert [["".join(r.text for r in cell) for cell in row] for row in rows] == [
        ["Activiteit", "Wie"],
        ["Inloop", "OCMW"],
        ["Coaching | nazorg", ""],
    ]
    assert rows[1][1] == (Run("OCMW", bold=True),)
    again = blocks_to_text(blocks)
    assert "| Coaching \\| nazorg |  |" in again
    assert parse_answer(again) == blocks


def test_a_header_row_is_bold_by_itself():
    blocks = parse_answer("| **Wat** | *Wie* |\n|---|---|\n| a | **b** |")
    assert blocks[0].rows[0] == ((Run("Wat"),), (Run("Wie", italic=True),))
    assert blocks_to_text(blocks) == "| Wat | *Wie* |\n| --- | --- |\n| a | **b** |"


def test_pipes_without_a_rule_row_stay_text():
    assert [b.kind for b in parse_answer("| a | b |\n| c | d |")] == ["paragraph"]
