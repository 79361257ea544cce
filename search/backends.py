"""Wagtail's Elasticsearch 8 backend, with an analyser for each of the site's languages.

Text arrives already split into words and folded (search/text.py), so each analyser only has
to tokenise it again (with ICU where the analysis-icu plugin is installed, the standard
tokeniser otherwise: both keep the words search/text.py made) and, for English, stem it.
"""

import threading
import time
from copy import deepcopy

from elasticsearch import ApiError, TransportError
from modelsearch.backends.elasticsearch8 import Elasticsearch8Index, Elasticsearch8SearchBackend
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.utils import deep_update

from home.models import language_codes

from .models import analyser_name

STEMMERS = {"en": "english"}  # languages stemmed after folding; add e.g. "fr": "light_french"
UNAVAILABLE = (ApiError, TransportError)  # Elasticsearch down, unreachable or failing


class Breaker:
    """Once the search server has failed, readers' searches skip it for a while (per process)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.open_until = 0.0

    def closed(self):
        return time.monotonic() >= self.open_until

    def trip(self, seconds):
        with self.lock:
            self.open_until = time.monotonic() + seconds


search_server = Breaker()


def analysis(icu):
    """The index's analysis settings: an analyser per language, with ICU or without it."""
    folding = ["icu_folding"] if icu else ["lowercase", "asciifolding"]
    analyzers, filters = {}, {}
    for code in language_codes():
        chain = list(folding)
        if code in STEMMERS:
            filters[f"{analyser_name(code)}_stemmer"] = {"type": "stemmer", "language": STEMMERS[code]}
            chain.append(f"{analyser_name(code)}_stemmer")
        tokenizer = "icu_tokenizer" if icu else "standard"
        analyzers[analyser_name(code)] = {"type": "custom", "tokenizer": tokenizer, "filter": chain}
    return {"settings": {"analysis": {"analyzer": analyzers, "filter": filters}}}


def language_fields(backend, language, *names):
    """The fields a reader's search asks: Elasticsearch keeps each language in fields of its own.

    The database backends cannot search named fields; there the entry's language filter alone
    keeps other languages out (None: all fields of the entry).
    """
    if isinstance(backend, ElasticsearchBaseSearchBackend):
        return [f"{name}_{language}" for name in names]
    return None


class LanguageIndex(Elasticsearch8Index):
    def put(self):
        settings = deep_update(deepcopy(self.backend.settings), analysis(self.backend.has_icu()))
        self.es.indices.create(index=self.name, **settings)


class SearchBackend(Elasticsearch8SearchBackend):
    index_class = LanguageIndex

    def has_icu(self):
        return any(plugin.get("component") == "analysis-icu" for plugin in self.es.cat.plugins(format="json"))
