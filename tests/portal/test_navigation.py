"""The header: a main menu of groups built from the page tree, a menu button that works without script,
a search box with a placeholder in the reader's language; and a page moved to regroup the menu keeps its old
addresses, which redirect (301) in every language."""

import re

import pytest
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from tests.conftest import LANGUAGES
from tests.factories import make_article, make_section, make_standard_page

VISIT = {"vi": "Du lịch", "en": "Visit", "lo": "ທ່ອງທ່ຽວ", "km": "ទេសចរណ៍"}
VISIT_SLUGS = {"vi": "du-lich", "en": "visit", "lo": "thong-thiao", "km": "tesachor"}
NEWS = {"vi": "Tin tức", "en": "News", "lo": "ຂ່າວສານ", "km": "ព័ត៌មាន"}
NEWS_SLUGS = {"vi": "tin-tuc", "en": "news", "lo": "khao-san", "km": "pordamean"}
STORY = {"vi": "Mùa thu Ba Bể", "en": "Autumn at Ba Bể", "lo": "ລະດູໃບໄມ້ຫຼົ່ນ ບາເບ໋", "km": "រដូវស្លឹកឈើជ្រុះ បាបេ"}
STORY_SLUGS = {"vi": "mua-thu", "en": "autumn", "lo": "ladu-bai-mai", "km": "rodov"}


def header(html):
    return re.search(r"<header.*?</header>", html, re.S).group(0)


def menu_groups(html):
    """(label, [section labels]) for each top-level item of the main menu, as the reader sees them."""
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    groups = []
    item_end = r'</li>\s*(?=<li class="main-nav__group">|</ul>\s*</nav>)'
    items = re.findall(rf'<li class="main-nav__group">(.*?){item_end}', nav, re.S)
    for item in items:
        label = re.search(r'class="main-nav__heading[^"]*"[^>]*>([^<]+)<', item).group(1)
        sections = re.findall(r"<a [^>]*>([^<]+)</a>", item)
        groups.append((label.strip(), sections[1:] if sections[:1] == [label.strip()] else sections))
    return groups


@pytest.fixture
def grouped(site_tree):
    """`Visit` (a group) holding `News`, a section with an article; `about` and `plan` beside it."""
    visit = make_standard_page(site_tree.home, VISIT, VISIT_SLUGS)
    news = make_section(visit, NEWS, NEWS_SLUGS)
    news.show_in_menus = True
    news.save_revision().publish()
    make_article(news, STORY, STORY_SLUGS, "2021-10-01")
    return type("Grouped", (), {"visit": visit, "news": news, **vars(site_tree)})


@pytest.mark.parametrize("language", LANGUAGES)
def test_menu_groups_the_sections_under_their_top_level_page(grouped, client, language):
    html = client.get(f"/{language}/").content.decode()
    groups = dict(menu_groups(html))
    assert groups[VISIT[language]] == [NEWS[language]]
    assert len(groups) <= 6


def test_menu_shows_only_public_pages_marked_for_menus_in_one_query(grouped, client, django_assert_num_queries):
    from wagtail.models import PageViewRestriction

    from home.templatetags.portal_tags import main_menu

    grouped.plan.show_in_menus = False
    grouped.plan.save_revision().publish()
    hidden = make_standard_page(grouped.visit, {"vi": "Nội bộ", "en": "Staff only"}, {"vi": "noi-bo", "en": "staff"})
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    request = client.get("/en/").wsgi_request
    with translation.override("en"), django_assert_num_queries(1):
        menu = main_menu({"request": request, "page": grouped.news})
        labels = [(item.title, [child.title for child in item.menu_children]) for item in menu]
    assert labels == [("About", []), ("Visit", ["News"])]
    assert [item.holds_current_page for item in menu] == [False, True]


def menu_marks(html):
    """Each top-level item's label and its aria-current, then the aria-current of each link beneath it."""
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    marks = {}
    for item in re.split(r'<li class="main-nav__group">', nav)[1:]:
        heading = re.search(r'<(?:summary|a) class="main-nav__heading[^"]*"([^>]*)>([^<]+)<', item)
        current = re.search(r'aria-current="([^"]+)"', heading.group(1))
        links = re.findall(r'<li><a href="[^"]*"([^>]*)>([^<]+)</a>', item)
        sections = {label: re.search(r'aria-current="([^"]+)"', attributes) for attributes, label in links}
        marks[heading.group(2)] = (
            current and current.group(1),
            {label: found and found.group(1) for label, found in sections.items()},
        )
    return marks


@pytest.mark.parametrize("language", LANGUAGES)
def test_menu_marks_the_group_that_holds_the_current_page(grouped, client, language):
    """On an article in News (in Visit), Visit is marked as the current section and News as the one holding the
    page; About, another group, is not; on Visit's own page its link is the current page."""
    contact = {"vi": "Liên hệ", "en": "Contact", "lo": "ຕິດຕໍ່", "km": "ទំនាក់ទំនង"}
    make_standard_page(grouped.about, contact, {"vi": "lien-he", "en": "contact", "lo": "tit-to", "km": "tumnak"})
    article = grouped.news.get_children().get()
    with translation.override(language):
        article_url, visit_url, about_url = (page.get_url() for page in (article, grouped.visit, grouped.about))
    marks = menu_marks(client.get(article_url).content.decode())
    assert marks[VISIT[language]] == ("true", {VISIT[language]: None, NEWS[language]: "true"})
    about = {"vi": "Giới thiệu", "en": "About", "lo": "ກ່ຽວກັບແຂວງ", "km": "អំពីខេត្ត"}[language]
    assert marks[about] == (None, {about: None, contact[language]: None})
    assert [label for label, (current, _links) in marks.items() if current] == [VISIT[language]]

    marks = menu_marks(client.get(visit_url).content.decode())
    assert marks[VISIT[language]] == ("true", {VISIT[language]: "page", NEWS[language]: None})
    marks = menu_marks(client.get(about_url).content.decode())
    assert marks[about] == ("true", {about: "page", contact[language]: None})
    assert marks[VISIT[language]][0] is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_has_a_menu_button_that_needs_no_script_and_a_placeholder(site_tree, client, language):
    html = header(client.get(f"/{language}/").content.decode())
    # <details>/<summary>: the browser announces it expanded or collapsed, and opens it with Enter or Space.
    assert re.search(r'<details class="site-menu" id="site-menu"[^>]*>\s*<summary class="site-menu__button">', html)
    assert re.search(r'<details class="site-menu".*<nav class="main-nav" aria-label="[^"]+">', html, re.S)
    assert "<script" not in html and not re.search(r"\son[a-z]+=", html)  # no inline script: the CSP forbids it
    with translation.override(language):
        placeholder = translation.gettext("Search news, places, investment…")
    assert f'placeholder="{placeholder}"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_moved_into_a_group_redirects_from_its_old_address_in_every_language(grouped, client, language):
    """News moves from the home page into Visit; its old address and its article's redirect permanently."""
    news = grouped.news
    news.move(Page.objects.get(pk=grouped.home.pk), pos="last-child")  # back to where it was first…
    old_section = f"/{language}/{NEWS_SLUGS[language]}/"
    old_article = f"{old_section}{STORY_SLUGS[language]}/"
    assert client.get(old_article).status_code == 200
    with translation.override("vi"):  # an editor working in Vietnamese moves it into the group
        news.move(Page.objects.get(pk=grouped.visit.pk), pos="last-child")
    new_section = f"/{language}/{VISIT_SLUGS[language]}/{NEWS_SLUGS[language]}/"
    for old, new in ((old_section, new_section), (old_article, f"{new_section}{STORY_SLUGS[language]}/")):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new
        assert client.get(new).status_code == 200
    assert Redirect.objects.filter(old_path=old_section.rstrip("/"), is_permanent=True).count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_group_page_leads_on_to_its_sections(grouped, client, language):
    with translation.override(language):
        response = client.get(grouped.visit.get_url())
        news_url = grouped.news.get_url()
    html = response.content.decode()
    section_links = re.search(r'<section class="section-links".*?</section>', html, re.S).group(0)
    assert f'<a href="{news_url}">{NEWS[language]}</a>' in section_links


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_footer_links_the_menus_top_level_pages(grouped, client, language):
    grouped.plan.show_in_menus = False
    grouped.plan.save_revision().publish()
    html = client.get(f"/{language}/").content.decode()
    footer = re.search(r'<nav class="container site-footer__sections".*?</nav>', html, re.S).group(0)
    with translation.override(language):
        expected = [f'<a href="{page.get_url()}">{page.title}</a>' for page in (grouped.about, grouped.visit)]
    assert re.findall(r"<a [^>]*>[^<]*</a>", footer) == expected
