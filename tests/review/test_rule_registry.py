"""The offline rules register themselves: a rule is one module, and it must say what it weighs in the score."""

import importlib
import sys

import pytest

from assistant.review import rules
from assistant.review.offline import review_question
from tests.corpus import load_corpus

NEW_RULE = """
from assistant.review.rules import Outcome, QuestionContext, rule


@rule("always_poor", weight={weight})
def check(context: QuestionContext) -> Outcome:
    return Outcome(quality=0.0)
"""

FORGOTTEN = """
from assistant.review.rules import Outcome, QuestionContext


def check(context: QuestionContext) -> Outcome:
    return Outcome(quality=0.0)
"""


@pytest.fixture
def rules_folder(tmp_path, monkeypatch):
    """An extra folder of rule modules, as if they were files in assistant/review/rules, undone afterwards."""
    monkeypatch.setattr(rules, "__path__", [*rules.__path__, str(tmp_path)])
    monkeypatch.setattr(rules, "_REGISTRY", dict(rules._REGISTRY))
    rules._discover.cache_clear()
    importlib.invalidate_caches()
    yield tmp_path
    rules._discover.cache_clear()
    for name in [m for m in sys.modules if m.startswith("assistant.review.rules.extra_")]:
        del sys.modules[name]


def test_a_rule_without_a_weight_cannot_be_registered():
    with pytest.raises(TypeError):
        rules.rule("no_weight")  # type: ignore[call-arg]
    for weight in (None, "20", -1.0, True):
        with pytest.raises(TypeError, match="weight"):
            rules.rule("bad_weight", weight=weight)  # type: ignore[arg-type]


def test_rules_sharing_a_component_must_agree_on_its_weight():
    with pytest.raises(ValueError, match="criteria"):
        rules.rule("odd_criterion", weight=5.0, component="criteria")


def test_every_rule_module_is_registered_with_its_weight():
    registered = {r.name: r for r in rules.registered()}
    assert set(registered) == {
        "coverage", "length", "concreteness", "anchoring", "framework", "addendum",
        "readability", "injection", "marks", "me_too",
    }  # fmt: skip
    components = {r.component: r.weight for r in registered.values() if r.weight}
    assert components == {"coverage": 50.0, "concreteness": 20.0, "length": 10.0, "criteria": 20.0}


def test_a_module_that_forgets_to_register_its_check_is_an_error(rules_folder):
    (rules_folder / "extra_forgotten.py").write_text(FORGOTTEN, encoding="utf-8")
    with pytest.raises(TypeError, match="extra_forgotten"):
        rules.registered()


def test_adding_a_rule_is_one_file_and_its_weight_counts(rules_folder, call):
    answer = next(a for a in load_corpus("tune") if a.level == "good")
    before = review_question(call, answer.question, answer.text)
    (rules_folder / "extra_always_poor.py").write_text(NEW_RULE.format(weight=100.0), encoding="utf-8")
    rules._discover.cache_clear()  # as on the next start of the program
    assert "always_poor" in {r.name for r in rules.registered()}
    after = review_question(call, answer.question, answer.text)
    assert after.score < before.score
