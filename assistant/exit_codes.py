"""Exit codes of every command, in one place (docs/usage.md, "Commands")."""

OK = 0
BLOCKING = 1  # the result has problems that block submission (or a review that failed)
USAGE = 2  # usage or file errors: one Dutch line on stderr
INTERRUPTED = 130  # Ctrl+C
