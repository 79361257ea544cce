"""The judged query set (judged_queries.toml) run through the reader search page, scored as a reader would.

A judged query is a search a reader types, in their language, and the page they mean, named by its
Vietnamese address as the demo creates it ("/vi/du-lich/diem-den/ho-ba-be-va-vuon-quoc-gia-ba-be/").
Each query is a real request of /<lang>/search/?q=…; the page meant is looked for among the results
shown on the first page, in their order. Editors' recommended pages (search promotions) are left out:
they are chosen by hand, not ranked by the search. Hits in the first three and the mean reciprocal rank
(1/rank, 0 when the page is not on the first page of results) say how well the search ranks.

Used by tests/search/test_relevance.py and bench/search_relevance.py; needs the demo loaded.
"""

import tomllib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

DATA = Path(__file__).with_name("judged_queries.toml")
FIELDS = {"language", "query", "page", "why"}
TOP = 3


@dataclass(frozen=True)
class Judged:
    number: int  # its place in the data file, from 1, to name it in messages
    language: str
    query: str
    page: str  # the Vietnamese address of the page meant
    why: str

    def __str__(self):
        return f"query {self.number} ({self.language} {self.query!r} → {self.page})"


@dataclass(frozen=True)
class Outcome:
    judged: Judged
    meant: str  # the page's address in the query's language
    rank: int | None  # 1 for the first result; None when not on the first page of results
    shown: tuple  # the addresses of the results on the first page, in order

    @property
    def hit(self):
        return self.rank is not None and self.rank <= TOP

    @property
    def reciprocal_rank(self):
        return 1 / self.rank if self.rank else 0.0


def load(path=DATA):
    """The judged queries of the data file; a malformed entry raises ValueError naming it."""
    with open(path, "rb") as file:
        entries = tomllib.load(file).get("query", [])
    judged = []
    for number, entry in enumerate(entries, start=1):
        if set(entry) != FIELDS or not all(isinstance(entry[field], str) and entry[field].strip() for field in FIELDS):
            raise ValueError(
                f"{path.name}, query {number} ({entry.get('query')!r}): needs exactly the fields "
                f"{', '.join(sorted(FIELDS))}, each a non-empty string; it has {', '.join(sorted(entry))}."
            )
        judged.append(Judged(number=number, **{field: entry[field] for field in FIELDS}))
    return judged


def address(url):
    """The path of a URL, decoded, so that a full URL and a percent-encoded path compare equal."""
    return unquote(urlsplit(url).path)


def pages_by_address():
    """Every live page of the site by its Vietnamese address."""
    from django.utils import translation
    from wagtail.models import Page

    with translation.override("vi"):
        return {address(page.get_url()): page for page in Page.objects.live().specific() if page.get_url()}


def problems(judged, pages, languages):
    """What is wrong in the data file: unknown languages, pages that the demo does not have, repeated queries."""
    found, seen = [], set()
    for entry in judged:
        if entry.language not in languages:
            found.append(f"{entry}: the language is not one of {', '.join(languages)}")
        if address(entry.page) not in pages:
            found.append(f"{entry}: the demo has no page at {entry.page}")
        if (entry.language, entry.query) in seen:
            found.append(f"{entry}: the query is in the set twice")
        seen.add((entry.language, entry.query))
    return found


class _Results(HTMLParser):
    """The address of each result in the organic result list (`<ol class="search-results">`), in order:
    the first link of each item. Recommended pages are in their own section, outside that list."""

    def __init__(self):
        super().__init__()
        self.addresses, self._depth, self._in_item = [], 0, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ol" and (self._depth or "search-results" in (attrs.get("class") or "").split()):
            self._depth += 1
        elif self._depth and tag == "li" and self._depth == 1:
            self._in_item = True
            self.addresses.append(None)
        elif self._depth and tag == "a" and self._in_item and self.addresses[-1] is None and attrs.get("href"):
            self.addresses[-1] = address(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "ol" and self._depth:
            self._depth -= 1
        elif tag == "li" and self._depth == 1:
            self._in_item = False


def results(html):
    parser = _Results()
    parser.feed(html)
    parser.close()
    return [found for found in parser.addresses if found]


def run(client, judged, pages):
    """Each judged query searched as a reader does, with where the page meant came."""
    from django.urls import reverse
    from django.utils import translation

    outcomes = []
    for entry in judged:
        page = pages[address(entry.page)]
        with translation.override(entry.language):
            meant = address(page.get_url())
            search = reverse("search")
        response = client.get(search, {"q": entry.query})
        if response.status_code != 200:
            raise AssertionError(f"{entry}: the search page answered {response.status_code}")
        shown = tuple(results(response.content.decode()))
        rank = shown.index(meant) + 1 if meant in shown else None
        outcomes.append(Outcome(judged=entry, meant=meant, rank=rank, shown=shown))
    return outcomes


def hits_at_3(outcomes):
    return sum(outcome.hit for outcome in outcomes) / len(outcomes)


def mean_reciprocal_rank(outcomes):
    return sum(outcome.reciprocal_rank for outcome in outcomes) / len(outcomes)


def summary(outcomes):
    return (
        f"hits@{TOP} {hits_at_3(outcomes):.0%} ({sum(o.hit for o in outcomes)} of {len(outcomes)}), "
        f"MRR {mean_reciprocal_rank(outcomes):.2f}"
    )


def table(outcomes):
    """One line a query: its number, language, rank (– when not on the first page), the query, and for a miss
    the page meant and what came first."""
    lines = [f"{'#':>3} lang rank  query → page meant (first result, when missed)"]
    for outcome in outcomes:
        entry = outcome.judged
        rank = str(outcome.rank) if outcome.rank else "–"
        line = f"{entry.number:>3} {entry.language:<4} {rank:>4}{' ' if outcome.hit else '✗'} {entry.query}"
        if not outcome.hit:
            first = outcome.shown[0] if outcome.shown else "no result"
            line += f" → {outcome.meant} (first: {first})"
        lines.append(line)
    lines.append(summary(outcomes))
    return "\n".join(lines)
