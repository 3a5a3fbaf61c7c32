"""A run's settings: the API's arguments turned into settings, and the data-dependent defaults
settled in one place (the sample's focus for the sample, the whole network for user data)."""

from __future__ import annotations

from netanalysis.run import RunSettings
from netanalysis.run.settings import make_settings, resolve_defaults


def test_make_settings_joins_lists_and_year_pairs():
    s = make_settings(["a.csv", "b.csv"], ["KR-27", "KR-47"], (2004, 2020))
    assert (s.data, s.region, s.years) == (("a.csv", "b.csv"), "KR-27,KR-47", "2004-2020")
    s = make_settings(None, "ITC4", "2010-2012")
    assert (s.data, s.region, s.years) == (None, "ITC4", "2010-2012")


def test_resolve_defaults_sample_focus_for_the_sample_whole_network_for_user_data():
    sample = resolve_defaults(RunSettings(), synthetic=True)
    assert sample.region == "KR-27,KR-47" and sample.years not in (None, "auto")
    user = resolve_defaults(RunSettings(data=("lens.csv",)), synthetic=False)
    assert (user.region, user.years) == (None, None)
    # an explicit choice is kept; "all" is the whole network for either
    assert resolve_defaults(RunSettings(region="ITC4"), synthetic=False).region == "ITC4"
    assert resolve_defaults(RunSettings(region="all"), synthetic=True).region is None
