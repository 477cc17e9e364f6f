"""The checked records as one Content: each role bound to the council's providers, routes in
reading order, and the council's notes on the national bodies they are about."""

from __future__ import annotations

import typing

from .. import layers, records
from .messages import message_at
from .model import CheckedContent, Content, LoadedContent
from .warnings import content_warnings


def loaded_content(checked: CheckedContent, early_warnings: list) -> LoadedContent:
    """The content, its warnings, and where each finder outcome is written."""
    content = make_content(checked)
    finder_file = checked.files["route-finder.yml"]
    outcome_places = {
        outcome.id: message_at(finder_file, ("outcomes", index), "")
        for index, outcome in enumerate(content.finder.outcomes)
    }
    return LoadedContent(
        content=content,
        warnings=content_warnings(checked, early_warnings),
        outcome_places=outcome_places,
    )


def make_content(checked: CheckedContent) -> Content:
    """The checked records as one Content (every file is valid by now)."""
    by_file = {name: file.record for name, file in checked.files.items()}
    bindings = typing.cast(records.RoleBindings, by_file["roles.yml"]).roles

    def bound(record):
        return layers.bind_roles(record, bindings)

    council_providers = typing.cast(
        records.CouncilProviderList, checked.own_files["providers.yml"].record
    )
    provider_list = typing.cast(records.ProviderList, by_file["providers.yml"])
    time_limit_list = typing.cast(records.TimeLimitList, by_file["time-limits.yml"])
    routes = sorted(
        (typing.cast(records.Route, bound(f.record)) for f in checked.route_files),
        key=lambda r: (r.order, r.id),
    )
    forms = (typing.cast(records.RequestForm, bound(f.record)) for f in checked.form_files)
    letters = sorted(
        (typing.cast(records.Letter, bound(f.record)) for f in checked.letter_files),
        key=lambda letter: (letter.title, letter.id),
    )
    national_layer = typing.cast(records.NationalLayer, by_file["national.yml"])
    return Content(
        site=typing.cast(records.SiteSettings, by_file["site.yml"]),
        accessibility=typing.cast(records.AccessibilityFacts, by_file["accessibility.yml"]),
        providers=with_notes(provider_list.providers, council_providers.national_notes),
        disagreement_resolution=typing.cast(
            records.Service, bound(by_file["disagreement-resolution.yml"])
        ),
        routes={route.id: route for route in routes},
        finder=typing.cast(records.RouteFinder, by_file["route-finder.yml"]),
        forms={form.id: form for form in forms},
        time_limits={t.id: t for t in time_limit_list.time_limits},
        events={e.id: e for e in time_limit_list.events},
        counting_rules=time_limit_list.counting_rules,
        calculations={c.id: c for c in time_limit_list.calculations},
        proposed_changes=typing.cast(records.ProposedChanges, by_file["proposed-changes.yml"]),
        appeal_guide=typing.cast(records.AppealGuide, bound(by_file["appeal-guide.yml"])),
        national_version=national_layer.version,
        law_check=national_layer.law_check,
        guide_order=list(national_layer.guide_order),
        roles={role.id: bindings.get(role.id, []) for role in national_layer.roles},
        letters={letter.id: letter for letter in letters},
        legislation=list(national_layer.legislation),
    )


def with_notes(
    providers: list[records.Organization], notes: list[records.NationalNote]
) -> dict[str, records.Organization]:
    """Each provider by id; a national body the council wrote notes about, with its notes."""
    by_body: dict[str, list[str]] = {}
    for note in notes:
        by_body.setdefault(note.provider, []).append(note.note)
    return {
        p.id: records.NotedOrganization(**dict(p), local_notes=by_body[p.id])
        if p.id in by_body
        else p
        for p in providers
    }
