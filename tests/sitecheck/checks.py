"""The automated checks the accessibility statement names, by id, and its known problems held
against what the checks find.

content/national/accessibility.yml says what the site does ("use every page without
JavaScript"), each claim naming the checks that prove it, and lists the site's known problems,
each naming the check that finds it and words of that check's failure (``finding``); a council's
site.yml may add problems of its own. tests/test_accessibility_statement.py fails if a named
check is not here, or is not a test that exists. The site checks (tests/test_site_checks.py)
call ``assert_only_listed``: a failure no listed problem matches fails them, as before; so does
a listed problem that the check no longer finds, so a fixed problem leaves the statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import Failure

SITE_CHECKS = "test_site_checks.py"


@dataclass(frozen=True)
class Check:
    """A test in tests/: its file, its function, and its browser setting (the ``setting`` it is
    parametrized with), if it has one."""

    module: str
    test: str
    setting: str | None = None


def _site(test: str, setting: str | None = None) -> Check:
    return Check(SITE_CHECKS, test, setting)


CHECKS: dict[str, Check] = {
    # The site checks: each gives a list of failures that known problems are held against.
    "axe-1280": _site("test_axe_finds_nothing", "desktop"),
    "axe-320": _site("test_axe_finds_nothing", "phone"),
    "ibm-1280": _site("test_ibm_equal_access_finds_nothing", "desktop"),
    "htmlcs-1280": _site("test_html_codesniffer_finds_no_error", "desktop"),
    "reflow-320": _site("test_no_page_scrolls_sideways", "phone"),
    "reflow-320-no-javascript": _site("test_no_page_scrolls_sideways", "no-javascript"),
    "zoom-200": _site("test_no_page_scrolls_sideways", "zoom"),
    "reflow-320-every-page": _site("test_every_page_fits_320px"),
    "no-javascript": _site("test_every_page_works_without_javascript", "no-javascript"),
    "keyboard-1280": _site("test_keyboard_skip_link_and_visible_focus", "desktop"),
    "keyboard-768": _site("test_keyboard_skip_link_and_visible_focus", "tablet"),
    "keyboard-320": _site("test_keyboard_skip_link_and_visible_focus", "phone"),
    "skip-link": _site("test_every_page_starts_with_a_skip_link_to_an_element_on_it"),
    "lang": _site("test_every_page_says_its_language"),
    "titles": _site("test_no_two_pages_share_a_title"),
    "headings": _site("test_every_heading_has_text_and_something_under_it"),
    "link-texts": _site("test_each_link_text_leads_to_one_place"),
    "nu-html": _site("test_html_is_valid"),
    "links": _site("test_internal_links_and_anchors_work"),
    "reading-level": _site("test_reading_level_is_within_budget"),
    "requests-desktop": _site("test_no_page_requests_another_host_in_the_browser", "desktop"),
    "requests-phone": _site("test_no_page_requests_another_host_in_the_browser", "phone"),
    "requests-tablet": _site("test_no_page_requests_another_host_in_the_browser", "tablet"),
    "requests-no-javascript": _site(
        "test_no_page_requests_another_host_in_the_browser", "no-javascript"
    ),
    "requests-zoom": _site("test_no_page_requests_another_host_in_the_browser", "zoom"),
    "requests-every-page": _site("test_no_page_requests_another_host"),
    # Other checks the statement names.
    "form-pdfs-tagged": Check("test_form_pdfs.py", "test_pdf_is_tagged_pdf_ua"),
    "form-pdf-fields-named": Check(
        "test_form_pdfs.py", "test_fillable_pdf_fields_are_named_by_their_labels"
    ),
    "guide-pdf-tagged": Check(
        "test_print.py", "test_the_guide_pdf_is_tagged_with_a_bookmark_per_section"
    ),
    "deadlines-without-javascript": Check(
        "test_deadline_page.py", "test_without_javascript_the_page_links_the_list_of_dates"
    ),
}


def check_id(test: str, setting: str | None) -> str:
    """The id of the site check that ``test`` runs with ``setting``."""
    found = [i for i, c in CHECKS.items() if c == _site(test, setting)]
    assert found, (
        f"{test} ({setting or 'no setting'}) has no id in tests/sitecheck/checks.py: give it one, "
        "so the accessibility statement's known problems can name it"
    )
    return found[0]


def matches(problem, failure: Failure) -> bool:
    """The failure is this known problem: its words hold the problem's ``finding``."""
    return problem.finding in str(failure)


def listing_problems(check: str, problems: list, failures: list[Failure]) -> list[str]:
    """What is wrong between the known problems naming ``check`` and what it found: each
    failure no listed problem matches, and each listed problem that no failure matches."""
    listed = [p for p in problems if p.check == check]
    unlisted = [f for f in failures if not any(matches(p, f) for p in listed)]
    gone = [p for p in listed if not any(matches(p, f) for f in failures)]
    return [str(f) for f in sorted(unlisted)] + [
        f"{check}: listed as a known problem in the accessibility statement, but the check no "
        f"longer finds {p.finding!r}: take it off the list ({p.problem})"
        for p in gone
    ]


def assert_only_listed(check: str, problems: list, failures: list[Failure]) -> None:
    """The check found exactly the known problems that name it: nothing else, and each of them."""
    found = listing_problems(check, problems, failures)
    assert found == [], "\n".join(found)
