"""The Textual interface. Nothing imports this package but the commands that open it."""
