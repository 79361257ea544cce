"""The order a reader expects of the best search results, the same whatever the database.

The database's full-text rank weighs where words are found, but cannot tell that a page whose
title is the reader's words is the one they mean, that "Bể" typed with its diacritics is not "bè",
or that a section's list of pages is not the page it lists. So the first RERANKED results it
returns are ordered here, by these, each deciding only between results the ones before it tie:
1. how many of the typed groups of words the result has (when none has them all);
2. its title is the query;
3. its title has the query's words in the order typed, with the diacritics typed (if any typed);
4. its title has them in the order typed;
5. its title has every group;
6. it is a page of content, not a section's list;
7. how much of its title is the words typed ("Hồ Ba Bể và Vườn quốc gia Ba Bể" is more about
   "Ba Bể" than "Tuần lễ du lịch mùa thu Ba Bể");
8. how many of the words typed with diacritics its title and lead have, as typed;
and then the database's order.
"""

from home.models import SectionPage

from .text import query_groups, words

RERANKED = 50


def best_first(entries, query, language, partial):
    """`entries` (in the database's order) ordered as a reader expects them."""
    wanted = [word for group in query_groups(query, language) for word in group]
    typed = [word for group in query_groups(query, language, exact=True) for word in group]
    marked = typed != [word for group in query_groups(query, None) for word in group]  # diacritics typed
    groups = query_groups(query, language)
    wanted_words = set(wanted)

    def key(entry):
        title = words(entry.title, language)
        title_typed = words(entry.title, language, exact=True) if marked else []
        found = set(title) | set(words(entry.lead, language)) | (set(words(entry.text, language)) if partial else set())
        lead_typed = set(title_typed) | set(words(entry.lead, language, exact=True)) if marked else set()
        return (
            sum(all(word in found for word in group) for group in groups) if partial else 0,
            title == wanted,
            marked and contains(title_typed, typed),
            contains(title, wanted),
            all(contains(title, group) for group in groups),
            not issubclass(entry.page_type.model_class() or SectionPage, SectionPage),
            sum(word in wanted_words for word in title) / max(len(title), 1),
            sum(word in lead_typed for word in typed),
        )

    return sorted(entries, key=key, reverse=True)  # stable: ties keep the database's order


def contains(sequence, part):
    """Whether `part` occurs in `sequence` as a run of consecutive items."""
    size = len(part)
    return size > 0 and any(sequence[i : i + size] == part for i in range(len(sequence) - size + 1))
