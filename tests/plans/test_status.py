"""Due periods from the plan's wording, and each period's status on a given day."""

import datetime

import pytest
from django.utils import timezone

from plans.models import DuePeriod, Plan, ProgressReport, Status, Task, Unit
from plans.periods import TimeFrameError, due_periods

D = datetime.date


@pytest.mark.parametrize(
    "time_frame, count, first_due, last_due",
    [
        ("Quý II/2021", 1, D(2021, 6, 30), D(2021, 6, 30)),
        ("Quý III năm 2021", 1, D(2021, 9, 30), D(2021, 9, 30)),
        ("Từ quý I /2021", 1, D(2021, 12, 31), D(2021, 12, 31)),
        ("01 lần/tháng", 12, D(2021, 1, 31), D(2021, 12, 31)),
        ("Quý/cuộc", 4, D(2021, 3, 31), D(2021, 12, 31)),
        ("Cả năm 2021", 1, D(2021, 12, 31), D(2021, 12, 31)),
        ("Thường xuyên trong năm 2021", 4, D(2021, 3, 31), D(2021, 12, 31)),
        ("", 1, D(2021, 12, 31), D(2021, 12, 31)),
    ],
)
def test_time_frames_become_due_periods(time_frame, count, first_due, last_due):
    periods = due_periods(time_frame, 2021)
    assert (len(periods), periods[0].due, periods[-1].due) == (count, first_due, last_due)


@pytest.mark.parametrize("time_frame", ["Quý V/2021", "Quý II/2022", "sớm nhất có thể"])
def test_unreadable_time_frames_are_refused_with_the_text(time_frame):
    with pytest.raises(TimeFrameError, match=time_frame.split("/")[0]):
        due_periods(time_frame, 2021)


@pytest.fixture
def task(db):
    unit = Unit.objects.create(key="so-tttt", name="Sở Thông tin và Truyền thông", short_name="Sở TT&TT")
    plan = Plan.objects.create(
        number="17/KH-UBND", title="Kế hoạch", year=2021, date_issued=D(2021, 1, 18), issuing_body=unit,
        coordinating_unit=unit,
    )
    task = Task.objects.create(plan=plan, code="2.1", title="Nghị quyết", time_frame="Quý II/2021")
    task.lead_units.add(unit)
    task.sync_periods()
    return task


def report(task, submitted, percent, completed=None):
    period = task.periods.get()
    return ProgressReport.objects.create(
        period=period, unit=task.lead_units.get(), text="…", percent_done=percent, completed_on=completed,
        submitted_at=timezone.make_aware(datetime.datetime.combine(submitted, datetime.time(9))),
    )


def status_on(task, day):
    return DuePeriod.objects.get(task=task).status(today=day)


def test_statuses_follow_dates_and_reports(task):
    assert status_on(task, D(2021, 5, 1)) == Status.NOT_STARTED
    assert status_on(task, D(2021, 7, 1)) == Status.OVERDUE
    report(task, D(2021, 5, 10), 40)
    assert status_on(task, D(2021, 5, 1)) == Status.NOT_STARTED  # the report did not exist yet
    assert status_on(task, D(2021, 6, 1)) == Status.IN_PROGRESS
    assert status_on(task, D(2021, 7, 1)) == Status.OVERDUE
    report(task, D(2021, 7, 5), 100, completed=D(2021, 6, 28))
    assert status_on(task, D(2021, 7, 6)) == Status.DONE_ON_TIME


def test_work_finished_after_the_deadline_is_done_late(task):
    report(task, D(2021, 8, 2), 100, completed=D(2021, 8, 1))
    assert status_on(task, D(2021, 7, 15)) == Status.OVERDUE
    assert status_on(task, D(2021, 8, 3)) == Status.DONE_LATE


def test_monthly_task_has_a_status_per_month(task):
    task.time_frame = "01 lần/tháng"
    task.save()
    task.sync_periods()
    statuses = [status for _period, status in task.period_statuses(D(2021, 3, 15))]
    assert len(statuses) == 12
    assert statuses[:2] == [Status.OVERDUE, Status.OVERDUE] and statuses[2:] == [Status.NOT_STARTED] * 10


S = Status
STATUS_CASES = [
    # time frame, day, reports (period label, percent, completed on, submitted on), statuses of the periods that day
    ("Quý II/2021", D(2021, 6, 1), [], [S.NOT_STARTED]),
    ("Quý II/2021", D(2021, 7, 1), [], [S.OVERDUE]),
    ("Từ quý I/2021", D(2021, 11, 1), [("Từ quý I/2021", 50, None, D(2021, 3, 1))], [S.IN_PROGRESS]),
    ("Cả năm 2021", D(2022, 1, 3), [("Năm 2021", 100, D(2021, 12, 30), D(2022, 1, 2))], [S.DONE_ON_TIME]),
    ("Quý/cuộc", D(2021, 5, 1), [("Quý I/2021", 100, D(2021, 4, 2), D(2021, 4, 3))],
     [S.DONE_LATE, S.NOT_STARTED, S.NOT_STARTED, S.NOT_STARTED]),
    ("Thường xuyên trong năm 2021", D(2021, 10, 15), [("Quý III/2021", 100, D(2021, 9, 20), D(2021, 9, 21))],
     [S.OVERDUE, S.OVERDUE, S.DONE_ON_TIME, S.NOT_STARTED]),
    ("01 lần/tháng", D(2021, 2, 10), [("Tháng 2/2021", 30, None, D(2021, 2, 5))],
     [S.OVERDUE, S.IN_PROGRESS] + [S.NOT_STARTED] * 10),
]  # fmt: skip


@pytest.mark.parametrize("time_frame, day, reports, expected", STATUS_CASES)
def test_status_on_a_given_day_for_each_kind_of_time_frame(task, time_frame, day, reports, expected):
    task.time_frame = time_frame
    task.save()
    task.sync_periods()
    for label, percent, completed, submitted in reports:
        ProgressReport.objects.create(
            period=task.periods.get(label=label), unit=task.lead_units.get(), text="…", percent_done=percent,
            completed_on=completed,
            submitted_at=timezone.make_aware(datetime.datetime.combine(submitted, datetime.time(9))),
        )
    assert [status for _period, status in task.period_statuses(day)] == expected
