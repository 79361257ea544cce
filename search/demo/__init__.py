"""Promoted search results of the demo: for a few common queries, the page editors recommend."""

import json
from pathlib import Path

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

HERE = Path(__file__).resolve().parent


def load(pages, log):
    for item in json.loads((HERE / "promotions.json").read_text(encoding="utf-8")):
        _promotion, created = SearchPromotion.objects.get_or_create(
            query=Query.get(item["query"]), page=pages[item["page"]], defaults={"description": item["description"]}
        )
        if created:
            log(f"Promoted {pages[item['page']].title!r} for the search “{item['query']}”")
