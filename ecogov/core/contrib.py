"""Declared contribution points: how a domain app plugs into the platform.

Core owns a typed registry (a :class:`Point`) for each way an app can take
part: navigation items, portal links, home cards, related panels, API
routers, URL modules, Celery beat entries, demo loaders, map layers,
assessment indicators, briefing sections and clock sources. Each app fills
them in its ``AppConfig.ready()`` from one module of its own::

    # ecogov/<app>/apps.py
    class MyAppConfig(AppConfig):
        name = "ecogov.myapp"

        def ready(self):
            from . import contributions

            contributions.register()

    # ecogov/<app>/contributions.py
    from ecogov.core import contrib

    def register() -> None:
        contrib.urls.add(contrib.UrlModule("myapp/", "ecogov.myapp.urls", staff_only=True))
        contrib.api_routers.add(contrib.ApiRouter("/myapp/", "ecogov.myapp.api:router"))
        contrib.nav.add(contrib.NavItem("myapp:index", _("My app"), order=50))
        contrib.home_cards.add(contrib.HomeCards("myapp", "ecogov.myapp.selectors:home_cards"))

Core iterates the points and names no app (a test scans core for that).
Callables are given as ``"package.module:attribute"`` references and loaded
on first use (:func:`resolve`), so ``ready()`` stays cheap and imports
nothing heavy. Every contribution that reads data takes the ``user`` as its
first argument and reads through ``Model.objects.for_user(user)``; a test
calls each registered provider and checks that it does.

This module is the only place in the platform that loads modules by name.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Generic, TypeVar

#: Roles of the bureau's staff; enterprise accounts see their own file only.
STAFF = frozenset({"admin", "leader", "officer", "district", "street"})
EVERYONE = STAFF | {"enterprise"}

Ref = str | Callable[..., Any]


@cache
def _load(ref: str) -> Any:
    module, _, attr = ref.partition(":")
    loaded = importlib.import_module(module)
    return getattr(loaded, attr) if attr else loaded


def resolve(ref: Ref) -> Any:
    """The object behind a ``"package.module:attribute"`` reference, a module for ``"package.module"``,
    or ``ref`` itself when it is already an object."""
    return _load(ref) if isinstance(ref, str) else ref


T = TypeVar("T")


class Point(Generic[T]):
    """One contribution point: an ordered registry of items of one type, unique by key."""

    def __init__(self, name: str, kind: type[T], doc: str):
        self.name, self.kind, self.doc = name, kind, doc
        self._items: dict[str, T] = {}

    def add(self, *items: T) -> None:
        for item in items:
            if not isinstance(item, self.kind):
                raise TypeError(f"{self.name}: expected {self.kind.__name__}, got {type(item).__name__}")
            key = item.key  # type: ignore[attr-defined]
            if key in self._items and self._items[key] != item:
                raise ValueError(f"{self.name}: {key!r} is registered twice")
            self._items[key] = item

    def remove(self, key: str) -> None:
        self._items.pop(key, None)

    def __iter__(self) -> Iterator[T]:
        return iter(sorted(self._items.values(), key=lambda i: (i.order, i.key)))  # type: ignore[attr-defined]

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> T | None:
        return self._items.get(key)

    def __repr__(self) -> str:
        return f"<Point {self.name}: {len(self)} items>"


# ----------------------------------------------------------------------------- item types


@dataclass(frozen=True)
class NavItem:
    """A link in the top navigation, shown to ``roles`` (superusers see every link)."""

    url_name: str
    label: Any
    roles: frozenset[str] = STAFF
    order: int = 100

    @property
    def key(self) -> str:
        return self.url_name


@dataclass(frozen=True)
class PortalLink:
    """A link on the public portal's index page."""

    url_name: str
    label: Any
    order: int = 100

    @property
    def key(self) -> str:
        return self.url_name


@dataclass(frozen=True)
class UrlModule:
    """A URL module mounted at ``prefix``.

    ``public``: mounted inside the public portal (under its prefix) instead of the site root.
    ``staff_only``: pages closed to enterprise accounts (by the module's ``app_name``).
    """

    prefix: str
    module: str
    public: bool = False
    staff_only: bool = False
    order: int = 100

    @property
    def key(self) -> str:
        return f"{'public:' if self.public else ''}{self.module}"


@dataclass(frozen=True)
class ApiRouter:
    """A django-ninja ``Router`` mounted at ``/api<prefix>``."""

    prefix: str
    router: Ref
    order: int = 100

    @property
    def key(self) -> str:
        return self.prefix


@dataclass(frozen=True)
class BeatEntry:
    """A Celery beat schedule entry (``schedule`` as Celery takes it: seconds or a crontab)."""

    name: str
    task: str
    schedule: Any
    kwargs: dict = field(default_factory=dict, hash=False, compare=False)
    order: int = 100

    @property
    def key(self) -> str:
        return self.name

    def as_celery(self) -> dict[str, Any]:
        return {"task": self.task, "schedule": self.schedule, "kwargs": dict(self.kwargs)}


@dataclass(frozen=True)
class DemoLoader:
    """``load(ctx)`` builds this app's part of the demo city; loaders run by ``order``."""

    key: str
    load: Ref
    order: int = 100


@dataclass(frozen=True)
class HomeCards:
    """``provider(user) -> [{"label", "value", "url", "note"}]``: cards on the staff home page."""

    key: str
    provider: Ref
    order: int = 100


@dataclass(frozen=True)
class RelatedPanels:
    """``provider(user, obj) -> [{"title", "items": [{"url", "label", "note"}]}]``.

    Links to ``obj`` held by the contributing app, shown on ``obj``'s page, so a link
    between two apps is visible on both sides without either importing the other.
    """

    key: str
    provider: Ref
    order: int = 100


@dataclass(frozen=True)
class MapLayer:
    """``provider(user, **params) -> GeoJSON FeatureCollection`` for the one map."""

    key: str
    label: Any
    provider: Ref
    roles: frozenset[str] = STAFF
    group: str = ""
    order: int = 100


@dataclass(frozen=True)
class AssessmentIndicator:
    """An assessment indicator computed from the platform's own data.

    ``compute(user, *, jurisdiction, start, end) -> IndicatorValue``; ``direction`` is
    "higher" or "lower" (which way is better); below ``min_coverage`` (0..1) of the data
    the scorecard shows "insufficient data" instead of a score.
    """

    key: str
    label: Any
    unit: str
    direction: str
    compute: Ref
    min_coverage: float = 0.75
    order: int = 100


@dataclass(frozen=True)
class IndicatorValue:
    value: float | None
    coverage: float = 1.0
    detail: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class BriefingSection:
    """A section of the one-click briefings, for a period inside a jurisdiction.

    ``build(user, *, jurisdiction, start, end) -> dict`` reads ``user``'s data inside
    ``jurisdiction`` (``Model.objects.for_user(user).within(jurisdiction)``) for the
    dates ``start``..``end`` (both inclusive) and returns the dict described in
    :mod:`ecogov.core.briefing` (build it with ``briefing.section(...)``): a title,
    paragraphs whose ``{key}`` marks stand for figures, the figures (each with the
    rule, the rows and the page that produced it), tables, charts, the as-of time
    and the data coverage. A section whose app holds no data for the period says so
    (``empty``) and the document prints "no data", never a made-up number.

    ``public``: the section holds only figures the public may see (aggregate
    environmental quality, counts); the public bulletin takes only these.
    ``kinds``: document kinds that take it (empty: the general briefings, i.e. the monthly,
    quarterly and annual ones and the leader's brief; a bulletin of one subject, such as the
    rectification bulletin, takes the sections that name its kind, or, when none does, the
    section whose key is the kind's name).
    """

    key: str
    title: Any
    build: Ref
    order: int = 100
    public: bool = False
    kinds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ClockSource:
    """What has a deadline: ``provider(user, *, today, horizon_days) -> Iterable[Deadline]``.

    A source yields the open deadlines inside ``user``'s scope that are overdue or fall
    due within ``horizon_days`` of ``today``, so one page lists every kind of deadline.
    Each names in ``Deadline.owner_ids`` the staff accounts responsible for it, if any.
    """

    key: str
    label: Any
    provider: Ref
    order: int = 100


@dataclass(frozen=True)
class Deadline:
    """One open deadline, as a clock source reports it.

    ``owner`` names who holds it as people read it (an officer, a department, an enterprise);
    ``owner_ids`` are the staff accounts (User pks) who hold it: a complaint's assignee, the
    officers of a drawn inspection, a case's handler. It stays empty when only a unit holds
    the deadline. ``core.due_items(user, mine=True)`` keeps the deadlines ``user`` holds.
    """

    kind: str
    label: str
    due: dt.date
    url: str = ""
    owner: str = ""
    note: str = ""
    owner_ids: tuple[int, ...] = ()

    def held_by(self, user_pk: int | None) -> bool:
        """Whether the account ``user_pk`` is one of those who hold this deadline."""
        return user_pk is not None and user_pk in self.owner_ids

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days

    def state(self, today: dt.date) -> str:
        return "overdue" if today > self.due else "due_soon"


# ----------------------------------------------------------------------------- the points

nav = Point("nav", NavItem, "Links in the staff navigation bar, by role.")
portal_links = Point("portal_links", PortalLink, "Links on the public portal's index.")
urls = Point("urls", UrlModule, "URL modules: staff pages at the root, public pages inside the portal.")
api_routers = Point("api_routers", ApiRouter, "django-ninja routers mounted under /api/.")
beat = Point("beat", BeatEntry, "Celery beat schedule entries.")
demo_loaders = Point("demo_loaders", DemoLoader, "Parts of the demo city, loaded in order.")
home_cards = Point("home_cards", HomeCards, "Cards on the staff home page.")
related_panels = Point("related_panels", RelatedPanels, "Panels of links to an object held by other apps.")
map_layers = Point("map_layers", MapLayer, "Layers of the one map.")
indicators = Point("indicators", AssessmentIndicator, "Assessment indicators for scorecards.")
briefing_sections = Point("briefing_sections", BriefingSection, "Sections of one-click briefings.")
clock_sources = Point("clock_sources", ClockSource, "Kinds of deadline listed on the one due page.")

POINTS: tuple[Point, ...] = (
    nav, portal_links, urls, api_routers, beat, demo_loaders, home_cards, related_panels,
    map_layers, indicators, briefing_sections, clock_sources,
)

#: The points whose providers read data and therefore take the user first.
USER_PROVIDERS: dict[str, str] = {
    "home_cards": "provider",
    "related_panels": "provider",
    "map_layers": "provider",
    "indicators": "compute",
    "briefing_sections": "build",
    "clock_sources": "provider",
}


def get_point(name: str) -> Point:
    return next(p for p in POINTS if p.name == name)


def providers(point: Point) -> Iterator[tuple[Any, Callable[..., Any]]]:
    """``(item, callable)`` for each item of a data-reading point."""
    attr = USER_PROVIDERS[point.name]
    for item in point:
        yield item, resolve(getattr(item, attr))


def staff_only_namespaces() -> frozenset[str]:
    """URL namespaces closed to enterprise accounts."""
    return frozenset(getattr(resolve(m.module), "app_name", "") for m in urls if m.staff_only) - {""}
