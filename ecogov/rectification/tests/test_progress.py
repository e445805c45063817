"""Progress against plan on hand-written milestone examples (pure arithmetic)."""

import datetime as dt

from ecogov.rectification import progress as calc

D = dt.date
# an item due 30 June with three milestones: 20 % by 31 March, 30 % by 30 April, 50 % by 30 June
MS = [(D(2026, 3, 31), 20), (D(2026, 4, 30), 30), (D(2026, 6, 30), 50)]


def test_expected_share_is_the_sum_of_the_milestones_due_and_the_next_target_adds_the_next():
    assert calc.plan_on(MS, D(2026, 3, 30), deadline=D(2026, 6, 30)) == calc.Plan(0, 20)
    assert calc.plan_on(MS, D(2026, 3, 31), deadline=D(2026, 6, 30)) == calc.Plan(20, 50)   # 20, 20 + 30
    assert calc.plan_on(MS, D(2026, 5, 15), deadline=D(2026, 6, 30)) == calc.Plan(50, 100)  # 20 + 30, + 50
    assert calc.plan_on(MS, D(2026, 7, 1), deadline=D(2026, 6, 30)) == calc.Plan(100, 100)
    # no milestones: all the work by the deadline
    assert calc.plan_on([], D(2026, 6, 29), deadline=D(2026, 6, 30)) == calc.Plan(0, 100)
    assert calc.plan_on([], D(2026, 6, 30), deadline=D(2026, 6, 30)) == calc.Plan(100, 100)


def test_states():
    on_15_may = calc.Plan(50, 100)
    assert calc.state(progress=40, plan=on_15_may) == calc.BEHIND          # 40 < 50
    assert calc.state(progress=50, plan=on_15_may) == calc.ON_SCHEDULE     # 50 = 50
    assert calc.state(progress=80, plan=on_15_may) == calc.ON_SCHEDULE     # 50 <= 80 < 100
    assert calc.state(progress=0, plan=calc.Plan(0, 20)) == calc.NOT_STARTED
    assert calc.state(progress=0, plan=calc.Plan(20, 50)) == calc.BEHIND   # nothing done, 20 % expected
    assert calc.state(progress=50, plan=calc.Plan(20, 50)) == calc.AHEAD   # the April milestone done in March
    assert calc.state(progress=100, plan=on_15_may) == calc.DONE
    assert calc.state(progress=100, plan=on_15_may, closed=True, sustained=True) == calc.SUSTAINED
    assert calc.state(progress=30, plan=calc.Plan(100, 100), closed=True) == calc.DONE


def test_weighted_progress_and_rates():
    # children weighted 2, 1, 1 at 100 %, 50 %, 0 %: (200 + 50 + 0) / 4 = 62.5 -> 63 (half up)
    assert calc.weighted([(2, 100), (1, 50), (1, 0)]) == 63
    # weights 1 and 2 at 30 % and 60 %: (30 + 120) / 3 = 50
    assert calc.weighted([(1, 30), (2, 60)]) == 50
    assert calc.weighted([]) == 0
    assert calc.rate(45, 48) == 93.8   # 4500 / 48 = 93.75 -> 93.8
    assert calc.rate(2, 3) == 66.7 and calc.rate(0, 0) is None
