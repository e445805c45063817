"""Registry choice sets (value, Chinese, English, colour)."""

from ecogov.core.choices import ChoiceSet


class SupervisionClass(ChoiceSet):
    A = ("A", "A类", "Class A", "red")
    B = ("B", "B类", "Class B", "orange")
    C = ("C", "C类", "Class C", "green")


class ObjectStatus(ChoiceSet):
    ACTIVE = ("active", "在产", "Operating", "green")
    SUSPENDED = ("suspended", "停产", "Suspended", "orange")
    CLOSED = ("closed", "关闭", "Closed", "gray")


class ManagementClass(ChoiceSet):
    KEY = ("key", "重点管理", "Key management", "red")
    SIMPLIFIED = ("simplified", "简化管理", "Simplified management", "blue")


class PermitStatus(ChoiceSet):
    VALID = ("valid", "有效", "Valid", "green")
    EXPIRED = ("expired", "已过期", "Expired", "gray")
    REVOKED = ("revoked", "已撤销", "Revoked", "red")


class ReportFrequency(ChoiceSet):
    ANNUAL = ("annual", "年报", "Annual", "purple")
    SEMIANNUAL = ("semiannual", "半年报", "Half-year", "blue")
    QUARTERLY = ("quarterly", "季报", "Quarterly", "teal")
    MONTHLY = ("monthly", "月报", "Monthly", "green")


class PerformanceGrade(ChoiceSet):
    A = ("A", "A级", "Grade A", "green")
    B = ("B", "B级", "Grade B", "blue")
    BM = ("B-", "B-级", "Grade B-", "teal")
    C = ("C", "C级", "Grade C", "orange")
    D = ("D", "D级", "Grade D", "red")
    EXEMPT = ("X", "豁免/保障类", "Exempt / livelihood", "gray")
