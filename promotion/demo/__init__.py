"""The demo's districts, tourism, events and investment opportunities (see load_demo)."""

import datetime
import json
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from home.demo_loading import (
    PLACEHOLDER_CREDIT,
    hero_placeholder,
    load_form_page,
    load_pages,
    load_snippets,
    placeholder_document,
    placeholder_image,
)
from home.editorial import SECTION_DEPARTMENT, media_collection
from promotion.models import District

FOLDER = Path(__file__).resolve().parent
LOCATION = ("latitude", "longitude")
PRESS_CONFERENCE_TEXT, PRESS_CONFERENCE_FACTS = {"agenda"}, {"press_conference"}  # only press conferences have them


def read(name):
    return json.loads((FOLDER / name).read_text(encoding="utf-8"))


def local_time(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def event_dates(item):
    """An event's start and end: as written, or for the upcoming sample events, `in_days` after the day the demo
    is loaded, so the calendar and the home page show what is next (loading again that day changes nothing)."""
    if "in_days" not in item:
        return {"start": local_time(item["start"]), "end": local_time(item["end"])}
    first = timezone.localdate() + datetime.timedelta(days=item["in_days"])
    last = first + datetime.timedelta(days=item.get("days", 1) - 1)
    return {"start": local_time(f"{first}T{item['from']}"), "end": local_time(f"{last}T{item['to']}")}


def facts(item, districts, *names):
    # Coordinates go through str(): JSON numbers are floats, which Decimal would keep inexact.
    return {
        "district_id": districts[item["district"]].pk,
        **{name: str(item[name]) for name in LOCATION},
        **{name: item[name] for name in names},
    }


def page(item, model, parent, *fields, **extra):
    """A page entry for load_pages; an item with an `image_caption` leads with an illustration of what it says."""
    hero = hero_placeholder(item["title"], item["image_caption"]) if "image_caption" in item else {}
    return {
        "type": model,
        "parent": parent,
        "key": item.get("key", parent + "-index"),
        **{f: item[f] for f in ("title", "slug", *fields)},
        **hero,
        **extra,
    }


def load(pages, log):
    districts = load_snippets(District, read("districts.json"))
    tourism, investment, products = read("tourism.json"), read("investment.json"), read("products.json")
    entries = [
        page(
            tourism["destinations_index"],
            "promotion.DestinationIndexPage",
            "visit",
            "intro",
            key="destinations",
            show_in_menus=True,
            previous_parent="home",
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
            )
            for item in [with_gallery(tourism["destinations"][0]), *tourism["destinations"][1:]]
        ),
        page(
            tourism["events_index"],
            "promotion.EventIndexPage",
            "visit",
            "intro",
            key="events",
            show_in_menus=True,
            previous_parent="home",
        ),
        *(
            page(
                item,
                "promotion.EventPage",
                "events",
                "summary",
                "venue",
                "body",
                *PRESS_CONFERENCE_TEXT.intersection(item),
                facts={
                    **facts(item, districts, "category", *PRESS_CONFERENCE_FACTS.intersection(item)),
                    **event_dates(item),
                },
            )
            for item in [*tourism["events"], *tourism["upcoming_events"]]
        ),
        page(
            investment["investment_index"],
            "promotion.InvestmentIndexPage",
            "invest",
            "intro",
            key="investment",
            show_in_menus=True,
            previous_parent="home",
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
    entries += [
        page(
            products["products_index"],
            "promotion.ProductIndexPage",
            "invest",
            "intro",
            key="products",
            show_in_menus=True,
            previous_parent="home",
        ),
        *(
            page(
                item,
                "promotion.ProductPage",
                "products",
                "summary",
                "producer",
                "body",
                facts=facts(item, districts, "category", "ocop_stars"),
            )
            for item in products["products"]
        ),
        page(
            products["publications_index"],
            "promotion.PublicationIndexPage",
            "news-and-press",
            "intro",
            key="publications",
            show_in_menus=True,
            previous_parent="home",
        ),
        *(
            page(item, "promotion.PublicationPage", "publications", "summary", facts=publication_facts(item))
            for item in products["publications"]
        ),
    ]
    load_pages(entries, pages, log)
    load_form_page(FOLDER / "enquiry.json", "Xúc tiến đầu tư: Tiếp nhận câu hỏi", pages, log)


GALLERY_LABELS = {"vi": "Ảnh minh hoạ", "en": "Placeholder photo", "lo": "ຮູບພາບຕົວຢ່າງ", "km": "រូបភាពគំរូ"}


def with_gallery(item, count=3):
    """The destination's body in each language, ending with a gallery of drawn placeholder photos."""
    numbers = range(1, count + 1)
    captions = {
        n: {code: f"{label} {n}: {item['title'][code]}" for code, label in GALLERY_LABELS.items()} for n in numbers
    }
    collection = media_collection(SECTION_DEPARTMENT["promotion.DestinationIndexPage"])
    images = {}
    for n in numbers:
        title = f"{item['key']} {n} (ảnh minh hoạ)"
        images[n] = placeholder_image(title, PLACEHOLDER_CREDIT, captions[n], collection=collection)
    body = {}
    for code, blocks in item["body"].items():
        photos = [
            {
                "type": "item",
                "value": {"image": images[n].pk, "caption": captions[n][code], "credit": ""},
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo:{item['key']}:{code}:gallery:{n}")),
            }
            for n in numbers
        ]
        body[code] = [*blocks, {"type": "gallery", "value": {"title": item["title"][code], "images": photos}}]
    return {**item, "body": body}


def publication_facts(item):
    """The cover and, for each language the sample file exists in, a drawn one-page PDF."""
    title = item["title"][settings.LANGUAGE_CODE]
    collection = media_collection(SECTION_DEPARTMENT["promotion.PublicationIndexPage"])
    cover = placeholder_image(
        f"{title} (bìa minh hoạ)", PLACEHOLDER_CREDIT, item["cover_caption"], size=(595, 842), collection=collection
    )
    files = {
        build_localized_fieldname("document", code) + "_id": placeholder_document(
            f"{item['title'][code]} ({code})", collection
        ).pk
        for code in item["languages"]
    }
    return {"year": item["year"], "cover_id": cover.pk, **files}
