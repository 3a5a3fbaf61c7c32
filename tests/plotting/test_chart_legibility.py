"""Charts a journal can print (issue 35, item 4): measured on the renderer's bounding boxes.

After ``fig.canvas.draw()``, :func:`netanalysis.plotting._layout.layout_problems` lists
tick labels drawn over each other, text cut at the figure's edge, a title or axis label under
a legend, bars on a logarithmic axis and a page shape outside 0.5–2.2 (or wider than a
double column).  The first tests show the check fails on each fault (built by hand); the
rest run every figure step on the SYNTHETIC sample and on every real export in
``../shared/data`` and expect no fault.
"""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.container import BarContainer

from netanalysis import plotting as pl
from netanalysis._errors import NetworkInputError, PlotError
from netanalysis.plotting import _style as st
from netanalysis.plotting._layout import layout_problems

matplotlib.use("Agg")

PATSTAT = {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name", "region": "NUTS",
           "country": "person_ctry_code", "actor_type": "psn_sector"}


# --- the check fails on each fault --------------------------------------------------------

def test_check_finds_bars_on_a_log_axis_and_a_strip_shaped_figure():
    fig, ax = plt.subplots(figsize=(6.45, 1.5), layout="constrained")  # 4.3:1, the strip of issue 35
    ax.bar([0, 1], [3.0, 300.0])
    ax.set_yscale("log")
    problems = layout_problems(fig)
    assert any("aspect 4.30:1" in p for p in problems)
    assert any("bars on a logarithmic axis" in p for p in problems)
    plt.close(fig)


def test_check_finds_tick_labels_drawn_over_each_other():
    # every minor tick of 1–20 labelled on a short log axis: "10" and "11"-like clashes
    fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
    ax.plot([1, 20], [1, 2])
    ax.set_xscale("log")
    ax.xaxis.set_minor_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    assert any("x tick labels" in p and "drawn over each other" in p for p in layout_problems(fig))
    st.log_ticks(ax.xaxis, 1, 20)  # the fix: 1, 2, 5, 10, 20 and unlabelled minors
    assert layout_problems(fig) == []
    plt.close(fig)


def test_check_finds_a_cut_label_and_a_title_under_a_legend():
    fig, ax = plt.subplots(figsize=(5, 2.5), layout="constrained")
    ax.plot([0, 1], [0, 1], label="a long legend entry")
    ax.set_ylabel("a y label far longer than this short figure is tall, so it runs off both ends")
    ax.set_title("Title")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 0.95))
    problems = layout_problems(fig)
    assert any("y label" in p and "cut" in p for p in problems)
    assert any("title 'Title' sits under a legend" in p for p in problems)
    plt.close(fig)


# --- the helpers, by hand -------------------------------------------------------------------

def test_page_size_clamps_to_a_journal_page():
    assert st.page_size(11.1, 5.74) == (7.2, 5.74)  # the region comparison: double column
    w, h = st.page_size(6.45, 1.5)  # a one-row ranking: taller, not a strip
    assert (w, h) == (6.45, round(6.45 / 2.1, 3)) and w / h <= 2.2
    assert st.page_size(5.0, 30.0) == (5.0, 9.091)  # at most 1:1.8 in shape (5 / 0.55)
    assert st.page_size(7.2, 30.0) == (7.2, 9.2)  # at most a page tall


def test_tick_numbers_read_as_numbers():
    assert [st.tick_number(v) for v in (0, 0.5, 1, 20, 50000, 1e-5, 2.5e-4, 3e6)] == \
        ["0", "0.5", "1", "20", "50,000", "10⁻⁵", "2.5×10⁻⁴", "3×10⁶"]


def test_ranking_title_singular_and_plural():
    assert st.ranking_title(1) == "Top actor by betweenness"
    assert st.ranking_title(2) == "Top 2 actors by betweenness"
    assert st.ranking_title(1200, "degree") == "Top 1,200 actors by degree"


# --- each figure function on small SYNTHETIC tables ----------------------------------------

def _brokerage(ratios: dict[str, list[float]]) -> pd.DataFrame:
    """SYNTHETIC brokerage_by_group output."""
    roles = ["coordinator", "itinerant", "gatekeeper_representative", "liaison"]
    t = pd.DataFrame({"group": ["university", "sme"], "n": [3, 9], "share_of_total": [0.7, 0.3]})
    for r in roles:
        t[f"mean_{r}"] = [2.0, 1.0]
        t[f"ratio_{r}"] = ratios.get(r, [1.0, 1.0])
    return t


def test_brokerage_is_points_with_a_log_axis_only_over_a_decade():
    _, ax = pl.plot_brokerage(_brokerage({"coordinator": [0.5, 1.8]}))  # 0.5–1.8: under a decade
    assert ax.get_yscale() == "linear" and ax.get_ylim()[0] == 0
    assert not any(isinstance(c, BarContainer) for c in ax.containers)
    fig, ax = pl.plot_brokerage(_brokerage({"coordinator": [0.05, 40.0], "liaison": [0.0, 2.0]}))
    assert ax.get_yscale() == "log"
    assert not any(isinstance(c, BarContainer) for c in ax.containers)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "0 (bottom edge, log axis)" in labels  # the liaison ratio of 0 is drawn and said so
    assert layout_problems(fig) == []
    plt.close("all")


def test_brokerage_says_where_a_group_has_nothing_expected():
    # a group in which no actor stands between two others (drones: 5 large firms, 1 government body)
    # has no ratio in any role: its column says so instead of standing empty; a group with a ratio
    # of 0 in one role only is drawn as before
    nan = float("nan")
    t = _brokerage({r: [2.0, nan] for r in ("coordinator", "itinerant", "gatekeeper_representative", "liaison")})
    fig, ax = pl.plot_brokerage(t)
    said = [x for x in ax.texts if x.get_text() == "no open\ntwo-path"]
    assert len(said) == 1 and said[0].get_position()[0] == 1  # the second group's place
    _, ax = pl.plot_brokerage(_brokerage({"liaison": [0.0, 2.0]}))
    assert not [x for x in ax.texts if "two-path" in x.get_text()]
    assert layout_problems(fig) == []
    plt.close("all")


def test_one_actor_ranking_is_singular_and_clear_of_its_legend():
    t = pd.DataFrame({"applicant_id": ["A", "B", "C"], "betweenness": [0.4, 0.0, 0.0],
                      "actor_type": ["university", "sme", "research_institute"]})  # SYNTHETIC
    fig, ax = pl.plot_centrality_ranking(t, k=3)
    assert ax.get_title() == "Top actor by betweenness"
    assert layout_problems(fig) == []
    plt.close(fig)


def test_ranking_with_one_hub_writes_the_values_of_bars_too_short_to_see():
    # one hub and actors that bridge little (KIPRIS Seoul: 0.96 and 0.0016 down to 5.7e-05): every
    # bar's value is written at its end, clear of the legend; a ranking of comparable bars has none
    t = pd.DataFrame({"applicant_id": list("ABCD"), "betweenness": [0.96, 0.0016, 0.00036, 5.7e-05],
                      "actor_type": ["university", "university", "research_institute", "hospital"]})  # SYNTHETIC
    fig, ax = pl.plot_centrality_ranking(t, k=4)
    written = [x.get_text().strip() for x in ax.texts]
    assert written == ["5.7×10⁻⁵", "3.6×10⁻⁴", "0.0016", "0.96"]  # bottom row first (ascending)
    assert ax.get_xlim()[1] >= 0.96 * 1.1  # room for the longest bar's value
    assert layout_problems(fig) == []
    plt.close(fig)
    fig, ax = pl.plot_centrality_ranking(t.assign(betweenness=[0.5, 0.4, 0.3, 0.2]), k=4)
    assert len(ax.texts) == 0
    plt.close(fig)


def test_openness_y_label_fits_a_short_figure():
    o = pd.DataFrame({"focal": np.repeat([f"Region {i}" for i in range(25)], 2), "scope": "all",
                      "category": ["internal", "abroad"] * 25, "share_ties": [0.6, 0.4] * 25})  # SYNTHETIC
    fig, ax = pl.plot_openness(o, highlight="Region 3", title="Where partners are")
    assert len(ax.get_yticks()) == 25  # one row per region, read across: 25 upright bars would clash
    w, h = fig.get_size_inches()
    assert w <= 7.2 and 0.5 <= w / h <= 2.2
    assert layout_problems(fig) == []
    plt.close(fig)


# --- every figure step, on the sample and on every real export -----------------------------

def _figure_problems(settings) -> dict[str, list[str]]:
    """Every drawable step of a run: its faults (a step the data cannot support is skipped)."""
    from netanalysis.run import STEPS, build_context

    ctx = build_context(settings)
    found: dict[str, list[str]] = {}
    for step in STEPS:
        if step.needs_focus and ctx.focal is None:
            continue
        try:
            table = step.compute(ctx)
            ctx.tables[step.name] = table
            if step.draw is None:
                continue
            with plt.rc_context(st.rc()):
                fig, _ = step.draw(ctx, table)
                found[step.name] = layout_problems(fig)
            plt.close(fig)
        except (NetworkInputError, PlotError):
            continue
    return found


@pytest.mark.slow
def test_sample_figures_are_legible():
    from netanalysis.run import STEPS, RunSettings

    found = _figure_problems(RunSettings(null_model_runs=10))
    # every figure drawn, nothing skipped to pass, but 19 (the sample has no inventor regions) and 22 (no IPC
    # subclass of the sample bursts: the table is empty and says why)
    assert set(found) == {s.name for s in STEPS if s.draw is not None} - {"19_invention_vs_ownership",
                                                                         "22_class_bursts"}
    assert {k: v for k, v in found.items() if v} == {}


def _real(shared, case):
    from netanalysis.run import ReadOptions, RunSettings

    lens, pv = shared / "lens-exports", shared / "patentsview-api"
    runs = {
        "patstat-lombardy": dict(data=(str(shared / "patstat-it" / "ItUniv1.xlsx"),), region="ITC4",
                                 read=ReadOptions(columns={**PATSTAT, "technology": "techn_field"}),
                                 core={"IT": ["ITC4"]}),
        "kipris-seoul": dict(data=(str(shared / "kipris-plus-xml" / "res"),), region="Seoul"),
        "lens-pizza": dict(data=(str(lens / "pizza_lens_1000_raw.csv"),), region=None),
        "lens-drones": dict(data=(str(lens / "drones_tac_1606_families.csv"),), region=None),
        "synbio": dict(data=(str(lens / "synbio.xlsx"),), region=None, read=ReadOptions(
            columns={"patent_id": "publication_number", "year": "application_dates",
                     "applicants": "patent_assignees_original_no_address"}, sep=";")),
        "pv-and-operator": dict(data=(str(pv / "and-operator.yml"),), region=None,
                                read=ReadOptions(fallback_year=2010)),
        "pv-after-paging": dict(data=(str(pv / "after-paging.yml"),), region=None,
                                read=ReadOptions(fallback_year=2000)),
        "pv-eq-message": dict(data=(str(pv / "eq-message.yml"),), region=None,
                              read=ReadOptions(fallback_year=2007)),
        "pv-dsl-query": dict(data=(str(pv / "dsl-query.yml"),), region=None,
                             read=ReadOptions(fallback_year=2014)),
        "pv-all-fields": dict(data=(str(pv / "patent-all-fields.yml"),), region=None),
    }
    return RunSettings(years=None, null_model_runs=10, **runs[case])


@pytest.mark.slow
@pytest.mark.parametrize("case", ["patstat-lombardy", "kipris-seoul", "lens-pizza", "lens-drones", "synbio",
                                  "pv-and-operator", "pv-after-paging", "pv-eq-message", "pv-dsl-query",
                                  "pv-all-fields"])
def test_real_export_figures_are_legible(shared_data, case):
    found = _figure_problems(_real(shared_data, case))
    assert len(found) >= 8  # the network, rankings, summaries, mixing, brokerage, null model, time
    if case == "patstat-lombardy":  # WIPO fields from the technology column: the specialisation figures too
        assert {"20_specialisation", "21_relatedness_density"} <= set(found)
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize("width", [3.5, 7.2])
def test_the_credit_line_wraps_inside_the_figure_with_a_margin_on_each_side(width):
    # matplotlib's wrap=True filled figure 22's caption up to the image's right edge (KIPRIS Plus:
    # "…(Kleinberg's" touching it); the credit is now broken at spaces to 0.97 of the width
    text = ("Each panel: the IPC subclasses of that scope's applications (the stream: its applications with an "
            "IPC subclass each year); bar: a burst's years; number: its strength (Kleinberg's two-state model "
            "on yearly counts, gamma = 1, s = 2); grey line: no burst. Source: kipris-plus-xml. 대구광역시 경북대학교")
    with plt.rc_context(st.rc()):
        fig, _ax = plt.subplots(figsize=(width, 3.5), layout="constrained")
        st.add_credit(fig, text)
        fig.canvas.draw()
    label = fig._supxlabel
    assert label.get_text().replace("\n", " ") == text  # nothing lost, only breaks at spaces
    assert label.get_text().count("\n") >= (1 if width > 5 else 3)
    box = label.get_window_extent()
    assert box.x0 >= 0 and box.x1 <= 0.975 * fig.bbox.width  # a right margin like the left one
    assert layout_problems(fig) == []
    plt.close(fig)
