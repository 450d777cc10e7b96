"""The form as data: models and loader. Imports nothing else of ours but errors."""

from assistant.call.loader import available_calls, load_call, load_call_file
from assistant.call.models import Call, Criterion, Field, Question, SubPart

__all__ = [
    "Call",
    "Criterion",
    "Field",
    "Question",
    "SubPart",
    "available_calls",
    "load_call",
    "load_call_file",
]
