"""HJ 633 tables as data: IAQI breakpoints, footnotes, report definitions, categories.

All numbers are transcribed from HJ 633-2012 Table 1/Table 2 and HJ 633-2026
Table 1/Table 2/Table 3 (see ../shared/standards.md §1).  Breakpoints are kept
as exact integers/fractions; the code interpolates on them exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

__all__ = [
    "IAQI_LEVELS",
    "BREAKPOINTS",
    "FOOTNOTES",
    "INDICATORS",
    "REPORTS",
    "CATEGORIES",
    "SENSITIVE_GROUPS_2026",
    "POLLUTANT_BITS",
    "Indicator",
    "Category",
]

#: IAQI values at the breakpoints (rows of Table 1 / Table 3).
IAQI_LEVELS: tuple[int, ...] = (0, 50, 100, 150, 200, 300, 400, 500)


def _bp(*values: str | int) -> tuple[Fraction, ...]:
    return tuple(Fraction(v) for v in values)


_COMMON: dict[str, tuple[Fraction, ...]] = {
    # µg/m³ except CO mg/m³; one entry per IAQI level (0..500)
    "so2_24h": _bp(0, 50, 150, 475, 800, 1600, 2100, 2620),
    "so2_1h": _bp(0, 150, 500, 650, 800),  # above 800: footnote (a)
    "no2_24h": _bp(0, 40, 80, 180, 280, 565, 750, 940),
    "no2_1h": _bp(0, 100, 200, 700, 1200, 2340, 3090, 3840),
    "co_24h": _bp(0, 2, 4, 14, 24, 36, 48, 60),
    "co_1h": _bp(0, 5, 10, 35, 60, 90, 120, 150),
    "o3_1h": _bp(0, 160, 200, 300, 400, 800, 1000, 1200),
    "o3_8h": _bp(0, 100, 160, 215, 265, 800),  # above 800: footnote (b)
}

#: Breakpoints per version and table column [µg/m³; CO mg/m³].
BREAKPOINTS: MappingProxyType = MappingProxyType(
    {
        "2012": MappingProxyType(
            {
                **_COMMON,
                "pm10_24h": _bp(0, 50, 150, 250, 350, 420, 500, 600),
                "pm25_24h": _bp(0, 35, 75, 115, 150, 250, 350, 500),
            }
        ),
        "2026": MappingProxyType(
            {
                **_COMMON,
                "pm10_24h": _bp(0, 50, 120, 250, 350, 420, 500, 600),
                "pm25_24h": _bp(0, 35, 60, 115, 150, 250, 350, 500),
            }
        ),
    }
)

#: Footnotes (a) SO2 1-h and (b) O3 8-h above 800 µg/m³: (threshold, IAQI or None).
#: None = "not computed" (2012: report SO2 by its 24-h value, O3 by its 1-h value).
FOOTNOTES: MappingProxyType = MappingProxyType(
    {
        "2012": MappingProxyType({"so2_1h": (800, None), "o3_8h": (800, None)}),
        "2026": MappingProxyType({"so2_1h": (800, 200), "o3_8h": (800, 300)}),
    }
)


@dataclass(frozen=True)
class Indicator:
    """One indicator: its breakpoint column, display pollutant and rounding decimals."""

    name: str
    table: str
    pollutant: str
    decimals: int


def _ind(name: str, table: str, pollutant: str, decimals: int = 0) -> tuple[str, Indicator]:
    return name, Indicator(name, table, pollutant, decimals)


#: Canonical indicator names (as in the test vectors) -> metadata.  1-hour PM is
#: read on the daily (24-hour) column: HJ 633-2026 §4.2.3 and CNEMC practice.
INDICATORS: MappingProxyType = MappingProxyType(
    dict(
        [
            _ind("so2_24h", "so2_24h", "SO2"),
            _ind("so2_1h", "so2_1h", "SO2"),
            _ind("no2_24h", "no2_24h", "NO2"),
            _ind("no2_1h", "no2_1h", "NO2"),
            _ind("co_24h", "co_24h", "CO", 1),
            _ind("co_1h", "co_1h", "CO", 1),
            _ind("o3_1h", "o3_1h", "O3"),
            _ind("o3_8h", "o3_8h", "O3"),
            _ind("pm10_24h", "pm10_24h", "PM10"),
            _ind("pm10_1h", "pm10_24h", "PM10"),
            _ind("pm25_24h", "pm25_24h", "PM2.5"),
            _ind("pm25_1h", "pm25_24h", "PM2.5"),
        ]
    )
)


@dataclass(frozen=True)
class ReportSpec:
    """Indicators entering one report, footnote overrides and fallbacks."""

    indicators: tuple[str, ...]
    footnote_override: tuple[tuple[str, tuple[int, int | None]], ...] = ()
    fallback: tuple[tuple[str, str], ...] = ()


_DAILY_2012 = ("so2_24h", "no2_24h", "co_24h", "o3_1h", "o3_8h", "pm10_24h", "pm25_24h")
_DAILY_2026 = ("so2_24h", "no2_24h", "co_24h", "o3_8h", "pm10_24h", "pm25_24h")
_ONE_HOUR = ("so2_1h", "no2_1h", "co_1h", "o3_1h", "pm10_1h", "pm25_1h")
_TABLE4 = ("so2_1h", "no2_1h", "co_1h", "o3_1h", "o3_8h", "pm10_24h", "pm25_24h")

#: Registry (version, report, method) -> ReportSpec.
REPORTS: MappingProxyType = MappingProxyType(
    {
        ("2012", "daily", "standard"): ReportSpec(_DAILY_2012),
        ("2026", "daily", "standard"): ReportSpec(_DAILY_2026),
        # national real-time practice (standards.md §11, §14): SO2 1-h > 800 -> 200
        ("2012", "hourly", "one_hour"): ReportSpec(_ONE_HOUR, (("so2_1h", (800, 200)),)),
        ("2026", "hourly", "one_hour"): ReportSpec(_ONE_HOUR),
        # letter of HJ 633-2012 Table 4: SO2 1-h > 800 -> reported by its 24-h mean
        ("2012", "hourly", "hj633_2012"): ReportSpec(_TABLE4, (), (("so2_1h", "so2_24h"),)),
    }
)

#: Display pollutants in alphabetical order; bit i of a primary mask = POLLUTANTS[i].
POLLUTANTS: tuple[str, ...] = ("CO", "NO2", "O3", "PM10", "PM2.5", "SO2")
POLLUTANT_BITS: MappingProxyType = MappingProxyType({p: 1 << i for i, p in enumerate(POLLUTANTS)})


@dataclass(frozen=True)
class Category:
    """One AQI level: number, names, colour and health texts."""

    level_no: int
    aqi_min: int
    aqi_max: int | None
    level: str
    level_roman: str
    category: str
    category_en: str
    colour: str
    colour_en: str
    rgb: tuple[int, int, int]
    hex: str
    cmyk: tuple[int, int, int, int]
    health_effects: str
    advice: str


_GROUPS_2012 = "儿童、老年人及心脏病、呼吸系统疾病患者"
_GROUPS_2026 = "青少年儿童、老年人及心血管系统疾病、呼吸系统疾病患者"


def _categories(groups: str, first_min: int) -> tuple[Category, ...]:
    rows = (
        (
            1,
            first_min,
            50,
            "一级",
            "I",
            "优",
            "Excellent",
            "绿色",
            "green",
            (0, 228, 0),
            (40, 0, 100, 0),
            "空气质量令人满意，基本无空气污染",
            "各类人群可正常活动",
        ),
        (
            2,
            51,
            100,
            "二级",
            "II",
            "良",
            "Good",
            "黄色",
            "yellow",
            (255, 255, 0),
            (0, 0, 100, 0),
            "空气质量可接受，但某些污染物可能对极少数异常敏感人群健康有较弱影响",
            "极少数异常敏感人群应减少户外活动",
        ),
        (
            3,
            101,
            150,
            "三级",
            "III",
            "轻度污染",
            "Lightly polluted",
            "橙色",
            "orange",
            (255, 126, 0),
            (0, 52, 100, 0),
            "易感人群症状有轻度加剧，健康人群出现刺激症状",
            f"{groups}应减少长时间、高强度的户外锻炼",
        ),
        (
            4,
            151,
            200,
            "四级",
            "IV",
            "中度污染",
            "Moderately polluted",
            "红色",
            "red",
            (255, 0, 0),
            (0, 100, 100, 0),
            "进一步加剧易感人群症状，可能对健康人群心脏、呼吸系统有影响",
            f"{groups}避免长时间、高强度的户外锻炼，一般人群适量减少户外运动",
        ),
        (
            5,
            201,
            300,
            "五级",
            "V",
            "重度污染",
            "Heavily polluted",
            "紫色",
            "purple",
            (153, 0, 76),
            (10, 100, 40, 30),
            "心脏病和肺病患者症状显著加剧，运动耐受力降低，健康人群普遍出现症状",
            f"{groups}应停留在室内，停止户外运动，一般人群减少户外运动",
        ),
        (
            6,
            301,
            None,
            "六级",
            "VI",
            "严重污染",
            "Severely polluted",
            "褐红色",
            "maroon",
            (126, 0, 35),
            (30, 100, 100, 30),
            "健康人群运动耐受力降低，有明显强烈症状，提前出现某些疾病",
            f"{groups}应当留在室内，避免体力消耗，一般人群应避免户外活动",
        ),
    )
    return tuple(
        Category(
            n,
            lo,
            hi,
            lvl,
            rom,
            cat,
            cat_en,
            col,
            col_en,
            rgb,
            "#{:02X}{:02X}{:02X}".format(*rgb),
            cmyk,
            eff,
            adv,
        )
        for n, lo, hi, lvl, rom, cat, cat_en, col, col_en, rgb, cmyk, eff, adv in rows
    )


#: Categories per version (HJ 633-2012 Table 2 + Annex A; HJ 633-2026 Table 1 + Annex A).
CATEGORIES: MappingProxyType = MappingProxyType(
    {"2012": _categories(_GROUPS_2012, 0), "2026": _categories(_GROUPS_2026, 1)}
)

#: HJ 633-2026 Table 2: sensitive groups per pollutant whose IAQI exceeds 100.
SENSITIVE_GROUPS_2026: MappingProxyType = MappingProxyType(
    {
        "SO2": "哮喘患者、儿童、老年人",
        "NO2": "呼吸系统疾病（如哮喘）患者、儿童、老年人",
        "CO": "心血管系统疾病患者",
        "O3": "呼吸系统疾病患者、儿童、户外活动人群、老年人",
        "PM10": "心血管或呼吸系统疾病患者、儿童、户外活动人群、老年人",
        "PM2.5": "心血管或呼吸系统疾病患者、儿童、户外活动人群、老年人",
    }
)
