"""The scale benchmark's synthetic content (benchmarks/synthetic.py) is valid content N times over.

`make bench` times builds of it; if it stopped loading, or stopped growing in step with N, the
scale numbers in BENCHMARKS.md would measure the wrong thing.
"""

from __future__ import annotations

import sys

import pytest
from conftest import PROJECT, shipped_content
from conftest import SHIPPED as SHIPPED_FOLDER

from macros.content import load_content
from macros.finder import count_pages

sys.path.insert(0, str(PROJECT / "benchmarks"))
from synthetic import make_synthetic  # noqa: E402

SHIPPED = shipped_content()


@pytest.mark.parametrize("scale", [1, 3])
def test_synthetic_content_loads_and_has_every_record_n_times(scale, tmp_path):
    counts = make_synthetic(PROJECT / "content", tmp_path / "content", scale)
    content = load_content(tmp_path / "content" / SHIPPED_FOLDER).content

    assert len(content.providers) == counts["providers"] == scale * len(SHIPPED.providers)
    assert len(content.routes) == counts["routes"] == scale * len(SHIPPED.routes)
    assert len(content.forms) == counts["forms"] == scale * len(SHIPPED.forms)
    assert len(content.letters) == counts["letters"] == scale * len(SHIPPED.letters)
    assert len(content.finder.outcomes) == scale * len(SHIPPED.finder.outcomes)
    # Above 1, one more question: which copy of the finder to use.
    extra = 0 if scale == 1 else 1
    assert len(content.finder.questions) == scale * len(SHIPPED.finder.questions) + extra
    assert count_pages(content.finder) == scale * count_pages(SHIPPED.finder) + extra


def test_copies_refer_to_their_own_records(tmp_path):
    make_synthetic(PROJECT / "content", tmp_path / "content", 2)
    content = load_content(tmp_path / "content" / SHIPPED_FOLDER).content

    # National bodies are copied; roles are the same in every copy (bound once per council).
    bound = {p for providers in SHIPPED.roles.values() for p in providers}
    # Providers not bound to a role (the national bodies here) are renamed in each copy.
    renamed = set(SHIPPED.providers) - bound
    for field in ("providers", "cost_help"):
        assert getattr(content.routes["tribunal-appeal-2"], field) == [
            f"{p}-2" if p in renamed else p
            for p in getattr(SHIPPED.routes["tribunal-appeal"], field)
        ]
    assert content.routes["tribunal-appeal-2"].cost_help == ["legal-aid-2"]
    form = content.forms["request-for-mediation-advice-2"]
    assert form.routes == [f"{r}-2" for r in SHIPPED.forms["request-for-mediation-advice"].routes]
    letter = SHIPPED.letters["ask-for-an-ehc-needs-assessment"]
    assert content.letters["ask-for-an-ehc-needs-assessment-2"].routes == [
        f"{r}-2" for r in letter.routes
    ]
    second_start = content.finder.questions[0].options[1]
    assert second_start.next == f"{SHIPPED.finder.start}-2"


def test_a_scale_below_one_is_refused(tmp_path):
    with pytest.raises(ValueError, match="expected a scale of 1 or more, found 0"):
        make_synthetic(PROJECT / "content", tmp_path / "content", 0)
