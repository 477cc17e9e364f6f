"""The records of content/routes/<id>.yml: one way of resolving a disagreement per file."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from ..bounds import MAX_ROUTE_ORDER
from .fields import (
    FormId,
    Name,
    ProviderId,
    Record,
    RecordId,
    Source,
    Text,
    TimeLimitId,
    _number_at_most,
    _problem,
)
from .national import OfficialPage
from .time_limits import Fits

MediationAdvice = Literal["needed", "not-needed", "depends"]


class RouteCase(Record):
    """One version of a route where the law varies: who, how to start, time limits, contacts."""

    record_kind: ClassVar[str] = "case"
    id: RecordId
    name: Name
    applies_when: Text
    who_can_use: Text | None = None
    mediation_advice: MediationAdvice | None = None
    how_to_start: list[Text] = Field(min_length=1)
    time_limits: list[TimeLimitId] = []
    providers: list[ProviderId] = []
    # Who runs this case, where it is not who runs the route (see Route.runs).
    runs: list[ProviderId] | None = None
    forms: list[FormId] = []
    fits: Fits = Fits()


class Route(Record):
    """A way to resolve a disagreement (Open Referral UK: service), one file each."""

    record_kind: ClassVar[str] = "route"
    id: RecordId
    name: Name
    # Where the route sits on the "Ways to sort out a disagreement" page, and in what order.
    group: Literal["informal", "formal", "appeal", "complaint", "legal", "signpost"]
    order: _number_at_most(MAX_ROUTE_ORDER, "where the route sits among the others")
    summary: Text
    who_can_use: Text
    covers: Text
    when: Text
    # Whether you must contact a mediation adviser before using this route.
    mediation_advice: MediationAdvice
    mediation_advice_note: Text | None = None
    # Time limit ids (content/time-limits.yml) that apply whichever case it is.
    time_limits: list[TimeLimitId] = []
    cost: Text
    # Who can help with the cost (Civil Legal Advice, for legal aid): their contact cards are
    # under the cost on the route's page, and they are contacts of its service in the open data.
    cost_help: list[ProviderId] = []
    # The official guide to this route (GOV.UK's, or the body's own), where there is one.
    guide: OfficialPage | None = None
    # Everyone families can contact about the route: who runs it and who helps (SENDIASS...).
    providers: list[ProviderId] = []
    # Which of the providers runs the route (the tribunal, an ombudsman, a council team): the
    # organisation of its service in the open data. [] when the family's own school, college or
    # nursery runs it, which no provider record stands for.
    runs: list[ProviderId]
    how_to_start: list[Text] = Field(min_length=1)
    produces: Text
    # Where the law varies, each case of the route; a finder outcome names one.
    cases: list[RouteCase] = []
    # The situations the whole route fits (each case can narrow this).
    fits: Fits = Fits()
    # "official" where the route starts with a form the body that runs it publishes (the
    # tribunal's SEND35): a finder outcome whose first route this is offers no letter of ours.
    first_step_form: Literal["official"] | None = None
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _runs_is_one_of_the_providers(self) -> Route:
        """Who runs a route is also someone to contact, so its page shows their details."""
        for case in [None, *self.cases]:
            listed = self.providers + (case.providers if case else [])
            for runner in self.run_by(case):
                if runner not in listed:
                    where = f"case '{case.id}': " if case else ""
                    raise _problem(
                        f"{where}runs: expected one of the providers listed, found '{runner}'"
                    )
        return self

    def case(self, case_id: str | None) -> RouteCase | None:
        return next((c for c in self.cases if c.id == case_id), None)

    def run_by(self, case: RouteCase | None) -> list[str]:
        """Who runs this case of the route (or the route, for None)."""
        return self.runs if case is None or case.runs is None else case.runs

    @property
    def all_time_limits(self) -> list[str]:
        """The route's time limit ids and every case's, each once, in order."""
        ids = [*self.time_limits, *(t for case in self.cases for t in case.time_limits)]
        return list(dict.fromkeys(ids))

    @property
    def all_providers(self) -> list[str]:
        """The route's providers, who helps with its cost, and every case's providers, each
        once, in order."""
        ids = [
            *self.providers,
            *self.cost_help,
            *(p for case in self.cases for p in case.providers),
        ]
        return list(dict.fromkeys(ids))
