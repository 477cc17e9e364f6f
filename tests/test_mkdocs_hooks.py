"""The fix to Material's HTML: autocomplete removed from checkboxes only."""

from macros.mkdocs_hooks import remove_checkbox_autocomplete


def test_autocomplete_is_removed_from_checkboxes_only():
    html = (
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<input autocomplete="off" type="checkbox" id="__search">'
        '<input type="text" class="md-search__input" autocomplete="off">'
    )
    assert remove_checkbox_autocomplete(html) == (
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<input type="checkbox" id="__search">'
        '<input type="text" class="md-search__input" autocomplete="off">'
    )
