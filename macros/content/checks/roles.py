"""Roles: each role a council binds exists; each role content names is bound; bound ids are
providers; a provider's id is not a role's."""

from __future__ import annotations

import typing

from ... import layers, records
from ...errors import ContentMessage, did_you_mean
from ..messages import message_at
from ..model import CheckedContent


def role_errors(checked: CheckedContent) -> list[ContentMessage]:
    national_file = checked.files["national.yml"]
    role_ids = [r.id for r in typing.cast(records.NationalLayer, national_file.record).roles]
    provider_list = typing.cast(records.ProviderList, checked.record("providers.yml"))
    provider_ids = [p.id for p in provider_list.providers]
    return [
        *_binding_errors(checked, role_ids, provider_ids),
        *_providers_named_like_roles(checked, role_ids, provider_ids),
        *_unbound_roles(checked, role_ids),
    ]


def _binding_errors(
    checked: CheckedContent, role_ids: list[str], provider_ids: list[str]
) -> list[ContentMessage]:
    """Each role bound in roles.yml is a national role, bound to providers that exist."""
    roles_file = checked.files["roles.yml"]
    bindings = typing.cast(records.RoleBindings, roles_file.record).roles
    problems = []
    for role_id, provider_ids_bound in bindings.items():
        if role_id not in role_ids:
            hint = did_you_mean(role_id, role_ids)
            problems.append(
                message_at(
                    roles_file,
                    ("roles", role_id),
                    f"expected a role in {checked.files['national.yml'].display_name}{hint}, "
                    f"one of: {', '.join(role_ids)}; found {role_id!r}",
                )
            )
        for index, provider_id in enumerate(provider_ids_bound):
            if provider_id not in provider_ids:
                hint = did_you_mean(provider_id, provider_ids)
                problems.append(
                    message_at(
                        roles_file,
                        ("roles", role_id, index),
                        f"expected the id of a provider in providers.yml{hint}, found "
                        f"{provider_id!r}",
                    )
                )
    return problems


def _providers_named_like_roles(
    checked: CheckedContent, role_ids: list[str], provider_ids: list[str]
) -> list[ContentMessage]:
    national_name = checked.files["national.yml"].display_name
    return [
        message_at(
            checked.files["providers.yml"],
            ("providers", index, "id"),
            f"{provider_id!r} is the id of a role in {national_name}: give the provider another "
            "id, and bind the role to it in roles.yml",
        )
        for index, provider_id in enumerate(provider_ids)
        if provider_id in role_ids
    ]


def _unbound_roles(checked: CheckedContent, role_ids: list[str]) -> list[ContentMessage]:
    """A role that content names but the council has not bound: one message, naming the first
    place that needs it."""
    roles_file = checked.files["roles.yml"]
    bindings = typing.cast(records.RoleBindings, roles_file.record).roles
    first_use: dict[str, ContentMessage] = {}
    files = [*checked.files.values(), *checked.route_files, *checked.form_files]
    for file in [*files, *checked.letter_files]:
        for loc, kind, provider_id in layers.references(file.record):
            if kind == "provider" and provider_id in role_ids and provider_id not in bindings:
                first_use.setdefault(provider_id, message_at(file, loc, ""))
    return [
        message_at(
            roles_file,
            ("roles",),
            f"the role {role_id!r} is not bound to a provider, and {place.file}:{place.line} "
            f"needs it: add '{role_id}: [the id of your provider]' under roles:",
        )
        for role_id, place in sorted(first_use.items())
    ]
