"""Enforcement choice sets (value, Chinese, English, colour)."""

from ecogov.core.choices import ChoiceSet


class CaseStatus(ChoiceSet):
    PENDING = ("pending", "待立案", "Awaiting filing", "gray")
    FILED = ("filed", "已立案", "Filed", "blue")
    INVESTIGATION = ("investigation", "调查取证", "Investigation", "teal")
    NOTIFIED = ("notified", "已事先告知", "Prior notice given", "purple")
    HEARING = ("hearing", "听证", "Hearing", "orange")
    DECIDED = ("decided", "已作出决定", "Decided", "maroon")
    DELIVERED = ("delivered", "已送达", "Delivered", "blue")
    EXECUTED = ("executed", "已执行", "Executed / paid", "green")
    CLOSED = ("closed", "已结案", "Closed", "green")
    NOT_FILED = ("not_filed", "不予立案", "Not filed", "gray")
    WITHDRAWN = ("withdrawn", "撤销立案", "Withdrawn", "gray")


class Circumstance(ChoiceSet):
    MINOR = ("minor", "轻微", "Minor", "green")
    LIGHT = ("light", "较轻", "Light", "teal")
    GENERAL = ("general", "一般", "General", "orange")
    SERIOUS = ("serious", "严重", "Serious", "red")


class TransferReceiver(ChoiceSet):
    POLICE = ("police", "公安机关", "Public security", "blue")
    PROCURATORATE = ("procuratorate", "检察机关", "Procuratorate", "purple")


class TransferStatus(ChoiceSet):
    TRANSFERRED = ("transferred", "已移送", "Transferred", "blue")
    ACCEPTED = ("accepted", "已受理", "Accepted", "teal")
    FILED = ("filed", "已立案侦查", "Criminal case filed", "orange")
    REJECTED = ("rejected", "不予立案（退回）", "Not accepted", "gray")
    CONCLUDED = ("concluded", "已办结", "Concluded", "green")


class CaseSource(ChoiceSet):
    INSPECTION = ("inspection", "双随机检查", "Double-random inspection", "blue")
    JOINT = ("joint", "联合执法", "Joint action", "purple")
    COMPLAINT = ("complaint", "信访举报", "Complaint", "orange")
    OFFSITE = ("offsite", "非现场监管", "Off-site supervision", "teal")
    OTHER = ("other", "其他", "Other", "gray")
