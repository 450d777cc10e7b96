"""LLM review through the openai SDK. The SDK is imported lazily: importing this package stays cheap.

For the TUI and the commands (all in .review unless noted; run them in a worker thread):
- `open_session(settings)`: resolve server, key and model once. LLMError kind "off" means no LLM is
  configured or it is turned off: say `str(error)` once and carry on with the offline review.
- `review_with_llm(proposal, call, question_id, settings, session=, cancel=threading.Event())`: an
  LLMReview (output with personal data restored, usage with tokens and cost). Cached in
  `proposal.reviews`; save the proposal afterwards.
- `llm_findings(review, call)`: Finding objects with reviewer "llm", next to the offline rules'.
- `record_followups(proposal, question_id, review.output.followup_questions)`: keeps them with the answer
  and returns the unanswered ones; set `.reply` on each as the applicant answers, and save.
- `propose_followup_revision(...)` / `propose_shorter(..., covered_parts=offline coverage)`: a
  RevisionProposal (original, text, changes); show `draft.versions.diff_words(original, text)` and, if
  accepted, `proposal.set_answer(question_id, text, origin="suggestion")`.
- `add_llm_findings(report, proposal, call, settings, no_cache, save_to=)`: the `check --llm` part.
- Every failure is an `errors.LLMError` with `.kind` and a Dutch message; the answer is never touched.
`.probe.probe(settings)` is `llm test`.
"""
