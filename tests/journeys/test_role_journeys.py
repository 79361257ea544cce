"""Each role's daily work, done through the admin in Chromium as that user (never a superuser).

The script tests/browser/journeys.mjs drives the browser; these tests prepare what comes before
the role's step and check what the user and the readers then see. Each journey's last screen is
saved to var/journeys/ (JOURNEY_SCREENSHOTS overrides) for a reviewer to look at. Signing in is
as in production: attempts are counted, and approvers and coordinators give a code from their
authenticator app.
"""

import datetime
import io
import json
import os
from pathlib import Path

import docx
import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image
from wagtail.models import Page

from news.models import ArticlePage
from plans.models import Plan, ProgressReport, Unit
from tests.accounts.totp import code
from tests.browser.tools import (
    IN_CHROMIUM,
    ROOT,
    drive,
    leave_migrated_data,  # noqa: F401  (a fixture)
)
from tests.factories import make_article
from tests.home.editorial import make_sections, make_user
from tests.plans.test_import import import_file

pytestmark = [*IN_CHROMIUM, pytest.mark.usefixtures("sign_in_as_in_production")]

PASSWORD = "journey password 2021"
SCREENSHOTS = Path(os.environ.get("JOURNEY_SCREENSHOTS", ROOT / "var" / "journeys"))
ARTICLE = {
    "vi": {"title": "Hội chợ ẩm thực Bắc Kạn", "summary": "Hơn 40 gian hàng đặc sản của tỉnh tại hội chợ."},
    "en": {"title": "Bắc Kạn food fair", "summary": "More than 40 stalls of the province's specialities at the fair."},
}
LAO = {"title": "ງານວາງສະແດງອາຫານບັກກັນ", "summary": "ຫຼາຍກວ່າ 40 ຮ້ານອາຫານພິເສດຂອງແຂວງຢູ່ງານວາງສະແດງ."}


@pytest.fixture
def sign_in_as_in_production(settings):
    settings.AXES_ENABLED = True
    settings.TWO_FACTOR_REQUIRED = True


def journey(live_server, name, user, **params):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    params = {"username": user.username, "password": PASSWORD, **params}
    return drive("journeys.mjs", live_server, name, json.dumps(params), SCREENSHOTS / f"{name}.png")


@pytest.fixture
def newsroom(site_tree, django_user_model):
    sections, _leaves = make_sections(site_tree.home)
    people = {}
    for role in ("contributors", "reviewers", "translators", "approvers"):
        people[role] = make_user(django_user_model, f"news-{role}", "editorial", role)
        people[role].set_password(PASSWORD)
        people[role].save()
    return sections["editorial"], people


def article_in_review(section, author):
    """The contributor's new article, submitted: it waits at the first step."""
    article = ArticlePage(date=datetime.date(2026, 11, 20), owner=author, live=False,
                          **{f"{field}_{code}": text[field] for code, text in ARTICLE.items() for field in text},
                          slug_vi="hoi-cho-am-thuc", slug_en="food-fair")
    section.add_child(instance=article)
    article.save_revision(user=author)
    article.get_workflow().start(article, author)
    return article


def step(page, user, comment=""):
    page = Page.objects.get(pk=page.pk).specific
    page.current_workflow_task.on_action(page.current_workflow_task_state, user, "approve", comment=comment)


def test_contributor_writes_an_article_in_two_languages_with_a_photo_and_submits_it(newsroom, live_server, tmp_path):
    section, people = newsroom
    photo = tmp_path / "hoi-cho.png"
    Image.new("RGB", (640, 400), (30, 110, 80)).save(photo)
    report = journey(live_server, "contributor", people["contributors"], section=section.pk, text=ARTICLE,
                     date="2026-11-20", image=str(photo), image_title="Gian hàng hội chợ", ready=["en"])

    assert report["chosen_image"] == "Gian hàng hội chợ"
    article = ArticlePage.objects.latest("pk").get_latest_revision_as_object()
    assert (article.title_vi, article.title_en) == (ARTICLE["vi"]["title"], ARTICLE["en"]["title"])
    assert not article.live
    assert article.slug_vi.isascii()
    assert article.is_ready("en") and not article.is_ready("lo")
    assert article.hero_image.title == "Gian hàng hội chợ"
    assert article.current_workflow_task.name.startswith("Biên tập")
    assert [people["reviewers"].email] in [message.to for message in mail.outbox]


def test_reviewer_approves_the_first_step_with_a_comment(newsroom, live_server):
    section, people = newsroom
    article = article_in_review(section, people["contributors"])
    mail.outbox.clear()
    report = journey(live_server, "reviewer", people["reviewers"], page=article.pk, title=ARTICLE["vi"]["title"],
                     comment="Ảnh đẹp, chuyển lãnh đạo duyệt.")

    assert report["dashboard_lists_page"]
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.current_workflow_task.name.startswith("Lãnh đạo duyệt") and not article.live
    to_author = [m for m in mail.outbox if people["contributors"].email in m.to]
    assert to_author and "Ảnh đẹp, chuyển lãnh đạo duyệt." in to_author[0].body


def test_approver_publishes_and_the_article_is_live_in_vietnamese_and_english_only(newsroom, live_server, client):
    section, people = newsroom
    article = article_in_review(section, people["contributors"])
    step(article, people["reviewers"], "Ảnh đẹp.")
    mail.outbox.clear()
    report = journey(live_server, "approver", people["approvers"], page=article.pk, comment="Đồng ý đăng.")

    assert report["two_factor"] == "set up"  # their first sign-in: the key from the page, into their app
    assert TOTPDevice.objects.get(user=people["approvers"]).confirmed
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live and not article.has_unpublished_changes
    vietnamese = client.get("/vi/news/hoi-cho-am-thuc/").content.decode()
    assert ARTICLE["vi"]["title"] in vietnamese
    assert ARTICLE["en"]["title"] in client.get("/en/news/food-fair/").content.decode()
    assert 'hreflang="en"' in vietnamese and 'hreflang="lo"' not in vietnamese
    to_author = [m for m in mail.outbox if people["contributors"].email in m.to]
    assert to_author and "Đồng ý đăng." in to_author[-1].body


def read_in_lao(client, page):
    with translation.override("lo"):
        url = Page.objects.get(pk=page.pk).specific.url
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_translator_adds_lao_then_withdraws_it(newsroom, live_server, client):
    section, people = newsroom
    article = make_article(section, {code: text["title"] for code, text in ARTICLE.items()},
                           {"vi": "hoi-cho-am-thuc", "en": "food-fair"}, datetime.date(2026, 11, 20))

    def approve_both_steps():
        step(article, people["reviewers"])
        step(article, people["approvers"])

    report = journey(live_server, "translator", people["translators"], page=article.pk, language="lo",
                     text=LAO, ready=True)
    assert report["ready_checkboxes"] == 1
    approve_both_steps()
    lao = read_in_lao(client, article)
    assert LAO["title"] in lao and 'class="fallback-notice"' not in lao

    journey(live_server, "translator", people["translators"], page=article.pk, language="lo", ready=False)
    assert 'class="fallback-notice"' not in read_in_lao(client, article)  # not yet approved
    approve_both_steps()
    lao = read_in_lao(client, article)
    assert 'class="fallback-notice"' in lao and LAO["title"] not in lao
    latest = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert latest.title_lo == LAO["title"] and not latest.is_ready("lo")  # the text is kept for later


@pytest.fixture
def plan(site_tree, django_user_model):
    import_file()
    plan = Plan.objects.get()
    staff = django_user_model.objects.create_user("bao-bac-kan", "bbk@example.gov.vn", PASSWORD)
    staff.groups.add(Group.objects.get(name="Kế hoạch TTĐN: Cán bộ đơn vị"))
    Unit.objects.get(key="bao-bac-kan").staff.add(staff)
    return plan, staff


def test_unit_staff_report_progress_from_the_dashboard_with_evidence(plan, live_server, site_tree, django_user_model):
    plan, staff = plan
    section = make_sections(site_tree.home)[0]["editorial"]
    evidence = make_article(section, {"vi": "Báo Bắc Kạn ra chuyên mục đối ngoại", "en": "Foreign affairs column"},
                            {"vi": "chuyen-muc-doi-ngoai", "en": "column"}, datetime.date(2021, 3, 1))
    radio = Unit.objects.get(key="dai-ptth-bac-kan")
    other = ProgressReport.objects.create(period=plan.tasks.get(code="4.4").periods.first(), unit=radio,
                                          text="Đài đã phát 20 phóng sự.", percent_done=40)
    task = plan.tasks.get(code="7.2")
    report = journey(live_server, "unit_staff", staff, task=task.pk, text="Đã đăng 12 tin bài về Lào.", percent=60,
                     evidence_search="chuyên mục", evidence=evidence.pk,
                     other_report=reverse("plan_reports:edit", args=[other.pk]))

    assert report["form_task"].startswith("7.2")
    assert report["chosen_evidence"] == [evidence.title_vi]
    saved = ProgressReport.objects.get(unit__key="bao-bac-kan")
    assert saved.period.task == task and saved.percent_done == 60
    assert [page.pk for page in saved.evidence_pages()] == [evidence.pk]
    assert report["other_report_status"] in (403, 404) or report["other_report_url"] == "/admin/"
    assert ProgressReport.objects.get(pk=other.pk).text == "Đài đã phát 20 phóng sự."


def test_coordinator_downloads_the_six_month_report_and_an_export(plan, live_server, django_user_model, tmp_path):
    plan, _staff = plan
    coordinator = django_user_model.objects.create_user("dieu-phoi", "dp@example.gov.vn", PASSWORD)
    coordinator.groups.add(Group.objects.get(name="Kế hoạch TTĐN: Điều phối"))
    device = TOTPDevice.objects.create(user=coordinator, name="authenticator", confirmed=True)
    six_month = plan.reporting_deadlines.get(kind="six_month")
    report = journey(live_server, "coordinator", coordinator, code=code(device), folder=str(tmp_path), links=[
        {"page": reverse("plan_consolidated_reports"),
         "selector": f'a[href="{reverse("plan_consolidated_report", args=[six_month.pk])}"]'},
        {"page": reverse("plan_unit_status") + f"?plan={plan.pk}", "selector": 'a[href*="export=xlsx"]',
         "menu": 'header [data-w-dropdown-target="toggle"]'},
    ])

    assert report["two_factor"] == "verified"
    word, sheet = report["downloads"]
    assert word["name"] == "bao-cao-6-thang-2021.docx"
    text = "\n".join(paragraph.text for paragraph in docx.Document(word["path"]).paragraphs)
    assert "BÁO CÁO" in text
    assert sheet["name"].startswith("tinh-trang-theo-don-vi-ke-hoach-17-kh-ubnd-") and sheet["name"].endswith(".xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(Path(sheet["path"]).read_bytes())).active.values)
    assert rows[0][0] == "Đơn vị chủ trì" and len(rows) > 10
