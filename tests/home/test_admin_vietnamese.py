"""Staff reading the admin in Vietnamese read relative times in Vietnamese, not "13 minutes trước".

Django's Vietnamese catalogue has no translation of its time units (django/utils/timesince.py);
the project's catalogue (locale/vi) gives them.
"""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timesince import timesince
from wagtail.models import Page

from tests.factories import make_section
from tests.home.editorial import client_for, make_user

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


def text_of(html):
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" ")).strip()


def test_the_sites_listing_names_its_columns_in_vietnamese(admin_client, site_tree):
    headings = BeautifulSoup(admin_client.get(reverse("wagtailsites:index")).content, "html.parser").select("thead th")
    assert [text_of(str(heading)) for heading in headings][1:4] == ["Cổng", "Tên trang web", "Trang gốc"]


def test_the_promoted_search_result_form_labels_the_external_link_text_in_vietnamese(admin_client, site_tree):
    page = BeautifulSoup(admin_client.get(reverse("wagtailsearchpromotions:add")).content, "html.parser")
    label = page.find("label", attrs={"for": re.compile(r"external_link_text$")})
    assert text_of(str(label)) == "Văn bản liên kết ngoài"


def test_the_breadcrumbs_name_the_tree_root_in_vietnamese(admin_client, site_tree):
    html = admin_client.get(reverse("wagtailadmin_explore", args=[site_tree.about.pk])).content.decode()
    breadcrumbs = text_of(str(BeautifulSoup(html, "html.parser").find(attrs={"data-controller": "w-breadcrumbs"})))
    assert breadcrumbs.startswith("Cấp gốc") and "Root" not in breadcrumbs
    with translation.override("en"):
        assert Page.get_first_root_node().get_admin_display_title() == "Root"


def test_the_dashboards_summary_names_the_portal_not_the_site_records_hostname(django_user_model, site_tree):
    make_section(site_tree.home, titles={"vi": "Tin tức", "en": "News"}, slugs={"vi": "tin-tuc", "en": "news"})
    client = client_for(make_user(django_user_model, "contributor", "editorial", "contributors"))
    summary = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser").find(class_="w-summary")
    spoken = [text_of(str(span)) for span in summary.select("li .w-sr-only")]
    assert spoken and all(text.endswith(f"được tạo trong {settings.WAGTAIL_SITE_NAME}") for text in spoken), spoken
    assert "localhost" not in text_of(str(summary))
