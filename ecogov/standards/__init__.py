"""ecogov.standards: the pure computation core (no Django, no I/O).

Stable public API used by the monitoring app; see docs/standards.md.
"""

from .gb3095 import O3Max8h, daily_mean, daily_mean_array, limit, o3_daily_max_8h, o3_daily_max_8h_array
from .gb3838 import drinking_water_supplementary, water_item_class
from .hj633 import AqiResult, aqi_daily, aqi_hourly, category, iaqi
from .hj633_array import NA, AqiArrays, aqi_daily_array, aqi_hourly_array, iaqi_array, primary_names
from .hj663 import (
    annual_statistics,
    city_mean,
    coverage,
    exceedance_multiple,
    good_day_ratio,
    heavy_pollution_days,
    percentile_hj663,
    single_item_index,
)
from .hj663_array import AnnualStatisticsArray, ItemStatisticsArray, annual_statistics_array
from .ranking import change_rate, change_rate_ranking, composite_index, rank_with_ties
from .rounding import round_half_even
from .versions import version_for_date
from .warning import WarningThresholds, warning_level
from .water_eval import publication_class, river_evaluation, section_class, target_compliance, tli

__all__ = [
    "NA",
    "AnnualStatisticsArray",
    "AqiArrays",
    "AqiResult",
    "O3Max8h",
    "WarningThresholds",
    "ItemStatisticsArray",
    "annual_statistics",
    "annual_statistics_array",
    "aqi_daily",
    "aqi_daily_array",
    "aqi_hourly",
    "aqi_hourly_array",
    "category",
    "change_rate",
    "change_rate_ranking",
    "city_mean",
    "composite_index",
    "coverage",
    "daily_mean",
    "daily_mean_array",
    "drinking_water_supplementary",
    "exceedance_multiple",
    "good_day_ratio",
    "heavy_pollution_days",
    "iaqi",
    "iaqi_array",
    "limit",
    "o3_daily_max_8h",
    "o3_daily_max_8h_array",
    "percentile_hj663",
    "primary_names",
    "publication_class",
    "rank_with_ties",
    "river_evaluation",
    "round_half_even",
    "section_class",
    "single_item_index",
    "target_compliance",
    "tli",
    "version_for_date",
    "warning_level",
    "water_item_class",
]
