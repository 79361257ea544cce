"""Elasticsearch: the index mapping, settings and queries are checked without a server; the tests at
the end run against one when ELASTICSEARCH_URL is set (see README, "Search")."""

import logging
import os
import uuid
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import call_command

from search.backends import SearchBackend, analysis, language_fields, search_server
from search.models import SearchEntry
from search.views import reader_query
from tests.search.conftest import LAKE, OWN_WORD
from tests.skips import needs

LANGUAGES = [code for code, _name in settings.LANGUAGES]
UNREACHABLE = "http://127.0.0.1:9"  # nothing listens on the discard port


def backend(url=UNREACHABLE, prefix="portal_test_"):
    return SearchBackend({"URLS": [url], "INDEX_PREFIX": prefix, "TIMEOUT": 2})


def test_each_language_has_its_own_fields_and_analyser_in_the_mapping():
    properties = backend().mapping_class(SearchEntry).get_mapping()["properties"]
    for code in LANGUAGES:
        assert properties[f"title_{code}"]["analyzer"] == f"portal_{code}"
        assert properties[f"text_{code}"]["analyzer"] == f"portal_{code}"
        assert properties[f"title_{code}_edgengrams"]["analyzer"] == "edgengram_analyzer"
    assert properties["language_filter"] == {"type": "keyword"}


def test_a_document_carries_text_only_in_its_readers_language_fields(lake):
    entry = SearchEntry.objects.get(page=lake, language="lo")
    document = backend().mapping_class(SearchEntry).get_document(entry)
    assert document["title_lo"] == "ລະດູ ໃບໄມ້ ຫຼົ່ນ ທີ່ ທະເລສາບ ບາ ເບ້"
    assert document["title_en"] == document["text_vi"] == document["title_km"] == ""
    assert document["language_filter"] == "lo"


def test_analysers_stem_english_and_use_icu_where_the_plugin_is_installed():
    with_icu = analysis(icu=True)["settings"]["analysis"]
    without = analysis(icu=False)["settings"]["analysis"]
    icu_lao = {"type": "custom", "tokenizer": "icu_tokenizer", "filter": ["icu_folding"]}
    assert with_icu["analyzer"]["portal_lo"] == icu_lao
    assert without["analyzer"]["portal_km"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "asciifolding"],
    }
    assert without["analyzer"]["portal_en"]["filter"] == ["lowercase", "asciifolding", "portal_en_stemmer"]
    assert with_icu["filter"]["portal_en_stemmer"] == {"type": "stemmer", "language": "english"}


class FakeClient:
    """Stands in for the Elasticsearch client: says which plugins it has and keeps what it is asked to create."""

    def __init__(self, plugins):
        self.created = {}
        self.cat = SimpleNamespace(plugins=lambda format: [{"component": name} for name in plugins])
        self.indices = SimpleNamespace(create=self.create)

    def create(self, index, **body):
        self.created[index] = body


@pytest.mark.parametrize(("plugins", "tokenizer"), [(["analysis-icu"], "icu_tokenizer"), ([], "standard")])
def test_a_new_index_gets_the_analysers_the_server_can_run(plugins, tokenizer):
    search = backend()
    search.es = FakeClient(plugins)
    index = search.get_index_for_model(SearchEntry)
    index.es = search.es
    index.put()
    body = search.es.created["portal_test_search_searchentry"]
    assert body["settings"]["analysis"]["analyzer"]["portal_vi"]["tokenizer"] == tokenizer
    assert "edgengram_analyzer" in body["settings"]["analysis"]["analyzer"]  # Wagtail's own are kept


def test_the_reader_query_asks_only_the_readers_language_fields(db):
    search = backend()
    query = search.search(
        reader_query("ບາເບ້ lake", "lo"),
        SearchEntry.objects.filter(language="lo"),
        fields=language_fields(search, "lo", "title", "text"),
    ).query_compiler.get_query()
    text = str(query)
    assert "title_lo" in text and "text_lo" in text
    assert not any(f"_{code}'" in text or f"_{code}^" in text for code in LANGUAGES if code != "lo")
    assert {"term": {"language_filter": "lo"}} in query["bool"]["filter"]
    assert "{'match_phrase': {'title_lo': {'query': 'ບາ ເບ້ lake'" in text  # all the words in order rank first


@pytest.fixture
def breaker():
    """The search server counts as answering at the start of each test (the breaker is per process)."""
    search_server.open_until = 0.0
    yield search_server
    search_server.open_until = 0.0


def test_reader_search_falls_back_to_the_database_when_elasticsearch_is_down(client, lake, settings, caplog, breaker):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends", "URLS": [UNREACHABLE], "TIMEOUT": 1},
        "database": {"BACKEND": "search.database"},
    }
    with caplog.at_level(logging.WARNING, logger="search.unavailable"):
        response = client.get("/en/search/", {"q": "canoes"})
        suggestions = client.get("/en/search/suggest/", {"q": "autu"}).json()["results"]
    assert response.status_code == 200
    assert "Autumn on Ba Bể lake" in response.content.decode()
    assert suggestions == [{"title": "Autumn on Ba Bể lake", "url": "/en/news/autumn-ba-be/"}]
    assert "The search server did not answer" in caplog.text


def test_after_a_hanging_search_server_fails_once_readers_go_straight_to_the_database(
    client, lake, settings, breaker, silent_server
):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends", "URLS": [f"http://127.0.0.1:{silent_server.port}"], "TIMEOUT": 1,
                    "OPTIONS": {"max_retries": 0}},
        "database": {"BACKEND": "search.database"},
    }  # fmt: skip
    settings.SEARCH_BREAKER_SECONDS = 30
    assert "Autumn on Ba Bể lake" in client.get("/en/search/", {"q": "canoes"}).content.decode()
    tried = len(silent_server.connections)
    assert tried >= 1
    for letters in ("a", "au", "aut", "autu", "autum"):  # a reader typing: each keystroke asks for suggestions
        assert client.get("/en/search/suggest/", {"q": letters}).status_code == 200
    assert "Autumn on Ba Bể lake" in client.get("/en/search/", {"q": "canoes"}).content.decode()
    assert len(silent_server.connections) == tried  # none of them waited for the server

    breaker.open_until = 0.0  # the while has passed: the server is tried again
    client.get("/en/search/", {"q": "canoes"})
    assert len(silent_server.connections) > tried


live = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason=needs("a search server", "set ELASTICSEARCH_URL to an Elasticsearch 8 server (README, 'Search')"),
)


@pytest.fixture
def elasticsearch(settings):
    prefix = f"portal_test_{uuid.uuid4().hex[:8]}_"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends", "URLS": [os.environ["ELASTICSEARCH_URL"]], "INDEX_PREFIX": prefix},
        "database": {"BACKEND": "search.database"},
    }
    search = backend(os.environ["ELASTICSEARCH_URL"], prefix)
    yield search
    search.es.indices.delete(index=f"{prefix}*")


@live
@pytest.mark.parametrize("language", LANGUAGES)
def test_live_a_page_is_found_in_its_language_only(client, lake, elasticsearch, language):
    call_command("update_index", backend_name="default", verbosity=0)
    elasticsearch.es.indices.refresh(index="_all")
    html = client.get(f"/{language}/search/", {"q": OWN_WORD[language]}).content.decode()
    assert LAKE["titles"][language] in html
    for other in LANGUAGES:
        if other != language:
            html = client.get(f"/{language}/search/", {"q": OWN_WORD[other]}).content.decode()
            assert LAKE["titles"][language] not in html, other


@live
def test_live_english_is_stemmed_and_vietnamese_folded(client, lake, elasticsearch):
    call_command("update_index", backend_name="default", verbosity=0)
    elasticsearch.es.indices.refresh(index="_all")
    assert "Autumn on Ba Bể lake" in client.get("/en/search/", {"q": "canoe lakes"}).content.decode()
    assert LAKE["titles"]["vi"] in client.get("/vi/search/", {"q": "thuyen doc moc"}).content.decode()
