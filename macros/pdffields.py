"""Form fields in the fillable PDFs, put right after WeasyPrint writes them.

WeasyPrint 70 writes each input as its own field and cannot write a usable radio group, so a
single-choice question comes out as check boxes that let "Yes" and "No" both be ticked; it also
marks no field as required. This joins each single-choice question's boxes into one radio group
(one answer only, named by the question) and sets the Required flag, with pikepdf.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

# Field flags (PDF 1.7, 12.7.3.1 and 12.7.4.2.1).
REQUIRED = 1 << 1
NO_TOGGLE_TO_OFF = 1 << 14
RADIO = 1 << 15


@dataclass(frozen=True)
class RadioGroup:
    """One single-choice question: its field name and accessible name, and each box (by the
    name WeasyPrint gave it) with the value it stands for."""

    name: str
    accessible_name: str
    choices: dict[str, str]  # box field name → choice id
    required: bool = False


@dataclass(frozen=True)
class FieldFixes:
    radio_groups: list[RadioGroup] = field(default_factory=list)
    # Names of the other fields (text boxes, consent boxes) that must be filled in.
    required: set[str] = field(default_factory=set)

    def key(self) -> str:
        """What the fixes are, for the PDF cache key: different fixes, a different PDF."""
        groups = sorted(
            (g.name, g.accessible_name, sorted(g.choices.items()), g.required)
            for g in self.radio_groups
        )
        # This module's own code is part of the key: a change to how fields are fixed makes
        # every fillable PDF again rather than reusing one fixed the old way.
        code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
        return repr((code, groups, sorted(self.required)))


def fix_fields(pdf_bytes: bytes, fixes: FieldFixes) -> bytes:
    import pikepdf  # only when a fillable PDF is made

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        acroform = pdf.Root.AcroForm
        fields = list(acroform.Fields)
        names = [str(f.get("/T")) for f in fields]  # before any widget loses its /T below
        by_name = dict(zip(names, fields, strict=True))
        grouped: set[str] = set()
        new_fields = []
        for group in fixes.radio_groups:
            flags = RADIO | NO_TOGGLE_TO_OFF | (REQUIRED if group.required else 0)
            parent = pdf.make_indirect(
                pikepdf.Dictionary(
                    FT=pikepdf.Name.Btn,
                    Ff=flags,
                    T=pikepdf.String(group.name),
                    TU=pikepdf.String(group.accessible_name),
                    V=pikepdf.Name.Off,
                    Kids=pikepdf.Array(),
                )
            )
            for box_name, choice in group.choices.items():
                widget = by_name[box_name]
                grouped.add(box_name)
                # The box becomes one widget of the group, "on" in the state named by its choice.
                normal = widget.AP.N
                on_state = next(k for k in normal if k != "/Off")
                normal[pikepdf.Name("/" + choice)] = normal[on_state]
                del normal[on_state]
                if "/D" in widget.AP:
                    down = widget.AP.D
                    for key in list(down):
                        if key != "/Off":
                            down[pikepdf.Name("/" + choice)] = down[key]
                            del down[key]
                for key in ("/T", "/FT", "/V", "/Ff"):
                    if key in widget:
                        del widget[key]
                # The widget keeps its own /TU ("Question: choice") for screen readers.
                widget.AS = pikepdf.Name.Off
                widget.Parent = parent
                parent.Kids.append(widget)
            new_fields.append(parent)
        for name, field_dict in zip(names, fields, strict=True):
            if name in grouped:
                continue
            if name in fixes.required:
                field_dict.Ff = int(field_dict.get("/Ff", 0)) | REQUIRED
            new_fields.append(field_dict)
        acroform.Fields = pikepdf.Array(new_fields)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
