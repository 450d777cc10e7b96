"""The one message for a section D over the limit: only answers over their budget, Dutch plurals."""

import pytest

from assistant.layout.pages import PageReport, over_limit_message


def report(estimated: float, per_question: dict[str, tuple[float, float]], rendered: int | None = None) -> PageReport:
    return PageReport(
        section="D",
        limit=10,
        estimated=estimated,
        rendered=rendered,
        last_page_fill=0.5 if rendered else None,
        renderer="LibreOffice 24.2" if rendered else None,
        over_limit=True,
        per_question=[{"id": q, "number": q[1:], "pages": p, "budget": b} for q, (p, b) in per_question.items()],
    )


def test_only_answers_over_their_budget_are_named():
    message = over_limit_message(report(12.93, {"D1a": (4.1, 2.0), "D1b": (1.3, 1.5), "D2a": (2.2, 1.5), "D2d": (1.0, 1.0)}))
    assert "2,93 pagina's te veel" in message
    assert "1a 4,1 p. (budget 2, +2,1), 2a 2,2 p. (budget 1,5, +0,7)." in message
    assert "1b" not in message and "2d" not in message and "−" not in message


@pytest.mark.parametrize(
    ("estimated", "says"),
    [(11.0, "ongeveer 1 pagina te veel"), (10.5, "ongeveer 0,5 pagina te veel"), (11.5, "ongeveer 1,5 pagina's te veel")],
)
def test_the_excess_takes_the_right_plural(estimated, says):
    assert says in over_limit_message(report(estimated, {"D1a": (estimated - 8, 2.0)}))


def test_the_rendered_count_is_named_with_its_plural():
    message = over_limit_message(report(10.4, {"D1a": (3.0, 2.0)}, rendered=11))
    assert "11 pagina's volgens LibreOffice 24.2" in message and "ongeveer 0,5 pagina te veel" in message


def test_when_no_answer_overshoots_the_message_says_so_instead_of_listing_any():
    message = over_limit_message(report(10.3, {"D1a": (2.0, 2.0), "D1b": (1.4, 1.5)}))
    assert "Geen antwoord gaat over zijn budget" in message and "1b" not in message
