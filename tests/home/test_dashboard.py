"""Every member of staff opens the admin on a dashboard titled with the portal's name."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from home.models import PortalSettings
from tests.home.editorial import client_for, make_sections, make_user

PORTAL_NAME = "Cổng thông tin đối ngoại tỉnh Bắc Kạn"


def dashboard_title(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return re.search(r'<h1 class="w-h1[^"]*">\s*(.*?)\s*</h1>', response.content.decode(), re.S).group(1)


@pytest.fixture
def contributor(site_tree, django_user_model):
    make_sections(site_tree.home)
    return client_for(make_user(django_user_model, "contributor", "tourism", "contributors"))


def test_an_editor_sees_the_portals_name_not_the_host(contributor, admin_client, default_site):
    portal = PortalSettings.for_site(default_site)
    portal.portal_name_vi = PORTAL_NAME
    portal.province_name_vi = "Bắc Kạn"
    portal.save()
    assert dashboard_title(contributor) == PORTAL_NAME
    assert dashboard_title(admin_client) == PORTAL_NAME


def test_without_a_portal_name_the_dashboard_has_the_configured_site_name(contributor):
    assert dashboard_title(contributor) == settings.WAGTAIL_SITE_NAME
