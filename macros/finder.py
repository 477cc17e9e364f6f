"""The route finder as a graph: checks, page counts and every path, as pure functions.

Questions and outcomes are nodes; each option is an edge to its ``next`` node. Each distinct path
from the start question becomes one static page, so a family's answers live in the page's address
and the "Your answers" summary needs no JavaScript, cookies or storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .errors import did_you_mean
from .records import (
    Fits,
    Outcome,
    OutcomeRoute,
    Question,
    Route,
    RouteFinder,
    Situation,
    TimeLimit,
)
from .urls import FINDER_ROOT


@dataclass(frozen=True)
class Answer:
    question: Question
    option_index: int

    @property
    def option(self):
        return self.question.options[self.option_index]


@dataclass(frozen=True)
class FinderPage:
    """One page of the finder: the answers given so far and the node they lead to."""

    answers: tuple[Answer, ...]
    node: Question | Outcome

    @property
    def is_outcome(self) -> bool:
        return isinstance(self.node, Outcome)

    @property
    def url(self) -> str:
        """Site-relative address, e.g. 'which-route/questions/ehc-decision/refused-assessment/'."""
        return FINDER_ROOT + "".join(f"{a.option.id}/" for a in self.answers)

    def url_after(self, count: int) -> str:
        """The address of the page reached after the first ``count`` answers."""
        return FINDER_ROOT + "".join(f"{a.option.id}/" for a in self.answers[:count])


def graph_problems(
    finder: RouteFinder, route_ids: list[str], routes_folder: str = "content/routes/"
) -> list[tuple[tuple, str]]:
    """(location in route-finder.yml, problem) for every fault in the graph.

    Checks: the start exists; every ``next`` names a question or outcome; no id is both; every
    question and outcome can be reached; there are no loops; outcomes name existing routes;
    and the pages the finder makes stay within ``page_budget``.
    """
    problems = _edge_problems(finder, route_ids, routes_folder)
    if problems:
        return problems  # the checks below need a graph whose edges all lead somewhere
    return _shape_problems(finder)


def _edge_problems(
    finder: RouteFinder, route_ids: list[str], routes_folder: str
) -> list[tuple[tuple, str]]:
    """Ids that lead nowhere: an outcome's id that is a question's too, an outcome's unknown
    route, an unknown start, an option's unknown ``next``."""
    problems: list[tuple[tuple, str]] = []
    questions = {q.id: q for q in finder.questions}
    outcomes = {o.id: o for o in finder.outcomes}
    node_ids = [*questions, *outcomes]

    for index, outcome in enumerate(finder.outcomes):
        if outcome.id in questions:
            problems.append(
                (
                    ("outcomes", index, "id"),
                    f"{outcome.id!r} is also a question id: ids must differ",
                )
            )
        for route_index, fit in enumerate(outcome.routes):
            if fit.route not in route_ids:
                problems.append(
                    (
                        ("outcomes", index, "routes", route_index, "route"),
                        f"expected the id of a route in {routes_folder}"
                        f"{did_you_mean(fit.route, route_ids)}, found {fit.route!r}",
                    )
                )
    if finder.start not in questions:
        problems.append(
            (
                ("start",),
                f"expected the id of a question{did_you_mean(finder.start, list(questions))}, "
                f"found {finder.start!r}",
            )
        )
    for q_index, question in enumerate(finder.questions):
        for o_index, option in enumerate(question.options):
            if option.next not in questions and option.next not in outcomes:
                problems.append(
                    (
                        ("questions", q_index, "options", o_index, "next"),
                        "expected the id of a question or an outcome"
                        f"{did_you_mean(option.next, node_ids)}, found {option.next!r}",
                    )
                )
    return problems


def _shape_problems(finder: RouteFinder) -> list[tuple[tuple, str]]:
    """Faults of a graph whose edges all lead somewhere: loops, questions and outcomes no path
    reaches, and more pages than the budget (counted only without loops)."""
    loops = _loops(finder)
    problems: list[tuple[tuple, str]] = [
        (
            ("questions", q_index, "options", o_index, "next"),
            f"this makes a loop ({' → '.join(cycle)}): answers must always move forward",
        )
        for (q_index, o_index), cycle in loops.items()
    ]
    problems += _unreachable_problems(finder)
    if not loops:
        pages = count_pages(finder)
        if pages > finder.page_budget:
            problems.append(
                (
                    ("page_budget",),
                    f"the questions make {pages} pages, more than the page_budget of "
                    f"{finder.page_budget}: share fewer questions between answers, "
                    "or raise the budget",
                )
            )
    return problems


def _unreachable_problems(finder: RouteFinder) -> list[tuple[tuple, str]]:
    reachable = _reachable(finder)
    problems: list[tuple[tuple, str]] = [
        (
            ("questions", index, "id"),
            f"question {question.id!r} cannot be reached from the start",
        )
        for index, question in enumerate(finder.questions)
        if question.id not in reachable
    ]
    problems += [
        (
            ("outcomes", index, "id"),
            f"outcome {outcome.id!r} cannot be reached from the start",
        )
        for index, outcome in enumerate(finder.outcomes)
        if outcome.id not in reachable
    ]
    return problems


def card_time_limits(
    route: Route, case_id: str | None, situation: Situation, time_limits: dict[str, TimeLimit]
) -> list[str]:
    """The time limit ids a route card on an outcome carries: the route's, then its case's.

    A route can span the time before and after a child has an EHC plan (asking for an
    assessment leads to a draft plan), so a card leaves out the time limits that fit only a
    child with a plan when the outcome's child has none. An unknown id stays, for the loader to
    report where the route names it.
    """
    case = route.case(case_id)
    ids = dict.fromkeys([*route.time_limits, *(case.time_limits if case else [])])
    return [
        limit_id
        for limit_id in ids
        if limit_id not in time_limits
        or time_limits[limit_id].fits.plan is None
        or situation.plan in time_limits[limit_id].fits.plan
    ]


def _misfit_message(what: str, fits: Fits, situation: Situation) -> str | None:
    misfits = fits.misfits(situation)
    if not misfits:
        return None
    fact, allowed, actual = misfits[0]
    return (
        f"{what} fits only where {fact} is {' or '.join(allowed)}, but this outcome's "
        f"situation has {fact}: {actual}: choose another case or route, or correct the situation"
    )


def outcome_problems(
    finder: RouteFinder,
    routes: dict[str, Route],
    time_limits: dict[str, TimeLimit],
) -> list[tuple[tuple, str]]:
    """(location in route-finder.yml, problem) for every outcome whose cards do not fit it.

    Each route an outcome names must have the named case where it has cases (and none where it
    has none); the route, the case and every time limit the card or the outcome shows must fit
    the outcome's situation. (Unknown deadline and proposal ids are reference errors, found by
    the loader's one walk over every reference.)
    """
    problems: list[tuple[tuple, str]] = []
    for index, outcome in enumerate(finder.outcomes):
        problems += _one_outcome_problems(index, outcome, routes, time_limits)
    return problems


def _one_outcome_problems(
    index: int, outcome: Outcome, routes: dict[str, Route], time_limits: dict[str, TimeLimit]
) -> list[tuple[tuple, str]]:
    """The problems of the outcome at ``index``: its route cards, then the time limits shown."""
    situation = outcome.situation
    problems: list[tuple[tuple, str]] = []
    shown_limits: list[tuple[tuple, str]] = []
    seen_cards: dict[tuple[str, str | None], int] = {}
    for r_index, fit in enumerate(outcome.routes):
        loc = ("outcomes", index, "routes", r_index)
        route = routes.get(fit.route)
        if route is None:
            continue  # graph_problems reports an unknown route
        if (fit.route, fit.case) in seen_cards:
            problems.append(
                (
                    (*loc, "route"),
                    f"route {fit.route!r}"
                    + (f" case {fit.case!r}" if fit.case else "")
                    + f" is already listed as route {seen_cards[(fit.route, fit.case)] + 1}",
                )
            )
        seen_cards.setdefault((fit.route, fit.case), r_index)
        card_problem = _case_problem(loc, fit, route) or _card_misfit(loc, fit, route, situation)
        if card_problem is not None:
            problems.append(card_problem)
        else:  # a card that does not fit is one problem, not one per time limit
            shown_limits += [
                (loc, limit) for limit in card_time_limits(route, fit.case, situation, time_limits)
            ]
    for d_index, limit_id in enumerate(outcome.deadlines):
        if limit_id in time_limits:  # an unknown id: a reference error (checks/ids.py)
            shown_limits.append((("outcomes", index, "deadlines", d_index), limit_id))
    return problems + _time_limit_misfits(shown_limits, situation, time_limits)


def _case_problem(loc: tuple, fit: OutcomeRoute, route: Route) -> tuple[tuple, str] | None:
    """A card's case that the route does not have: missing, where the route has cases; given,
    where it has none; or not one of the route's cases."""
    case_ids = [case.id for case in route.cases]
    if case_ids and fit.case is None:
        return (
            (*loc, "route"),
            f"route {fit.route!r} has cases, so expected a case: one of "
            f"{', '.join(case_ids)}; found none",
        )
    if not case_ids and fit.case is not None:
        return (
            (*loc, "case"),
            f"route {fit.route!r} has no cases, found case {fit.case!r}: remove it",
        )
    if fit.case is not None and fit.case not in case_ids:
        return (
            (*loc, "case"),
            f"expected a case of route {fit.route!r}"
            f"{did_you_mean(fit.case, case_ids)}, "
            f"one of: {', '.join(case_ids)}; found {fit.case!r}",
        )
    return None


def _card_misfit(
    loc: tuple, fit: OutcomeRoute, route: Route, situation: Situation
) -> tuple[tuple, str] | None:
    """The first of the route and its case that does not fit the outcome's situation."""
    case = route.case(fit.case)
    for what, fits in (
        (f"route {fit.route!r}", route.fits),
        (f"route {fit.route!r} case {fit.case!r}", case.fits if case else Fits()),
    ):
        message = _misfit_message(what, fits, situation)
        if message:
            return ((*loc, "case" if case else "route"), message)
    return None


def _time_limit_misfits(
    shown_limits: list[tuple[tuple, str]], situation: Situation, time_limits: dict[str, TimeLimit]
) -> list[tuple[tuple, str]]:
    """Each time limit shown on an outcome that does not fit its situation, once, where it is
    first shown."""
    problems: list[tuple[tuple, str]] = []
    reported: set[str] = set()
    for loc, limit_id in shown_limits:
        limit = time_limits.get(limit_id)
        if limit is None or limit_id in reported:
            continue  # an unknown id is reported where the route or outcome names it
        message = _misfit_message(f"time limit {limit_id!r}", limit.fits, situation)
        if message:
            reported.add(limit_id)
            problems.append((loc, message))
    return problems


def _next_ids(finder: RouteFinder, node_id: str) -> list[str]:
    for question in finder.questions:
        if question.id == node_id:
            return [option.next for option in question.options]
    return []


def _reachable(finder: RouteFinder) -> set[str]:
    seen: set[str] = set()
    stack = [finder.start]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(_next_ids(finder, node))
    return seen


def _loops(finder: RouteFinder) -> dict[tuple[int, int], list[str]]:
    """Each option that closes a loop, by (question index, option index), with the loop."""
    index_of = {q.id: i for i, q in enumerate(finder.questions)}
    loops: dict[tuple[int, int], list[str]] = {}
    state: dict[str, str] = {}  # "open" while on the current path, then "done"

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        if node in index_of:
            for o_index, option in enumerate(finder.questions[index_of[node]].options):
                if state.get(option.next) == "open":
                    cycle = path[path.index(option.next) :] + [node, option.next]
                    loops[(index_of[node], o_index)] = cycle
                elif option.next not in state:
                    visit(option.next, [*path, node])
        state[node] = "done"

    for question in finder.questions:
        if question.id not in state:
            visit(question.id, [])
    return loops


def count_pages(finder: RouteFinder) -> int:
    """How many question and outcome pages the finder makes: one per path prefix.

    Counted without listing the paths, so a tree that would explode is caught before it is built.
    """
    questions = {q.id: q for q in finder.questions}

    @cache
    def pages_from(node: str) -> int:
        if node not in questions:
            return 1
        return 1 + sum(pages_from(option.next) for option in questions[node].options)

    return pages_from(finder.start)


def finder_pages(finder: RouteFinder) -> list[FinderPage]:
    """Every question and outcome page, depth first from the start question."""
    questions = {q.id: q for q in finder.questions}
    outcomes = {o.id: o for o in finder.outcomes}
    pages: list[FinderPage] = []

    def walk(node_id: str, answers: tuple[Answer, ...]) -> None:
        if node_id in outcomes:
            pages.append(FinderPage(answers, outcomes[node_id]))
            return
        question = questions[node_id]
        pages.append(FinderPage(answers, question))
        for index, option in enumerate(question.options):
            walk(option.next, (*answers, Answer(question, index)))

    walk(finder.start, ())
    return pages


def most_questions(finder: RouteFinder) -> int:
    """The most questions anyone answers on one path (for "You will answer up to N questions")."""
    questions = {q.id: q for q in finder.questions}

    @cache
    def depth(node: str) -> int:
        if node not in questions:
            return 0
        return 1 + max(depth(option.next) for option in questions[node].options)

    return depth(finder.start)
