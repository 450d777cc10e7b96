"""The running app with its own type: Textual types `node.app` as a plain `App`, so screens ask here."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:  # only for the checker: at run time app.py imports the screens, never the reverse
    from assistant.tui.app import WseApp


def wse_app(node: DOMNode) -> WseApp:
    """The WseApp `node` runs in (the only app that mounts these screens and widgets)."""
    return cast("WseApp", node.app)
