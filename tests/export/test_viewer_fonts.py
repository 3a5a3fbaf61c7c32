"""Issue 29: the offline viewer shows Hangul where the system has a Korean font and says so
where it does not (Debian's Chromium through Playwright, the ``watched_page`` fixture).

The page's check draws a Hangul syllable and an unassigned code point (U+0378) in the page's
font stack: without a Korean font both are the same missing-glyph box.  This machine has a
Korean font (CI installs fonts-nanum), so the test checks the premise (two missing code points
draw the same box), that Hangul draws differently, and that the note stays hidden.  The fixture
is SYNTHETIC (three made-up actors).
"""

from __future__ import annotations

import pandas as pd

from netanalysis import network as nw
from netanalysis.export.viewer import FONTS, save_interactive_html

INK = """(t) => { const c = document.createElement("canvas").getContext("2d"); c.font = "40px " + FONTS;
  c.fillText(t, 10, 60); return [c.font, Array.prototype.join.call(c.getImageData(0, 0, 80, 80).data)]; }"""


def test_hangul_font_check_in_chromium(watched_page, tmp_path):
    import shutil
    import subprocess

    import pytest

    fc = shutil.which("fc-list")
    if fc is None or not subprocess.run([fc, ":lang=ko"], capture_output=True, text=True, check=False).stdout.strip():
        pytest.skip("no Korean font on this machine (apt-get install fonts-nanum)")
    e = pd.DataFrame({"u": ["a", "a"], "v": ["b", "c"], "year": [2010, 2011], "n_patents": [1, 2], "weight": [1.0, 2.0]})
    act = pd.DataFrame({"applicant_id": ["a", "b", "c"], "name": ["아주대학교", "FOS", "O'Brien"],
                        "actor_type": ["university", "sme", "sme"]})
    g = nw.to_igraph(e, act)
    path = save_interactive_html(g, tmp_path / "v.html")
    page, _, errors = watched_page(path)
    page.wait_for_selector(".ipysigma-widget canvas", timeout=30_000)
    ink = INK.replace("FONTS", repr(FONTS).replace("\\'", "'"))
    font, hangul = page.evaluate(ink, "한")
    _, missing_a = page.evaluate(ink, "\u0378")
    _, missing_b = page.evaluate(ink, "\u0379")
    note_hidden = page.evaluate("document.getElementById('no-hangul-font').hidden")
    page.close()
    assert errors == []
    assert font.startswith("40px") and "Malgun Gothic" in font  # the stack is a font the canvas accepts
    assert missing_a == missing_b  # the premise: every missing glyph draws the same box
    assert hangul != missing_a  # this machine has a Korean font ...
    assert note_hidden  # ... so the note stays hidden


def test_without_a_korean_font_the_page_says_so(browser, tmp_path):
    """A second Chromium that sees only DejaVu (fontconfig pointed at that one folder): the note shows."""
    import os
    from pathlib import Path

    import pytest
    from conftest import CHROMIUM, FLAGS

    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.skip("the DejaVu fonts are not installed (apt-get install fonts-dejavu-core)")
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f"<dir>{dejavu}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    e = pd.DataFrame({"u": ["a"], "v": ["b"], "year": [2010], "n_patents": [1], "weight": [1.0]})
    act = pd.DataFrame({"applicant_id": ["a", "b"], "name": ["아주대학교", "FOS"], "actor_type": ["university", "sme"]})
    path = save_interactive_html(nw.to_igraph(e, act), tmp_path / "v.html")
    b = browser.browser_type.launch(executable_path=CHROMIUM, args=FLAGS,
                                    env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    try:
        page = b.new_page()
        page.goto(path.resolve().as_uri())
        page.wait_for_selector(".ipysigma-widget canvas", timeout=30_000)
        shown = page.evaluate("!document.getElementById('no-hangul-font').hidden")
        text = page.inner_text("#no-hangul-font")
    finally:
        b.close()
    assert shown and "no Korean font" in text
