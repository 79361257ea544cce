"""Words as the search index and the reader's query both see them.

Lao and Khmer are written without spaces between words, and Vietnamese readers abroad often
type without diacritics. So before text reaches any search backend it is split into words with
ICU's dictionary-based word breaker (the one Elasticsearch's analysis-icu plugin uses), lower-cased,
and stripped of Latin diacritics ("Bể" and "Be" become "be", "Đồng" becomes "dong"); in a language
with a stemmer (English) the words are stemmed too, so "lake" finds "lakes". The database backends
then only need to split on spaces. Text is analysed in the language of the reader who searches it,
whatever language it is written in, so that the reader's query is analysed the same way.
"""

import functools
import re
import threading
import unicodedata

import icu
import snowballstemmer

LATIN_DIACRITICS = re.compile("[\u0300-\u036f]")  # combining marks used by Vietnamese and other Latin scripts
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Punctuation ICU keeps inside a word ("Kạn's", "3.5", "a_b"); split there, as the database backends do.
INNER_PUNCTUATION = re.compile(r"['\u2018\u2019.,:;\u00b7\u0387\u2027_\ufe52\uff07\uff0e]+")
STEMMERS = {"en": "english"}  # Snowball's names; a language without one is not stemmed
LATIN_WORD = re.compile(r"[a-z]{5,30}")  # a folded Latin-script word of five or more letters (search.spelling)
_local = threading.local()


def _breaker():
    """ICU break iterators are not thread-safe, and costly to create: one per thread."""
    if not hasattr(_local, "breaker"):
        _local.breaker = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    return _local.breaker


def fold(word):
    """Lower-case, without Latin diacritics; the marks of Lao, Khmer and other scripts are letters and stay."""
    word = unicodedata.normalize("NFD", word.casefold())
    return unicodedata.normalize("NFC", LATIN_DIACRITICS.sub("", word)).replace("đ", "d")


def clean(text):
    """User input made safe to handle: NFC, no control characters, runs of space as one space."""
    return " ".join(CONTROL.sub(" ", unicodedata.normalize("NFC", text or "")).split())


def word_spans(text):
    """(start, end) of each word in `text`, skipping spaces and punctuation."""
    breaker = _breaker()
    breaker.setText(text)
    start = breaker.first()
    for end in breaker:
        if breaker.getRuleStatus() != icu.UWordBreak.NONE:
            yield start, end
        start = end


@functools.lru_cache(maxsize=200_000)
def stem(language, word):
    """A word's stem; cached, since a site's vocabulary is small and Snowball in Python is not fast."""
    stemmers = _local.__dict__.setdefault("stemmers", {})  # they keep state: one per thread and language
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(STEMMERS[language])
    return stemmers[language].stemWord(word)


def words(text, language=None, exact=False):
    """The folded words of `text`, in order; stemmed when `language` has a stemmer.

    With `exact`, the words keep their diacritics ("bể", not "be") and are not stemmed: what
    ranks a page that has the very word a reader typed above pages that only fold to it.
    """
    text = clean(text)
    return segment_words([text[start:end] for start, end in word_spans(text)], language, exact)


def segment_words(segments, language=None, exact=False):
    """The words of segments the word breaker found (a segment may hold a few: "Kạn's")."""
    form = str.casefold if exact else fold
    found = [word for segment in segments for word in INNER_PUNCTUATION.split(form(segment)) if word]
    return found if exact else stemmed(found, language)


def stemmed(found, language):
    """Words as `language` stems them (unchanged in a language without a stemmer)."""
    return [stem(language, word) for word in found] if language in STEMMERS else found


def index_text(text, language=None):
    """Text as the index stores it: its words separated by single spaces."""
    return " ".join(words(text, language))


def query_groups(query, language=None, exact=False):
    """The query's words, grouped by what the reader typed between spaces.

    "ບາເບ້ lake" gives [["ບາ", "ເບ້"], ["lake"]]: a group of several words must match as a phrase,
    since it was typed as one run of letters.
    """
    return [group for group in (words(chunk, language, exact) for chunk in clean(query).split(" ")) if group]
