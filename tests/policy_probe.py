"""What a page did in Chromium under its Content Security Policy: the violations it reported,
and the requests to other hosts it made, told apart from those the policy stopped.

Chromium announces a request the policy blocks (Playwright's "request" event) and then fails it
with "csp": that request never left the browser. Any other request to another host did leave
it (the test browser's proxy then refuses it: sitecheck.browser.BLOCKING_PROXY).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sitecheck.browser import ALLOWED_HOST

# Run in every page before its own scripts (an init script is not subject to the policy).
RECORD_VIOLATIONS = """
window.__violations = [];
window.__ran = [];
document.addEventListener('securitypolicyviolation', event => window.__violations.push(
  event.violatedDirective + ' ' + event.blockedURI));
"""


@dataclass
class OtherHosts:
    """Requests to hosts other than 127.0.0.1, by page: sent, or stopped by the policy."""

    current_page: str = ""
    announced: list[tuple[str, object]] = field(default_factory=list)
    stopped_by_policy: set[int] = field(default_factory=set)

    def watch(self, context) -> None:
        context.on("request", self._announced)
        context.on("requestfailed", self._failed)

    def _other_host(self, request) -> bool:
        scheme = urlsplit(request.url).scheme
        return scheme not in ("data", "blob", "about") and (
            urlsplit(request.url).hostname != ALLOWED_HOST
        )

    def _announced(self, request) -> None:
        if self._other_host(request):
            self.announced.append((self.current_page, request))

    def _failed(self, request) -> None:
        if self._other_host(request) and request.failure == "csp":
            self.stopped_by_policy.add(id(request))

    def sent(self) -> list[str]:
        """'page: url' for each request that left the browser."""
        return [
            f"{page}: {request.url}"
            for page, request in self.announced
            if id(request) not in self.stopped_by_policy
        ]

    def stopped(self) -> list[str]:
        return [r.url for _, r in self.announced if id(r) in self.stopped_by_policy]


def policy_errors_in_console(page) -> list[str]:
    """A list that fills with the page's console errors about the policy (Chromium writes them
    even with JavaScript off, when no violation event can be heard)."""
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return errors
