"""Unit staff see every task and write reports only where their unit leads or coordinates, over HTTP."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from plans.models import Plan, ProgressReport, Task, Unit


def unit(key, name, **kwargs):
    return Unit.objects.create(key=key, name=name, short_name=name, **kwargs)


@pytest.fixture
def plan_setup(db, django_user_model):
    press = unit("cac-co-quan-bao-chi", "Các cơ quan báo chí của tỉnh", kind=Unit.Kind.COLLECTIVE)
    newspaper = unit("bao-bac-kan", "Báo Bắc Kạn", kind=Unit.Kind.PRESS)
    newspaper.part_of.add(press)
    tourism = unit("so-vhttdl", "Sở VHTTDL")
    old_ict = unit("so-tttt", "Sở TT&TT", active=False)
    science = unit("so-khcn", "Sở KH&CN")
    old_ict.successor = science
    old_ict.save()
    plan = Plan.objects.create(
        number="17/KH-UBND", title="Kế hoạch", year=2021, date_issued=datetime.date(2021, 1, 18),
        issuing_body=old_ict, coordinating_unit=old_ict,
    )
    tasks = {}
    for code, lead, coordinating in (("4.3", newspaper, None), ("4.6", tourism, None), ("7.2", old_ict, press)):
        task = Task.objects.create(plan=plan, code=code, title=f"Nhiệm vụ {code}", time_frame="Cả năm 2021")
        task.lead_units.add(lead)
        if coordinating:
            task.coordinating_units.add(coordinating)
        task.sync_periods()
        tasks[code] = task

    def staff(username, member_of, group="Kế hoạch TTĐN: Cán bộ đơn vị"):
        user = django_user_model.objects.create_user(username, f"{username}@example.gov.vn", "password")
        user.groups.add(Group.objects.get(name=group))
        if member_of:
            member_of.staff.add(user)
        client = Client()
        client.force_login(user)
        return client

    clients = {
        "newspaper": staff("bao", newspaper),
        "tourism": staff("vhttdl", tourism),
        "science": staff("khcn", science),
        "coordinator": staff("dieuphoi", None, group="Kế hoạch TTĐN: Điều phối"),
    }
    units = {"newspaper": newspaper, "tourism": tourism, "science": science, "old_ict": old_ict}
    return tasks, units, clients


def submit(client, task, unit, text="Đã đăng 12 tin bài."):
    period = task.periods.get()
    data = {"period": period.pk, "unit": unit.pk, "text": text, "percent_done": 50, "evidence_links": ""}
    return client.post(reverse("plan_reports:add"), data)


def test_unit_staff_see_every_task(plan_setup):
    _tasks, _units, clients = plan_setup
    html = clients["tourism"].get(reverse("plan_tasks:index")).content.decode()
    assert all(f"Nhiệm vụ {code}" in html for code in ("4.3", "4.6", "7.2"))


@pytest.mark.parametrize(
    "who, code, unit_key, allowed",
    [
        ("newspaper", "4.3", "newspaper", True),  # leads it
        ("newspaper", "7.2", "newspaper", True),  # coordinates it, as one of the province's press
        ("newspaper", "4.6", "newspaper", False),  # another unit's task
        ("newspaper", "4.3", "tourism", False),  # in another unit's name
        ("science", "7.2", "old_ict", True),  # the successor reports for the unit it took over
        ("tourism", "7.2", "tourism", False),
        ("coordinator", "4.6", "tourism", True),  # the coordinating department writes for anyone
    ],
)
def test_who_may_write_a_progress_report(plan_setup, who, code, unit_key, allowed):
    tasks, units, clients = plan_setup
    response = submit(clients[who], tasks[code], units[unit_key])
    created = ProgressReport.objects.filter(period__task=tasks[code], unit=units[unit_key]).exists()
    assert created is allowed
    if not allowed:
        assert response.status_code == 200 and response.context["form"].errors


def test_staff_cannot_edit_another_units_report_but_the_coordinator_can(plan_setup):
    tasks, units, clients = plan_setup
    submit(clients["tourism"], tasks["4.6"], units["tourism"])
    report = ProgressReport.objects.get()
    assert report.submitted_by.username == "vhttdl"
    url = reverse("plan_reports:edit", args=[report.pk])
    data = {"period": report.period_id, "unit": report.unit_id, "text": "Sửa", "percent_done": 100,
            "completed_on": "2021-06-01", "evidence_links": ""}
    clients["newspaper"].post(url, data)
    assert ProgressReport.objects.get().text == "Đã đăng 12 tin bài."
    assert clients["newspaper"].get(reverse("plan_reports:inspect", args=[report.pk])).status_code == 200
    clients["coordinator"].post(url, data)
    assert ProgressReport.objects.get().percent_done == 100


def test_task_inspect_view_shows_periods_reports_and_history(plan_setup):
    tasks, units, clients = plan_setup
    submit(clients["newspaper"], tasks["4.3"], units["newspaper"])
    html = clients["newspaper"].get(reverse("plan_tasks:inspect", args=[tasks["4.3"].pk])).content.decode()
    assert "Năm 2021:" in html and "Báo Bắc Kạn (50%): Đã đăng 12 tin bài." in html
    report = ProgressReport.objects.get()
    history = clients["coordinator"].get(reverse("plan_reports:history", args=[report.pk])).content.decode()
    assert "bao" in history


@pytest.mark.parametrize("query, found", [("4.6", "Nhiệm vụ 4.6"), ("Báo Bắc Kạn", "Nhiệm vụ 4.3")])
def test_staff_find_tasks_by_code_or_unit(plan_setup, query, found):
    _tasks, _units, clients = plan_setup
    html = clients["tourism"].get(reverse("plan_tasks:index"), {"q": query}).content.decode()
    assert set(re.findall(r"Nhiệm vụ \d\.\d", html)) == {found}
