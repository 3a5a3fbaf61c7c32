"""Accuracy of the report's two bootstraps against the dyadic-robust standard error.

On the bundled SYNTHETIC sample (Daegu–Gyeongbuk, 2004–2020), the share of the focus's ties
that reach outside is a mean over ties.  Its dyadic-cluster-robust variance (Fafchamps &
Gubert 2007; Aronow, Samii & Assenova 2015) sums the products of residuals over every pair
of ties that share an actor:

    V = (sum_i S_i^2 - sum_d e_d^2) / N^2,    S_i = sum of the residuals of actor i's ties,

(a tie shares both of its ends with itself, so its own square is counted once).  The
script prints that standard error, the iid one, and the sd of the actor (vertex) and patent
bootstraps of ``bootstrap_indicators``: the actor bootstrap should match the dyadic one, the
patent bootstrap is the iid-like one.  Run: ``python3 benchmarks/bench_bootstrap_dependence.py [n]``.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pandas as pd

from netanalysis import network as nw
from netanalysis.regions import within
from netanalysis.report.indicators import headline_indicators
from netanalysis.report.uncertainty import bootstrap_indicators
from netanalysis.run import RunSettings, build_context


def dyadic_se(ctx) -> tuple[float, float, float]:
    """Share of placed ties reaching outside, its dyadic-robust and its iid standard error."""
    e = nw.collapse(ctx.edges)
    a = ctx.actors.drop_duplicates("applicant_id").set_index("applicant_id")
    ru, rv = (e[c].map(a["region"]).fillna("").astype(str) for c in ("u", "v"))
    iu, iv = within(ru, ctx.focal).to_numpy(), within(rv, ctx.focal).to_numpy()
    placed = np.where(iu, rv, ru) != ""
    e, iu, iv = e[placed], iu[placed], iv[placed]
    y = (~(iu & iv)).astype(float)
    res = y - y.mean()
    s = pd.concat([pd.Series(res, index=e["u"].to_numpy()), pd.Series(res, index=e["v"].to_numpy())])
    s = s.groupby(level=0).sum()
    v = ((s ** 2).sum() - (res ** 2).sum()) / len(y) ** 2
    return float(y.mean()), float(np.sqrt(v)), float(np.sqrt((res ** 2).sum()) / len(y))


def main(n: int = 50) -> None:
    warnings.simplefilter("ignore")
    ctx = build_context(RunSettings(null_model_runs=5))
    share, dyadic, iid = dyadic_se(ctx)
    print(f"SYNTHETIC sample, ties touching {ctx.focal}: outside share {share:.4f} over placed ties")
    print(f"  dyadic-robust se {dyadic:.4f}   iid se {iid:.4f}")
    ind = headline_indicators(ctx.edges, ctx.actors, ctx.focal, ctx.centrality, end_year=ctx.years[1])
    for unit in ("actors", "patents"):
        ci = bootstrap_indicators(ctx.processed.applications, ctx.actors, ctx.focal, ctx.years, n=n, seed=1,
                                  observed=ind, unit=unit, n_jobs=1).set_index("indicator")
        print(f"  {unit:8s} bootstrap sd {ci.loc['outside_all', 'se']:.4f} ({n} samples, "
              f"{ci.attrs['bootstrap']['n_units']} units); betweenness share: estimate "
              f"{ci.loc['univ_share_betweenness', 'estimate']:.3f}, samples' mean "
              f"{ci.loc['univ_share_betweenness', 'boot_mean']:.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
