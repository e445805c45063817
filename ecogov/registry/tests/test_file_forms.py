"""Forms posted from the tabs of the file page: saved through the services, errors shown."""

from django.urls import reverse

from ecogov.core.models import AuditLog
from ecogov.registry.models import CleanerProductionAudit, Commitment, Permit


def test_commitment_audit_and_permit_forms(obj_a, officer, client_for):
    client = client_for(officer)
    r = client.post(reverse("registry:commitment_add", args=[obj_a.pk]), {"signed_date": "2026-03-01"})
    assert r.status_code == 302 and r["Location"].endswith("?tab=commitments")
    client.post(reverse("registry:cp_audit_add", args=[obj_a.pk]),
                {"year": "2026", "low_cost_measures": "35", "high_cost_measures": "5"})
    client.post(reverse("registry:permit_add", args=[obj_a.pk]), {
        "permit_no": "91369902TEST001P", "management_class": "key", "issued_date": "2026-01-05",
        "valid_from": "2026-01-05", "valid_to": "2031-01-04", "status": "valid", "report_frequencies": ["annual"],
        "annual_due": "01-15", "semiannual_due": "07-15", "quarterly_due_days": "15", "monthly_due_days": "15",
    })
    assert Commitment.objects.get(supervised_object=obj_a).signed_date.isoformat() == "2026-03-01"
    audit = CleanerProductionAudit.objects.get(supervised_object=obj_a)
    assert (audit.low_cost_measures, audit.high_cost_measures) == (35, 5)
    assert Permit.objects.filter(supervised_object=obj_a, permit_no="91369902TEST001P").exists()
    assert AuditLog.objects.filter(event="create").count() >= 3


def test_invalid_form_saves_nothing(obj_a, officer, client_for):
    r = client_for(officer).post(reverse("registry:cp_audit_add", args=[obj_a.pk]), {"year": "1999"}, follow=True)
    assert not CleanerProductionAudit.objects.exists() and r.status_code == 200
