"""Issue 30: entities steps made whole-column give what their per-name originals gave."""

from __future__ import annotations

import numpy as np
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


def _one_spelling_by_counts(keys: pd.Series, group: pd.Series, longest_first: bool, weight=None) -> pd.Series:
    """The rule as it was written with pandas' counts of (group, spelling) pairs (the reference);
    with ``weight``, as harmonise wrote it: the rows' weights summed per pair."""
    if weight is None:
        counts = pd.DataFrame({"group": group, "key": keys}).value_counts().reset_index(name="n")
    else:
        counts = (pd.DataFrame({"group": group.to_numpy(), "key": keys.to_numpy(), "n": weight})
                  .groupby(["group", "key"], sort=False)["n"].sum().reset_index())
    order, ascending = ["group", "n", "key"], [True, False, True]
    if longest_first:
        counts["length"] = counts["key"].str.len()
        order, ascending = ["group", "n", "length", "key"], [True, False, False, True]
    best = counts.sort_values(order, ascending=ascending).drop_duplicates("group")
    return group.map(best.set_index("group")["key"]).fillna(keys)


def test_one_spelling_by_hand():
    keys = pd.Series(["A B", "AB", "AB", "C D", "CD", "X OF Y", "X Y", "Z"], index=[3, 3, 1, 0, 9, 9, 2, 2])
    tight = keys.str.replace(" ", "", regex=False)
    # AB twice beats A B once; C D / CD tie: the first in sort order (a space sorts before a letter)
    assert E._one_spelling(keys, tight).tolist() == ["AB", "AB", "AB", "C D", "C D", "X OF Y", "X Y", "Z"]
    # connectives: X OF Y / X Y tie on rows, the longer (written-out) spelling wins
    assert E._merge_connective_variants(keys).tolist()[5:] == ["X OF Y", "X OF Y", "Z"]


def test_one_spelling_as_counted_by_pandas():
    import random

    rng = random.Random(30)
    words = ["A", "B", "AB", "OF", "THE", "UNIV", "UNIVERSITY", "X Y", "가", "É", "AND", "DE"]
    for _ in range(400):
        n = rng.randint(1, 12)
        keys = pd.Series([" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(n)],
                         index=[rng.randint(0, 3) for _ in range(n)], dtype=rng.choice(["str", object]))
        for group, longest in ((keys.str.replace(" ", "", regex=False), False), (E.tight_key(keys), True)):
            got = E._one_spelling(keys, group, longest_first=longest)
            want = _one_spelling_by_counts(keys, group, longest)
            assert got.astype(str).tolist() == want.astype(str).tolist(), keys.tolist()
            assert got.index.equals(keys.index)
        # weighted (each distinct name counts the rows it stands for): the display name of an id
        weight = np.array([rng.randint(1, 4) for _ in range(n)])
        ids = keys.str.replace(" ", "", regex=False)
        got = E._one_spelling(keys, ids, weight=weight)
        assert got.astype(str).tolist() == _one_spelling_by_counts(keys, ids, False, weight).astype(str).tolist()
