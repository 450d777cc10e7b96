"""Per-client settings of a proposal: its language and its deadline, read as a user types them and shown
with the days left."""

from __future__ import annotations

import re
from datetime import date

from assistant.errors import UsageError
from assistant.i18n import _, ngettext

LANGUAGE_WORDS = {"nl": "Nederlands", "en": "English"}
# A date as typed: 2026-12-31, or the Belgian 31/12/2026, 31-12-2026 or 31.12.2026.
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_BELGIAN = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100  # a deadline outside these years is a typing error


def parse_deadline(text: str) -> date:
    """A deadline as typed; UsageError with a Dutch message when it is no date."""
    typed = text.strip()
    if match := _ISO.fullmatch(typed):
        year, month, day = match.groups()
    elif match := _BELGIAN.fullmatch(typed):
        day, month, year = match.groups()
    else:
        raise UsageError(_("'{text}' is geen datum; schrijf ze als 31/12/2026 of 2026-12-31.").format(text=text))
    try:
        parsed = date(int(year), int(month), int(day))
    except ValueError:
        raise UsageError(_("'{text}' bestaat niet als datum.").format(text=text)) from None
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:  # 0001-01-01 is a typing error, not a deadline
        raise UsageError(_("'{text}' ligt niet tussen {first} en {last}: een typfout?").format(
            text=text, first=EARLIEST_YEAR, last=LATEST_YEAR))
    return parsed


def days_left(deadline: date, today: date | None = None) -> int:
    """Days from today to the deadline: 0 on the day itself, negative once it has passed."""
    return (deadline - (today or date.today())).days


def describe_deadline(deadline: date, today: date | None = None) -> str:
    """'31/12/2026 (nog 28 dagen)', '… (vandaag)', '… (2 dagen geleden verstreken)'."""
    left = days_left(deadline, today)
    if left == 0:
        when = _("vandaag")
    elif left > 0:
        when = ngettext("nog {count} dag", "nog {count} dagen", left).format(count=left)
    else:
        when = ngettext("{count} dag geleden verstreken", "{count} dagen geleden verstreken", -left).format(count=-left)
    return f"{deadline:%d/%m/%Y} ({when})"
