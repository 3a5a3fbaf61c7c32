"""The figure steps' shared computations (run/steps.py)."""

from __future__ import annotations

import pytest

from netanalysis.run import RunSettings, build_context
from netanalysis.run.steps import STEPS, network_bursts, specialisation_tables


@pytest.fixture(scope="module")
def ctx():
    return build_context(RunSettings(null_model_runs=2))


def test_network_bursts_computed_once_and_kept_for_the_report(ctx):
    found = network_bursts(ctx)
    # the sample has IPC codes and a focus: the classes of the focus's applications too
    assert set(found) == {"actors", "ties", "classes", "classes_focus"}
    assert found["classes"].attrs["class_name"] == found["classes_focus"].attrs["class_name"] == "IPC subclass"
    # kept in the context under the names the report reads, and the same objects the second time
    assert all(ctx.tables[f"bursts_{k}"] is t for k, t in found.items())
    assert all(a is b for a, b in zip(network_bursts(ctx).values(), found.values(), strict=True))
    # every actor burst is of an actor in the data, inside the run's years
    actors = found["actors"]
    assert set(actors["id"]) <= set(ctx.actors["applicant_id"])
    assert actors["start"].ge(ctx.years[0]).all() and actors["end"].le(ctx.years[1]).all()


def test_step_names_are_unique_and_numbered_in_order():
    names = [s.name for s in STEPS]
    assert len(names) == len(set(names))
    assert [int(n[:2]) for n in names] == list(range(1, len(names) + 1))


def test_specialisation_tables_over_the_focus_comparison_regions(ctx):
    t = specialisation_tables(ctx)
    assert set(t) == {"counts", "rca", "density", "regions", "classes"}
    # the sample's focus is Daegu-Gyeongbuk (KR-27, KR-47) at sido level: every row is a Korean sido
    assert t["counts"].index.str.fullmatch(r"KR-\d\d").all() and {"KR-27", "KR-47"} <= set(t["counts"].index)
    assert t["rca"].attrs["classification"] == "IPC subclasses"
    assert specialisation_tables(ctx)["rca"] is t["rca"]  # computed once per run
