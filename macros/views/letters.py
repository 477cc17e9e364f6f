"""The views of letters: the letter itself (with its blanks, for the page and the Word file), a
letter's own page, the list of letters, and the links to a letter from route and outcome pages.

A letter's text is records.letter_parts: words, and placeholders that become blanks named by
their field, deadline or recipient (letter_body.html words each blank).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jinja2 import Environment

from ..citations import law_sources
from ..components import render
from ..content import Content
from ..deadlines import lookup_range, series_name
from ..pdfs import file_size
from ..records import Citation, Letter, OutcomeLetter, Part, Source, letter_parts
from ..records import letters as frame
from ..urls import (
    DOCX_LIBRARY,
    LETTERS_LOOKUP_FILE,
    LETTERS_ROOT,
    letter_docx_file,
    letter_url,
    relative_file_url,
    relative_url,
)
from .page import GeneratedPage


@dataclass(frozen=True)
class LetterFiles:
    """What a build made for its letter pages: each letter's Word file size (bytes), and the
    build's date (the dates a deadline can be worked out from)."""

    docx_sizes: dict[str, int]
    built_on: date


def letter_body_view(content: Content, letter: Letter) -> dict:
    """The letter itself, with a blank for each answer (letter_body.html): the page's no-script
    letter, and the build-time Word file's text."""
    fields = letter.fields
    providers = [content.provider(p) for p in letter.to]
    return {
        "letter": letter,
        "to": _to_block(letter, providers),
        "sender_address": fields.get(frame.SENDER_ADDRESS_FIELD),
        "date_field": fields[frame.LETTER_DATE_FIELD],
        "name_field": fields[frame.SENDER_NAME_FIELD],
        "subject": _parts(content, letter, letter.subject, providers),
        "paragraphs": [
            [{"kind": "text", "text": content.time_limit(p.cite).text}]
            if isinstance(p, Citation)
            else _parts(content, letter, p, providers)
            for p in letter.paragraphs
        ],
        "law": letter_law(content, letter),
    }


def _to_block(letter: Letter, providers: list) -> dict:
    """Who the letter is to: one provider, several (a blank), or the fields the family types."""
    if not letter.to:
        fields = letter.fields
        return {
            "typed": fields[frame.RECIPIENT_NAME_FIELD],
            "typed_address": fields.get(frame.RECIPIENT_ADDRESS_FIELD),
        }
    if len(providers) == 1:
        return {"provider": providers[0]}
    return {"several": providers}


def _parts(content: Content, letter: Letter, text: str, providers: list) -> list[dict]:
    """The words and blanks of a subject or paragraph, for letter_body.html."""
    return [_part(content, letter, part, providers) for part in letter_parts(text)]


def _part(content: Content, letter: Letter, part: Part, providers: list) -> dict:
    """{"kind": "text", "text": ...}, {"kind": "field", "field": FormField}, {"kind":
    "deadline", "deadline": _deadline(...)} or {"kind": "recipient"} (a blank for one of
    several)."""
    fields = letter.fields
    if part.kind == "field":
        return {"kind": "field", "field": fields[part.value]}
    if part.kind == "council":
        return {"kind": "text", "text": content.site.council.name}
    if part.kind == "recipient":
        if not letter.to:
            return {"kind": "field", "field": fields[frame.RECIPIENT_NAME_FIELD]}
        if len(providers) == 1:
            return {"kind": "text", "text": providers[0].name}
        return {"kind": "recipient"}
    if part.kind == "deadline":
        return {"kind": "deadline", "deadline": _deadline(content, letter, part.value)}
    return {"kind": "text", "text": part.value}


def _deadline(content: Content, letter: Letter, time_limit_id: str) -> dict:
    """A deadline's blank: the time limit, its period counted from the first of its dates the
    letter asks, and each lookup series (and the date field it counts from) letters.js reads."""
    limit = content.time_limit(time_limit_id)
    by_event = {f.event: f for f in letter.fields.values() if f.event is not None}
    counted = [p for p in limit.rule.periods if p.counts_from in by_event]
    return {
        "limit": limit,
        "period": counted[0],
        "from_field": by_event[counted[0].counts_from],
        "series": " ".join(series_name(limit.id, p.counts_from) for p in counted),
        "from": " ".join(by_event[p.counts_from].id for p in counted),
    }


def letter_law(content: Content, letter: Letter) -> list[Source]:
    """ "The law" at the end of the letter: the sources of its legal basis, then of the time
    limits it cites, that cite a piece of law (national.yml legislation), each once."""
    sources = [s for basis in letter.legal_basis for s in content.basis_sources(basis)]
    sources += [content.time_limit(t).source for t in letter.cited]
    return law_sources(sources, content.legislation)


def deadline_fields(content: Content, letter: Letter) -> set[str]:
    """The date fields a deadline of the letter counts from."""
    return {
        field_id
        for part in (*letter_parts(letter.subject), *_text_parts(letter))
        if part.kind == "deadline"
        for field_id in _deadline(content, letter, part.value)["from"].split()
    }


def _text_parts(letter: Letter) -> list[Part]:
    return [part for p in letter.paragraphs if isinstance(p, str) for part in letter_parts(p)]


def letter_view(content: Content, letter: Letter, files: LetterFiles) -> dict:
    """A letter's own page (letter_page.html): who to send it to, its Word file with blanks, the
    questions, and the letter with blanks (letter_body.html)."""
    url = letter_url(letter.id)
    providers = [content.provider(p) for p in letter.to]
    first, last = lookup_range(files.built_on)
    return {
        **letter_body_view(content, letter),
        "recipients": providers,
        "email_to": ",".join(p.email.address for p in providers if p.email),
        "date_ranges": {field_id: (first, last) for field_id in deadline_fields(content, letter)},
        "docx": {
            "url": relative_file_url(url, letter_docx_file(letter.id)),
            "size": file_size(files.docx_sizes[letter.id]),
            "download_name": f"{letter.id}-filled-in.docx",
        },
        "addresses": {
            "lookup": relative_file_url(url, LETTERS_LOOKUP_FILE),
            "docx_library": relative_file_url(url, DOCX_LIBRARY),
            "letters": relative_url(url, LETTERS_ROOT),
        },
    }


def letter_pages(
    content: Content, templates: Environment, files: LetterFiles
) -> list[GeneratedPage]:
    return [
        GeneratedPage(
            letter_url(letter.id),
            letter.title,
            render(templates, "letter_page.html", **letter_view(content, letter, files)),
            "letter_page",
            meta={"letter_page": True},
        )
        for letter in content.letters.values()
    ]


def letter_link(letter: Letter, from_url: str, answers: dict[str, str] | None = None) -> dict:
    """A link to a letter's page, carrying the finder's answers in its fragment
    ('#decision-type=no-assessment'), which never leaves the device: letters.js ticks them."""
    fragment = "&".join(f"{field}={option}" for field, option in (answers or {}).items())
    url = relative_url(from_url, letter_url(letter.id))
    return {"letter": letter, "url": f"{url}#{fragment}" if fragment else url}


def outcome_letter_link(content: Content, link: OutcomeLetter | None, here: str) -> dict | None:
    """The link to an outcome's letter, or None where its first step is an official form."""
    if link is None:
        return None
    return letter_link(content.letters[link.id], here, link.answers)


def route_letter_links(content: Content, route_id: str, here: str) -> list[dict]:
    """Links to the letters that start a route, for its page."""
    return [letter_link(letter, here) for letter in content.letters_for_route(route_id)]


def letters_list_view(content: Content, from_url: str) -> dict:
    """The "Letters you can send" page's list: every letter (letters_list.html)."""
    return {"items": [letter_link(letter, from_url) for letter in content.letters.values()]}
