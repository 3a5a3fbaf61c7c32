"""Specialisation and triple-helix measures on real exports (../shared/data; skipped when absent).

PATSTAT Italy carries PATSTAT's WIPO technology fields (``techn_field``, derived from IPC), not IPC
codes, so the specialisation measures run on those fields by NUTS-2; the Lens export carries IPC
but no applicant regions, which must be one clear error."""

from __future__ import annotations

import contextlib
import io
import warnings

import numpy as np
import pandas as pd
import pytest

from netanalysis import NetworkInputError
from netanalysis.ingest import read_patents
from netanalysis.metrics import knowledge_complexity, rca, region_technology_counts, triple_helix

PATSTAT = {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name", "region": "NUTS",
           "country": "person_ctry_code", "actor_type": "psn_sector"}


@pytest.fixture(scope="module")
def patstat():
    from conftest import SHARED_DATA

    files = sorted((SHARED_DATA / "patstat-it").glob("*.xlsx"))
    if not files:
        pytest.skip(f"PATSTAT Italy not found under {SHARED_DATA}")
    res = read_patents(files, columns=PATSTAT)
    raw = pd.concat([pd.read_excel(f).rename(columns={"techn_fields": "techn_field"}) for f in files])
    # a cell may hold several fields, one per line (Excel's _x000D_ escapes)
    tf = raw[["appln_id", "techn_field"]].dropna()
    tf = tf.assign(techn_field=tf["techn_field"].astype(str).str.replace("_x000D_", "")
                   .str.split(r"[\r\n]+")).explode("techn_field")
    tf = tf.assign(techn_field=tf["techn_field"].str.strip())
    tf = tf[tf["techn_field"] != ""].drop_duplicates()
    fields = tf.groupby(tf["appln_id"].astype(str))["techn_field"].agg("; ".join)
    apps = res.applications.assign(techn_field=res.applications["patent_id"].astype(str).map(fields))
    return apps, res.actors, raw


@pytest.mark.slow
def test_patstat_italy_specialisation_by_nuts2(patstat):
    apps, actors, raw = patstat
    x = region_technology_counts(apps, actors, level=2, column="techn_field")
    # every patent has a field; the patents' worth adds up to the patents less the unlocated share
    named = raw.dropna(subset=["psn_name"])
    assert x.attrs["patents"] == named["appln_id"].nunique() and x.attrs["patents_without_class"] == 0
    assert x.to_numpy().sum() == pytest.approx(x.attrs["patents"] - x.attrs["unlocated_share"])
    it = x.loc[x.index.str.fullmatch(r"IT[A-Z0-9]{2}")]
    assert len(it) == 21 and it.shape[1] == 27
    r = rca(it)
    assert (r.loc["ITC4"] >= 1).sum() >= 5  # Lombardy is specialised in a handful of fields, not in all
    k = knowledge_complexity(it)
    assert k["complexity"].notna().all() and k["complexity"].mean() == pytest.approx(0, abs=1e-12)
    ecx = pytest.importorskip("ecomplexity", reason="cross-check needs the 'ecomplexity' package")
    long = it.rename_axis("loc").reset_index().melt(id_vars="loc", var_name="prod", value_name="val").assign(time=0)
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        out = ecx.ecomplexity(long, {"time": "time", "loc": "loc", "prod": "prod", "val": "val"}, verbose=False,
                              check_logsupermodularity=False)
    eci = out.groupby("loc")["eci"].first().loc[it.index]
    assert eci.to_numpy() == pytest.approx(k["complexity"].to_numpy(), abs=1e-9)


@pytest.mark.slow
def test_patstat_italy_triple_helix_by_nuts2(patstat):
    apps, _actors, raw = patstat
    out = triple_helix(apps, level=2, n_boot=500, seed=0).set_index("region")
    named = raw.dropna(subset=["psn_name"])
    # counted independently from the raw rows: Lombardy's applications (an applicant's NUTS-3 in ITC4)
    assert out.loc["ITC4", "n_patents"] == named.loc[named["NUTS"].astype(str).str.startswith("ITC4"),
                                                     "appln_id"].nunique()
    lomb = out.loc["ITC4"]
    assert np.isfinite(lomb["t_uig"]) and lomb["ci_low"] <= lomb["t_uig"] <= lomb["ci_high"]
    # regions with one patent or a helix that never varies are NaN with the reason, never 0
    undefined = out[out["t_uig"].isna()]
    assert (undefined["note"].str.startswith("cannot be computed")).all()


def test_lens_ipc_without_regions_is_one_clear_error(shared_data):
    lens = shared_data / "lens-exports" / "pizza_lens_1000_raw.csv"
    res = read_patents(lens)
    assert res.applications["ipc"].notna().any()
    # Lens CSV exports carry no address: only an institution of the built-in table gets a region
    # (CATHOLIC UNIV DAEGU INDUSTRY ACADEMIC COOPERATION … → the Catholic University of Daegu, Gyeongsan)
    located = res.actors.loc[res.actors["region"] != "", "applicant_id"].tolist()
    assert located == ["CATHOLIC UNIVERSITY OF DAEGU"]
    apps = res.applications.assign(region="")
    actors = res.actors.assign(region="")
    with pytest.raises(NetworkInputError, match="no applicant of a patent with a technology class has a region"):
        region_technology_counts(apps, actors)
