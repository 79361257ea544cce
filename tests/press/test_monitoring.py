"""Press monitoring: coverage logged by staff, its response followed, the monthly digest and its exports."""

import datetime
import io
import re

import docx
import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from news.models import Topic
from plans.models import Plan, ProgressReport, Unit
from press.models import Coverage, Outlet, ResponseStatus, Tone
from tests.plans.test_import import import_file

DIGEST = reverse("press_digest", args=[2021, 3])


@pytest.fixture
def coverage(db):
    import_file()
    ict = Unit.objects.get(key="so-tttt")
    nhan_dan = Outlet.objects.create(name="Báo Nhân Dân", country="Việt Nam")
    vientiane = Outlet.objects.create(name="Vientiane Times", country="Lào")
    friendship = Topic.objects.create(name_vi="Hữu nghị Việt – Lào", name_en="Vietnam–Laos friendship", slug="laos")
    tourism = Topic.objects.create(name_vi="Du lịch", name_en="Tourism", slug="tourism")
    for outlet, day, tone, topic, needs in (
        (nhan_dan, 2, Tone.POSITIVE, tourism, False),
        (nhan_dan, 15, Tone.NEGATIVE, tourism, True),
        (nhan_dan, 31, Tone.NEUTRAL, friendship, False),
        (vientiane, 10, Tone.POSITIVE, friendship, False),
        (vientiane, 1, Tone.POSITIVE, friendship, False),  # April: another month
    ):
        month = 4 if day == 1 else 3
        Coverage.objects.create(
            outlet=outlet, published_on=datetime.date(2021, month, day), title=f"Bài ngày {day}/{month}",
            url=f"https://example.org/{month}/{day}", tone=tone, topic=topic, needs_response=needs,
            responding_unit=ict if needs else None, response_due=datetime.date(2021, 3, 25) if needs else None,
            response_status=ResponseStatus.AWAITING if needs else ResponseStatus.NOT_NEEDED,
        )  # fmt: skip
    return Plan.objects.get(number="17/KH-UBND")


def test_digest_counts_a_month_by_outlet_tone_and_topic(admin_client, coverage):
    response = admin_client.get(DIGEST)
    assert response.status_code == 200
    tables = {title: rows for title, _headings, rows in response.context["tables"]}
    assert tables["Theo cơ quan báo chí"] == [("Báo Nhân Dân", 3), ("Vientiane Times", 1)]
    assert tables["Theo sắc thái"] == [("Tích cực", 2), ("Trung lập", 1), ("Tiêu cực", 1)]
    assert tables["Theo chủ đề"] == [("Hữu nghị Việt – Lào", 2), ("Du lịch", 2)] or tables["Theo chủ đề"] == [
        ("Du lịch", 2), ("Hữu nghị Việt – Lào", 2)]
    needing = tables["Tin, bài cần phản hồi"]
    assert [row[2] for row in needing] == ["Bài ngày 15/3"]
    assert "Chờ phản hồi" in needing[0]
    assert "4 tin, bài trong tháng." in response.content.decode()


def test_digest_exports_to_xlsx_and_word(admin_client, coverage):
    xlsx = admin_client.get(reverse("press_digest_export", args=[2021, 3, "xlsx"]))
    assert xlsx["Content-Disposition"] == 'attachment; filename="tong-hop-thong-tin-bao-chi-thang-03-2021.xlsx"'
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ("Báo Nhân Dân", 3, None, None, None, None) in rows
    assert sum(1 for row in rows if row[1] == "Báo Nhân Dân" and row[0] and "/03/2021" in row[0]) == 3
    word = admin_client.get(reverse("press_digest_export", args=[2021, 3, "docx"]))
    document = docx.Document(io.BytesIO(word.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Vientiane Times" in cells and "Bài ngày 15/3" in cells and "Bài ngày 1/4" not in cells
    assert admin_client.get(reverse("press_digest_export", args=[2021, 3, "pdf"])).status_code == 404
    assert admin_client.get(reverse("press_digest", args=[2021, 13])).status_code == 404


@pytest.mark.parametrize(("year", "month"), [(0, 3), (2021, 0), (99999999999, 3), (99999999999999999999, 3)])
def test_a_month_no_date_can_hold_is_not_found(admin_client, year, month):
    assert admin_client.get(reverse("press_digest", args=[year, month])).status_code == 404
    assert admin_client.get(reverse("press_digest_export", args=[year, month, "xlsx"])).status_code == 404


def test_the_digest_is_reported_as_evidence_for_the_monitoring_task(admin_client, coverage):
    plan = coverage
    plan.press_monitoring_task = plan.tasks.get(code="5.3")
    plan.full_clean()
    plan.save()
    response = admin_client.get(DIGEST)
    [item] = response.context["evidence"]
    assert item["period"].label == "Tháng 3/2021" and item["reports"] == []
    form = admin_client.get(item["report_url"]).context["form"]
    assert str(form.initial["period"]) == str(item["period"].pk)
    address = f"http://testserver{DIGEST}"
    assert form.initial["evidence_links"] == address and "4 tin, bài" in form.initial["text"]
    ProgressReport.objects.create(period=item["period"], unit=Unit.objects.get(key="so-tttt"), text="Đã tổng hợp.",
                                  percent_done=100, completed_on=datetime.date(2021, 3, 31), evidence_links=address)
    html = admin_client.get(DIGEST).content.decode()
    assert "Đã báo cáo bởi" in html
    assert "Chưa có báo cáo tiến độ nào" not in html


def test_monitoring_task_must_belong_to_the_plan(coverage):
    other = Plan.objects.create(number="1/KH-UBND", title="Khác", year=2022, date_issued=datetime.date(2022, 1, 1),
                                issuing_body=coverage.issuing_body, coordinating_unit=coverage.coordinating_unit)
    other.press_monitoring_task = coverage.tasks.get(code="5.3")
    with pytest.raises(ValidationError):
        other.full_clean()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"needs_response": True}, "responding_unit"),
        ({"response_status": ResponseStatus.AWAITING}, "response_status"),
        ({"published_on": datetime.date.today() + datetime.timedelta(days=1)}, "published_on"),
        ({"needs_response": True, "response_status": ResponseStatus.ANSWERED}, "responded_on"),
        ({"responded_on": datetime.date(2021, 3, 20)}, "responded_on"),
    ],
)
def test_coverage_is_validated(coverage, changes, field):
    item = Coverage.objects.filter(needs_response=False).first()
    for name, value in changes.items():
        setattr(item, name, value)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert field in error.value.message_dict


def test_a_response_is_followed_to_its_end(coverage):
    item = Coverage.objects.get(needs_response=True)
    assert item.is_open and item.is_overdue
    item.response_status = ResponseStatus.ANSWERED
    item.responded_on = datetime.date(2021, 3, 20)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "response_note" in error.value.message_dict
    item.response_note = "Đã gửi văn bản đính chính tới toà soạn."
    item.full_clean()
    assert not item.is_open and not item.is_overdue


def staff(name, group=None):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def test_press_staff_log_coverage_and_others_cannot_see_it(client, coverage):
    client.force_login(staff("press", "Báo chí: Theo dõi và phản hồi"))
    outlet = Outlet.objects.get(name="Vientiane Times")
    response = client.post(reverse("press_coverage:add"), {
        "outlet": outlet.pk, "published_on": "2021-03-20", "title": "Laos–Vietnam trade grows", "language": "en",
        "url": "https://example.org/trade", "tone": "positive", "topic": Topic.objects.get(slug="laos").pk,
        "response_status": "not-needed",
    })  # fmt: skip
    assert response.status_code == 302
    logged = Coverage.objects.get(title="Laos–Vietnam trade grows")
    assert logged.logged_by.username == "press"
    assert client.get(DIGEST).context["digest"].total == 5
    client.force_login(staff("writer", "Kế hoạch TTĐN: Cán bộ đơn vị"))
    for url in (DIGEST, reverse("press_digests"), reverse("press_coverage:index"),
                reverse("press_digest_export", args=[2021, 3, "xlsx"])):
        assert client.get(url).status_code in (302, 403), url


def test_the_digest_lists_outlets_with_as_many_items_in_vietnamese_order(admin_client, coverage):
    radio = Outlet.objects.create(name="Đài Tiếng nói Việt Nam", country="Việt Nam")
    Coverage.objects.create(outlet=radio, published_on=datetime.date(2021, 3, 20), title="Bài phát thanh",
                            url="https://example.org/3/20", tone=Tone.POSITIVE,
                            topic=Topic.objects.get(slug="tourism"))  # fmt: skip
    tables = {title: rows for title, _headings, rows in admin_client.get(DIGEST).context["tables"]}
    outlets = [name for name, _count in tables["Theo cơ quan báo chí"]]
    assert outlets == ["Báo Nhân Dân", "Đài Tiếng nói Việt Nam", "Vientiane Times"]


def test_the_coverage_form_names_languages_in_the_admins_language(client, coverage):
    client.force_login(staff("press", "Báo chí: Theo dõi và phản hồi"))
    html = client.get(reverse("press_coverage:add")).content.decode()
    assert ">Khmer<" not in html and ">Vietnamese<" not in html and ">English<" not in html
    assert re.search(r'<option value="vi"[^>]*>[Tt]iếng Việt</option>', html)


def test_every_language_of_the_list_is_named_in_vietnamese(client, coverage):
    client.force_login(staff("press", "Báo chí: Theo dõi và phản hồi"))
    html = client.get(reverse("press_coverage:add")).content.decode()
    select = re.search(r'<select name="language".*?</select>', html, re.S)[0]
    names = dict(re.findall(r'<option value="([a-z-]+)"[^>]*>([^<]+)</option>', select))
    assert names["af"] == "Tiếng Hà Lan (Nam Phi)" and names["pt-br"] == "Tiếng Bồ Đào Nha (Brazil)"
    assert names["lo"] == "Tiếng Lào" and names["km"] == "Tiếng Khmer"
    assert not [name for name in names.values() if not name.startswith(("Tiếng", "-"))]
