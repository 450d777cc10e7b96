"""Key descriptions in the user's language, read when the footer or the help screen shows them.

Every text of the app comes from the one catalogue (assistant/i18n.py). Key bindings are declared at class
definition, so their descriptions are marked with `N_` there and translated here, each time they are shown:
a language switch reaches them without rebuilding any class.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from assistant.i18n import N_, _

# Textual's widgets describe their keys in English; these are the footer texts of theirs a user sees.
_TEXTUAL_KEYS = {"Dismiss menu": N_("Menu sluiten")}


def key_description(description: str) -> str:
    """A binding's description in the active language (Textual's own English ones included)."""
    return _(_TEXTUAL_KEYS.get(description, description))


class TranslatedKeys:
    """Mixin for a screen with a footer: every key it shows described in the user's language."""

    @property
    def active_bindings(self) -> dict[str, Any]:
        bindings = super().active_bindings  # type: ignore[misc]
        for key, active in bindings.items():
            description = active.binding.description
            if description:
                translated = dataclasses.replace(active.binding, description=key_description(description))
                bindings[key] = active._replace(binding=translated)
        return bindings
