"""Lists of units read in Vietnamese order: "Tạp chí…" before "Trung tâm…", "Đ" right after "D"."""

import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from plans.models import Unit
from tests.plans.test_reports import body, plan  # noqa: F401

IN_ORDER = [
    "Doanh nghiệp du lịch mẫu",
    "Đài Phát thanh và Truyền hình Bắc Kạn",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Tạp chí Văn nghệ Ba Bể",
    "Trung tâm Công báo - Tin học",
    "Ủy ban nhân dân tỉnh Bắc Kạn",
    "Văn phòng Tỉnh ủy",
]


def in_order(names):
    return [name for name in names if name in IN_ORDER]


def test_units_by_status_lists_units_in_vietnamese_order(admin_client, plan):  # noqa: F811
    business = Unit.objects.create(key="doanh-nghiep", name_vi=IN_ORDER[0], kind=Unit.Kind.COLLECTIVE)
    plan.tasks.get(code="4.6").lead_units.add(business)
    chosen = {"plan": plan.pk, "date": "2021-07-15"}
    rows = admin_client.get(reverse("plan_unit_status"), chosen).context["object_list"]
    assert in_order([row.name for row in rows]) == IN_ORDER
    sheet = openpyxl.load_workbook(
        io.BytesIO(body(admin_client.get(reverse("plan_unit_status"), {**chosen, "export": "xlsx"})))
    ).active
    assert in_order([row[0] for row in sheet.iter_rows(values_only=True)]) == IN_ORDER


def test_the_tasks_export_names_units_in_vietnamese_order(admin_client, plan):  # noqa: F811
    response = admin_client.get(reverse("plan_tasks:index"), {"export": "xlsx", "plan": plan.pk})
    rows = openpyxl.load_workbook(io.BytesIO(body(response))).active.iter_rows(values_only=True)
    leads = next(row[3] for row in rows if row[1] == "4.3")
    assert leads == "Báo Bắc Kạn, Cổng TTĐT tỉnh, Đài PT-TH Bắc Kạn, TC Văn nghệ Ba Bể"


# Names whose code-point order (the database's) differs from the Vietnamese one: "Trung" before "Tạp", "Đ" after "Ủ".
UNITS_IN_ORDER = [
    "Doanh nghiệp Lữ hành Ba Bể",
    "Đài Truyền thanh huyện Ba Bể",
    "Tạp chí Du lịch Bắc Kạn",
    "Trung tâm Xúc tiến Đầu tư",
    "Ủy ban nhân dân huyện Ba Bể",
]


def options(response, name):
    select = BeautifulSoup(response.content, "html.parser").find("select", attrs={"name": name})
    return [option.get_text(strip=True) for option in select.find_all("option")]


@pytest.mark.parametrize(
    "url_name, field",
    [
        ("plan_tasks:add", "lead_units"),
        ("plan_tasks:add", "coordinating_units"),
        ("plans:add", "issuing_body"),
        ("plans:add", "coordinating_unit"),
        ("plan_units:add", "successor"),
        ("plan_reports:add", "unit"),
        ("plan_tasks:index", "unit"),
        ("plan_reports:index", "unit"),
        ("press_coverage:add", "responding_unit"),
        ("press_coverage:index", "responding_unit"),
        ("delegations:add", "host_unit"),
        ("delegations:index", "host_unit"),
    ],
)
def test_unit_dropdowns_and_filters_list_units_in_vietnamese_order(admin_client, url_name, field):
    for number, name in enumerate(reversed(UNITS_IN_ORDER)):
        Unit.objects.create(key=f"don-vi-{number}", name_vi=name)
    listed = options(admin_client.get(reverse(url_name)), field)
    assert [name for name in listed if name in UNITS_IN_ORDER] == UNITS_IN_ORDER
