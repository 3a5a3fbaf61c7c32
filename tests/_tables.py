"""Hand-made report tables shared by the null-model and bootstrap tests (SYNTHETIC by construction)."""

from __future__ import annotations

import pandas as pd


def make(patents: list[tuple[str, list[str], int]], actors: dict[str, tuple[str, str]]):
    """(applications, actors) from hand-made patents and actors ``id -> (type, region)``."""
    apps = pd.DataFrame([{"patent_id": p, "applicant_id": a, "year": y, "region": actors[a][1]}
                         for p, who, y in patents for a in who])
    act = pd.DataFrame({"applicant_id": list(actors), "actor_type": [t for t, _ in actors.values()],
                        "region": [r for _, r in actors.values()], "country": "KR",
                        "name": list(actors)})
    return apps, act


T = "KR-27"


def _universities(n_uu: int, n_us: int):
    """Three universities: ``n_uu`` patents among them, ``n_us`` each with a distinct SME."""
    act = {f"U{i}": ("university", T) for i in range(3)}
    pats = [(f"uu{k}", [f"U{k % 3}", f"U{(k + 1) % 3}"], 2010 + k % 5) for k in range(n_uu)]
    for i in range(3):
        for k in range(n_us):
            act[f"s{i}_{k}"] = ("sme", T)
            pats.append((f"us{i}_{k}", [f"U{i}", f"s{i}_{k}"], 2010 + k % 5))
    return make(pats, act)
