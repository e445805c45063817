"""Supervision choice sets (value, Chinese, English, colour)."""

from ecogov.core.choices import ChoiceSet


class PlanStatus(ChoiceSet):
    DRAFT = ("draft", "草拟", "Draft", "gray")
    APPROVED = ("approved", "已批准（名录已冻结）", "Approved (pool frozen)", "blue")
    DRAWN = ("drawn", "已抽取", "Drawn", "purple")
    PUBLISHED = ("published", "已完成并公开", "Completed and published", "green")
    CANCELLED = ("cancelled", "已撤销", "Cancelled", "red")


class PeriodType(ChoiceSet):
    QUARTER = ("quarter", "季度", "Quarter", "blue")
    YEAR = ("year", "年度", "Year", "purple")


class PlanLevel(ChoiceSet):
    CITY = ("city", "市级", "City level", "purple")
    COUNTY = ("county", "县级", "County level", "blue")


class Scheme(ChoiceSet):
    JIANGXI = ("jiangxi_abc", "江西A/B/C分类方案", "Jiangxi A/B/C scheme", "blue")
    MINISTRY = ("ministry_2015", "2015年部方案（重点/特殊/一般）", "2015 ministry baseline", "teal")
    CUSTOM = ("custom", "自定义", "Custom", "gray")


class InspectionResult(ChoiceSet):
    PENDING = ("pending", "待检查", "Pending", "gray")
    NO_PROBLEM = ("no_problem", "未发现问题", "No problem found", "green")
    RECTIFY = ("rectify", "发现问题责令整改", "Problem to rectify", "orange")
    VIOLATION = ("violation", "涉嫌违法", "Suspected violation", "red")


class OffsiteMethod(ChoiceSet):
    ONLINE = ("online", "在线监控", "Online monitoring", "blue")
    VIDEO = ("video", "视频监控", "Video", "teal")
    ELECTRICITY = ("electricity", "用电（能）监控", "Electricity use", "orange")
    DRONE = ("drone", "无人机巡查", "Drone", "purple")
    DATA = ("data", "大数据分析", "Data analysis", "gray")


class OffsiteResult(ChoiceSet):
    NORMAL = ("normal", "未见异常", "Normal", "green")
    ANOMALY = ("anomaly", "发现异常", "Anomaly found", "orange")
    ONSITE = ("onsite", "转现场检查", "Referred to on-site inspection", "red")

