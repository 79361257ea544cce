"""The demo's districts, tourism, events and investment opportunities (see load_demo)."""

import datetime
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

from home.demo_loading import hero_placeholder, load_pages, load_snippets
from promotion.models import District

FOLDER = Path(__file__).resolve().parent
LOCATION = ("latitude", "longitude")


def read(name):
    return json.loads((FOLDER / name).read_text(encoding="utf-8"))


def local_time(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def facts(item, districts, *names):
    # Coordinates go through str(): JSON numbers are floats, which Decimal would keep inexact.
    return {
        "district_id": districts[item["district"]].pk,
        **{name: str(item[name]) for name in LOCATION},
        **{name: item[name] for name in names},
    }


def page(item, model, parent, *fields, **extra):
    return {
        "type": model,
        "parent": parent,
        "key": item.get("key", parent + "-index"),
        **{f: item[f] for f in ("title", "slug", *fields)},
        **extra,
    }


def load(pages, log):
    districts = load_snippets(District, read("districts.json"))
    tourism, investment = read("tourism.json"), read("investment.json")
    entries = [
        page(
            tourism["destinations_index"],
            "promotion.DestinationIndexPage",
            "home",
            "intro",
            key="destinations",
            show_in_menus=True,
        ),
        *(
            page(
                item,
                "promotion.DestinationPage",
                "destinations",
                "summary",
                "highlights",
                "best_season",
                "getting_there",
                "body",
                facts=facts(item, districts),
                **hero_placeholder(item["title"], item["image_caption"]),
            )
            for item in tourism["destinations"]
        ),
        page(tourism["events_index"], "promotion.EventIndexPage", "home", "intro", key="events", show_in_menus=True),
        *(
            page(
                item,
                "promotion.EventPage",
                "events",
                "summary",
                "venue",
                "body",
                facts={
                    **facts(item, districts, "category"),
                    "start": local_time(item["start"]),
                    "end": local_time(item["end"]),
                },
            )
            for item in tourism["events"]
        ),
        page(
            investment["investment_index"],
            "promotion.InvestmentIndexPage",
            "home",
            "intro",
            key="investment",
            show_in_menus=True,
        ),
        page(investment["policy"], "promotion.InvestmentPolicyPage", "investment", "summary", "body", key="policy"),
        *(
            page(
                item,
                "promotion.InvestmentProjectPage",
                "investment",
                "summary",
                "contact",
                "body",
                facts={
                    **facts(
                        item, districts, "sector", "investment_form", "land_status", "status", "area_ha", "capital_vnd"
                    ),
                    "is_sample": True,
                },
            )
            for item in investment["projects"]
        ),
    ]
    load_pages(entries, pages, log)
