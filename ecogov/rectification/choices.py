"""Rectification choice sets (value, Chinese, English, colour)."""

from ecogov.core.choices import ChoiceSet


class RectificationStatus(ChoiceSet):
    OPEN = ("open", "整改中", "Open", "orange")
    DONE = ("done", "已整改", "Rectified", "green")
    OVERDUE = ("overdue", "逾期未整改", "Overdue", "red")
