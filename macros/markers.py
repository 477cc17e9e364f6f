"""The HTML comments the build writes into pages and finds again, each defined once.

Comments, because Markdown and the browser both pass them by: they mark a place in a page, and
show nothing while they are there. Plain strings: a template that writes one is given it as
Markup (views/guide.py), so it is not escaped.
"""

from __future__ import annotations

# Around each page's own content in the built page (overrides/main.html writes them; the
# content-errors banner goes before the first, the benchmark reads what is between them).
CONTENT_START = "<!-- sl-content-start -->"
CONTENT_END = "<!-- sl-content-end -->"

# Where the whole guide's parts go once every page's content is known (site_outputs): its PDF's
# download and its sections on the guide page, and the PDF's download on the home page.
GUIDE_DOWNLOAD = "<!-- sl-guide-download -->"
GUIDE_SECTIONS = "<!-- sl-guide-sections -->"
HOME_GUIDE_DOWNLOAD = "<!-- sl-guide-home-download -->"
