"""Contradiction checks derived from the data: what an outcome page says must fit its situation.

Each finder outcome declares its situation (content/route-finder.yml): whether there is an
appeal and whether it needs a mediation certificate, where a disability discrimination claim
goes, and who arranges mediation. These checks read the words an outcome page actually shows
and list every statement that contradicts that situation. The loader already refuses a route
case or time limit whose declared fit does not match; these checks catch what the declarations
cannot: wording that says the wrong thing.
"""

from __future__ import annotations

import re
from pathlib import Path

from html_text import normalise

from macros.content import Content
from macros.finder import finder_pages
from macros.pages import finder_page
from macros.pdfs import BuiltPdf
from macros.records import Outcome

# A step that sends the family to a mediation adviser (before an appeal).
_CONTACT_ADVISER = re.compile(r"\bcontact (?:a|the) mediation adviser", re.IGNORECASE)
# The tribunal as the body that receives or decides a discrimination claim.
_TRIBUNAL_GETS_CLAIM = re.compile(
    r"tribunal (?:must get|gets|usually deals with|receives) (?:your|a|the) claim"
    r"|claim (?:must )?reach(?:es)? the tribunal|claims? (?:about|against) [^.]* go(?:es)? to "
    r"the tribunal",
    re.IGNORECASE,
)
_CERTIFICATE = re.compile(r"\bcertificate\b", re.IGNORECASE)
_APPEAL_DEADLINE = re.compile(
    r"tribunal must get your appeal|appeal (?:to the tribunal )?within", re.IGNORECASE
)
_COUNCIL_ARRANGES = re.compile(r"council must (?:arrange|set up) (?:the )?mediation", re.I)
_ICB_ARRANGES = re.compile(r"\b(?:ICB|integrated care board)\b[^.]*\barrang", re.IGNORECASE)


def deadline_texts(html: str) -> list[str]:
    """The text of each deadline an outcome page lists (its li elements with data-time-limit)."""
    items = re.findall(r"<li\b[^>]*data-time-limit=[^>]*>(.*?)</li>", html, re.DOTALL)
    return [normalise(re.sub(r"<[^>]+>", " ", item)) for item in items]


def contradictions(outcome: Outcome, text: str, deadlines: list[str]) -> list[str]:
    """Every statement on an outcome page that does not fit the outcome's situation.

    text is the page's main text; deadlines are the texts of the deadlines it lists.
    """
    situation = outcome.situation
    found = []
    if situation.appeal not in ("with-certificate", "possible") and _CONTACT_ADVISER.search(text):
        found.append(
            f"appeal is {situation.appeal}, so no certificate is needed, but the page tells the "
            f"family to {_CONTACT_ADVISER.search(text).group(0).lower()}"
        )
    if situation.claim == "county-court":
        match = _TRIBUNAL_GETS_CLAIM.search(text)
        if match:
            found.append(
                f"the claim goes to the county court, but the page says {match.group(0)!r}"
            )
    if situation.appeal == "none":
        for deadline in deadlines:
            for pattern, what in ((_CERTIFICATE, "certificate"), (_APPEAL_DEADLINE, "appeal")):
                if pattern.search(deadline):
                    found.append(
                        f"there is no appeal, but it lists a {what} deadline: {deadline!r}"
                    )
    if situation.mediation == "icb":
        if not _ICB_ARRANGES.search(text):
            found.append(
                "mediation is only about health, but the page does not say the ICB arranges it"
            )
        match = _COUNCIL_ARRANGES.search(text)
        if match:
            found.append(
                f"mediation is only about health, so the ICB arranges it, but the page says "
                f"{match.group(0)!r}"
            )
    return found


def placeholder_pdfs(content: Content) -> dict[str, dict[str, BuiltPdf]]:
    """Stand-ins for the forms' PDFs: outcome pages only show their sizes."""
    stand_in = BuiltPdf(Path("unused.pdf"), 40_000, True)
    return {form_id: {"fillable": stand_in, "printable": stand_in} for form_id in content.forms}


def page_text(html: str) -> str:
    return normalise(re.sub(r"<[^>]+>", " ", html))


def outcome_pages(content: Content, templates) -> dict[str, tuple[Outcome, str]]:
    """{outcome id: (outcome, the HTML of its page)}, rendered without a build."""
    pdfs = placeholder_pdfs(content)
    pages: dict[str, tuple[Outcome, str]] = {}
    for page in finder_pages(content.finder):
        if page.is_outcome and page.node.id not in pages:
            pages[page.node.id] = (page.node, finder_page(page, content, templates, pdfs).html)
    return pages


def all_contradictions(content: Content, templates) -> list[str]:
    return [
        f"outcome {outcome_id!r}: {problem}"
        for outcome_id, (outcome, html) in outcome_pages(content, templates).items()
        for problem in contradictions(outcome, page_text(html), deadline_texts(html))
    ]
