"""What an inspection leads to, decided by the apps that own the consequences.

Supervision records an inspection and its findings. A problem to rectify opens
an item in the rectification ledger, a suspected violation a penalty case; those
records belong to apps that depend on supervision, not the other way round. Each
such app registers an ``OutcomeHandler`` here from its ``contributions.register()``::

    outcomes.handlers.add(outcomes.OutcomeHandler(
        "myapp", results=frozenset({"violation"}), handler="ecogov.myapp.services:open_from_inspection"))

``inspection_record`` calls the handlers of the inspection's result in their
order, inside its own transaction, so the inspection and what it opens are
written together or not at all (a handler's refusal undoes the inspection).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ecogov.core import contrib


def problem_text(point: str, note: str = "") -> str:
    """One non-compliant checklist point as the text of a problem: "point：note"."""
    return f"{point}：{note or ''}".strip("：")


@dataclass(frozen=True)
class InspectionOutcome:
    """What a handler receives: the saved inspection and what the officers found."""

    inspection: Any
    problems: tuple[dict, ...]  # the non-compliant findings: {"point", "note", ...}
    rectify_deadline: dt.date | None
    violation: str
    actor: Any

    @property
    def result(self) -> str:
        return self.inspection.result

    def problem_texts(self) -> list[str]:
        return [problem_text(f["point"], f.get("note", "")) for f in self.problems]

    @property
    def facts(self) -> str:
        """The suspected violation as the officers described it, else the problems found."""
        return self.violation or "；".join(self.problem_texts())


@dataclass(frozen=True)
class OutcomeHandler:
    """``handler(outcome: InspectionOutcome)`` runs for inspections whose result is in ``results``."""

    key: str
    results: frozenset[str]
    handler: contrib.Ref
    order: int = 100


handlers: contrib.Point[OutcomeHandler] = contrib.Point(
    "inspection_outcomes", OutcomeHandler, "What other apps open from an inspection's result.")


def dispatch(outcome: InspectionOutcome) -> None:
    """Run every handler registered for ``outcome.result``, in order."""
    for item in handlers:
        if outcome.result in item.results:
            contrib.resolve(item.handler)(outcome)
