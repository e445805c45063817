"""Third-party choice sets (value, Chinese, English, colour)."""

from ecogov.core.choices import ChoiceSet


class StationKind(ChoiceSet):
    TESTING_AGENCY = ("testing_agency", "环境检测机构", "Environmental testing agency", "blue")
    VEHICLE_STATION = ("vehicle_station", "机动车排放检验机构", "Vehicle-emission inspection station", "teal")


class TestMethod(ChoiceSet):
    IDLE = ("idle", "双怠速法", "Two-speed idle", "gray")
    ASM = ("asm", "稳态工况法", "Acceleration simulation mode (ASM)", "blue")
    VMAS = ("vmas", "简易瞬态工况法", "Simplified transient (VMAS)", "teal")
    LUG_DOWN = ("lug_down", "加载减速法", "Lug-down", "orange")
    FREE_ACCEL = ("free_accel", "自由加速法", "Free acceleration", "purple")
    LAB = ("lab", "实验室检测", "Laboratory test", "gray")


class TestResult(ChoiceSet):
    PASS = ("pass", "合格", "Pass", "green")
    FAIL = ("fail", "不合格", "Fail", "red")


class FraudKind(ChoiceSet):
    IDENTICAL_CURVE = ("identical_curve", "曲线雷同", "Identical curves", "red")
    DURATION = ("duration", "检测时长异常", "Impossible test duration", "orange")
    OFF_HOURS = ("off_hours", "非营业时间检测", "Test outside opening hours", "purple")
    PASS_AFTER_FAIL = ("pass_after_fail", "异地不合格后即合格", "Passed right after failing elsewhere", "maroon")


class HitStatus(ChoiceSet):
    OPEN = ("open", "待核查", "To check", "orange")
    DISMISSED = ("dismissed", "已排除", "Dismissed", "gray")
    REFERRED = ("referred", "已移交立案", "Referred for a case", "blue")
    PUNISHED = ("punished", "已处罚", "Punished", "red")


class WasteRole(ChoiceSet):
    PRODUCER = ("producer", "产生单位", "Producer", "blue")
    HANDLER = ("handler", "经营（利用处置）单位", "Licensed handler", "teal")


class SourceStatus(ChoiceSet):
    IN_USE = ("in_use", "在用", "In use", "green")
    DISUSED = ("disused", "废旧待送贮", "Disused, awaiting storage", "orange")
    STORED = ("stored", "已送贮", "Sent to storage", "gray")


class ReviewDecision(ChoiceSet):
    CONTINUE = ("continue", "继续施工", "Work continues", "green")
    RECTIFY = ("rectify", "限期整改", "Rectify by a deadline", "orange")
    STOP = ("stop", "停工整改", "Stop work", "red")


class TruckViolationKind(ChoiceSet):
    OFF_ROUTE = ("off_route", "偏离核准路线", "Off the approved route", "orange")
    UNSEALED = ("unsealed", "未密闭运输", "Driving unsealed", "red")
