"""How pytest-xdist shares the tests out (tests/conftest.py): the slowest work first, so that
no long unit is left for the end, and a council's site checks kept on one worker, where they
share one browser pass over its site."""

from __future__ import annotations

from project_paths import COUNCILS

# The slowest work, started first: the browser passes (in sitecheck.browser.SETTINGS' order,
# slowest first), then single long tests.
SLOW_MODULES = (
    "test_site_checks.py",
    "test_injection.py",
    "test_hostile_crawl.py",
    "test_fuzz_content.py",
    "test_site_checks_fail_on_bad_pages.py",
)


def slowest_first(nodeid: str) -> tuple:
    """A sort key: the test's module in SLOW_MODULES, then its browser setting, then the
    shipped council before the others."""
    path, _, name = nodeid.partition("::")
    module = next((i for i, m in enumerate(SLOW_MODULES) if path.endswith(m)), len(SLOW_MODULES))
    from sitecheck.browser import SETTINGS

    params = name[name.rfind("[") + 1 : -1] if name.endswith("]") else ""
    setting = next((i for i, s in enumerate(SETTINGS) if params.startswith(s + "-")), len(SETTINGS))
    later_council = not params.endswith(next(iter(COUNCILS)))
    return (module, setting, later_council)


def work_group(nodeid: str) -> str:
    """Which tests pytest-xdist must run on one worker, from the test's id: a council's site
    checks share one browser pass over its site, and the checks of the bad pages share
    another. Every other test is its own unit, sent to whichever worker is free."""
    path, _, name = nodeid.partition("::")
    if path.endswith("test_site_checks.py") and name.endswith("]"):
        return "site-" + name[name.rindex("[") + 1 : -1]
    if path.endswith("test_site_checks_fail_on_bad_pages.py") and name.startswith(
        "test_browser_check"
    ):
        return "bad-pages-in-the-browser"
    return nodeid


def scheduler_by_work_group(config, log):
    """pytest-xdist's scheduler, grouping by ``work_group`` in the order of ``slowest_first``.

    (pytest-xdist's own --dist loadgroup does this from xdist_group marks, but it stopped
    grouping anything with pytest 9.2: pytest-dev/pytest-xdist#1386.)
    """
    from xdist.scheduler import LoadScopeScheduling

    # Keep the order pytest_collection_modifyitems gave: slowest first, not largest group first.
    config.option.loadscopereorder = False

    class ByWorkGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_group(nodeid)

    return ByWorkGroup(config, log)
