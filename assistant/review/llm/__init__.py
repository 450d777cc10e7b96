"""LLM review through the openai SDK. The SDK is imported lazily: importing this package stays cheap.

Modules: provider (settings -> endpoint, client), session (endpoint + model in use, cost), prompt
(templates, budget, addendum ranking), schema (reply models, strict schema, validation), ladder
(structured output with fallbacks and one repair round), review (one answer), report (`check --llm`),
revise (proposed rewrites), probe (`llm test`), log (the local request log), errors (Dutch messages).

For the TUI and the commands (run them in a worker thread):
- `session.open_session(settings)`: resolve server, key and model once. LLMError kind "off" means no LLM
  is configured or it is turned off: say `str(error)` once and carry on with the offline review.
- `review.review_with_llm(proposal, call, question_id, settings, session=, cancel=threading.Event())`:
  an LLMReview (output with personal data restored, usage with tokens and cost). Cached in
  `proposal.reviews`; save the proposal afterwards.
- `review.llm_findings(review, call)`: Finding objects with reviewer "llm", next to the offline rules'.
- `review.record_followups(proposal, question_id, review.output.followup_questions)`: keeps them with the
  answer and returns the unanswered ones; set `.reply` on each as the applicant answers, and save.
- `revise.propose_followup_revision(...)` / `revise.propose_shorter(...)`: a RevisionProposal (original,
  text, changes); show `draft.versions.diff_words(original, text)` and, if accepted,
  `proposal.set_answer(question_id, text, origin="suggestion")`.
- `report.add_llm_findings(report, proposal, call, settings, no_cache, save_to=)`: the `check --llm` part.
- Every failure is an `errors.LLMError` with `.kind` and a Dutch message; the answer is never touched.
"""
