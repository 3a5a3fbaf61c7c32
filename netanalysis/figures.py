"""The figure script: raw data → ingest → metrics → every figure, its table and a manifest.

``netanalysis figures`` (or ``python -m netanalysis figures``) calls :func:`run_figures`.
With no arguments it uses the bundled SYNTHETIC sample and the Daegu–Gyeongbuk focus.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from tqdm.auto import tqdm

from . import __version__
from . import metrics as m
from . import network as nw
from . import plotting as pl
from ._errors import NetworkInputError
from ._io import atomic_path, write_csv, write_text
from ._paths import FIGURES_DIR
from .datasets import inputs_or_sample
from .ingest import ingest
from .network import _parse_years
from .regions import normalise_region_code, sido_table

NULL_MODEL_RUNS = 50


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    if path.is_dir():
        for f in sorted(p for p in path.rglob("*") if p.is_file()):
            h.update(f.relative_to(path).as_posix().encode())
            h.update(f.read_bytes())
    else:
        h.update(path.read_bytes())
    return h.hexdigest()


def _region_label(codes: list[str]) -> str:
    names = dict(zip(sido_table()["code"], sido_table()["name_en"], strict=True))
    return "–".join(names.get(c, c) for c in codes)


def run_figures(
    data: Sequence[str | os.PathLike] | None = None,
    region: str | Sequence[str] = "KR-27,KR-47",
    years: str | tuple[int, int] = "2004-2020",
    out: str | os.PathLike = FIGURES_DIR,
    firm_sizes: str | os.PathLike | None = None,
    verbose: bool = True,
) -> dict:
    """Regenerate every figure (PNG 300 dpi + SVG), the CSV table behind each and a manifest.

    Parameters
    ----------
    data : list of paths, optional
        Raw files; default: the bundled SYNTHETIC sample (with its firm-size table).
    region : str or list of str
        Focal region codes (default Daegu KR-27 and Gyeongbuk KR-47).
    years : "YYYY-YYYY" or (int, int)
        Filing years (inclusive).
    out : path
        Output folder (created).
    firm_sizes : path, optional
        Firm-size table for the user's data.
    verbose : bool
        Progress bar over the steps.

    Returns
    -------
    dict
        The manifest written to ``out/manifest.json``.

    Raises
    ------
    NetanalysisError
        One clear message for a missing data path, an unknown region code, an empty year
        range or data without ties in the focus.
    """
    paths, firm_sizes, synthetic = inputs_or_sample(data, firm_sizes)
    focal = normalise_region_code(region)
    yr = _parse_years(years)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    label = _region_label(focal)
    period = f"{yr[0]}–{yr[1]}"
    src = "SYNTHETIC sample (netanalysis.datasets, fictional applicants)" if synthetic else \
        ", ".join(Path(p).name for p in paths)
    credit = (f"Source: {src}. Ties touching {label} ({', '.join(focal)}), filing years {period}. "
              f"netanalysis {__version__}.")
    outputs: list[dict] = []
    tables: dict[str, pd.DataFrame] = {}

    def emit(name: str, table: pd.DataFrame, draw: Callable[[], tuple]) -> None:
        write_csv(table, out / f"{name}.csv")
        with plt.rc_context(pl._style.rc()):
            fig, _ = draw()
            for ext in ("png", "svg"):
                target = out / f"{name}.{ext}"
                with atomic_path(target) as tmp:
                    fig.savefig(tmp, format=ext, dpi=300,
                                metadata={"Date": None} if ext == "svg" else {"Software": None})
        plt.close(fig)
        for ext in ("png", "svg", "csv"):
            f = out / f"{name}.{ext}"
            outputs.append({"file": f.name, "sha256": _sha256(f)})

    def emit_table(name: str, table: pd.DataFrame) -> None:
        f = write_csv(table, out / f"{name}.csv")
        outputs.append({"file": f.name, "sha256": _sha256(f)})

    steps = ["ingest", "network", "centrality", "persistence", "openness", "mixing", "brokerage",
             "null model", "time", "map"]
    bar = tqdm(steps, disable=not verbose, desc="figures", unit="step")

    def step(name: str) -> None:
        bar.set_postfix_str(name)
        bar.update(1)

    processed = ingest(paths, firm_sizes=firm_sizes)
    apps, actors = processed.applications, processed.actors
    step("ingest")
    in_years = apps[(apps["year"] >= yr[0]) & (apps["year"] <= yr[1])]
    if in_years.empty:
        raise NetworkInputError(f"no application in the years {period}; the data covers "
                                f"{int(apps['year'].min())}–{int(apps['year'].max())}")
    e = nw.edges(apps, years=yr, region=focal)
    if e.empty:
        raise NetworkInputError(f"no co-patenting tie touches {focal} in {period}")
    e_all = nw.edges(apps, years=yr)
    g = nw.to_igraph(e, actors)
    step("network")
    c = m.centrality(g)
    inner = c[c["region"].isin(focal)]
    tables["centrality"] = c
    emit("01_network", c, lambda: pl.plot_network(
        g, c, focal_region=focal, title=f"Industry–academia co-patent network, {label} {period}",
        credit=credit))
    emit("02_centrality_ranking", c.head(20), lambda: pl.plot_centrality_ranking(
        c, "betweenness", 20, title=f"Top 20 actors by betweenness ({label}, {period})", credit=credit))
    by_type = m.summarise_by(inner, "actor_type", "betweenness")
    emit("03_betweenness_by_type", by_type, lambda: pl.plot_type_summary(
        by_type, title=f"Betweenness by actor type, actors in {label}", credit=credit))
    deg_type = m.summarise_by(inner, "actor_type", "degree")
    emit("04_degree_by_type", deg_type, lambda: pl.plot_type_summary(
        deg_type, value_label="mean degree (distinct partners)",
        title=f"Degree by actor type, actors in {label}", credit=credit))
    step("centrality")
    dy = m.dyad_persistence(e, actors)
    pers = m.persistence_by_type_pair(dy)
    emit("05_persistence_by_type_pair", pers, lambda: pl.plot_persistence(pers, credit=credit))
    surv = m.tie_survival(e, window=2, max_lag=4)
    curve = m.survival_curve(surv)
    emit("06_tie_survival", curve, lambda: pl.plot_survival(
        curve, window=2, title=f"Tie survival, {label} (2-year windows)", credit=credit))
    step("persistence")
    ob = m.openness_by_region(e_all, actors)
    focal_open = m.regional_openness(e, actors, focal).assign(focal=label)
    both = pd.concat([focal_open, ob], ignore_index=True)
    emit("07_openness_by_region", both, lambda: pl.plot_openness(
        both, highlight=label, title="Where partners are: share of ties by partner location", credit=credit))
    emit("08_openness_large_collaborations", both, lambda: pl.plot_openness(
        both, scope="large", highlight=label,
        title="Large collaborations (≥ 3 applicants or a large firm): partner location", credit=credit))
    step("openness")
    mix = m.type_mixing(e, actors)
    emit("09_type_mixing", mix, lambda: pl.plot_mixing_heatmap(
        mix, title=f"Who co-patents with whom ({label}, {period})", credit=credit))
    step("mixing")
    brk = m.brokerage(e, actors)
    brk_inner = brk.merge(actors[["applicant_id", "region", "name"]], on="applicant_id")
    brk_inner = brk_inner[brk_inner["region"].isin(focal)]
    brk_sum = m.brokerage_by_group(brk_inner)
    emit_table("10_brokerage_by_type", brk_sum)
    step("brokerage")
    null = m.betweenness_null_model(g, n=NULL_MODEL_RUNS, seed=1)
    emit_table("11_betweenness_null_model", null)
    step("null model")
    tl = m.network_by_period(e, actors)
    emit("12_network_over_time", tl, lambda: pl.plot_time(
        tl, title=f"Co-patent network of {label} over time", credit=credit))
    step("time")
    rt = m.region_ties(e_all, actors)
    ra = actors[actors["region"] != ""].groupby("region").size().rename("n_actors").reset_index()
    emit("13_region_map", rt, lambda: pl.plot_region_map(
        rt, ra, focal_region=focal, min_ties=3,
        title=f"Inter-regional co-patent ties, {period}", credit=credit))
    step("map")
    bar.close()

    manifest = {
        "package_version": __version__,
        "synthetic_data": synthetic,
        "parameters": {"region": focal, "years": list(yr), "firm_sizes": str(firm_sizes) if firm_sizes else None,
                       "null_model_runs": NULL_MODEL_RUNS, "survival_window": 2, "weighting": "count"},
        "inputs": [{"file": str(p), "sha256": _sha256(Path(p))} for p in paths]
        + ([{"file": str(firm_sizes), "sha256": _sha256(Path(firm_sizes))}] if firm_sizes else []),
        "ingest": {k: v for k, v in processed.report.items() if k != "files"},
        "outputs": outputs,
    }
    write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str), out / "manifest.json")
    return manifest
