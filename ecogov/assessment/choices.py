"""Assessment choice sets (value, Chinese, English, colour)."""

from ecogov.core.choices import ChoiceSet


class UnitKind(ChoiceSet):
    DISTRICT = ("district", "区县", "District / county", "blue")
    STREET = ("street", "街道/乡镇", "Street / town", "teal")
    PARK = ("park", "工业园区", "Industrial park", "purple")


class PeerGroup(ChoiceSet):
    URBAN = ("urban", "城区", "Urban districts", "blue")
    COUNTY = ("county", "县", "Counties", "green")
    STREET = ("street", "街道/乡镇", "Streets and towns", "teal")
    PARK = ("park", "园区", "Parks", "purple")


class ComparisonGroup(ChoiceSet):
    PROVINCE = ("province", "全省城市", "Cities of the province", "blue")
    NATIONAL = ("national", "全国168个重点城市", "168 key cities nationwide", "purple")


class MethodologyStatus(ChoiceSet):
    DRAFT = ("draft", "草案", "Draft", "gray")
    PUBLISHED = ("published", "已发布（冻结）", "Published (frozen)", "green")


class VetoCondition(ChoiceSet):
    MAJOR_ACCIDENT = ("major_accident", "发生较大及以上突发环境事件", "Major or larger environmental accident", "red")
    FALSIFIED_DATA = ("falsified_data", "监测数据弄虚作假", "Falsified monitoring data", "red")
    RED_LIST = ("red_list", "红色清单整改事项未完成", "Unresolved red-list rectification item", "orange")


class VetoConsequence(ChoiceSet):
    ZERO = ("zero", "得分计零", "Score set to zero", "red")
    CAP_GRADE = ("cap_grade", "等次封顶", "Grade capped", "orange")
    NO_EXCELLENT = ("no_excellent", "不得评为优秀", "Excluded from excellent", "yellow")


class Grade(ChoiceSet):
    EXCELLENT = ("excellent", "优秀", "Excellent", "green")
    GOOD = ("good", "良好", "Good", "blue")
    PASS = ("pass", "合格", "Pass", "yellow")
    FAIL = ("fail", "不合格", "Fail", "red")


class CorrectionStatus(ChoiceSet):
    REQUESTED = ("requested", "待审核", "Requested", "blue")
    ACCEPTED = ("accepted", "已采纳", "Accepted", "green")
    REJECTED = ("rejected", "不予采纳", "Rejected", "gray")
