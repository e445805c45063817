"""Complaint choice sets (value, Chinese, English, colour)."""

from ecogov.core.choices import ChoiceSet


class ComplaintStatus(ChoiceSet):
    RECEIVED = ("received", "已登记", "Received", "gray")
    ACCEPTED = ("accepted", "已受理", "Accepted", "blue")
    NOT_ACCEPTED = ("not_accepted", "不予受理", "Not accepted", "orange")
    ASSIGNED = ("assigned", "已交办", "Assigned", "teal")
    INVESTIGATING = ("investigating", "调查处理中", "Investigating", "purple")
    HANDLED = ("handled", "已办结待审核", "Handled", "yellow")
    REVIEWED = ("reviewed", "已审核", "Reviewed", "green")
    CLOSED = ("closed", "已办结回复", "Closed", "green")
    MERGED = ("merged", "已合并", "Merged", "gray")


#: Internal states whose public (Open311) status is "closed"; every other state is "open".
CLOSED_STATES = frozenset({ComplaintStatus.NOT_ACCEPTED, ComplaintStatus.CLOSED, ComplaintStatus.MERGED})
#: States in which a complaint is still being worked on (duplicates, overdue lists).
OPEN_STATES = frozenset(set(ComplaintStatus.values()) - CLOSED_STATES)
#: A complaint in these states opens no inspection: it was not accepted or lives on in another one.
NO_INSPECTION_STATES = frozenset({ComplaintStatus.RECEIVED, ComplaintStatus.NOT_ACCEPTED, ComplaintStatus.MERGED})
#: The acceptance clock runs in these states, the finishing clock in the next set.
ACCEPTANCE_PENDING = frozenset({ComplaintStatus.RECEIVED})
FINISH_RUNNING = frozenset({ComplaintStatus.ACCEPTED, ComplaintStatus.ASSIGNED, ComplaintStatus.INVESTIGATING,
                            ComplaintStatus.HANDLED, ComplaintStatus.REVIEWED})
#: A finishing time limit may be extended while the complaint is worked on in these states.
EXTENDABLE_STATES = frozenset({ComplaintStatus.ACCEPTED, ComplaintStatus.ASSIGNED, ComplaintStatus.INVESTIGATING})
#: Once investigated, a complaint may open a penalty case.
PENALTY_CASE_STATES = frozenset({ComplaintStatus.INVESTIGATING, ComplaintStatus.HANDLED, ComplaintStatus.REVIEWED,
                                 ComplaintStatus.CLOSED})


class PublicStatus(ChoiceSet):
    OPEN = ("open", "处理中", "Open", "blue")
    CLOSED = ("closed", "已办结", "Closed", "green")


def public_status(status: str) -> str:
    """The Open311 / public status ("open" or "closed") behind an internal state."""
    return PublicStatus.CLOSED if status in CLOSED_STATES else PublicStatus.OPEN


class Channel(ChoiceSet):
    WEB = ("web", "网上投诉", "Web form", "blue")
    HOTLINE = ("hotline", "12369热线", "12369 hotline", "red")
    LETTER = ("letter", "来信", "Letter", "teal")
    VISIT = ("visit", "来访", "Visit", "purple")
    TRANSFER = ("transfer", "上级转办", "Transfer from higher authority", "orange")
    OPEN311 = ("open311", "Open311客户端", "Open311 client", "gray")


class Outcome(ChoiceSet):
    SUBSTANTIATED = ("substantiated", "属实", "Substantiated", "red")
    PARTLY = ("partly", "部分属实", "Partly substantiated", "orange")
    UNSUBSTANTIATED = ("unsubstantiated", "不属实", "Not substantiated", "green")


class Satisfaction(ChoiceSet):
    SATISFIED = ("satisfied", "满意", "Satisfied", "green")
    BASIC = ("basic", "基本满意", "Basically satisfied", "teal")
    UNSATISFIED = ("unsatisfied", "不满意", "Unsatisfied", "red")
    UNREACHABLE = ("unreachable", "无法联系", "Could not be reached", "gray")


class ExtensionStatus(ChoiceSet):
    PENDING = ("pending", "待审批", "Pending", "orange")
    APPROVED = ("approved", "已批准", "Approved", "green")
    REJECTED = ("rejected", "已驳回", "Rejected", "red")


class RewardStatus(ChoiceSet):
    PROPOSED = ("proposed", "待审批", "Proposed", "orange")
    INELIGIBLE = ("ineligible", "不符合奖励条件", "Not eligible", "gray")
    APPROVED = ("approved", "已批准", "Approved", "blue")
    PAID = ("paid", "已发放", "Paid", "green")


class LinkKind(ChoiceSet):
    INSPECTION = ("inspection", "现场检查", "Inspection", "teal")
    PENALTY_CASE = ("penalty_case", "行政处罚案件", "Penalty case", "red")
    OTHER = ("other", "其他", "Other", "gray")


class AttributeType(ChoiceSet):
    """Open311 attribute datatypes (GeoReport v2 service definition)."""

    STRING = ("string", "文本", "String", "gray")
    NUMBER = ("number", "数字", "Number", "gray")
    DATETIME = ("datetime", "日期时间", "Date and time", "gray")
    TEXT = ("text", "长文本", "Text", "gray")
    SINGLEVALUELIST = ("singlevaluelist", "单选", "Single-value list", "gray")
    MULTIVALUELIST = ("multivaluelist", "多选", "Multi-value list", "gray")


class ClockState(ChoiceSet):
    """State of a time limit (``deadlines.clock_state``)."""

    NONE = ("none", "未计时", "Not running", "gray")
    RUNNING = ("running", "计时中", "Running", "blue")
    DUE_SOON = ("due_soon", "即将到期", "Due soon", "orange")
    OVERDUE = ("overdue", "已超期", "Overdue", "red")
    MET = ("met", "按期完成", "Met", "green")
    LATE = ("late", "超期完成", "Finished late", "maroon")
