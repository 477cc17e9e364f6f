"""The file the letter pages look their deadlines up in (letters/lookup.json): the same table,
from the same rules (macros/deadlines.py), as the deadline page's lookup.json, for the series the
letters need. letters.js applies no rule: it looks up the dates typed, as deadlines.js does."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from .content import Content
from .deadlines import series_table
from .urls import LETTERS_LOOKUP_FILE


def letter_series(content: Content) -> list[tuple[str, str]]:
    """(time limit id, event id) of every deadline a letter names, each once: each period of
    each of the letter's time limits that counts from the event of one of its date fields."""
    series = {}
    for letter in content.letters.values():
        events = {field.event for field in letter.fields.values() if field.event}
        for limit_id in letter.time_limits:
            for period in content.time_limits[limit_id].rule.periods:
                if period.counts_from in events:
                    series[(limit_id, period.counts_from)] = None
    return list(series)


def write_letter_lookup(site_dir: Path, content: Content, built_on: date) -> None:
    """letters/lookup.json, compact, as site_outputs.write_deadline_lookup writes the deadline
    page's."""
    table = series_table(letter_series(content), content.time_limits, built_on)
    (site_dir / LETTERS_LOOKUP_FILE).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / LETTERS_LOOKUP_FILE).write_text(
        json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8"
    )
