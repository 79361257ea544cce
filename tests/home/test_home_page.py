"""The home page as readers see it in each language, as editors set it up, and what it costs."""

import datetime
import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from PIL import Image
from wagtail.images import get_image_model

from home.models import HomePage, PortalSettings
from promotion.models import (
    DestinationIndexPage,
    DestinationPage,
    District,
    EventIndexPage,
    EventPage,
    InvestmentIndexPage,
    InvestmentProjectPage,
)
from tests.conftest import LANGUAGES
from tests.factories import localized, make_article, make_section

NAMES = {
    "vi": "Cổng thông tin đối ngoại tỉnh Bắc Kạn",
    "en": "Bắc Kạn Province External Information Portal",
    "lo": "ເວັບໄຊຂໍ້ມូນຂ່າວສານຕໍ່ຕ່າງປະເທດ ແຂວງບັກກັນ",
    "km": "វិបផតថលព័ត៌មានការបរទេស ខេត្តបាក់កាន",
}
TAGLINES = {
    "vi": "Thông tin chính thức về tỉnh Bắc Kạn.",
    "en": "Official information about Bắc Kạn.",
    "lo": "ຂໍ້ມូນທາງການກ່ຽວກັບແຂວງບັກກັນ.",
    "km": "ព័ត៌មានផ្លូវការអំពីខេត្តបាក់កាន។",
}
HOME_TITLES = {"vi": "Trang chủ", "en": "Home", "lo": "ໜ້າຫຼັກ", "km": "ទំព័រដើម"}


def picture(title):
    buffer = BytesIO()
    Image.new("RGB", (960, 540), "teal").save(buffer, "PNG")
    image = get_image_model()(
        title=title,
        **localized("description", {"vi": f"{title} (vi)", "en": f"{title} (en)"}),
        **localized("credit", {"vi": "Ảnh minh hoạ", "en": "Illustration", "lo": "ພາບປະກອບ", "km": "រូបភាពគំនូរ"}),
    )
    image.file = ImageFile(buffer, name="picture.png")
    image._set_image_file_metadata()
    image.save()
    return image


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def index(parent, model, slug, titles):
    return publish(parent, model(**localized("title", titles), **localized("slug", {c: slug for c in LANGUAGES})))


def all_languages(text):
    return {code: f"{text} ({code})" for code in LANGUAGES}


@pytest.fixture
def portal(default_site):
    settings = PortalSettings.for_site(default_site)
    for code in LANGUAGES:
        setattr(settings, f"portal_name_{code}", NAMES[code])
        setattr(settings, f"tagline_{code}", TAGLINES[code])
        setattr(settings, f"province_name_{code}", {"vi": "Tỉnh Bắc Kạn"}.get(code, "Bắc Kạn"))
        setattr(settings, f"spokesperson_name_{code}", "Nguyễn Văn A")
    settings.spokesperson_email = "spokesperson@example.org"
    settings.vnd_per_usd = Decimal("25000")
    settings.save()
    return settings


@pytest.fixture
def district(db):
    return District.objects.create(slug="ba-be", **localized("name", {"vi": "Ba Bể", "en": "Ba Bể district"}))


class Content:
    """A home page with news, events, investment opportunities and destinations under it."""

    def __init__(self, home, district):
        self.home, self.district = home, district
        self.news = make_section(home, all_languages("News"), {c: "news" for c in LANGUAGES})
        self.events = index(home, EventIndexPage, "events", all_languages("Events"))
        self.investment = index(home, InvestmentIndexPage, "invest", all_languages("Investment"))
        self.destinations = index(home, DestinationIndexPage, "visit", all_languages("Visit"))
        self.count = 0

    def article(self, languages=LANGUAGES, days_ago=0, image=None):
        self.count += 1
        number = self.count
        return make_article(
            self.news,
            {code: f"Article {number} ({code})" for code in languages},
            {code: f"article-{number}" for code in languages},
            datetime.date(2027, 1, 1) - datetime.timedelta(days=days_ago + number),
            hero_image=image,
        )

    def event(self, starts_in_days):
        self.count += 1
        start = timezone.now() + datetime.timedelta(days=starts_in_days)
        return publish(
            self.events,
            EventPage(
                **localized("title", all_languages(f"Event {self.count}")),
                **localized("slug", {c: f"event-{self.count}" for c in LANGUAGES}),
                **localized("summary", all_languages("A festival (sample data).")),
                **localized("venue", all_languages("Ba Bể")),
                start=start,
                end=start + datetime.timedelta(hours=8),
                category="festival",
                district=self.district,
            ),
        )

    def project(self, capital=120_000_000_000):
        self.count += 1
        return publish(
            self.investment,
            InvestmentProjectPage(
                **localized("title", all_languages(f"Project {self.count}")),
                **localized("slug", {c: f"project-{self.count}" for c in LANGUAGES}),
                **localized("summary", all_languages("An eco-resort (sample data).")),
                sector="tourism-services",
                investment_form="domestic",
                capital_vnd=capital,
                district=self.district,
                is_sample=True,
            ),
        )

    def destination(self, image=None):
        self.count += 1
        return publish(
            self.destinations,
            DestinationPage(
                **localized("title", all_languages(f"Destination {self.count}")),
                **localized("slug", {c: f"destination-{self.count}" for c in LANGUAGES}),
                **localized("summary", all_languages("A lake.")),
                district=self.district,
                hero_image=image,
            ),
        )


@pytest.fixture
def content(site_tree, portal, district):
    return Content(HomePage.objects.get(pk=site_tree.home.pk), district)


def save(home, **values):
    for name, value in values.items():
        setattr(home, name, value)
    home.save_revision().publish()


def h1(html):
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def section_titles(html, key):
    """The titles of the cards in one section of the home page, in order."""
    part = re.search(rf'<section class="[^"]*home-section--{key}[^"]*".*?</section>', html, re.S)
    return re.findall(r'<h3 class="article-card__title"><a href="[^"]+">([^<]+)</a>', part.group(0)) if part else []


@pytest.mark.parametrize("language", LANGUAGES)
def test_heading_is_the_portals_name_in_the_readers_language_never_home(client, content, language):
    html = client.get(f"/{language}/").content.decode()
    assert h1(html) == NAMES[language]
    assert h1(html) != HOME_TITLES[language]
    assert TAGLINES[language] in html


def test_without_a_portal_name_the_heading_is_still_not_home(client, site_tree):
    html = client.get("/en/").content.decode()
    assert h1(html) == "External information portal"


@pytest.mark.parametrize("language", LANGUAGES)
def test_editors_can_make_the_tagline_the_heading(client, content, language):
    save(content.home, heading="tagline")
    html = client.get(f"/{language}/").content.decode()
    assert h1(html) == TAGLINES[language]
    assert f'<p class="home-hero__subtitle">{NAMES[language]}</p>' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_latest_news_lists_only_articles_ready_in_the_readers_language(client, content, language):
    content.article(days_ago=3)  # Article 1, in every language
    content.article(languages=["vi", "en"])  # Article 2, the newest
    html = client.get(f"/{language}/").content.decode()
    shown = [lead_title(html), *section_titles(html, "news")]
    if language in ("vi", "en"):
        assert shown == [f"Article 2 ({language})", f"Article 1 ({language})"]
    else:  # not the English text of the newest: the newest that is written in the reader's language
        assert shown == [f"Article 1 ({language})"]


def lead_title(html):
    match = re.search(r'<h2 class="lead-story__title" id="home-lead-title"><a href="[^"]+">([^<]+)</a>', html)
    return match.group(1) if match else None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_newest_article_leads_when_editors_chose_nothing(client, content, language):
    image = picture("Lake")
    content.article(days_ago=5)
    content.article(days_ago=0, image=image)
    html = client.get(f"/{language}/").content.decode()
    assert lead_title(html) == f"Article 2 ({language})"
    assert f"Article 2 ({language})" not in section_titles(html, "news")  # not twice
    assert section_titles(html, "news") == [f"Article 1 ({language})"]
    assert 'class="lead-story__image"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_editors_lead_story_and_featured_pages_take_effect(client, content, language):
    content.article()
    place = content.destination(image=picture("Cave"))  # Destination 2
    first, _second, third = content.project(), content.project(), content.project()  # Projects 3, 4, 5
    save(content.home, lead_page=place, featured_pages=[("page", third), ("page", first)])
    html = client.get(f"/{language}/").content.decode()
    assert lead_title(html) == f"Destination 2 ({language})"
    assert section_titles(html, "destinations") == []  # the lead is not repeated
    assert section_titles(html, "investment") == [f"Project {n} ({language})" for n in (5, 3, 4)]
    assert section_titles(html, "news") == [f"Article 1 ({language})"]  # no longer the lead


def test_a_lead_story_is_an_article_event_opportunity_or_destination(content, site_tree):
    from django.core.exceptions import ValidationError

    content.home.lead_page = site_tree.about
    with pytest.raises(ValidationError) as refused:
        content.home.full_clean()
    assert "lead_page" in refused.value.message_dict
    content.home.lead_page = content.destination()
    content.home.full_clean()


def test_a_lead_of_another_type_saved_before_the_rule_shows_its_title(client, content, site_tree):
    content.article()
    HomePage.objects.filter(pk=content.home.pk).update(lead_page=site_tree.about)
    html = client.get("/en/").content.decode()
    assert lead_title(html) == "About"
    assert section_titles(html, "news") == ["Article 1 (en)"]


def test_investment_cards_show_sector_district_and_capital_in_vnd_and_usd(client, content):
    content.project(capital=120_000_000_000)
    html = client.get("/en/").content.decode()
    part = re.search(r'<section class="[^"]*home-section--investment.*?</section>', html, re.S).group(0)
    assert "Tourism and services" in part and "Ba Bể district" in part
    assert "120,000,000,000 VND" in part and "US$ 4,800,000" in part
    assert 'href="/en/invest/"' in part  # all opportunities


def test_upcoming_events_first_then_recent_ones_labelled_so(client, content):
    content.event(-30)  # Event 1
    soon, later = content.event(10), content.event(3)  # Events 2 and 3
    html = client.get("/en/").content.decode()
    assert '<h2 id="home-events">Upcoming events</h2>' in html
    assert section_titles(html, "events") == ["Event 3 (en)", "Event 2 (en)"]  # soonest first, no past one
    for event in (soon, later):
        event.unpublish()
    html = client.get("/en/").content.decode()
    assert '<h2 id="home-events">Recent events</h2>' in html
    assert "Nothing is scheduled yet: these are the most recent." in html
    assert section_titles(html, "events") == ["Event 1 (en)"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_entry_points_lead_to_their_pages_in_the_readers_language(client, content, site_tree, language):
    texts = {code: f"Invest ({code})" for code in ("vi", "en", "lo")}
    points = {
        code: [("entry_point", {"title": text, "text": f"Projects ({code})", "page": content.investment})]
        for code, text in texts.items()
    }
    save(content.home, **{f"entry_points_{code}": value for code, value in points.items()})
    html = client.get(f"/{language}/").content.decode()
    shown = language if language in texts else "en"
    part = re.search(r'<ul class="entry-points"([^>]*)>(.*?)</ul>', html, re.S)
    assert f'<a href="/{language}/invest/">Invest ({shown})</a>' in part.group(2)
    assert (f' lang="{shown}"' in part.group(1)) is (shown != language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_key_figures_share_their_number_and_translate_their_words(client, content, language):
    figure = {
        "value": Decimal("4859.96"),
        "unit": "km²",
        "label": {"vi": "Diện tích tự nhiên", "en": "Area", "lo": "ເນື້ອທີ່", "km": ""},
        "source": {"vi": "Cục Thống kê", "en": "Statistics Office", "lo": "", "km": ""},
        "is_sample": True,
    }
    forest = {**figure, "value": Decimal("73.4"), "unit": "%", "is_sample": False}
    save(content.home, key_figures=[("figure", figure), ("figure", forest)])
    html = client.get(f"/{language}/").content.decode()
    assert {"vi": "73,4 %", "en": "73.4 %"}.get(language, "73") in html  # as written: not 73.40
    number = {"vi": "4.859,96", "en": "4,859.96"}.get(language)
    part = re.search(r'<ul class="key-figures">.*?</ul>', html, re.S).group(0)
    assert re.search(r'<span class="key-figure__value">[^<]*4[^<]*859[^<]*96 km²</span>', part)
    if number:
        assert f"{number} km²" in part
    label = figure["label"][language] or figure["label"]["en"]
    assert label in part
    assert (f'lang="en">{figure["label"]["en"]}' in part) is (language == "km")
    assert part.count('class="key-figure__sample"') == 1


def test_spokespersons_contact_is_on_the_home_page(client, content):
    html = client.get("/en/").content.decode()
    part = re.search(r'<section class="[^"]*home-press.*?</section>', html, re.S).group(0)
    assert "Nguyễn Văn A" in part and 'href="mailto:spokesperson@example.org"' in part


def fill(content, count, image):
    for _number in range(count):
        content.article(image=image)
        content.event(5)
        content.project()
        content.destination(image=image)


def home_page_queries(client):
    client.get("/en/")  # renditions are made once, then found in the cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/")
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries]


def test_home_page_costs_at_most_twelve_queries_whatever_is_chosen(client, content, site_tree):
    image = picture("Picture")
    fill(content, 10, image)
    chosen = [
        *InvestmentProjectPage.objects.all()[:5],
        *DestinationPage.objects.all()[:5],
        *EventPage.objects.all()[:2],
    ]
    save(
        content.home,
        lead_page=(lead := EventPage.objects.last()),
        featured_pages=[("page", page) for page in chosen],
        entry_points_en=[
            ("entry_point", {"title": f"Door {n}", "text": "Text", "page": site_tree.about}) for n in range(4)
        ],
        key_figures=[("figure", {"value": Decimal(n), "unit": "", "label": {"vi": f"Số {n}"}}) for n in range(8)],
    )
    html, with_ten = home_page_queries(client)
    assert len(section_titles(html, "destinations")) == 3 and lead_title(html) == lead.title_en
    assert len(with_ten) <= 12, "\n".join(with_ten)
    fill(content, 40, image)
    html, with_fifty = home_page_queries(client)
    assert len(with_fifty) == len(with_ten), "\n".join(with_fifty)


@pytest.mark.parametrize("language", LANGUAGES)
def test_favicon_is_a_neutral_emblem_until_one_is_chosen(client, content, portal, language):
    html = client.get(f"/{language}/").content.decode()
    assert re.search(r'<link rel="icon" href="[^"]*/home/emblem\.svg" type="image/svg\+xml">', html)
    portal.favicon = picture("Icon")
    portal.save()
    html = client.get(f"/{language}/").content.decode()
    assert re.search(r'<link rel="icon" href="[^"]+\.png" type="image/png" sizes="32x32">', html)
    assert '<link rel="apple-touch-icon"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_image_credit_is_in_the_readers_language(db, language):
    image = picture("Lake")
    with translation.override(language):
        assert (
            image.credit == {"vi": "Ảnh minh hoạ", "en": "Illustration", "lo": "ພາບປະກອບ", "km": "រូបភាពគំនូរ"}[language]
        )


def home_form_data(content, **extra):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = {
        **localized("title", HOME_TITLES),
        **localized("slug", {"vi": "trang-chu", "en": "home", "lo": "na-lak", "km": "tumpoa-daeum"}),
        **localized("intro", {code: "" for code in LANGUAGES}),
        **localized("seo_title", {code: "" for code in LANGUAGES}),
        **localized("search_description", {code: "" for code in LANGUAGES}),
        **{f"body_{code}": streamfield([]) for code in LANGUAGES},
        **{f"entry_points_{code}": streamfield([]) for code in LANGUAGES},
        "heading": "portal_name",
        "lead_page": "",
        "featured_pages": streamfield([]),
        "key_figures": streamfield([]),
        "comments": inline_formset([]),
        **extra,
    }
    return {"ready_languages": ["en", "lo", "km"], **nested_form_data(data)}


def test_editors_set_up_the_home_page_in_wagtail(admin_client, client, content):
    from django.urls import reverse
    from wagtail.test.utils.form_data import streamfield

    content.article()
    place, project = content.destination(), content.project()
    url = reverse("wagtailadmin_pages:edit", args=[content.home.pk])
    form = admin_client.get(url).content.decode()
    assert 'name="lead_page"' in form and 'name="heading"' in form
    assert "promotion.investmentprojectpage" in form and "home.standardpage" not in form  # what the lead may be
    figure = {
        "value": "4859.96",
        "unit": "km²",
        "label": {"vi": "Diện tích", "en": "Land area", "lo": "ເນື້ອທີ່", "km": "ផ្ទៃដី"},
        "source": {"vi": "", "en": "", "lo": "", "km": ""},
        "is_sample": True,
    }
    point = {"title": "Invest in Bắc Kạn", "text": "Projects calling for investors.", "page": content.investment.pk}
    data = home_form_data(
        content,
        heading="tagline",
        lead_page=place.pk,
        featured_pages=streamfield([("page", project.pk)]),
        key_figures=streamfield([("figure", figure)]),
        entry_points_en=streamfield([("entry_point", point)]),
        **{"action-publish": "publish"},
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    html = client.get("/en/").content.decode()
    assert h1(html) == TAGLINES["en"]
    assert lead_title(html) == f"Destination {place.title_en.split()[1]} (en)"
    assert section_titles(html, "investment") == [project.title_en]
    assert '<a href="/en/invest/">Invest in Bắc Kạn</a>' in html
    assert "4,859.96 km²" in html and "Land area" in html
    html = client.get("/km/").content.decode()
    assert "ផ្ទៃដី" in html and '<ul class="entry-points" lang="en">' in html  # not written in Khmer: English


def test_the_lead_chooser_refuses_a_page_of_another_type(admin_client, content, site_tree):
    from django.urls import reverse

    url = reverse("wagtailadmin_pages:edit", args=[content.home.pk])
    response = admin_client.post(url, home_form_data(content, lead_page=site_tree.about.pk))
    assert response.status_code == 200
    assert "lead_page" in response.context["form"].errors
