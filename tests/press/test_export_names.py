"""Press and external relations downloads are named for what they hold and its period, in Vietnamese
without diacritics."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.home.test_export_names import attachment_name
from tests.press.forms import DESK, VALID, user
from tests.press.test_delegations import delegations, desk_client  # noqa: F401
from tests.press.test_monitoring import coverage  # noqa: F401

TODAY = f"{timezone.localdate():%Y-%m-%d}"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_coverage_log_is_named_for_the_day(admin_client, coverage, kind):  # noqa: F811
    response = admin_client.get(reverse("press_coverage:index"), {"export": kind})
    assert attachment_name(response) == f"thong-tin-bao-chi-{TODAY}.{kind}"


@pytest.mark.parametrize("kind", ["xlsx", "docx"])
def test_the_monthly_digest_is_named_for_its_month(admin_client, coverage, kind):  # noqa: F811
    response = admin_client.get(reverse("press_digest_export", args=[2021, 3, kind]))
    assert attachment_name(response) == f"tong-hop-thong-tin-bao-chi-thang-03-2021.{kind}"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_delegations_are_named_for_the_day_or_their_year(client, delegations, kind):  # noqa: F811
    desk_client(client)
    listing = client.get(reverse("delegations:index"), {"export": kind})
    assert attachment_name(listing) == f"doan-ra-doan-vao-{TODAY}.{kind}"
    year = client.get(reverse("delegation_report"), {"year": 2021, "export": kind})
    assert attachment_name(year) == f"doan-ra-doan-vao-nam-2021.{kind}"


def test_form_submissions_are_named_for_the_form_and_the_day(client, press_form):
    client.post("/en/press-registration/", VALID)
    client.force_login(user("desk1", DESK))
    response = client.get(f"/admin/forms/submissions/{press_form.pk}/", {"export": "csv"})
    assert attachment_name(response) == f"dang-ky-hoat-dong-bao-chi-{TODAY}.csv"
