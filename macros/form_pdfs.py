"""The two PDFs of every form (one to fill in on screen, one to print), made from the form's
record through templates/form_pdf.html by pdfs.build_pdf, from the cache where unchanged."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from .content import Content
from .pdffields import ChoiceGroup, FieldFixes
from .pdfs import BuiltPdf, build_pdf, field_font
from .records import RequestForm

# The two PDFs of each form, by kind (their names are urls.FORM_PDF_NAMES): whether it has
# form fields to fill in on screen.
PDF_KINDS = {"fillable": True, "printable": False}
# The choices of a yes-no question, by id (their words are in templates/form_choices.html).
YES_NO_CHOICES = ["yes", "no"]


def form_pdfs(
    content: Content, templates: Environment, cache: Path
) -> dict[str, dict[str, BuiltPdf]]:
    """Both PDFs of every form, from the cache where the source has not changed."""
    # Relative to the cache folder (the PDFs' base URL), so the HTML, and so each PDF's cache
    # key, is the same wherever the project is: a moved or copied project reuses its PDFs.
    font_url = field_font(cache).name
    built: dict[str, dict[str, BuiltPdf]] = {}
    for form in content.forms.values():
        built[form.id] = {}
        for kind, fillable in PDF_KINDS.items():
            html = templates.get_template("form_pdf.html").render(
                form=form,
                recipients=[content.provider(p) for p in form.recipients],
                time_limits=[content.time_limit(t) for t in form.time_limits],
                accessible_names={
                    f.id: field_accessible_name(f, templates)
                    for s in form.sections
                    for f in s.fields
                },
                fillable=fillable,
                field_font_url=font_url,
            )
            fixes = form_field_fixes(form, templates) if fillable else None
            built[form.id][kind] = build_pdf(html, cache, fillable, cache, fixes)
    return built


def form_field_fixes(form: RequestForm, templates: Environment) -> FieldFixes:
    """Which PDF check boxes make one question (a radio group, or tick-any boxes under one
    field), and which other fields are required."""
    groups, required = [], set()
    for section in form.sections:
        for form_field in section.fields:
            if form_field.control in ("choose-one", "choose-any"):
                choices = (
                    YES_NO_CHOICES
                    if form_field.type == "yes-no"
                    else [option.id for option in form_field.options]
                )
                groups.append(
                    ChoiceGroup(
                        name=form_field.id,
                        accessible_name=field_accessible_name(form_field, templates),
                        choices={f"{form_field.id}-{choice}": choice for choice in choices},
                        one_answer=form_field.control == "choose-one",
                        required=form_field.required,
                    )
                )
            elif form_field.required:
                required.add(form_field.id)
    return FieldFixes(groups, required)


def field_accessible_name(form_field, templates: Environment) -> str:
    """A field's name as screen readers announce it in the PDF: label, then hint and
    whether it is required (hints are not read out when tabbing from field to field). Plain
    text: the template's words, unescaped, since the PDF and its HTML escape it themselves."""
    words = templates.get_template("field_accessible_name.txt").render(
        label=form_field.label,
        hint=form_field.hint,
        ends_sentence=form_field.label.endswith(("?", ".", "!")),
        required=form_field.required,
    )
    return Markup(words).unescape()
