"""A progress report filed for a group of units ("Các cơ quan, đơn vị địa phương") belongs to the unit that
filed it: the group's other units read it, but only the filing unit and the coordinators change or delete it.

With the demo's users and units (plans/demo/users.py) on plan 17/KH-UBND as imported.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from plans.demo.users import ensure_users
from plans.models import ProgressReport, Task, Unit
from tests.plans.test_import import PLAN_FILE
from tests.plans.test_permissions import NO_EVIDENCE_PAGES

GROUP = "cac-co-quan-don-vi-dia-phuong"  # "Các cơ quan, đơn vị địa phương", which leads task 5.1


@pytest.fixture
def demo(db, django_user_model):
    call_command("import_plan", PLAN_FILE, stdout=StringIO())
    ensure_users("password")
    clients = {}
    for username in ("plan-portal", "plan-press", "plan-coordinator"):
        clients[username] = Client()
        clients[username].force_login(django_user_model.objects.get(username=username))
    return Task.objects.get(code="5.1"), Unit.objects.get(key=GROUP), clients


def refused(response):
    """The admin's answer to a forbidden request: back to the dashboard, with "no permission"."""
    return response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def report_data(task, unit, text, percent_done=50):
    return {"period": task.periods.get().pk, "unit": unit.pk, "text": text, "percent_done": percent_done,
            "evidence_links": "", **NO_EVIDENCE_PAGES}  # fmt: skip


def file_report(client, task, unit, text):
    response = client.post(reverse("plan_reports:add"), report_data(task, unit, text))
    assert response.status_code == 302, response.context["form"].errors
    return ProgressReport.objects.get(text=text)


def test_another_unit_of_the_group_can_neither_edit_nor_delete_the_report(demo):
    task, group, clients = demo
    report = file_report(clients["plan-portal"], task, group, "Trung tâm Công báo - Tin học đã đăng 40 tin.")
    edit_url = reverse("plan_reports:edit", args=[report.pk])
    press = clients["plan-press"]

    inspect = press.get(reverse("plan_reports:inspect", args=[report.pk]))
    assert inspect.status_code == 200 and edit_url not in inspect.content.decode()  # reads it, is not offered edit
    assert refused(press.get(edit_url))
    assert refused(press.post(edit_url, report_data(task, group, "Báo và PT-TH Bắc Kạn sửa báo cáo.", 100)))
    press.post(reverse("plan_reports:delete", args=[report.pk]))  # unit staff delete no report at all

    report.refresh_from_db()
    assert (report.text, report.percent_done) == ("Trung tâm Công báo - Tin học đã đăng 40 tin.", 50)
    listing = press.get(reverse("plan_reports:index")).content.decode()
    assert edit_url not in listing


def test_the_filing_unit_and_the_coordinators_edit_it(demo):
    task, group, clients = demo
    report = file_report(clients["plan-portal"], task, group, "Đã đăng 40 tin.")
    edit_url = reverse("plan_reports:edit", args=[report.pk])
    assert edit_url in clients["plan-portal"].get(reverse("plan_reports:index")).content.decode()
    assert edit_url in clients["plan-portal"].get(reverse("plan_reports:inspect", args=[report.pk])).content.decode()

    for username, text in (("plan-portal", "Đã đăng 45 tin."), ("plan-coordinator", "Đã đăng 46 tin.")):
        response = clients[username].post(edit_url, report_data(task, group, text))
        assert response.status_code == 302, response.context["form"].errors
        report.refresh_from_db()
        assert report.text == text
    assert clients["plan-coordinator"].post(reverse("plan_reports:delete", args=[report.pk])).status_code == 302
    assert not ProgressReport.objects.exists()


def test_each_unit_of_the_group_keeps_its_own_report_on_the_same_task(demo):
    task, group, clients = demo
    portal = file_report(clients["plan-portal"], task, group, "Trung tâm Công báo - Tin học: 40 tin.")
    press = file_report(clients["plan-press"], task, group, "Báo và PT-TH Bắc Kạn: 12 phóng sự.")

    response = clients["plan-press"].post(
        reverse("plan_reports:edit", args=[press.pk]), report_data(task, group, "Báo và PT-TH Bắc Kạn: 15 phóng sự.")
    )
    assert response.status_code == 302
    assert refused(clients["plan-press"].get(reverse("plan_reports:edit", args=[portal.pk])))
    assert refused(clients["plan-portal"].get(reverse("plan_reports:edit", args=[press.pk])))
    assert sorted(ProgressReport.objects.values_list("text", flat=True)) == [
        "Báo và PT-TH Bắc Kạn: 15 phóng sự.",
        "Trung tâm Công báo - Tin học: 40 tin.",
    ]
