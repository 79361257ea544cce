"""Two people change the same plan record: saving a form loaded before the other's save is refused, naming what
the other changed, instead of silently undoing it; the refused form keeps its input."""

import html

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from plans.models import ProgressReport
from tests.home.test_edit_conflicts import loaded_form, loaded_form_of
from tests.plans import test_permissions
from tests.plans.test_permissions import NO_EVIDENCE_PAGES, submit
from tests.plans.test_report_progress import use_english

plan_setup = test_permissions.plan_setup  # the fixture: a plan, its units and a client per role


def second_coordinator(django_user_model):
    user = django_user_model.objects.create_user("dieuphoi2", "dieuphoi2@example.gov.vn", "password")
    user.groups.add(Group.objects.get(name="Kế hoạch TTĐN: Điều phối"))
    use_english("dieuphoi2")
    client = Client()
    client.force_login(user)
    return client


def task_data(task, **changes):
    data = {
        "plan": task.plan_id, "code": task.code, "parent": task.parent_id or "", "time_frame": task.time_frame,
        "title_vi": task.title_vi, "title_en": task.title_en or "", "content_vi": task.content_vi or "",
        "content_en": task.content_en or "", "lead_units": [unit.pk for unit in task.lead_units.all()],
        "coordinating_units": [unit.pk for unit in task.coordinating_units.all()],
    }  # fmt: skip
    return {**data, **changes}


def test_a_stale_task_form_is_refused_and_keeps_the_other_coordinators_title(plan_setup, django_user_model):
    tasks, _units, clients = plan_setup
    task = tasks["4.6"]
    url = reverse("plan_tasks:edit", args=[task.pk])
    a, b = clients["coordinator"], second_coordinator(django_user_model)
    a_loaded, b_loaded = loaded_form(a, url), loaded_form(b, url)
    b_data = {**task_data(task, time_frame="Quý IV/2021", content_vi="Nội dung của B."), **b_loaded}

    response = a.post(url, {**task_data(task, title_vi="Quảng bá du lịch (A)"), **a_loaded})
    assert response.status_code == 302
    response = b.post(url, b_data)
    assert response.status_code == 200
    page_html = html.unescape(response.content.decode())
    assert "Someone else saved this task after you opened it" in page_html
    assert "They changed: title [vi]." in page_html and f'href="{url}"' in page_html
    assert 'value="Quý IV/2021"' in page_html and "Nội dung của B." in page_html  # B's input is kept
    task.refresh_from_db()
    assert (task.title_vi, task.time_frame) == ("Quảng bá du lịch (A)", "Cả năm 2021")

    assert b.post(url, {**b_data, **loaded_form_of(response.content.decode())}).status_code == 302
    task.refresh_from_db()
    assert task.time_frame == "Quý IV/2021"


def test_a_coordinator_cannot_undo_a_units_newer_report_from_a_stale_form(plan_setup, django_user_model):
    tasks, units, clients = plan_setup
    submit(clients["newspaper"], tasks["4.3"], units["newspaper"], text="Đã đăng 12 tin bài.")
    report = ProgressReport.objects.get()
    url = reverse("plan_reports:edit", args=[report.pk])
    a, b = clients["newspaper"], second_coordinator(django_user_model)
    a_loaded, b_loaded = loaded_form(a, url), loaded_form(b, url)
    data = {"period": report.period_id, "unit": report.unit_id, "percent_done": 50, "evidence_links": "",
            **NO_EVIDENCE_PAGES}  # fmt: skip

    assert a.post(url, {**data, "text": "Đã đăng 20 tin bài.", **a_loaded}).status_code == 302
    response = b.post(url, {**data, "text": "Đã đăng 12 tin bài.", "published": "on", **b_loaded})
    assert response.status_code == 200
    assert "They changed: results." in html.unescape(response.content.decode())
    report.refresh_from_db()
    assert (report.text, report.published) == ("Đã đăng 20 tin bài.", False)
