"""Staff pages for reference data: the editable category tree and open-day scheduling."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from ecogov.core.errors import DomainError

from . import catalog
from .models import ComplaintCategory, Facility, OpenDayEvent
from .perms import require_page as require
from .views import _load


class CategoryForm(forms.ModelForm):
    class Meta:
        model = ComplaintCategory
        fields = list(catalog.CATEGORY_FIELDS)


class EventForm(forms.Form):
    facility = forms.ModelChoiceField(label=_("Facility"), queryset=Facility.objects.none())
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=_("Title"), max_length=200)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].queryset = Facility.objects.for_user(user)


@login_required
def category_list(request, pk: int | None = None):
    """The category tree; admins edit a category or add one (the form below the tree)."""
    require(request.user, "view", ComplaintCategory)
    category = _load(request, pk, model=ComplaintCategory) if pk else None
    form = CategoryForm(request.POST or None, instance=category)
    can_manage = request.user.is_superuser or request.user.role == "admin"
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            catalog.category_save(category=category, data=form.cleaned_data, actor=request.user)
            return redirect("complaints:category_list")
        except DomainError as exc:
            form.add_error(None, exc.message)
    roots = ComplaintCategory.objects.filter(parent__isnull=True).prefetch_related("children", "children__department")
    return render(request, "complaints/category_list.html", {"roots": roots, "form": form, "category": category,
                                                             "can_manage": can_manage})


@login_required
def event_create(request):
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            e = catalog.event_create(actor=request.user, **form.cleaned_data)
            return redirect("complaints:openday_detail", pk=e.pk)
        except DomainError as exc:
            form.add_error(None, exc.message)
    require(request.user, "add", OpenDayEvent)
    return render(request, "complaints/event_form.html", {"form": form})
