"""Prompt templates (Dutch), shipped inside the wheel as assistant.prompts."""
