"""LLM review through the openai SDK. The SDK is imported lazily: importing this package stays cheap.

Public entry points live in assistant.review.llm.review (review_with_llm, llm_findings, add_llm_findings,
propose_followup_revision, propose_shorter); endpoint resolution and `llm test` in .provider.
"""
