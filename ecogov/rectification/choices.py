"""Rectification choice sets (value, Chinese, English, colour)."""

from ecogov.core.choices import ChoiceSet


class RectificationStatus(ChoiceSet):
    """The ledger's coarse status (kept for the inspection items' pages and API): open, closed, overdue."""

    OPEN = ("open", "整改中", "Open", "orange")
    DONE = ("done", "已整改", "Rectified", "green")
    OVERDUE = ("overdue", "逾期未整改", "Overdue", "red")


class ItemState(ChoiceSet):
    """The workflow of an item (下派 -> ... -> 销号)."""

    ASSIGNED = ("assigned", "已下派", "Assigned", "gray")
    ACCEPTED = ("accepted", "已签收", "Accepted", "blue")
    RECTIFYING = ("rectifying", "整改中", "Rectifying", "orange")
    SUBMITTED = ("submitted", "已申请销号", "Close-out requested", "teal")
    REVIEWED = ("reviewed", "已初审", "Reviewed", "teal")
    RECHECKED = ("rechecked", "已现场复核", "Re-checked on site", "purple")
    PUBLICISED = ("publicised", "公示中", "In public notice", "purple")
    CLOSED = ("closed", "已销号", "Closed", "green")
    RETURNED = ("returned", "已退回", "Returned", "red")


OPEN_STATES = tuple(s for s in ItemState.values() if s != ItemState.CLOSED)


class PlanState(ChoiceSet):
    """Progress against plan (序时进度), computed daily from the milestones."""

    NOT_STARTED = ("not_started", "未启动", "Not started", "gray")
    BEHIND = ("behind", "滞后序时进度", "Behind schedule", "red")
    ON_SCHEDULE = ("on_schedule", "符合序时进度", "On schedule", "blue")
    AHEAD = ("ahead", "超序时进度", "Ahead of schedule", "teal")
    DONE = ("done", "已完成", "Done", "green")
    SUSTAINED = ("sustained", "已完成、长期坚持", "Done, to be sustained", "green")


class SourceKind(ChoiceSet):
    """Where a batch of problems comes from (交办来源)."""

    CENTRAL = ("central", "中央生态环境保护督察", "Central environmental inspection", "red")
    PROVINCIAL = ("provincial", "省生态环境保护督察", "Provincial environmental inspection", "orange")
    WARNING_FILM = ("warning_film", "长江经济带生态环境警示片", "Yangtze warning film", "purple")
    PATROL = ("patrol", "日常巡查、联合执法", "Own patrols and joint actions", "blue")
    DOUBLE_RANDOM = ("double_random", "双随机检查", "Double-random inspections", "teal")
    COMPLAINT = ("complaint", "信访投诉", "Complaints", "blue")
    HAZARD = ("hazard", "隐患排查", "Hidden-hazard checks", "orange")
    ASSESSMENT = ("assessment", "考核扣分", "Assessment deductions", "gray")


class ItemLevel(ChoiceSet):
    """Depth in the tree: a problem, its tasks, their sub-tasks."""

    PROBLEM = ("problem", "问题", "Problem", "blue")
    TASK = ("task", "任务", "Task", "teal")
    SUBTASK = ("subtask", "子任务", "Sub-task", "gray")


LEVELS = (ItemLevel.PROBLEM, ItemLevel.TASK, ItemLevel.SUBTASK)


class EscalationStep(ChoiceSet):
    """The escalation ladder, in order (each step once per item)."""

    REMIND = ("remind", "到期提醒", "Reminder to the owner", "blue")
    SUPERVISOR = ("supervisor", "到期督办", "Supervisor alerted", "orange")
    RED_LIST = ("red_list", "通报（红榜）", "Red list (bulletin)", "red")
    SUMMONS = ("summons", "约谈", "Summons of the leader", "purple")


LADDER = (EscalationStep.REMIND, EscalationStep.SUPERVISOR, EscalationStep.RED_LIST, EscalationStep.SUMMONS)
