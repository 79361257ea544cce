import datetime
import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.html import escape
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision, Site

from home.management.commands.load_demo import CONTENT_FILE
from home.models import HomePage, PortalSettings, StandardPage
from tests.conftest import LANGUAGES

CONTENT = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def demo(loaded_demo, db):
    return loaded_demo


def test_demo_builds_home_and_standard_pages(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert StandardPage.objects.live().count() == len(CONTENT["pages"]) - 1
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page.pk).exists()


def test_running_the_demo_twice_changes_nothing(demo, tmp_path):
    revisions = Revision.objects.count()
    pages = list(Page.objects.values_list("pk", "url_path_vi", "url_path_en", "url_path_lo", "url_path_km"))
    users = sorted(get_user_model().objects.values_list("username", "password", "email", "groups__name"))
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert Revision.objects.count() == revisions
    assert sorted(get_user_model().objects.values_list("username", "password", "email", "groups__name")) == users
    assert list(Page.objects.values_list("pk", "url_path_vi", "url_path_en", "url_path_lo", "url_path_km")) == pages
    assert "Created" not in out.getvalue() and "Updated" not in out.getvalue()
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_demo_prints_a_working_admin_login(demo, client):
    username, password = re.search(r"Admin login: (\S+) / (\S+)", demo).groups()
    assert client.login(username=username, password=password)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_pages_render_in_every_language(demo, client, language):
    for entry in CONTENT["pages"]:
        translated = language in entry["translated_languages"]
        shown = language if translated else ("en" if "en" in entry["translated_languages"] else "vi")
        with translation.override(language):
            path = Page.objects.get(slug_vi=entry["slug"]["vi"]).get_url()
        assert path == f"/{language}/" if entry["key"] == "home" else path.endswith(f"/{entry['slug'][shown]}/")
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 200
        assert entry["key"] == "home" or f"<h1>{entry['title'][shown]}</h1>" in html  # home: the portal's name
        assert ('class="fallback-notice"' in html) is not translated


def test_demo_translations_are_not_copies(demo):
    for entry in CONTENT["pages"]:
        texts = {
            code: json.dumps(entry["body"].get(code), ensure_ascii=False) for code in entry["translated_languages"]
        }
        assert len(set(texts.values())) == len(texts), entry["key"]
        titles = {entry["title"][code] for code in entry["translated_languages"]}
        assert len(titles) == len(entry["translated_languages"]), entry["key"]


def test_demo_site_settings_are_translated(demo):
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    names = {getattr(portal, f"portal_name_{code}") for code in LANGUAGES}
    assert len(names) == len(LANGUAGES)
    assert portal.spokesperson_name_vi


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_renders_within_a_query_budget(demo, client, language, django_assert_max_num_queries):
    client.get(f"/{language}/")  # warm the site-root, settings and rendition caches as in production
    with django_assert_max_num_queries(12):  # as every public page; tests/home/test_home_page.py for more
        response = client.get(f"/{language}/")
    assert response.status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_emblem_has_alt_text_in_the_readers_language(demo, client, language):
    html = client.get(f"/{language}/").content.decode()
    alt = CONTENT["site_settings"]["logo"]["description"][language]
    assert re.search(rf'<img alt="{re.escape(alt)}" class="brand__logo" height="64" src="[^"]+" width="64">', html)


def test_demo_news_follows_the_plan_and_is_honest(demo):
    from news.demo import ARTICLES_FILE
    from news.models import ArticlePage

    news = json.loads(ARTICLES_FILE.read_text(encoding="utf-8"))
    articles = {article["key"]: article for article in news["articles"]}
    pages = {page.slug_vi: page for page in ArticlePage.objects.live()}
    assert len(pages) == len(articles) >= 12
    for article in articles.values():
        page = pages[article["slug"]["vi"]]
        assert page.translated_languages == [code for code in LANGUAGES if code in article["languages"]]
        assert "en" in article["languages"]
        assert page.hero_image and page.hero_image.credit_en == "Illustration"
        for code in article["languages"]:
            assert getattr(page, f"source_{code}") == article["source"][code]
    in_lao = [a for a in articles.values() if a["section"] == "laos" and "lo" in a["languages"]]
    in_khmer = [a for a in articles.values() if a["section"] == "cambodia" and "km" in a["languages"]]
    assert len(in_lao) >= 3 and len(in_khmer) >= 3
    laos_1 = pages[articles["laos-1"]["slug"]["vi"]]
    assert [a.slug_vi for a in laos_1.related_articles()] == [
        articles[key]["slug"]["vi"] for key in articles["laos-1"]["related"]
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_sections_list_their_articles_in_every_language(demo, client, language):
    from news.models import ArticleIndexPage, ArticlePage

    for section in ArticleIndexPage.objects.live().specific():
        with translation.override(language):
            path = section.get_url()
        response = client.get(path)
        expected = ArticlePage.objects.live().descendant_of(section).count()
        assert response.status_code == 200
        assert response.content.decode().count('class="article-card"') == min(expected, 12), path


def test_demo_promotion_content_is_complete_and_marked(demo):
    from promotion.models import (
        DestinationPage,
        EventPage,
        InvestmentProjectPage,
        ProductPage,
        PublicationPage,
    )

    projects = InvestmentProjectPage.objects.live()
    assert projects.count() >= 6 and all(project.is_sample for project in projects)
    assert DestinationPage.objects.live().count() >= 5
    assert DestinationPage.objects.filter(title_vi__icontains="Ba Bể").exists()
    assert {event.category for event in EventPage.objects.live()} >= {
        "festival",
        "investment-conference",
        "cultural-exchange",
        "press-conference",
    }
    assert ProductPage.objects.live().count() >= 3
    assert all(1 <= product.ocop_stars <= 5 for product in ProductPage.objects.live())
    publications = PublicationPage.objects.live()
    assert publications.count() >= 2
    assert all(publication.document_vi and publication.document_en for publication in publications)
    for model in (DestinationPage, EventPage, InvestmentProjectPage, ProductPage, PublicationPage):
        for page in model.objects.live():
            assert page.translated_languages == LANGUAGES, (model, page.title)
            titles = {getattr(page, f"title_{code}") for code in LANGUAGES}
            assert len(titles) == len(LANGUAGES), page.title  # written, not copied


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_of_the_demo_renders_in_every_language(demo, client, language):
    from wagtail.models import get_page_models

    from home.models import PortalPage

    types = [model for model in get_page_models() if issubclass(model, PortalPage)]
    for model in types:
        page = model.objects.live().order_by("path").first()
        assert page is not None, f"the demo has no {model.__name__}"
        with translation.override(language):
            path = page.get_url()
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 200, path
        assert f'<html lang="{language}"' in html
        title = escape(getattr(page, "title_" + page.content_language(language)))
        if model is HomePage:  # headed by the portal's name, never "Home"
            title = escape(getattr(PortalSettings.for_site(page.get_site()), f"portal_name_{language}"))
        assert re.search(rf"<h1[^>]*>{re.escape(title)}</h1>", html), path


def test_demo_sections_belong_to_their_departments_and_demo_editors_can_log_in(demo, client):
    from promotion.models import DestinationIndexPage

    destinations = DestinationIndexPage.objects.get()
    assert destinations.get_workflow().name == "Quy trình duyệt hai bước: Sở Văn hóa, Thể thao và Du lịch"
    password = re.search(r"Admin login: \S+ / (\S+)", demo).group(1)
    assert client.login(username="tourism-contributor", password=password)
    add = f"/admin/pages/add/promotion/destinationpage/{destinations.pk}/"
    assert client.get(add).status_code == 200


def test_every_demo_page_is_under_a_workflow(demo):
    pages = Page.objects.filter(depth__gt=1).specific()
    assert pages and all(page.get_workflow() is not None for page in pages)


def test_demo_library_holds_the_plan_and_the_documents_it_cites(demo, client):
    from library.models import DocumentStatus, OfficialDocumentPage
    from plans.models import Plan

    plan = Plan.objects.get(number="17/KH-UBND")
    assert plan.library_document.number == "17/KH-UBND" and plan.library_document.live
    assert plan.library_document.file.file.name.endswith(".docx")
    old = OfficialDocumentPage.objects.get(number="43/2011/NĐ-CP")
    assert old.status == DocumentStatus.REPLACED
    assert [d.number for d in old.replacing_documents()] == ["42/2022/NĐ-CP"]
    with translation.override("en"):
        library = plan.library_document.get_parent().get_url()
    response = client.get(library, {"number": "17/kh-ubnd"})
    assert [d.number for d in response.context["documents"]] == ["17/KH-UBND"]


def demo_users_of_the_readme():
    """The usernames in the README's table of demo users."""
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Demo users", 1)[1].split("\n#", 1)[0]
    return re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.MULTILINE)


def test_every_role_has_a_demo_user_with_the_admins_password_listed_in_the_readme(demo, client):
    from home.editorial import DEPARTMENTS, ROLES, group_name

    users = {user.username: user for user in get_user_model().objects.prefetch_related("groups")}
    groups = {username: [group.name for group in user.groups.all()] for username, user in users.items()}
    for department in DEPARTMENTS:
        prefix = "news" if department.key == "editorial" else department.key
        for role in ROLES:
            assert groups[f"{prefix}-{role.key.removesuffix('s')}"] == [group_name(department, role)]
    assert groups["plan-coordinator"] == ["Kế hoạch TTĐN: Điều phối"]
    assert groups["plan-portal"] == groups["plan-press"] == ["Kế hoạch TTĐN: Cán bộ đơn vị"]
    assert users["plan-portal"].plan_units.get().key == "trung-tam-cong-bao-tin-hoc"
    assert groups["site-admin"] == ["Quản trị hệ thống"]
    assert groups["foreign-press-desk"] == ["Báo chí nước ngoài: Tiếp nhận đăng ký"]
    assert groups["investor-desk"] == ["Xúc tiến đầu tư: Tiếp nhận câu hỏi"]
    # Every group, those added after this test too, has its demo user.
    assert {name for names in groups.values() for name in names} == set(Group.objects.values_list("name", flat=True))
    demo_users = sorted(set(users) - {"admin"})
    assert sorted(demo_users_of_the_readme()) == demo_users
    assert all(f"  {username} " in demo for username in demo_users)
    assert demo.rstrip().endswith('what each can do: README.md, "Demo users".')
    password = re.search(r"Admin login: \S+ / (\S+)", demo).group(1)
    for username in ("news-contributor", "plan-portal", "investor-desk", "site-admin"):
        assert client.login(username=username, password=password), username
        assert client.get("/admin/").status_code == 200, username


def test_load_demo_refuses_the_production_settings_and_writes_nothing(db, settings, tmp_path):
    settings.LOAD_DEMO_ALLOWED, settings.VAR_DIR = False, tmp_path
    pages, users = Page.objects.count(), get_user_model().objects.count()
    with pytest.raises(CommandError, match="does not run under the production settings"):
        call_command("load_demo", stdout=StringIO())
    assert (Page.objects.count(), get_user_model().objects.count()) == (pages, users)
    assert not list(tmp_path.iterdir())


def test_production_settings_forbid_load_demo(tmp_path):
    """Run as an operator would: exit status, message, and not even a database file."""
    database = tmp_path / "db.sqlite3"
    services = ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL")
    environment = {
        **{key: value for key, value in os.environ.items() if key not in services},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "k8Jp2VxQ7rTn4ZyLw9HbCs3FgDm6NaUe1RoKiXtPqYv5BjWcEhMzAuSfGlOdIr0T",
        "FORM_DATA_KEY": "sjdx8nrmyxQuEC0lHf--gWifIIDynfF8V10RZj_Bzt0=",
        "DATABASE_URL": f"sqlite:///{database}",
        "PORTAL_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "CommandError: load_demo does not run under the production settings" in result.stderr
    assert not database.exists() and not (tmp_path / "admin-password.txt").exists()


def main_menu(html):
    """(label, [section labels]) for each top-level item of the main menu."""
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return [
        (re.search(r'class="main-nav__heading[^"]*"[^>]*>([^<]+)<', group).group(1), re.findall(r">([^<]+)</a>", group))
        for group in re.split(r'<li class="main-nav__group">', nav)[1:]
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_menu_groups_its_sections_in_the_readers_language(demo, client, language):
    """At most six top-level items, each over its sections; none shown in a fallback language."""
    html = client.get(f"/{language}/").content.decode()
    menu = main_menu(html)
    assert 4 <= len(menu) <= 6
    assert all(len(sections) >= 2 for _label, sections in menu)  # the group's own page, then its sections
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert " lang=" not in nav
    with translation.override(language):
        expected = [page.title for page in Site.objects.get(is_default_site=True).root_page.get_children().in_menu()]
    assert [label for label, _sections in menu] == expected
    assert len({label for label, _sections in menu}) == len(menu)


# Addresses of the demo before its sections were grouped (the menu had 13 items), in each language.
OLD_ADDRESSES = {
    "vi": ["/vi/diem-den/", "/vi/lien-he/", "/vi/tin-tuc/huu-nghi-viet-nam-lao/", "/vi/van-ban/"],
    "en": ["/en/destinations/", "/en/contact/", "/en/news/vietnam-laos-friendship/", "/en/documents/"],
    "lo": ["/lo/chut-mai/", "/lo/tit-to/", "/lo/khao-san/mittaphap-viet-lao/", "/lo/ekasan/"],
    "km": ["/km/koldau/", "/km/tumnak-tumnong/", "/km/pordamean/mittapheap-vietnam-lav/", "/km/aekasar/"],
}


def old_demo_shape():
    """Put the pages back where the demo had them before its sections were grouped (directly under the home
    page, the groups absent, the forms out of the menu), as on a site loaded by the earlier demo."""
    home = Site.objects.get(is_default_site=True).root_page
    group_slugs = {"invest", "visit", "news-and-press", "official-information"}
    groups = [page for page in home.get_children() if page.slug_en in group_slugs]
    assert len(groups) == len(group_slugs)
    for group in [*groups, home.get_children().get(slug_en="about-bac-kan-province")]:
        for page in group.get_children().exclude(slug_en="spokesperson-rules"):
            page.move(Page.objects.get(pk=home.pk), pos="last-child")
    for group in groups:
        Page.objects.get(pk=group.pk).delete()
    for form in home.get_children().filter(slug_en__in=["investor-enquiries", "foreign-press-registration"]):
        form.show_in_menus = False
        form.save()
    Redirect.objects.all().delete()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_old_demo_addresses_redirect_permanently_in_every_language(demo, client, language):
    old_demo_shape()
    shown = {path: client.get(path) for path in OLD_ADDRESSES[language]}
    assert all(response.status_code == 200 for response in shown.values())
    call_command("load_demo", stdout=StringIO())
    for path, before in shown.items():
        response = client.get(path)
        assert response.status_code == 301, path
        page = Page.objects.get(pk=before.context["page"].pk)
        with translation.override(language):
            assert response["Location"] == page.get_url() != path
        assert client.get(response["Location"]).status_code == 200


def test_a_site_loaded_by_the_old_demo_ends_up_in_the_new_shape(demo):
    def shape():
        fields = ["show_in_menus", "url_path_vi", "url_path_en", "url_path_lo", "url_path_km"]
        home = Site.objects.get(is_default_site=True).root_page
        menu = [page.slug_vi for page in home.get_children().in_menu()]
        return menu, sorted(Page.objects.values_list(*fields), key=str)

    new_shape = shape()
    old_demo_shape()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Moved page" in out.getvalue()
    assert shape() == new_shape
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Moved" not in out.getvalue() and "Created" not in out.getvalue() and "Updated" not in out.getvalue()


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_pictures_are_credited_as_illustrations_in_the_readers_language(demo, language):
    from home.demo_loading import ILLUSTRATION_CREDIT
    from home.models import PortalImage

    credits = set()
    with translation.override(language):
        for image in PortalImage.objects.all():
            credits.add(image.credit)
    assert credits == {ILLUSTRATION_CREDIT[language]}
    assert len(set(ILLUSTRATION_CREDIT.values())) == len(LANGUAGES)


def test_demo_has_upcoming_sample_events_dated_from_the_day_it_is_loaded(demo, client):
    from django.utils import timezone

    from promotion.models import EventPage

    today = timezone.localdate()
    upcoming = EventPage.objects.live().filter(start__gte=timezone.now()).order_by("start")
    assert len(upcoming) >= 3
    assert all(today < timezone.localdate(event.start) <= today + datetime.timedelta(days=60) for event in upcoming)
    assert all("(sample" in event.summary_en for event in upcoming)
    html = client.get("/en/").content.decode()
    assert '<h2 id="home-events">Upcoming events</h2>' in html
    assert upcoming[0].title_en in html


def demo_events():
    from promotion.demo import read

    tourism = read("tourism.json")
    return [*tourism["events"], *tourism["upcoming_events"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_events_lead_with_an_illustration_captioned_in_the_readers_language(demo, client, language):
    """Every demo event, the upcoming ones too, shows its lead image with the caption and credit in the reader's
    language; the caption (also the image's alt text) says what the drawing shows, written for each language."""
    from home.demo_loading import ILLUSTRATION_CREDIT
    from promotion.models import EventPage

    events = demo_events()
    assert len(events) == EventPage.objects.live().count() >= 7
    for item in events:
        captions = item["image_caption"]
        assert len({captions[code] for code in LANGUAGES}) == len(LANGUAGES), item["key"]  # written, not copied
        with translation.override(language):
            path = EventPage.objects.get(slug_vi=item["slug"]["vi"]).get_url()
        html = client.get(path).content.decode()
        lead = re.search(r'<figure class="figure figure--lead">.*?</figure>', html, re.S)
        assert lead, path
        caption = escape(captions[language])
        assert re.search(rf'<img [^>]*alt="{re.escape(caption)}"', lead.group(0)), path
        credit = ILLUSTRATION_CREDIT[language]
        assert f'<figcaption>{caption} <span class="figure__credit">{credit}</span></figcaption>' in lead.group(0)


def test_demo_gives_lead_images_to_the_events_of_a_site_loaded_without_them(demo):
    """A site loaded by the demo before its events had images gets them on the next run; the run after changes
    nothing."""
    from home.models import PortalImage
    from promotion.models import EventPage

    PortalImage.objects.filter(pk__in=EventPage.objects.values("hero_image")).delete()
    EventPage.objects.update(hero_caption_vi="", hero_caption_en="", hero_caption_lo="", hero_caption_km="")
    assert not EventPage.objects.filter(hero_image__isnull=False).exists()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert out.getvalue().count("Updated page") == len(demo_events())
    for item in demo_events():
        event = EventPage.objects.get(slug_vi=item["slug"]["vi"])
        assert event.live and event.hero_image.description_en == item["image_caption"]["en"]
        assert event.hero_caption_km == item["image_caption"]["km"]
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Created" not in out.getvalue() and "Updated" not in out.getvalue()


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_home_page_leads_with_the_province_then_what_each_reader_came_for(demo, client, language):
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    html = client.get(f"/{language}/").content.decode()
    assert re.search(r"<h1[^>]*>([^<]+)</h1>", html).group(1) == escape(getattr(portal, f"portal_name_{language}"))
    assert 'class="lead-story"' in html and 'class="lead-story__image"' in html
    entry_points = re.search(r'<ul class="entry-points"([^>]*)>(.*?)</ul>', html, re.S)
    assert entry_points.group(1) == ""  # written in the reader's language
    assert len(re.findall(r'<h3 class="entry-point__title"><a href="/', entry_points.group(2))) == 4
    for key in ("news", "events", "investment", "destinations"):
        assert f'id="home-{key}"' in html, key
    assert "VND" in html and "US$" in html
    assert html.count('class="key-figure__sample"') == html.count('class="key-figure"') >= 4
    assert "home-press" in html


def test_demo_emblem_and_browser_icon(demo, client):
    html = client.get("/vi/").content.decode()
    assert 'class="brand__logo"' in html
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html).group(1)
    assert icon.endswith("/home/emblem.svg")
