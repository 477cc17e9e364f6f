"""What the law says follows from a finder outcome's situation (records.Situation)."""

from __future__ import annotations

from .records import Situation


def young_person_acts(situation: Situation) -> bool:
    """Whether a young person over compulsory school age acts in their own name here: in an
    appeal, mediation or a claim to the tribunal (research R4, R6, R8). Not for a county court
    claim, where the research does not say who acts for a young person under 18."""
    return (
        situation.appeal != "none" or situation.mediation != "none" or situation.claim == "tribunal"
    )
