"""Choice sets of environmental emergencies and episode controls (value, Chinese, English, colour)."""

from ecogov.core.choices import ChoiceSet


class IncidentLevel(ChoiceSet):
    """Event levels of the national plan for environmental emergencies (国家突发环境事件应急预案, 2014)."""

    GENERAL = ("general", "一般", "General (IV)", "blue")
    LARGER = ("larger", "较大", "Larger (III)", "yellow")
    MAJOR = ("major", "重大", "Major (II)", "orange")
    GRAVE = ("grave", "特别重大", "Especially grave (I)", "red")


class IncidentKind(ChoiceSet):
    WATER = ("water", "水污染", "Water pollution", "blue")
    AIR = ("air", "大气污染", "Air pollution", "gray")
    SOIL = ("soil", "土壤污染", "Soil pollution", "orange")
    CHEMICAL = ("chemical", "危险化学品泄漏", "Hazardous chemical leak", "red")
    TRAFFIC = ("traffic", "交通事故次生", "Secondary to a traffic accident", "orange")
    WASTE = ("waste", "危险废物", "Hazardous waste", "red")
    RADIATION = ("radiation", "辐射", "Radiation", "red")
    OTHER = ("other", "其他", "Other", "gray")


class Medium(ChoiceSet):
    WATER = ("water", "地表水", "Surface water")
    GROUNDWATER = ("groundwater", "地下水", "Groundwater")
    AIR = ("air", "环境空气", "Ambient air")
    SOIL = ("soil", "土壤", "Soil")


class IncidentStatus(ChoiceSet):
    """The response steps of an event, each with its time (信息报告 → 现场处置 → 应急监测 → 控制 → 响应终止)."""

    REPORTED = ("reported", "已报告", "Reported", "red")
    ON_SITE = ("on_site", "现场处置", "On site", "orange")
    MONITORING = ("monitoring", "应急监测", "Emergency monitoring", "orange")
    CONTROLLED = ("controlled", "已控制", "Under control", "yellow")
    ENDED = ("ended", "响应终止", "Response ended", "blue")
    CLOSED = ("closed", "已总结", "Closed (lessons recorded)", "green")


class PlanKind(ChoiceSet):
    PLAN = ("plan", "应急预案", "Emergency plan")
    MANUAL = ("manual", "应急处置手册", "Response manual")


class FindingStatus(ChoiceSet):
    OPEN = ("open", "待整改", "Open", "red")
    LEDGER = ("ledger", "已挂账", "On the ledger", "orange")
    CLOSED = ("closed", "已整改", "Rectified", "green")


class Facility(ChoiceSet):
    """The checklist: five classes of pollution-control facilities and explosive aluminium/magnesium dust."""

    DESULPHURISATION = ("desulph", "脱硫脱硝设施", "Desulphurisation / denitrification")
    COAL_TO_GAS = ("coal_gas", "煤改气设施", "Coal-to-gas installation")
    VOC_RECOVERY = ("voc", "挥发性有机物回收设施", "VOC recovery")
    WASTEWATER = ("wastewater", "污水处理设施", "Wastewater treatment")
    DUST = ("dust", "粉尘治理设施", "Dust control")
    AL_MG_DUST = ("almg", "铝镁粉尘防爆", "Explosive aluminium/magnesium dust")


class CheckResult(ChoiceSet):
    OK = ("ok", "符合", "Compliant", "green")
    HAZARD = ("hazard", "存在隐患", "Hazard found", "red")
    NA = ("na", "不涉及", "Not applicable", "gray")


class HazardLevel(ChoiceSet):
    GENERAL = ("general", "一般隐患", "General hazard", "orange")
    MAJOR = ("major", "重大隐患", "Major hazard", "red")


class ActionStatus(ChoiceSet):
    """A point-to-point control action (点对点应急管控)."""

    DRAFT = ("draft", "拟定", "Draft", "gray")
    ISSUED = ("issued", "已下达", "Issued", "orange")
    CHECKED = ("checked", "已核查", "Compliance checked", "blue")
    CLOSED = ("closed", "已结束", "Closed", "green")


class Outcome(ChoiceSet):
    """The day's measured AQI against the forecast (good = AQI <= 100, HJ 633-2012)."""

    KEPT_GOOD = ("kept_good", "保住优良", "Kept the day good", "green")
    IMPROVED = ("improved", "好于预报", "Better than forecast, still polluted", "yellow")
    NOT_IMPROVED = ("not_improved", "未改善", "Not better than forecast", "red")
    NO_DATA = ("no_data", "无实测数据", "No measured data", "gray")
    PENDING = ("pending", "待评估", "Day not over", "gray")


class Pollutant(ChoiceSet):
    SO2 = ("so2", "二氧化硫", "SO2")
    NOX = ("nox", "氮氧化物", "NOx")
    PM = ("pm", "颗粒物", "Particulate matter")
    VOCS = ("vocs", "挥发性有机物", "VOCs")


class OzoneSourceKind(ChoiceSet):
    FILLING = ("filling_station", "加油站", "Filling station")
    CAR_REPAIR = ("car_repair", "汽修", "Car repair")
    SPRAY = ("spray", "喷涂", "Spray painting")
    SITE_PAINT = ("site_paint", "工地涂装", "Construction-site painting")
    INDUSTRY = ("industry", "涉VOCs/NOx企业", "VOCs / NOx enterprise")
