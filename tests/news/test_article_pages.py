import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from news.models import ArticleIndexPage, ArticlePage, Topic
from tests.conftest import LANGUAGES
from tests.factories import make_article, make_section

SECTION_TITLES = {
    "vi": "Hữu nghị Việt – Lào",
    "en": "Vietnam–Laos friendship",
    "lo": "ມິດຕະພາບ ຫວຽດ-ລາວ",
    "km": "មិត្តភាពវៀតណាម-ឡាវ",
}
SECTION_SLUGS = {"vi": "huu-nghi-viet-lao", "en": "vietnam-laos", "lo": "mittaphap", "km": "mittapheap"}


@pytest.fixture
def topics(db):
    laos = Topic.objects.create(slug="laos", name_vi="Lào", name_en="Laos", name_lo="ລາວ", name_km="ឡាវ")
    trade = Topic.objects.create(slug="trade", name_vi="Thương mại", name_en="Trade")
    return {"laos": laos, "trade": trade}


@pytest.fixture
def section(site_tree):
    return make_section(site_tree.home, SECTION_TITLES, SECTION_SLUGS, intro={"en": "News of friendship."})


def article_titles(number):
    return {
        "vi": f"Bài {number}",
        "en": f"Article {number}",
        "lo": f"ບົດຄວາມ {number}",
        "km": f"អត្ថបទ {number}",
    }


def fill(section, count, topics, start=0):
    articles = []
    for number in range(start, start + count):
        titles = article_titles(number)
        slugs = {code: f"{code}-article-{number}" for code in LANGUAGES}
        date = datetime.date(2021 + number % 2, 1 + number % 12, 1 + number % 28)
        chosen = [topics["laos"]] if number % 3 == 0 else [topics["trade"]]
        articles.append(make_article(section, titles, slugs, date, topics=chosen))
    return articles


def listed_titles(html, language):
    prefix = {"vi": "Bài", "en": "Article", "lo": "ບົດຄວາມ", "km": "អត្ថបទ"}[language]
    return [line.split(">")[-1] for line in html.split("</a></h2>")[:-1] if f">{prefix} " in line]


class TestPageTree(WagtailPageTestCase):
    def test_where_news_pages_belong(self):
        # A news index sits under the home page, a group of sections (a standard page) or another index.
        self.assertAllowedParentPageTypes(ArticleIndexPage, {HomePage, StandardPage, ArticleIndexPage})
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticleIndexPage, ArticlePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertCanNotCreateAt(StandardPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)


@pytest.mark.parametrize("language", LANGUAGES)
def test_section_lists_its_articles_newest_first_in_each_language(client, section, topics, language):
    fill(section, 3, topics)
    html = client.get(f"/{language}/{SECTION_SLUGS[language]}/").content.decode()
    assert f"<h1>{SECTION_TITLES[language]}</h1>" in html
    titles = listed_titles(html, language)
    assert len(titles) == 3
    assert titles[0] == article_titles(2)[language] or titles[0] == article_titles(1)[language]


def test_listing_is_paginated_by_twelve(client, section, topics):
    fill(section, 14, topics)
    first = client.get("/en/vietnam-laos/").content.decode()
    second = client.get("/en/vietnam-laos/?page=2").content.decode()
    assert len(listed_titles(first, "en")) == 12
    assert len(listed_titles(second, "en")) == 2
    assert 'rel="next" href="?page=2"' in first


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0", "1.5", "%00"])
def test_bad_page_numbers_give_the_first_page(client, section, topics, page):
    fill(section, 14, topics)
    response = client.get("/en/vietnam-laos/", {"page": page})
    assert response.status_code == 200
    assert listed_titles(response.content.decode(), "en") == listed_titles(
        client.get("/en/vietnam-laos/").content.decode(), "en"
    )


def test_topic_and_year_filters_combine_and_stay_in_the_pagination_links(client, section, topics):
    articles = fill(section, 30, topics)
    expected = {a.title_en for a in articles if a.date.year == 2022 and topics["laos"] in a.topics.all()}
    html = client.get("/en/vietnam-laos/", {"topic": "laos", "year": "2022"}).content.decode()
    assert set(listed_titles(html, "en")) == expected
    assert '<option value="laos" selected>' in html and '<option value="2022" selected>' in html


@pytest.mark.parametrize(
    "query",
    [
        {"topic": "no-such-topic"},
        {"year": "abc"},
        {"year": "1890"},
        {"topic": "<script>"},
        {"year": "²"},  # a digit to str.isdigit(), not to int()
        {"year": "٢٠٢١"},  # 2021 in Arabic-Indic digits
        {"year": "-2021"},
        {"year": "9" * 5000},  # past int()'s limit on digits
    ],
)
def test_unknown_filter_values_are_ignored(client, section, topics, query):
    fill(section, 3, topics)
    response = client.get("/en/vietnam-laos/", query)
    assert response.status_code == 200
    assert len(listed_titles(response.content.decode(), "en")) == 3
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_topic_and_every_year_lists_only_their_articles(client, section, topics, language):
    articles = fill(section, 14, topics)
    with translation.override(language):
        url = section.get_url()
    choices = [("topic", topic.slug) for topic in section.topics] + [("year", str(year)) for year in section.years]
    assert len(choices) == 4
    for name, value in choices:
        response = client.get(url, {name: value})
        assert response.status_code == 200, (name, value)
        if name == "topic":
            kept = [number for number, a in enumerate(articles) if value in [t.slug for t in a.topics.all()]]
        else:
            kept = [number for number, a in enumerate(articles) if str(a.date.year) == value]
        expected = {article_titles(number)[language] for number in kept}
        assert set(listed_titles(response.content.decode(), language)) == expected, (name, value)
        assert f'<option value="{value}" selected>' in response.content.decode()


def test_a_filter_with_no_match_shows_a_clean_empty_state(client, section, topics):
    titles, slugs = {"vi": "Một bài", "en": "One"}, {"vi": "mot-bai", "en": "one"}
    make_article(section, titles, slugs, datetime.date(2021, 5, 1), topics=[topics["laos"]])
    make_article(section, {"vi": "Hai", "en": "Two"}, {"vi": "hai", "en": "two"}, datetime.date(2022, 5, 1))
    response = client.get("/en/vietnam-laos/", {"topic": "laos", "year": "2022"})
    assert response.status_code == 200
    assert 'class="empty-state"' in response.content.decode()
    assert listed_titles(response.content.decode(), "en") == []


def test_listing_queries_do_not_grow_with_the_number_of_articles(client, section, topics):
    def count_queries():
        client.get("/en/vietnam-laos/")  # warm caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/vietnam-laos/").status_code == 200
        return len(queries)

    fill(section, 10, topics)
    with_ten = count_queries()
    fill(section, 40, topics, start=10)
    assert count_queries() == with_ten


@pytest.mark.parametrize("language", LANGUAGES)
def test_rss_feed_parses_and_is_in_the_readers_language(client, section, topics, language):
    fill(section, 3, topics)
    response = client.get(f"/{language}/{SECTION_SLUGS[language]}/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == SECTION_TITLES[language]
    assert channel.findtext("language") == language
    items = channel.findall("item")
    assert len(items) == 3
    assert items[0].findtext("link").startswith(f"http://testserver/{language}/")
    assert items[0].findtext("title") in {article_titles(n)[language] for n in range(3)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_atom_feed_parses(client, section, topics, language):
    fill(section, 2, topics)
    response = client.get(f"/{language}/{SECTION_SLUGS[language]}/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    assert feed.findtext("atom:title", namespaces=ns) == SECTION_TITLES[language]
    assert len(feed.findall("atom:entry", ns)) == 2


def test_feeds_are_announced_in_the_page_head(client, section, topics):
    [article] = fill(section, 1, topics)
    for path in ("/en/vietnam-laos/", "/en/vietnam-laos/en-article-0/"):
        head = client.get(path).content.decode().split("</head>")[0]
        assert '<link rel="alternate" type="application/rss+xml"' in head
        assert 'href="/en/vietnam-laos/feed/atom/"' in head


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_page_renders_with_date_topics_share_and_print_links(client, section, topics, language):
    [article] = fill(section, 1, topics)
    html = client.get(f"/{language}/{SECTION_SLUGS[language]}/{language}-article-0/").content.decode()
    assert f"<h1>{article_titles(0)[language]}</h1>" in html
    assert f'<time datetime="{article.date:%Y-%m-%d}">' in html
    assert f'href="/{language}/{SECTION_SLUGS[language]}/?topic=laos"' in html
    assert "facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver" in html
    assert f'href="/{language}/{SECTION_SLUGS[language]}/{language}-article-0/print/"' in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert sorted(scripts) == [
        '<script src="/static/js/menu.js" defer>',
        '<script src="/static/search/suggest.js" defer>',
        '<script type="application/ld+json">',
    ]  # files the CSP allows, and the article's structured data: no inline script


def test_print_view_shows_the_article_alone(client, section, topics):
    fill(section, 1, topics)
    response = client.get("/lo/mittaphap/lo-article-0/print/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="lo">' in html and "<h1>ບົດຄວາມ 0</h1>" in html
    assert "site-header" not in html and "language-switcher" not in html
    assert "http://testserver/lo/mittaphap/lo-article-0/" in html


def test_untranslated_article_in_a_listing_is_marked_with_its_language(client, section, topics):
    titles, slugs = {"vi": "Chỉ tiếng Việt", "en": "English only"}, {"vi": "chi-viet", "en": "english-only"}
    make_article(section, titles, slugs, datetime.date(2022, 1, 1))
    html = client.get("/km/mittapheap/").content.decode()
    assert '<li class="article-card" lang="en">' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_editors_find_a_topic_by_its_name_in_any_language(admin_client, topics, language):
    from django.urls import reverse

    name = getattr(topics["laos"], f"name_{language}")
    response = admin_client.get(reverse("wagtailsnippets_news_topic:list"), {"q": name})
    assert response.status_code == 200
    assert "laos" in response.content.decode() and "trade" not in response.content.decode()
