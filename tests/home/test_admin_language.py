"""Editors, approvers and staff use the admin in Vietnamese, Wagtail's own strings included."""

import polib
import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from home.management.commands.update_admin_messages import DOMAINS, admin_catalogue_dir, build_catalogue, translations


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_wagtail_admin_string_is_translated_into_vietnamese(domain):
    path = admin_catalogue_dir() / "vi" / "LC_MESSAGES" / f"{domain}.po"
    catalogue = build_catalogue("vi", domain, translations(path))
    assert len(catalogue) > 80
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    compiled = {entry.msgid for entry in polib.mofile(str(path.with_suffix(".mo")))}
    assert {entry.msgid for entry in catalogue} <= compiled, "run `make messages` to compile the catalogue"


@pytest.fixture
def editor(admin_client):
    return admin_client


def test_a_new_user_gets_the_admin_in_vietnamese(editor, site_tree, client):
    assert "Đăng nhập" in client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    # Whatever language the browser prefers.
    url = reverse("wagtailadmin_pages:edit", args=[site_tree.about.pk])
    html = editor.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi"' in html
    for text in ("Lưu bản nháp", "Xuất bản", "Bản dịch", "Bản dịch sẵn sàng cho người đọc"):
        assert text in html, text
    html = editor.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Lịch sử trang web" in html
    html = editor.get(reverse("translation_status")).content.decode()
    assert "Tình trạng bản dịch" in html and "Tất cả chuyên mục" in html
    js = editor.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    assert "Trong menu n\\u00e0y" in js or "menu n\\u00e0y" in js


def test_vietnamese_and_english_are_the_admin_languages(editor, site_tree, admin_user):
    html = editor.get(reverse("wagtailadmin_account")).content.decode()
    assert 'value="vi"' in html and 'value="en"' in html and 'value="lo"' not in html
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[site_tree.about.pk])).content.decode()
    assert "Save draft" in html and "Lưu bản nháp" not in html
