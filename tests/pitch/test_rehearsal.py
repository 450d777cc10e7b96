"""Rehearsal answers are checked against the proposal: planted contradictions and additions are flagged,
what the proposal says is not, and the rehearsal is kept with the proposal."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.draft.models import PROPOSAL_SCHEMA_VERSION
from assistant.draft.store import read_proposal, write_proposal
from assistant.draft.workspace import load_any
from assistant.pitch.rehearsal import MAX_FLAGS, check_answer, record

STRONG = Path(__file__).parents[1] / "fixtures" / "proposals" / "sterk.md"


def _flags(answer: str):
    loaded = load_any(STRONG)
    return {(f.kind, f.said): f.message for f in check_answer(loaded.proposal, loaded.call, answer)}


def test_a_number_the_proposal_gives_otherwise_is_a_contradiction():
    flags = _flags("We begeleiden 60 deelnemers tegelijk met 3 VTE.")
    assert list(flags) == [("tegenspraak", "60 deelnemers")]
    assert "45" in flags[("tegenspraak", "60 deelnemers")]


def test_numbers_and_names_the_proposal_lacks_go_beyond_it():
    flags = _flags("In 2025 vond 75% van onze deelnemers werk, onder meer via Randstad in Gent.")
    assert ("nieuw", "75%") in flags
    assert ("nieuw", "Randstad") in flags and ("nieuw", "Gent") in flags


def test_what_the_proposal_says_is_not_flagged():
    answer = (
        "Sinds de start in 2012 begeleidden we 1.140 mensen. Onze caseload is maximaal vijftien deelnemers. "
        "Bij een crisis schakelen we het CGG of De Sleutel in, en in Eeklo werken we met het OCMW."
    )
    assert _flags(answer) == {}


def test_a_huge_answer_ends_in_a_bounded_list_of_flags():
    loaded = load_any(STRONG)
    answer = " ".join(f"Wij zagen {n} klanten bij Firma{n}." for n in range(1000, 60_000))
    flags = check_answer(loaded.proposal, loaded.call, answer)
    assert len(flags) == MAX_FLAGS


def test_a_rehearsal_is_kept_with_the_proposal(tmp_path: Path):
    loaded = load_any(STRONG)
    flags = check_answer(loaded.proposal, loaded.call, "We begeleiden 60 deelnemers.")
    record(loaded.proposal, "VDAB", "Hoeveel deelnemers?", "We begeleiden 60 deelnemers.", 42, flags)
    path = tmp_path / "sterk.json"
    write_proposal(path, loaded.proposal)
    kept = read_proposal(path).rehearsals
    assert [(r.jury, r.seconds, r.answer) for r in kept] == [("VDAB", 42, "We begeleiden 60 deelnemers.")]
    assert kept[0].flags == [flags[0].message]


def test_a_proposal_file_of_schema_1_reads_with_no_rehearsals(tmp_path: Path):
    loaded = load_any(STRONG)
    data = json.loads(loaded.proposal.model_dump_json())
    data["schema_version"] = 1
    data.pop("rehearsals")
    path = tmp_path / "oud.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    proposal = read_proposal(path)
    assert proposal.schema_version == PROPOSAL_SCHEMA_VERSION and proposal.rehearsals == []
