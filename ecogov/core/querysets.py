"""One restricted read path: ``Model.objects.for_user(user, action)``.

Every read of a domain model goes through it, so pages, API, search, exports
and form choices cannot disagree (after NetBox ``RestrictedQuerySet``). A
model declares how it hangs on the jurisdiction tree and, optionally, on an
enterprise:

    jurisdiction_lookup = "jurisdiction"          # FK path to core.Jurisdiction, "" = self
    enterprise_lookup = "supervised_object"       # FK path to registry.SupervisedObject
    public_filter = {"published": True}            # optional: what anonymous users may read

Models with ``jurisdiction_lookup = None`` are city-wide reference data
readable by every signed-in user.
"""

from __future__ import annotations

from django.db import models

from .permissions import role_allows


class RestrictedQuerySet(models.QuerySet):
    def for_user(self, user, action: str = "view") -> RestrictedQuerySet:
        model = self.model
        if user is None or not user.is_authenticated:
            public = getattr(model, "public_filter", None)
            return self.filter(**public) if public is not None and action == "view" else self.none()
        if user.is_superuser:
            return self
        if not role_allows(user.role, action, model):
            return self.none()
        if user.role == "enterprise":
            return self._for_enterprise(user)
        return self._for_jurisdiction(user)

    def _for_enterprise(self, user) -> RestrictedQuerySet:
        lookup = getattr(self.model, "enterprise_lookup", None)
        if lookup is None or not getattr(user, "enterprise_id", None):
            return self.none()
        return self.filter(**{lookup: user.enterprise_id})

    def _for_jurisdiction(self, user) -> RestrictedQuerySet:
        lookup = getattr(self.model, "jurisdiction_lookup", "jurisdiction")
        if lookup is None:
            return self
        if user.jurisdiction_id is None:
            return self.none()
        path = user.jurisdiction.path
        field = f"{lookup}__path__startswith" if lookup else "path__startswith"
        return self.filter(**{field: path})

    def within(self, jurisdiction) -> RestrictedQuerySet:
        """Only the rows inside ``jurisdiction``'s subtree (``None``: unchanged).

        Narrows a restricted read (``for_user(user).within(district)``) to one
        area, e.g. a district's briefing read by a city officer; it never widens it.
        Models without a jurisdiction (city-wide reference data) are unchanged.
        """
        lookup = getattr(self.model, "jurisdiction_lookup", "jurisdiction")
        if jurisdiction is None or lookup is None:
            return self
        field = f"{lookup}__path__startswith" if lookup else "path__startswith"
        return self.filter(**{field: jurisdiction.path})
