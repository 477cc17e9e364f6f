"""Every page made from content rather than written in docs/: one per route, one per form, one
per letter, one per path through the finder. Pure: content and the template environment in,
pages out; the site generator's glue (mkdocs_hooks.py) only adds them to the build."""

from __future__ import annotations

from jinja2 import Environment

from ..content import Content
from ..finder import finder_pages
from .finder import finder_page, finder_titles
from .forms import Pdfs, form_pages
from .letters import LetterFiles, letter_pages
from .page import GeneratedPage
from .routes import route_pages


def all_generated_pages(
    content: Content, templates: Environment, pdfs: Pdfs, letter_files: LetterFiles | None = None
) -> list[GeneratedPage]:
    """Every page; the letters' pages when ``letter_files`` says what the build made for them
    (their Word files' sizes)."""
    paths = finder_pages(content.finder)
    titles = finder_titles(paths, templates)
    finder = [finder_page(page, content, templates, pdfs, titles[page.url]) for page in paths]
    letters = letter_pages(content, templates, letter_files) if letter_files else []
    return [
        *route_pages(content, templates, pdfs),
        *form_pages(content, templates, pdfs),
        *letters,
        *finder,
    ]
