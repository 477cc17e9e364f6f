"""An SVG logo rebuilt from an allow-list, so the published file can only draw.

A logo is published as a file of the council's site, and a browser that opens its address runs
whatever the SVG holds: a script, an XSLT stylesheet named in a processing instruction that
writes one, an animation that sets a link, a style that fetches from another host. Listing the
dangerous parts cannot be complete, so the logo is read with Python's own XML parser (expat) and
written out again with only what is on the lists below: drawing elements, their geometry and
presentation attributes, values of colours, lengths and url(#id) references to its own parts,
and links (href) only to its own parts. Anything else is refused, by name, so the editor knows
what to change; a drawing program's own notes (comments, <metadata>, Inkscape's and Sodipodi's
attributes) change nothing that is drawn and are left out without a word.

The parser refuses a DOCTYPE before any entity can be declared (no "billion laughs", no external
file), and expat never fetches anything itself.
"""

from __future__ import annotations

import re
from xml.parsers import expat

SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
_XML = "http://www.w3.org/XML/1998/namespace"
# Drawing programs' own notes, dropped with everything inside them.
_EDITOR_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/SaveForWeb/1.0/",
        "http://www.bohemiancoding.com/sketch/ns",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://creativecommons.org/ns#",
    }
)
_DROPPED_ELEMENTS = frozenset({"metadata"})

ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "title", "desc", "symbol", "use",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan",
        "linearGradient", "radialGradient", "stop", "clipPath", "mask",
    }
)  # fmt: skip
# Properties a style="..." may set too.
PRESENTATION = frozenset(
    {
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
        "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
        "stroke-opacity", "opacity", "stop-color", "stop-opacity", "clip-path", "clip-rule",
        "mask", "color", "display", "visibility", "overflow", "shape-rendering", "paint-order",
        "vector-effect", "text-anchor", "dominant-baseline", "font-family", "font-size",
        "font-weight", "font-style", "letter-spacing", "word-spacing", "text-decoration",
        "isolation", "mix-blend-mode", "enable-background",
    }
)  # fmt: skip
_GEOMETRY = frozenset(
    {
        "id", "x", "y", "width", "height", "rx", "ry", "cx", "cy", "r", "x1", "y1", "x2", "y2",
        "fx", "fy", "fr", "d", "points", "pathLength", "transform", "viewBox",
        "preserveAspectRatio", "version", "baseProfile", "offset", "gradientUnits",
        "gradientTransform", "spreadMethod", "clipPathUnits", "maskUnits", "maskContentUnits",
        "dx", "dy", "rotate", "textLength", "lengthAdjust",
    }
)  # fmt: skip
# Words for people (screen readers): any text, written out escaped.
_WORDS = frozenset({"aria-label", "role", "aria-hidden"})
# A value of geometry or presentation: numbers, names, colours, lists of them, and functions
# from _FUNCTIONS. No backslash (a CSS escape can spell 'url'), no '/' (comments), no ':' or ';'.
_VALUE = re.compile(r"[A-Za-z0-9#%.,+\-\s()'\"_]*")
_FUNCTION = re.compile(r"([A-Za-z-]*)\s*\(")
_FUNCTIONS = frozenset(
    {"rgb", "rgba", "hsl", "hsla", "matrix", "translate", "scale", "rotate", "skewX", "skewY"}
)
_OWN_PART = r"#[A-Za-z_][A-Za-z0-9_.-]*"
_OWN_URL = re.compile(rf"url\(\s*{_OWN_PART}\s*\)")
_HREF = re.compile(_OWN_PART)
MAX_ELEMENTS = 20_000
MAX_DEPTH = 40


class UnsafeSvg(ValueError):
    """What in an SVG is not on the allow-list, in words ("holds a <script> element...")."""


def clean_svg(data: bytes) -> bytes:
    """The SVG rebuilt from the allow-list, as UTF-8; raises UnsafeSvg naming the first part
    that is not allowed."""
    builder = _Builder()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.ordered_attributes = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = builder.refuse_declaration
    parser.EntityDeclHandler = builder.refuse_declaration
    parser.ExternalEntityRefHandler = builder.refuse_declaration
    parser.ProcessingInstructionHandler = builder.refuse_instruction
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        reason = f"{expat.ErrorString(error.code)}, line {error.lineno}"
        raise UnsafeSvg(f"is not a valid SVG file ({reason})") from None
    if builder.root is None:
        raise UnsafeSvg("is not a valid SVG file (no elements)")
    return ("".join(_written(builder.root, root=True)) + "\n").encode("utf-8")


class _Builder:
    """expat's handlers: a tree of allow-listed elements [name, attributes, children]."""

    def __init__(self) -> None:
        self.root: list | None = None
        self.open: list[list | None] = []  # None: inside a dropped element
        self.count = 0

    def refuse_declaration(self, *_) -> None:
        raise UnsafeSvg("holds a DOCTYPE or ENTITY declaration: save it as plain SVG without one")

    def refuse_instruction(self, target: str, data: str) -> None:
        raise UnsafeSvg(
            f"holds a processing instruction (<?{target} ...?>), which can make a browser run "
            "a stylesheet that writes a script: remove it"
        )

    def start(self, name: str, attributes: list[str]) -> None:
        namespace, _, local = name.rpartition(" ")
        self.count += 1
        if self.count > MAX_ELEMENTS or len(self.open) >= MAX_DEPTH:
            raise UnsafeSvg(
                f"has more than {MAX_ELEMENTS:,} elements or is nested more than {MAX_DEPTH} "
                "deep: save a simpler drawing"
            )
        dropped = (self.open and self.open[-1] is None) or namespace in _EDITOR_NAMESPACES
        if dropped or (namespace == SVG and local in _DROPPED_ELEMENTS):
            self.open.append(None)
            return
        if self.root is None and (namespace, local) != (SVG, "svg"):
            raise UnsafeSvg(f"expected an SVG file (its first element <svg>), found <{local}>")
        if namespace != SVG or local not in ELEMENTS:
            raise UnsafeSvg(_element_refusal(local))
        pairs = zip(attributes[0::2], attributes[1::2], strict=True)
        node = [local, [kept for pair in pairs if (kept := _attribute(local, *pair))], []]
        if self.root is None:
            self.root = node
        else:
            self.open[-1][2].append(node)
        self.open.append(node)

    def end(self, _name: str) -> None:
        self.open.pop()

    def text(self, data: str) -> None:
        if self.open and self.open[-1] is not None:
            self.open[-1][2].append(data)


def _element_refusal(local: str) -> str:
    if local.lower() in ("script", "handler"):
        return f"holds a <{local}> element, which can run code: remove it"
    if local == "style":
        return (
            "holds a <style> element: write the colours on the shapes instead (fill=, stroke= or "
            "style=; drawing programs call this saving with presentation attributes)"
        )
    article = "an" if local[:1].lower() in "aeiou" else "a"
    return (
        f"holds {article} <{local}> element, which a logo may not have: expected only drawing "
        f"elements ({', '.join(sorted(ELEMENTS))})"
    )


def _attribute(element: str, name: str, value: str) -> tuple[str, str] | None:
    """The attribute as it is written out, None to leave it out, or UnsafeSvg."""
    namespace, _, local = name.rpartition(" ")
    if namespace in _EDITOR_NAMESPACES or (not namespace and local.startswith("data-")):
        return None
    if (namespace, local) in (("", "href"), (_XLINK, "href")):
        if not _HREF.fullmatch(value.strip()):
            raise UnsafeSvg(f"refers to another file or host (href={value[:40]!r}): remove it")
        return "href", value.strip()
    if (namespace, local) == (_XML, "space") and value in ("default", "preserve"):
        return "xml:space", value
    if namespace or local not in _GEOMETRY | PRESENTATION | _WORDS | {"style"}:
        if local.lower().startswith("on"):
            raise UnsafeSvg(f"has an event handler ({local}=...), which can run code: remove it")
        raise UnsafeSvg(
            f"has a {local}= attribute on <{element}>, which a logo may not have: expected only "
            "geometry (such as d, x, width, transform) and presentation (such as fill, stroke)"
        )
    if local == "style":
        return "style", _style(value)
    if local not in _WORDS:
        _check_value(local, value)
    return local, value


def _style(value: str) -> str:
    """A style="..." attribute, rewritten from its allow-listed declarations."""
    declarations = []
    for declaration in filter(str.strip, value.split(";")):
        prop, colon, prop_value = declaration.partition(":")
        prop, prop_value = prop.strip().lower(), prop_value.strip()
        if not colon or prop not in PRESENTATION:
            raise UnsafeSvg(
                f"has a style that sets {prop or declaration.strip()!r}, which a logo may not: "
                "expected only presentation (such as fill, stroke, opacity)"
            )
        _check_value(prop, prop_value)
        declarations.append(f"{prop}:{prop_value}")
    return ";".join(declarations)


def _check_value(name: str, value: str) -> None:
    # Each url(#id) taken out first: any url( left (to another file, or never closed) is refused
    # with the other functions not on the list.
    without_own_parts = _OWN_URL.sub("", value)
    functions = set(_FUNCTION.findall(without_own_parts))
    if _VALUE.fullmatch(value) and functions <= _FUNCTIONS:
        return
    raise UnsafeSvg(
        f"has a value in its {name} that a logo may not have ({value[:40]!r}): expected "
        "colours, numbers and lengths, and url(#id) only for its own parts"
    )


def _written(node: list, root: bool = False):
    """The element as SVG text: attributes in their order, double-quoted and escaped."""
    name, attributes, children = node
    yield f"<{name}"
    if root:
        yield f' xmlns="{SVG}"'
    for attribute, value in attributes:
        yield f' {attribute}="{_escaped(value, attribute=True)}"'
    if not children:
        yield "/>"
        return
    yield ">"
    for child in children:
        if isinstance(child, str):
            yield _escaped(child)
        else:
            yield from _written(child)
    yield f"</{name}>"


def _escaped(text: str, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
        text = text.replace("\r", "&#13;")
    return text
