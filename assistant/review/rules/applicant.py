"""Another organisation presented as the applicant: an answer copied from another proposal, or written
for a partner, says "Vzw De Brug is klein" where section B names someone else. Only checked in the
whole report (it needs section B); names of the region's places and local actors are never the applicant.
"""

from __future__ import annotations

import re

from assistant.call.models import Call
from assistant.i18n import _
from assistant.review.findings import Finding
from assistant.review.language import Analysis, words
from assistant.review.rules import shorten

_NAME = r"((?:[A-Z][\w'&-]*|de|De|het|Het|van|&)(?:\s+(?:[A-Z][\w'&-]*|de|het|van|&))*)"
_LEGAL = r"(?:vzw|VZW|Vzw|bv|BV|cv|CV|nv|NV|cvba|bvba)"
# Forms that present a name as the one writing: "Wij, De Brug, …", "Als (vzw) Taalpunt …", "Vzw De Brug is …",
# "Kringloop Meetjesland vzw …", "Namens TalentBridge …".
_PRESENTED = [
    re.compile(r"\b(?:Wij|We),\s+" + _NAME + r"\s*,"),
    re.compile(
        r"(?:^|[.!?]\s+)(?:Als|Namens)\s+(?:" + _LEGAL + r"\s+)?" + _NAME
        + r"\s+(?:zijn|willen|bieden|brengen|hebben|kunnen|werken|zetten)\b"
    ),
    re.compile(r"\b" + _LEGAL + r"\s+" + _NAME + r"\s+(?:is|zijn|biedt|brengt|heeft|werkt|begeleidt|kan|wil)\b"),
    re.compile(r"(?:^|[.!?]\s+)" + _NAME + r"\s+" + _LEGAL + r"\b"),
]
# Words that name nobody: legal forms, articles, pronouns, and the words a sentence presenting a name starts with
# ("Als vzw De Brug …" is no organisation called "Als").
_IGNORED = frozenset(
    "vzw bv cv nv cvba bvba de het van en bureau organisatie onze ons wij we mijn hun deze die dit een als namens".split()
)


def _significant(name: str) -> set[str]:
    return {w for w in words(name) if w not in _IGNORED and len(w) > 2}


def findings(call: Call, analysis: Analysis, organisation: str) -> list[Finding]:
    """At most one finding: the first sentence presenting an organisation that is not `organisation`."""
    own = _significant(organisation)
    if not own:
        return []
    known = {w for n in [*call.region.municipalities, *call.region.elsewhere, *call.region.local_actors] for w in _significant(n)}
    for sentence in analysis.sentences:
        for pattern in _PRESENTED:
            for match in pattern.finditer(sentence.text):
                name = match.group(1).strip()
                named = _significant(name)
                if named and not named & own and not named <= known:
                    return [
                        Finding(
                            severity="belangrijk",
                            criterion="aanvrager",
                            quote=shorten(sentence.text),
                            message=_("Het antwoord stelt '{name}' voor als aanvrager, maar sectie B noemt "
                                      "'{organisation}': schrijf het antwoord voor uw eigen organisatie, "
                                      "of pas sectie B aan.").format(name=name, organisation=organisation),
                        )
                    ]
    return []
