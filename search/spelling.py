"""One-letter typing mistakes in a reader's query ("hospitel" for "hospital").

The index keeps a vocabulary of the Latin-script words of five or more letters that readers of
each language can find (folded, not stemmed: SearchWord). A word typed that is not in it, and
that one letter added, left out, changed or two swapped would make a word that is, is corrected
to that word: preferring a changed letter, then two swapped, one left out, one added.
"""

import string

from .models import SearchWord
from .text import LATIN_WORD, clean, words

LETTERS = string.ascii_lowercase  # a folded Latin word has no others
MAX_CORRECTED = 3  # words of a query looked at; a long query's others are left as typed


def edits(word):
    """Words one typing mistake away from `word`, most likely mistakes first."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return [
        *(left + letter + right[1:] for left, right in splits if right for letter in LETTERS if letter != right[0]),
        *(left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1 and right[0] != right[1]),
        *(left + right[1:] for left, right in splits if right),
        *(left + letter + right for left, right in splits for letter in LETTERS),
    ]


def corrected(query, language):
    """The query with each unknown word that is one mistake away from a known one replaced by it; None if none is."""
    chunks = clean(query).split(" ")
    typed = {i: found[0] for i, found in ((i, words(chunk)) for i, chunk in enumerate(chunks)) if len(found) == 1}
    typed = dict([(i, word) for i, word in typed.items() if LATIN_WORD.fullmatch(word)][:MAX_CORRECTED])
    candidates = {i: edits(word) for i, word in typed.items()}
    asked = {*typed.values(), *(edit for found in candidates.values() for edit in found)}
    known = set(SearchWord.objects.filter(language=language, word__in=asked).values_list("word", flat=True))
    changed = False
    for i, word in typed.items():
        best = next((edit for edit in candidates[i] if edit in known), None)
        if word not in known and best:
            chunks[i] = best
            changed = True
    return " ".join(chunks) if changed else None
