"""The records of content/forms/<id>.yml: one request form per file."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator

from .fields import (
    EventId,
    Name,
    ProviderId,
    Record,
    RecordId,
    RouteId,
    Text,
    TimeLimitId,
    _problem,
)

FieldType = Literal[
    "short-text", "long-text", "date", "email", "phone", "tick-one", "tick-any", "yes-no", "consent"
]
# HTML autocomplete tokens for fields about the person filling in the form (WCAG 1.3.5).
Autocomplete = Literal[
    "name", "given-name", "family-name", "email", "tel", "street-address", "postal-code", "bday"
]


class FormOption(Record):
    record_kind: ClassVar[str] = "option"
    id: RecordId
    label: Name


# Each field type, by how it is answered; one-line fields also by their HTML input type. A date
# is GOV.UK's date input on the web page (day, month and year boxes), a line on paper.
_FIELD_CONTROLS = {
    "tick-one": "choose-one",
    "yes-no": "choose-one",
    "tick-any": "choose-any",
    "consent": "consent",
    "long-text": "long",
    "short-text": "line",
    "date": "date",
    "email": "line",
    "phone": "line",
}
_INPUT_TYPES = {"short-text": "text", "email": "email", "phone": "tel"}


class FormField(Record):
    record_kind: ClassVar[str] = "field"
    id: RecordId
    type: FieldType
    label: Name
    hint: Text | None = None
    required: bool = False
    autocomplete: Autocomplete | None = None
    # For tick-one and tick-any: the choices (checked even when left out).
    options: list[FormOption] = Field(default=[], validate_default=True)
    # For a date: the event (time-limits.yml events) it is the date of, so a letter can work out
    # the deadlines that count from it.
    event: EventId | None = None

    @property
    def control(self) -> str:
        """How the field is answered, in every place a form is shown (web page, PDFs, the
        PDF's radio groups): 'choose-one', 'choose-any', 'consent', 'long', 'date' or 'line'."""
        return _FIELD_CONTROLS[self.type]

    @property
    def input_type(self) -> str | None:
        """The HTML input type of a one-line field ('text', 'email', 'tel')."""
        return _INPUT_TYPES.get(self.type)

    @field_validator("autocomplete")
    @classmethod
    def _autocomplete_fits_the_type(cls, autocomplete: str | None, info: ValidationInfo):
        # A date's day, month and year boxes each take a part of it (bday-day...): only a date
        # of birth has such parts.
        if info.data.get("type") == "date" and autocomplete not in (None, "bday"):
            raise _problem(
                f"expected autocomplete: bday or none for a date field, found {autocomplete}"
            )
        return autocomplete

    @field_validator("event")
    @classmethod
    def _event_only_on_a_date(cls, event: str | None, info: ValidationInfo):
        field_type = info.data.get("type")
        if event is not None and field_type not in ("date", None):
            raise _problem(f"expected no event for a {field_type} field: only a date has one")
        return event

    @field_validator("options")
    @classmethod
    def _options_fit_the_type(cls, options: list[FormOption], info: ValidationInfo):
        field_type = info.data.get("type")
        if field_type in ("tick-one", "tick-any") and len(options) < 2:
            raise _problem(
                f"expected at least 2 options for a {field_type} field, found {len(options)}"
            )
        if field_type not in ("tick-one", "tick-any", None) and options:
            raise _problem(f"expected no options for a {field_type} field, found {len(options)}")
        return options


class FormSection(Record):
    record_kind: ClassVar[str] = "section"
    id: RecordId
    title: Name
    intro: Text | None = None
    fields: list[FormField] = Field(min_length=1)


class RequestForm(Record):
    """A form a family fills in on screen, as a fillable PDF, or on paper."""

    record_kind: ClassVar[str] = "form"
    id: RecordId
    title: Name
    introduction: Text
    # Important points shown before the form.
    notes: list[Text] = []
    # Time limit ids (content/time-limits.yml) shown before the form, such as a deadline.
    time_limits: list[TimeLimitId] = []
    # Who the form can go to: provider ids, none for a sheet you keep. How to send it comes from
    # their contact details.
    recipients: list[ProviderId] = []
    # The routes whose pages (and finder outcomes) link to this form.
    routes: list[RouteId] = []
    sections: list[FormSection] = Field(min_length=1)
