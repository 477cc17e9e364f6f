"""Write synthetic content N times the size of a content folder, for the scale benchmark.

    python benchmarks/synthetic.py --scale 10 --source content --target /tmp/content-10x

The source and target are content/ folders with both layers (national/ and
councils/example-council/). Every provider, route, form, letter and finder question and outcome
is copied N times. Copy 1 keeps the
original ids, so the framing pages in docs/ still find what they name; copy k (k >= 2) adds
"-k" to each id and every reference to it, and "k" to each name and title, so the copies are
distinct records that the loader checks like any others. Role ids (national.yml) are not
renamed: every copy names the same roles, bound once in the council's roles.yml. Above 1, the
finder gets one new first question whose answers lead to each copy's questions, so its pages
grow N times as well.
site.yml, roles.yml and disagreement-resolution.yml describe the council once, and
national.yml, time-limits.yml, proposed-changes.yml, appeal-guide.yml and accessibility.yml state
the law and the product once, so they are copied as they are.

The output is valid content: it builds with `mkdocs build --strict`. It is for measuring only;
its text repeats the shipped text and is not for publishing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

NATIONAL = Path("national")
COUNCIL = Path("councils") / "example-council"
# Files copied unchanged: they describe the council or state the law once.
UNCHANGED = (
    NATIONAL / "national.yml",
    NATIONAL / "disagreement-resolution.yml",
    NATIONAL / "time-limits.yml",
    NATIONAL / "proposed-changes.yml",
    NATIONAL / "appeal-guide.yml",
    NATIONAL / "accessibility.yml",
    COUNCIL / "site.yml",
    COUNCIL / "roles.yml",
    COUNCIL / "logo.svg",
)
# The national layer's role ids: the same in every copy (set by make_synthetic).
ROLES: set[str] = set()


def renamed(record_id: str, copy: int) -> str:
    return record_id if copy == 1 else f"{record_id}-{copy}"


def renamed_provider(provider_id: str, copy: int) -> str:
    """A provider reference in a copy: a role stays the same, a provider's id is renamed."""
    return provider_id if provider_id in ROLES else renamed(provider_id, copy)


def titled(text: str, copy: int) -> str:
    return text if copy == 1 else f"{text} {copy}"


def provider_copy(provider: dict, copy: int) -> dict:
    return {**provider, "id": renamed(provider["id"], copy), "name": titled(provider["name"], copy)}


def route_copy(route: dict, copy: int) -> dict:
    return {
        **route,
        "id": renamed(route["id"], copy),
        "name": titled(route["name"], copy),
        "providers": [renamed_provider(p, copy) for p in route.get("providers", [])],
        "cost_help": [renamed_provider(p, copy) for p in route.get("cost_help", [])],
        "runs": [renamed_provider(p, copy) for p in route["runs"]],
        "cases": [
            {
                **case,
                "providers": [renamed_provider(p, copy) for p in case.get("providers", [])],
                **(
                    {"runs": [renamed_provider(p, copy) for p in case["runs"]]}
                    if "runs" in case
                    else {}
                ),
                "forms": [renamed(f, copy) for f in case.get("forms", [])],
            }
            for case in route.get("cases", [])
        ],
    }


def form_copy(form: dict, copy: int) -> dict:
    return {
        **form,
        "id": renamed(form["id"], copy),
        "title": titled(form["title"], copy),
        "recipients": [renamed_provider(p, copy) for p in form.get("recipients", [])],
        "routes": [renamed(r, copy) for r in form.get("routes", [])],
    }


def letter_copy(letter: dict, copy: int, route_ids: set[str]) -> dict:
    """A letter in a copy: its routes and the routes of its legal basis renamed (a time limit
    is stated once, so a legal basis that is a time limit stays the same)."""
    return {
        **letter,
        "id": renamed(letter["id"], copy),
        "title": titled(letter["title"], copy),
        "to": [renamed_provider(p, copy) for p in letter["to"]],
        "routes": [renamed(r, copy) for r in letter.get("routes", [])],
        "legal_basis": [renamed(b, copy) if b in route_ids else b for b in letter["legal_basis"]],
    }


def outcome_copy(outcome: dict, copy: int) -> dict:
    routes = [{**fit, "route": renamed(fit["route"], copy)} for fit in outcome["routes"]]
    copied = {**outcome, "id": renamed(outcome["id"], copy), "routes": routes}
    if "letter" in outcome:
        copied["letter"] = {**outcome["letter"], "id": renamed(outcome["letter"]["id"], copy)}
    return copied


def finder_copy(finder: dict, scale: int) -> dict:
    """The finder with its questions and outcomes ``scale`` times, under one new first question.

    At scale 1 it is the finder as it is: a question needs at least two answers.
    """
    if scale == 1:
        return finder
    questions, outcomes = [], []
    for copy in range(1, scale + 1):
        for question in finder["questions"]:
            options = [
                {**option, "next": renamed(option["next"], copy)} for option in question["options"]
            ]
            questions.append({**question, "id": renamed(question["id"], copy), "options": options})
        outcomes += [outcome_copy(outcome, copy) for outcome in finder["outcomes"]]
    first = {
        "id": "synthetic-part",
        "text": "Which part of the synthetic finder do you want?",
        "options": [
            {"id": f"part-{copy}", "label": f"Part {copy}", "next": renamed(finder["start"], copy)}
            for copy in range(1, scale + 1)
        ],
    }
    return {
        "start": first["id"],
        # One page for the new question, then each copy's pages.
        "page_budget": finder["page_budget"] * scale + 1,
        "young_people": finder["young_people"],
        "questions": [first, *questions],
        "outcomes": outcomes,
    }


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


def make_synthetic(source: Path, target: Path, scale: int) -> dict[str, int]:
    """Write the scaled content to ``target``; return how many records of each kind it has."""
    if scale < 1:
        raise ValueError(f"expected a scale of 1 or more, found {scale}")
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in UNCHANGED:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, target / name)
    ROLES.clear()
    ROLES.update(role["id"] for role in read(source / NATIONAL / "national.yml")["roles"])
    copies = range(1, scale + 1)

    provider_count = 0
    for layer in (NATIONAL, COUNCIL):
        providers = read(source / layer / "providers.yml")["providers"]
        provider_count += len(providers)
        write(
            target / layer / "providers.yml",
            {"providers": [provider_copy(p, copy) for copy in copies for p in providers]},
        )
    routes = [read(path) for path in sorted((source / NATIONAL / "routes").glob("*.yml"))]
    for copy in copies:
        for route in routes:
            record = route_copy(route, copy)
            write(target / NATIONAL / "routes" / f"{record['id']}.yml", record)
    forms = [read(path) for path in sorted((source / NATIONAL / "forms").glob("*.yml"))]
    for copy in copies:
        for form in forms:
            record = form_copy(form, copy)
            write(target / NATIONAL / "forms" / f"{record['id']}.yml", record)
    letters = [read(path) for path in sorted((source / NATIONAL / "letters").glob("*.yml"))]
    route_ids = {route["id"] for route in routes}
    for copy in copies:
        for letter in letters:
            record = letter_copy(letter, copy, route_ids)
            write(target / NATIONAL / "letters" / f"{record['id']}.yml", record)
    finder = finder_copy(read(source / NATIONAL / "route-finder.yml"), scale)
    write(target / NATIONAL / "route-finder.yml", finder)
    return {
        "providers": provider_count * scale,
        "routes": len(routes) * scale,
        "forms": len(forms) * scale,
        "letters": len(letters) * scale,
        "questions": len(finder["questions"]),
        "outcomes": len(finder["outcomes"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, required=True, help="how many times the content")
    parser.add_argument("--source", type=Path, default=Path("content"))
    parser.add_argument("--target", type=Path, required=True)
    args = parser.parse_args(argv)
    counts = make_synthetic(args.source, args.target, args.scale)
    print(f"Wrote {args.target}: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
