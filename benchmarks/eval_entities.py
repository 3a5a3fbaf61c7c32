"""Actor types against every labelled real set in ../shared/data (issue 13).

Prints, per set and overall: accuracy, per-class precision / recall / support and a
confusion matrix of the package's types against the labels, plus the harmonisation's
pairwise precision / recall where a truth exists.

Labelled sets (one row per distinct applicant name; ties and mixed labels are left out):

* ``patstat-it``: PATSTAT's ``psn_sector`` of the Italian extracts — COMPANY, UNIVERSITY,
  GOV NON-PROFIT, HOSPITAL, INDIVIDUAL (PATSTAT's own algorithm, not hand truth).
* ``thomson-synbio``: the hand-cleaned sector of Thomson Innovation's synthetic-biology
  sample (Academic, Corporate, People, Government) for single-assignee records; its
  harmonised assignee names give the harmonisation truth (pairs of raw names that the
  curator mapped to one cleaned name), on the single-name records and on a larger set that
  adds the records listing one organisation beside the record's own inventors.
* ``kipris-plus``: every applicant of the KIPRIS Plus XML sample, labelled by the developers
  in ``tests/labels/kipris_plus_applicants.csv``.

Two scores are printed for each set: against the labels *as given*, and against the labels
after the adjudications in ``tests/labels/adjudicated_labels.csv`` — names whose label is
demonstrably wrong or follows a different convention (an IRCCS research hospital filed under
PATSTAT's GOV NON-PROFIT, a textile-machinery maker labelled UNIVERSITY for its UNI- prefix,
a person labelled Corporate), each with its evidence.  Adjudication rules were applied to
every name of a set, agreements included, not only to the package's misses.

Labels and the package's types are compared at the level the label can tell: a *firm*
label (company, corporate) accepts ``sme``, ``large_firm`` and ``firm`` (size unknown); PATSTAT's GOV NON-PROFIT and
Thomson's Government accept ``government`` and ``research_institute``; Thomson's Academic
(which, its code book says, includes non-profit research organisations) accepts
``university``, ``research_institute`` and ``hospital``.

Persons and organisations (issue 27), from sets whose labels no rule was written against:

* ``lens-pizza`` / ``lens-drones``: applicants of the Lens exports who are also an inventor of the
  same record (the same words in any order) are persons beyond doubt; scored from the name alone
  and through the reader (``evidence:inventor``, a check of the pipeline, 1.0 by construction
  unless an organisation cue blocks it). ``lens-pizza`` was looked at while the rules were
  written (development set); every other set is held out.
* ``lens-drones-inventors`` and ``patentsview-inventors``: every distinct inventor name (persons;
  the PatentsView API writes ``First Last``, Lens ``SURNAME GIVEN``).
* ``patentsview-orgs``: every distinct ``assignee_organization`` of the recorded API responses
  (organisations); its misses were looked at once (THERAPEUTICS, BANK, CONSULTING were added as
  organisation words), so it is not fully held out.
* PATSTAT's INDIVIDUAL / other sectors and Thomson's People / other sectors as above.

For each: person recall (share of persons typed ``individual``) and the organisation-typed-
individual rate (share of organisations typed ``individual``), per script (Latin, Hangul, other).

Harmonisation (issue 27, item 2) is scored on the synbio names three ways, pairwise:

* against the curator's clusters as given (``patent_assignees_cleaned``);
* against the *adjudicated variant pairs* of ``tests/labels/harmonisation_pairs_adjudicated.csv``:
  every pair of raw names the curator joins, judged one body written two ways (``variant``) or two
  bodies the curator rolled up (a subsidiary, a university's research corporation, a board with one
  of its universities) or joined by mistake (Washington University / University of Washington),
  each with a one-line reason;
* against the curator's clusters with the curator's own roll-ups given as a group table
  (``tests/labels/synbio_groups.csv``, what ``--groups FILE`` reads; passed here as an alias table
  after the shipped one, which is what ``with_groups`` builds), the parent's id taken from the
  package being scored.

``--before PATH`` scores the harmonisation of another checkout of the package (e.g. the commit
before issue 27's work, ``git worktree add /tmp/old27 4054bdb``) on the same names in a child
process, so that before and after come from one run.

Usage::

    python benchmarks/eval_entities.py [--data ../shared/data] [--misses 15] [--before PATH]
"""

from __future__ import annotations

import argparse
import itertools
import os
from pathlib import Path

import pandas as pd

from netanalysis.classify import classify_actors, fold_name
from netanalysis.entities import harmonise, variant_suggestions

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "labels" / "kipris_plus_applicants.csv"
ADJUDICATED = ROOT / "tests" / "labels" / "adjudicated_labels.csv"
PAIRS = ROOT / "tests" / "labels" / "harmonisation_pairs_adjudicated.csv"
GROUPS = ROOT / "tests" / "labels" / "synbio_groups.csv"

#: label -> (class reported, package types that count as right)
PATSTAT = {"COMPANY": ("firm", {"sme", "large_firm", "firm"}), "UNIVERSITY": ("university", {"university"}),
           "GOV NON-PROFIT": ("public", {"government", "research_institute"}),
           "HOSPITAL": ("hospital", {"hospital"}), "INDIVIDUAL": ("individual", {"individual"})}
SYNBIO = {"Academic": ("academic", {"university", "research_institute", "hospital"}),
          "Corporate": ("firm", {"sme", "large_firm", "firm"}), "People": ("individual", {"individual"}),
          "Government": ("public", {"government", "research_institute"})}
KIPRIS = {"university": ("university", {"university"}), "firm": ("firm", {"sme", "large_firm", "firm"}),
          "research_institute": ("research_institute", {"research_institute"}),
          "government": ("government", {"government"}), "hospital": ("hospital", {"hospital"}),
          "individual": ("individual", {"individual"}), "other": ("other", {"other"})}
#: package type -> the class it is reported as in the confusion matrix
COARSE = {"sme": "firm", "large_firm": "firm", "firm": "firm"}


def patstat(data: Path) -> pd.DataFrame:
    raw = pd.concat([pd.read_excel(f, dtype=str) for f in sorted((data / "patstat-it").glob("*.xlsx"))])
    raw = raw.dropna(subset=["psn_name", "psn_sector"])
    per_name = raw.groupby("psn_name")["psn_sector"].agg(lambda s: set(s.str.strip()))
    one = per_name[per_name.map(len) == 1].map(lambda s: next(iter(s)))
    one = one[one.isin(PATSTAT)]
    country = raw.groupby("psn_name")["person_ctry_code"].agg(lambda s: s.mode().iloc[0] if s.notna().any() else "")
    return pd.DataFrame({"name": one.index, "label": one.to_numpy(), "set": "patstat-it",
                         "country": one.index.map(country).fillna("")})


def synbio(data: Path) -> pd.DataFrame:
    raw = pd.read_excel(data / "lens-exports" / "synbio.xlsx", dtype=str)
    # one assignee in the cleaned field and one name in the original (which also lists inventors)
    single = (~raw["patent_assignees_cleaned"].fillna("").str.contains(";")
              & ~raw["patent_assignees_original_no_address"].fillna("").str.contains(";"))
    one = raw[single & raw["patent_assignees_cleaned_sector"].isin(SYNBIO)]
    t = one.groupby("patent_assignees_original_no_address")["patent_assignees_cleaned_sector"].agg(
        lambda s: s.mode().iloc[0])
    return pd.DataFrame({"name": t.index, "label": t.to_numpy(), "set": "thomson-synbio"})


def kipris() -> pd.DataFrame:
    t = pd.read_csv(LABELS, dtype=str, keep_default_na=False)
    return pd.DataFrame({"name": t["name"], "label": t["label"], "set": "kipris-plus"})


def adjudicate(frame: pd.DataFrame) -> pd.DataFrame:
    """The same names with the adjudicated labels put in place of the given ones."""
    adj = pd.read_csv(ADJUDICATED, dtype=str, keep_default_na=False)
    adj = adj[adj["set"] == frame["set"].iloc[0]].set_index("name")["adjudicated"]
    return frame.assign(label=frame["name"].map(adj).fillna(frame["label"]))


def score(frame: pd.DataFrame, mapping: dict) -> pd.DataFrame:
    # the package's own path: harmonise (the alias tables may force a type), then classify
    h = harmonise(frame["name"])
    ours = classify_actors(frame["name"], h["applicant_id"], h["alias_type"], h["alias_source"])[
        "actor_type"].astype(str).to_numpy()
    cls = frame["label"].map(lambda x: mapping[x][0])
    ok = [o in mapping[lab][1] for o, lab in zip(ours, frame["label"], strict=True)]
    pred = [mapping[lab][0] if good else COARSE.get(o, o) for o, lab, good in
            zip(ours, frame["label"], ok, strict=True)]
    return frame.assign(truth=cls.to_numpy(), type=ours, predicted=pred, correct=ok)


def report(scored: pd.DataFrame, name: str, misses: int) -> None:
    print(f"\n== {name}: {len(scored)} names, accuracy {scored['correct'].mean():.3f}")
    rows = []
    for c in sorted(set(scored["truth"])):
        tp = ((scored["truth"] == c) & scored["correct"]).sum()
        support = (scored["truth"] == c).sum()
        claimed = (scored["predicted"] == c).sum()
        rows.append({"class": c, "support": support, "precision": tp / claimed if claimed else float("nan"),
                     "recall": tp / support if support else float("nan")})
    print(pd.DataFrame(rows).round(3).to_string(index=False))
    print(pd.crosstab(scored["truth"], scored["type"], margins=True).to_string())
    if "country" in scored:  # PATSTAT: the applicant's country, for the languages of the names
        group = scored["country"].where(scored["country"].isin(["IT", "FR", "DE"]), "other")
        by = scored.groupby(group)["correct"].agg(["size", "mean"]).round(3)
        print("by applicant country (names, accuracy): " + ", ".join(
            f"{c} {int(r['size'])} {r['mean']:.3f}" for c, r in by.iterrows()))
    wrong = scored[~scored["correct"]]
    if misses and len(wrong):
        print(f"-- first {min(misses, len(wrong))} misses:")
        print(wrong.head(misses)[["name", "label", "type"]].to_string(index=False))


def synbio_name_truth(data: Path, extended: bool = False) -> pd.DataFrame:
    """Raw assignee names of Thomson's synbio set with the curator's cleaned name (``name``, ``truth``).

    The *single* set: records whose original field holds one name and whose cleaned field one
    assignee.  The *extended* set adds the records whose original field lists the record's own
    inventors beside one organisation (each inventor of ``inventors_original`` matched by its
    words in any order) and whose cleaned field holds one assignee: that organisation is the
    cleaned one.
    """
    from netanalysis.classify import _name_tokens

    raw = pd.read_excel(data / "lens-exports" / "synbio.xlsx", dtype=str)
    raw = raw.dropna(subset=["patent_assignees_original_no_address", "patent_assignees_cleaned"])
    raw = raw[~raw["patent_assignees_cleaned"].str.contains(";")]
    if not extended:
        t = raw[~raw["patent_assignees_original_no_address"].str.contains(";")]
        t = t.assign(name=t["patent_assignees_original_no_address"])
    else:
        rows = raw.assign(name=raw["patent_assignees_original_no_address"].str.split(r"\s*;\s*")).explode("name")
        inventors = rows["inventors_original"].fillna("").str.split(r"\s*;\s*")
        own = [set(_name_tokens(pd.Series(x)).tolist()) for x in inventors]
        rows = rows[[k not in s for k, s in zip(_name_tokens(rows["name"]), own, strict=True)]]
        t = rows[rows.groupby(level=0)["name"].transform("size") == 1]
    t = t.drop_duplicates("name")
    return pd.DataFrame({"name": t["name"].to_numpy(),
                         "truth": t["patent_assignees_cleaned"].str.upper().str.strip().to_numpy()})


def harmonisation_pairs(data: Path, extended: bool = False) -> tuple[float, float, int]:
    """Pairwise precision and recall of applicant ids against Thomson's cleaned names."""
    t = synbio_name_truth(data, extended)
    ids = harmonise(t["name"])["applicant_id"].to_numpy()
    truth = t["truth"].to_numpy()
    same_id = same_truth = both = 0
    for i, j in itertools.combinations(range(len(t)), 2):
        a, b = ids[i] == ids[j], truth[i] == truth[j]
        same_id += a
        same_truth += b
        both += a and b
    # typo-level suggestions (never merged): how many suggested pairs the curator joined too
    sug = variant_suggestions(pd.Series(ids))
    truth_of = dict(zip(ids, truth, strict=True))  # one raw name per id is enough: ids are its keys
    right = sum(truth_of[a] == truth_of[b] for a, b in zip(sug["id_a"], sug["id_b"], strict=True))
    print(f"   typo-level suggestions on these names: {len(sug)} pairs, {right} joined by the curator")
    return (both / same_id if same_id else float("nan")), (both / same_truth if same_truth else float("nan")), len(t)


#: Run in a child process on another checkout (``--before``): ids of the names, plain and with the
#: group table (each parent's id computed by that checkout's own harmonisation).
_IDS_SCRIPT = """
import json, sys
import pandas as pd
from netanalysis.entities import harmonise
job = json.load(open(sys.argv[1], encoding="utf-8"))
names, groups = pd.Series(job["names"]), pd.DataFrame(job["groups"])
groups["applicant_id"] = harmonise(groups["parent"])["applicant_id"].to_numpy()
out = {"plain": harmonise(names)["applicant_id"].tolist(),
       "groups": harmonise(names, aliases=groups[["alias", "applicant_id"]])["applicant_id"].tolist()}
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
"""


def _ids(names: pd.Series, groups: pd.DataFrame, before: Path | None = None) -> dict[str, list[str]]:
    """The package's ids of ``names``, plain and with ``groups`` (``alias, parent``) as a group table;
    with ``before``, those of the checkout at that path (in a child process)."""
    import json
    import subprocess
    import sys
    import tempfile

    job = {"names": names.tolist(), "groups": groups[["alias", "parent"]].to_dict("list")}
    if before is None:
        g = groups.assign(applicant_id=harmonise(groups["parent"])["applicant_id"].to_numpy())
        return {"plain": harmonise(names)["applicant_id"].tolist(),
                "groups": harmonise(names, aliases=g[["alias", "applicant_id"]])["applicant_id"].tolist()}
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "job.json", Path(tmp) / "ids.json"
        src.write_text(json.dumps(job), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(before)}
        subprocess.run([sys.executable, "-c", _IDS_SCRIPT, str(src), str(dst)], check=True, cwd=before, env=env)
        return json.loads(dst.read_text(encoding="utf-8"))


def pair_scores(names: pd.Series, ids: list[str], truth: set[tuple[str, str]]) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of ``ids`` against a set of true pairs of names (sorted pairs).

    Returns precision, recall, the number of true pairs found and the number of true pairs.
    """
    joined = {tuple(sorted((a, b))) for (a, i), (b, j) in itertools.combinations(zip(names, ids, strict=True), 2)
              if i == j}
    found = len(joined & truth)
    return (found / len(joined) if joined else float("nan")), found / len(truth), found, len(truth)


def harmonisation_recall(data: Path, before: Path | None = None) -> pd.DataFrame:
    """Pairwise precision and recall on the synbio names against the curator's pairs, the
    adjudicated variant pairs, and the curator's pairs with the curator's roll-ups as a group table;
    now and, with ``before``, for another checkout of the package."""
    adjudicated = pd.read_csv(PAIRS, dtype=str, keep_default_na=False)
    groups = pd.read_csv(GROUPS, dtype=str, keep_default_na=False)
    rows = []
    for extended, tag in ((False, "174 single-name"), (True, "231 with one organisation beside its inventors")):
        t = synbio_name_truth(data, extended)
        names = t["name"]
        curator = {tuple(sorted((a, b))) for (a, x), (b, y) in
                   itertools.combinations(zip(t["name"], t["truth"], strict=True), 2) if x == y}
        known = set(zip(adjudicated["name_a"], adjudicated["name_b"], strict=True))
        missing = curator - known
        if missing:
            raise SystemExit(f"{PAIRS.name} has no verdict for {len(missing)} curated pair(s), "
                             f"e.g. {sorted(missing)[0]}")
        variants = {p for p, v in zip(zip(adjudicated["name_a"], adjudicated["name_b"], strict=True),
                                      adjudicated["verdict"], strict=True) if v == "variant" and p in curator}
        versions = [("now", None)] + ([("before", before)] if before is not None else [])
        for version, path in versions:
            got = _ids(names, groups, path)
            for truth_name, truth, key in (("curator's pairs", curator, "plain"),
                                           ("adjudicated variant pairs", variants, "plain"),
                                           ("curator's pairs, roll-ups as --groups", curator, "groups")):
                p, r, found, n = pair_scores(names, got[key], truth)
                rows.append({"names": tag, "truth": truth_name, "version": version, "precision": round(p, 3),
                             "recall": round(r, 3), "found": found, "pairs": n})
    return pd.DataFrame(rows)


def _tokens(names: pd.Series) -> pd.Series:
    words = fold_name(names.astype(str)).str.replace(r"[^\w]+", " ", regex=True).str.split()
    return words.map(lambda ws: " ".join(sorted(ws)))


def lens_people(data: Path, file: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Applicants who are an inventor of the same record, their share typed individual through
    the reader (with the inventors), and every distinct inventor name."""
    from netanalysis.ingest.lens import read_lens

    a = read_lens(data / "lens-exports" / file).applications
    inv = a[["patent_id", "inventors"]].dropna().drop_duplicates()
    inv = inv.assign(name=inv["inventors"].str.split("; ")).explode("name").dropna(subset=["name"])
    pairs = set(zip(inv["patent_id"], _tokens(inv["name"]), strict=True))
    is_inv = pd.Series([(p, k) in pairs for p, k in zip(a["patent_id"], _tokens(a["applicant_raw"]), strict=True)],
                       index=a.index)
    persons = a.loc[is_inv].drop_duplicates("applicant_raw")
    typed = persons["actor_type"].astype(str).eq("individual")
    return persons["applicant_raw"], typed, inv["name"].drop_duplicates()


def patentsview_people(data: Path) -> tuple[pd.Series, pd.Series]:
    """Distinct organisation assignees and distinct inventor names of the recorded API responses."""
    import json

    import yaml

    orgs: set[str] = set()
    inventors: set[str] = set()
    for cassette in sorted((data / "patentsview-api").glob("*.yml")):
        for it in yaml.safe_load(cassette.read_text(encoding="utf-8"))["http_interactions"]:
            try:
                page = json.loads(it["response"]["body"]["string"])
            except (ValueError, KeyError, TypeError):
                continue
            for pt in page.get("patents") or []:
                assignees = pt.get("assignees") or []
                orgs |= {a["assignee_organization"] for a in assignees if a.get("assignee_organization")}
                inventors |= {" ".join(x for x in (i.get("inventor_name_first"), i.get("inventor_name_last")) if x)
                              for i in pt.get("inventors") or []}
    return pd.Series(sorted(orgs)), pd.Series(sorted(n for n in inventors if n))


def _script(names: pd.Series) -> pd.Series:
    hangul = names.str.contains(r"[가-힣]", regex=True)
    latin = names.str.fullmatch(r"[\x00-\x7f\u00c0-\u024f]+")
    return pd.Series("other", index=names.index).mask(latin, "latin").mask(hangul, "hangul")


def people_report(data: Path) -> pd.DataFrame:
    """Person recall and organisation-typed-individual rate per labelled set and script."""
    rows = []

    def add(set_name: str, kind: str, names: pd.Series, evidence: pd.Series | None = None) -> None:
        names = names.astype(str).reset_index(drop=True)
        typed = classify_actors(names)["actor_type"].astype(str).eq("individual")
        script = _script(names)
        for sc in ["all", *sorted(set(script))]:
            m = script.eq(sc) if sc != "all" else pd.Series(True, index=names.index)
            if not m.any():
                continue
            row = {"set": set_name, "kind": kind, "script": sc, "n": int(m.sum()),
                   "typed_individual": round(float(typed[m].mean()), 4)}
            if evidence is not None:
                row["with_evidence"] = round(float(evidence.reset_index(drop=True)[m].mean()), 4)
            rows.append(row)

    for file, tag in (("pizza_lens_1000_raw.csv", "lens-pizza (dev)"), ("drones_tac_1606_families.csv", "lens-drones")):
        persons, typed, inventors = lens_people(data, file)
        add(f"{tag} applicant=inventor", "person", persons, typed)
        if tag == "lens-drones":
            add("lens-drones inventors", "person", inventors)
    orgs, inventors = patentsview_people(data)
    add("patentsview inventors", "person", inventors)
    add("patentsview orgs", "organisation", orgs)
    pt, sy, kp = adjudicate(patstat(data)), adjudicate(synbio(data)), kipris()
    add("patstat-it INDIVIDUAL", "person", pt.loc[pt["label"] == "INDIVIDUAL", "name"])
    add("patstat-it other sectors", "organisation", pt.loc[pt["label"] != "INDIVIDUAL", "name"])
    add("thomson-synbio People", "person", sy.loc[sy["label"] == "People", "name"])
    add("thomson-synbio other sectors", "organisation", sy.loc[sy["label"] != "People", "name"])
    add("kipris-plus organisations", "organisation", kp.loc[kp["label"] != "individual", "name"])
    return pd.DataFrame(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--misses", type=int, default=15)
    ap.add_argument("--before", type=Path, default=None,
                    help="a checkout of an earlier package whose harmonisation is scored on the same names")
    ap.add_argument("--harmonisation-only", action="store_true", help="only the harmonisation scores")
    args = ap.parse_args()
    if not args.harmonisation_only:
        types_and_persons(args.data, args.misses)
    for extended, what in ((False, "single-name records"),
                           (True, "single-name records and records of one organisation beside its inventors")):
        precision, recall, n = harmonisation_pairs(args.data, extended)
        print(f"\n== harmonisation (thomson-synbio, {what}: {n} raw names): pairwise precision {precision:.3f}, "
              f"recall {recall:.3f}")
    scores = harmonisation_recall(args.data, args.before)
    print("\n== harmonisation recall by truth (synbio names; adjudications in "
          f"{PAIRS.relative_to(ROOT)}, roll-ups in {GROUPS.relative_to(ROOT)})")
    print(scores.to_string(index=False))


def types_and_persons(data: Path, misses: int) -> None:
    """Print the actor-type scores per labelled set and the person / organisation rates."""
    sets = [(patstat(data), PATSTAT), (synbio(data), SYNBIO), (kipris(), KIPRIS)]
    given = [score(f, m) for f, m in sets]
    parts = [score(adjudicate(f), m) for f, m in sets]
    for g, p in zip(given, parts, strict=True):
        print(f"\n== {p['set'].iloc[0]}: labels as given, accuracy {g['correct'].mean():.3f}")
        report(p, f"{p['set'].iloc[0]} (adjudicated labels)", misses)
    report(pd.concat(given, ignore_index=True), "all sets (labels as given)", 0)
    report(pd.concat(parts, ignore_index=True), "all sets (adjudicated labels)", 0)
    people = people_report(data)
    print("\n== persons and organisations: share typed individual from the name alone "
          "(person recall for persons, organisation-typed-individual rate for organisations)")
    print(people.to_string(index=False))


if __name__ == "__main__":
    main()
