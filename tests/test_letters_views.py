"""Letters (issue 28) as pages and files, rendered in-process from the small test letters
(tests/fixtures/letters/, loaded as tests/test_letters.py loads them): the letter page's markup
(the contract letters.js reads), its letter with blanks that works without JavaScript, the
build-time Word file read back with python-docx, the links from outcome and route pages, the
list of letters, a site with no letters, and every shipped letter rendered with its blanks."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import re
import zipfile
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import docx
import pytest
from conftest import PROJECT, SHIPPED, shipped_content
from test_letters import letters_content

from macros.components import make_environment, render
from macros.content import load_content
from macros.contradictions import placeholder_pdfs
from macros.deadlines import lookup_range
from macros.finder import finder_pages
from macros.letter_docx import letter_docx
from macros.records import letter_parts
from macros.site_outputs import letter_word_files, write_letter_files
from macros.views.finder import finder_page
from macros.views.generated import all_generated_pages
from macros.views.letters import LetterFiles, letter_body_view, letter_view, letters_list_view
from macros.views.routes import route_view

BUILT_ON = date(2026, 12, 1)
ASSESS, MEETING = "ask-for-an-assessment-example", "ask-the-school-for-a-meeting-example"


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = tmp_path_factory.mktemp("letters")
    with contextlib.chdir(root):
        return load_content(letters_content(root) / SHIPPED).content


@pytest.fixture(scope="module")
def env():
    return make_environment()


def page_html(content, env, letter_id: str) -> str:
    files = LetterFiles({letter_id: 12_345}, BUILT_ON)
    view = letter_view(content, content.letters[letter_id], files)
    return render(env, "letter_page.html", **view)


class Blocks(HTMLParser):
    """The letter's blocks (p, h3, li inside #letter) as text, and the attributes of every tag
    with a class or a data- attribute, in order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._in_letter = self._in_block = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id") == "letter":
            self._in_letter = True
        elif self._in_letter and tag in ("p", "h3", "li"):
            self.blocks.append("")
            self._in_block = True
        elif tag == "br" and self._in_block:
            self.blocks[-1] += "\n"

    def handle_endtag(self, tag):
        if tag in ("p", "h3", "li"):
            self._in_block = False
        if tag == "div" and self._in_letter and not self._in_block:
            self._in_letter = self._in_letter and tag != "div"

    def handle_data(self, data):
        if self._in_block:
            self.blocks[-1] += data

    def having(self, **wanted) -> list[dict]:
        return [a for _, a in self.tags if all(k in a and a[k] == v for k, v in wanted.items())]


def letter_blocks(html: str) -> list[str]:
    body = html[html.index('<div class="sl-letter" id="letter">') :]
    return [" ".join(b.split(" ")) for b in Blocks(body[: body.index("</div>") + 6]).blocks]


def test_the_letter_page_has_the_contract_letters_js_reads(content, env):
    html = page_html(content, env, ASSESS)
    parsed = Blocks(html)
    [root] = parsed.having(**{"class": "sl-letter-page"})
    assert root == {
        "class": "sl-letter-page",
        "data-sl-letter": ASSESS,
        "data-sl-lookup": "../lookup.json",
        "data-sl-docx-library": "../../assets/javascripts/vendor/docx.js",
        "data-sl-docx-name": f"{ASSESS}-filled-in.docx",
    }
    [form] = [a for t, a in parsed.tags if t == "form"]
    assert form["class"] == "sl-form sl-letter-form" and form["method"] == "dialog"
    assert "action" not in form and parsed.having(**{"data-sl-make": None})
    # The date a deadline counts from must be one the lookup file covers.
    first, last = lookup_range(BUILT_ON)
    [date_field] = parsed.having(**{"class": "sl-field", "data-sl-date": None})
    assert date_field["data-sl-error-old"] == (
        f"Date of this letter must be on or after {first.day} {first:%B %Y}"
    )
    assert date_field["data-sl-error-new"].endswith(f"on or before {last.day} {last:%B %Y}")
    # Who to send it to, and the Word file with blanks, its size in the link.
    assert '<h3 class="sl-contact__name">Example Council SEND team</h3>' in html
    assert f'<a href="{ASSESS}.docx">' in html and "(DOCX, 12 KB)" in html
    [actions] = parsed.having(**{"class": "sl-letter-actions"})
    assert "hidden" in actions
    [email] = parsed.having(**{"data-sl-email": None})
    send_team = content.provider("example-send-team")
    assert "href" not in email and email["data-sl-email-to"] == send_team.email.address


def test_the_letter_without_javascript_has_a_blank_for_every_answer(content, env):
    html = page_html(content, env, ASSESS)
    limit = content.time_limit("decide-whether-to-assess")
    assert letter_blocks(html) == [
        "[Your address]",
        "Example Council SEND team",
        "[Date of this letter]",
        "Request for an EHC needs assessment for [Your child's full name]",
        "Dear Sir or Madam,",
        "I am writing to ask Example Council to carry out an EHC needs assessment for [Your "
        "child's full name], who learns [Where does your child learn?].",
        limit.text,
        "Please tell me your decision by [the date 6 weeks after the date of this letter].",
        "The law",
        *(
            s.citation
            for s in [
                limit.source,
                *content.route("ask-for-an-ehc-needs-assessment").sources,
            ]
            if s.citation.startswith(("SEND Regulations", "Children and Families Act"))
        ),
        "Yours faithfully,\n[Your full name]",
    ]
    [deadline] = Blocks(html).having(**{"data-sl-deadline": "decide-whether-to-assess"})
    assert deadline["data-sl-series"] == "decide-whether-to-assess/assessment-requested"
    assert deadline["data-sl-from"] == "letter-date"
    assert "{" not in html and "}" not in html


def test_a_letter_to_someone_the_family_names_has_their_name_and_address_as_blanks(content, env):
    html = page_html(content, env, MEETING)
    assert letter_blocks(html)[:2] == [
        "[The name of the school]\n[The school's address]",
        "[Date of this letter]",
    ]
    assert "I would like to meet [The name of the school] to talk" in letter_blocks(html)[4]
    assert Blocks(html).having(**{"data-sl-email": None})[0]["data-sl-email-to"] == ""
    assert "sl-contact__name" not in html
    assert "Send it to the person or organisation you are writing to." in html


def test_a_letter_to_a_role_with_two_providers_leaves_who_it_is_to_blank(content, env):
    two = ["example-send-team", "example-complaints-team"]
    letter = content.letters[ASSESS].model_copy(update={"to": two})
    changed = dataclasses.replace(content, letters={**content.letters, ASSESS: letter})
    html = page_html(changed, env, ASSESS)
    assert letter_blocks(html)[1] == "[The name of who you are sending it to]\n[Their address]"
    emails = ",".join(changed.provider(p).email.address for p in two)
    assert Blocks(html).having(**{"data-sl-email": None})[0]["data-sl-email-to"] == emails
    assert html.count('class="sl-contact__name"') == 2


def test_the_build_time_word_file_has_the_letters_words_and_blanks(content, env, tmp_path):
    files = letter_word_files(content, env, BUILT_ON)
    assert set(files) == {ASSESS, MEETING}
    for letter_id, data in files.items():
        body = render(
            env, "letter_body.html", **letter_body_view(content, content.letters[letter_id])
        )
        document = docx.Document(io.BytesIO(data))
        assert [p.text for p in document.paragraphs] == letter_blocks(body)
        highlighted = [
            run.text for p in document.paragraphs for run in p.runs if run.font.highlight_color
        ]
        blanks = re.findall(r"\[[^\]]*\]", "\n".join(letter_blocks(body)))
        assert highlighted == blanks and blanks
        styles = {p.text: p.style.name for p in document.paragraphs}
        assert styles["The law"] == "Heading 2"
        assert document.core_properties.title == content.letters[letter_id].title
        assert document.core_properties.language == "en-GB"
    # The same letter on the same day is the same file (reproducible builds): nothing in it
    # is dated by the clock.
    for data in files.values():
        times = {info.date_time for info in zipfile.ZipFile(io.BytesIO(data)).infolist()}
        assert times == {(2026, 12, 1, 0, 0, 0)}
        properties = docx.Document(io.BytesIO(data)).core_properties
        assert properties.created == properties.modified == datetime(2026, 12, 1, tzinfo=UTC)
    write_letter_files(tmp_path, files)
    assert (tmp_path / "letters" / ASSESS / f"{ASSESS}.docx").read_bytes() == files[ASSESS]


def test_an_outcome_links_its_letter_with_the_finders_answers(content, env):
    pdfs = placeholder_pdfs(content)
    pages = {p.url: p for p in finder_pages(content.finder)}
    html = {
        url.split("/")[-2]: finder_page(page, content, env, pdfs).html
        for url, page in pages.items()
        if page.is_outcome
    }
    assert (
        f'<a class="sl-letter-link" href="../../../letters/{ASSESS}/#setting-type=school">'
        f"Use our letter: {content.letters[ASSESS].title}</a>"
    ) in html["assess"]
    assert f'href="../../../letters/{MEETING}/">' in html["meet"]
    assert "sl-letter-link" not in html["appeal"]  # the tribunal's own form starts it


def test_a_route_page_lists_the_letters_that_start_it(content, env):
    pdfs = placeholder_pdfs(content)
    route = content.route("talk-to-the-setting")
    html = render(env, "route_page.html", **route_view(content, route, pdfs))
    assert '<h2 id="letters">Letters you can send</h2>' in html
    assert (
        f'<li><a href="../../letters/{MEETING}/">{content.letters[MEETING].title}</a></li>' in html
    )
    other = render(env, "route_page.html", **route_view(content, content.route("ofsted"), pdfs))
    assert 'id="letters"' not in other


def test_each_letter_has_its_page_and_the_list_and_guide_name_every_letter(content, env):
    files = LetterFiles({letter_id: 9_000 for letter_id in content.letters}, BUILT_ON)
    pages = {p.url: p for p in all_generated_pages(content, env, placeholder_pdfs(content), files)}
    for letter_id in content.letters:
        page = pages[f"letters/{letter_id}/"]
        assert page.template == "letter_page" and page.meta == {"letter_page": True}
    listed = render(env, "letters_list.html", **letters_list_view(content, "letters/"))
    for letter in content.letters.values():
        assert f'<a href="{letter.id}/">{letter.title}</a>' in listed
    order = (PROJECT / "content" / "national" / "national.yml").read_text(encoding="utf-8")
    assert "  - forms/\n" in order and re.search(r"  - forms/\n(  #.*\n)*  - letters/\n", order)
    assert "Letters you can send: letters/index.md" in (PROJECT / "mkdocs.yml").read_text()
    assert "{{ letters_list() }}" in (PROJECT / "docs" / "letters" / "index.md").read_text()


def test_a_site_with_no_letters_builds_without_letter_pages(content, env):
    # Only a finder whose every first step is an official form has no letters to link.
    outcomes = [o.model_copy(update={"letter": None}) for o in content.finder.outcomes]
    finder = content.finder.model_copy(update={"outcomes": outcomes})
    none = dataclasses.replace(content, letters={}, finder=finder)
    assert letter_word_files(none, env, BUILT_ON) == {}
    pages = all_generated_pages(none, env, placeholder_pdfs(none), LetterFiles({}, BUILT_ON))
    assert not [p for p in pages if p.url.startswith("letters/")]
    assert render(env, "letters_list.html", **letters_list_view(none, "letters/")) == ""


SHIPPED_LETTERS = list(shipped_content().letters.values())


@pytest.mark.parametrize("letter", SHIPPED_LETTERS, ids=lambda letter: letter.id)
def test_every_shipped_letter_renders_with_a_blank_for_each_placeholder(letter, env):
    shipped = shipped_content()
    html = page_html(shipped, env, letter.id)
    blocks = letter_blocks(html)
    assert "{" not in "".join(blocks) and "}" not in "".join(blocks)
    placeholders = [
        part
        for text in (letter.subject, *(p for p in letter.paragraphs if isinstance(p, str)))
        for part in letter_parts(text)
        if part.kind in ("field", "deadline")
    ]
    blanks = Blocks(html[html.index('id="letter"') :])
    for part in placeholders:
        key = "data-sl-field" if part.kind == "field" else "data-sl-deadline"
        assert blanks.having(**{key: part.value}), part
    body = render(env, "letter_body.html", **letter_body_view(shipped, letter))
    word = docx.Document(io.BytesIO(letter_docx(body, letter.title, BUILT_ON)))
    assert [p.text for p in word.paragraphs] == letter_blocks(body)


@pytest.mark.parametrize(
    ("period", "words"),
    [
        ({"length": 0}, "[the date of this letter]"),
        ({"length": 1}, "[the date 1 week after the date of this letter]"),
        ({"unit": "working-days", "length": 15}, "[the date 15 working days after the date"),
        ({"counting": "starting-with"}, "[the last day of the 6 weeks starting with the date"),
    ],
)
def test_a_deadline_blank_says_the_period_it_is_worked_out_by(content, env, period, words):
    limit = content.time_limit("decide-whether-to-assess")
    changed_period = limit.rule.periods[0].model_copy(update=period)
    rule = limit.rule.model_copy(update={"periods": [changed_period]})
    limits = {**content.time_limits, limit.id: limit.model_copy(update={"rule": rule})}
    html = page_html(dataclasses.replace(content, time_limits=limits), env, ASSESS)
    assert f"Please tell me your decision by {words}" in letter_blocks(html)[7]


def test_the_site_check_follows_a_link_s_answers_to_the_choices_of_its_letter(content, env):
    from sitecheck.static import _Links, fragment_problem

    page = _Links()
    page.feed(page_html(content, env, ASSESS))
    assert fragment_problem("setting-type=school", page) is None
    assert fragment_problem("setting-type=college", page) == (
        "no choice setting-type=college on that page"
    )
    assert fragment_problem("your-name=x&setting-type=school", page) == (
        "no choice your-name=x on that page"
    )
    assert fragment_problem("the-letter", page) is None
    assert fragment_problem("the-letters", page) == "no #the-letters on that page"


def test_a_letters_words_are_text_on_the_page_and_in_the_word_file(content, env):
    payload = '" onmouseover="alert(1)" x=" \' autofocus &lt;img src=x onerror=alert(4)&gt;'
    letter = content.letters[ASSESS]
    changed = letter.model_copy(update={"paragraphs": [f"{payload} {{child-name}}"]})
    shown = dataclasses.replace(content, letters={**content.letters, ASSESS: changed})
    html = page_html(shown, env, ASSESS)
    assert "onmouseover=&#34;alert(1)&#34;" in html and "&amp;lt;img" in html
    assert f"{payload} [Your child's full name]" in letter_blocks(html)
    body = render(env, "letter_body.html", **letter_body_view(shown, changed))
    word = docx.Document(io.BytesIO(letter_docx(body, changed.title, BUILT_ON)))
    assert f"{payload} [Your child's full name]" in [p.text for p in word.paragraphs]
