from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import PortalPage

from .ical import calendar_response


class District(models.Model):
    """A district of the province; places, events and projects are located in one."""

    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. Ba Bể district."))
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("Used in filter addresses."))

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class LocatedPage(PortalPage):
    """A page about a place: its district and coordinates, shared by every language."""

    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where it is."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True, help_text=_("e.g. 22.41700")
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True, help_text=_("e.g. 105.62400")
    )

    location_panels = [
        MultiFieldPanel(
            [FieldPanel("district"), FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Location"),
        )
    ]

    class Meta:
        abstract = True

    def map_url(self):
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=13/{self.latitude}/{self.longitude}"
        )

    def geo_data(self):
        if self.latitude is None or self.longitude is None:
            return {}
        return {
            "geo": {"@type": "GeoCoordinates", "latitude": float(self.latitude), "longitude": float(self.longitude)}
        }


class DestinationIndexPage(PortalPage):
    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences about the section."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["promotion.DestinationPage"]

    class Meta:
        verbose_name = _("destination index page")

    def destinations(self):
        return DestinationPage.objects.live().public().child_of(self).select_related("district")


class DestinationPage(LocatedPage):
    """A place to visit (Ba Bể lake, a cave, a historic site)."""

    summary = models.TextField(_("summary"), help_text=_("One or two sentences, shown in listings."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True, help_text=_("The page's content."))
    highlights = RichTextField(
        _("highlights"), features=["ul", "bold", "italic"], blank=True, help_text=_("What not to miss, as a list.")
    )
    best_season = models.CharField(_("best season"), max_length=255, blank=True, help_text=_("When to come."))
    getting_there = models.TextField(_("how to get there"), blank=True, help_text=_("Roads, distances, transport."))
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its description is the alt text."),
    )
    hero_caption = models.CharField(_("image caption"), max_length=300, blank=True, help_text=_("What it shows."))

    content_panels = (
        Page.content_panels
        + [FieldPanel("summary"), FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("body")]
        + [FieldPanel("highlights"), FieldPanel("best_season"), FieldPanel("getting_there")]
        + LocatedPage.location_panels
    )
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["promotion.DestinationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("destination")
        verbose_name_plural = _("destinations")

    def structured_data(self, request):
        return {"@type": "TouristAttraction", **self.geo_data()}


class EventCategory(models.TextChoices):
    FESTIVAL = "festival", _("Festival")
    INVESTMENT_CONFERENCE = "investment-conference", _("Investment promotion conference")
    TRADE_FAIR = "trade-fair", _("Trade fair")
    CULTURAL_EXCHANGE = "cultural-exchange", _("Cultural exchange")
    PRESS_CONFERENCE = "press-conference", _("Press conference")


class EventIndexPage(RoutablePageMixin, PortalPage):
    """The events calendar: upcoming and past events, and a calendar feed (.ics)."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences about the calendar."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["promotion.EventPage"]

    serve_preview = PortalPage.serve_preview

    class Meta:
        verbose_name = _("event index page")

    def events(self):
        return EventPage.objects.live().public().child_of(self).select_related("district")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        past = request.GET.get("when") == "past"
        events = self.events()
        context["past"] = past
        context["events"] = (
            events.filter(end__lt=now).order_by("-start") if past else events.filter(end__gte=now).order_by("start")
        )
        return context

    @path("calendar/", name="calendar")
    def calendar(self, request):
        return calendar_response(request, self.events().order_by("start"), f"{self.slug}.ics")


class EventPage(RoutablePageMixin, LocatedPage):
    summary = models.TextField(_("summary"), help_text=_("One or two sentences, shown in listings."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True, help_text=_("The page's content."))
    start = models.DateTimeField(_("starts"), help_text=_("Date and time it begins (Vietnam time)."))
    end = models.DateTimeField(_("ends"), help_text=_("Date and time it ends."))
    venue = models.CharField(_("venue"), max_length=255, blank=True, help_text=_("Name and address of the place."))
    category = models.CharField(
        _("category"), max_length=40, choices=EventCategory.choices, help_text=_("What kind of event it is.")
    )

    content_panels = (
        Page.content_panels
        + [FieldPanel("summary"), FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("category")]
        + [FieldPanel("venue"), FieldPanel("body")]
        + LocatedPage.location_panels
    )
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["promotion.EventIndexPage"]
    subpage_types = []

    serve_preview = PortalPage.serve_preview

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            from django.core.exceptions import ValidationError

            raise ValidationError({"end": _("An event cannot end before it starts.")})

    @path("ics/", name="ics")
    def ics(self, request):
        return calendar_response(request, [self], f"{self.slug}.ics")

    def structured_data(self, request):
        return {
            "@type": "Event",
            "startDate": self.start.isoformat(),
            "endDate": self.end.isoformat(),
            "location": {"@type": "Place", "name": self.venue, **self.geo_data()},
        }
