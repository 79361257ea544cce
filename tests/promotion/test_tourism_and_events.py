import datetime
import json
import re
from decimal import Decimal

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from promotion.models import DestinationIndexPage, DestinationPage, District, EventIndexPage, EventPage
from tests.conftest import LANGUAGES
from tests.factories import localized

NAMES = {
    "index": {"vi": "Sự kiện", "en": "Events", "lo": "ເຫດການ", "km": "ព្រឹត្តិការណ៍"},
    "event": {"vi": "Lễ hội Lồng Tồng", "en": "Lồng Tồng festival", "lo": "ບຸນລົງທົ່ງ", "km": "ពិធីបុណ្យឡុងតុង"},
}


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


@pytest.fixture
def district(db):
    return District.objects.create(slug="ba-be", name_vi="Ba Bể", name_en="Ba Bể district", name_lo="ເມືອງບາເບ")


@pytest.fixture
def events_index(site_tree):
    index = EventIndexPage(**localized("title", NAMES["index"]), **localized("slug", {c: "events" for c in LANGUAGES}))
    site_tree.home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_event(index, district, start, days=1, slug="festival"):
    event = EventPage(
        **localized("title", NAMES["event"]),
        **localized("slug", {code: slug for code in LANGUAGES}),
        **localized("summary", {"vi": "Lễ xuống đồng.", "en": "The going-to-the-fields festival; sample data."}),
        **localized("venue", {"vi": "Xã mẫu, Ba Bể", "en": "Sample commune, Ba Bể; sample data"}),
        start=start,
        end=start + datetime.timedelta(days=days),
        category="festival",
        district=district,
        latitude=Decimal("22.41700"),
        longitude=Decimal("105.62400"),
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


class TestPageTree(WagtailPageTestCase):
    def test_where_tourism_and_event_pages_belong(self):
        self.assertAllowedParentPageTypes(DestinationIndexPage, {HomePage, StandardPage})  # or a group of sections
        self.assertAllowedParentPageTypes(DestinationPage, {DestinationIndexPage})
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage, StandardPage})  # or a group of sections
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertCanNotCreateAt(StandardPage, EventPage)
        self.assertCanNotCreateAt(EventIndexPage, DestinationPage)

    def test_where_product_and_publication_pages_belong(self):
        from promotion.models import ProductIndexPage, ProductPage, PublicationIndexPage, PublicationPage

        self.assertAllowedParentPageTypes(ProductIndexPage, {HomePage, StandardPage})  # or a group of sections
        self.assertAllowedParentPageTypes(ProductPage, {ProductIndexPage})
        self.assertAllowedParentPageTypes(PublicationIndexPage, {HomePage, StandardPage})  # or a group of sections
        self.assertAllowedParentPageTypes(PublicationPage, {PublicationIndexPage})
        self.assertAllowedSubpageTypes(ProductPage, set())


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_page_renders_with_facts_and_structured_data(client, events_index, district, language):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)
    make_event(events_index, district, start)
    html = client.get(f"/{language}/events/festival/").content.decode()
    assert f"<h1>{NAMES['event'][language]}</h1>" in html
    assert f'<time datetime="{timezone.localtime(start).isoformat()}">' in html
    assert f'href="/{language}/events/festival/ics/"' in html
    data = json_ld(html)
    assert data["@type"] == "Event" and data["name"] == NAMES["event"][language]
    assert data["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 22.417, "longitude": 105.624}
    assert datetime.datetime.fromisoformat(data["startDate"]) == start


@pytest.mark.parametrize("language", LANGUAGES)
def test_upcoming_and_past_lists(client, events_index, district, language):
    make_event(events_index, district, timezone.now() + datetime.timedelta(days=5), slug="soon")
    make_event(events_index, district, timezone.now() - datetime.timedelta(days=40), slug="gone")
    upcoming = client.get(f"/{language}/events/").content.decode()
    past = client.get(f"/{language}/events/?when=past").content.decode()
    assert f'href="/{language}/events/soon/"' in upcoming and f'href="/{language}/events/gone/"' not in upcoming
    assert f'href="/{language}/events/gone/"' in past and f'href="/{language}/events/soon/"' not in past


def test_event_ics_parses_and_is_in_the_readers_language(client, events_index, district):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    event = make_event(events_index, district, start, days=2)
    response = client.get("/lo/events/festival/ics/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == NAMES["event"]["lo"]
    assert vevent["DTSTART"].dt == start
    assert vevent["DTEND"].dt == event.end
    assert str(vevent["URL"]) == "http://testserver/lo/events/festival/"
    assert str(vevent["LOCATION"]) == "Sample commune, Ba Bể; sample data"  # Lao falls back to English


def test_calendar_feed_lists_every_event(client, events_index, district):
    for number in range(3):
        make_event(events_index, district, timezone.now() + datetime.timedelta(days=number * 7), slug=f"e{number}")
    calendar = icalendar.Calendar.from_ical(client.get("/km/events/calendar/").content)
    assert len(calendar.walk("VEVENT")) == 3


def test_event_cannot_end_before_it_starts(events_index, district):
    from django.core.exceptions import ValidationError

    event = EventPage(title_vi="Sai", slug_vi="sai", summary_vi="x", category="festival")
    event.start = timezone.now()
    event.end = event.start - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        events_index.add_child(instance=event)
    assert "end" in error.value.message_dict


@pytest.mark.parametrize("language", LANGUAGES)
def test_destination_page_has_map_link_and_tourist_attraction_data(client, site_tree, district, language):
    index = DestinationIndexPage(
        **localized("title", {"vi": "Du lịch", "en": "Tourism"}), **localized("slug", {c: "tourism" for c in LANGUAGES})
    )
    site_tree.home.add_child(instance=index)
    index.save_revision().publish()
    lake = DestinationPage(
        **localized("title", {"vi": "Hồ Ba Bể", "en": "Ba Bể lake", "lo": "ທະເລສາບບາເບ", "km": "បឹងបាបេ"}),
        **localized("slug", {c: "ba-be" for c in LANGUAGES}),
        **localized("summary", {"vi": "Hồ nước ngọt tự nhiên.", "en": "A natural freshwater lake."}),
        **localized("best_season", {"en": "Autumn is mild."}),
        district=district,
        latitude=Decimal("22.41700"),
        longitude=Decimal("105.62400"),
    )
    index.add_child(instance=lake)
    lake.save_revision().publish()
    html = client.get(f"/{language}/tourism/ba-be/").content.decode()
    assert "https://www.openstreetmap.org/?mlat=22.41700&amp;mlon=105.62400" in html
    # The embedded map is in a closed <details>, lazily: nothing loads from OpenStreetMap until it is opened.
    assert re.search(
        r'<details class="map">\s*<summary>[^<]+</summary>\s*<iframe src="https://www.openstreetmap.org/export/embed.html'
        r"\?bbox=105.59400,22.38700,105.65400,22.44700&amp;layer=mapnik&amp;marker=22.41700,105.62400"
        r'" loading="lazy" title="',
        html,
    )
    data = json_ld(html)
    assert data["@type"] == "TouristAttraction"
    assert data["geo"]["latitude"] == 22.417
    listing = client.get(f"/{language}/tourism/").content.decode()
    assert f'href="/{language}/tourism/ba-be/"' in listing


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_open_graph_tags_and_valid_json_ld(client, site_tree, language):
    html = client.get(f"/{language}/").content.decode()
    assert '<meta property="og:title"' in html
    assert f'<meta property="og:url" content="http://testserver/{language}/">' in html
    assert '<meta name="twitter:card"' in html
    data = json_ld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "WebPage"
    assert data["inLanguage"] == language


@pytest.fixture
def products(site_tree, district):
    from promotion.models import ProductIndexPage

    index = ProductIndexPage(
        **localized("title", {"vi": "Sản phẩm", "en": "Products"}),
        **localized("slug", {c: "products" for c in LANGUAGES}),
    )
    site_tree.home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.mark.parametrize("language", LANGUAGES)
def test_product_page_shows_its_ocop_rating_and_product_data(client, products, district, language):
    from promotion.models import ProductPage

    persimmon = ProductPage(
        **localized("title", {"vi": "Hồng không hạt", "en": "Seedless persimmon", "lo": "ໝາກພ້ອຍ", "km": "ផ្លែទាប"}),
        **localized("slug", {c: "persimmon" for c in LANGUAGES}),
        **localized("summary", {"vi": "Đặc sản.", "en": "A speciality."}),
        **localized("producer", {"vi": "Hợp tác xã mẫu", "en": "Sample cooperative"}),
        category="farm-produce",
        ocop_stars=4,
        district=district,
    )
    products.add_child(instance=persimmon)
    persimmon.save_revision().publish()
    html = client.get(f"/{language}/products/persimmon/").content.decode()
    assert '<span aria-hidden="true">★★★★☆</span>' in html
    data = json_ld(html)
    assert data["@type"] == "Product" and data["award"] == "OCOP 4★"
    assert data["manufacturer"]["name"] in {"Hợp tác xã mẫu", "Sample cooperative"}
    assert f'href="/{language}/products/persimmon/"' in client.get(f"/{language}/products/").content.decode()


def test_ocop_rating_must_be_one_to_five(products):
    from django.core.exceptions import ValidationError

    from promotion.models import ProductPage

    page = ProductPage(title_vi="Sai", slug_vi="sai", summary_vi="x", producer_vi="x", category="food", ocop_stars=6)
    with pytest.raises(ValidationError) as error:
        products.add_child(instance=page)
    assert "ocop_stars" in error.value.message_dict


def test_publication_offers_the_file_of_the_readers_language(client, site_tree):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from promotion.models import PublicationIndexPage, PublicationPage

    index = PublicationIndexPage(
        **localized("title", {"vi": "Ấn phẩm", "en": "Publications"}),
        **localized("slug", {c: "pubs" for c in LANGUAGES}),
    )
    site_tree.home.add_child(instance=index)
    index.save_revision().publish()
    files = {}
    for language in ("vi", "en"):
        files[language] = get_document_model()(title=f"Brochure {language}")
        files[language].file.save(f"brochure-{language}.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    brochure = PublicationPage(
        **localized("title", {"vi": "Tờ gấp", "en": "Brochure"}),
        **localized("slug", {c: "brochure" for c in LANGUAGES}),
        **localized("summary", {"vi": "Mẫu.", "en": "Sample."}),
        document_vi=files["vi"],
        document_en=files["en"],
        year=2021,
    )
    index.add_child(instance=brochure)
    brochure.save_revision().publish()
    for language, expected in (("vi", "vi"), ("en", "en"), ("lo", "en"), ("km", "en")):
        html = client.get(f"/{language}/pubs/brochure/").content.decode()
        assert f'href="{files[expected].url}"' in html, language
    assert json_ld(html)["@type"] == "CreativeWork"


def test_gallery_and_images_use_responsive_webp_renditions(client, site_tree):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image
    from wagtail.images import get_image_model

    from tests.factories import make_standard_page

    images = []
    for number in range(2):
        buffer = BytesIO()
        Image.new("RGB", (1600, 900), "green").save(buffer, "PNG")
        image = get_image_model()(title=f"Hồ {number}", description_en=f"Lake {number}", description_vi=f"Hồ {number}")
        image.file = ImageFile(buffer, name=f"lake-{number}.png")
        image._set_image_file_metadata()
        image.save()
        images.append(image)
    gallery = {"title": "Ba Bể", "images": [{"image": image.pk, "caption": "", "credit": ""} for image in images]}
    make_standard_page(site_tree.home, titles={"vi": "Ảnh", "en": "Photos"}, slugs={"vi": "anh", "en": "photos"})
    page = StandardPage.objects.get(slug_vi="anh")
    page.body_en = [{"type": "gallery", "value": gallery}]
    page.save_revision().publish()
    html = client.get("/en/photos/").content.decode()
    assert '<div class="gallery" role="group" aria-label="Ba Bể">' in html
    tags = re.findall(r"<img [^>]+>", html.split('class="gallery"')[1])
    assert len(tags) == 2
    for tag in tags:
        assert 'srcset="' in tag and ".webp 480w" in tag and 'loading="lazy"' in tag
        assert 'width="' in tag and 'height="' in tag
    assert 'alt="Lake 0"' in tags[0]


def small_image(title):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image
    from wagtail.images import get_image_model

    buffer = BytesIO()
    Image.new("RGB", (960, 540), "teal").save(buffer, "PNG")
    image = get_image_model()(title=title, description_vi=title)
    image.file = ImageFile(buffer, name="listing.png")
    image._set_image_file_metadata()
    image.save()
    return image


LISTINGS = [
    ("promotion.DestinationIndexPage", "promotion.DestinationPage", {"summary_vi": "x"}, "hero_image"),
    (
        "promotion.ProductIndexPage",
        "promotion.ProductPage",
        {"summary_vi": "x", "producer_vi": "x", "category": "food"},
        "hero_image",
    ),
    ("promotion.PublicationIndexPage", "promotion.PublicationPage", {"summary_vi": "x", "year": 2021}, "cover"),
    ("promotion.EventIndexPage", "promotion.EventPage", {"summary_vi": "x", "category": "festival"}, None),
]


@pytest.mark.parametrize(("index_type", "child_type", "fields", "image_field"), LISTINGS)
def test_listings_keep_their_query_count_with_10_and_50_items(
    client, site_tree, index_type, child_type, fields, image_field
):
    from django.apps import apps

    index = apps.get_model(index_type)(title_vi="Danh sách", slug_vi="danh-sach")
    site_tree.home.add_child(instance=index)
    index.save_revision().publish()
    image = {image_field: small_image("Ảnh")} if image_field else {}
    soon = timezone.now() + datetime.timedelta(days=3)
    timing = {"start": soon, "end": soon + datetime.timedelta(hours=2)} if child_type.endswith("EventPage") else {}

    def add(count, start):
        for number in range(start, start + count):
            child = apps.get_model(child_type)(
                title_vi=f"Mục {number}", slug_vi=f"muc-{number}", **fields, **image, **timing
            )
            index.add_child(instance=child)
            child.save_revision().publish()

    def count(expected):
        client.get("/vi/danh-sach/")
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/vi/danh-sach/").content.decode()
        assert html.count('href="/vi/danh-sach/muc-') == expected
        return len(queries)

    add(10, 0)
    with_ten = count(10)
    add(40, 10)
    assert count(50) == with_ten
