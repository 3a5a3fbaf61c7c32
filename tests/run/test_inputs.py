"""What a run reads: --columns parsed, inputs resolved (the SYNTHETIC sample when none), read once."""

from __future__ import annotations

import json

import pytest

from netanalysis._errors import NetanalysisError
from netanalysis.datasets import sample_path
from netanalysis.run.inputs import load_inputs, parse_columns, resolve_inputs


def test_parse_columns_from_text_and_from_a_json_file(tmp_path):
    assert parse_columns(None) is None
    assert parse_columns("patent_id=id, year=yr,applicants=who") == {
        "patent_id": "id", "year": "yr", "applicants": "who"}
    f = tmp_path / "cols.json"
    f.write_text(json.dumps({"patent_id": "a", "year": "b", "applicants": "c"}))
    assert parse_columns(str(f)) == {"patent_id": "a", "year": "b", "applicants": "c"}
    with pytest.raises(NetanalysisError):
        parse_columns("patent_id")


def test_resolve_and_load_the_sample_when_no_data_is_given(sample_processed):
    inputs = resolve_inputs(None)
    assert inputs.synthetic and inputs.paths == [sample_path()] and inputs.firm_sizes is not None
    # the same file named by the user is user data: no sample firm sizes, no sample defaults
    named = resolve_inputs([str(sample_path())])
    assert not named.synthetic and named.firm_sizes is None and named.paths == [sample_path()]
    processed = load_inputs(resolve_inputs([sample_processed]))
    raw = load_inputs(inputs)
    assert raw.report.reader == "kipris_export"
    # the processed folder written from the sample holds the same applications as the sample read raw
    assert len(processed.applications) == len(raw.applications)
    assert set(processed.applications["patent_id"]) == set(raw.applications["patent_id"])
