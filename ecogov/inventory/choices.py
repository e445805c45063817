"""Inventory choice sets (value, Chinese, English, colour)."""

from ecogov.core.choices import ChoiceSet


class SourceKind(ChoiceSet):
    """Kinds of pollution source outside the permit registry (污染源清单)."""

    CONSTRUCTION = ("construction", "建筑工地", "Construction site", "#e67e22")
    ROAD = ("road", "道路扬尘", "Road (dust)", "#8e6e53")
    BARE_LAND = ("bare_land", "裸地", "Bare land", "#c9a227")
    RESTAURANT = ("restaurant", "餐饮油烟", "Restaurant (fumes)", "#c0392b")
    FILLING_STATION = ("filling_station", "加油站", "Filling station", "#8e44ad")
    CAR_REPAIR = ("car_repair", "汽修喷漆", "Car repair / spray painting", "#2980b9")
    CONGESTED_ROAD = ("congested_road", "交通拥堵路段", "Congested road segment", "#7f8c8d")
    DISCHARGE_ZONE = ("discharge_zone", "污水排放控制区", "Sewage-discharge control zone", "#16a085")
    OUTFALL = ("outfall", "入河排污口", "Outfall into a river or lake", "#2c3e50")


class SourceState(ChoiceSet):
    ACTIVE = ("active", "正常", "Active", "green")
    PROBLEM = ("problem", "存在问题", "Problem found", "red")
    CLOSED = ("closed", "已停用", "Closed / finished", "gray")


class DustLevel(ChoiceSet):
    """Road-dust load from mobile monitoring (走航)."""

    LOW = ("low", "轻度", "Low", "green")
    MEDIUM = ("medium", "中度", "Medium", "orange")
    HIGH = ("high", "重度", "High", "red")


class CoverState(ChoiceSet):
    COVERED = ("covered", "已覆盖", "Covered", "green")
    PARTIAL = ("partial", "部分覆盖", "Partly covered", "orange")
    BARE = ("bare", "未覆盖", "Uncovered", "red")


class BareClass(ChoiceSet):
    """Bare-land class for graded management (分类分级)."""

    I = ("1", "一类", "Class I", "red")  # noqa: E741
    II = ("2", "二类", "Class II", "orange")
    III = ("3", "三类", "Class III", "green")


class CheckOutcome(ChoiceSet):
    OK = ("ok", "合格", "Compliant", "green")
    PROBLEM = ("problem", "发现问题", "Problem found", "red")
    CLOSED = ("closed", "已停用", "Found closed", "gray")


#: The fields that only make sense for some kinds.
KIND_FIELDS = {
    "holder": ("construction", "bare_land", "restaurant", "filling_station", "car_repair", "road",
               "discharge_zone", "outfall"),
    "dust_level": ("road", "congested_road"),
    "cover_state": ("bare_land", "construction"),
    "bare_class": ("bare_land",),
    "has_purifier": ("restaurant",),
}
