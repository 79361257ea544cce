"""The page editor works in a real browser: switch language, edit, publish from the action menu."""

import pytest
from django.contrib.auth import get_user_model

from home.models import StandardPage
from tests.browser.tools import (
    IN_CHROMIUM,
    drive,
    leave_migrated_data,  # noqa: F401  (a fixture)
)

pytestmark = IN_CHROMIUM


@pytest.mark.parametrize(("language", "path"), [("lo", "/lo/kiaw-kap/"), ("km", "/km/ompi/")])
def test_editor_publishes_one_languages_title_through_the_admin_ui(site_tree, live_server, client, language, path):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "correct horse battery")
    title = {"lo": "ກ່ຽວກັບແຂວງບັກກັນ", "km": "អំពីខេត្តបាក់កាន"}[language]

    report = drive(
        "admin_publish.mjs", live_server, "editor", "correct horse battery", site_tree.about.pk, language, title
    )
    assert report["redirected_to"].startswith("/admin/pages/")

    page = StandardPage.objects.get(pk=site_tree.about.pk)
    assert page.live and not page.has_unpublished_changes
    assert getattr(page, f"title_{language}") == title
    assert page.title_vi == "Giới thiệu"  # the other languages are untouched
    assert f"<h1>{title}</h1>" in client.get(path).content.decode()
