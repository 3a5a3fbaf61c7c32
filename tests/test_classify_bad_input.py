"""Issue 27's bad input: names of digits or punctuation only, names in scripts the name resources
do not cover. Each is typed (``other`` or the default rule) with its reason; none is dropped."""

from __future__ import annotations

import pandas as pd

from netanalysis.classify import classify_actors
from netanalysis.entities import harmonise

# Cyrillic, Thai, Devanagari, Greek and Tifinagh: no given-name or keyword resource covers them
ODD = ["12345", "---", "!!!", "123-45-6789", "Иван Петров", "สมชาย ใจดี", "राम शर्मा", "Ἀριστοτέλης", "ⵜⴰⵎⴰⵣⵉⵖⵜ"]


def test_every_odd_name_is_typed_with_a_reason_and_none_is_dropped():
    got = classify_actors(pd.Series(ODD))
    assert len(got) == len(ODD)  # nothing dropped
    assert got["type_reason"].str.startswith("rule:").all()
    # punctuation only: nothing to read, typed other and said so
    assert got["actor_type"].tolist()[1:3] == ["other", "other"]
    assert got["type_reason"].tolist()[1:3] == ["rule:empty_name", "rule:empty_name"]
    # the rest carry a letter or digit and no cue: the default rule, named as such
    rest = got.drop(index=[1, 2])
    assert (rest["type_reason"] == "rule:default_firm").all()


def test_odd_names_keep_their_own_ids():
    h = harmonise(pd.Series(ODD))
    assert len(h) == len(ODD)
    ids = h["applicant_id"].tolist()
    # digits keep their digits; the scripts keep their letters (one id each, none merged)
    assert ids[0] == "12345" and ids[3] == "123 45 6789"
    assert len(set(ids[4:])) == 5 and all(ids[4:])
