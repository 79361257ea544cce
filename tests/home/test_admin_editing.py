"""Editors work with every language of a page in one admin form, on Wagtail 8."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import StandardPage
from tests.conftest import LANGUAGES
from tests.factories import localized

TITLES = {"vi": "Du lịch", "en": "Tourism", "lo": "ການທ່ອງທ່ຽວ", "km": "ទេសចរណ៍"}
SLUGS = {"vi": "du-lich", "en": "tourism", "lo": "kan-thong-thiao", "km": "tesachor"}
SUMMARIES = {
    "vi": "Hồ Ba Bể và các điểm đến.",
    "en": "Ba Bể lake and other destinations.",
    "lo": "ທະເລສາບບາເບ ແລະ ສະຖານທີ່ອື່ນໆ.",
    "km": "បឹងបាបេ និងគោលដៅផ្សេងៗ។",
}


def page_form_data(titles=TITLES, slugs=SLUGS, summaries=SUMMARIES, **extra):
    data = {
        **localized("title", titles),
        **localized("slug", slugs),
        **localized("summary", summaries),
        **localized("seo_title", {code: "" for code in LANGUAGES}),
        **localized("search_description", {code: "" for code in LANGUAGES}),
        **{
            f"body_{code}": streamfield([("paragraph", rich_text(f"<p>{summaries.get(code, '')}</p>"))])
            for code in LANGUAGES
        },
        "comments": inline_formset([]),
    }
    data.update(extra)
    # A list, posted as one value per checkbox (nested_form_data would number its items).
    return {"ready_languages": [code for code in titles if code != "vi"], **nested_form_data(data)}


@pytest.fixture
def editor(admin_client):
    return admin_client


def test_edit_form_offers_every_languages_fields(editor, site_tree):
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[site_tree.about.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for code in LANGUAGES:
        for field in ("title", "slug", "summary", "body", "seo_title", "search_description"):
            assert f'name="{field}_{code}"' in html or f'id="{field}_{code}"' in html, (field, code)


def test_create_and_publish_a_page_in_four_languages(editor, client, site_tree):
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", site_tree.home.pk])
    response = editor.post(url, page_form_data(**{"action-publish": "publish"}))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = StandardPage.objects.get(slug_vi="du-lich")
    assert page.live
    for code in LANGUAGES:
        assert getattr(page, f"title_{code}") == TITLES[code]
        html = client.get(f"/{code}/{SLUGS[code]}/").content.decode()
        assert f"<h1>{TITLES[code]}</h1>" in html
        assert SUMMARIES[code] in html


def test_save_draft_keeps_the_live_version(editor, client, site_tree):
    url = reverse("wagtailadmin_pages:edit", args=[site_tree.about.pk])
    titles = {"vi": "Giới thiệu", "en": "About Bắc Kạn", "lo": "ກ່ຽວກັບແຂວງ", "km": "អំពីខេត្ត"}
    slugs = {"vi": "gioi-thieu", "en": "about", "lo": "kiaw-kap", "km": "ompi"}
    response = editor.post(url, page_form_data(titles=titles, slugs=slugs))
    assert response.status_code == 302
    assert "<h1>About</h1>" in client.get("/en/about/").content.decode()
    latest = Page.objects.get(pk=site_tree.about.pk).specific.get_latest_revision_as_object()
    assert latest.title_en == "About Bắc Kạn"

    response = editor.post(url, page_form_data(titles=titles, slugs=slugs, **{"action-publish": "publish"}))
    assert response.status_code == 302
    assert "<h1>About Bắc Kạn</h1>" in client.get("/en/about/").content.decode()


def test_changing_one_languages_slug_moves_only_that_language(editor, client, site_tree):
    url = reverse("wagtailadmin_pages:edit", args=[site_tree.about.pk])
    titles = {"vi": "Giới thiệu", "en": "About", "lo": "ກ່ຽວກັບແຂວງ", "km": "អំពីខេត្ត"}
    slugs = {"vi": "gioi-thieu", "en": "about-the-province", "lo": "kiaw-kap", "km": "ompi"}
    response = editor.post(url, page_form_data(titles=titles, slugs=slugs, **{"action-publish": "publish"}))
    assert response.status_code == 302
    assert client.get("/en/about-the-province/").status_code == 200
    assert client.get("/en/about/").status_code == 404
    assert client.get("/vi/gioi-thieu/").status_code == 200


def test_duplicate_slug_in_one_language_is_refused_with_a_message(editor, site_tree):
    url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", site_tree.home.pk])
    slugs = dict(SLUGS, en="about")  # already used by the About page in English
    response = editor.post(url, page_form_data(slugs=slugs, **{"action-publish": "publish"}))
    assert response.status_code == 200
    assert not StandardPage.objects.filter(slug_vi="du-lich").exists()
    assert "slug_en" in response.context["form"].errors


@pytest.mark.parametrize("language", LANGUAGES)
def test_preview_shows_the_unsaved_text_in_each_language(editor, client, site_tree, language):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[site_tree.about.pk])
    titles = {"vi": "Xem trước", "en": "Preview", "lo": "ເບິ່ງກ່ອນ", "km": "មើលជាមុន"}
    slugs = {"vi": "gioi-thieu", "en": "about", "lo": "kiaw-kap", "km": "ompi"}
    assert editor.post(url, page_form_data(titles=titles, slugs=slugs)).json()["is_valid"] is True
    html = editor.get(url, {"mode": language}).content.decode()
    assert f'<html lang="{language}"' in html
    assert f"<h1>{titles[language]}</h1>" in html
    assert f"<h1>{titles[language]}</h1>" not in client.get(f"/{language}/{slugs[language]}/").content.decode()


def test_copy_a_page_with_new_titles_and_slugs_per_language(editor, client, site_tree):
    url = reverse("wagtailadmin_pages:copy", args=[site_tree.about.pk])
    assert editor.get(url).status_code == 200
    data = {
        **{f"new_title_{code}": f"{TITLES[code]} (2)" for code in LANGUAGES},
        **{f"new_slug_{code}": f"{SLUGS[code]}-2" for code in LANGUAGES},
        "new_parent_page": site_tree.home.pk,
        "publish_copies": "on",
    }
    response = editor.post(url, data)
    assert response.status_code == 302
    copy = StandardPage.objects.get(slug_vi="du-lich-2")
    assert copy.live
    for code in LANGUAGES:
        assert client.get(f"/{code}/{SLUGS[code]}-2/").status_code == 200
    assert StandardPage.objects.get(pk=site_tree.about.pk).slug_en == "about"


def test_move_a_page_updates_its_address_in_every_language(editor, client, site_tree):
    url = reverse("wagtailadmin_pages:move_confirm", args=[site_tree.plan.pk, site_tree.about.pk])
    assert editor.get(url).status_code == 200
    response = editor.post(url)
    assert response.status_code == 302
    assert client.get("/vi/gioi-thieu/ke-hoach/").status_code == 200
    assert client.get("/en/about/plan/").status_code == 200
    old = client.get("/en/plan/")  # the old address leads to the new one, permanently
    assert old.status_code == 301 and old["Location"].endswith("/en/about/plan/")
    html = client.get("/lo/kiaw-kap/plan/").content.decode()
    assert "<h1>The plan</h1>" in html


def test_editor_edits_portal_settings_in_every_language(editor, client, site_tree, default_site):
    from home.models import PortalSettings

    url = reverse("wagtailsettings:edit", args=["home", "portalsettings", default_site.pk])
    response = editor.get(url)
    assert response.status_code == 200
    for code in LANGUAGES:
        assert f'name="portal_name_{code}"' in response.content.decode()
    names = {"vi": "Cổng TTĐN", "en": "External Information Portal", "lo": "ປະຕູຂໍ້ມູນ", "km": "វិបផតថល"}
    data = nested_form_data(
        {
            **localized("portal_name", names),
            **localized("province_name", {"vi": "Tỉnh Bắc Kạn", "en": "Bắc Kạn province"}),
            "social_links": streamfield([]),
            "email": "doingoai@example.org",
        }
    )
    response = editor.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert PortalSettings.for_site(default_site).portal_name_lo == "ປະຕູຂໍ້ມູນ"
    for code in LANGUAGES:
        assert names[code] in client.get(f"/{code}/").content.decode()
