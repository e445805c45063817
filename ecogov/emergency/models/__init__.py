"""Models of environmental emergencies (events, plans, drills, hazard checks) and episode controls
(consultations, point-to-point actions, one-enterprise-one-policy plans, ozone-season lists)."""

from .episodes import (
    ComplianceCheck,
    Consultation,
    ControlAction,
    ControlTarget,
    OzoneCheck,
    OzoneEntry,
    OzoneList,
    OzoneRound,
    ReductionPlan,
    ReductionTarget,
)
from .incidents import (
    Drill,
    DrillFinding,
    EmergencyPlan,
    Hazard,
    HazardCampaign,
    HazardCheck,
    Incident,
    PlanVersion,
)

__all__ = [
    "ComplianceCheck", "Consultation", "ControlAction", "ControlTarget", "Drill", "DrillFinding", "EmergencyPlan",
    "Hazard", "HazardCampaign", "HazardCheck", "Incident", "OzoneCheck", "OzoneEntry", "OzoneList", "OzoneRound",
    "PlanVersion", "ReductionPlan", "ReductionTarget",
]
