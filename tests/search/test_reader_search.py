"""Readers search the portal in their own language: `/<lang>/search/?q=…`."""

import datetime
import re

import pytest
from django.conf import settings
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from tests.factories import make_article
from tests.search.conftest import LAKE, OWN_WORD

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def titles(response):
    html = response.content.decode()
    return [re.sub(r"</?mark>", "", title) for title in re.findall(r"<h2><a href=\"[^\"]+\">(.*?)</a></h2>", html)]


def count(response):
    return int(re.search(r'class="search-count" role="status">\D*(\d+)', response.content.decode()).group(1))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_is_found_by_a_word_of_the_readers_language(client, lake, language):
    response = client.get(f"/{language}/search/", {"q": OWN_WORD[language]})
    assert titles(response) == [LAKE["titles"][language]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translated_page_is_not_found_by_its_other_languages_text(client, lake, language):
    for other in LANGUAGES:
        if other != language:
            response = client.get(f"/{language}/search/", {"q": OWN_WORD[other]})
            assert count(response) == 0, (language, other)


def test_an_untranslated_page_is_found_by_the_fallback_text_readers_see(client, site_tree):
    # "The plan" has vi and en only: Khmer readers see, and find, its English text, marked as English.
    response = client.get("/km/search/", {"q": "says"})
    assert titles(response) == ["The plan"]
    assert '<li lang="en">' in response.content.decode()
    assert count(client.get("/km/search/", {"q": "Nội dung"})) == 0  # the Vietnamese text is not what they see


@pytest.mark.parametrize("query", ["Ba Be", "ba bể", "BA BỂ", "thuyen doc moc", "THUYỀN"])
def test_vietnamese_matches_with_or_without_diacritics(client, lake, query):
    assert titles(client.get("/vi/search/", {"q": query})) == [LAKE["titles"]["vi"]]


@pytest.mark.parametrize(("language", "query"), [("lo", "ທະເລສາບ"), ("lo", "ບາເບ້"), ("km", "បឹង"), ("km", "បាបេ")])
def test_lao_and_khmer_words_are_found_inside_sentences(client, lake, language, query):
    assert titles(client.get(f"/{language}/search/", {"q": query})) == [LAKE["titles"][language]]


def test_results_show_type_date_section_and_the_words_found(client, lake):
    html = client.get("/en/search/", {"q": "canoes"}).content.decode()
    assert '<a href="/en/news/autumn-ba-be/">Autumn on Ba Bể lake</a>' in html
    assert '<span>Article</span> · <time datetime="2021-09-20">20 September 2021</time> · <span>News</span>' in html
    assert "Dugout <mark>canoes</mark> glide across the water." in html


def test_highlighting_marks_a_lao_word_run_as_one(client, lake):
    html = client.get("/lo/search/", {"q": "ບາເບ້"}).content.decode()
    assert "ທະເລສາບ<mark>ບາເບ້</mark>" in html


def test_filters_by_content_type_and_year_with_counts(client, lake, site_tree):
    site_tree.about.summary_en = "A province of forests, caves and lakes."
    site_tree.about.save_revision().publish()
    html = client.get("/en/search/", {"q": "lake"}).content.decode()
    assert '<option value="home.standardpage">Standard page (1)</option>' in html
    assert '<option value="news.articlepage">Article (1)</option>' in html
    assert '<option value="2021">2021 (1)</option>' in html
    response = client.get("/en/search/", {"q": "lake", "type": "news.articlepage"})
    assert titles(response) == ["Autumn on Ba Bể lake"]
    response = client.get("/en/search/", {"q": "lake", "year": "2021"})
    assert titles(response) == ["Autumn on Ba Bể lake"]
    # A filter the words found nothing of stays chosen, with nothing found.
    response = client.get("/en/search/", {"q": "lake", "year": "2020"})
    assert count(response) == 0
    assert '<option value="2020" selected>2020 (0)</option>' in response.content.decode()


def test_a_filter_that_is_not_valid_is_reported_and_left_out(client, lake):
    response = client.get("/en/search/", {"q": "lake", "year": "MMXXI", "type": "auth.user"})  # not a page type
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == ["Autumn on Ba Bể lake"]
    assert html.count("This filter was left out.") == 2


def test_results_are_paged_with_the_query_kept_in_the_links(client, news):
    for day in range(1, 13):
        make_article(
            news,
            {"vi": f"Tin hợp tác {day}", "en": f"Cooperation news {day}"},
            {"vi": f"tin-{day}", "en": f"news-{day}"},
            datetime.date(2021, 3, day),
        )
    first = client.get("/en/search/", {"q": "cooperation"})
    assert count(first) == 12 and len(titles(first)) == 10
    assert 'href="?q=cooperation&amp;page=2" rel="next"' in first.content.decode()
    second = client.get("/en/search/", {"q": "cooperation", "page": "2"})
    assert len(titles(second)) == 2
    assert len(titles(client.get("/en/search/", {"q": "cooperation", "page": "99"}))) == 2


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        '"unclosed',
        "lake AND NOT",
        "title_en:* OR {{7*7}}",
        '{"query": {"match_all": {}}}',
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "NEAR(lake canoes) *",
        "\x00\x1b[2J\x7f lake",
        "lake & canoes | !x <-> y",  # PostgreSQL's tsquery operators
        "lake:* (canoes",
        "canoes) OR (lake\\ 'x'",
        'hospitel:* "lakes',  # corrected as a mistake, with FTS5 syntax around it
        "lake " + "é" * 300,  # a word longer than the index keeps
    ],
)
def test_hostile_queries_get_a_clean_page(client, lake, query):
    response = client.get("/en/search/", {"q": query})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html and "<img src=x" not in html and "\x00" not in html
    assert 'class="search-count"' in html or "no letters or numbers" in html


def test_a_query_over_200_characters_is_shortened_and_says_so(client, lake):
    response = client.get("/en/search/", {"q": "lake " * 100})
    html = response.content.decode()
    assert "shortened to its first 200 characters" in html
    assert 'value="' + ("lake " * 40).strip() + '"' in html


@pytest.mark.parametrize("query", ["", "   ", "!!! ???"])
def test_a_query_without_words_asks_for_one(client, lake, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "search-count" not in response.content.decode()


def test_only_live_public_pages_are_found(client, lake):
    assert count(client.get("/en/search/", {"q": "canoes"})) == 1
    restriction = PageViewRestriction.objects.create(page=lake, restriction_type=PageViewRestriction.LOGIN)
    assert count(client.get("/en/search/", {"q": "canoes"})) == 0
    restriction.delete()
    assert count(client.get("/en/search/", {"q": "canoes"})) == 1
    lake.unpublish()
    assert count(client.get("/en/search/", {"q": "canoes"})) == 0


def test_a_republished_translation_is_found_by_its_new_words(client, lake):
    lake.summary_en = "Rowing boats glide across the water."
    lake.save_revision().publish()
    assert count(client.get("/en/search/", {"q": "canoes"})) == 0
    assert count(client.get("/en/search/", {"q": "rowing"})) == 1


def test_editors_promoted_results_come_first_and_queries_are_counted(client, lake, site_tree):
    query = Query.get("visa")
    SearchPromotion.objects.create(query=query, page=site_tree.about, description="How to get a visa.")
    html = client.get("/en/search/", {"q": "Visa"}).content.decode()
    promoted = re.search(r'<section class="search-promoted".*?</section>', html, re.S).group(0)
    assert '<a href="/en/about/">About</a>' in promoted and "How to get a visa." in promoted
    client.get("/en/search/", {"q": "visa "})
    assert query.daily_hits.get().hits == 2
    assert Query.get_most_popular().first().query_string == "visa"


def test_the_search_page_is_not_indexed_by_search_engines(client, lake):
    assert '<meta name="robots" content="noindex">' in client.get("/en/search/", {"q": "lake"}).content.decode()


def test_result_pages_cost_a_fixed_number_of_queries(client, news, django_assert_max_num_queries):
    for day in range(1, 11):
        make_article(
            news,
            {"vi": f"Hợp tác {day}", "en": f"Cooperation {day}"},
            {"vi": f"hop-tac-{day}", "en": f"cooperation-{day}"},
            datetime.date(2022, 1, day),
        )
    client.get("/en/search/", {"q": "cooperation"})  # the first search of a query also records it
    # Five for the search (results, count, two facets, types), two to count the hit, the rest the page's frame.
    with django_assert_max_num_queries(15):
        response = client.get("/en/search/", {"q": "cooperation"})
    assert len(titles(response)) == 10


def test_content_types_are_offered_in_the_order_of_the_readers_language(client, lake, site_tree):
    site_tree.about.summary_vi = "Tỉnh có rừng, hang động và hồ."
    site_tree.about.save_revision().publish()
    html = client.get("/vi/search/", {"q": "hồ"}).content.decode()
    assert html.index(">Bài viết (1)</option>") < html.index(">Trang thông thường (1)</option>")
