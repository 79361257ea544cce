import re

import pytest
from django.utils import translation

from tests.conftest import LANGUAGES

ABOUT_PATHS = {"vi": "/vi/gioi-thieu/", "en": "/en/about/", "lo": "/lo/kiaw-kap/", "km": "/km/ompi/"}
ABOUT_TITLES = {"vi": "Giới thiệu", "en": "About", "lo": "ກ່ຽວກັບແຂວງ", "km": "អំពីខេត្ត"}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("vi-VN,vi;q=0.9", "/vi/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("lo-LA,lo;q=0.9,en;q=0.5", "/lo/"),
        ("km-KH,km;q=0.9", "/km/"),
        ("fr-FR,de;q=0.7", "/vi/"),
        ("", "/vi/"),
        (";;;q=abc,,=", "/vi/"),
        ("x" * 600, "/vi/"),
    ],
)
def test_root_redirects_to_the_browsers_language(client, site_tree, header, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_serves_the_page_in_its_own_slug_and_lang(client, site_tree, language):
    response = client.get(ABOUT_PATHS[language])
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    assert f"<h1>{ABOUT_TITLES[language]}</h1>" in html
    assert 'role="note"' not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_has_lang_attribute(client, site_tree, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("path", ["/fr/", "/fr/about/", "/zz/gioi-thieu/", "/gioi-thieu/", "/en/gioi-thieu-khong-co/"])
def test_unknown_language_prefix_or_page_gives_the_404_page(client, site_tree, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "404" not in response.get("Location", "")
    assert "<html lang=" in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_links_to_the_same_page_in_every_language(client, site_tree, language):
    html = client.get(ABOUT_PATHS[language]).content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    for code, path in ABOUT_PATHS.items():
        assert f'href="http://testserver{path}" hreflang="{code}"' in switcher
    assert re.search(rf'hreflang="{language}" lang="{language}" aria-current="true"', switcher)


@pytest.mark.parametrize("language", LANGUAGES)
def test_hreflang_lists_every_real_language_and_x_default(client, site_tree, language):
    html = client.get(ABOUT_PATHS[language]).content.decode()
    for code, path in ABOUT_PATHS.items():
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver{path}">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/vi/gioi-thieu/">' in html
    assert f'<link rel="canonical" href="http://testserver{ABOUT_PATHS[language]}">' in html


@pytest.mark.parametrize("language", ["lo", "km"])
def test_untranslated_page_falls_back_to_english_with_a_translated_notice(client, site_tree, language):
    response = client.get(f"/{language}/plan/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    assert "<h1>The plan</h1>" in html
    assert 'lang="en"' in html.split('id="main"')[1]
    notice = re.search(r'<p class="fallback-notice" role="note">(.*?)</p>', html, re.S).group(1)
    with translation.override(language):
        expected_start = translation.gettext(
            "This page has not been translated into %(wanted)s yet. It is shown in %(shown)s."
        ) % {
            "wanted": translation.gettext("Lao" if language == "lo" else "Khmer"),
            "shown": translation.gettext("English"),
        }
    assert notice.strip() == expected_start
    assert "This page has not been translated" not in notice  # the notice is in the reader's language


@pytest.mark.parametrize("language", ["lo", "km"])
def test_fallback_page_is_not_offered_in_hreflang(client, site_tree, language):
    html = client.get(f"/{language}/plan/").content.decode()
    assert 'hreflang="en" href="http://testserver/en/plan/"' in html
    assert '<link rel="alternate" hreflang="lo"' not in html
    assert '<link rel="alternate" hreflang="km"' not in html
    assert '<link rel="canonical" href="http://testserver/en/plan/">' in html


def test_english_falls_back_to_vietnamese(client, site_tree):
    from tests.factories import make_standard_page

    make_standard_page(site_tree.home, titles={"vi": "Chỉ tiếng Việt"}, slugs={"vi": "chi-tieng-viet"})
    html = client.get("/en/chi-tieng-viet/").content.decode()
    assert "<h1>Chỉ tiếng Việt</h1>" in html
    assert 'lang="vi"' in html.split('id="main"')[1]
    assert 'class="fallback-notice"' in html


def test_sitemap_lists_each_page_once_per_real_language(client, site_tree):
    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    locations = re.findall(r"<loc>(.*?)</loc>", xml)
    assert len(locations) == len(set(locations))
    for path in ABOUT_PATHS.values():
        assert f"http://testserver{path}" in locations
    assert "http://testserver/vi/ke-hoach/" in locations
    assert "http://testserver/en/plan/" in locations
    assert not [loc for loc in locations if loc.startswith(("http://testserver/lo/plan", "http://testserver/km/plan"))]
    assert xml.count('hreflang="km" href="http://testserver/km/ompi/"') == 4


def test_robots_txt_points_to_the_sitemap(client, site_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_non_page_views_switch_language_on_the_same_path(client, site_tree):
    html = client.get("/lo/search/?q=Bac").content.decode()
    assert '<html lang="lo"' in html
    assert 'href="http://testserver/km/search/" hreflang="km"' in html


def test_search_results_in_a_fallback_language_are_marked_with_it(client, site_tree):
    html = client.get("/km/search/?q=plan").content.decode()
    assert re.search(r'<li lang="en">\s*<h2><a href="/km/plan/">The <mark>plan</mark></a></h2>', html), html


def test_meta_description_falls_back_to_the_summary(client, site_tree):
    site_tree.about.summary_en = "Facts about the province."
    site_tree.about.save_revision().publish()
    html = client.get("/en/about/").content.decode()
    assert '<meta name="description" content="Facts about the province.">' in html
