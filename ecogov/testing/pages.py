"""Every page of every domain app, for the project-wide regression net
(DESIGN.md item 15, after NetBox ``utilities/testing``).

``routes()`` walks the URL resolver and returns each staff and public page;
``DemoCity`` loads the demo city (the apps' own demo loaders, on a reduced
scale) and picks, for a route and a role, a real object inside or outside the
account's scope; ``url_for`` fills the route's parameters from that object.

A new URL pattern with a parameter this module cannot fill fails loudly:
add it to ``PARAMS``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

#: Demo loaders' module constants lowered for the test data set (only those that exist are touched).
#: Exports read whole tables, so the big ones are cut to a few hundred rows.
REDUCED_SCALE = {
    "ecogov.monitoring.demo": {"DAYS": 62, "MICRO_STATIONS": 4},
    "ecogov.registry.demo": {"CLASS_COUNTS": {"A": 60, "B": 200, "C": 500}, "POSITIVE_LIST": 120,
                             "PERMITS": {"A": 60, "B": 120, "C": 40}, "KEY_MANAGEMENT_B": 50, "REGISTRATIONS": 700,
                             "LINKED_REGISTRATIONS": 300, "COMMITMENTS": 150},
    "ecogov.supervision.demo": {"OFFSITE_CHECKS": 400},
    "ecogov.complaints.demo": {"COUNTS": {"air": (124, 160), "noise": (76, 100), "water": (26, 28), "waste": (18, 17),
                                          "ecology": (9, 10), "radiation": (3, 3), "other": (18, 19)}},
}
DEMO_TODAY = dt.date(2026, 11, 20)

ROLES = ("admin", "leader", "officer", "district_a", "street_a", "enterprise", "anonymous")
#: Roles whose scope is narrower than the city: they get the "object outside my scope" case.
SCOPED_ROLES = ("district_a", "street_a", "enterprise")
USERNAMES = {"admin": "admin", "leader": "leader", "officer": "officer01", "district_a": "district1",
             "street_a": "street01"}
DISTRICT_A, DISTRICT_B, STREET_A = "369902", "369903", "369902001"

#: Non-domain pages: only "never a 5xx" is asserted.
MISC = {"set_language", "core:login", "core:logout", "core:password_change"}

#: URL name -> (model label, {parameter: attribute of the object, or a constant}).
#: Names missing here fall back to ``_guess_model`` (the path segment before the parameter ~ a model
#: name in the same app: ``plans/<int:pk>`` -> InspectionPlan).
PARAMS: dict[str, tuple[str, dict[str, Any]]] = {
    "core:history": ("registry.SupervisedObject", {"content_type_id": "__ct__", "object_id": "pk"}),
    "monitoring:section_detail": ("monitoring.WaterSection", {}),
    "monitoring:source_detail": ("monitoring.DrinkingWaterSource", {}),
    "monitoring:batch_detail": ("monitoring.IngestBatch", {}),
    "registry:permit_generate_reports": ("registry.Permit", {}),
    "registry:report_submit": ("registry.ExecutionReport", {}),
    "monitoring:warning_action": ("monitoring.PollutionWarning", {"action": "lift"}),
    "supervision:inspection_attachment": ("supervision.Inspection", {"att": 0}),
    "complaints:complaint_transition": ("complaints.Complaint", {"to": "accepted"}),
    "complaints:complaint_merge_into": ("complaints.Complaint", {"target": "pk"}),
    "complaints:complaint_penalty_case": ("complaints.Complaint", {}),
    "complaints:extension_decide": ("complaints.ComplaintExtension", {}),
    "complaints:reward_step": ("complaints.Reward", {"step": "approve"}),
    "outreach:openday_detail": ("outreach.OpenDayEvent", {}),
    "outreach:openday_attendance": ("outreach.OpenDayEvent", {}),
    "outreach:registrations_reveal": ("outreach.OpenDayEvent", {}),
    "complaints:category_edit": ("complaints.ComplaintCategory", {}),
    "portal:supervision_public:plan_results": ("supervision.InspectionPlan", {"code": "code"}),
    "portal:supervision_public:plan_snapshot": ("supervision.InspectionPlan", {"code": "code"}),
    "portal:complaints_public:done": ("complaints.Complaint", {"code": "tracking_code"}),
    "portal:outreach_public:openday_register": ("outreach.OpenDayEvent", {}),
    "open311:discovery": ("", {"fmt": "json"}),
    "open311:services": ("", {"fmt": "json"}),
    "open311:service_definition": ("complaints.ComplaintCategory", {"code": "code", "fmt": "json"}),
    "open311:requests": ("", {"fmt": "json"}),
    "open311:request_detail": ("complaints.Complaint", {"request_id": "tracking_code", "fmt": "json"}),
    "open311:token_detail": ("", {"token": "0", "fmt": "json"}),
    "inventory:source_detail": ("inventory.Source", {}),
    "inventory:check_add": ("inventory.Source", {}),
    "inventory:mobile_run_detail": ("inventory.MobileRun", {}),
    "thirdparty:station_detail": ("thirdparty.Station", {}),
    "thirdparty:line_create": ("thirdparty.Station", {}),
    "thirdparty:hit_detail": ("thirdparty.FraudHit", {}),
    "thirdparty:hit_dismiss": ("thirdparty.FraudHit", {}),
    "thirdparty:hit_refer": ("thirdparty.FraudHit", {}),
    "thirdparty:hit_punished": ("thirdparty.FraudHit", {}),
    "thirdparty:duty_detail": ("thirdparty.DustResponsibility", {}),
    "thirdparty:duty_inspect": ("thirdparty.DustResponsibility", {}),
    "thirdparty:duty_review": ("thirdparty.DustResponsibility", {}),
    "thirdparty:truck_detail": ("thirdparty.MuckTruck", {}),
    "emergency:incident_detail": ("emergency.Incident", {}),
    "emergency:incident_move": ("emergency.Incident", {"to": "on_site"}),
    "emergency:drill_detail": ("emergency.Drill", {}),
    "emergency:finding_raise": ("emergency.DrillFinding", {}),
    "emergency:action_detail": ("emergency.ControlAction", {}),
    "emergency:action_move": ("emergency.ControlAction", {"to": "issued"}),
    "emergency:target_add": ("emergency.ControlAction", {}),
    "emergency:targets_from_list": ("emergency.ControlAction", {}),
    "emergency:compliance_add": ("emergency.ControlTarget", {}),
    "emergency:compliance_raise": ("emergency.ComplianceCheck", {}),
    "emergency:plan_detail": ("emergency.EmergencyPlan", {}),
    "emergency:plan_edit": ("emergency.EmergencyPlan", {}),
    "emergency:plan_version_new": ("emergency.EmergencyPlan", {}),
    "emergency:campaign_import": ("emergency.HazardCampaign", {}),
    "emergency:reduction_plan_detail": ("emergency.ReductionPlan", {}),
    "emergency:reduction_plan_edit": ("emergency.ReductionPlan", {}),
    "emergency:reduction_follow_up": ("emergency.ReductionPlan", {}),
    "emergency:ozone_detail": ("emergency.OzoneList", {}),
    "emergency:ozone_entry_new": ("emergency.OzoneList", {}),
    "emergency:ozone_round_new": ("emergency.OzoneList", {}),
    "emergency:ozone_check_new": ("emergency.OzoneRound", {}),
    "dashboard:layer": ("", {"key": "boundaries"}),
    "dashboard:rings": ("monitoring.Station", {}),
    "portal:dashboard_public:layer": ("", {"key": "boundaries"}),
    "assessment:result": ("assessment.ScorecardResult", {}),
    "assessment:correction_new": ("assessment.ScorecardResult", {}),
    "assessment:correction_decide": ("assessment.DataCorrection", {"decision": "reject"}),
    "reports:briefing_docx": ("reports.Briefing", {}),
    "reports:briefing_pdf_file": ("reports.Briefing", {}),
    "reports:briefing_chart": ("reports.Briefing", {"key": "air", "n": 0}),
    "reports:type_edit": ("reports.BriefingType", {"kind": "kind"}),
    "reports:type_template": ("reports.BriefingType", {"kind": "kind"}),
    "portal:reports_public:bulletin_detail": ("reports.Briefing", {}),
    "portal:reports_public:bulletin_docx": ("reports.Briefing", {}),
    "portal:reports_public:bulletin_pdf": ("reports.Briefing", {}),
    "rectification:item_move": ("rectification.RectificationItem", {"to": "accepted"}),
    "rectification:batch_detail": ("rectification.Batch", {}),
    "rectification:batch_import": ("rectification.Batch", {}),
    "rectification:problem_add": ("rectification.Batch", {}),
    "rectification:unit": ("core.Jurisdiction", {"code": "code"}),
}
#: Default attribute for a parameter name.
PARAM_ATTRS = {"pk": "pk", "code": "code"}


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name
    regex: str  # full pattern, for messages
    params: tuple[str, ...]
    public: bool

    @property
    def app(self) -> str:
        return self.name.split(":")[0]


def _walk(resolver, prefix="", ns=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p, prefix + str(p.pattern), ns + (f"{p.namespace}:" if p.namespace else ""))
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + str(p.pattern), ns + p.name, p


def routes() -> list[Route]:
    """Every named page outside /admin/ and /api/, in resolver order (stable across xdist workers)."""
    out, seen = [], set()
    for pattern, name, _p in _walk(get_resolver()):
        if pattern.startswith(("admin/", "api/")) or name in seen:
            continue
        seen.add(name)
        found = re.findall(r"\(\?P<(\w+)>", pattern) or re.findall(r"<(?:\w+:)?(\w+)>", pattern)
        params = tuple(dict.fromkeys(found))
        out.append(Route(name, pattern, params, public=pattern.startswith(("public/", "open311/"))))
    return out


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _guess_model(route: Route):
    """``registry/objects/<int:pk>/edit/`` -> the registry model whose snake name ends in ``object``."""
    before = re.split(r"<|\(\?P", route.regex, maxsplit=1)[0].rstrip("/^").rsplit("/", 1)[-1]
    noun = re.sub(r"ies$", "y", before)
    noun = re.sub(r"s$", "", noun).replace("-", "_")
    app = route.app if route.app in settings.DOMAIN_APPS else ""
    if not app or not noun:
        return None
    candidates = [m for m in apps.get_app_config(app).get_models() if _snake(m.__name__).endswith(noun)]
    return candidates[0] if len(candidates) == 1 else None


def route_model(route: Route):
    """The model whose object fills ``route``'s parameters (None for parameterless routes)."""
    if not route.params:
        return None
    label = PARAMS[route.name][0] if route.name in PARAMS else None
    if label == "":
        return None
    model = apps.get_model(label) if label else _guess_model(route)
    if model is None:
        raise LookupError(f"cannot fill {route.name} ({route.regex}): add it to ecogov.testing.pages.PARAMS")
    return model


@contextmanager
def reduced_scale():
    saved = []
    for module_name, values in REDUCED_SCALE.items():
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        for attr, value in values.items():
            if hasattr(module, attr):
                saved.append((module, attr, getattr(module, attr)))
                setattr(module, attr, value)
    try:
        yield
    finally:
        for module, attr, value in saved:
            setattr(module, attr, value)


def load_demo() -> None:
    """The demo city through every contributed demo loader (as ``ecogov demo load``), reduced."""
    from ecogov.core.demo import DemoContext, load_city

    with reduced_scale():
        load_city(DemoContext(seed=settings.DEMO_SEED, today=DEMO_TODAY))


@dataclass
class DemoCity:
    """The loaded city: accounts by role and the objects each route is tried with."""

    users: dict[str, Any] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    enterprise_id: int | None = None
    _objects: dict[tuple, Any] = field(default_factory=dict)

    @classmethod
    def build(cls) -> DemoCity:
        from ecogov.core.models import Jurisdiction, User

        city = cls()
        city.users = {role: User.objects.get(username=u) for role, u in USERNAMES.items()}
        ent = User.objects.filter(role="enterprise", enterprise__isnull=False).order_by("username").first()
        city.users["enterprise"] = ent
        city.enterprise_id = ent.enterprise_id if ent else None
        city.paths = {k: Jurisdiction.objects.get(code=c).path
                      for k, c in (("a", DISTRICT_A), ("b", DISTRICT_B), ("street_a", STREET_A))}
        return city

    def object_for(self, model, role: str, inside: bool):
        """An object of ``model`` inside (or outside) ``role``'s scope, or None if the city has none.

        Inside: in street A (so every role may see it) or, for the enterprise, its own.
        Outside: in district B or, for the enterprise, another enterprise's in the same district.
        """
        return self.pick(model, role, inside)[0]

    def pick(self, model, role: str, inside: bool) -> tuple[Any, bool]:
        """``(object, sure)``: ``sure`` is False when no object inside the scope exists and another was taken."""
        key = (model._meta.label, role == "enterprise", inside)
        if key not in self._objects:
            self._objects[key] = self._find(model, role == "enterprise", inside)
        return self._objects[key]

    def foreign_names(self, role: str) -> list[str]:
        """Names of supervised objects outside ``role``'s scope that no object inside it shares.

        A page or export shown to ``role`` that contains one of them leaks another scope's data.
        """
        key = ("foreign", role)
        if key not in self._objects:
            from ecogov.registry.models import SupervisedObject

            rows = list(SupervisedObject.objects.values_list("pk", "name", "jurisdiction__path"))
            if role == "enterprise":
                inside = {name for pk, name, _ in rows if pk == self.enterprise_id}
                outside = {name for pk, name, _ in rows if pk != self.enterprise_id}
            else:
                scope = self.users[role].jurisdiction.path
                inside = {name for _, name, path in rows if path.startswith(scope)}
                outside = {name for _, name, path in rows if not path.startswith(scope)}
            self._objects[key] = sorted(n for n in outside - inside if len(n) >= 4)
        return self._objects[key]

    def leaks(self, role: str, text: str) -> list[str]:
        """The foreign names (see ``foreign_names``) found in ``text``; empty for city-wide roles."""
        if role not in SCOPED_ROLES:
            return []
        return [n for n in self.foreign_names(role) if n in text]

    def public_object(self, model):
        """An object of ``model`` anonymous users may read (its ``public_filter``), else the first one."""
        key = (model._meta.label, "public")
        if key not in self._objects:
            qs = model._default_manager.order_by("pk")
            public = qs.for_user(None) if getattr(model, "public_filter", None) is not None else qs
            self._objects[key] = public.first() or qs.first()
        return self._objects[key]

    def _find(self, model, enterprise: bool, inside: bool) -> tuple[Any, bool]:
        qs = model._default_manager.order_by("pk")
        jlookup = getattr(model, "jurisdiction_lookup", None)
        elookup = getattr(model, "enterprise_lookup", None)
        jfield = f"{jlookup}__path__startswith" if jlookup else "path__startswith"
        if enterprise and elookup:
            own = qs.filter(**{elookup: self.enterprise_id})
            if inside:
                return own.first(), True
            others = qs.exclude(**{elookup: self.enterprise_id})
            return others.filter(**{jfield: self.paths["a"]}).first() or others.first(), True
        if jlookup is None:
            return (qs.first(), not enterprise) if inside else (None, True)
        if inside:
            obj = qs.filter(**{jfield: self.paths["street_a"]}).first()
            return (obj, not enterprise) if obj is not None else (qs.first(), False)
        return qs.filter(**{jfield: self.paths["b"]}).first(), True


def scoped(model) -> bool:
    """True when ``model``'s objects belong to a jurisdiction or an enterprise (not city-wide reference data)."""
    return model is not None and (getattr(model, "jurisdiction_lookup", None) is not None
                                  or getattr(model, "enterprise_lookup", None) is not None)


def uses_constants(route: Route) -> bool:
    """True when some parameter of ``route`` is a made-up constant (so a 404 may be right)."""
    spec = PARAMS.get(route.name, ("", {}))[1]
    return any(v not in ("pk", "code", "tracking_code", "__ct__") for v in spec.values())


def url_for(route: Route, obj) -> str:
    """The route's URL with its parameters taken from ``obj`` (or the constants of ``PARAMS``)."""
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    spec = PARAMS.get(route.name, ("", {}))[1]
    kwargs = {}
    for param in route.params:
        source = spec.get(param, PARAM_ATTRS.get(param))
        if source == "__ct__":
            kwargs[param] = ContentType.objects.get_for_model(obj).pk
        elif isinstance(source, str) and obj is not None and hasattr(obj, source):
            kwargs[param] = getattr(obj, source)
        elif source is not None:
            kwargs[param] = source
        else:
            raise LookupError(f"cannot fill <{param}> of {route.name}: add it to ecogov.testing.pages.PARAMS")
    return reverse(route.name, kwargs=kwargs)


def guess_model(app: str, path_before_param: str):
    """The model of ``app`` named by the path segment before a parameter (``.../plans/{pk}``)."""
    return _guess_model(Route(f"{app}:x", path_before_param + "<x>", ("x",), public=False))
