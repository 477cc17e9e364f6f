"""Views: records in, a small view model (plain dicts) out, for one template each.

Every page made from content, and every component a page written in docs/ shows, has one view
here and one template in macros/templates/. Nothing here knows the site generator: rendering a
page needs only the records and the components' template environment (components.py).
"""
