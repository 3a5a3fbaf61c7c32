"""Values numbered once (``netanalysis._codes``): the codes a step reads in place of the values."""

from __future__ import annotations

import numpy as np
import pandas as pd
from _hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis._codes import as_text, categorical_of_distinct, factorize, factorized, numbered

_TEXT = st.lists(st.one_of(st.none(), st.sampled_from(["", "P1", "P2", "p1", "가", "É", " P1"])), max_size=30)


@settings(max_examples=examples(100))
@given(_TEXT, st.data())
def test_numbered_is_the_same_values_and_factorized_names_every_row(values, data):
    s = pd.Series(values, dtype="str", index=np.arange(len(values)) * 3)
    num = numbered(s)
    assert isinstance(num.dtype, pd.CategoricalDtype) and num.index.equals(s.index)
    pd.testing.assert_series_equal(num.astype("str"), s)
    codes, uniques = pd.factorize(s)
    # the categorical made without pandas' check of the values is the one pandas makes with it
    checked = pd.Categorical.from_codes(codes, categories=uniques)
    made = categorical_of_distinct(codes, pd.Index(uniques))
    assert made.dtype == checked.dtype and np.array_equal(made.codes, checked.codes)
    assert made.categories.dtype == checked.categories.dtype
    got, named = factorized(num)
    assert np.array_equal(got, codes) and list(named) == list(uniques)  # numbered as pd.factorize numbers them
    assert np.array_equal(factorized(s)[0], codes) and list(factorized(s)[1]) == list(uniques)
    # any subset keeps its codes: equal values, equal codes; each code names its row's value
    rows = data.draw(st.lists(st.integers(0, max(len(values) - 1, 0)), max_size=len(values))) if values else []
    sub = num.iloc[rows]
    c, u = factorized(sub)
    assert c.dtype == np.int64
    assert [None if k < 0 else u[k] for k in c] == [None if pd.isna(v) else v for v in s.iloc[rows]]
    assert len({(k, v) for k, v in zip(c, s.iloc[rows].fillna("<NA>"), strict=True)}) == len(set(c))
    # sorted: pd.factorize(sort=True)'s codes and uniques, from the codes and the categories
    c_sorted, u_sorted = factorized(sub, sort=True)
    expect_c, expect_u = pd.factorize(s.iloc[rows], sort=True)
    assert np.array_equal(c_sorted, expect_c) and list(u_sorted) == list(expect_u)


def test_numbered_by_hand():
    s = numbered(pd.Series(["P2", "P1", None, "P2", ""], dtype="str"))
    assert s.cat.codes.tolist() == [0, 1, -1, 0, 2] and s.cat.categories.tolist() == ["P2", "P1", ""]
    codes, uniques = factorized(s.iloc[[4, 1]])
    assert codes.tolist() == [2, 1] and uniques.take(codes).tolist() == ["", "P1"]


@settings(max_examples=examples(100))
@given(_TEXT, st.data())
def test_as_text_is_astype_str(values, data):
    # a categorical of Arrow text or of Python strings, whole or a subset of rows, with or without a
    # missing value, and a column that is no categorical: astype(str)'s answer, dtype and name included
    s = pd.Series(values, dtype="str", index=np.arange(len(values)) * 3, name="id")
    rows = data.draw(st.lists(st.integers(0, max(len(values) - 1, 0)), max_size=len(values))) if values else []
    for col in (numbered(s), numbered(s).iloc[rows], s.astype("category"), s.astype(object).astype("category"),
                numbered(s.fillna("")), s):
        pd.testing.assert_series_equal(as_text(col), col.astype(str))


@settings(max_examples=examples(100))
@given(_TEXT, _TEXT, st.sampled_from(["str", "string", object]))
def test_factorize_is_pandas_factorize(values, more, dtype):
    # Arrow's dictionary encoding of pandas' Arrow text, taken as it is: pd.factorize's codes and
    # uniques (dtype included) for "str" and "string" text, in one or two Arrow chunks, and for
    # Python strings (pandas' own)
    s = pd.Series(values, dtype=dtype)
    chunked = pd.concat([s, pd.Series(more, dtype=dtype)], ignore_index=True)
    for col in (s, chunked, chunked.iloc[::-1]):
        codes, uniques = factorize(col)
        expect_codes, expect_uniques = pd.factorize(col)
        assert codes.dtype == np.int64 and np.array_equal(codes, expect_codes)
        pd.testing.assert_index_equal(uniques, pd.Index(expect_uniques))


@settings(max_examples=examples(80))
@given(st.lists(st.tuples(st.sampled_from([None, "a", "b", "가"]), st.sampled_from([0, 1, 2])), max_size=40))
def test_combination_codes_number_rows_as_a_groupby_and_first_rows_find_them(rows):
    from netanalysis._codes import combination_codes, first_rows

    f = pd.DataFrame(rows, columns=["a", "b"]).astype({"a": object, "b": "int64"})
    code = combination_codes(f)
    want = f.groupby(["a", "b"], sort=False, dropna=False).ngroup().to_numpy() if len(f) else np.zeros(0, int)
    assert code.tolist() == want.tolist()
    at = first_rows(code)
    assert at.tolist() == np.flatnonzero(~f.duplicated().to_numpy()).tolist()


def test_on_distinct_rows_is_the_function_on_every_row():
    from netanalysis._codes import on_distinct_rows

    calls = []

    def fn(d):
        calls.append(len(d))
        out = pd.DataFrame({"s": d["a"].astype(str) + d["b"].astype(str)}, index=d.index)
        out.attrs["notes"] = ["n"]
        return out

    f = pd.DataFrame({"a": ["x", "y", "x", None, "x", None, "y", "x"], "b": [1, 2, 1, 1, 1, 1, 2, 1]},
                     index=[9, 9, 8, 7, 6, 5, 4, 3])
    got = on_distinct_rows(f, fn)
    assert calls == [3]  # three distinct rows, worked out once each
    assert got["s"].tolist()[:3] == ["x1", "y2", "x1"] and got.index.tolist() == [9, 9, 8, 7, 6, 5, 4, 3]
    pd.testing.assert_frame_equal(got, fn(f))  # (a missing value's answer included)
    assert got.attrs["notes"] == ["n"]
    calls.clear()
    assert on_distinct_rows(f.iloc[:2], fn)["s"].tolist() == ["x1", "y2"] and calls == [2]  # all distinct: as is
