"""The characters text in content may hold, for every kind of text field (records._text_type).

YAML lets a quoted value write any character as an escape ("KI\\0DS\\e[31m" is K, I, a NUL, D, S
and a terminal's colour code), so a value can hold characters no editor would type. Each of these
is refused, by its code point, wherever it is:

- control characters (Unicode's Cc: C0, DEL and C1), except a tab or a line break in a field of
  paragraphs: they do nothing on a page, and in open data, a terminal or a log they can hide or
  rewrite what is shown;
- the bidirectional overrides and isolates (U+202A to U+202E, U+2066 to U+2069), which make text
  read in another order than it is written (the "Trojan Source" trick);
- half of a surrogate pair, which is not a character and cannot be saved as UTF-8;
- and text made only of characters that show nothing (spaces, zero-width characters, U+FEFF):
  it looks empty on the page, but is not caught as empty.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# Letters and marks that show nothing, beside the spaces and format characters (Unicode's Zs, Zl,
# Zp and Cf): Hangul fillers, the braille blank, the combining grapheme joiner, the Mongolian
# vowel separator.
_BLANK_LETTERS = frozenset([0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x034F, 0x180E])
# Control characters have no Unicode name: the ones YAML escapes write, by what they do.
_CONTROL_NAMES = {
    0x00: "a null character",
    0x07: "a bell",
    0x08: "a backspace",
    0x09: "a tab",
    0x0A: "a line break",
    0x0B: "a vertical tab",
    0x0C: "a form feed",
    0x0D: "a carriage return",
    0x1B: "an escape, which starts a terminal's colour and cursor codes",
    0x7F: "a delete",
    0x85: "a next-line character",
}


# Each character refused, found with one search (a loop over every character of every text cost
# more than the rest of validation together); the loop below only words the one found.
_REFUSED = {
    multiline: re.compile(
        "[%s\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
        % ("\x00-\x08\x0b-\x1f" if multiline else "\x00-\x1f")
    )
    for multiline in (False, True)
}
# A letter or digit of the Latin alphabets shows: most text holds one, and need not be looked at
# character by character to know it is not made only of characters that show nothing.
_SHOWS = re.compile(r"[0-9A-Za-z\u00c0-\u024f]")


def character_problem(value: str, multiline: bool) -> str | None:
    """What is wrong with the characters of ``value``, in words, or None.

    ``multiline``: a field of paragraphs, where a tab or a line break may be (a YAML block
    scalar, '|' or '>', writes line breaks).
    """
    refused = _REFUSED[multiline].search(value)
    if refused is not None:
        return _refusal(refused.group(), refused.start())
    if _SHOWS.search(value) is None and value.strip() and all(map(_shows_nothing, value)):
        codes = ", ".join(dict.fromkeys(f"U+{ord(c):04X}" for c in value if not c.isspace()))
        return (
            f"expected text, found only characters that show nothing ({codes}): write the text, "
            "or leave the field out"
        )
    return None


def _refusal(char: str, index: int) -> str:
    code = ord(char)
    at = f"U+{code:04X}, at character {index + 1}"
    if code in BIDI_CONTROLS:
        return (
            f"expected text without bidirectional controls, found "
            f"{unicodedata.name(char).lower()} ({at}): it makes text read in another order "
            "than it is written; remove it"
        )
    if unicodedata.category(char) == "Cs":
        return (
            f"expected text, found half of a surrogate pair ({at}), which is not a character: "
            "remove it"
        )
    what = _CONTROL_NAMES.get(code, "a control character")
    if char in "\t\n":
        return f"expected one line of text, found {what} ({at}): remove it"
    return (
        f"expected text without control characters, found {what} ({at}): remove it (a YAML "
        "escape in quotes, such as \\e or \\0, writes one)"
    )


def _shows_nothing(char: str) -> bool:
    return (
        char.isspace()
        or unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf")
        or ord(char) in _BLANK_LETTERS
    )
