"""Staff reading the admin in Vietnamese read relative times in Vietnamese, not "13 minutes trước".

Django's Vietnamese catalogue has no translation of its time units (django/utils/timesince.py);
the project's catalogue (locale/vi) gives them.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timesince import timesince
from wagtail.models import Page

ENGLISH_UNITS = re.compile(r"\d+\s+(minute|hour|day|week|month|year)s?\b")


@pytest.mark.parametrize(
    ("ago", "vietnamese"),
    [
        (datetime.timedelta(minutes=13), "13 phút"),
        (datetime.timedelta(hours=5, minutes=2), "5 giờ, 2 phút"),
        (datetime.timedelta(days=9), "1 tuần, 2 ngày"),
        (datetime.timedelta(days=400), "1 năm, 1 tháng"),
    ],
)
def test_time_since_is_in_vietnamese(ago, vietnamese):
    now = timezone.now()
    with translation.override("vi"):
        assert timesince(now - ago, now).replace("\xa0", " ") == vietnamese


def test_the_pages_listing_says_when_each_page_was_updated_in_vietnamese(admin_client, site_tree):
    updated = {site_tree.about.pk: datetime.timedelta(minutes=13), site_tree.plan.pk: datetime.timedelta(days=3)}
    for pk, ago in updated.items():
        Page.objects.filter(pk=pk).update(latest_revision_created_at=timezone.now() - ago)
    html = admin_client.get(reverse("wagtailadmin_explore", args=[site_tree.home.pk])).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "13 phút trước" in text and "3 ngày trước" in text
    assert not ENGLISH_UNITS.search(text)
