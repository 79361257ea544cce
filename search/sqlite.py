"""Wagtail's SQLite search backend, with queries that stay fast on a large site.

Wagtail's SQLite backend joins its full-text table to the index entries in an order SQLite
chooses badly: it walks every entry of the model and runs the full-text match once for each,
and ranks results with a subquery that runs the match again for every result. With 40,000
entries a search took minutes. Here the full-text table is read first (SQLite keeps the order
of a CROSS JOIN), once, and results are ranked in the same query.

Import this only on SQLite: Wagtail's SQLite module needs its full-text model, which exists there only.
"""

from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks


class FullTextFirst:
    """For both query compilers (search and autocomplete)."""

    def is_plain(self, score_field=None):
        """A query this module runs itself: not negated, not everything, no score asked for."""
        return score_field is None and not isinstance(normalize(self.query), (MatchAll, Not))

    def matches(self, config, scored=False):
        """SQL and parameters of the ids (`oid`, and `score` if asked) of the model's objects that match."""
        search_query = self.build_search_query(normalize(self.query), config=config)
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
        entries = (
            sqlite.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(oid=F("index_entry__object_id"))
        )
        if scored:
            entries = entries.annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
        sql, params = entries.values_list(*(("oid", "score") if scored else ("oid",))).query.sql_with_params()
        return sql.replace(" INNER JOIN ", " CROSS JOIN ", 1), params

    def search(self, config, start, stop, score_field=None):
        """The matching objects as a queryset (for counts, facets and other orderings)."""
        if not self.is_plain(score_field):
            return super().search(config, start, stop, score_field)
        sql, params = self.matches(config)
        queryset = self.queryset.filter(pk__in=RawSQL(f"SELECT oid FROM ({sql})", params))
        if not queryset.query.order_by or self.order_by_relevance:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]

    def ranked(self, config, start, stop):
        """One page of the matching objects, best first, in two queries."""
        sql, params = self.matches(config, scored=True)
        allowed, allowed_params = self.queryset.values("pk").query.sql_with_params()
        limit = -1 if stop is None else stop - start
        page = (
            f"SELECT m.oid FROM ({sql}) m WHERE m.oid IN ({allowed}) "
            "ORDER BY m.score, m.oid DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(page, (*params, *allowed_params, limit, start))
            to_python = self.queryset.model._meta.pk.to_python
            ids = [to_python(row[0]) for row in cursor.fetchall()]
        found = self.queryset.order_by().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


class SearchQueryCompiler(FullTextFirst, sqlite.SQLiteSearchQueryCompiler):
    pass


class AutocompleteQueryCompiler(FullTextFirst, sqlite.SQLiteAutocompleteQueryCompiler):
    pass


class SearchResults(sqlite.SQLiteSearchResults):
    def _do_search(self):
        compiler = self.query_compiler
        if compiler.order_by_relevance and compiler.is_plain(self._score_field):
            return compiler.ranked(compiler.get_config(self.backend), self.start, self.stop)
        return super()._do_search()


class SQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    query_compiler_class = SearchQueryCompiler
    autocomplete_query_compiler_class = AutocompleteQueryCompiler
    results_class = SearchResults

