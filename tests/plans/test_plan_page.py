"""The plan on the portal, in each language, with what staff chose to publish; and the dashboard panel."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from plans.models import PlanPage, ProgressReport, Unit
from plans.panels import MyUnitTasksPanel
from tests.conftest import LANGUAGES
from tests.factories import localized, make_article
from tests.plans.test_import import import_file


@pytest.fixture
def plan_page(site_tree):
    import_file()
    from plans.models import Plan

    plan = Plan.objects.get()
    page = PlanPage(
        **localized("title", {"vi": "Kế hoạch 2021", "en": "Plan 2021", "lo": "ແຜນ 2021", "km": "ផែនការ 2021"}),
        **localized("slug", {code: "plan-2021" for code in LANGUAGES}),
        plan=plan,
    )
    site_tree.home.add_child(instance=page)
    page.save_revision().publish()
    friendship = plan.tasks.get(code="7.3")
    period = friendship.periods.get()
    centre = Unit.objects.get(key="trung-tam-cong-bao-tin-hoc")
    period.reports.create(unit=centre, text="Đăng 6 tin bài bằng tiếng Lào và tiếng Khmer.", percent_done=80,
                          published=True)
    period.reports.create(unit=centre, text="Ghi chú nội bộ.", percent_done=10, published=False)
    return page, plan


@pytest.mark.parametrize("language", LANGUAGES)
def test_plan_page_lists_every_task_and_the_published_progress(client, plan_page, language):
    _page, plan = plan_page
    html = client.get(f"/{language}/plan-2021/").content.decode()
    assert html.count('class="plan-task"') == 24
    assert "Đăng 6 tin bài bằng tiếng Lào và tiếng Khmer." in html and "Ghi chú nội bộ." not in html
    task = plan.tasks.get(code="7.3")
    title = task.title_vi if language == "vi" else task.title_en
    assert title in html
    if language in ("lo", "km"):  # task titles exist in Vietnamese and English only
        assert f'id="task-{task.pk}" lang="en"' in html


def test_publishing_the_plan_page_goes_through_the_editorial_workflow(plan_page):
    page, _plan = plan_page
    assert page.get_workflow().name == "Quy trình duyệt hai bước: Ban Biên tập Cổng thông tin"


def test_pages_that_fulfil_a_task_appear_as_its_evidence(client, plan_page, site_tree):
    _page, plan = plan_page
    from tests.factories import make_section

    news = make_section(site_tree.home, {"vi": "Tin tức", "en": "News"}, {"vi": "tin-tuc", "en": "news"})
    article = make_article(news, {"vi": "Giao lưu hữu nghị Việt – Lào", "en": "Viet–Lao friendship exchange"},
                           {"vi": "giao-luu", "en": "exchange"}, datetime.date(2021, 4, 16),
                           plan_task=plan.tasks.get(code="7.3"))
    html = client.get("/en/plan-2021/").content.decode()
    assert "Viet–Lao friendship exchange</a>" in html
    assert list(plan.tasks.get(code="7.3").evidence_pages()) == [article]


def test_plan_page_query_count_does_not_grow_with_reports(client, plan_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _page, plan = plan_page

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/vi/plan-2021/").status_code == 200
        return len(captured.captured_queries)

    queries()  # caches (site root paths, settings) warm up on the first request
    before = queries()
    for period in plan.tasks.get(code="5.3").periods.all():
        period.reports.create(
            unit=Unit.objects.get(key="so-tttt"), text="Tổng hợp tháng.", percent_done=100, published=True
        )
    assert queries() == before <= 40


def test_dashboard_shows_the_tasks_my_unit_leads(db, django_user_model):
    import_file()
    user = django_user_model.objects.create_user("portal", "portal@example.gov.vn", "password")
    user.groups.add(Group.objects.get(name="Kế hoạch TTĐN: Cán bộ đơn vị"))
    Unit.objects.get(key="trung-tam-cong-bao-tin-hoc").staff.add(user)
    due_soon, overdue = MyUnitTasksPanel(user, today=datetime.date(2021, 12, 10)).rows()
    # 4.2 and 7.3 it leads; 5.1 and 5.4 every agency leads. 5.4 is quarterly: three quarters are past.
    assert [(p.task.code, p.label) for p, _s in due_soon] == [
        ("4.2", "Năm 2021"), ("5.1", "Năm 2021"), ("5.4", "Quý IV/2021"), ("7.3", "Năm 2021")
    ]
    assert [(p.task.code, p.label) for p, _s in overdue] == [
        ("5.4", "Quý I/2021"), ("5.4", "Quý II/2021"), ("5.4", "Quý III/2021")
    ]
    ProgressReport.objects.create(
        period=due_soon[0][0], unit=Unit.objects.get(key="trung-tam-cong-bao-tin-hoc"), text="Xong",
        percent_done=100, completed_on=datetime.date(2021, 12, 1),
        submitted_at=datetime.datetime(2021, 12, 2, tzinfo=datetime.UTC),
    )
    _due_soon, overdue = MyUnitTasksPanel(user, today=datetime.date(2022, 1, 5)).rows()
    assert "4.2" not in {p.task.code for p, _s in overdue} and "7.3" in {p.task.code for p, _s in overdue}
    client = Client()
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert "7.3. Thông tin đối ngoại với Lào và Campuchia" in html


def time_frames(html):
    """Each task's code and its time frame as the page shows it."""
    from lxml import html as lxml_html

    document = lxml_html.fromstring(html)
    found = {}
    for section in document.xpath('//section[@class="plan-task"]'):
        code = section.xpath("string(h2|h3)").split(". ")[0]
        found[code] = " ".join(section.xpath("string(.//dl/dd[last()])").split())  # the time frame comes last
    return found


@pytest.mark.parametrize("language", ["en", "lo", "km"])
def test_time_frames_and_periods_are_in_the_readers_language(client, plan_page, language):
    from django.utils import translation
    from django.utils.translation import gettext

    html = client.get(f"/{language}/plan-2021/").content.decode()
    with translation.override(language):
        quarter = gettext("Q%(quarter)s %(year)s") % {"quarter": 2, "year": 2021}
        monthly = gettext("Every month in %(year)s") % {"year": 2021}
        year = gettext("Year %(year)s") % {"year": 2021}
    if language == "en":
        assert (quarter, monthly, year) == ("Q2 2021", "Every month in 2021", "Year 2021")
    frames = time_frames(html)
    assert frames["3"].startswith(f"{quarter} (") and frames["5.3"].startswith(f"{monthly} (")
    assert "Quý II/2021" not in html and "01 lần/tháng" not in html
    # The published report of 7.3 is for the year: its period named in the reader's language, its
    # Vietnamese text marked as Vietnamese, with a note saying so.
    assert f"<strong>{year}</strong>" in html and "<strong>Năm 2021</strong>" not in html
    assert re.search(r'<p class="plan-note">[^<]+</p>\s*<p lang="vi">Đăng 6 tin bài', html)


def test_vietnamese_readers_see_the_plans_own_wording(client, plan_page):
    html = client.get("/vi/plan-2021/").content.decode()
    frames = time_frames(html)
    assert frames["3"].startswith("Quý II/2021 (") and frames["7.1"].startswith("Quý III năm 2021 (")
    assert "<strong>Năm 2021</strong>" in html and 'class="plan-note"' not in html
