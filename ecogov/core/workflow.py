"""One workflow engine for every case type (complaints, penalty cases,
rectification items...): explicit transition tables checked before commit.

    WORKFLOW = Workflow(
        name="complaint",
        states=ComplaintStatus,            # a ChoiceSet
        field="status",
        transitions={
            ("received", "accepted"): Rule(roles={"officer", "district"}, requires=("accepted_note",)),
            ("accepted", "assigned"): Rule(roles={"officer"}, requires=("assignee",)),
        },
    )
    WORKFLOW.transition(obj, "accepted", actor=user, data={"accepted_note": "..."})

An illegal move raises ``IllegalTransition`` with a clear bilingual message;
the state change and its audit row are written in one transaction, and the
rule's ``on_commit`` hooks (notifications) run only after the commit.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from .audit import audit_record, validate
from .errors import IllegalTransition, PermissionRefused, ValidationFailed


@dataclass(frozen=True)
class Rule:
    """What a transition needs.

    roles: roles allowed to make the move (empty = any signed-in role with "change").
    requires: names of ``data`` keys that must be present and non-empty.
    guard: ``guard(obj, data) -> None`` raising a ``DomainError`` when the move is not allowed now.
    apply: ``apply(obj, data, actor) -> None`` setting the fields the move changes.
    after_commit: callables ``f(obj, actor)`` run after the transaction commits.
    not_future: names of ``data`` dates that record something done, so cannot be after today.
    fields: the step's inputs as form fields (``{"note": forms.CharField(...)}``); those named in
        ``requires`` are required. ``Workflow.steps`` turns them into the step's form, so templates
        never re-type what a step needs.
    """

    roles: frozenset[str] | set[str] = frozenset()
    requires: tuple[str, ...] = ()
    guard: Callable[[Any, dict], None] | None = None
    apply: Callable[[Any, dict, Any], None] | None = None
    after_commit: tuple[Callable[[Any, Any], None], ...] = ()
    not_future: tuple[str, ...] = ()
    label_zh: str = ""
    label_en: str = ""
    fields: Mapping[str, Any] = dc_field(default_factory=dict, hash=False, compare=False)

    @property
    def label(self) -> str:
        english = (get_language() or "zh").startswith("en")
        return (self.label_en if english else self.label_zh) or self.label_zh or self.label_en


@dataclass(frozen=True)
class Step:
    """A move the user may make now: target state, its label and the form of its inputs."""

    to: str
    rule: Rule
    label: str

    def form_class(self) -> type[forms.Form]:
        declared = {}
        for name, spec in self.rule.fields.items():
            f = copy.deepcopy(spec)
            f.required = name in self.rule.requires
            declared[name] = f
        return type("StepForm", (forms.Form,), declared)

    def form(self, data=None, **kwargs) -> forms.Form:
        return self.form_class()(data, prefix=kwargs.pop("prefix", self.to), **kwargs)


@dataclass
class Workflow:
    name: str
    states: Any  # a ChoiceSet subclass
    transitions: dict[tuple[str, str], Rule]
    field: str = "status"
    initial: str | None = None
    terminal: frozenset[str] = dc_field(default_factory=frozenset)

    def allowed(self, obj, actor=None) -> list[str]:
        """States reachable from ``obj``'s current state by ``actor`` (for buttons)."""
        current = getattr(obj, self.field)
        return [
            new
            for (old, new), rule in self.transitions.items()
            if old == current and (actor is None or self._role_ok(rule, actor))
        ]

    def steps(self, obj, actor) -> list[Step]:
        """The moves ``actor`` may make on ``obj`` now, each with its label and input form.

        Templates render these instead of re-typing states, roles and limits.
        """
        current = getattr(obj, self.field)
        out = []
        for new in self.allowed(obj, actor):
            rule = self.transitions[(current, new)]
            out.append(Step(new, rule, rule.label or self.states.label(new)))
        return out

    def step(self, obj, new: str, actor) -> Step | None:
        return next((s for s in self.steps(obj, actor) if s.to == new), None)

    @staticmethod
    def _role_ok(rule: Rule, actor) -> bool:
        if actor is None:
            return not rule.roles
        if getattr(actor, "is_superuser", False):
            return True
        return not rule.roles or getattr(actor, "role", None) in rule.roles

    def check(self, obj, new: str, actor, data: dict) -> Rule:
        """Return the rule for ``current -> new`` or raise a domain error."""
        current = getattr(obj, self.field)
        rule = self.transitions.get((current, new))
        if rule is None:
            raise IllegalTransition(
                "illegal_transition",
                f"不允许从“{self.states.label_zh(current)}”变更为“{self.states.label_zh(new)}”",
                f"Cannot move from '{self.states.label_en(current)}' to '{self.states.label_en(new)}'",
                detail={"workflow": self.name, "from": current, "to": new, "allowed": self.allowed(obj)},
            )
        if not self._role_ok(rule, actor):
            raise PermissionRefused({"workflow": self.name, "from": current, "to": new})
        missing = [k for k in rule.requires if data.get(k) in (None, "", [], {})]
        if missing:
            raise ValidationFailed(
                "missing_fields",
                f"此操作需要填写：{', '.join(missing)}",
                f"This step requires: {', '.join(missing)}",
                detail={"missing": missing},
            )
        self._check_not_future(rule, data)
        if rule.guard is not None:
            rule.guard(obj, data)
        return rule

    @staticmethod
    def _check_not_future(rule: Rule, data: dict) -> None:
        today = timezone.localdate()
        for key in rule.not_future:
            value = data.get(key)
            day = value.date() if isinstance(value, dt.datetime) else value
            if isinstance(day, dt.date) and day > today:
                raise ValidationFailed(
                    "future_date",
                    f"{key}：日期 {day} 晚于今天（{today}），已发生的事项不能填写将来的日期",
                    f"{key}: {day} is after today ({today}); a step already done cannot be dated in the future",
                    detail={"field": key, "errors": {key: {"zh": "日期不能晚于今天", "en": "date cannot be in the future"}}},
                )

    def transition(self, obj, new: str, *, actor, data: dict | None = None, note: str = ""):
        """Move ``obj`` to ``new``: check, apply, save, audit, then queue the hooks."""
        data = dict(data or {})
        with transaction.atomic():
            obj = type(obj).objects.select_for_update().get(pk=obj.pk)
            rule = self.check(obj, new, actor, data)
            old = getattr(obj, self.field)
            before = {k: getattr(obj, k, None) for k in data if hasattr(obj, k)}
            setattr(obj, self.field, new)
            if rule.apply is not None:
                rule.apply(obj, data, actor)
            validate(obj)
            obj.save()
            changes = {self.field: [old, new]}
            changes.update({k: [v, getattr(obj, k, None)] for k, v in before.items() if getattr(obj, k, None) != v})
            audit_record(actor=actor, obj=obj, event="transition", changes=changes, note=note or data.get("note", ""))
            for hook in rule.after_commit:
                transaction.on_commit(lambda hook=hook: hook(obj, actor))
        return obj

    def table(self) -> Iterable[tuple[str, str, Rule]]:
        """The transition table, for documentation pages and tests."""
        for (old, new), rule in self.transitions.items():
            yield old, new, rule
