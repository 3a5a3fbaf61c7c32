"""Network figure labels that tell actors apart, and a title that describes the network drawn."""

from __future__ import annotations

import re

import igraph as ig
import matplotlib
import pandas as pd
import pytest

from netanalysis.plotting._style import distinct_labels, short_label
from netanalysis.plotting.network import network_title, plot_network

matplotlib.use("Agg")


def test_shared_prefix_keeps_what_differs():
    names = ["UNIVERSITA' DEGLI STUDI DI MILANO", "UNIVERSITA' DEGLI STUDI DI PADOVA",
             "UNIVERSITA' DEGLI STUDI DI MILANO-BICOCCA", "UNIVERSITA' DEGLI STUDI DI ROMA LA SAPIENZA"]
    assert len({short_label(x) for x in names}) == 1  # the old labels: "UNIVERSITA' DEGLI STU…" x4
    assert distinct_labels([names[0], "UNIVERSITA' DEGLI STUDI DI MILANO - BICOCCA"])[1] == "UNIVERSITA' … BICOCCA"
    assert distinct_labels(names) == ["UNIVERSITA' … MILANO", "UNIVERSITA' … PADOVA",
                                      "… MILANO-BICOCCA", "UNIVERSITA' … ROMA LA…"]


def test_labels_that_fit_are_unchanged_and_equal_names_stay_equal():
    assert distinct_labels(["Seoul National University", "KAIST"]) == ["Seoul National Univ.", "KAIST"]
    assert distinct_labels(["SAME VERY LONG NAME OF A FIRM LTD"] * 2) == [short_label("SAME VERY LONG NAME OF A "
                                                                                     "FIRM LTD")] * 2


def test_real_names_stay_distinct(shared_data):
    names = pd.read_excel(shared_data / "patstat-it" / "ItUniv1.xlsx", usecols=["psn_name"])["psn_name"]
    names = sorted(set(names.dropna().astype(str)))
    out = distinct_labels(names)
    assert max(map(len, out)) <= 22
    assert len(set(out)) == len(names)  # 412 names: 412 labels (342 with the plain cut)


def test_title_describes_the_network_drawn():
    assert network_title(["university", "sme"]) == "Industry–academia co-patent network"
    assert network_title(["sme", "sme", "individual"]) == "Co-patent network of SMEs and individuals"
    g = ig.Graph([(0, 1), (1, 2)])
    g.vs["name"], g.vs["label"] = list("abc"), list("ABC")
    g.vs["actor_type"], g.vs["region"] = ["sme", "large_firm", "sme"], [""] * 3
    g.es["weight"] = [1.0, 1.0]
    t = pd.DataFrame({"applicant_id": list("abc"), "betweenness": [0.0, 1.0, 0.0]})
    fig, ax = plot_network(g, t, top_k=1, title="Industry–academia co-patent network, Pizza, 2000–2010")
    assert ax.get_title() == "Co-patent network of SMEs and large firms, Pizza, 2000–2010"
    matplotlib.pyplot.close(fig)


def test_flat_betweenness_labels_the_best_connected():
    # a triangle a-b-c plus a pendant d on c: betweenness of c is 2, of a, b, d 0 (flat);
    # with top_k=2 the second label goes to the highest degree among the ties (a, b: 2; d: 1)
    # -- before, the stable sort took the first in graph order whatever its degree
    g = ig.Graph([(0, 3), (1, 2), (2, 3), (1, 3)])
    g.vs["name"], g.vs["label"] = list("dabc"), ["D", "A", "B", "C"]
    g.vs["actor_type"], g.vs["region"] = ["sme"] * 4, [""] * 4
    g.es["weight"] = [1.0] * 4
    t = pd.DataFrame({"applicant_id": list("dabc"), "betweenness": [0.0, 0.0, 0.0, 1.0],
                      "degree": [1, 2, 2, 3]})
    fig, ax = plot_network(g, t, top_k=2, title=None)
    shown = {x.get_text() for x in ax.texts}
    assert "C" in shown and "A" in shown and "D" not in shown
    matplotlib.pyplot.close(fig)


PATSTAT = {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name", "region": "NUTS",
           "country": "person_ctry_code", "actor_type": "psn_sector"}


@pytest.mark.slow
@pytest.mark.parametrize("case", ["kipris-seoul", "patstat-lombardy", "lens-pizza"])
def test_actor_labels_clear_the_rim_labels_on_real_data(shared_data, case):
    # KIPRIS Plus XML, Seoul: KAIST used to sit on the rim label "Daejeon (4)"
    from netanalysis.run import STEPS, ReadOptions, RunSettings, build_context

    if case == "kipris-seoul":
        settings = RunSettings(data=(str(shared_data / "kipris-plus-xml" / "res"),), region="Seoul", years=None,
                                  null_model_runs=10)
    elif case == "lens-pizza":  # WEINSTEIN MICHAEL's box used to touch IUVOGRAND LLC's: one run-on label
        settings = RunSettings(data=(str(shared_data / "lens-exports" / "pizza_lens_1000_raw.csv"),), years=None,
                               null_model_runs=10)
    else:
        settings = RunSettings(data=(str(shared_data / "patstat-it" / "ItUniv1.xlsx"),), region="ITC4",
                                  years=None, null_model_runs=10, read=ReadOptions(columns=PATSTAT))
    ctx = build_context(settings)
    step = {s.name: s for s in STEPS}["01_network"]
    fig, ax = step.draw(ctx, step.compute(ctx))
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    rim = [t for t in ax.texts if re.search(r"\(\d+\)$", t.get_text())]
    actors = [t for t in ax.texts if t not in rim]
    assert actors and (rim or case == "lens-pizza")
    for a in actors:
        for b in rim:
            assert not a.get_window_extent(r).overlaps(b.get_window_extent(r)), (a.get_text(), b.get_text())
    for i, a in enumerate(actors):  # their white boxes, not only their glyphs, keep apart
        for b in actors[:i]:
            pa, pb = a.get_bbox_patch().get_window_extent(r), b.get_bbox_patch().get_window_extent(r)
            assert not pa.overlaps(pb), (a.get_text(), b.get_text())
    page = fig.bbox
    for t in ax.texts:  # nothing clipped at the figure's edge
        box = t.get_window_extent(r)
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1, t.get_text()
    matplotlib.pyplot.close(fig)


def test_label_repulsion_by_keys_equals_adjusttext():
    """The pair test on integer keys gives adjustText's own shifts to the bit (SYNTHETIC boxes:
    12 labels among 3,000 points, many overlapping in x or y only)."""
    import adjustText
    import numpy as np

    from netanalysis.plotting.network import _shifts_extra

    rng = np.random.default_rng(3)
    for _ in range(20):
        lo = rng.uniform(0, 100, (12, 2))
        labels = np.column_stack([lo[:, 0], lo[:, 0] + rng.uniform(5, 30, 12), lo[:, 1], lo[:, 1] + 3])
        p = rng.uniform(0, 120, (3000, 2))
        points = np.column_stack([p[:, 0], p[:, 0] + 0.5, p[:, 1], p[:, 1] + 0.5])
        ours, theirs = _shifts_extra(labels, points), adjustText.get_shifts_extra(labels, points)
        assert np.array_equal(ours[0], theirs[0]) and np.array_equal(ours[1], theirs[1])
        assert np.abs(ours[0]).sum() > 0  # some label does overlap a point
    empty = np.zeros((0, 4))
    assert [len(x) for x in _shifts_extra(labels, empty)] == [12, 12]


def test_labels_kept_off_the_nearest_points_and_layout_computed_once():
    import igraph as ig
    import numpy as np

    from netanalysis.plotting import network as pn

    pos = np.column_stack([np.arange(5000, dtype=float), np.zeros(5000)])
    near = pn._points_near(pos, [0, 4999])
    assert len(near) == pn.LABEL_POINTS and near[0] == 0 and near[-1] == 4999
    assert set(near) == set(range(1000)) | set(range(4000, 5000))  # 1,000 nearest each end
    assert np.array_equal(pn._points_near(pos[:2000], [0]), np.arange(2000))  # small: every point
    g = ig.Graph.Ring(30)
    g.vs["region"] = ["KR-27"] * 20 + ["KR-11"] * 10
    inner = np.array([True] * 20 + [False] * 10)
    first = pn._layout(g, inner, 1)
    first[:] = 0  # a copy: the cached layout is not changed by its user
    assert np.array_equal(pn._layout(g, inner, 1), pn._compute_layout(g, inner, 1))
    assert not np.array_equal(pn._layout(g, inner, 2), pn._layout(g, inner, 1))  # the seed is in the key


def test_a_dollar_in_a_name_is_drawn_as_written():
    # a hostile name with two '$' and a TeX command: under mathtext it raised ValueError at draw time
    # ("Expected \frac{num}{den}"); the label is drawn as the name is written
    g = ig.Graph([(0, 1)])
    g.vs["name"], g.vs["label"] = ["a", "b"], [r"ACME $\frac$ CORP", "B"]
    g.vs["actor_type"], g.vs["region"] = ["sme", "university"], ["", ""]
    g.es["weight"] = [1.0]
    t = pd.DataFrame({"applicant_id": ["a", "b"], "betweenness": [0.0, 0.0], "degree": [1, 1]})
    fig, ax = plot_network(g, t, top_k=2, title=None)
    fig.canvas.draw()
    assert r"ACME $\frac$ CORP" in {x.get_text() for x in ax.texts}
    matplotlib.pyplot.close(fig)
