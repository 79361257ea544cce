"""The plan tracker's downloads are named for what they hold and its period, in Vietnamese without diacritics."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.home.test_export_names import attachment_name
from tests.plans.test_reports import plan  # noqa: F401

TODAY = f"{timezone.localdate():%Y-%m-%d}"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_listings_are_named_for_what_they_hold_and_the_day(admin_client, plan, kind):  # noqa: F811
    tasks = admin_client.get(reverse("plan_tasks:index"), {"export": kind})
    assert attachment_name(tasks) == f"nhiem-vu-ke-hoach-{TODAY}.{kind}"
    reports = admin_client.get(reverse("plan_reports:index"), {"export": kind})
    assert attachment_name(reports) == f"bao-cao-tien-do-{TODAY}.{kind}"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_reports_are_named_for_their_plan_and_the_day_of_their_statuses(admin_client, plan, kind):  # noqa: F811
    chosen = {"plan": plan.pk, "date": "2021-07-15", "export": kind}
    units = admin_client.get(reverse("plan_unit_status"), chosen)
    assert attachment_name(units) == f"tinh-trang-theo-don-vi-ke-hoach-17-kh-ubnd-2021-07-15.{kind}"
    timeline = admin_client.get(reverse("plan_timeline"), chosen)
    assert attachment_name(timeline) == f"nhiem-vu-theo-quy-ke-hoach-17-kh-ubnd-2021-07-15.{kind}"
    today = admin_client.get(reverse("plan_unit_status"), {"export": kind})
    assert attachment_name(today) == f"tinh-trang-theo-don-vi-ke-hoach-17-kh-ubnd-{TODAY}.{kind}"


def test_word_reports_are_named_for_their_period(admin_client, plan):  # noqa: F811
    names = {
        deadline.kind: attachment_name(admin_client.get(reverse("plan_consolidated_report", args=[deadline.pk])))
        for deadline in plan.reporting_deadlines.all()
    }
    assert names == {"six_month": "bao-cao-6-thang-2021.docx", "annual": "bao-cao-nam-2021.docx"}
