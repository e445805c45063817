"""Monitoring choice sets (value, Chinese, English, colour)."""

from ecogov.core.choices import ChoiceSet

#: The six canonical air pollutants, in storage order [µg/m³; co mg/m³].
POLLUTANTS = ("so2", "no2", "co", "o3", "pm10", "pm25")


class StationKind(ChoiceSet):
    NATIONAL = ("national", "国控站", "National station", "purple")
    PROVINCIAL = ("provincial", "省控站", "Provincial station", "blue")
    CITY = ("city", "市控站", "City station", "teal")
    MICRO = ("micro", "微型站", "Micro station", "gray")


class SectionLevel(ChoiceSet):
    NATIONAL = ("national", "国考", "National assessment", "purple")
    PROVINCIAL = ("provincial", "省考", "Provincial assessment", "blue")
    CITY = ("city", "市考", "City assessment", "teal")


class WaterBodyKind(ChoiceSet):
    RIVER = ("river", "河流", "River", "blue")
    LAKE = ("lake", "湖泊", "Lake", "teal")
    RESERVOIR = ("reservoir", "水库", "Reservoir", "teal")
    GROUNDWATER = ("groundwater", "地下水", "Groundwater", "gray")


class FlagKind(ChoiceSet):
    FAULT = ("fault", "仪器故障", "Instrument fault", "red")
    CALIBRATION = ("calibration", "校准/质控", "Calibration", "orange")
    DUST = ("dust", "沙尘", "Sand and dust", "yellow")
    OTHER = ("other", "其他", "Other", "gray")


class BatchStatus(ChoiceSet):
    RUNNING = ("running", "进行中", "Running", "blue")
    DONE = ("done", "完成", "Done", "green")
    FAILED = ("failed", "失败", "Failed", "red")


class WarningLevel(ChoiceSet):
    BLUE = ("blue", "蓝色预警", "Blue warning", "blue")
    YELLOW = ("yellow", "黄色预警", "Yellow warning", "yellow")
    ORANGE = ("orange", "橙色预警", "Orange warning", "orange")
    RED = ("red", "红色预警", "Red warning", "red")


class WarningStatus(ChoiceSet):
    DRAFT = ("draft", "拟发布", "Draft", "gray")
    ISSUED = ("issued", "已发布", "Issued", "red")
    LIFTED = ("lifted", "已解除", "Lifted", "green")


WATER_CLASS_LABELS = {1: "Ⅰ类", 2: "Ⅱ类", 3: "Ⅲ类", 4: "Ⅳ类", 5: "Ⅴ类", 6: "劣Ⅴ类"}
WATER_CLASS_COLOURS = {1: "#44C8F5", 2: "#2C7FB8", 3: "#00B050", 4: "#FFD700", 5: "#FF8C00", 6: "#FF0000"}


def water_class_label(klass: int | None) -> str:
    return WATER_CLASS_LABELS.get(klass, "—") if klass else "—"
