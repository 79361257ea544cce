"""Unit staff see every task and write reports only where their unit leads or coordinates, over HTTP."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from plans.models import Plan, ProgressReport, Task, Unit  # noqa: F401

NO_EVIDENCE_PAGES = nested_form_data({"evidence_page_items": inline_formset([])})  # the chooser's empty formset


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
    data = {"period": period.pk, "unit": unit.pk, "text": text, "percent_done": 50, "evidence_links": "",
            **NO_EVIDENCE_PAGES}
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
            "completed_on": "2021-06-01", "evidence_links": "", **NO_EVIDENCE_PAGES}
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


@pytest.mark.parametrize(
    "query, found",
    [
        ("4.6", "Nhiệm vụ 4.6"),
        ("Nhiệm vụ 4.3", "Nhiệm vụ 4.3"),
        ("Báo Bắc Kạn", "Nhiệm vụ 4.3"),  # the lead unit
        ("cơ quan báo chí", "Nhiệm vụ 7.2"),  # a coordinating unit
    ],
)
def test_staff_find_tasks_by_code_title_or_unit(plan_setup, query, found):
    _tasks, _units, clients = plan_setup
    html = clients["tourism"].get(reverse("plan_tasks:index"), {"q": query}).content.decode()
    assert set(re.findall(r"Nhiệm vụ \d\.\d", html)) == {found}


def test_staff_cannot_take_over_another_units_report_through_its_edit_page(plan_setup):
    tasks, units, clients = plan_setup
    submit(clients["tourism"], tasks["4.6"], units["tourism"])
    report = ProgressReport.objects.get()
    url = reverse("plan_reports:edit", args=[report.pk])
    assert clients["newspaper"].get(url).status_code in (302, 403)
    data = {"period": tasks["4.3"].periods.get().pk, "unit": units["newspaper"].pk, "text": "Của tôi",
            "percent_done": 10, "evidence_links": "", **NO_EVIDENCE_PAGES}
    clients["newspaper"].post(url, data)
    report.refresh_from_db()
    assert (report.period.task.code, report.unit, report.text) == ("4.6", units["tourism"], "Đã đăng 12 tin bài.")
    assert clients["newspaper"].post(reverse("plan_reports:delete", args=[report.pk])).status_code in (302, 403)
    assert ProgressReport.objects.filter(pk=report.pk).exists()


def test_a_report_names_a_unit_assigned_to_its_task(plan_setup):
    tasks, units, clients = plan_setup
    press = Unit.objects.get(key="cac-co-quan-bao-chi")
    press.staff.add(ProgressReport._meta.get_field("submitted_by").related_model.objects.get(username="bao"))
    response = submit(clients["newspaper"], tasks["4.3"], press)  # the newspaper leads 4.3; the press group does not
    assert "unit" in response.context["form"].errors and not ProgressReport.objects.exists()


def test_only_the_coordinating_department_puts_a_report_on_the_portal(plan_setup):
    tasks, units, clients = plan_setup
    period = tasks["4.3"].periods.get()
    data = {"period": period.pk, "unit": units["newspaper"].pk, "text": "Tin bài", "percent_done": 50,
            "evidence_links": "", "published": "on", **NO_EVIDENCE_PAGES}
    clients["newspaper"].post(reverse("plan_reports:add"), data)
    report = ProgressReport.objects.get()
    assert not report.published
    data["published"] = "on"
    clients["coordinator"].post(reverse("plan_reports:edit", args=[report.pk]), data)
    report.refresh_from_db()
    assert report.published


def test_tasks_added_in_the_admin_get_their_due_periods(plan_setup):
    tasks, units, clients = plan_setup
    data = {"plan": tasks["4.3"].plan_id, "code": "9", "title_vi": "Thi đua khen thưởng", "time_frame": "Quý IV/2021",
            "lead_units": [units["tourism"].pk], "content_vi": ""}
    response = clients["coordinator"].post(reverse("plan_tasks:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    task = Task.objects.get(code="9")
    assert [str(p.due) for p in task.periods.all()] == ["2021-12-31"]
    data.update(time_frame="01 lần/tháng")
    clients["coordinator"].post(reverse("plan_tasks:edit", args=[task.pk]), data)
    assert task.periods.count() == 12


def test_plans_are_edited_with_their_reporting_deadlines_and_units_in_use_are_not_deleted(plan_setup):
    tasks, units, clients = plan_setup
    plan = tasks["4.3"].plan
    assert clients["coordinator"].get(reverse("plans:edit", args=[plan.pk])).status_code == 200
    assert clients["coordinator"].get(reverse("plans:add")).status_code == 200
    response = clients["coordinator"].post(reverse("plan_units:delete", args=[units["old_ict"].pk]), follow=True)
    assert response.status_code == 200 and Unit.objects.filter(pk=units["old_ict"].pk).exists()


def test_a_unit_cannot_succeed_itself(plan_setup):
    from django.core.exceptions import ValidationError

    _tasks, units, _clients = plan_setup
    science = units["science"]
    science.successor = units["old_ict"]  # which science already succeeds
    with pytest.raises(ValidationError):
        science.full_clean()


@pytest.mark.parametrize("overdue, shown", [("true", {"4.6", "7.2"}), ("false", {"4.3"})])
def test_the_task_list_filters_overdue_tasks(plan_setup, overdue, shown):
    tasks, units, clients = plan_setup
    ProgressReport.objects.create(
        period=tasks["4.3"].periods.get(), unit=units["newspaper"], text="Xong.", percent_done=100,
        completed_on=datetime.date(2021, 6, 1),
    )
    response = clients["coordinator"].get(reverse("plan_tasks:index"), {"overdue": overdue})
    assert response.status_code == 200
    html = response.content.decode()
    assert {code for code in ("4.3", "4.6", "7.2") if f"Nhiệm vụ {code}" in html} == shown


def test_units_and_their_details_say_yes_or_no_in_vietnamese(plan_setup):
    _tasks, units, clients = plan_setup
    listing = clients["coordinator"].get(reverse("plan_units:index")).content.decode()
    details = clients["coordinator"].get(reverse("plan_units:inspect", args=[units["tourism"].pk])).content.decode()
    for html in (listing, details):
        assert "Có" in html
        assert not re.search(r">\s*(True|False|None)\s*<", html)
