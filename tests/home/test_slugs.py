"""Page addresses are ASCII in every language, whether the editor types the slug or leaves it to the title."""

import importlib
import json
import re
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from home.models import StandardPage
from home.slugs import ascii_slug
from tests.browser.tools import (
    drive,
    in_chromium,
    leave_migrated_data,  # noqa: F401  (a fixture)
)
from tests.conftest import LANGUAGES
from tests.factories import localized, make_standard_page
from tests.home.test_admin_editing import page_form_data

TITLES = {
    "vi": "Hội chợ ẩm thực Bắc Kạn",
    "en": "Bắc Kạn food fair",
    "lo": "ງານວາງສະແດງອາຫານ",
    "km": "ពិព័រណ៍ម្ហូបអាហារ",
}
SLUGS = {
    "vi": "hoi-cho-am-thuc-bac-kan",
    "en": "bac-kan-food-fair",
    "lo": "nganvangsaedngahan",
    "km": "peparnmhoubahar",
}
NO_SLUGS = {code: "" for code in LANGUAGES}


def add_page(client, parent, slugs, **extra):
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", parent.pk])
    response = client.post(url, page_form_data(titles=TITLES, slugs=slugs, **{"action-publish": "publish", **extra}))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return StandardPage.objects.get(title_vi=TITLES["vi"])


def test_a_new_page_without_slugs_gets_ascii_ones_from_its_titles(admin_client, client, site_tree):
    page = add_page(admin_client, site_tree.home, NO_SLUGS)
    assert {code: getattr(page, f"slug_{code}") for code in LANGUAGES} == SLUGS
    for code in LANGUAGES:
        response = client.get(f"/{code}/{SLUGS[code]}/")
        assert response.status_code == 200 and TITLES[code] in response.content.decode()


def test_a_slug_typed_by_the_editor_is_kept(admin_client, site_tree):
    typed = {"vi": "hoi-cho-2021", "en": "food-fair", "lo": "ngan-ahan", "km": ""}
    page = add_page(admin_client, site_tree.home, typed)
    assert {code: getattr(page, f"slug_{code}") for code in LANGUAGES} == {**typed, "km": SLUGS["km"]}


def test_a_slug_typed_with_diacritics_becomes_ascii(admin_client, site_tree):
    page = add_page(admin_client, site_tree.home, {**NO_SLUGS, "vi": "hội-chợ-đặc-sản"})
    assert page.slug_vi == "hoi-cho-dac-san"


def test_a_generated_slug_does_not_take_a_siblings_address(admin_client, site_tree):
    make_standard_page(site_tree.home, titles={"vi": "Hội chợ cũ"}, slugs={"vi": SLUGS["vi"]})
    # Without an English slug, this page's English address is its Vietnamese one.
    make_standard_page(site_tree.home, titles={"vi": "Hội chợ khác"}, slugs={"vi": SLUGS["en"]})
    page = add_page(admin_client, site_tree.home, NO_SLUGS)
    assert (page.slug_vi, page.slug_en) == (f"{SLUGS['vi']}-2", f"{SLUGS['en']}-2")
    assert page.slug_lo == SLUGS["lo"]


def test_a_page_made_in_code_without_slugs_gets_ascii_ones(site_tree):
    page = StandardPage(**localized("title", {"vi": "Đường lên Ba Bể", "lo": "ທາງໄປບາເບ"}))
    site_tree.home.add_child(instance=page)
    page.refresh_from_db()
    assert (page.slug_vi, page.slug_lo) == ("duong-len-ba-be", "thangaipbaeb")


def test_a_live_pages_address_does_not_follow_a_title_added_later(site_tree):
    page = StandardPage.objects.get(pk=site_tree.plan.pk)
    page.title_lo = "ແຜນການ"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.slug_lo in ("", None)


def client_slug(slug_input, title):
    """What the admin's slug field proposes for `title`: its formatters, then Wagtail's urlify."""
    assert not slug_input.has_attr("data-w-slug-allow-unicode-value")
    value = title
    for (pattern, _flags), replacement in json.loads(slug_input["data-w-slug-formatters-value"]):
        value = re.sub(pattern, replacement, value)
    value = re.sub(r"[^-\w\s]", "", value.lower(), flags=re.ASCII)
    return re.sub(r"[-\s]+", "-", value).strip("-")


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_slug_field_proposes_the_ascii_slug_as_the_title_is_typed(admin_client, site_tree, code):
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", site_tree.home.pk])
    soup = BeautifulSoup(admin_client.get(url).content, "html.parser")
    assert client_slug(soup.find("input", attrs={"name": f"slug_{code}"}), TITLES[code]) == SLUGS[code]


@in_chromium
def test_the_editor_proposes_ascii_slugs_in_a_real_browser(site_tree, live_server):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "correct horse battery")
    add_path = reverse("wagtailadmin_pages:add", args=["home", "standardpage", site_tree.home.pk])
    report = drive("admin_slugs.mjs", live_server, "editor", "correct horse battery", add_path, json.dumps(TITLES))
    assert report["slugs"] == SLUGS


def legacy_page(parent, titles, slugs):
    """A page saved before addresses were ASCII: its slugs (and so its addresses) keep their diacritics or script."""
    page = make_standard_page(parent, titles=titles, slugs={code: ascii_slug(slug) for code, slug in slugs.items()})
    StandardPage.objects.filter(pk=page.pk).update(
        **{f"slug_{code}": slug for code, slug in slugs.items()},
        **{f"url_path_{code}": f"{getattr(parent, f'url_path_{code}')}{slug}/" for code, slug in slugs.items()},
    )
    return StandardPage.objects.get(pk=page.pk)


OLD_SLUGS = {"vi": "hội-chợ-ẩm-thực-bắc-kạn", "en": "bac-kan-food-fair", "lo": "ງານວາງສະແດງອາຫານ"}


def test_the_copy_form_proposes_ascii_slugs_and_makes_typed_ones_ascii(admin_client, client, site_tree):
    page = legacy_page(site_tree.home, TITLES, OLD_SLUGS)
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    soup = BeautifulSoup(admin_client.get(url).content, "html.parser")
    proposed = {code: soup.find("input", attrs={"name": f"new_slug_{code}"}) for code in LANGUAGES}
    assert {code: proposed[code].get("value") for code in OLD_SLUGS} == {code: SLUGS[code] for code in OLD_SLUGS}
    # Typed in the form, a title or slug in any script becomes the ASCII slug the server would make.
    assert {code: client_slug(proposed[code], TITLES[code]) for code in LANGUAGES} == SLUGS

    typed = {"vi": "hội-chợ-đặc-sản", "en": "food-fair-2", "lo": "ງານວາງສະແດງ", "km": "ពិព័រណ៍"}
    response = admin_client.post(url, {
        **{f"new_title_{code}": f"{TITLES[code]} 2" for code in LANGUAGES},
        **{f"new_slug_{code}": slug for code, slug in typed.items()},
        "new_parent_page": site_tree.home.pk,
        "publish_copies": "on",
    })  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    copy = StandardPage.objects.get(title_vi=f"{TITLES['vi']} 2")
    made = {code: ascii_slug(slug) for code, slug in typed.items()}
    assert {code: getattr(copy, f"slug_{code}") for code in LANGUAGES} == made
    assert made["vi"] == "hoi-cho-dac-san" and all(slug.isascii() and slug for slug in made.values())
    for code in LANGUAGES:
        assert client.get(f"/{code}/{made[code]}/").status_code == 200


def run_ascii_slugs_migration():
    migration = importlib.import_module("home.migrations.0013_ascii_slugs")
    migration.make_slugs_ascii(django_apps, SimpleNamespace(connection=connection))  # what it uses of a schema editor


def assert_redirects(client, old, new):
    response = client.get(old)
    assert (response.status_code, response.get("Location")) == (301, new), old
    assert client.get(new).status_code == 200, new


def test_pages_saved_before_the_ascii_rule_get_ascii_addresses_and_the_old_ones_redirect(client, site_tree):
    page = legacy_page(site_tree.home, TITLES, OLD_SLUGS)
    make_standard_page(
        page, titles={"vi": "Chương trình", "en": "Programme"}, slugs={"vi": "chuong-trinh", "en": "programme"}
    )
    run_ascii_slugs_migration()

    page.refresh_from_db()
    assert {code: getattr(page, f"slug_{code}") for code in OLD_SLUGS} == {code: SLUGS[code] for code in OLD_SLUGS}
    old, new = OLD_SLUGS, SLUGS
    assert_redirects(client, f"/vi/{old['vi']}/", f"/vi/{new['vi']}/")
    assert_redirects(client, f"/lo/{old['lo']}/", f"/lo/{new['lo']}/")
    assert_redirects(client, f"/vi/{old['vi']}/chuong-trinh/", f"/vi/{new['vi']}/chuong-trinh/")
    assert_redirects(client, f"/lo/{old['lo']}/programme/", f"/lo/{new['lo']}/programme/")
    # The English and Khmer addresses were ASCII already.
    assert client.get(f"/en/{new['en']}/programme/").status_code == 200
    assert client.get(f"/km/{new['km']}/").status_code == 200
    assert all(redirect.is_permanent for redirect in Redirect.objects.all())

    redirects = set(Redirect.objects.values_list("old_path", "redirect_page"))
    run_ascii_slugs_migration()
    assert set(Redirect.objects.values_list("old_path", "redirect_page")) == redirects


def test_an_ascii_slug_already_taken_by_a_sibling_gets_a_suffix(client, site_tree):
    page = legacy_page(site_tree.home, TITLES, OLD_SLUGS)
    make_standard_page(site_tree.home, titles={"vi": "Hội chợ mới"}, slugs={"vi": SLUGS["vi"]})
    run_ascii_slugs_migration()
    page.refresh_from_db()
    assert page.slug_vi == f"{SLUGS['vi']}-2"
    assert_redirects(client, f"/vi/{OLD_SLUGS['vi']}/", f"/vi/{SLUGS['vi']}-2/")


def test_changing_a_slug_in_the_admin_redirects_the_old_address_in_every_language_it_served(
    admin_client, client, site_tree, django_capture_on_commit_callbacks
):
    make_standard_page(
        site_tree.about, titles={"vi": "Lịch sử", "en": "History"}, slugs={"vi": "lich-su", "en": "history"}
    )
    titles = {"vi": "Giới thiệu", "en": "About", "lo": "ກ່ຽວກັບແຂວງ", "km": "អំពីខេត្ត"}
    slugs = {"vi": "gioi-thieu-tinh", "en": "about-the-province", "lo": "kiaw-kap", "km": "ompi"}
    data = page_form_data(titles=titles, slugs=slugs, **{"action-publish": "publish"})
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[site_tree.about.pk]), data)
    assert response.status_code == 302
    assert_redirects(client, "/vi/gioi-thieu/", "/vi/gioi-thieu-tinh/")
    assert_redirects(client, "/en/about/", "/en/about-the-province/")
    assert_redirects(client, "/en/about/history/", "/en/about-the-province/history/")
    assert client.get("/lo/kiaw-kap/history/").status_code == 200
