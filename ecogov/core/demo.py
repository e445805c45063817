"""Demo city (示范市): jurisdictions, departments and staff accounts.

Every app contributes a demo loader (``core.contrib.demo_loaders``);
``load_city`` runs them in their order with one shared, seeded ``DemoContext``,
each in its own transaction, so the whole city is the same on every machine.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from . import contrib
from .models import Department, Jurisdiction, User

DEMO_PASSWORD = "ecogov-demo"
CITY_CODE = "369900"
CITY_NAME = "示范市"
CITY_BBOX = (115.70, 28.50, 116.10, 28.90)  # lon_min, lat_min, lon_max, lat_max [degrees, WGS-84]
DISTRICTS = [
    ("369902", "清湖区"), ("369903", "青云区"), ("369904", "西山区"), ("369905", "新港区"), ("369906", "高新区"),
]
STREETS_PER_DISTRICT = 4
GRIDS_PER_STREET = 3
STREET_NAMES = ["城关街道", "河东街道", "滨江镇", "工业园街道", "岗上镇", "桥头街道"]
DEPARTMENTS = [
    ("ENV-OFFICE", "办公室", True), ("ENV-AIR", "大气环境科", True), ("ENV-WATER", "水生态环境科", True),
    ("ENV-SOIL", "土壤与固废科", True), ("ENV-LAW", "法规与执法科", True), ("ENV-ENF", "生态环境保护综合执法支队", True),
    ("ENV-MON", "生态环境监测站", True), ("ENV-PERMIT", "环评与排污许可科", True),
    ("HOUSING", "市住房和城乡建设局", False), ("URBAN", "市城市管理局", False), ("TRAFFIC", "市公安局交通管理局", False),
    ("WATER", "市水利局", False), ("NATURAL", "市自然资源局", False), ("AGRI", "市农业农村局", False),
]
OFFICERS = 40
DEMO_ACCOUNTS = (
    "admin (superuser), leader (bureau leader), officer01..officer40 (enforcement officers), "
    "district1..district5 (district staff), street01..street20 (street/grid staff), ent0001.. (enterprises)"
)


#: ``ctx.data`` key of a live demo (``demo load --live``; any loader may honour it): the last hour (aware,
#: on the hour) the time series reach. Unset, they end with the anchor day (``ctx.today``).
LIVE_UNTIL = "live_until"


def last_day(ctx: DemoContext) -> dt.date:
    """The last day the demo's series reach: in a live demo the day of ``LIVE_UNTIL``'s hour (an hour is
    named by its end, so the hour ending at midnight belongs to the day before), else the anchor day."""
    until = ctx.data.get(LIVE_UNTIL)
    if until is None:
        return ctx.today
    return max(ctx.today, (timezone.localtime(until) - dt.timedelta(hours=1)).date())


@dataclass
class DemoContext:
    """Shared state of one demo load: the seeded RNG, the anchor date and what apps created."""

    seed: int
    today: dt.date
    stdout: Any = None
    rng: random.Random = field(init=False)
    data: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        self.rng = random.Random(self.seed)

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)


def _rect(lon0: float, lat0: float, lon1: float, lat1: float) -> dict:
    ring = [[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}


def _node(code, name, level, parent, box) -> Jurisdiction:
    j = Jurisdiction(code=code, name=name, level=level, parent=parent, boundary=_rect(*box))
    j.centroid_lon, j.centroid_lat = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    j.save()
    return j


def build_jurisdictions() -> dict[str, list[Jurisdiction]]:
    """City > 5 districts (vertical strips) > 4 streets > 3 grid cells, as rectangles."""
    lon0, lat0, lon1, lat1 = CITY_BBOX
    city = _node(CITY_CODE, CITY_NAME, "city", None, CITY_BBOX)
    out: dict[str, list[Jurisdiction]] = {"city": [city], "district": [], "street": [], "grid": []}
    dw = (lon1 - lon0) / len(DISTRICTS)
    for i, (code, name) in enumerate(DISTRICTS):
        dbox = (lon0 + i * dw, lat0, lon0 + (i + 1) * dw, lat1)
        district = _node(code, name, "district", city, dbox)
        out["district"].append(district)
        sh = (lat1 - lat0) / STREETS_PER_DISTRICT
        for s in range(STREETS_PER_DISTRICT):
            sbox = (dbox[0], lat0 + s * sh, dbox[2], lat0 + (s + 1) * sh)
            street = _node(f"{code}{s + 1:03d}", f"{name[:-1]}{STREET_NAMES[s]}", "street", district, sbox)
            out["street"].append(street)
            gw = (sbox[2] - sbox[0]) / GRIDS_PER_STREET
            for g in range(GRIDS_PER_STREET):
                gbox = (sbox[0] + g * gw, sbox[1], sbox[0] + (g + 1) * gw, sbox[3])
                out["grid"].append(_node(f"{street.code}{g + 1:03d}", f"{street.name}第{g + 1}网格", "grid", street, gbox))
    return out


def build_users(ctx: DemoContext, tree: dict[str, list[Jurisdiction]]) -> dict[str, Any]:
    """Staff accounts for every role; one password hash shared (hashing is slow)."""
    city = tree["city"][0]
    pw = make_password(DEMO_PASSWORD)
    depts = {
        code: Department.objects.create(code=code, name=name, is_bureau_division=bureau, jurisdiction=city)
        for code, name, bureau in DEPARTMENTS
    }
    users = [
        User(username="admin", full_name="系统管理员", role="admin", jurisdiction=city, is_superuser=True, is_staff=True),
        User(username="leader", full_name="王局长", role="leader", jurisdiction=city),
    ]
    surnames = "李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
    givens = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
    for i in range(OFFICERS):
        start = ctx.today - dt.timedelta(days=ctx.rng.randint(200, 1500))
        end = ctx.today + dt.timedelta(days=ctx.rng.randint(-60, 1200))
        users.append(User(
            username=f"officer{i + 1:02d}", role="officer", jurisdiction=city, department=depts["ENV-ENF"],
            full_name=surnames[i % len(surnames)] + givens[(i * 7) % len(givens)] + givens[(i * 3 + 1) % len(givens)],
            cert_no=f"36{i + 1:06d}", cert_valid_from=start, cert_valid_to=end,
        ))
    for n, district in enumerate(tree["district"], start=1):
        users.append(User(username=f"district{n}", full_name=f"{district.name}工作人员", role="district", jurisdiction=district))
    for n, street in enumerate(tree["street"], start=1):
        users.append(User(username=f"street{n:02d}", full_name=f"{street.name}网格员", role="street", jurisdiction=street))
    for u in users:
        u.password = pw
    User.objects.bulk_create(users)
    return {"departments": depts, "password": DEMO_PASSWORD}


def load(ctx: DemoContext) -> None:
    tree = build_jurisdictions()
    ctx.data["jurisdictions"] = tree
    ctx.data.update(build_users(ctx, tree))
    ctx.log(f"  jurisdictions: {sum(len(v) for v in tree.values())}, users: {User.objects.count()}")


def load_city(ctx: DemoContext, only: set[str] | frozenset[str] = frozenset()) -> None:
    """Run every contributed demo loader (or only those named in ``only``; core's always runs)."""
    for item in contrib.demo_loaders:
        if only and item.key not in only and item.key != "core":
            continue
        started = time.monotonic()
        ctx.log(f"[demo] {item.key} ...")
        with transaction.atomic():
            contrib.resolve(item.load)(ctx)
        ctx.log(f"[demo] {item.key} done in {time.monotonic() - started:.1f} s")
