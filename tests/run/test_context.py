"""The run's context: the level its focus is compared and mapped at."""

from __future__ import annotations

from types import SimpleNamespace

from netanalysis.run.context import focus_level


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
    ctx.type_evidence = RunContext.type_evidence.fget(ctx)
    assert ctx.type_evidence == {"actors": 3, "typed_by_default": 1, "persons_by_evidence": 1}
    assert RunContext.type_note.fget(ctx) == ("Actor types: 1 of the 3 actors typed firm by default (no cue in the "
                                              "name); 1 persons found by evidence (also an inventor).")
