"""Form fields in the fillable PDFs, put right after WeasyPrint writes them.

WeasyPrint 70 writes each input as its own field and cannot write a usable radio group, so a
single-choice question comes out as check boxes that let "Yes" and "No" both be ticked; it marks
no field as required, and it gives text fields no appearance, asking each viewer to make one
(NeedAppearances), which some do not. With pikepdf, this:

- joins each single-choice question's boxes into one radio group (one answer only), and each
  tick-any question's boxes under one parent field: either way the question is one field,
  named by its id, with its accessible name (/TU) and, if it must be answered, the Required
  flag. A tick-any question's boxes stay fields of their own (named by their choice, under
  the question: "disagree-with.council"), each not required: any one of them answers it;
- sets the Required flag on every other field that must be filled in;
- gives every field an appearance stream, and drops NeedAppearances.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Field flags (PDF 1.7, 12.7.3.1 and 12.7.4.2.1).
REQUIRED = 1 << 1
NO_TOGGLE_TO_OFF = 1 << 14
RADIO = 1 << 15


@dataclass(frozen=True)
class ChoiceGroup:
    """One choice question: its field name and accessible name, each box (by the name
    WeasyPrint gave it) with the choice it stands for, and whether it takes one answer only
    (a radio group) or any number (check boxes)."""

    name: str
    accessible_name: str
    choices: dict[str, str]  # box field name → choice id
    one_answer: bool
    required: bool = False


@dataclass(frozen=True)
class FieldFixes:
    groups: list[ChoiceGroup] = field(default_factory=list)
    # Names of the other fields (text boxes, consent boxes) that must be filled in.
    required: set[str] = field(default_factory=set)

    def key(self) -> str:
        """What the fixes are, for the PDF cache key: different fixes, a different PDF. (The
        code that makes them is in the key too: pdfs.build_pdf.)"""
        groups = sorted(
            (g.name, g.accessible_name, sorted(g.choices.items()), g.one_answer, g.required)
            for g in self.groups
        )
        return repr((groups, sorted(self.required)))


def _as_choice(widget, choice: str) -> None:
    """A box as one widget of a radio group, "on" in the state named by its choice."""
    import pikepdf

    for appearances in (widget.AP.N, widget.AP.get("/D")):
        if appearances is None:
            continue
        for state in [k for k in appearances if k != "/Off"]:
            appearances[pikepdf.Name("/" + choice)] = appearances[state]
            del appearances[state]
    for key in ("/T", "/FT", "/V", "/Ff"):
        if key in widget:
            del widget[key]
    # The widget keeps its own /TU ("Question: choice") for screen readers.
    widget.AS = pikepdf.Name.Off


def _group(pdf, group: ChoiceGroup, by_name: dict):
    """The question's one field, with its boxes as its kids."""
    import pikepdf

    flags = REQUIRED if group.required else 0
    entries = {"T": pikepdf.String(group.name), "TU": pikepdf.String(group.accessible_name)}
    if group.one_answer:
        flags |= RADIO | NO_TOGGLE_TO_OFF
        entries |= {"FT": pikepdf.Name.Btn, "V": pikepdf.Name.Off}
    parent = pdf.make_indirect(pikepdf.Dictionary(Ff=flags, Kids=pikepdf.Array(), **entries))
    for box_name, choice in group.choices.items():
        box = by_name[box_name]
        if group.one_answer:
            _as_choice(box, choice)
        else:
            # A field of its own under the question, named by its choice. Its own flags, so it
            # does not inherit the question's Required: one box ticked answers the question.
            box.T = pikepdf.String(choice)
            box.Ff = 0
        box.Parent = parent
        parent.Kids.append(box)
    return parent


def fix_fields(pdf, fixes: FieldFixes) -> None:
    """Put the fields of an open pikepdf.Pdf right, in place (see the module docstring)."""
    import pikepdf

    acroform = pdf.Root.AcroForm
    fields = list(acroform.Fields)
    names = [str(f.get("/T")) for f in fields]  # before any box is renamed below
    by_name = dict(zip(names, fields, strict=True))
    grouped = {box for group in fixes.groups for box in group.choices}
    new_fields = [_group(pdf, group, by_name) for group in fixes.groups]
    for name, field_dict in zip(names, fields, strict=True):
        if name in grouped:
            continue
        if name in fixes.required:
            field_dict.Ff = int(field_dict.get("/Ff", 0)) | REQUIRED
        new_fields.append(field_dict)
    acroform.Fields = pikepdf.Array(new_fields)
    add_appearances(pdf)


def add_appearances(pdf) -> None:
    """Give every field an appearance stream, so that no viewer has to make one.

    qpdf makes the text fields' (empty, in the field font) when asked to; a box already has
    its "on" appearance, and gets an empty "Off" one. qpdf gives each text appearance the fonts
    of the form's default resources (/DR) only, but the default appearance (/DA) WeasyPrint
    writes also sets a graphics state from them: each uses the whole /DR instead, one shared
    object, which holds every name a /DA can use.
    """
    import pikepdf

    pdf.acroform.needs_appearances = True  # qpdf makes appearances only for a form that asks
    pdf.acroform.generate_appearances_if_needed()
    acroform = pdf.Root.AcroForm
    if "/NeedAppearances" in acroform:
        del acroform["/NeedAppearances"]
    if not acroform.DR.is_indirect:
        acroform.DR = pdf.make_indirect(acroform.DR)
    off = pdf.make_stream(b"", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form)
    off.BBox = pikepdf.Array([0, 0, 1, 1])
    for page in pdf.pages:
        for widget in page.get("/Annots", []):
            if widget.get("/Subtype") != "/Widget":
                continue
            normal = widget.AP.N
            if isinstance(normal, pikepdf.Stream):
                normal.Resources = acroform.DR
            elif "/Off" not in normal:
                normal.Off = off
