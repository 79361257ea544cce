"""The six-month and annual reports, read back from Word: the elements of an administrative report
(Decree 30/2020/NĐ-CP) in their order, in plain Vietnamese, with nothing internal or English."""

import io
import re

import docx
import pytest
from django.urls import reverse
from docx.table import Table

from tests.plans.test_reports import plan  # noqa: F401

INTERNAL = ["six_month", "annual", "not_started", "in_progress", "overdue", "done_on_time", "done_late"]
ENGLISH = re.compile(
    r"\b(report|status|task|period|due|not started|in progress|overdue|done|late|annual|six-month|none)\b", re.I
)
TITLES = {"six_month": "6 tháng đầu năm 2021", "annual": "năm 2021"}


def lines_of(content):
    """Every paragraph's text in reading order, a table's cells from left to right."""
    lines = []
    for block in docx.Document(io.BytesIO(content)).iter_inner_content():
        cells = [cell for row in block.rows for cell in row.cells] if isinstance(block, Table) else [block]
        lines += [paragraph.text.strip() for cell in cells for paragraph in getattr(cell, "paragraphs", [cell])]
    return [line for line in lines if line]


def position(lines, matches):
    found = [index for index, line in enumerate(lines) if matches(line)]
    assert found, "missing"
    return found[0]


@pytest.fixture
def reports(admin_client, plan):  # noqa: F811
    return {
        deadline.kind: lines_of(admin_client.get(reverse("plan_consolidated_report", args=[deadline.pk])).content)
        for deadline in plan.reporting_deadlines.all()
    }


@pytest.mark.parametrize("kind", ["six_month", "annual"])
def test_the_report_has_the_elements_of_an_administrative_report_in_order(reports, kind):
    lines = reports[kind]
    elements = [
        lambda line: line == "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN",  # the issuing body, under its parent body
        lambda line: line == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        lambda line: re.fullmatch(r"Số:\s+/BC-\S+", line),  # number and symbol, numbered when signed
        lambda line: re.fullmatch(r"Bắc Kạn, ngày\s+tháng\s+năm 2021", line),  # place and date
        lambda line: line == "BÁO CÁO",  # the kind of document, then what it is about
        lambda line: line == f"Kết quả thực hiện Kế hoạch số 17/KH-UBND {TITLES[kind]}",
        lambda line: line.startswith("Thực hiện Kế hoạch số 17/KH-UBND ngày 18/01/2021"),  # the body
        lambda line: line == "I. KẾT QUẢ THỰC HIỆN",
        lambda line: line == "Nơi nhận:",  # recipients
        lambda line: line == "GIÁM ĐỐC",  # signature block
    ]
    positions = [position(lines, matches) for matches in elements]
    assert positions == sorted(positions)
    assert lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") < positions[3]


@pytest.mark.parametrize("kind", ["six_month", "annual"])
def test_the_report_is_plain_vietnamese_without_internal_values_or_english(reports, kind):
    text = "\n".join(reports[kind])
    assert [value for value in INTERNAL if value in text] == []
    assert ENGLISH.findall(re.sub(r"https?://\S+", "", text)) == []
    assert "Tình trạng" not in text


def test_each_period_says_its_deadline_and_progress_in_plain_words(reports):
    six_month, annual = reports["six_month"], reports["annual"]
    # On 20 June a task of the whole year is not due yet: it has no report, it is not "not carried out".
    assert "Năm 2021 (hạn 31/12/2021): chưa đến hạn, chưa có báo cáo." in six_month
    assert "Quý II/2021 (hạn 30/06/2021): đã hoàn thành đúng hạn." in six_month
    assert "Quý I/2021 (hạn 31/03/2021): quá hạn, chưa hoàn thành." in six_month
    assert "Quý II/2021 (hạn 30/06/2021): đã hoàn thành, chậm so với hạn." in annual  # item 3, finished 2 July
    assert "Chưa triển khai" not in "\n".join(six_month + annual)


def test_units_are_listed_in_vietnamese_order(reports):
    leads = next(line for line in reports["six_month"] if line.startswith("Đơn vị chủ trì: Báo Bắc Kạn"))
    assert leads == (
        "Đơn vị chủ trì: Báo Bắc Kạn; Cổng Thông tin điện tử tỉnh Bắc Kạn; Đài Phát thanh và Truyền hình Bắc Kạn; "
        "Tạp chí Văn nghệ Ba Bể."
    )
