"""Contradiction checks derived from the data: what an outcome page says must fit its situation.

Each finder outcome declares its situation (content/national/route-finder.yml): whether there is
an appeal and whether it needs a mediation certificate, where a disability discrimination claim
goes, who arranges mediation, and whether the child has an EHC plan. These checks render each
outcome page as the build does and list every statement on it that contradicts that situation.
The loader already refuses a route case or time limit whose declared fit does not match; these
checks catch what the declarations cannot: wording that says the wrong thing, in the national
content or in a council's changes and own outcomes. `make check` runs them for every council.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from .content import Content
from .finder import finder_pages
from .pdfs import BuiltPdf
from .records import Outcome
from .views.finder import finder_page

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
# A deadline about a draft plan or a review of a plan: only for a child who has a plan.
_PLAN_DEADLINE = re.compile(r"\bdraft (?:EHC )?plan\b|\breview meeting\b", re.IGNORECASE)
# The warning an appeal only about Section I needs: disputing Section B or F as well needs a
# mediation certificate first (Children and Families Act 2014, section 55).
_B_OR_F_WARNING = re.compile(r"Section B or F\b[^.]*\bcertificate", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def normalise(text: str) -> str:
    """Collapse whitespace and unify apostrophes, so phrases match across line breaks."""
    return re.sub(r"\s+", " ", html.unescape(text).replace("\u2019", "'")).strip()


def page_text(page_html: str) -> str:
    return normalise(_TAG.sub(" ", page_html))


def deadline_texts(page_html: str) -> list[str]:
    """The text of each deadline an outcome page lists (its li elements with data-time-limit)."""
    items = re.findall(r"<li\b[^>]*data-time-limit=[^>]*>(.*?)</li>", page_html, re.DOTALL)
    return [page_text(item) for item in items]


def contradictions(outcome: Outcome, text: str, deadlines: list[str]) -> list[str]:
    """Every statement on an outcome page that does not fit the outcome's situation.

    text is the page's main text; deadlines are the texts of the deadlines it lists.
    """
    return [
        *_appeal_contradictions(outcome, text, deadlines),
        *_claim_contradictions(outcome, text),
        *_mediation_contradictions(outcome, text),
        *_plan_contradictions(outcome, deadlines),
    ]


def _appeal_contradictions(outcome: Outcome, text: str, deadlines: list[str]) -> list[str]:
    appeal = outcome.situation.appeal
    found = []
    if appeal not in ("with-certificate", "possible"):
        match = _CONTACT_ADVISER.search(text)
        if match:
            found.append(
                f"appeal is {appeal}, so no certificate is needed, but the page tells the "
                f"family to {match.group(0).lower()}"
            )
    if appeal == "without-certificate":
        found += [
            f"no certificate is needed, but it lists a mediation adviser deadline: {deadline!r}"
            for deadline in deadlines
            if "mediation adviser" in deadline.lower()
        ]
        if not _B_OR_F_WARNING.search(text):
            found.append(
                "no certificate is needed for an appeal only about Section I, but the page does "
                "not warn that disputing Section B or F as well needs a certificate"
            )
    if appeal == "none":
        for deadline in deadlines:
            for pattern, what in ((_CERTIFICATE, "certificate"), (_APPEAL_DEADLINE, "appeal")):
                if pattern.search(deadline):
                    found.append(
                        f"there is no appeal, but it lists a {what} deadline: {deadline!r}"
                    )
    return found


def _claim_contradictions(outcome: Outcome, text: str) -> list[str]:
    if outcome.situation.claim != "county-court":
        return []
    match = _TRIBUNAL_GETS_CLAIM.search(text)
    if not match:
        return []
    return [f"the claim goes to the county court, but the page says {match.group(0)!r}"]


def _mediation_contradictions(outcome: Outcome, text: str) -> list[str]:
    if outcome.situation.mediation != "icb":
        return []
    found = []
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


def _plan_contradictions(outcome: Outcome, deadlines: list[str]) -> list[str]:
    if outcome.situation.plan != "none":
        return []
    return [
        f"the child has no EHC plan, but it lists a deadline about a plan: {deadline!r}"
        for deadline in deadlines
        if _PLAN_DEADLINE.search(deadline)
    ]


def placeholder_pdfs(content: Content) -> dict[str, dict[str, BuiltPdf]]:
    """Stand-ins for the forms' PDFs: outcome pages only show their sizes."""
    stand_in = BuiltPdf(Path("unused.pdf"), 40_000, True)
    return {form_id: {"fillable": stand_in, "printable": stand_in} for form_id in content.forms}


def outcome_pages(content: Content, templates) -> dict[str, tuple[Outcome, str]]:
    """{outcome id: (outcome, the HTML of its page)}, rendered as the build renders them."""
    pdfs = placeholder_pdfs(content)
    pages: dict[str, tuple[Outcome, str]] = {}
    for page in finder_pages(content.finder):
        if page.is_outcome and page.node.id not in pages:
            outcome = page.node
            pages[outcome.id] = (outcome, finder_page(page, content, templates, pdfs).html)
    return pages


def outcome_contradictions(content: Content, templates) -> dict[str, list[str]]:
    """{outcome id: its contradictions} for every outcome page with at least one."""
    found = {}
    for outcome_id, (outcome, page_html) in outcome_pages(content, templates).items():
        problems = contradictions(outcome, page_text(page_html), deadline_texts(page_html))
        if problems:
            found[outcome_id] = problems
    return found
