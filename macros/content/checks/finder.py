"""The route finder's graph, and whether each outcome's cards fit its situation
(macros/finder.py)."""

from __future__ import annotations

import typing

from ... import records
from ...errors import ContentMessage
from ...finder import graph_problems, outcome_problems
from ..messages import message_at
from ..model import CheckedContent


def finder_errors(checked: CheckedContent) -> list[ContentMessage]:
    finder_file = checked.files["route-finder.yml"]
    finder = typing.cast(records.RouteFinder, finder_file.record)
    route_files = checked.route_files
    route_ids = [typing.cast(records.Route, f.record).id for f in route_files]
    problems = [
        message_at(finder_file, loc, problem)
        for loc, problem in graph_problems(finder, route_ids, checked.folder_place("routes"))
    ]
    routes = {typing.cast(records.Route, f.record).id: f.record for f in route_files}
    time_limit_list = typing.cast(records.TimeLimitList, checked.record("time-limits.yml"))
    problems += [
        message_at(finder_file, loc, problem)
        for loc, problem in outcome_problems(
            finder,
            typing.cast(dict[str, records.Route], routes),
            {t.id: t for t in time_limit_list.time_limits},
        )
    ]
    return problems
