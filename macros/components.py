"""Render components from records through Jinja templates kept as files in macros/templates/.

Independent of MkDocs: give it records, get HTML back. Autoescaping is on, so text from YAML is
always escaped; only fields typed as Markdown are turned into HTML, by the ``markdown`` filter.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import phonenumbers
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .markdown_safety import sanitised_html
from .records import DAYS, MarkdownText

TEMPLATE_DIR = Path(__file__).parent / "templates"
_DAY_ORDER = list(DAYS)


def day_ranges(days: list[str]) -> list[tuple[str, str | None]]:
    """Group day codes into runs of consecutive days, for "Monday to Friday".

    ['MO','TU','WE','TH','FR'] → [('MO','FR')]; ['MO','WE'] → [('MO',None),('WE',None)];
    ['SA','MO','TU'] → [('MO','TU'),('SA',None)].
    """
    ordered = sorted(set(days), key=_DAY_ORDER.index)
    runs: list[list[str]] = []
    for day in ordered:
        if runs and _DAY_ORDER.index(day) == _DAY_ORDER.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return [(run[0], run[-1] if len(run) > 1 else None) for run in runs]


def govuk_time(value: str) -> str:
    """GOV.UK style: '09:00' → '9am', '17:30' → '5:30pm', '12:00' → 'midday'."""
    hours, minutes = (int(part) for part in value.split(":"))
    if (hours, minutes) == (12, 0):
        return "midday"
    if (hours, minutes) == (0, 0):
        return "midnight"
    suffix = "am" if hours < 12 else "pm"
    hour = hours % 12 or 12
    return f"{hour}{suffix}" if minutes == 0 else f"{hour}:{minutes:02d}{suffix}"


def govuk_date(value: date) -> str:
    """date(2026, 11, 8) → '8 November 2026' (GOV.UK style)."""
    return f"{value.day} {value:%B %Y}"


def govuk_month(value: str) -> str:
    """'2026-12' → 'December 2026'."""
    return f"{date.fromisoformat(value + '-01'):%B %Y}"


def govuk_day(value: date) -> str:
    """date(2026, 10, 2) → 'Friday 2 October 2026': a deadline, with its day of the week."""
    return f"{value:%A} {govuk_date(value)}"


def lower_first(value: str) -> str:
    """'Date of the unfair treatment' → 'date of the unfair treatment', for use mid-sentence."""
    return value[:1].lower() + value[1:]


def tel_href(number: str) -> str:
    """'0161 283 4836' → 'tel:+441612834836', so a tap on a phone dials it."""
    parsed = phonenumbers.parse(number, "GB")
    return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def short_address(address: str) -> str:
    """'https://www.gov.uk/appeal-ehc-plan-decision/' → 'www.gov.uk/appeal-ehc-plan-decision':
    a page's address as the words of a link to it, so two links to different pages never read
    the same."""
    parts = urlsplit(address)
    return (parts.netloc + parts.path).rstrip("/")


def site_name(address: str) -> str:
    """'https://www.legislation.gov.uk/ukpga/2014/6/section/51' → 'legislation.gov.uk': the site
    a link goes to, said after it, so a family knows they are leaving this one."""
    host = urlsplit(address).hostname or ""
    return host.removeprefix("www.")


def render_markdown(value: MarkdownText) -> Markup:
    """HTML from a Markdown field. Refuses plain-text fields, which must stay escaped.

    The loader refuses unsafe links with their file and line; the page gets the Markdown only
    through the allow-list sanitiser (markdown_safety), so a link the loader's check missed is
    dropped, never published, and never stops the build.
    """
    if not isinstance(value, MarkdownText):
        raise TypeError(f"not a Markdown field, so it cannot be rendered as Markdown: {value!r}")
    return Markup(sanitised_html(value))


def any_unconfirmed(sources) -> bool:
    """Whether any of these sources is still to be checked against the law (verified: false):
    the page then says so once, calmly, after the facts, never beside a deadline."""
    return any(not source.verified for source in sources)


# The filters every template may use: the components' and the theme's (the MkDocs hooks add
# them to the theme's environment), so dates, times and days read the same everywhere.
FILTERS = {
    "day_ranges": day_ranges,
    "day_name": DAYS.__getitem__,
    "govuk_time": govuk_time,
    "govuk_date": govuk_date,
    "govuk_day": govuk_day,
    "govuk_month": govuk_month,
    "lower_first": lower_first,
    "tel_href": tel_href,
    "short_address": short_address,
    "site_name": site_name,
    "markdown": render_markdown,
    "any_unconfirmed": any_unconfirmed,
}


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


def flatten_for_markdown(html: str) -> str:
    """Remove indentation and blank lines so Markdown keeps the HTML as one raw block.

    Indented lines would otherwise become code blocks, and a blank line would end the block.
    """
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def render(env: Environment, template_name: str, **context) -> str:
    return flatten_for_markdown(env.get_template(template_name).render(**context))
