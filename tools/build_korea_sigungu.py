"""Build ``netanalysis/_data/kr_sigungu.csv``: Korea's si/gun/gu (시군구) under their sido.

Run once by a maintainer; the package only reads the CSV this writes.

Source
------
Statistics Korea (KOSTAT) SGIS boundaries of 2018, as published in
github.com/southkorea/southkorea-maps (``kostat/2018/json/skorea-municipalities-2018-topo-simple.json``,
collected 2018-12-24), licensed under the Korea Open Government Licence Type 1 (공공누리 제1유형:
free reuse with attribution).  Used here: each unit's KOSTAT code, Korean and English name,
and its area-weighted centroid (for maps).  No boundary is shipped.

Changes made
------------
* The general districts (일반구) of large cities (수원시 장안구 …, 포항시 남구 …) are merged into
  their city: the si/gun/gu level is the one of local government.
* English names follow the Revised Romanization with a hyphenated suffix (``Hwaseongsi`` →
  ``Hwaseong-si``); the source's wrong name for 철원군 (``Gongju-si``) is corrected to
  ``Cheorwon-gun``.
* Renamings after 2018 are added as aliases (인천 남구 → 미추홀구, Michuhol-gu, 2018-07-01).
* Gunwi-gun (군위군) appears twice: under Gyeongbuk until 2023-06-30 and under Daegu from
  2023-07-01 (``valid_from`` / ``valid_to``, years).
* Codes are ``<ISO 3166-2 sido>-<English name>`` (``KR-47-Gumi-si``): readable, stable
  across KOSTAT's renumberings; ``kostat_code`` keeps the source's number.

Usage::

    python tools/build_korea_sigungu.py /path/to/skorea-municipalities-2018-topo-simple.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "netanalysis" / "_data" / "kr_sigungu.csv"
# KOSTAT's two-digit sido numbers -> ISO 3166-2:KR
KOSTAT_SIDO = {"11": "KR-11", "21": "KR-26", "22": "KR-27", "23": "KR-28", "24": "KR-29",
               "25": "KR-30", "26": "KR-31", "29": "KR-50", "31": "KR-41", "32": "KR-42",
               "33": "KR-43", "34": "KR-44", "35": "KR-45", "36": "KR-46", "37": "KR-47",
               "38": "KR-48", "39": "KR-49"}
CITY_EN = {"수원시": "Suwon-si", "성남시": "Seongnam-si", "안양시": "Anyang-si", "안산시": "Ansan-si",
           "고양시": "Goyang-si", "용인시": "Yongin-si", "청주시": "Cheongju-si", "천안시": "Cheonan-si",
           "전주시": "Jeonju-si", "포항시": "Pohang-si", "창원시": "Changwon-si"}
FIXES = {"철원군": "Cheorwon-gun", "광주시": "Gwangju-si"}
EXTRA_ALIASES = {("KR-28", "남구"): ["미추홀구", "Michuhol-gu", "Michuhol"]}


def _rings(topo: dict) -> list[tuple[dict, list[np.ndarray]]]:
    scale, translate = np.array(topo["transform"]["scale"]), np.array(topo["transform"]["translate"])
    arcs = []
    for arc in topo["arcs"]:
        pts = np.cumsum(np.array(arc, dtype=float), axis=0)
        arcs.append(pts * scale + translate)

    def ring(idx: list[int]) -> np.ndarray:
        parts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in idx]
        return np.concatenate(parts)

    out = []
    for geom in next(iter(topo["objects"].values()))["geometries"]:
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        out.append((geom["properties"], [ring(p[0]) for p in polys]))  # outer rings
    return out


def _centroid(rings: list[np.ndarray]) -> tuple[float, float, float]:
    a_sum = cx = cy = 0.0
    for r in rings:
        x, y = r[:, 0], r[:, 1]
        cross = x * np.roll(y, -1) - np.roll(x, -1) * y
        a = cross.sum() / 2
        if a == 0:
            continue
        cx += ((x + np.roll(x, -1)) * cross).sum() / 6
        cy += ((y + np.roll(y, -1)) * cross).sum() / 6
        a_sum += a
    return cx / a_sum, cy / a_sum, abs(a_sum)


def _english(name_ko: str, name_en: str) -> str:
    if name_ko in FIXES:
        return FIXES[name_ko]
    name_en = name_en.strip()
    m = re.fullmatch(r"([A-Za-z]+?)(si|gun|gu)", name_en)
    if "-" not in name_en and m:
        return f"{m.group(1)}-{m.group(2)}"
    return name_en


def main(src: str) -> None:
    topo = json.loads(Path(src).read_text(encoding="utf-8"))
    rows = []
    for props, rings in _rings(topo):
        code, ko = props["code"], props["name"]
        sido = KOSTAT_SIDO[code[:2]]
        if sido == "KR-50":  # Sejong has no si/gun/gu
            continue
        city = re.match(r"^(\S+?시)(\S+구)$", ko)
        if city:  # a general district: merged into its city
            ko, en, code = city.group(1), CITY_EN[city.group(1)], code[:4] + "0"
        else:
            en = _english(ko, props["name_eng"])
        x, y, area = _centroid(rings)
        rows.append({"sido": sido, "name_ko": ko, "name_en": en, "kostat_code": code,
                     "x": x * area, "y": y * area, "area": area})
    t = pd.DataFrame(rows).groupby(["sido", "name_ko", "name_en", "kostat_code"], as_index=False).sum()
    t["lon"] = (t["x"] / t["area"]).round(4)
    t["lat"] = (t["y"] / t["area"]).round(4)
    t["valid_from"], t["valid_to"] = pd.NA, pd.NA
    gunwi = t["name_ko"] == "군위군"
    t.loc[gunwi, "valid_to"] = 2023
    moved = t[gunwi].assign(sido="KR-27", valid_from=2023, valid_to=pd.NA)
    t = pd.concat([t, moved], ignore_index=True)
    t["code"] = t["sido"] + "-" + t["name_en"]
    t["aliases"] = [
        "|".join(dict.fromkeys([ko, *EXTRA_ALIASES.get((s, ko), [])]))
        for s, ko in zip(t["sido"], t["name_ko"], strict=True)
    ]
    assert t["code"].is_unique, t[t["code"].duplicated(keep=False)]
    t = t.sort_values(["sido", "kostat_code", "valid_from"], na_position="first")
    cols = ["code", "sido", "name_en", "name_ko", "kostat_code", "lat", "lon", "valid_from", "valid_to", "aliases"]
    t[cols].to_csv(OUT, index=False)
    print(f"wrote {len(t)} si/gun/gu to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
