"""Unit staff report progress in two clicks: the dashboard's (or the task's) action opens the report form with
the task and its period chosen; evidence pages come from the page chooser and show as links."""

import datetime
import html
import io
import re

import docx
import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from plans.models import ProgressReport, ReportingDeadline, Task
from tests.plans import test_permissions
from tests.plans.test_permissions import NO_EVIDENCE_PAGES

plan_setup = test_permissions.plan_setup  # the fixture: a plan, its units and a client per role


def form_url(task, period):
    return f"{reverse('plan_reports:add')}?task={task.pk}&period={period.pk}"


def open_form(client, query):
    response = client.get(reverse("plan_reports:add") + query)
    assert response.status_code == 200
    return response.context["form"], response.content.decode()


def chosen(form, name):
    value = form[name].value()
    return int(value) if value else None


def use_english(username):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username=username))
    profile.preferred_language = "en"
    profile.save()


def test_the_dashboard_offers_to_report_on_each_task_my_unit_leads(plan_setup):
    tasks, _units, clients = plan_setup
    use_english("bao")
    page = clients["newspaper"].get("/admin/").content.decode()
    period = tasks["4.3"].periods.get()
    link = re.search(rf'<a [^>]*href="([^"]*)" data-report-progress="{tasks["4.3"].pk}">([^<]*)</a>', page)
    assert link, "no action for the task the newspaper leads"
    assert html.unescape(link[1]) == form_url(tasks["4.3"], period) and link[2] == "Report progress"
    assert f'data-report-progress="{tasks["4.6"].pk}"' not in page  # the tourism department's task


def test_the_dashboard_link_opens_the_form_with_the_task_its_period_and_my_unit_chosen(plan_setup):
    tasks, units, clients = plan_setup
    period = tasks["4.3"].periods.get()
    form, page = open_form(clients["newspaper"], f"?task={tasks['4.3'].pk}&period={period.pk}")
    assert (chosen(form, "period"), chosen(form, "unit")) == (period.pk, units["newspaper"].pk)
    assert f'<option value="{period.pk}" selected>4.3 – Nhiệm vụ 4.3 – Năm 2021</option>' in page


def test_the_successor_is_chosen_to_report_for_the_unit_it_took_over(plan_setup):
    tasks, units, clients = plan_setup
    form, _page = open_form(clients["science"], f"?task={tasks['7.2'].pk}")
    assert (chosen(form, "period"), chosen(form, "unit")) == (tasks["7.2"].periods.get().pk, units["science"].pk)


def test_a_task_alone_chooses_its_current_period(plan_setup):
    tasks, units, clients = plan_setup
    task = Task.objects.create(plan=tasks["4.3"].plan, code="4.4", title="Nhiệm vụ 4.4", time_frame="Quý/cuộc")
    task.lead_units.add(units["newspaper"])
    task.sync_periods()
    current, _status = task.current_status()
    assert task.periods.count() == 4
    form, _page = open_form(clients["newspaper"], f"?task={task.pk}")
    assert chosen(form, "period") == current.pk
    assert clients["newspaper"].get(reverse("plan_tasks:inspect", args=[task.pk])).content.decode().count(
        html.escape(form_url(task, current))
    ) == 1


@pytest.mark.parametrize(
    "task, period, expected",
    [
        ("abc", "own", None),  # not an id: nothing is chosen
        ("999999", "own", None),  # no such task
        ("99999999999999999999", "own", None),  # beyond any id the database holds
        ("own", "abc", "own"),  # a bad period: the task's current one
        ("own", "other", "own"),  # a period of another task (the newspaper's 7.2)
        ("own", "", "own"),
        ("", "own", None),  # a task that is not given cannot be chosen
    ],
)
def test_bad_values_in_the_address_are_ignored(plan_setup, task, period, expected):
    tasks, _units, clients = plan_setup
    values = {"own": tasks["4.3"], "other": tasks["7.2"]}
    ids = {key: str(value.pk) for key, value in values.items()}
    periods = {key: str(value.periods.get().pk) for key, value in values.items()}
    form, _page = open_form(clients["newspaper"], f"?task={ids.get(task, task)}&period={periods.get(period, period)}")
    assert chosen(form, "period") == (values[expected].periods.get().pk if expected else None)


def test_the_press_digest_still_fills_in_the_period_alone(plan_setup):
    tasks, _units, clients = plan_setup
    period = tasks["4.3"].periods.get()
    form, _page = open_form(clients["newspaper"], f"?period={period.pk}&text=T%E1%BB%95ng+h%E1%BB%A3p")
    assert (chosen(form, "period"), form["text"].value()) == (period.pk, "Tổng hợp")


def test_another_units_task_in_the_address_is_not_chosen_and_cannot_be_saved(plan_setup):
    tasks, units, clients = plan_setup
    period = tasks["4.6"].periods.get()
    form, page = open_form(clients["newspaper"], f"?task={tasks['4.6'].pk}&period={period.pk}")
    assert (chosen(form, "period"), chosen(form, "unit")) == (None, None)
    assert "Nhiệm vụ 4.6" not in page
    data = {"period": period.pk, "unit": units["newspaper"].pk, "text": "Của tôi", "percent_done": 10,
            "evidence_links": "", **NO_EVIDENCE_PAGES}
    response = clients["newspaper"].post(reverse("plan_reports:add"), data)
    assert response.status_code == 200 and "period" in response.context["form"].errors
    assert not ProgressReport.objects.exists()
    inspect = clients["newspaper"].get(reverse("plan_tasks:inspect", args=[tasks["4.6"].pk])).content.decode()
    assert "data-report-progress" not in inspect


def test_the_tasks_page_has_the_action_for_my_units_tasks(plan_setup):
    tasks, _units, clients = plan_setup
    use_english("bao")
    page = clients["newspaper"].get(reverse("plan_tasks:inspect", args=[tasks["4.3"].pk])).content.decode()
    link = re.search(r'<a href="([^"]*)"[^>]*data-report-progress="\d+"[^>]*>(.*?)</a>', page, re.S)
    assert link and html.unescape(link[1]) == form_url(tasks["4.3"], tasks["4.3"].periods.get())
    assert "Report progress" in link[2]


def test_period_choices_name_the_task_by_code_and_title(plan_setup):
    _tasks, _units, clients = plan_setup
    form, _page = open_form(clients["newspaper"], "")
    labels = [label for value, label in form.fields["period"].choices if value]
    assert labels == ["4.3 – Nhiệm vụ 4.3 – Năm 2021", "7.2 – Nhiệm vụ 7.2 – Năm 2021"]


def report_with_pages(client, task, unit, pages, links=""):
    data = {"period": task.periods.get().pk, "unit": unit.pk, "text": "Đã đăng 12 tin bài.", "percent_done": 50,
            "evidence_links": links}
    items = [{"page": page.pk, "ORDER": str(order)} for order, page in enumerate(pages, start=1)]
    data.update(nested_form_data({"evidence_page_items": inline_formset(items)}))
    return client.post(reverse("plan_reports:add"), data)


def test_evidence_pages_are_saved_in_the_order_chosen_and_shown_as_links(plan_setup, site_tree):
    tasks, units, clients = plan_setup
    response = report_with_pages(clients["newspaper"], tasks["4.3"], units["newspaper"],
                                 [site_tree.plan, site_tree.about], "https://baobackan.vn/tin-1 javascript:alert(1)")
    assert response.status_code == 302, response.context["form"].errors
    report = ProgressReport.objects.get()
    assert [page.pk for page in report.evidence_pages()] == [site_tree.plan.pk, site_tree.about.pk]

    inspect = clients["newspaper"].get(reverse("plan_reports:inspect", args=[report.pk])).content.decode()
    listing = clients["newspaper"].get(reverse("plan_reports:index")).content.decode()
    for page in (inspect, listing):
        assert '<a href="/vi/ke-hoach/">Kế hoạch</a>' in page
        assert '<a href="/vi/gioi-thieu/">Giới thiệu</a>' in page
        assert '<a href="https://baobackan.vn/tin-1">https://baobackan.vn/tin-1</a>' in page
        assert "javascript:alert(1)" in page and 'href="javascript:' not in page

    data = {"period": report.period_id, "unit": report.unit_id, "text": "Sửa", "percent_done": 60,
            "evidence_links": ""}
    removed, kept = report.evidence_page_items.all()
    data.update(nested_form_data({"evidence_page_items": inline_formset([
        {"id": removed.pk, "page": removed.page_id, "ORDER": "1", "DELETE": "1"},
        {"id": kept.pk, "page": kept.page_id, "ORDER": "2"},
    ], initial=2)}))  # fmt: skip
    response = clients["newspaper"].post(reverse("plan_reports:edit", args=[report.pk]), data)
    assert response.status_code == 302
    assert [page.pk for page in ProgressReport.objects.get().evidence_pages()] == [site_tree.about.pk]


def test_the_report_form_uses_the_page_chooser_for_evidence(plan_setup):
    _tasks, _units, clients = plan_setup
    _form, page = open_form(clients["newspaper"], "")
    assert 'name="evidence_page_items-TOTAL_FORMS"' in page and "wagtail.panels.MultipleChooserPanel" in page
    assert 'name="evidence_pages"' not in page  # no longer a select of every page


def test_listing_reports_with_evidence_does_not_query_per_report(plan_setup, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tasks, units, clients = plan_setup

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert clients["newspaper"].get(reverse("plan_reports:index")).status_code == 200
        return len(captured.captured_queries)

    report_with_pages(clients["newspaper"], tasks["4.3"], units["newspaper"], [site_tree.about, site_tree.plan])
    queries()  # caches (site root paths) warm up on the first request
    before = queries()
    for _ in range(4):
        report_with_pages(clients["newspaper"], tasks["4.3"], units["newspaper"], [site_tree.about, site_tree.plan])
    assert ProgressReport.objects.count() == 5 and queries() == before


def test_the_consolidated_report_lists_the_evidence_pages_reports_give(plan_setup, site_tree):
    from plans.documents import consolidated_report

    tasks, units, clients = plan_setup
    report_with_pages(clients["newspaper"], tasks["4.3"], units["newspaper"], [site_tree.about])
    ProgressReport.objects.update(submitted_at=datetime.datetime(2021, 12, 1, tzinfo=datetime.UTC))
    plan = tasks["4.3"].plan
    deadline = ReportingDeadline.objects.create(
        plan=plan, kind=ReportingDeadline.Kind.ANNUAL, name="Báo cáo năm 2021", due=datetime.date(2021, 12, 15),
        covers_from=datetime.date(2021, 1, 1), covers_to=datetime.date(2021, 12, 31),
    )  # fmt: skip
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(consolidated_report(plan, deadline))).paragraphs)
    assert f"Giới thiệu: {site_tree.about.full_url}" in text
