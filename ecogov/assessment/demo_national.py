"""Demo comparison figures of the 168 key cities nationwide (全国168个重点城市): 167 other cities whose
composite index this year and last year puts this city 7th this year and 40th a year before
(up 33 places), drawn from their own generator so that no other demo figure changes."""

from __future__ import annotations

import random

from .models import PeerCityAir

N_CITIES = 168
RANK_NOW = 7
RANK_BEFORE = 40  # 40 -> 7: up 33 places
SEED = 168_033
FIRST = "安宝滨昌辰丹德东恩福广海禾衡华嘉江金锦静康兰乐临龙鹿明南宁平蒲青庆荣瑞三沙泰天通"
SECOND = "山阳州江宁平源川安城河门溪兴原"
MARGIN = 0.03  # every peer differs from this city by at least this much (two decimals: no ties)


def city_names(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    """``n`` distinct invented city names not in ``taken``."""
    names = [f"{a}{b}市" for a in FIRST for b in SECOND if a != b]
    rng.shuffle(names)
    return [x for x in names if x not in taken][:n]


def peer_composites(rng: random.Random, own: float, better: int, n: int) -> list[float]:
    """``n`` composite indices of which exactly ``better`` lie below ``own`` (lower is better) and the
    others above it, each at least ``MARGIN`` away and rounded to two decimals, in random order."""
    low = [round(rng.uniform(own * 0.7, own - MARGIN), 2) for _ in range(better)]
    high = [round(rng.uniform(own + MARGIN, own * 1.9), 2) for _ in range(n - better)]
    values = low + high
    rng.shuffle(values)
    return values


def rows(*, year: int, month: int, now: float, before: float, taken: set[str]) -> list[PeerCityAir]:
    """Peer rows for every month of ``year`` and ``year - 1``. Through ``month`` (the demo's month) the
    ranks are exact; the other months scale the same cities by a small seasonal factor."""
    rng = random.Random(SEED)
    names = city_names(rng, N_CITIES - 1, taken)
    out = []
    for y, own, better in ((year, now, RANK_NOW - 1), (year - 1, before, RANK_BEFORE - 1)):
        values = peer_composites(rng, own, better, len(names))
        for m in range(1, 13):
            season = 1.0 if m == month else 1 + 0.03 * ((m % 6) - 3) / 3
            for name, c in zip(names, values, strict=True):
                v = round(c * season, 2)
                out.append(PeerCityAir(group="national", year=y, month=m, city=name, composite=v, pm25=round(v * 8.4),
                                       good_ratio=round(min(99.5, 100 - (v - 2.5) * 6), 1),
                                       source="生态环境部168个重点城市空气质量通报"))
    return out


def load(*, year: int, month: int, now: float, before: float, taken: set[str]) -> int:
    return len(PeerCityAir.objects.bulk_create(rows(year=year, month=month, now=now, before=before, taken=taken)))
