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
