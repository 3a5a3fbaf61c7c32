"""Running the two partitioned steps on a ``dask.distributed`` cluster.

Both steps split into independent pieces whose results are simply added:

* edge building, partitioned **by patent** (pairs never cross patents): each partition
  builds its dyad-year sums with the in-process kernel and the partial sums are added;
* betweenness, partitioned **by source chunk** (Brandes' sum is additive over sources):
  each task computes one chunk's dependencies with igraph and the vectors are added.

Nothing is summed until every piece has arrived, so a failed or killed worker fails the
call with a message and never yields partial sums.  ``dask`` is optional
(``pip install "netanalysis[dask]"``); the workers need ``netanalysis`` installed too.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._errors import NetworkInputError

_SUMS = ["n_patents", "weight", "n_patents_3plus"]


def check_client(client: Any) -> None:
    """Refuse anything but a running ``dask.distributed.Client``."""
    status = getattr(client, "status", None)
    if status is None or not hasattr(client, "submit"):
        raise NetworkInputError(f"client={client!r} is not a dask.distributed.Client")
    if status != "running":
        raise NetworkInputError(
            f"the dask client is {status!r}, not running; create a new Client(...) (or reconnect) and retry"
        )


def is_dask_frame(obj: Any) -> bool:
    """True for a dask DataFrame (without importing dask when it is not installed)."""
    return type(obj).__module__.startswith("dask") and hasattr(obj, "map_partitions")


def _chunk(kernel, state, batch) -> np.ndarray:
    return kernel(state, batch)


def map_on_cluster(client: Any, kernel, state, batches: list) -> list[np.ndarray]:
    """Per-batch betweenness sums ``kernel(state, batch)`` computed as dask tasks; the state
    (the topology and what the kernel needs with it) goes to every worker once."""
    check_client(client)
    try:
        # one object (a tuple would be scattered item by item); fresh keys: no clash with released ones
        s_f = client.scatter([state], broadcast=True, hash=False)[0]
        futures = [client.submit(_chunk, kernel, s_f, b, pure=False) for b in batches]
        return client.gather(futures)
    except Exception as e:
        raise NetworkInputError(
            f"betweenness on the dask cluster failed ({type(e).__name__}: {e}); no partial result "
            "was returned — check the workers (they need netanalysis installed) and retry"
        ) from e


def _partition_edges(pdf: pd.DataFrame, kwargs: dict) -> pd.DataFrame:
    from .network import edges

    region = kwargs.get("region")
    if region is not None and not pdf["region"].isin(region).any():
        pdf = pdf.iloc[0:0]  # no focal actor here: no tie of this partition can touch the region
        kwargs = {**kwargs, "region": None}
    out = edges(pdf, **kwargs)
    return out.astype({"u": object, "v": object})


def edges_on_cluster(ddf, client: Any, kwargs: dict) -> pd.DataFrame:
    """:func:`netanalysis.network.edges` over a dask DataFrame (see the module docstring)."""
    from .network import _check_columns, _parse_years, check_region_present, edges
    from .regions import normalise_region_code

    check_client(client)
    _check_columns(ddf, ["patent_id", "year", "applicant_id"], "applications")
    kwargs = dict(kwargs)
    try:
        # facts each partition cannot know alone: the first year (windows) and the regions present
        if kwargs.get("window") is not None and kwargs.get("years") is None:
            lo, hi = client.compute([ddf["year"].min(), ddf["year"].max()], sync=True)
            kwargs["years"] = (int(lo), int(hi))
        if kwargs.get("region") is not None:
            _check_columns(ddf, ["region"], "applications")
            focal = normalise_region_code(kwargs["region"])
            check_region_present(focal, set(client.compute(ddf["region"].unique(), sync=True)))
            kwargs["region"] = focal
        _parse_years(kwargs.get("years"))
        meta = edges(ddf._meta, **{**kwargs, "region": None}).astype({"u": object, "v": object})
        parts = ddf.shuffle(on="patent_id").map_partitions(_partition_edges, kwargs, meta=meta)
        partial = client.compute(parts, sync=True)
    except NetworkInputError:
        raise
    except Exception as e:
        raise NetworkInputError(
            f"edge building on the dask cluster failed ({type(e).__name__}: {e}); no partial result was returned"
        ) from e
    keys = ["u", "v", "year", *(["window_end"] if "window_end" in partial else [])]
    out = partial.groupby(keys, sort=False, as_index=False)[_SUMS].sum()
    out = out.sort_values(["year", "u", "v"], kind="stable").reset_index(drop=True)
    out = out[[*meta.columns]].astype(meta.dtypes.to_dict())
    out["u"], out["v"] = out["u"].astype(str), out["v"].astype(str)
    out.attrs = {"netanalysis": {**meta.attrs.get("netanalysis", {}), "backend": "dask",
                                 "region": kwargs.get("region") or []}}
    return out
