"""The records of content/disagreement-resolution.yml: the service as a whole."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from .fields import Markdown, Name, ProviderId, Record, RecordId, Source, Text


class DisagreementType(Record):
    record_kind: ClassVar[str] = "disagreement type"
    id: RecordId
    between: Text
    about: Text


class Item(Record):
    """A short statement in a list (a stage, something covered, a key fact)."""

    record_kind: ClassVar[str] = "item"
    id: RecordId
    text: Text


class ProcessStep(Record):
    record_kind: ClassVar[str] = "step"
    id: RecordId
    title: Name
    text: Markdown


class ServiceProviders(Record):
    """Which providers do what for this service, by provider id."""

    formal: list[ProviderId] = Field(min_length=1)
    information_and_support: list[ProviderId] = Field(min_length=1)


class Service(Record):
    """A way to resolve a disagreement (Open Referral UK: service)."""

    record_kind: ClassVar[str] = "service"
    id: RecordId
    name: Name
    description: Text
    purpose: Text
    who_can_use: Text
    disagreement_types: list[DisagreementType] = Field(min_length=1)
    former_names_note: Text
    stages_intro: Text
    stages: list[Item] = Field(min_length=1)
    covers_intro: Text
    covers: list[Item] = Field(min_length=1)
    key_facts: list[Item] = Field(min_length=1)
    steps: list[ProcessStep] = Field(min_length=1)
    providers: ServiceProviders
    sources: list[Source] = Field(min_length=1)
