"""Readers' search on the site's database: the search entries' words in a weighted full-text index.

PostgreSQL keeps a `tsvector` column on each entry, its words weighted A (title), B (lead: summary
and facts) and C (text), with a GIN index; SQLite keeps an FTS5 table with the three as columns,
ranked by bm25 with column weights. The words are search/text.py's (split, folded, stemmed in the
entry's language), so neither database analyses text: both see words separated by spaces, and a
reader's query is made of the same words.

A search finds the entries with every group of words typed (a group, typed as one run of letters,
as a phrase) or, when no entry has them all, the entries with any of them; it counts them by type
and year in one query and lists one page of them in another. The database orders them roughly:
first the entries with the words in their title or lead ("head": PostgreSQL keeps a second, small
tsvector of these, SQLite restricts the match to those columns), by full-text rank; then the
entries with them only in their text, newest first. So the database ranks only the few entries
whose title or lead match, not every entry that mentions a common word. search.ranking orders the
first RERANKED as a reader expects.
"""

from django.apps import apps
from django.db import connection

from .text import LATIN_WORD, stemmed, words

FIELDS = {"title": "A", "lead": "B", "text": "C"}  # the entry's text fields and their PostgreSQL weights
HEAD = 2  # the first two (title and lead) are its head
SQLITE_WEIGHTS = "10.0, 4.0, 1.0"  # bm25's weights of the FTS5 columns, in FIELDS' order
POSTGRES_WEIGHTS = "{0.0, 0.1, 0.4, 1.0}"  # ts_rank's weights of D, C, B and A
MAX_POSITION = 16383  # PostgreSQL's largest word position; later words share it
MAX_POSITIONS = 256  # PostgreSQL keeps at most this many positions of a word
MAX_WORD = 500  # characters; a longer "word" is not one a reader types (PostgreSQL refuses over 2046 bytes)
FTS = "search_entry_fts"
ROWS = "search_entry_rows"
TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"  # the marks of Lao and Khmer are letters


def create(connection):
    """Make the index's tables, columns and triggers (the migration calls this)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE search_searchentry ADD COLUMN vector tsvector, ADD COLUMN head tsvector")
            cursor.execute("CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)")
            cursor.execute("CREATE INDEX search_entry_head ON search_searchentry USING gin (head)")
        elif connection.vendor == "sqlite":
            cursor.execute(f'CREATE VIRTUAL TABLE {FTS} USING fts5({", ".join(FIELDS)}, tokenize="{TOKENIZER}")')
            cursor.execute(
                f"CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry "
                f"BEGIN DELETE FROM {FTS} WHERE rowid = old.id; END"
            )
            # The columns a search filters, counts and orders by, apart from the entries' long text.
            cursor.execute(f"CREATE INDEX {ROWS} ON search_searchentry (id, language, page_type_id, year, date)")


def drop(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE search_searchentry DROP COLUMN vector, DROP COLUMN head")
        elif connection.vendor == "sqlite":
            cursor.execute(f"DROP INDEX {ROWS}")
            cursor.execute("DROP TRIGGER search_entry_fts_delete")
            cursor.execute(f"DROP TABLE {FTS}")


def write(entries):
    """Put saved entries' words into the index (replacing what it had of them)."""
    entries = [entry for entry in entries if entry.pk]
    if not entries or connection.vendor not in ("postgresql", "sqlite"):
        return
    rows, vocabulary = [], set()
    for entry in entries:
        plain = [words(getattr(entry, field)) for field in FIELDS]
        rows.append((entry.pk, [stemmed(found, entry.language) for found in plain]))
        vocabulary.update((entry.language, word) for found in plain for word in found if LATIN_WORD.fullmatch(word))
    SearchWord = apps.get_model("search", "SearchWord")  # noqa: N806 (search.models imports this module)
    SearchWord.objects.bulk_create(
        [SearchWord(language=language, word=word) for language, word in vocabulary if len(word) <= 100],
        ignore_conflicts=True,
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                "UPDATE search_searchentry SET vector = %s::tsvector, head = %s::tsvector WHERE id = %s",
                [(tsvector(fields), tsvector(fields[:HEAD]), pk) for pk, fields in rows],
            )
        else:
            cursor.executemany(f"DELETE FROM {FTS} WHERE rowid = %s", [(pk,) for pk, _fields in rows])
            cursor.executemany(
                f"INSERT INTO {FTS} (rowid, {', '.join(FIELDS)}) VALUES (%s, %s, %s, %s)",
                [(pk, *(" ".join(words) for words in fields)) for pk, fields in rows],
            )


def tsvector(fields):
    """PostgreSQL's text form of a tsvector of the fields' words, each word with its positions and weight."""
    positions = {}
    position = 0
    for found, weight in zip(fields, FIELDS.values(), strict=False):  # the head: its first fields only
        for word in found:
            if len(word) <= MAX_WORD:
                position = min(position + 1, MAX_POSITION)
                positions.setdefault(word, []).append(f"{position}{weight}")
        position += 1  # a field's last word and the next one's first are not a phrase
    return " ".join(f"{lexeme(word)}:{','.join(places[:MAX_POSITIONS])}" for word, places in positions.items())


def lexeme(word):
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def match_text(groups, every):
    """The full-text query of groups of words, as the database's query syntax spells it."""
    joiner = " & " if every else " | "
    if connection.vendor == "postgresql":
        return joiner.join("(" + " <-> ".join(map(lexeme, group)) + ")" for group in groups)
    phrases = ('"' + " ".join(word.replace('"', '""') for word in group) + '"' for group in groups)
    return (" AND " if every else " OR ").join(phrases)


class Search:
    """The entries of one language that have the words of `groups`; `partial` when none has all of them."""

    def __init__(self, language, groups, filters):
        self.language = language
        self.groups = groups
        self.filters = filters
        self.partial = False
        self.counts = self.count(every=True)
        if not self.counts and len(groups) > 1:
            self.partial = True
            self.counts = self.count(every=False)

    def source(self, part="all", filtered=False):
        """FROM and WHERE of the matching entries, with their parameters: "all" of them, those with the
        words in their "head" (title or lead), or those with them only in their "text"."""
        query = match_text(self.groups, every=not self.partial)
        if connection.vendor == "postgresql":
            where = {
                "all": "e.vector @@ %s::tsquery",
                "head": "e.head @@ %s::tsquery",
                "text": "e.vector @@ %s::tsquery AND NOT e.head @@ %s::tsquery",
            }[part]
            sql, params = f"search_searchentry e WHERE {where}", [query] * where.count("%s")
        else:
            head = "{" + " ".join(list(FIELDS)[:HEAD]) + "}"
            match = {"all": query, "head": f"{head}: ({query})", "text": f"({query}) NOT {head}: ({query})"}[part]
            sql = f"{FTS} CROSS JOIN search_searchentry e INDEXED BY {ROWS} ON e.id = {FTS}.rowid WHERE {FTS} MATCH %s"
            params = [match]
        sql, params = sql + " AND e.language = %s", [*params, self.language]
        for column, value in self.filters.items() if filtered else ():
            sql, params = sql + f" AND e.{column} = %s", [*params, value]
        return sql, params

    def count(self, every):
        self.partial = not every
        source, params = self.source()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT e.page_type_id, e.year, COUNT(*) FROM {source} GROUP BY 1, 2", params)
            return cursor.fetchall()

    def facet(self, column):
        """{value: number of entries} of "page_type_id" or "year", whatever the filters."""
        found = {}
        for page_type, year, number in self.counts:
            value = page_type if column == "page_type_id" else year
            found[value] = found.get(value, 0) + number
        return found

    @property
    def total(self):
        """How many entries the filters let through."""
        return sum(
            number
            for page_type, year, number in self.counts
            if self.filters.get("page_type_id", page_type) == page_type and self.filters.get("year", year) == year
        )

    def ids(self, start, stop):
        """The ids of the filtered entries from `start` to `stop` in the database's rough order."""
        head = self.matching("head", start, stop - start)
        if len(head) == stop - start:
            return head
        if head or not start:
            in_head = start + len(head)
        else:
            with connection.cursor() as cursor:
                source, params = self.source("head", filtered=True)
                cursor.execute(f"SELECT COUNT(*) FROM {source}", params)
                in_head = cursor.fetchone()[0]
        return head + self.matching("text", max(0, start - in_head), stop - start - len(head))

    def matching(self, part, offset, limit):
        """Ids of one part of the entries (see source): those of the head by full-text rank, the others newest first."""
        source, params = self.source(part, filtered=True)
        order = "e.date DESC NULLS LAST, e.id DESC"
        if part == "head" and connection.vendor == "postgresql":
            order = f"ts_rank('{POSTGRES_WEIGHTS}', e.head, %s::tsquery) DESC, {order}"
            params.append(params[0])
        elif part == "head":
            order = f"bm25({FTS}, {SQLITE_WEIGHTS}), {order}"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT e.id FROM {source} ORDER BY {order} LIMIT %s OFFSET %s", [*params, limit, offset])
            return [row[0] for row in cursor.fetchall()]
