"""Heavy-pollution weather warning levels (重污染天气预警) from forecast daily AQI.

Rules of the 2018 ministry guidance (环办大气函〔2018〕875号; ../shared/standards.md
§13) as data: :class:`WarningThresholds` can be replaced per jurisdiction
(local plans may be stricter).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = [
    "LEVELS",
    "WarningRule",
    "WarningThresholds",
    "Episode",
    "WarningResult",
    "warning_level",
    "DEFAULT_THRESHOLDS",
]

#: Levels from mildest to strictest (蓝色 IV, 黄色 III, 橙色 II, 红色 I).
LEVELS: tuple[str, ...] = ("blue", "yellow", "orange", "red")
LEVEL_NAMES_ZH = {"blue": "蓝色预警", "yellow": "黄色预警", "orange": "橙色预警", "red": "红色预警"}


@dataclass(frozen=True)
class WarningRule:
    """A level is met when heavy, severe and extreme day counts reach these minima."""

    level: str
    heavy_days: int = 0
    severe_days: int = 0
    extreme_days: int = 0


@dataclass(frozen=True)
class WarningThresholds:
    """Configurable thresholds; rules are OR-ed per level, checked strictest first."""

    heavy_aqi: int = 200  # a day counts as heavy when AQI > heavy_aqi
    severe_aqi: int = 300  # severe when AQI > severe_aqi
    extreme_aqi: int = 500  # extreme when AQI >= extreme_aqi
    merge_gap_days: int = 1  # episodes separated by at most this many clean days merge
    rules: tuple[WarningRule, ...] = field(
        default=(
            WarningRule("red", heavy_days=4, severe_days=2),
            WarningRule("red", extreme_days=1),
            WarningRule("orange", heavy_days=3, severe_days=1),
            WarningRule("yellow", heavy_days=2),
            WarningRule("blue", heavy_days=1),
        )
    )


DEFAULT_THRESHOLDS = WarningThresholds()


@dataclass(frozen=True)
class Episode:
    """A (merged) forecast pollution episode: day indices and its level."""

    start: int
    end: int
    heavy_days: int
    severe_days: int
    extreme_days: int
    max_aqi: int
    level: str | None


@dataclass(frozen=True)
class WarningResult:
    """The strictest level over the episodes, and the episodes."""

    level: str | None
    episodes: tuple[Episode, ...]

    @property
    def level_zh(self) -> str | None:
        """Chinese name of the level, e.g. 橙色预警."""
        return LEVEL_NAMES_ZH.get(self.level) if self.level else None


def _spans(heavy: list[bool], gap: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for i, h in enumerate(heavy):
        if not h:
            continue
        if spans and i - spans[-1][1] - 1 <= gap:
            spans[-1] = (spans[-1][0], i)
        else:
            spans.append((i, i))
    return spans


def _level(heavy: int, severe: int, extreme: int, th: WarningThresholds) -> str | None:
    for rule in th.rules:
        if heavy >= rule.heavy_days and severe >= rule.severe_days and extreme >= rule.extreme_days:
            return rule.level
    return None


def warning_level(
    forecast_aqi: Sequence[int | None],
    *,
    thresholds: WarningThresholds = DEFAULT_THRESHOLDS,
) -> WarningResult:
    """Warning level from a forecast series of daily AQI.

    Parameters
    ----------
    forecast_aqi : sequence of int or None
        Forecast daily (or rolling 24-hour) AQI, one value per day [dimensionless];
        None = no forecast (counts as a clean day).
    thresholds : WarningThresholds
        AQI bands, day-count rules and the episode merge gap (default: 2018 guidance;
        episodes separated by at most one clean day count as one, i.e. pollution
        that would not clear in between).

    Returns
    -------
    WarningResult
        ``level`` (None, "blue", "yellow", "orange" or "red": the strictest over
        the episodes) and the merged ``episodes``.  Blue: AQI > 200 one day;
        yellow: >= 2 days; orange: >= 3 days with AQI > 300 at least one day;
        red: >= 4 days with AQI > 300 at least two days, or AQI >= 500 one day.

    References
    ----------
    生态环境部办公厅《关于推进重污染天气应急预案修订工作的指导意见》(环办大气函〔2018〕875号),
    warning grading table; ../shared/standards.md §13.
    """
    th = thresholds
    vals = [a if a is not None else 0 for a in forecast_aqi]
    episodes = []
    for start, end in _spans([a > th.heavy_aqi for a in vals], th.merge_gap_days):
        days = vals[start : end + 1]
        heavy = sum(1 for a in days if a > th.heavy_aqi)
        severe = sum(1 for a in days if a > th.severe_aqi)
        extreme = sum(1 for a in days if a >= th.extreme_aqi)
        episodes.append(
            Episode(start, end, heavy, severe, extreme, max(days), _level(heavy, severe, extreme, th))
        )
    levels = [e.level for e in episodes if e.level]
    best = max(levels, key=LEVELS.index) if levels else None
    return WarningResult(best, tuple(episodes))
