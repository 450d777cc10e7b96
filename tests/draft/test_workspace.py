import pytest

from assistant.draft.workspace import MAX_SLUG_BYTES, default_proposal_path, slug
from assistant.errors import UsageError


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Ünïcödé – vzw", "unicode-vzw"),
        ("Werkwinkel Kreekland", "werkwinkel-kreekland"),
        ("日本語", "日本語"),
        ("Ελληνικά", "ελληνικά"),
        ("हिन्दी संस्था", "हिन्दी-संस्था"),  # the vowel signs stay with their letters
        ("Sint-Jan's", "sint-jans"),
        ("vzw\u200b De\u00a0Brug", "vzw-de-brug"),  # pasted invisible characters do not split or show
        ("Ｗｅｒｋ ﬁets", "werk-fiets"),
    ],
)
def test_file_names_keep_letters_of_any_script_and_drop_accents(name, stem):
    assert slug(name) == stem


@pytest.mark.parametrize("name", ["🙂", "...", ".", "   ", "", "– & –"])
def test_a_name_without_letters_or_digits_is_refused_in_dutch(name):
    with pytest.raises(UsageError, match="naam"):
        default_proposal_path(name)


def test_different_names_without_latin_letters_get_different_files():
    names = ["日本語", "中文", "Ελληνικά", "Русский"]
    assert len({default_proposal_path(n) for n in names}) == len(names)


@pytest.mark.parametrize("name", ["a" * 300, "woord " * 80, "日本語" * 100, "é" * 300])
def test_long_names_are_cut_to_a_file_name_the_system_accepts(name):
    stem = slug(name)
    assert 0 < len(stem.encode()) <= MAX_SLUG_BYTES
    assert not stem.endswith("-")
    if name.startswith("woord"):
        assert stem.endswith("woord")  # cut at a word
