"""Editors search the admin by any language's title; `update_index` rebuilds readers' search, showing progress."""

import io
import re

import pytest
from django.core.management import call_command

from search.models import SearchEntry
from tests.search.conftest import LAKE


@pytest.mark.parametrize(
    "query", ["Autumn on Ba", "Mùa thu", "mua thu tren ho", "ລະດູໃບໄມ້", "ທະເລສາບ", "រដូវស្លឹកឈើ", "បឹង"]
)
def test_editors_find_pages_by_the_title_in_any_language(admin_client, lake, query):
    html = admin_client.get("/admin/pages/search/", {"q": query}).content.decode()
    assert f'href="/admin/pages/{lake.pk}/edit/"' in html


def test_update_index_rebuilds_entries_that_are_missing_and_shows_progress(client, lake):
    SearchEntry.objects.filter(page=lake).delete()
    assert "Autumn on Ba Bể lake" not in client.get("/en/search/", {"q": "canoes"}).content.decode()
    out = io.StringIO()
    call_command("update_index", stdout=out)
    assert re.search(r"Search entries .*\n+\s+5 of 5 \(100%\)", out.getvalue())  # home, about, plan, news, lake
    assert re.search(r"search\.SearchEntry\s*\n\s+\d+ of \d+ \(100%\)", out.getvalue())
    assert "Autumn on Ba Bể lake" in client.get("/en/search/", {"q": "canoes"}).content.decode()
    assert SearchEntry.objects.filter(page=lake).count() == len(LAKE["titles"])


def test_update_index_drops_entries_of_pages_readers_can_no_longer_see(lake):
    type(lake).objects.filter(pk=lake.pk).update(live=False)  # as if unpublished without signals
    out = io.StringIO()
    call_command("update_index", stdout=out)
    assert "Removed 4 entries" in out.getvalue()
    assert not SearchEntry.objects.filter(page=lake).exists()


def test_site_administrators_choose_promoted_results(client, django_user_model, site_tree):
    from django.contrib.auth.models import Group

    from home.editorial import SITE_ADMINISTRATORS

    user = django_user_model.objects.create_user("quantri", "quantri@example.gov.vn", "password")
    user.groups.add(Group.objects.get(name=SITE_ADMINISTRATORS))
    client.force_login(user)
    assert client.get("/admin/searchpicks/").status_code == 200
    assert client.get("/admin/searchpicks/add/").status_code == 200


def test_popular_searches_are_reported_to_site_administrators_only(client, django_user_model, lake):
    from django.contrib.auth.models import Group

    from home.editorial import SITE_ADMINISTRATORS

    for query in ("canoes", "canoes", "Ba Bể"):
        client.get("/en/search/", {"q": query})
    admin = django_user_model.objects.create_user("quantri", "quantri@example.gov.vn", "password")
    admin.groups.add(Group.objects.get(name=SITE_ADMINISTRATORS))
    writer = django_user_model.objects.create_user("viet", "viet@example.gov.vn", "password")
    writer.groups.add(Group.objects.filter(name__endswith="Người viết bài").first())
    client.force_login(admin)
    html = client.get("/admin/reports/popular-searches/").content.decode()
    assert re.search(r"canoes\s*</td>\s*<td[^>]*>\s*2\s*</td>", html)
    assert "ba bể" in html
    menu = client.get("/admin/").content.decode()
    assert '"name": "popular-searches"' in menu and '"name": "search-terms"' not in menu
    client.force_login(writer)
    assert client.get("/admin/reports/popular-searches/").status_code in (302, 403)
    assert '"name": "popular-searches"' not in client.get("/admin/").content.decode()
