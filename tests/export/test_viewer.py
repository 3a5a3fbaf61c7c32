"""The interactive viewer: one offline HTML file (ipysigma, every script inlined), each tie
listing its patents, and the page in a real headless Chromium."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import netanalysis as na
from netanalysis import metrics as m
from netanalysis.cli import main
from netanalysis.export.viewer import _pull_in, edge_patents, interactive, save_interactive_html

VIEWER = Path(na.__file__).parent / "_data" / "viewer"


@pytest.fixture(scope="module")
def sample():
    data = na.read_patents(na.datasets.sample_path())
    edges = na.edges_from_applications(data.applications, region="KR-27,KR-47", years=(2004, 2020))
    return data, edges, na.to_igraph(edges, data.actors)


def widget_state(html: str) -> dict:
    """The ipysigma model's state embedded in the page."""
    raw = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', html, re.S)
    assert raw is not None
    models = json.loads(raw.group(1).replace("<\\/", "</"))["state"]
    (sigma,) = [s["state"] for s in models.values() if s["model_name"] == "SigmaModel"]
    return sigma


def test_edge_patents_match_patents_between(sample):
    data, edges, _ = sample
    listed = edge_patents(data.applications, most=1000).set_index(["u", "v"])["patents"]
    ties = na.network.collapse(edges).sort_values("n_patents", ascending=False)
    for u, v in ties[["u", "v"]].head(3).itertuples(index=False):
        a, b = min(u, v), max(u, v)
        expected = set(m.patents_between(data.applications, a, b)["patent_id"].astype(str))
        got = {t.split(" (")[0] for t in listed.loc[(a, b)].split("; ")}
        assert got == expected


def test_edge_patents_summarise_long_lists():
    apps = pd.DataFrame({"patent_id": [f"p{i}" for i in range(5) for _ in (0, 1)],
                         "applicant_id": ["a", "b"] * 5, "year": [2010 + i for i in range(5) for _ in (0, 1)]})
    text = edge_patents(apps, most=2).loc[0, "patents"]
    assert text == "p0 (2010); p1 (2011); … and 3 more"


def test_vendored_scripts_are_the_recorded_ones():
    source = (VIEWER / "SOURCE.txt").read_text(encoding="utf-8")
    for name in ("embed-amd.js", "require.js"):
        digest = hashlib.sha256((VIEWER / name).read_bytes()).hexdigest()
        assert digest in source, f"{name} differs from the hash recorded in SOURCE.txt"
    assert (VIEWER / "LICENSE.html-manager.txt").is_file()


def test_html_is_offline_and_carries_the_attributes(sample, tmp_path):
    data, _, g = sample
    table = m.centrality(g).merge(m.communities(g), on="applicant_id")
    path = save_interactive_html(g, tmp_path / "v.html", table, applications=data.applications, credit="SYNTHETIC")
    html = path.read_text(encoding="utf-8")
    markup = re.sub(r"<script[^>]*>.*?</script>", "<script></script>", html, flags=re.S)  # tags, not script text
    assert markup.count("<script") == 6 and not re.search(r"(src|href)\s*=", markup), "something is loaded by URL"
    assert "fonts.googleapis" not in html
    state = widget_state(html)
    nodes = {n["key"]: n["attributes"] for n in state["data"]["nodes"]}
    assert set(nodes) == set(g.vs["name"])
    some = table.iloc[0]
    got = nodes[some["applicant_id"]]
    assert got["cluster"] == some["cluster"] and got["betweenness"] == pytest.approx(some["betweenness"])
    assert got["actor_type"] == some["actor_type"]
    links = state["data"]["edges"]
    assert len(links) == g.ecount()
    assert all(e["attributes"]["patents"] for e in links), "every tie lists at least one patent"


def test_interactive_refuses_unknown_attribute(sample):
    _, _, g = sample
    with pytest.raises(na.PlotError, match="'colour'"):
        interactive(g, color_by="colour")


def test_pull_in_keeps_the_main_component_and_brings_outliers_close():
    rng = np.random.default_rng(1)
    main_xy = rng.normal(size=(200, 2))
    xy = np.vstack([main_xy, [[500.0, 0.0], [0.0, -900.0]]])
    members = np.r_[np.zeros(200, int), 1, 2]
    out = _pull_in(xy, members)
    r_main = np.hypot(*(main_xy - np.median(main_xy, axis=0)).T)
    assert np.allclose(out[:200][r_main <= np.quantile(r_main, 0.99)], main_xy[r_main <= np.quantile(r_main, 0.99)])
    assert np.hypot(*out[200]) < 1.2 * np.quantile(r_main, 0.99) + 1


@pytest.mark.slow  # real data / dask / whole figure: in CI's full set (-m "")
def test_export_html_on_real_patstat_data(shared_data, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = [str(p) for p in sorted((shared_data / "patstat-it").glob("It*1.xlsx"))]
    cols = ("patent_id=appln_id,year=appln_filing_year,applicants=psn_name,region=NUTS,"
            "country=person_ctry_code,actor_type=psn_sector")
    assert main(["export", *files, "--columns", cols, "--format", "html", "--out", "x"]) == 0
    state = widget_state((tmp_path / "x" / "copatent_network.html").read_text(encoding="utf-8"))
    assert len(state["data"]["nodes"]) > 100


@pytest.mark.slow  # end-to-end / browser / real data: in CI's full set (-m "")
def test_viewer_in_chromium(watched_page, sample, tmp_path):
    from PIL import Image

    data, _, g = sample
    table = m.centrality(g).merge(m.communities(g), on="applicant_id")
    path = save_interactive_html(g, tmp_path / "v.html", table, applications=data.applications)
    page, requests, errors = watched_page(path)
    page.wait_for_selector(".ipysigma-widget canvas", timeout=30_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(tmp_path / "v.png"))
    # search an actor by name and pick it: its card shows type, centrality and cluster (the focal
    # network's first university by id: whichever the SYNTHETIC sample's generator made)
    uni = sorted(n for n, t in zip(g.vs["name"], g.vs["actor_type"], strict=True) if t == "university")[0]
    word = uni.split()[0]
    page.click(".choices")
    page.locator("input.choices__input--cloned").press_sequentially(word, delay=30)
    page.locator(".choices__list--dropdown .choices__item--selectable", has_text=word).first.click()
    page.wait_for_timeout(500)
    card = page.inner_text(".ipysigma-widget")
    page.close()
    assert errors == []
    outside = [u for u in requests if not (u.startswith("blob:") or u == path.resolve().as_uri())]
    assert outside == [], "the page made a request beyond itself"
    assert f"Node {uni}" in card
    for field in ("actor_type university", "betweenness", "cluster", "first_year"):
        assert field in card
    px = np.asarray(Image.open(tmp_path / "v.png").convert("L"), dtype=float)
    assert px.std() > 10 and (px < 200).mean() > 0.01, "the screenshot shows no graph"


@pytest.mark.slow  # end-to-end / browser / real data: in CI's full set (-m "")
def test_export_html_colour_and_size_options(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", "html", "--color-by", "cluster", "--size-by", "degree", "--out", "x"]) == 0
    html = (tmp_path / "x" / "synthetic_copatent_network.html").read_text(encoding="utf-8")
    state = widget_state(html)
    assert '"cluster"' in json.dumps(state["visual_variables"]["nodeColor"])
    assert '"degree"' in json.dumps(state["visual_variables"]["nodeSize"])
    assert main(["export", "--format", "html", "--color-by", "colour", "--out", "y"]) == 2
    assert "'colour' is not an actor attribute" in capsys.readouterr().err
