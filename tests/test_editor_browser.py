"""The browser editor (`make edit`, issue 29) in Chromium: Decap CMS, loaded from the editor
server (macros/editor/) over a copy of the project, with the config made from the schemas
(macros/editor/config.py). A web officer changes a provider's phone number and opening hours and
a role binding and saves: the files change in only those values, the loader accepts them and
the preview (`mkdocs serve`) shows them. A bad email address and an unknown provider are refused
by the form, and nothing reaches the files. Nothing in the family site loads the editor.

Everything is on 127.0.0.1: the browser sends any other host to a proxy that is not there
(sitecheck.browser), and the test fails if the editor asked for one.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from builds import copy_project, note_build
from conftest import SHIPPED
from project_paths import PROJECT
from sitecheck.server import fetch, mkdocs_serve, seconds_until
from sitecheck.tools import DECAP, require

from macros.content import load_content
from macros.editor.config import config_text

COUNCIL = SHIPPED.name
# The label of an email address in the form ("Email address (optional)" where it may be left out).
EMAIL_ADDRESS = re.compile(r"^Email address")
APP = PROJECT / "macros" / "editor" / "app"
# Decap's first screen can take a while on a busy 2-core machine (a 5 MB bundle to parse): the
# waits are for things on the page, with room to spare, never fixed sleeps.
LOADING = 90_000
ACTING = 30_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def editor_server(project: Path, log: Path, council: str = COUNCIL) -> Iterator[str]:
    """The editor server (python -m macros.editor) on the copy's council, as `make edit` runs
    it; yield its address once it answers."""
    port = free_port()
    config = log.with_name("config.yml")
    config.write_text(config_text(council, port, project), encoding="utf-8")
    command = [sys.executable, "-m", "macros.editor", "--council", council, "--port", str(port)]
    command += ["--app", str(APP), "--app", str(DECAP.parent), "--config", str(config)]
    command += ["--root", str(project)]
    with open(log, "w", encoding="utf-8") as output:
        server = subprocess.Popen(
            command, cwd=PROJECT, stdout=output, stderr=output, start_new_session=True
        )
        try:
            address = f"http://127.0.0.1:{port}/"
            assert seconds_until(address, "decap-cms.js", 30) is not None, log.read_text()
            yield address
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)


def council_files(project: Path, council: str = COUNCIL) -> dict[str, bytes]:
    folder = project / "content" / "councils" / council
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@contextlib.contextmanager
def editor_page(browser, address: str, screenshot: Path):
    """The editor open on its collections, with every request it makes recorded; a screenshot
    of it if a step fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list = []
    page.on("request", lambda request: requests.append(request))
    started = time.monotonic()
    page.goto(address)
    page.get_by_role("button", name="Login").click(timeout=LOADING)
    page.get_by_text("Your council").first.wait_for(timeout=LOADING)
    print(f"the editor's first screen took {time.monotonic() - started:.1f} s")
    try:
        yield page, requests
    except Exception:
        page.screenshot(path=screenshot, full_page=True)
        print(f"the editor as it was: {screenshot}")
        raise
    finally:
        context.close()
    offsite = [r.url for r in requests if urlsplit(r.url).hostname not in (None, "127.0.0.1")]
    assert not [u for u in offsite if not u.startswith(("data:", "blob:"))], offsite


def open_form(page, address: str, form: str) -> None:
    """Open one of the council's forms from the list of them, as a person would. (Going from
    one form's address straight to another's leaves Decap showing the second one empty.)"""
    page.goto(f"{address}#/collections/council")
    page.locator(f"a[href$='/collections/council/entries/{form}']").click(timeout=LOADING)
    page.get_by_role("button", name="Publish").first.wait_for(timeout=LOADING)


def provider_form(page, name: str):
    """The fields of one provider in the providers form, opened."""
    summary = page.locator(f"xpath=//div[normalize-space(text())={name!r}]")
    summary.wait_for(timeout=LOADING)
    summary.locator("xpath=preceding-sibling::div[1]/button[1]").click()
    return summary.locator("xpath=following-sibling::div[1]")


def choose(page, label: str, option: str) -> None:
    """Type into a choice field and pick the option offered."""
    page.get_by_label(label, exact=True).fill(option)
    page.get_by_role("option", name=option, exact=True).click(timeout=ACTING)


def publish(page) -> None:
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click(timeout=ACTING)


def persisted(requests) -> list:
    return [r for r in requests if r.method == "POST" and '"persistEntry"' in (r.post_data or "")]


def wait_for_change(path: Path, before: bytes, seconds: float = 30) -> bytes:
    started = time.monotonic()
    while path.read_bytes() == before:
        assert time.monotonic() - started < seconds, f"{path.name} was not saved"
        time.sleep(0.05)
    return path.read_bytes()


# The values the edit changes, as they are written before and after (only these may change).
PROVIDERS_EDIT = [
    ("- number: 0113 496 0111", "- number: 0113 496 0999"),
    (
        'opens_at: "09:30"\n        closes_at: "16:30"',
        'opens_at: "10:00"\n        closes_at: "16:00"',
    ),
]
ROLES_EDIT = [
    (
        "disagreement-resolution-providers: [kids, together-trust]",
        "disagreement-resolution-providers: [kids, example-mediation-service]",
    )
]


def edited(text: bytes, edits: list[tuple[str, str]]) -> str:
    text = text.decode()
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def edit_sendiass_and_a_role(page, address: str, folder: Path, before: dict) -> None:
    """In the editor, as a person would: a new phone number and opening hours for SENDIASS,
    saved; then the disagreement resolution providers bound to a different provider, saved."""
    open_form(page, address, "providers")
    sendiass = provider_form(page, "Example Council SENDIASS")
    sendiass.get_by_label("Number", exact=True).fill("0113 496 0999")
    sendiass.get_by_label("Opens at", exact=True).fill("10:00")
    sendiass.get_by_label("Closes at", exact=True).fill("16:00")
    started = time.monotonic()
    publish(page)
    wait_for_change(folder / "providers.yml", before["providers.yml"])
    print(f"providers saved in {time.monotonic() - started:.1f} s")

    open_form(page, address, "roles")
    page.get_by_role("button", name="Remove The Together Trust").click()
    choose(page, "The disagreement resolution providers", "Example Mediation Service")
    publish(page)
    wait_for_change(folder / "roles.yml", before["roles.yml"])


def check_the_loader_reads_the_edit(folder: Path) -> None:
    content = load_content(folder).content
    sendiass = content.providers["example-sendiass"]
    assert sendiass.phones[0].number == "0113 496 0999"
    hours = sendiass.schedules[0]
    assert (hours.opens_at, hours.closes_at) == ("10:00", "16:00")
    bound = content.roles["disagreement-resolution-providers"]
    assert bound == ["kids", "example-mediation-service"]


def check_the_preview_shows_the_edit(preview: str) -> None:
    started = time.monotonic()
    who = preview + "disagreement-resolution/who-provides-it/"
    assert seconds_until(who, "Example Mediation Service", 60) is not None, "no rebuild"
    assert "The Together Trust" not in fetch(who)
    sendiass = preview + "sendiass/"
    assert seconds_until(sendiass, "0113 496 0999", 60) is not None, "no rebuild"
    print(f"the preview showed both saves {time.monotonic() - started:.1f} s after the checks")
    assert "0113 496 0111" not in fetch(sendiass)
    assert "10am to 4pm" in fetch(sendiass)


@pytest.mark.extra_build
def test_an_edit_in_the_browser_changes_only_its_values_and_the_preview_shows_it(browser, tmp_path):
    require("decap-cms")
    project = copy_project(tmp_path / "project")
    before = council_files(project)
    folder = project / "content" / SHIPPED
    note_build("extra", "mkdocs serve (the editor's preview)")
    with (
        mkdocs_serve(project, tmp_path / "serve.log") as preview,
        editor_server(project, tmp_path / "editor.log") as address,
        editor_page(browser, address, tmp_path / "editor.png") as (page, requests),
    ):
        who = preview + "disagreement-resolution/who-provides-it/"
        assert seconds_until(who, "The Together Trust", 120) is not None, "no preview"
        edit_sendiass_and_a_role(page, address, folder, before)

        assert len(persisted(requests)) == 2
        after = council_files(project)
        assert after["providers.yml"].decode() == edited(before["providers.yml"], PROVIDERS_EDIT)
        assert after["roles.yml"].decode() == edited(before["roles.yml"], ROLES_EDIT)
        assert {n for n in after if after[n] != before.get(n)} == {"providers.yml", "roles.yml"}
        check_the_loader_reads_the_edit(folder)
        check_the_preview_shows_the_edit(preview)


def test_the_form_refuses_a_bad_email_address_and_an_unknown_provider(browser, tmp_path):
    require("decap-cms")
    project = copy_project(tmp_path / "project")
    before = council_files(project)
    with (
        editor_server(project, tmp_path / "editor.log") as address,
        editor_page(browser, address, tmp_path / "editor.png") as (page, requests),
    ):
        open_form(page, address, "roles")
        bound = page.get_by_role("button", name="Remove Example Council SENDIASS")
        bound.wait_for(timeout=LOADING)
        sendiass_role = page.get_by_label("SENDIASS", exact=True)
        sendiass_role.fill("no-such-provider")
        page.get_by_text("No options").wait_for(timeout=ACTING)
        sendiass_role.press("Enter")
        sendiass_role.press("Escape")
        assert bound.count() == 1
        assert not page.get_by_role("button", name=re.compile("Remove no-such")).count()

        open_form(page, address, "providers")
        sendiass = provider_form(page, "Example Council SENDIASS")
        sendiass.get_by_label(EMAIL_ADDRESS).fill("sendiass.example.org")
        publish(page)
        # The form names the problem above the field, with what is expected.
        refused = "didn't match the pattern: An email address, such as send@example.org."
        sendiass.get_by_text(refused).wait_for(timeout=ACTING)
        assert sendiass.get_by_label(EMAIL_ADDRESS).input_value() == "sendiass.example.org"

    assert not persisted(requests), "the editor sent a refused value to be saved"
    assert council_files(project) == before


def test_what_the_form_cannot_show_is_kept(browser, tmp_path):
    """A change in changes.yml replaces a national value with one of any type, which no Decap
    widget can hold: the form leaves it out, and saving the change's reason keeps it as it was
    (Example Borough's second change replaces a list of roles)."""
    require("decap-cms")
    project = copy_project(tmp_path / "project")
    before = council_files(project, "example-borough")
    new_reason = "complaints team answers every letter about lateness."
    with (
        editor_server(project, tmp_path / "editor.log", "example-borough") as address,
        editor_page(browser, address, tmp_path / "editor.png") as (page, _),
    ):
        open_form(page, address, "changes")
        why = page.get_by_label("Why", exact=True).last
        why.fill("The borough's " + new_reason)
        publish(page)
        changes = wait_for_change(
            project / "content/councils/example-borough/changes.yml", before["changes.yml"]
        )
    old = (
        "The borough's complaints team answers every letter about a late assessment, plan or "
        "review,\n      so that each one is logged and followed up."
    )
    expected = edited(before["changes.yml"], [(old, "The borough's " + new_reason)])
    assert changes.decode() == expected
    assert "national: [send-team]\n    value: [complaints-team]" in expected


# Words that would mean a family page loads, or names, the editor or its files.
EDITOR_TRACES = re.compile(r"decap|netlify-cms|/api/v1|cms-config-url|macros/editor", re.I)


def editor_traces(site: Path) -> list[str]:
    """Each file of a built site that names the editor (or is one of Decap's files)."""
    found = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        named = EDITOR_TRACES.search(path.relative_to(site).as_posix())
        text = path.read_bytes().decode("utf-8", "replace") if path.suffix in TEXT else ""
        if named or EDITOR_TRACES.search(text):
            found.append(path.relative_to(site).as_posix())
    return found


TEXT = {".html", ".js", ".css", ".json", ".xml", ".txt", ".svg", ".webmanifest", ".ics"}


def test_no_family_page_loads_the_editor(built_site, tmp_path):
    assert editor_traces(built_site) == []
    # And the check finds one: a page that loaded Decap's bundle.
    planted = tmp_path / "site" / "index.html"
    planted.parent.mkdir()
    planted.write_text('<script src="/decap-cms.js"></script>', encoding="utf-8")
    assert editor_traces(planted.parent) == ["index.html"]
