"""Review of a proposal: offline rules (always) and the LLM (when configured), one findings model."""
