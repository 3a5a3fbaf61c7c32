"""The run's context: the level its focus is compared and mapped at."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from netanalysis._errors import NetworkInputError
from netanalysis.run import RunSettings
from netanalysis.run.context import build_context, focus_level


def test_focus_level_is_the_focus_level_but_never_a_country():
    def level(focal):
        return focus_level(SimpleNamespace(focal=focal))

    assert level(["KR-27", "KR-47"]) == 1  # two sido
    assert level(["KR-27-Buk-gu"]) == 2  # a gu
    assert level(["KR-27-Buk-gu", "KR-47"]) == 1  # the coarsest part of the focus
    assert level(["KR"]) == 1  # a whole country is compared by its regions
    assert level(None) == 1  # the whole network: the sample's default level


def test_type_evidence_counts_the_network_actors_only():
    import pandas as pd

    from netanalysis.run.context import RunContext

    # SYNTHETIC: four actors, three in the network (C has no tie); B typed by default, C and D by
    # evidence, but C is outside the network: 3 actors, 1 by default, 1 person by evidence
    ctx = SimpleNamespace(
        actors=pd.DataFrame({"applicant_id": ["A", "B", "C", "D"],
                             "type_reason": ["keyword:university", "rule:default_firm", "evidence:inventor",
                                             "evidence:inventor"]}),
        centrality=pd.DataFrame({"applicant_id": ["A", "B", "D"]}))
    ctx.network_actors = RunContext.network_actors.fget(ctx)
    ctx.type_evidence = RunContext.type_evidence.fget(ctx)
    assert ctx.type_evidence == {"actors": 3, "typed_by_default": 1, "persons_by_evidence": 1}
    assert RunContext.type_note.fget(ctx) == ("Actor types: 1 of the 3 actors typed firm by default (no cue in the "
                                              "name); 1 persons found by evidence (also an inventor).")


@pytest.mark.parametrize("n", [0, 1, 10**7])
def test_bad_numbers_of_bootstrap_samples_are_refused_before_any_work(n, monkeypatch):
    """--bootstrap 0 or 10**7: one message before the data are read (it came after reading, the
    network, the null models — or never, for 10**7 samples)."""
    from netanalysis.run import context

    def reading(*args, **kwargs):
        raise RuntimeError("read before the check")

    monkeypatch.setattr(context, "resolve_inputs", reading)
    with pytest.raises(NetworkInputError, match=f"bootstrap samples = {n:,}; expected a whole number from 2"):
        build_context(RunSettings(bootstrap_samples=n))
    with pytest.raises(RuntimeError, match="read before the check"):  # no report: no bootstrap to check
        build_context(RunSettings(bootstrap_samples=n, report=False))
