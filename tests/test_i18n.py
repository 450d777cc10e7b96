"""The catalogue: every text of the code has its English, no entry is stale or fuzzy, the shipped .mo says what
the .po says, and the active language is what `_` answers in."""

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from assistant import i18n
from assistant.i18n import _, in_language, ngettext

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "assistant" / "locale" / "en" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def extracted() -> dict[str | tuple[str, ...], list[str]]:
    """Every message id in the code, as `make messages` extracts it (babel.cfg), with where it occurs."""
    found: dict[str | tuple[str, ...], list[str]] = {}
    with (ROOT / "babel.cfg").open() as config:
        from babel.messages.frontend import parse_mapping_cfg

        method_map, options_map = parse_mapping_cfg(config)
    for filename, lineno, message, _comments, _context in extract_from_dir(ROOT / "assistant", method_map, options_map):
        key = message if isinstance(message, str) else tuple(m for m in message if m is not None)
        found.setdefault(key, []).append(f"{filename}:{lineno}")
    return found


def catalogue():
    with PO.open("rb") as po:
        return read_po(po)


def entries(catalog) -> dict:
    return {(m.id if isinstance(m.id, str) else tuple(m.id)): m for m in catalog if m.id}


def test_the_code_has_texts_to_translate():
    # Guards the tests below against an extraction that silently finds nothing (a wrong map or keyword).
    assert len(extracted()) > 100


def test_every_text_of_the_code_has_an_english_translation():
    known = entries(catalogue())
    untranslated = []
    for key, where in extracted().items():
        message = known.get(key)
        strings = [] if message is None else [message.string] if isinstance(message.string, str) else message.string
        if message is None or not strings or not all(s.strip() for s in strings) or message.fuzzy:
            untranslated.append(f"{where[0]}: {key!r}")
    assert not untranslated, "no English (run `make messages`, then translate in messages.po):\n" + "\n".join(untranslated)


def test_the_catalogue_has_no_stale_or_fuzzy_entries():
    catalog = catalogue()
    code = extracted()
    stale = [key for key in entries(catalog) if key not in code]
    assert not stale, f"in messages.po but no longer in the code (run `make messages`): {stale}"
    assert not catalog.obsolete, f"obsolete entries (#~) in messages.po: {list(catalog.obsolete)}"
    assert not [m.id for m in catalog if m.id and m.fuzzy], "fuzzy entries: check the English and drop the flag"


def test_every_translation_keeps_the_placeholders_of_its_dutch():
    wrong = []
    for key, message in entries(catalogue()).items():
        sources = [key] if isinstance(key, str) else list(key)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = {name for source in sources for name in PLACEHOLDER.findall(source)}
        for string in strings:
            if {name for name in PLACEHOLDER.findall(string)} != wanted:
                wrong.append((key, string))
    assert not wrong


def test_the_shipped_mo_says_what_the_po_says():
    with MO.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    expected = {}
    for message in catalogue():
        if not message.id:
            continue
        if isinstance(message.id, str):
            expected[message.id] = message.string
        else:
            for index, string in enumerate(message.string):
                expected[(message.id[0], index)] = string
    compiled = {key: value for key, value in compiled.items() if key != ""}
    assert compiled == expected, "messages.mo lags behind messages.po: run `make messages`"


def test_dutch_is_the_source_and_english_comes_from_the_catalogue():
    with in_language("nl"):
        assert _("Niets blokkeert de indiening.") == "Niets blokkeert de indiening."
        assert ngettext("{count} regel", "{count} regels", 2) == "{count} regels"
    with in_language("en"):
        assert _("Niets blokkeert de indiening.") == "Nothing blocks submission."
    assert i18n.language() == "nl"


@pytest.mark.parametrize("unknown", ["fr", "", "EN"])
def test_an_unknown_language_means_dutch(unknown):
    with in_language(unknown):
        assert i18n.language() == "nl"


def test_numbers_are_written_as_the_language_writes_them():
    from assistant.i18n import decimal

    with in_language("nl"):
        assert decimal("2.5") == "2,5"
    with in_language("en"):
        assert decimal("2.5") == "2.5"


def test_every_formatted_text_gets_each_of_its_placeholders():
    """`_("… {name} …").format(...)` names every placeholder of the Dutch text: a missing one would raise
    KeyError only when that message is shown, in either language."""
    import ast
    import string

    wrong, checked = [], 0
    for path in sorted((ROOT / "assistant").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"):
                continue
            inner = node.func.value
            if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id in ("_", "ngettext")):
                continue
            texts = [a.value for a in inner.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            given = {k.arg for k in node.keywords}
            if None in given:  # **values: not checked here
                continue
            checked += 1
            for text in texts:
                needed = {field[1] for field in string.Formatter().parse(text) if field[1]}
                if needed != given:
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: {sorted(needed)} != {sorted(given)}")
    assert checked > 100 and not wrong, "\n".join(wrong)


def test_no_text_is_marked_inside_an_f_string():
    """Babel reads no call inside an f-string (Python 3.11): `f"{_('x')}"` would never reach the catalogue."""
    hidden = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "assistant").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"""\{N?_\(['"]""", line)
    ]
    assert not hidden


def test_main_s_number_and_deadline_texts_follow_the_language():
    """draft.text.dutch_number and the per-client deadline are written as the active language writes them."""
    from datetime import date

    from assistant.draft.client import describe_deadline
    from assistant.draft.text import dutch_number

    with in_language("nl"):
        assert dutch_number(2.25, 2) == "2,25"
        assert describe_deadline(date(2026, 12, 31), date(2026, 12, 30)) == "31/12/2026 (nog 1 dag)"
    with in_language("en"):
        assert dutch_number(2.25, 2) == "2.25"
        assert describe_deadline(date(2026, 12, 31), date(2026, 12, 29)) == "31/12/2026 (2 days left)"
