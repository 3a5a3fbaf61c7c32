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


@pytest.mark.slow
def test_patstat_italy_rca_from_the_technology_column_against_the_raw_rows(shared_data):
    files = sorted((shared_data / "patstat-it").glob("*.xlsx"))
    if not files:
        pytest.skip("PATSTAT Italy not found")
    # ItGovNon2's header says techn_fields: the mapping names both
    res = read_patents(files, columns={**PATSTAT, "technology": "techn_field|techn_fields"})
    apps = res.applications
    # every application carries its fields (the files are split by technology sector: fields united)
    assert apps["technology"].notna().all()
    whole = region_technology_counts(apps, level=2, counting="whole")
    assert whole.attrs["column"] == "technology" and whole.attrs["classification"].startswith("WIPO")
    fractional = region_technology_counts(apps, level=2)
    it = [r for r in whole.index if r.startswith("IT")]

    # the same, from the raw rows with plain pandas: one row per application × applicant × field; a cell may
    # hold several fields on several lines (Excel's _x000D_ escape of the carriage return)
    raw = pd.concat([pd.read_excel(f, dtype=str).rename(columns={"techn_fields": "techn_field"}) for f in files])
    fields = raw[["appln_id", "techn_field"]].assign(
        techn_field=raw["techn_field"].str.replace("_x000D_", "").str.split("\n")).explode("techn_field")
    fields = fields.assign(techn_field=fields["techn_field"].str.strip()).drop_duplicates()
    # an applicant is placed once per application, by its first row (the reader keeps one mention per
    # application and applicant: CNR on 16145450 with ITC4C and ITC14 counts in ITC4 only); NUTS 2 = 4 characters
    named = raw.drop_duplicates(["appln_id", "psn_name"])[["appln_id", "psn_name", "NUTS"]]
    named = named.assign(region=named["NUTS"].where(named["NUTS"].str.len() >= 4).str[:4])
    # whole counting: a region counts an application once in each of its fields
    where = named[["appln_id", "region"]].dropna().drop_duplicates()
    x = where.merge(fields, on="appln_id").pivot_table(index="region", columns="techn_field", values="appln_id",
                                                        aggfunc="nunique", fill_value=0).loc[it].astype(float)
    rca_raw = x.div(x.sum(axis=1), axis=0).div(x.sum(axis=0) / x.to_numpy().sum(), axis=1)
    mine = rca(whole.loc[it])
    assert mine.loc["ITC4", "Pharmaceuticals"] == pytest.approx(rca_raw.loc["ITC4", "Pharmaceuticals"], rel=1e-12)
    assert np.allclose(mine.loc[it, rca_raw.columns].to_numpy(), rca_raw.to_numpy(), rtol=1e-12, equal_nan=True)
    # fractional counting: each application 1, split over its distinct applicants (psn_name), then its fields
    named["share"] = 1 / named.groupby("appln_id")["psn_name"].transform("size")
    n_fields = fields.groupby("appln_id")["techn_field"].transform("size")
    pairs = named.dropna(subset=["region"]).merge(fields.assign(cshare=1 / n_fields), on="appln_id")
    f = pairs.assign(w=pairs["share"] * pairs["cshare"]).pivot_table(
        index="region", columns="techn_field", values="w", aggfunc="sum", fill_value=0.0).loc[it]
    rca_f = f.div(f.sum(axis=1), axis=0).div(f.sum(axis=0) / f.to_numpy().sum(), axis=1)
    assert rca(fractional.loc[it]).loc["ITC4", "Pharmaceuticals"] == pytest.approx(
        rca_f.loc["ITC4", "Pharmaceuticals"], rel=1e-9)
