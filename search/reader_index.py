"""Readers' search on the site's database: the search entries' words in a weighted full-text index.

PostgreSQL keeps a `tsvector` column on each entry, its words weighted A (title), B (lead: summary
and facts) and C (text), with a GIN index; SQLite keeps an FTS5 table with the three as columns,
ranked by bm25 with column weights. The words are search/text.py's (split, folded, stemmed in the
entry's language), so neither database analyses text: both see words separated by spaces, and a
reader's query is made of the same words.

A search finds the entries with every group of words typed (a group, typed as one run of letters,
as a phrase) or, when no entry has them all, the entries with any of them; it counts them by type
and year in one query and lists one page of them in another. The database orders them roughly (its
full-text rank, then newest first); search.ranking orders the first RERANKED as a reader expects.
"""

from django.apps import apps
from django.db import connection

from .text import LATIN_WORD, stemmed, words

FIELDS = {"title": "A", "lead": "B", "text": "C"}  # the entry's text fields and their PostgreSQL weights
SQLITE_WEIGHTS = "10.0, 4.0, 1.0"  # bm25's weights of the FTS5 columns, in FIELDS' order
POSTGRES_WEIGHTS = "{0.0, 0.1, 0.4, 1.0}"  # ts_rank's weights of D, C, B and A
MAX_POSITION = 16383  # PostgreSQL's largest word position; later words share it
MAX_POSITIONS = 256  # PostgreSQL keeps at most this many positions of a word
MAX_WORD = 500  # characters; a longer "word" is not one a reader types (PostgreSQL refuses over 2046 bytes)
FTS = "search_entry_fts"
TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"  # the marks of Lao and Khmer are letters


def create(connection):
    """Make the index's tables, columns and triggers (the migration calls this)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE search_searchentry ADD COLUMN vector tsvector")
            cursor.execute("CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)")
        elif connection.vendor == "sqlite":
            cursor.execute(f'CREATE VIRTUAL TABLE {FTS} USING fts5({", ".join(FIELDS)}, tokenize="{TOKENIZER}")')
            cursor.execute(
                f"CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry "
                f"BEGIN DELETE FROM {FTS} WHERE rowid = old.id; END"
            )


def drop(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE search_searchentry DROP COLUMN vector")
        elif connection.vendor == "sqlite":
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
                "UPDATE search_searchentry SET vector = %s::tsvector WHERE id = %s",
                [(tsvector(fields), pk) for pk, fields in rows],
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
    for found, weight in zip(fields, FIELDS.values(), strict=True):
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

    def source(self):
        """FROM and WHERE of the matching entries, with their parameters."""
        query = match_text(self.groups, every=not self.partial)
        if connection.vendor == "postgresql":
            return "search_searchentry e WHERE e.vector @@ %s::tsquery AND e.language = %s", [query, self.language]
        return (
            f"{FTS} CROSS JOIN search_searchentry e ON e.id = {FTS}.rowid WHERE {FTS} MATCH %s AND e.language = %s",
            [query, self.language],
        )

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
        source, params = self.source()
        for column, value in self.filters.items():
            source += f" AND e.{column} = %s"
            params.append(value)
        if connection.vendor == "postgresql":
            rank = f"ts_rank('{POSTGRES_WEIGHTS}', e.vector, %s::tsquery) DESC"
            params.append(params[0])
        else:
            rank = f"bm25({FTS}, {SQLITE_WEIGHTS})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.id FROM {source} ORDER BY {rank}, e.date DESC NULLS LAST, e.id DESC LIMIT %s OFFSET %s",
                [*params, stop - start, start],
            )
            return [row[0] for row in cursor.fetchall()]
