import logging
import re

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail.contrib.search_promotions.models import Query
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, Phrase, PlainText

from home.collation import collated
from home.models import PortalPage
from home.query_params import get_int

from . import reader_index, spelling
from .backends import UNAVAILABLE, language_fields, search_server
from .models import SearchEntry
from .ranking import RERANKED, best_first
from .text import clean, query_groups, segment_words, word_spans, words

unavailable = logging.getLogger("search.unavailable")  # once a minute (portal.logs)

MAX_QUERY_LENGTH = 200
PER_PAGE = 10
SUGGESTIONS = 8
SNIPPET_WORDS = 36
FEW = 3  # results so few that a word typed may be a mistake
NATURAL_KEY = re.compile(r"[a-z0-9_]+\.[a-z0-9_]+")


class SearchForm(forms.Form):
    """The filters beside a query; their choices are what the query found, with counts.

    A filter asked for that the query found nothing of stays a choice (with 0), so changing the
    words keeps the filters; one that names no type of page or no year is reported and left out.
    """

    type = forms.ChoiceField(label=_("Type of content"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, types, years):
        super().__init__(data)
        types = dict(types)
        years = dict(years)
        asked_type = page_type(data.get("type", ""))
        if asked_type:
            types.setdefault(asked_type, 0)
        asked_year = get_int(data, "year", minimum=1000, maximum=9999)
        if asked_year:
            years.setdefault(asked_year, 0)
        self.fields["type"].choices = [("", _("All types"))] + collated(
            ((f"{kind.app_label}.{kind.model}", f"{type_label(kind)} ({count})") for kind, count in types.items()),
            key=lambda choice: choice[1],
        )
        self.fields["year"].choices = [("", _("All years"))] + [
            (year, f"{year} ({count})") for year, count in sorted(years.items(), reverse=True)
        ]

    def filters(self):
        """The valid filters as search filters; an invalid one is reported on the form and left out."""
        self.is_valid()
        filters = {}
        if self.cleaned_data.get("type"):
            filters["page_type_id"] = page_type(self.cleaned_data["type"]).pk
        if self.cleaned_data.get("year"):
            filters["year"] = self.cleaned_data["year"]
        return filters


def page_type(natural_key):
    """The content type "app_label.model" names, if it is a type of portal page."""
    if not NATURAL_KEY.fullmatch(natural_key):  # nothing else names one; PostgreSQL refuses a NUL
        return None
    app_label, _dot, model = natural_key.partition(".")
    try:
        kind = ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        return None
    model_class = kind.model_class()
    return kind if model_class and issubclass(model_class, PortalPage) else None


def type_label(kind):
    return capfirst(kind.model_class()._meta.verbose_name)


def reader_query(query, language):
    """The backend query for the words a reader typed: every group must match, a group as a phrase.

    Entries with all the words in the order typed rank first ("Ba Be" the lake before "ba" and "be"
    apart), where the backend ranks each alternative (PostgreSQL and Elasticsearch).
    """
    groups = query_groups(query, language)
    parts = [Phrase(" ".join(group)) if len(group) > 1 else PlainText(group[0]) for group in groups]
    if len(parts) == 1:
        return parts[0]
    return Or([Phrase(" ".join(word for group in groups for word in group)), And(parts)])


def on_search_backend(run):
    """Run a search on the default backend, or on the database when the search server cannot answer.

    After a failure the database answers every search for SEARCH_BREAKER_SECONDS, so that readers
    do not each wait for the timeout; the failure is logged once a minute (search.unavailable)."""
    fallback = "database" in settings.WAGTAILSEARCH_BACKENDS
    if fallback and not search_server.closed():
        return run(get_search_backend("database"))
    try:
        return run(get_search_backend())
    except UNAVAILABLE as error:
        if not fallback:
            raise
        search_server.trip(settings.SEARCH_BREAKER_SECONDS)
        unavailable.warning(
            "The search server did not answer (%s): readers' searches go to the database for %s s.",
            type(error).__name__,
            settings.SEARCH_BREAKER_SECONDS,
        )
        return run(get_search_backend("database"))


def entries(language):
    return SearchEntry.objects.filter(language=language).select_related("page", "section", "page_type")


def highlight(text, wanted, language, around=None):
    """`text` with the words the reader searched for marked; with `around`, only that many words about the first."""
    text = clean(text)
    spans = list(word_spans(text))
    hits = {i for i, span in enumerate(spans) if wanted.intersection(segment_words([text[slice(*span)]], language))}
    if around and len(spans) > around:
        first = min(max(0, min(hits, default=0) - around // 3), len(spans) - around)
        start = spans[first][0] if first else 0
        end = spans[first + around - 1][1] if first + around < len(spans) else len(text)
        hits = {i for i in hits if first <= i < first + around}
    else:
        start, end = 0, len(text)
    marked = []  # (start, end) of runs of searched words, joined across the spaces between them
    for i in sorted(hits):
        word_start, word_end = spans[i]
        if marked and not text[marked[-1][1] : word_start].strip():
            marked[-1] = (marked[-1][0], word_end)
        else:
            marked.append((word_start, word_end))
    pieces, position = [], start
    for mark_start, mark_end in marked:
        pieces += [escape(text[position:mark_start]), format_html("<mark>{}</mark>", text[mark_start:mark_end])]
        position = mark_end
    pieces.append(escape(text[position:end]))
    return mark_safe(("… " if start else "") + "".join(pieces) + (" …" if end < len(text) else ""))


def search(request):
    """Search of the portal in the reader's language: `/<lang>/search/?q=…&type=…&year=…&page=…`."""
    language = translation.get_language()
    typed = clean(request.GET.get("q", ""))
    query = typed[:MAX_QUERY_LENGTH].strip()
    context = {"search_query": query, "shortened": len(typed) > MAX_QUERY_LENGTH, "max_length": MAX_QUERY_LENGTH}
    if query and query_groups(query):
        context.update(find(request, query, language))
    elif query:
        context["no_words"] = True
    return TemplateResponse(request, "search/search.html", context)


def find(request, query, language):
    backend_query = reader_query(query, language)

    def run(backend):
        if not isinstance(backend, ElasticsearchBaseSearchBackend):
            return on_database(request, query, language)
        fields = language_fields(backend, language, "title", "text")
        found = backend.search(backend_query, entries(language), fields=fields)
        form = search_form(request, found.facet("page_type_id"), found.facet("year"))
        results = backend.search(backend_query, entries(language).filter(**form.filters()), fields=fields)
        return {"form": form, "search_results": Paginator(results, PER_PAGE).get_page(request.GET.get("page"))}

    found = on_search_backend(run)
    page = found["search_results"]
    page.object_list = list(page.object_list)
    searched = found.get("corrected") or query
    wanted = {word for group in query_groups(searched, language) for word in group}
    results = [
        {
            "entry": entry,
            "url": entry.page.get_url(request),
            "title": highlight(entry.title, wanted, language),
            "snippet": highlight(entry.text, wanted, language, around=SNIPPET_WORDS),
            "type": type_label(entry.page_type),
        }
        for entry in page.object_list
    ]
    promoted = []
    if page.number == 1:
        record = Query.get(query)
        record.add_hit()
        promoted = [pick for pick in record.editors_picks.select_related("page") if not pick.page or pick.page.live]
    return {**found, "results": results, "promoted": promoted, "searched": searched}


def search_form(request, type_counts, year_counts):
    """The filters, offering the types and years found (with counts)."""
    kinds = ContentType.objects.in_bulk(type_counts.keys())
    types = [(kinds[pk], count) for pk, count in type_counts.items() if pk in kinds]
    years = [(year, count) for year, count in year_counts.items() if year]
    return SearchForm(request.GET, types, years)


def on_database(request, query, language):
    """The search on the database's own index (search/reader_index.py).

    When it finds little (or no page with every word), a word typed with a one-letter mistake is
    corrected (search.spelling): the corrected query is searched instead if the typed one found
    nothing, and offered otherwise.
    """
    found = reader_index.Search(language, query_groups(query, language), {})
    context = {}
    little = found.partial or sum(found.facet("year").values()) < FEW
    correction = spelling.corrected(query, language) if little else None
    if correction and not found.counts:
        found = reader_index.Search(language, query_groups(correction, language), {})
        context["corrected"] = correction
    elif correction:
        context["suggestion"] = correction
    form = search_form(request, found.facet("page_type_id"), found.facet("year"))
    found.filters = form.filters()
    results = RankedResults(found, context.get("corrected", query), language)
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    return {**context, "form": form, "search_results": page, "partial": found.partial}


class RankedResults:
    """A search's entries as the paginator asks for them: a count, and slices best first."""

    def __init__(self, found, query, language):
        self.found = found
        self.query = query
        self.language = language

    def count(self):
        return self.found.total

    def __len__(self):
        return self.count()

    def __getitem__(self, part):
        start, stop = part.start or 0, part.stop
        if start < RERANKED:
            ranked = self.load(self.found.ids(0, max(RERANKED, stop)))
            best = best_first(ranked[:RERANKED], self.query, self.language, self.found.partial)
            return (best + ranked[RERANKED:])[start:stop]
        return self.load(self.found.ids(start, stop))

    def load(self, ids):
        found = entries(self.language).in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


@require_GET
def suggest(request):
    """Titles that begin with what the reader is typing, for the search box (JSON)."""
    language = translation.get_language()
    query = " ".join(words(request.GET.get("q", "")[:MAX_QUERY_LENGTH]))
    if not query:
        return JsonResponse({"results": []})

    def run(backend):
        fields = language_fields(backend, language, "title")
        return list(backend.autocomplete(query, entries(language), fields=fields)[:SUGGESTIONS])

    found = on_search_backend(run)
    return JsonResponse({"results": [{"title": entry.title, "url": entry.page.get_url(request)} for entry in found]})
