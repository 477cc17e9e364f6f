"""The fix to Material's HTML: its hidden drawer and search controls and second skip link go."""

from macros.html_fixes import remove_material_controls


def test_materials_controls_are_removed_and_nothing_else():
    html = (
        '<body dir="ltr">\n'
        '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
        'autocomplete="off">\n'
        '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">\n'
        '    <label class="md-overlay" for="__drawer"></label>\n'
        '    <div data-md-component="skip">\n'
        '      <a href="#x" class="md-skip">Skip</a>\n    </div>\n'
        '    <div data-md-component="announce"></div>\n'
        '<input type="checkbox" id="keep-me"><label for="keep-me">Keep</label>'
    )
    assert remove_material_controls(html) == (
        '<body dir="ltr">\n    <div data-md-component="announce"></div>\n'
        '<input type="checkbox" id="keep-me"><label for="keep-me">Keep</label>'
    )
