"""An editor withdraws a translation by unticking it in the page's Translations tab."""

import re

from bs4 import BeautifulSoup
from django.urls import reverse

from home.models import StandardPage
from tests.home.test_translation_status import about_form

CHECKBOX_FIELDS = ("ready_languages", "confirmed_languages")


def edit_page_html(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def translations_tab(soup):
    tab_link = next(a for a in soup.select('a[role="tab"]') if "Bản dịch" in a.get_text())
    return soup.find(id=tab_link["href"].removeprefix("#"))


def test_the_translation_checkboxes_are_rendered_once_in_the_translations_tab(admin_client, site_tree):
    soup = edit_page_html(admin_client, site_tree.about)
    tab = translations_tab(soup)
    for name in CHECKBOX_FIELDS:
        for code in ("en", "lo", "km"):
            boxes = soup.select(f'input[type="checkbox"][name="{name}"][value="{code}"]')
            assert len(boxes) == 1, (name, code)
            assert tab in boxes[0].parents, (name, code)


def ticked_as_the_browser_posts_them(soup, untick):
    """Every ticked `ready_languages` box of the form, once the editor unticks `untick` in the Translations tab."""
    tab = translations_tab(soup)
    tab.select_one(f'input[name="ready_languages"][value="{untick}"]').attrs.pop("checked")
    form = soup.find("form", id="page-edit-form")
    return [box["value"] for box in form.select('input[name="ready_languages"]') if box.has_attr("checked")]


def lao_result(client, query):
    """The Lao search result for the about page, if readers of Lao find it by `query`."""
    html = client.get("/lo/search/", {"q": query}).content.decode()
    return re.search(r'<h2><a href="/lo/kiaw-kap/">', html)


def test_unticking_a_language_takes_it_off_the_live_site(admin_client, client, site_tree):
    lao_title = "ກ່ຽວກັບແຂວງ"
    assert f"<h1>{lao_title}</h1>" in client.get("/lo/kiaw-kap/").content.decode()
    assert lao_result(client, lao_title)

    ready = ticked_as_the_browser_posts_them(edit_page_html(admin_client, site_tree.about), untick="lo")
    data = {**about_form(site_tree, ready), "action-publish": "1"}
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[site_tree.about.pk]), data)
    assert response.status_code == 302, response.context["form"].errors

    page = StandardPage.objects.get(pk=site_tree.about.pk)
    assert not page.is_ready("lo") and page.is_ready("km")
    lao = client.get("/lo/kiaw-kap/").content.decode()
    assert f"<h1>{lao_title}</h1>" not in lao and "<h1>About</h1>" in lao  # the English fallback
    khmer = client.get("/km/ompi/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', khmer, re.S).group(0)
    assert "/lo/kiaw-kap/" not in switcher and 'hreflang="lo"' not in khmer.replace(switcher, "")
    assert "/lo/kiaw-kap/" not in client.get("/sitemap.xml").content.decode()
    assert not lao_result(client, lao_title)
    # The Lao text is kept for the translator, in the revision the editor opens.
    assert lao_title in str(edit_page_html(admin_client, site_tree.about))
