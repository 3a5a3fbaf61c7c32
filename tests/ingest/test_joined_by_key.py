"""``joined_by_key``: values joined per key, against a dict of lists written in Python."""

from __future__ import annotations

import numpy as np
import pandas as pd
from _hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis.ingest._native_csv import joined_by_key


def _by_hand(keys: list, values: list, sep: str = "; ") -> dict:
    """First appearance of a key orders the result; blank and missing values are skipped."""
    out: dict = {}
    for k, v in zip(keys, values, strict=True):
        if v is None or not str(v).strip():
            continue
        out.setdefault(k if isinstance(k, (int, np.integer)) else str(k), []).append(v)
    return {k: sep.join(v) for k, v in out.items()}


def test_interleaved_keys_by_hand():
    keys = pd.Series([30, 10, 30, 20, 10, 20, 40])
    values = pd.Series(["c1", "a1", "c2", " ", "a2", None, ""], dtype=object)
    got = joined_by_key(keys, values)
    # 30 first (its first row is first), then 10; 20 and 40 have only blank or missing values
    assert got.index.tolist() == [30, 10]
    assert got.tolist() == ["c1; c2", "a1; a2"]


def test_text_keys_and_separator_by_hand():
    got = joined_by_key(pd.Series(["b", "a", "b"]), pd.Series(["x", "y", "z"]), sep="|")
    assert got.to_dict() == {"b": "x|z", "a": "y"}


def test_values_in_several_arrow_chunks():
    # a column read in blocks is a chunked Arrow array: joined as one
    import pyarrow as pa

    chunked = pa.chunked_array([["x", "y"], ["z", None]], type=pa.large_string())
    values = pd.Series(pd.arrays.ArrowStringArray(chunked))
    got = joined_by_key(pd.Series([1, 2, 1, 2]), values)
    assert got.to_dict() == {1: "x; z", 2: "y"}


def test_arrow_text_keys_and_missing_keys():
    # Arrow-backed text keys are numbered as they are (the index is pandas' text, as for object keys);
    # a missing key's values belong to no key
    keys = pd.Series(["b", "a", "b"], dtype="string[pyarrow]")
    got = joined_by_key(keys, pd.Series(["x", "y", "z"]))
    assert got.to_dict() == {"b": "x; z", "a": "y"}
    assert got.index.dtype == joined_by_key(keys.astype(object), pd.Series(["x", "y", "z"])).index.dtype
    assert joined_by_key(pd.Series([1.0, None, 1.0]), pd.Series(["x", "y", "z"])).tolist() == ["x; z"]


def test_empty():
    assert joined_by_key(pd.Series([], dtype="int64"), pd.Series([], dtype=object)).empty


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.one_of(st.none(), st.sampled_from(["", " ", "A", "B b", "홍길동", "x"]))),
                max_size=40))
def test_equals_a_dict_of_lists(rows):
    keys = [k for k, _ in rows]
    values = [v for _, v in rows]
    got = joined_by_key(pd.Series(keys, dtype="int64"), pd.Series(values, dtype=object))
    assert dict(zip(got.index.tolist(), got.tolist(), strict=True)) == _by_hand(keys, values)
    assert got.index.tolist() == list(_by_hand(keys, values))  # order of first appearance
