"""What a hostile name, label, title or file name can do to the files users share, and what a
planted symbolic link can do to an output folder (issue 28; docs/security.md lists each promise).

The payloads are our own: script in an ``<img onerror>``, a ``</script>`` breakout, a
``javascript:`` link, attribute breakouts with both quotes, Markdown links and raw HTML, an
HTML comment opener, bidi and line-separator characters.  Every page is opened in a real
Chromium (the ``watched_page`` fixture) and must run none of them: a payload sets
``window.__pwned`` or opens a dialog, and the test listens for both.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import stat
from pathlib import Path

import igraph as ig
import pandas as pd
import pytest

from netanalysis._escape import (
    html_text,
    json_for_script,
    markdown_code_block,
    markdown_link_target,
    markdown_text,
    neutralise_formulas,
    spreadsheet_text,
)
from netanalysis._io import atomic_folder, real_folder, write_text
from netanalysis.report import Finding, Report

#: Each sets window.__pwned (or opens a dialog) if it ever runs as script.
PAYLOADS = [
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    "</script><script>window.__pwned=2;alert(2)</script>",
    "<!--<script>",
    '"><svg onload=window.__pwned=3>',
    "'><iframe src=javascript:window.top.__pwned=4>",
    "[click](javascript:window.__pwned=5)",
    "![x](javascript:window.__pwned=6)",
    "<a href='javascript:window.__pwned=7'>link</a>",
    "<details open ontoggle=window.__pwned=8>",
    "KR_27 *bold* `code` | pipe \\ back",
    "ＡＣＭＥ\u202e<b>evil</b>\u2028next line\u2029para",
    "=HYPERLINK(\"http://x\")",
    "AT&T &lt;b&gt; R&D",
]


# --- the escaping functions --------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_text_round_trips_and_holds_no_markup(payload):
    out = html_text(payload)
    assert not re.search(r"[<>\"']", out)
    assert html.unescape(out) == payload


@pytest.mark.parametrize("payload", PAYLOADS)
def test_json_for_script_cannot_end_its_element(payload):
    out = json_for_script({"name": payload, "list": [payload]})
    assert "<" not in out and ">" not in out and "\u2028" not in out
    assert json.loads(out) == {"name": payload, "list": [payload]}


def test_markdown_code_block_fence_outlasts_the_text():
    text = "a ``` b\n```\n<script>x</script> ````` c"
    block = markdown_code_block(text)
    fence = block.split("\n", 1)[0]
    assert set(fence) == {"`"} and len(fence) == 6 and block.endswith("\n" + fence)
    assert block[len(fence) + 1: -len(fence) - 1] == text


def test_markdown_link_target_keeps_a_relative_path():
    assert markdown_link_target("r_figures/01_network.png") == "r_figures/01_network.png"
    target = markdown_link_target("javascript:alert(1)//x) [y].png")
    assert not re.search(r"[:()\[\] ]", target)


def test_spreadsheet_cells_are_neutralised():
    cells = ["=1+1", "+CMD|' /C calc'!A0", "-1+1+CMD", "@SUM(A1)", "\t=1", "\r=1", "ACME", "", "1-2"]
    assert [spreadsheet_text(c) for c in cells] == ["'=1+1", "'+CMD|' /C calc'!A0", "'-1+1+CMD", "'@SUM(A1)",
                                                     "'\t=1", "'\r=1", "ACME", "", "1-2"]
    df = pd.DataFrame({"label": cells, "n": range(len(cells))})
    out = neutralise_formulas(df)
    assert out["label"].tolist() == [spreadsheet_text(c) for c in cells]
    assert out["n"].tolist() == list(range(len(cells)))  # numbers untouched


def _markdown_renderers():
    mdit = pytest.importorskip("markdown_it")
    markdown = pytest.importorskip("markdown")
    commonmark = mdit.MarkdownIt("commonmark")  # raw HTML on, as VS Code's preview
    gfm = mdit.MarkdownIt("commonmark").enable(["table", "strikethrough"])  # GitHub's additions
    return {"commonmark": commonmark.render, "gfm": gfm.render,
            "python-markdown": lambda t: markdown.markdown(t, extensions=["tables"])}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_text_renders_as_the_same_text_in_three_renderers(payload):
    for name, render in _markdown_renderers().items():
        out = render("Region: " + markdown_text(payload) + " end")
        body = re.sub(r"^<p>|</p>\s*$", "", out.strip())
        assert not re.search(r"<(?!/?p>)[a-z!/]", body, re.I), (name, out)  # no tag but the paragraph
        visible = html.unescape(body)
        expected = "Region: " + re.sub(r"[\r\n\u2028\u2029]+", " ", payload) + " end"
        assert " ".join(visible.split()) == " ".join(expected.split()), (name, out)


# --- the report, rendered -----------------------------------------------------------------


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (120, 80), (30, 90, 160)).save(buf, format="PNG")
    return buf.getvalue()


def hostile_report() -> Report:
    """A report whose every data string (region, file name, title, table cell) is a payload."""
    p = PAYLOADS
    table = pd.DataFrame({"region": p, "actors": range(len(p))})
    return Report(
        title=f"Region {p[0]} {p[1]}", subtitle=p[5], synthetic=False,
        findings=[Finding("hubs_bridges", "Are universities the hubs and the bridges?", True,
                          f"In {p[0]} {p[3]} {p[5]} the universities are hubs.")],
        data_text=[f"Sources: {p[0]}.csv, {p[6]}.xlsx, {p[4]}.csv; read as kipris_export."],
        data_tables={f"Regions {p[7]}": table}, caveats=[p[8], p[2]],
        uncertainty_text=[p[9]], uncertainty_tables={}, comparison_text=[p[10]], comparison=table,
        figures={"01_network": _png()}, skipped={p[0]: p[1]},
        command=f"netanalysis report --data '{p[1]}.csv' --region '{p[0]}'\n```\n{p[7]}",
        versions={"netanalysis": "0"}, inputs=[(f"{p[0]}.csv", "ab" * 32), (f"{p[5]}.csv", "cd" * 32)],
        parameters={"region": p[0], "title": p[1]},
        figures_for={"hubs_bridges": ["01_network"]},
    )


def _no_script_ran(page, dialogs, requests):
    assert page.evaluate("window.__pwned") is None, "a payload ran"
    assert dialogs == [], "a payload opened a dialog"
    assert not [u for u in requests if u.endswith("/x")], "a payload's <img src=x> became an element"


def _open(watched_page, path: Path):
    page, requests, _errors = watched_page(path)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.reload()  # the listener is on before any script could run
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    return page, dialogs, requests


@pytest.mark.slow  # end-to-end / browser / real data: in CI's full set (-m "")
def test_report_markdown_renders_no_payload_in_chromium(watched_page, tmp_path):
    renderers = _markdown_renderers()
    rep = hostile_report()
    files = rep.save(tmp_path / "r.md")
    md = files[0].read_text(encoding="utf-8")
    png = files[1]  # the figure set of this run: r_figures/run-<content hash>/ (swapped in as one set)
    assert png.is_file() and png.parent.parent == tmp_path / "r_figures"
    rel = png.relative_to(tmp_path).as_posix()
    for name, render in renderers.items():
        page_path = tmp_path / f"preview_{name}.html"
        page_path.write_text(f"<!DOCTYPE html><meta charset='utf-8'><body>{render(md)}</body>", encoding="utf-8")
        page, dialogs, requests = _open(watched_page, page_path)
        _no_script_ran(page, dialogs, requests)
        assert page.evaluate("document.querySelectorAll('script,iframe,svg,details,a[href^=javascript]').length") == 0
        links = page.evaluate("Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))")
        assert all(not (h or "").lower().startswith("javascript") for h in links)
        text = page.inner_text("body")
        assert "<img src=x onerror=" in text, name  # the payload is shown as text
        assert "Are universities the hubs and the bridges?" in text
        # the one image is the figure, at its relative path
        srcs = page.evaluate("Array.from(document.images).map(i => i.getAttribute('src'))")
        assert srcs == [rel], (name, srcs)


def test_report_html_runs_no_payload_in_chromium(watched_page, tmp_path):
    rep = hostile_report()
    (path,) = rep.save(tmp_path / "r.html")
    page, dialogs, requests = _open(watched_page, path)
    _no_script_ran(page, dialogs, requests)
    assert page.title() == rep.title
    assert page.evaluate("document.querySelectorAll('script,iframe,svg,details').length") == 0
    assert "</script><script>window.__pwned=2" in page.inner_text("body")


# --- the interactive viewer -----------------------------------------------------------------


def hostile_network() -> tuple[ig.Graph, pd.DataFrame]:
    """Five actors named, placed (a region code from a user's --regions table) and clustered
    (text labels) by payloads."""
    names = [f"A{i}" for i in range(5)]
    g = ig.Graph(edges=[(0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (0, 2)])
    g.vs["name"] = names
    g.vs["label"] = [PAYLOADS[0], PAYLOADS[1], PAYLOADS[3], PAYLOADS[4], "Plain Univ"]
    g.vs["actor_type"] = ["university", "sme", "sme", "large_firm", "university"]
    g.es["weight"] = [1.0] * g.ecount()
    table = pd.DataFrame({
        "applicant_id": names, "degree": [3, 2, 3, 2, 2], "betweenness": [0.5, 0.1, 0.4, 0.0, 0.2],
        "region": [PAYLOADS[0], PAYLOADS[2], PAYLOADS[3], PAYLOADS[8], "KR-27"],
        "cluster": [PAYLOADS[1], PAYLOADS[0], PAYLOADS[4], PAYLOADS[7], "c1"],
    })
    return g, table


@pytest.mark.slow  # end-to-end / browser / real data: in CI's full set (-m "")
@pytest.mark.parametrize("color_by", ["region", "cluster"])
def test_viewer_runs_no_payload_in_chromium(watched_page, tmp_path, color_by):
    pytest.importorskip("ipysigma")
    from netanalysis.export.viewer import save_interactive_html

    g, table = hostile_network()
    path = save_interactive_html(g, tmp_path / "v.html", table, color_by=color_by, title=PAYLOADS[1],
                                 credit=PAYLOADS[0] + PAYLOADS[3])
    page_html = path.read_text(encoding="utf-8")
    assert "window.__pwned=1" in page_html  # the payloads are there, as escaped data
    page, dialogs, requests = _open(watched_page, path)
    page.wait_for_selector(".ipysigma-widget canvas", timeout=30_000)
    page.wait_for_timeout(1500)
    legend = page.inner_text(".ipysigma-widget")
    _no_script_ran(page, dialogs, requests)
    # the legend lists the categories as text, not as markup
    values = table[color_by].tolist()
    assert sum(v.split()[0] in legend for v in values) >= 3, legend
    assert page.evaluate("document.querySelectorAll('.ipysigma-widget img, .ipysigma-widget svg[onload],"
                         " .ipysigma-widget iframe, .ipysigma-widget details').length") == 0
    assert page.title() == PAYLOADS[1]
    # an actor's card: every attribute shown as text
    page.click(".choices")
    page.locator("input.choices__input--cloned").press_sequentially("A0", delay=30)
    page.locator(".choices__list--dropdown .choices__item--selectable").first.click()
    page.wait_for_timeout(500)
    _no_script_ran(page, dialogs, requests)
    assert 'onerror="window.__pwned=1' in page.inner_text(".ipysigma-widget")


@pytest.mark.slow  # end-to-end / browser / real data: in CI's full set (-m "")
def test_export_html_from_a_hostile_file_runs_no_payload_in_chromium(watched_page, tmp_path):
    """End to end: ``netanalysis export --format html --color-by label`` on a table whose
    applicant names are payloads.  Names are upper-cased on the way, so the script is written
    with character references (``&#X61;`` = ``a``) that survive it: ``alert(1)`` if it runs."""
    pytest.importorskip("ipysigma")
    from netanalysis.cli import main

    alert = "&#X61;&#X6C;&#X65;&#X72;&#X74;(1)"
    names = [f'<img src=x onerror="{alert}">', f"</script><svg onload={alert}>", f"'><details open ontoggle={alert}>"]
    rows = ["patent_id,year,applicants"] + [f'P{i},{2010 + i % 5},"{names[i % 3].replace(chr(34), chr(34) * 2)} Inc|'
                                            f'BETA UNIVERSITY|GAMMA {i % 4} LTD"' for i in range(12)]
    (tmp_path / "hostile.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["export", str(tmp_path / "hostile.csv"), "--columns",
                 "patent_id=patent_id,year=year,applicants=applicants", "--sep", r"\|", "--format", "html",
                 "--color-by", "label", "--out", str(tmp_path / "x")]) == 0
    page_path = tmp_path / "x" / "copatent_network.html"
    assert "ONERROR" in page_path.read_text(encoding="utf-8")  # the names are in the page
    page, dialogs, requests = _open(watched_page, page_path)
    page.wait_for_selector(".ipysigma-widget canvas", timeout=30_000)
    page.wait_for_timeout(1500)
    assert dialogs == [], "a payload ran"
    assert not [u for u in requests if u.lower().endswith("/x")]
    assert "ONERROR=" in page.inner_text(".ipysigma-widget")  # the legend shows the names as text


def test_notebook_widget_gets_markup_in_legend_values_escaped():
    pytest.importorskip("ipysigma")
    from ipywidgets.embed import embed_data

    from netanalysis.export.viewer import interactive

    g, table = hostile_network()
    w = interactive(g, table, color_by="region")
    models = embed_data(views=[w])["manager_state"]["state"]
    w.close()
    (sigma,) = [m["state"] for m in models.values() if m["model_name"] == "SigmaModel"]
    region = {n["key"]: n["attributes"]["region"] for n in sigma["data"]["nodes"]}
    assert region == {"A0": html_text(PAYLOADS[0]), "A1": html_text(PAYLOADS[2]), "A2": html_text(PAYLOADS[3]),
                      "A3": html_text(PAYLOADS[8]), "A4": "KR-27"}  # values without markup unchanged
    assert g.vs["label"][0] == PAYLOADS[0]  # the caller's graph untouched


# --- symbolic links in output folders -------------------------------------------------------


def _victim(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A folder elsewhere that a planted link points to, and what it holds."""
    victim = tmp_path / "elsewhere"
    victim.mkdir()
    (victim / "01_network.png").write_bytes(b"precious")
    (victim / "private.txt").write_text("secret")
    return victim, {p.name: p.read_bytes() for p in victim.iterdir()}


def test_report_figures_folder_link_is_replaced_not_followed(tmp_path):
    victim, before = _victim(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "r_figures").symlink_to(victim, target_is_directory=True)
    rep = hostile_report()
    rep.save(tmp_path / "out" / "r.md")
    assert {p.name: p.read_bytes() for p in victim.iterdir()} == before  # nothing written there
    figs = tmp_path / "out" / "r_figures"
    assert not figs.is_symlink() and figs.is_dir()
    (png,) = figs.glob("run-*/01_network.png")  # this run's figure set, inside the real folder
    assert png.read_bytes() == rep.figures["01_network"]


def test_report_file_link_is_replaced_not_followed(tmp_path):
    victim, before = _victim(tmp_path)
    (tmp_path / "r.html").symlink_to(victim / "private.txt")
    hostile_report().save(tmp_path / "r.html")
    assert {p.name: p.read_bytes() for p in victim.iterdir()} == before
    assert not (tmp_path / "r.html").is_symlink() and "<!DOCTYPE html>" in (tmp_path / "r.html").read_text()


def test_write_text_replaces_a_link(tmp_path):
    victim, before = _victim(tmp_path)
    (tmp_path / "manifest.json").symlink_to(victim / "private.txt")
    write_text("{}", tmp_path / "manifest.json")
    assert (tmp_path / "manifest.json").read_text() == "{}" and not (tmp_path / "manifest.json").is_symlink()
    assert {p.name: p.read_bytes() for p in victim.iterdir()} == before


def test_figure_saved_onto_a_link_replaces_it(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from netanalysis.plotting._style import finish_figure

    victim, before = _victim(tmp_path)
    (tmp_path / "fig.png").symlink_to(victim / "01_network.png")
    fig, ax = plt.subplots()
    finish_figure(fig, ax, save=True, filepath=tmp_path / "fig.png")
    plt.close(fig)
    assert {p.name: p.read_bytes() for p in victim.iterdir()} == before
    assert (tmp_path / "fig.png").read_bytes()[:4] == b"\x89PNG" and not (tmp_path / "fig.png").is_symlink()


def test_output_folder_carries_over_only_regular_readme_files(tmp_path):
    victim, before = _victim(tmp_path)
    os.chmod(victim / "private.txt", 0o600)
    out = tmp_path / "export"
    out.mkdir()
    (out / "manifest.json").write_text("{}")
    (out / "README.md").symlink_to(victim / "private.txt")  # planted: would copy the secret out
    (out / "README.txt").write_text("about this folder")
    os.chmod(out / "README.txt", 0o600)
    with atomic_folder(out, "manifest.json") as tmp:
        (tmp / "manifest.json").write_text('{"new": 1}')
    names = sorted(p.name for p in out.iterdir())
    assert names == ["README.txt", "manifest.json"]  # the link is not carried over, nor followed
    assert (out / "README.txt").read_text() == "about this folder"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((out / "README.txt").stat().st_mode) == 0o666 & ~umask  # not the source's 0600
    assert {p.name: p.read_bytes() for p in victim.iterdir()} == before
    assert not any("secret" in p.read_text() for p in out.iterdir())


def test_output_folder_that_is_a_link_is_replaced_not_followed(tmp_path):
    victim, before = _victim(tmp_path)
    (victim / "manifest.json").write_text("{}")
    (victim / "README.md").write_text("victim's readme")
    before = {p.name: p.read_bytes() for p in victim.iterdir()}
    out = tmp_path / "export"
    out.symlink_to(victim, target_is_directory=True)
    with atomic_folder(out, "manifest.json") as tmp:
        (tmp / "manifest.json").write_text('{"new": 1}')
    assert not out.is_symlink() and sorted(p.name for p in out.iterdir()) == ["manifest.json"]
    assert {p.name: p.read_bytes() for p in victim.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no moved link left behind


def test_ingest_output_folder_link_is_replaced_not_followed(tmp_path):
    from netanalysis.datasets import sample_path
    from netanalysis.ingest import read_patents, save_processed

    victim, before = _victim(tmp_path)
    (tmp_path / "processed").symlink_to(victim, target_is_directory=True)
    written = save_processed(read_patents(sample_path()), tmp_path / "processed")
    assert {p.name: p.read_bytes() for p in victim.iterdir()} == before
    assert not (tmp_path / "processed").is_symlink() and all(p.is_file() for p in written.values())


def test_real_folder_replaces_a_link_and_keeps_a_file(tmp_path):
    victim, before = _victim(tmp_path)
    (tmp_path / "figs").symlink_to(victim, target_is_directory=True)
    assert real_folder(tmp_path / "figs").is_dir() and not (tmp_path / "figs").is_symlink()
    assert {p.name: p.read_bytes() for p in victim.iterdir()} == before
    (tmp_path / "data").write_text("someone's file")
    from netanalysis import NetanalysisError

    with pytest.raises(NetanalysisError, match="not a folder"):
        real_folder(tmp_path / "data")
    assert (tmp_path / "data").read_text() == "someone's file"
