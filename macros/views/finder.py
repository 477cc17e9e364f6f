"""The views of the route finder: each question's page, each outcome's page, and the whole
finder at a glance."""

from __future__ import annotations

import typing

from jinja2 import Environment
from markupsafe import Markup

from ..appeal_guide import link_for_outcome
from ..components import render
from ..content import Content
from ..deadline_pages import calculator_links
from ..finder import FinderPage, card_time_limits, most_questions
from ..records import Outcome, Question
from ..situations import young_person_acts
from ..urls import (
    FINDER_ROOT,
    FINDER_START,
    PROPOSED_CHANGES_PAGE,
    SENDIASS_PAGE,
    anchored_url,
    case_anchor,
    deadline_anchor,
    finder_option_url,
    relative_url,
    route_url,
)
from .forms import Pdfs, form_links
from .letters import outcome_letter_link
from .page import GeneratedPage


def _answers_and_links(page: FinderPage) -> dict:
    """What every finder page shows: the answers so far, each with a link to change it, and
    the links back, to start again and to SENDIASS."""
    here = page.url
    answers = [
        {
            "question": answer.question,
            "option": answer.option,
            "change_url": relative_url(here, page.url_after(index)),
        }
        for index, answer in enumerate(page.answers)
    ]
    previous = page.url_after(len(page.answers) - 1) if page.answers else FINDER_START
    links = {
        "back": relative_url(here, previous),
        "start_again": relative_url(here, FINDER_START),
        "sendiass": relative_url(here, SENDIASS_PAGE),
    }
    return {"answers": answers, "links": links}


def finder_question_view(page: FinderPage) -> dict:
    """A question's page (finder_question.html): one link per option."""
    question = typing.cast(Question, page.node)
    options = [
        {"option": option, "url": relative_url(page.url, finder_option_url(page.url, option.id))}
        for option in question.options
    ]
    return {"question": question, "options": options, **_answers_and_links(page)}


def finder_outcome_view(page: FinderPage, content: Content, pdfs: Pdfs) -> dict:
    """An outcome's page (finder_outcome.html)."""
    outcome = typing.cast(Outcome, page.node)
    view = _answers_and_links(page)
    view["links"]["proposed_changes"] = relative_url(page.url, PROPOSED_CHANGES_PAGE)
    return {**outcome_view(outcome, content, pdfs, page.url), **view}


def finder_titles(pages: list[FinderPage], templates: Environment) -> dict[str, str]:
    """{page address: its title} for the finder's pages. An outcome reached by several paths
    has one heading on several pages; each such page's title adds the answers just before the
    last one, as few as tell the pages apart (all the answers where none do), so no two pages
    share a title."""

    def heading(page: FinderPage) -> str:
        node = page.node
        return node.title if isinstance(node, Outcome) else node.text

    def title(page: FinderPage, answers) -> str:
        labels = [answer.option.label for answer in answers]
        words = templates.get_template("finder_page_title.txt").render(
            heading=heading(page), answers=labels
        )
        return Markup(words.strip()).unescape()

    groups: dict[str, list[FinderPage]] = {}
    for page in pages:
        groups.setdefault(heading(page), []).append(page)
    titles = {}
    for group in groups.values():
        longest = max(len(page.answers) for page in group)
        for count in range(longest + 1):
            named = {
                page.url: title(page, page.answers[:-1][-count:] if count else ()) for page in group
            }
            if len(set(named.values())) == len(group):
                break
        else:
            named = {page.url: title(page, page.answers) for page in group}
        titles.update(named)
    return titles


def finder_page(
    page: FinderPage,
    content: Content,
    templates: Environment,
    pdfs: Pdfs,
    title: str | None = None,
) -> GeneratedPage:
    """A finder page, titled ``title`` (finder_titles) or by its heading."""
    if page.is_outcome:
        view = finder_outcome_view(page, content, pdfs)
        heading, template = view["outcome"].title, "finder_outcome"
    else:
        view = finder_question_view(page)
        heading, template = view["question"].text, "finder_question"
    html = render(templates, f"{template}.html", **view)
    return GeneratedPage(page.url, title or heading, html, template, private=True)


def _route_cards(outcome: Outcome, content: Content, here: str) -> dict:
    """Short cards for the routes that fit an outcome, and what the cards name: the deadlines
    (the outcome's own, then the cards'), the providers and the forms, each as often as named."""
    cards, deadline_ids = [], list(outcome.deadlines)
    provider_ids: list[str] = []
    form_ids: list[str] = []
    for fit in outcome.routes:
        route = content.route(fit.route)
        case = route.case(fit.case)
        # A card links to the family's own deadlines; other bodies' timescales stay on the
        # route's page, so the card stays short.
        own_deadlines = [
            content.time_limit(t)
            for t in card_time_limits(route, fit.case, outcome.situation, content.time_limits)
            if content.time_limit(t).rule.who_acts == "you"
        ]
        deadline_ids += [limit.id for limit in own_deadlines]
        provider_ids += route.providers + (case.providers if case else [])
        # Forms a family sends to start a route; note sheets stay on the route's page.
        form_ids += [f.id for f in content.forms_for_case(route.id, fit.case) if f.recipients]
        cards.append(
            {
                "route": route,
                "case": case,
                "why": fit.why,
                "first_step": (case or route).how_to_start[0],
                "deadlines": [
                    {"limit": limit, "anchor": deadline_anchor(limit.id)} for limit in own_deadlines
                ],
                "url": anchored_url(here, route_url(route.id), case_anchor(case.id))
                if case
                else relative_url(here, route_url(route.id)),
            }
        )
    return {"cards": cards, "deadlines": deadline_ids, "providers": provider_ids, "forms": form_ids}


def outcome_view(outcome: Outcome, content: Content, pdfs: Pdfs, here: str) -> dict:
    """What an outcome page shows, each thing once: its deadlines (its own, then those its route
    cards carry), short route cards, each organisation's contact card and each form."""
    named = _route_cards(outcome, content, here)
    situation = outcome.situation
    # The family's own deadlines first, then what others must do by when.
    shown = sorted(
        dict.fromkeys(named["deadlines"]),
        key=lambda t: content.time_limit(t).rule.who_acts != "you",
    )
    calculator = calculator_links(content, shown, here)
    return {
        "outcome": outcome,
        # The letter for the first step, with the finder's answers carried into it.
        "letter": outcome_letter_link(content, outcome.letter, here),
        "fits": named["cards"],
        "deadlines": [
            {
                "limit": content.time_limit(t),
                "anchor": deadline_anchor(t),
                "calculator": calculator.get(t),
            }
            for t in shown
        ],
        "providers": [content.provider(p) for p in dict.fromkeys(named["providers"])],
        "form_links": form_links(
            [content.forms[f] for f in dict.fromkeys(named["forms"])], pdfs, here
        ),
        "young_people": content.finder.young_people if young_person_acts(situation) else None,
        "proposals": [p for p in content.proposed_changes.proposals if p.id in outcome.proposals],
        # How to send the appeal or claim, where there is one to the tribunal.
        "appeal_guide": link_for_outcome(content, situation, shown, here),
    }


def finder_tree_view(content: Content, from_url: str) -> dict:
    """The finder as nested dicts: a question with its choices, down to each outcome's routes
    (finder_tree.html)."""
    questions = {q.id: q for q in content.finder.questions}
    outcomes = {o.id: o for o in content.finder.outcomes}

    def node(node_id: str) -> dict:
        if node_id in outcomes:
            fits = [
                {
                    "route": content.route(fit.route),
                    "url": relative_url(from_url, route_url(fit.route)),
                }
                for fit in outcomes[node_id].routes
            ]
            return {"question": None, "fits": fits}
        question = questions[node_id]
        choices = [{"option": option, "next": node(option.next)} for option in question.options]
        return {"question": question, "choices": choices}

    return {"tree": node(content.finder.start)}


def finder_start_view(content: Content, from_url: str) -> dict:
    """The link that starts the finder (start_link.html)."""
    return {"url": relative_url(from_url, FINDER_ROOT)}


def question_count_view(content: Content, from_url: str) -> dict:
    """How many questions the finder asks at most (question_count.html)."""
    return {"count": most_questions(content.finder)}
