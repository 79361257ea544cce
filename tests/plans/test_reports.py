"""The plan's reports: units × status and tasks by quarter (read back from XLSX and CSV), and the Word report."""

import csv
import datetime
import io

import docx
import openpyxl
import pytest
from django.urls import reverse

from plans.models import Plan, ProgressReport, Unit
from tests.plans.test_import import import_file


@pytest.fixture
def plan(db):
    import_file()
    plan = Plan.objects.get()
    ict = Unit.objects.get(key="so-tttt")
    for code, label, percent, completed, submitted in (
        ("2.1", "Quý II/2021", 100, datetime.date(2021, 6, 10), datetime.date(2021, 6, 11)),
        ("3", "Quý II/2021", 100, datetime.date(2021, 7, 2), datetime.date(2021, 7, 3)),
        ("5.3", "Tháng 1/2021", 60, None, datetime.date(2021, 1, 20)),
    ):
        ProgressReport.objects.create(
            period=plan.tasks.get(code=code).periods.get(label=label), unit=ict, text=f"Kết quả nhiệm vụ {code}.",
            percent_done=percent, completed_on=completed, evidence_links="https://example.gov.vn/tin-1",
            submitted_at=datetime.datetime.combine(submitted, datetime.time(9), tzinfo=datetime.UTC),
        )
    return plan


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_units_by_status_exports_to_xlsx_with_vietnamese_headings(admin_client, plan):
    url = reverse("plan_unit_status")
    response = admin_client.get(url, {"plan": plan.pk, "date": "2021-07-15", "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Đơn vị chủ trì", "Chưa triển khai", "Đang thực hiện, trong hạn", "Quá hạn",
                       "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Số kỳ đến hạn"]
    ict = next(row for row in rows if row[0] == "Sở Thông tin và Truyền thông")
    # On 15 July: 2.1 done on time, 3 done late, 4.1 and 5.3 (January to June) overdue; 7.1, 5.2 Q3... not yet due.
    assert ict[4] == 1 and ict[5] == 1 and ict[3] >= 7
    assert admin_client.get(url, {"plan": plan.pk}).status_code == 200


def test_tasks_by_quarter_exports_to_csv(admin_client, plan):
    response = admin_client.get(reverse("plan_timeline"), {"plan": plan.pk, "date": "2021-07-15", "export": "csv"})
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert rows[0] == ["Số mục", "Nhiệm vụ", "Quý 1", "Quý 2", "Quý 3", "Quý 4"]
    monthly = next(row for row in rows if row[0] == "5.3")
    assert monthly[2].count("Tháng") == 3 and "Tháng 1/2021: Đang thực hiện" not in monthly[2]
    assert "Quý II/2021: Hoàn thành đúng hạn" in next(row for row in rows if row[0] == "2.1")[3]


def test_the_six_month_report_is_a_word_document_in_the_administrative_format(admin_client, admin_user, plan):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"  # the report is Vietnamese whatever the admin's language
    profile.save()
    deadline = plan.reporting_deadlines.get(kind="six_month")
    assert deadline.name_en in admin_client.get(reverse("plan_consolidated_reports")).content.decode()
    response = admin_client.get(reverse("plan_consolidated_report", args=[deadline.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = docx.Document(io.BytesIO(response.content))
    header = [p.text for cell in document.tables[0].rows[0].cells for p in cell.paragraphs if p.text]
    assert header[:2] == ["ỦY BAN NHÂN DÂN TỈNH BẮC KẠN", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"]  # the ICT dept's successor
    assert "GIÁM ĐỐC" in [p.text for cell in document.tables[-1].rows[0].cells for p in cell.paragraphs]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header and "Độc lập - Tự do - Hạnh phúc" in header
    assert any(text.startswith("Bắc Kạn, ngày") and text.endswith("năm 2021") for text in header)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO\nKết quả thực hiện Kế hoạch số 17/KH-UBND 6 tháng đầu năm 2021" in text
    assert "2.1. Xây dựng Nghị quyết chuyên đề" in text
    assert "Quý II/2021 (hạn 30/06/2021): đã hoàn thành đúng hạn." in text
    assert "Kết quả nhiệm vụ 2.1." in text and "https://example.gov.vn/tin-1" in text
    assert "Kết quả nhiệm vụ 3." not in text  # reported after 20 June: not in the six-month report
    assert "\n2. Hoàn thiện hành lang pháp lý trong công tác thông tin đối ngoại\n2.1." in text  # a heading only
    assert "7.1." not in text and "9. Triển khai" not in text  # due in the third and fourth quarters
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_unit_staff_without_plan_access_cannot_read_the_reports(client, plan, django_user_model):
    user = django_user_model.objects.create_user("nobody", "nobody@example.gov.vn", "password")
    client.force_login(user)
    deadline = plan.reporting_deadlines.first()
    assert client.get(reverse("plan_consolidated_report", args=[deadline.pk])).status_code in (302, 403)
    assert client.get(reverse("plan_unit_status")).status_code in (302, 403)
