"""The accessibility statement (docs/accessibility.md) and what keeps it honest.

- In-process: it has every section of GOV.UK's sample statement, its claims come from
  content/national/accessibility.yml, it is fully compliant only with no known problem, it names
  the enforcement procedure, lists the PDFs and gives its dates.
- Every check the statement names exists (tests/sitecheck/checks.py, and the test it names), and
  every known problem names a site check, which holds its failures against the listed problems
  (a listed problem no longer found fails it, as a failure not listed always did).
- Built: neither the statement nor the privacy page names a search box while no page has one.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import COUNCILS, PROJECT, SHIPPED_COUNCIL, loaded_council
from html_text import html_pages, main_text, normalise, tags
from markupsafe import escape
from sitecheck import Failure
from sitecheck.browser import SETTINGS
from sitecheck.checks import CHECKS, SITE_CHECKS, Check, listing_problems

from macros import records
from macros.components import make_environment
from macros.contradictions import placeholder_pdfs
from macros.page_macros import page_macros

TESTS = PROJECT / "tests"
BUILT_ON = date(2026, 12, 1)
# The sections of GOV.UK's sample accessibility statement, in its order (the page's own heading
# is the first), with this site's "PDFs on this website" and "How we tested this website".
SAMPLE_SECTIONS = [
    "How accessible this website is",
    "PDFs on this website",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Non-accessible content",
    "Non-compliance with the accessibility regulations",
    "Disproportionate burden",
    "Content that's not within the scope of the accessibility regulations",
    "What we're doing to improve accessibility",
    "Preparation of this accessibility statement",
    "How we tested this website",
]


def council_content(council: str):
    return loaded_council(COUNCILS[council] or SHIPPED_COUNCIL).content


CONTENT = council_content("default")


def statement(content=CONTENT) -> str:
    pdfs = placeholder_pdfs(content)
    macros = page_macros(content, make_environment(), pdfs, lambda: "accessibility/", [], BUILT_ON)
    return macros["accessibility_statement"]()


def text_of(html: str) -> str:
    return normalise(re.sub(r"<[^>]+>", " ", html))


def problem(check: str | None = None, **fields) -> dict:
    finding = {"check": check, "finding": "color-contrast"} if check else {}
    return {
        "problem": "Some grey text is hard to read.",
        "criterion": "1.4.3",
        "criterion_name": "Contrast (Minimum)",
        "fix_by": date(2027, 3, 31),
        **finding,
        **fields,
    }


def with_problems(product: list[dict], council: list[dict]):
    """The shipped content with these known problems of the product and of the council."""
    facts = CONTENT.accessibility.model_copy(
        update={"known_problems": [records.ProductProblem.model_validate(p) for p in product]}
    )
    own = CONTENT.site.accessibility.model_copy(
        update={"known_problems": [records.KnownProblem.model_validate(p) for p in council]}
    )
    site = CONTENT.site.model_copy(update={"accessibility": own})
    return dataclasses.replace(CONTENT, accessibility=facts, site=site)


# --- The statement, in-process ---


def test_the_statement_has_every_section_of_the_govuk_sample_in_its_order():
    headings = [text_of(h) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", statement())]
    sections = [h for h in headings if h in SAMPLE_SECTIONS]
    assert sections == SAMPLE_SECTIONS


def test_the_statement_says_what_the_site_does_from_the_national_facts():
    html = statement()
    for claim in [*CONTENT.accessibility.features, *CONTENT.accessibility.testing]:
        assert f"<li>{escape(claim.text)}</li>" in html
    for claim in CONTENT.accessibility.pdfs:
        assert f"<p>{escape(claim.text)}</p>" in html
    assert "search" not in text_of(html).lower()


def test_with_no_known_problem_the_site_is_fully_compliant():
    text = text_of(statement())
    assert "This website is fully compliant with the Web Content Accessibility Guidelines" in text
    assert "partially compliant" not in text
    assert "We do not know of any part of this website that does not meet the" in text


def test_each_known_problem_is_listed_with_its_criterion_and_date_and_partial_compliance():
    content = with_problems(
        [problem("axe-1280")],
        [
            problem(
                problem="Our logo blurs.",
                criterion="1.4.5",
                criterion_name="Images of Text",
                fix_by=date(2027, 1, 31),
            )
        ],
    )
    text = text_of(statement(content))
    assert "fully compliant" not in text
    assert (
        "This website is partially compliant with the Web Content Accessibility Guidelines "
        "version 2.2 AA standard, due to the non-compliances listed below." in text
    )
    assert "We know some parts of this website are not fully accessible: Our logo blurs." in text
    # The council's problem is fixed first, so it comes first.
    assert (
        "Our logo blurs. This fails WCAG 2.2 success criterion 1.4.5 (Images of Text). We "
        "plan to fix this by 31 January 2027. Some grey text is hard to read. This fails WCAG 2.2 "
        "success criterion 1.4.3 (Contrast (Minimum)). We plan to fix this by 31 March 2027."
    ) in text


def test_the_enforcement_procedure_names_the_ehrc_and_links_eass_and_part_5():
    html = statement()
    facts = CONTENT.accessibility
    text = text_of(html)
    assert (
        "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public "
        "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018"
    ) in text
    assert "If you are not happy with how we respond to your complaint, contact the" in text
    page = facts.enforcement_procedure
    assert f'<a href="{page.url}">{page.title}</a>' in html
    assert page.url.endswith("/uksi/2018/952/part/5/made")
    # No contact detail of the advice service was read on its own or a GOV.UK page: its name
    # only, with no phone number or link.
    assert "contact the Equality Advisory and Support Service (EASS)." in text
    assert "0808" not in text and "equalityadvisoryservice" not in html


def test_the_statement_lists_every_pdf_the_site_makes_and_how_to_ask_for_another_format():
    html = statement()
    for form in CONTENT.forms.values():
        assert (
            f'<li><a href="../forms/{form.id}/">{escape(form.title)}</a>: a PDF to fill in on '
            "screen, and a PDF to print</li>"
        ) in html
    assert '<li><a href="../guide/">The whole guide</a>: all of this guide in one PDF</li>' in html
    assert "If you need a PDF in another format, contact us using the details below." in text_of(
        html
    )
    assert "you can ask for large print, easy read, audio or braille" in text_of(html)
    contact = CONTENT.site.accessibility_contact
    assert f'<h3 class="sl-contact__name">{contact.name}</h3>' in html
    assert f'href="mailto:{contact.email.address}"' in html


def test_the_statement_gives_its_dates_and_the_build_date_as_the_last_test():
    text = text_of(statement())
    assert "This statement was prepared on 28 November 2026." in text
    assert "It was last reviewed on 28 November 2026." in text
    assert "This website was last tested on 1 December 2026, the day this version" in text


# --- Every check the statement names exists ---


def named_checks(content) -> set[str]:
    facts = content.accessibility
    claims = [*facts.features, *facts.pdfs, *facts.testing]
    return {c for claim in claims for c in claim.checks} | {
        p.check for p in content.accessibility_problems if p.check
    }


def parametrized_settings(function: ast.FunctionDef) -> set[str]:
    """The values of the test's ``setting`` parameter: a list, or every browser setting."""
    for decorator in function.decorator_list:
        if not (isinstance(decorator, ast.Call) and decorator.args):
            continue
        if ast.unparse(decorator.args[0]) != "'setting'":
            continue
        values = decorator.args[1]
        if ast.unparse(values) == "list(SETTINGS)":
            return set(SETTINGS)
        return set(ast.literal_eval(values))
    return set()


def module_functions(module: Path) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def missing_checks(ids: set[str], checks: dict[str, Check], tests: Path) -> list[str]:
    """Each id that is not a check, or whose test or setting does not exist."""
    problems = []
    for check_id in sorted(ids):
        check = checks.get(check_id)
        module = tests / check.module if check else None
        if check is None:
            problems.append(f"{check_id}: no such check in tests/sitecheck/checks.py")
        elif not module.is_file():
            problems.append(f"{check_id}: no test file {check.module}")
        elif (function := module_functions(module).get(check.test)) is None:
            problems.append(f"{check_id}: no test {check.test} in {check.module}")
        elif check.setting and check.setting not in parametrized_settings(function):
            problems.append(f"{check_id}: {check.test} is not run with {check.setting!r}")
    return problems


@pytest.mark.parametrize("council", list(COUNCILS))
def test_every_check_the_statement_names_exists(council):
    named = named_checks(council_content(council))
    assert {"no-javascript", "keyboard-320", "reflow-320-every-page"} <= named
    assert missing_checks(named, CHECKS, TESTS) == []
    assert missing_checks(set(CHECKS), CHECKS, TESTS) == []


def test_a_check_that_does_not_exist_is_named(tmp_path):
    (tmp_path / "test_x.py").write_text(
        "import pytest\n\n"
        "@pytest.mark.parametrize('setting', ['phone'])\n"
        "def test_reflow(setting):\n    pass\n",
        encoding="utf-8",
    )
    checks = {
        "reflow": Check("test_x.py", "test_reflow", "phone"),
        "zoom": Check("test_x.py", "test_reflow", "zoom"),
        "gone": Check("test_x.py", "test_gone"),
        "elsewhere": Check("test_y.py", "test_reflow"),
    }
    assert missing_checks({*checks, "search"}, checks, tmp_path) == [
        "elsewhere: no test file test_y.py",
        "gone: no test test_gone in test_x.py",
        "search: no such check in tests/sitecheck/checks.py",
        "zoom: test_reflow is not run with 'zoom'",
    ]


@pytest.mark.parametrize("council", list(COUNCILS))
def test_every_known_problem_names_a_site_check(council):
    """Only the site checks hold their failures against the known problems."""
    for known in council_content(council).accessibility_problems:
        assert known.check is None or CHECKS[known.check].module == SITE_CHECKS, known


def test_every_site_check_holds_its_failures_against_the_known_problems():
    functions = module_functions(TESTS / SITE_CHECKS)
    for check_id, check in CHECKS.items():
        if check.module == SITE_CHECKS:
            arguments = [a.arg for a in functions[check.test].args.args]
            assert "only_listed" in arguments, check_id


# --- Known problems against what the checks find ---

CONTRAST = Failure("forms/x/", "axe color-contrast", "p.hint", "contrast 3.9:1")
FOCUS = Failure("sendiass/", "keyboard: no visible focus indicator", "a", "same outline")


def known(check: str = "axe-1280", finding: str = "color-contrast"):
    return records.ProductProblem.model_validate(problem(check, finding=finding))


def test_a_listed_problem_its_check_finds_passes_and_only_it():
    assert listing_problems("axe-1280", [known()], [CONTRAST]) == []
    # A problem listed for another check lets nothing through here.
    assert listing_problems("keyboard-1280", [known()], [FOCUS]) == [str(FOCUS)]


def test_a_failure_no_problem_lists_fails():
    assert listing_problems("axe-1280", [known()], [CONTRAST, FOCUS]) == [str(FOCUS)]
    assert listing_problems("axe-1280", [], [CONTRAST]) == [str(CONTRAST)]


def test_a_listed_problem_the_check_no_longer_finds_fails():
    assert listing_problems("axe-1280", [known()], []) == [
        "axe-1280: listed as a known problem in the accessibility statement, but the check no "
        "longer finds 'color-contrast': take it off the list (Some grey text is hard to read.)"
    ]


# --- The built site ---


def has_a_search_box(page: Path) -> bool:
    return any(
        tag == "search"
        or attributes.get("role") == "search"
        or (tag == "input" and "search" in " ".join(map(str, attributes.values())).lower())
        for tag, attributes in tags(page)
    )


@pytest.mark.parametrize("council", list(COUNCILS))
def test_no_page_names_a_search_box_while_none_has_one(council, built_sites):
    site = built_sites(council)
    if any(has_a_search_box(page) for page in html_pages(site)):
        pytest.skip("a page has a search box")
    for page in ("accessibility/index.html", "privacy/index.html"):
        assert "search" not in main_text(site / page).lower(), page
