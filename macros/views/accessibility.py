"""The accessibility statement (docs/accessibility.md): GOV.UK's sample statement made from the
product's facts (content/national/accessibility.yml), the council's own part (site.yml) and the
build itself (the PDFs it made, and its date)."""

from __future__ import annotations

from datetime import date

from ..content import Content
from ..form_pdfs import PDF_KINDS
from ..urls import GUIDE_PAGE, form_url, relative_url
from .forms import Pdfs


def statement_view(content: Content, pdfs: Pdfs, built_on: date, here: str) -> dict:
    """The statement's view model (accessibility_statement.html).

    Its compliance follows from its known problems: fully compliant with none, partially
    compliant with any. The date the site was last tested is the build's date: the checks the
    statement names are the site checks, which build each council's site and run on that build
    (make test, on every change in CI), so the build is what was tested; a date kept in the
    content would have to be changed by hand each time, and would fall behind unnoticed.
    """
    facts = content.accessibility
    problems = content.accessibility_problems
    return {
        "council": content.site.council,
        "contact": content.site.accessibility_contact,
        "features": facts.features,
        "fully_compliant": not problems,
        "problems": sorted(problems, key=lambda problem: problem.fix_by),
        "disproportionate_burden": facts.disproportionate_burden,
        "not_in_scope": facts.not_in_scope,
        "forms": [
            {
                "title": form.title,
                "url": relative_url(here, form_url(form.id)),
                # Whether each of its PDFs is filled in on screen or printed.
                "fillable": [PDF_KINDS[kind] for kind in pdfs[form.id]],
            }
            for form in content.forms.values()
        ],
        "guide_url": relative_url(here, GUIDE_PAGE),
        "pdf_facts": facts.pdfs,
        "testing": facts.testing,
        "not_tested": facts.not_tested,
        "improving": facts.improving,
        "regulations": facts.regulations,
        "enforcement_procedure": facts.enforcement_procedure,
        "advice_service": facts.advice_service,
        "prepared_on": content.site.accessibility.prepared_on,
        "reviewed_on": content.site.accessibility.reviewed_on,
        "tested_on": built_on,
    }
