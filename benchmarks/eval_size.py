"""Firm size against real labelled lists (issue 37): how many large organisations are typed SME.

For every real export in ../shared/data it ingests the file with the package, then prints:

* the firms by type and by the evidence of their size (``size_source``);
* against ``tests/labels/firm_sizes_real.csv`` (large organisations named in the exports, and
  the KIPRIS Plus sample's eight SMEs, each with its public evidence): how many labelled large
  organisations are typed ``sme`` now and under the former rule (every firm not in the
  large-group list was an SME, ``size_source = assumed``), how many are ``firm`` (size unknown)
  and ``large_firm``; how many labelled SMEs are typed large;
* every firm typed ``large_firm``, with its evidence and whether a label confirms it;
* the patent-count rule (250 patents a year over a firm's first to last filing year): the
  largest firm count, the highest yearly rate and the largest one-year count of any firm, and
  the firms above the threshold.

The former rule is recomputed in the same process from the same tables: a ``firm`` of unknown
size, or a ``large_firm`` known only by its patent count, was an SME.

Usage::

    PYTHONPATH=. python benchmarks/eval_size.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

import pandas as pd

from netanalysis.classify import SME_MAX_PATENTS_PER_YEAR
from netanalysis.entities import harmonise
from netanalysis.ingest import read_kipris_xml, read_patents, read_table

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "labels" / "firm_sizes_real.csv"
FIRMS = ("large_firm", "sme", "firm")
PATSTAT = {"patent_id": "appln_id", "year": "appln_filing_year", "applicants": "psn_name", "region": "NUTS",
           "country": "person_ctry_code", "actor_type": "psn_sector"}
SYNBIO = {"patent_id": "publication_number", "year": "application_dates",
          "applicants": "patent_assignees_original_no_address"}


def real_sets(data: Path) -> dict[str, pd.DataFrame]:
    """Each real export's ``applications`` table, read by the package (combined where a set has several files)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's notices about workbook features
        return {
            "lens-pizza": read_patents(data / "lens-exports" / "pizza_lens_1000_raw.csv").applications,
            "lens-drones": read_patents(data / "lens-exports" / "drones_tac_1606_families.csv").applications,
            "thomson-synbio": read_table(data / "lens-exports" / "synbio.xlsx", SYNBIO, sep=r"\s*;\s*").applications,
            "patstat-it": read_patents(sorted((data / "patstat-it").glob("*.xlsx")), columns=PATSTAT)
            .applications,
            "kipris-plus": read_kipris_xml(sorted((data / "kipris-plus-xml").rglob("*.xml"))).applications,
        }


def legacy_type(apps: pd.DataFrame) -> pd.Series:
    """The former rule: a firm without large-group or size-table evidence was an SME."""
    t = apps["actor_type"].astype(str)
    return t.mask((t == "firm") | (apps["size_source"].astype(str) == "patent_count"), "sme")


def per_actor(apps: pd.DataFrame) -> pd.DataFrame:
    """One row per applicant: type now and under the former rule, evidence, patents, years."""
    a = apps.assign(legacy=legacy_type(apps), actor_type=apps["actor_type"].astype(str))
    g = a.groupby("applicant_id")
    return pd.DataFrame({"name": g["applicant_name"].first(), "type": g["actor_type"].first(),
                         "legacy": g["legacy"].first(), "size_source": g["size_source"].first().astype(str),
                         "n_patents": g["patent_id"].nunique(), "span": g["year"].max() - g["year"].min() + 1,
                         "max_per_year": a.groupby(["applicant_id", "year"])["patent_id"].nunique()
                         .groupby(level=0).max()})


def labelled(actors: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """The labels of one set joined to the actors they name (through the package's harmonisation)."""
    ids = harmonise(labels["name"])["applicant_id"].to_numpy()
    lab = labels.rename(columns={"name": "label_name"}).assign(applicant_id=ids)
    return lab.merge(actors, left_on="applicant_id", right_index=True, how="left")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    labels = pd.read_csv(LABELS, dtype=str, keep_default_na=False)
    totals = []
    for name, apps in real_sets(args.data).items():
        actors = per_actor(apps)
        years = int(apps["year"].max() - apps["year"].min() + 1)
        firms = actors[actors["type"].isin(FIRMS)]
        print(f"\n== {name}: {len(apps):,} mentions, {len(actors):,} applicants, {len(firms):,} firms; "
              f"years {apps['year'].min()}–{apps['year'].max()} ({years})")
        print("firms by type and size evidence:",
              firms.groupby(["type", "size_source"]).size().to_dict())
        n_sme, n_legacy = int((firms["type"] == "sme").sum()), int((actors["legacy"] == "sme").sum())
        n_unknown = int((firms["type"] == "firm").sum())
        print(f"former rule: {n_legacy:,} SMEs; now {n_sme:,} SMEs with evidence, {n_unknown:,} of unknown size")
        rate = firms["n_patents"] / firms["span"]
        top = firms.loc[[rate.idxmax()]]
        print(f"patent-count rule ({SME_MAX_PATENTS_PER_YEAR} patents a year over a firm's years in the data): "
              f"largest firm {firms.loc[firms['n_patents'].idxmax(), 'name']!r} {int(firms['n_patents'].max()):,}; "
              f"highest rate {top['name'].iloc[0]!r} {float(rate.max()):.1f} a year; largest count of any firm in "
              f"one year {int(firms['max_per_year'].max()):,}; firms above the threshold "
              f"{int((rate > SME_MAX_PATENTS_PER_YEAR).sum())}")
        lab = labelled(actors, labels[labels["set"] == name])
        found = lab[lab["type"].notna()]
        missing = lab[lab["type"].isna()]
        if len(missing):
            print(f"labels naming no applicant of the set: {missing['label_name'].tolist()}")
        large = found[found["label"] == "large"]
        small = found[found["label"] == "sme"]
        row = {"set": name, "labelled_large": len(large),
               "large_typed_sme_before": int((large["legacy"] == "sme").sum()),
               "large_typed_sme_now": int((large["type"] == "sme").sum()),
               "large_typed_firm_now": int((large["type"] == "firm").sum()),
               "large_typed_large_now": int((large["type"] == "large_firm").sum()),
               "labelled_sme": len(small), "sme_typed_large_now": int((small["type"] == "large_firm").sum()),
               "typed_large_now": int((firms["type"] == "large_firm").sum()),
               "typed_large_with_evidence": int(((firms["type"] == "large_firm")
                                                 & firms["size_source"].isin(["user_table", "source", "group_list",
                                                                              "patent_count"])).sum()),
               "typed_large_labelled_large": int((large["type"] == "large_firm").sum()),
               "typed_large_labelled_sme": int((small["type"] == "large_firm").sum())}
        totals.append(row)
        print(pd.Series(row).drop("set").to_string())
        label_of = dict(zip(lab["applicant_id"], lab["label"], strict=True))
        typed_large = firms[firms["type"] == "large_firm"]
        typed_large = typed_large.assign(label=typed_large.index.map(label_of))
        if len(typed_large):
            print("firms typed large_firm (evidence, label):")
            print(typed_large[["name", "size_source", "n_patents", "label"]].fillna("").to_string())
    t = pd.DataFrame(totals).set_index("set")
    t.loc["all"] = t.sum()
    print("\n== summary")
    print(t.to_string())


if __name__ == "__main__":
    main()
