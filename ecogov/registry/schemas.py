"""Registry API schemas (ninja In/Out)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from ecogov.core.schemas import Year

from .choices import SupervisionClass
from .tables import _district


class ObjectQuery(Schema):
    """Filters of the supervised-object list (applied by ``filters.ObjectFilterSet``)."""

    q: str | None = Field(None, description="name, USCC or address contains")
    supervision_class: str | None = Field(None, description="A, B or C")
    positive_list: bool | None = None
    district: str | None = Field(None, description="administrative code of a district")
    jurisdiction: str | None = Field(None, description="administrative code of any jurisdiction")
    industry: str | None = Field(None, description="GB/T 4754-2017 code prefix")
    status: str | None = None
    performance_grade: str | None = None
    flag: str | None = Field(None, description="is_key_unit, water_related, hw_producer, ...")
    has_permit: bool | None = None


class PermitQuery(Schema):
    q: str | None = None
    management_class: str | None = Field(None, description="key or simplified")
    status: str | None = None
    district: str | None = None
    supervised_object: int | None = None
    expires_before: dt.date | None = None


class RegistrationQuery(Schema):
    q: str | None = None
    district: str | None = None
    in_registry: bool | None = None
    supervised_object: int | None = None


class ReportQuery(Schema):
    q: str | None = None
    frequency: str | None = Field(None, description="annual, semiannual, quarterly or monthly")
    year: Year | None = None
    state: str | None = Field(None, description="submitted, pending or overdue")
    district: str | None = None
    permit: int | None = None


class ObjectOut(Schema):
    id: int
    uscc: str
    name: str
    address: str
    lon: float | None
    lat: float | None
    industry_code: str
    industry_name: str
    jurisdiction_code: str = Field(..., alias="jurisdiction.code")
    jurisdiction_name: str = Field(..., alias="jurisdiction.name")
    district: str = ""
    supervision_class: str
    on_positive_list: bool
    status: str
    is_key_unit: bool
    is_special: bool
    water_related: bool
    air_related: bool
    hw_producer: bool
    hw_handler: bool
    soil_key_unit: bool
    performance_grade: str

    @staticmethod
    def resolve_district(obj) -> str:
        return _district(obj.jurisdiction)


class ObjectDetailOut(ObjectOut):
    legal_representative: str
    contact_person: str
    contact_phone: str
    class_pollution_level: str
    class_industry: str
    class_risk: str


class ObjectIn(Schema):
    uscc: str
    name: str
    jurisdiction: str = Field(..., description="administrative code of the grid cell")
    address: str = ""
    lon: float | None = None
    lat: float | None = None
    datum: str = Field("wgs84", description="wgs84 or gcj02 (Amap/Tencent coordinates)")
    industry_code: str = ""
    industry_name: str = ""
    legal_representative: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    status: str = "active"
    is_key_unit: bool = False
    is_special: bool = False
    water_related: bool = False
    air_related: bool = False
    hw_producer: bool = False
    hw_handler: bool = False
    soil_key_unit: bool = False
    performance_grade: str = ""


class ObjectPatch(Schema):
    uscc: str | None = None
    name: str | None = None
    jurisdiction: str | None = None
    address: str | None = None
    lon: float | None = None
    lat: float | None = None
    datum: str = "wgs84"
    industry_code: str | None = None
    industry_name: str | None = None
    legal_representative: str | None = None
    contact_person: str | None = None
    contact_phone: str | None = None
    status: str | None = None
    is_key_unit: bool | None = None
    is_special: bool | None = None
    water_related: bool | None = None
    air_related: bool | None = None
    hw_producer: bool | None = None
    hw_handler: bool | None = None
    soil_key_unit: bool | None = None
    performance_grade: str | None = None


class ClassIn(Schema):
    new_class: str = Field(..., json_schema_extra={"enum": SupervisionClass.values()})
    effective_date: dt.date
    pollution_level: str = ""
    industry: str = ""
    risk: str = ""
    reason: str = ""


class ClassChangeOut(Schema):
    id: int
    old_class: str
    new_class: str
    pollution_level: str
    industry: str
    risk: str
    effective_date: dt.date
    reason: str


class PositiveListIn(Schema):
    on_list: bool
    date: dt.date
    reason: str = ""


class PermitOut(Schema):
    id: int
    permit_no: str
    supervised_object_id: int
    supervised_object_name: str = Field(..., alias="supervised_object.name")
    management_class: str
    issued_date: dt.date
    valid_from: dt.date
    valid_to: dt.date
    status: str
    report_frequencies: list[str]
    annual_due: str
    semiannual_due: str
    quarterly_due_days: int
    monthly_due_days: int


class PermitIn(Schema):
    supervised_object: int
    permit_no: str
    management_class: str
    issued_date: dt.date
    valid_from: dt.date
    valid_to: dt.date
    status: str = "valid"
    report_frequencies: list[str] = ["annual"]
    annual_due: str = "01-15"
    semiannual_due: str = "07-15"
    quarterly_due_days: int = 15
    monthly_due_days: int = 15


class PermitPatch(Schema):
    permit_no: str | None = None
    management_class: str | None = None
    issued_date: dt.date | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    status: str | None = None
    report_frequencies: list[str] | None = None
    annual_due: str | None = None
    semiannual_due: str | None = None
    quarterly_due_days: int | None = None
    monthly_due_days: int | None = None


class RegistrationOut(Schema):
    id: int
    registration_no: str
    unit_name: str
    uscc: str
    industry_code: str
    supervised_object_id: int | None
    jurisdiction_code: str = Field(..., alias="jurisdiction.code")
    registered_date: dt.date
    valid_to: dt.date | None


class RegistrationIn(Schema):
    registration_no: str
    registered_date: dt.date
    valid_to: dt.date | None = None
    supervised_object: int | None = None
    unit_name: str = ""
    uscc: str = ""
    industry_code: str = ""
    jurisdiction: str | None = Field(None, description="grid code (units outside the registry)")


class RegistrationPatch(Schema):
    registration_no: str | None = None
    registered_date: dt.date | None = None
    valid_to: dt.date | None = None
    unit_name: str | None = None
    uscc: str | None = None
    industry_code: str | None = None


class ReportOut(Schema):
    id: int
    permit_id: int
    permit_no: str = Field(..., alias="permit.permit_no")
    frequency: str
    period_start: dt.date
    period_end: dt.date
    due_date: dt.date
    submitted_date: dt.date | None


class ReportSubmitIn(Schema):
    submitted_date: dt.date


class ExecutionReportsIn(Schema):
    year: Year


class RateOut(Schema):
    frequency: str
    frequency_label: str
    period: str
    period_start: dt.date
    period_end: dt.date
    due: int
    submitted: int
    on_time: int
    overdue: int
    rate: float | None
    on_time_rate: float | None


class ObjectImportOut(Schema):
    created: int
    updated: int


class SummaryOut(Schema):
    objects: int
    class_a: int
    class_b: int
    class_c: int
    positive_list: int
    permits: int
    registrations: int
    commitments: int = Field(..., description="enterprises that signed a commitment letter")
    cp_audits: int
    cp_low_cost_measures: int
    cp_high_cost_measures: int
