"""Issue 30: entities steps made whole-column give what their per-name originals gave."""

from __future__ import annotations

import pandas as pd

from netanalysis import entities as E


def _tight_key_per_name(keys: pd.Series) -> pd.Series:
    """The rule as it was written per name (the reference)."""
    tight = keys.astype(str).str.split().map(lambda ws: "".join(w for w in ws if w not in E.CONNECTIVES))
    return tight.mask(tight.eq(""), keys)


def test_tight_key_by_hand_and_as_before():
    keys = pd.Series(["UNIVERSITY OF CALIFORNIA", "OF THE", "JOHNSON & JOHNSON", "OFFICE THEATRE", " A  OF\tB ",
                      "DE LA RUE", "", "AND", "THEORY OF THE ART", "X OF", "OF X", "A\u3000DE\u00a0B"])
    got = E.tight_key(keys)
    # by hand: connective words out (OFFICE and THEATRE only start like OF and THE), spaces out;
    # a key of connectives only (or empty) stays whole
    assert got.tolist()[:6] == ["UNIVERSITYCALIFORNIA", "OF THE", "JOHNSONJOHNSON", "OFFICETHEATRE", "AB", "RUE"]
    pd.testing.assert_series_equal(got, _tight_key_per_name(keys))


def test_tight_key_on_real_keys(shared_data):
    from netanalysis.ingest import read_kipris_xml, read_lens

    ids = []
    for res in (read_kipris_xml(shared_data / "kipris-plus-xml"),
                read_lens(shared_data / "lens-exports" / "pizza_lens_1000_raw.csv")):
        ids += res.applications["applicant_id"].tolist() + E.name_key(res.applications["applicant_raw"]).tolist()
    keys = pd.Series(sorted(set(ids)))
    assert len(keys) > 1000
    pd.testing.assert_series_equal(E.tight_key(keys), _tight_key_per_name(keys))
