"""Daily reminders reach the lead units before each due date and when late, and the coordinator before reports."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from plans.models import ReportingDeadline
from tests.plans.test_permissions import plan_setup  # noqa: F401


def run(day):
    out = StringIO()
    call_command("send_plan_reminders", date=day, stdout=out)
    return out.getvalue()


@pytest.fixture
def deadline(plan_setup):  # noqa: F811
    tasks, units, _clients = plan_setup
    plan = tasks["4.3"].plan
    ReportingDeadline.objects.create(
        plan=plan, kind="six_month", name="Báo cáo 6 tháng", due=datetime.date(2021, 6, 20),
        covers_from=datetime.date(2021, 1, 1), covers_to=datetime.date(2021, 6, 30),
    )
    return plan_setup


def test_lead_units_hear_seven_days_and_one_day_before_and_once_more_than_once(deadline):
    assert "0 reminders" in run("2021-12-20")
    run("2021-12-24")
    [to_newspaper] = [m for m in mail.outbox if m.to == ["bao@example.gov.vn"]]
    assert "4.3" in to_newspaper.subject and "7" in to_newspaper.subject and "31/12/2021" in to_newspaper.body
    recipients = sorted(address for message in mail.outbox for address in message.to)
    # 4.3 is led by the newspaper, 4.6 by tourism, 7.2 by the former ICT department, now science's.
    assert recipients == ["bao@example.gov.vn", "khcn@example.gov.vn", "vhttdl@example.gov.vn"]
    assert "0 reminders" in run("2021-12-24")  # the same day again: nothing twice
    run("2021-12-30")
    assert len(mail.outbox) == 6


def test_overdue_tasks_are_reminded_weekly_and_finished_ones_not(deadline):
    tasks, units, clients = deadline
    period = tasks["4.6"].periods.get()
    period.reports.create(
        unit=units["tourism"], text="Xong", percent_done=100, completed_on=datetime.date(2021, 12, 1),
        submitted_at=datetime.datetime(2021, 12, 2, 9, tzinfo=datetime.UTC),
    )
    run("2022-01-01")
    assert sorted(a for m in mail.outbox for a in m.to) == ["bao@example.gov.vn", "khcn@example.gov.vn"]
    mail.outbox.clear()
    assert "0 reminders" in run("2022-01-02")
    run("2022-01-08")
    assert len(mail.outbox) == 2


def test_the_coordinating_unit_hears_before_each_reporting_deadline(deadline, django_user_model):
    tasks, units, _clients = deadline
    coordinator = django_user_model.objects.create_user("tonghop", "tonghop@example.gov.vn", "password")
    units["science"].staff.add(coordinator)  # the successor of the plan's coordinating unit
    run("2021-06-13")
    [message] = [m for m in mail.outbox if "tonghop@example.gov.vn" in m.to]
    assert "Báo cáo 6 tháng" in message.subject and "20/06/2021" in message.subject


def test_reminders_are_plain_text_survive_a_mail_failure_and_a_leap_day(deadline, monkeypatch):
    tasks, _units, _clients = deadline
    tasks["4.3"].title_vi = 'Tin bài "đối ngoại" & ảnh'
    tasks["4.3"].save()

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("plans.reminders.send_mail", broken)
    assert "0 reminders" in run("2021-12-24")
    monkeypatch.undo()
    run("2021-12-24")  # the same day, once the mail server is back: nothing was lost
    [to_newspaper] = [m for m in mail.outbox if m.to == ["bao@example.gov.vn"]]
    assert 'Tin bài "đối ngoại" & ảnh' in to_newspaper.body
    assert "0 reminders" in run("2024-02-29")
