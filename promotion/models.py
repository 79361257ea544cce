from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.form_pages import HandledFormPage
from home.models import HeroImageMixin, PortalPage, SectionPage, with_listing_images
from home.query_params import get_choice, get_int

from .forms import InvestorEnquiryForm
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

    def search_facts(self):
        return [*super().search_facts(), self.district.name if self.district else ""]

    def map_url(self):
        if self.latitude is None or self.longitude is None:
            return ""
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=13/{self.latitude}/{self.longitude}"
        )

    def map_embed_url(self):
        """OpenStreetMap's embeddable map around the place, with a marker on it."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon, margin = float(self.latitude), float(self.longitude), 0.03
        bbox = f"{lon - margin:.5f},{lat - margin:.5f},{lon + margin:.5f},{lat + margin:.5f}"
        return f"https://www.openstreetmap.org/export/embed.html?bbox={bbox}&layer=mapnik&marker={lat:.5f},{lon:.5f}"

    def geo_data(self):
        if self.latitude is None or self.longitude is None:
            return {}
        return {
            "geo": {"@type": "GeoCoordinates", "latitude": float(self.latitude), "longitude": float(self.longitude)}
        }


class DestinationIndexPage(SectionPage):
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["promotion.DestinationPage"]

    class Meta:
        verbose_name = _("destination index page")

    def destinations(self):
        return with_listing_images(DestinationPage.objects.live().public().child_of(self).select_related("district"))


class DestinationPage(HeroImageMixin, LocatedPage):
    """A place to visit (Ba Bể lake, a cave, a historic site)."""

    summary = models.TextField(_("summary"), help_text=_("One or two sentences, shown in listings."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True, help_text=_("The page's content."))
    highlights = RichTextField(
        _("highlights"), features=["ul", "bold", "italic"], blank=True, help_text=_("What not to miss, as a list.")
    )
    best_season = models.CharField(_("best season"), max_length=255, blank=True, help_text=_("When to come."))
    getting_there = models.TextField(_("how to get there"), blank=True, help_text=_("Roads, distances, transport."))

    content_panels = (
        Page.content_panels
        + [FieldPanel("summary"), *HeroImageMixin.hero_panels, FieldPanel("body")]
        + [FieldPanel("highlights"), FieldPanel("best_season"), FieldPanel("getting_there")]
        + LocatedPage.location_panels
    )
    search_fields = PortalPage.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["promotion.DestinationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("destination")
        verbose_name_plural = _("destinations")

    @property
    def card_meta(self):
        return self.district.name if self.district else ""

    def structured_data(self, request):
        return {"@type": "TouristAttraction", **self.geo_data()}


class EventCategory(models.TextChoices):
    FESTIVAL = "festival", _("Festival")
    INVESTMENT_CONFERENCE = "investment-conference", _("Investment promotion conference")
    TRADE_FAIR = "trade-fair", _("Trade fair")
    CULTURAL_EXCHANGE = "cultural-exchange", _("Cultural exchange")
    PRESS_CONFERENCE = "press-conference", _("Press conference")


class PressConferenceKind(models.TextChoices):
    REGULAR = "regular", _("Regular (quarterly)")
    EXTRAORDINARY = "extraordinary", _("Extraordinary")


class EventIndexPage(RoutablePageMixin, SectionPage):
    """The events calendar: upcoming and past events, and a calendar feed (.ics)."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
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


class EventPage(RoutablePageMixin, HeroImageMixin, LocatedPage):
    summary = models.TextField(_("summary"), help_text=_("One or two sentences, shown in listings."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True, help_text=_("The page's content."))
    start = models.DateTimeField(_("starts"), help_text=_("Date and time it begins (Vietnam time)."))
    end = models.DateTimeField(_("ends"), help_text=_("Date and time it ends."))
    venue = models.CharField(_("venue"), max_length=255, blank=True, help_text=_("Name and address of the place."))
    category = models.CharField(
        _("category"), max_length=40, choices=EventCategory.choices, help_text=_("What kind of event it is.")
    )
    press_conference = models.CharField(
        _("kind of press conference"),
        max_length=20,
        choices=PressConferenceKind.choices,
        blank=True,
        help_text=_("For a press conference only (plan item 5.2)."),
    )
    agenda = models.TextField(
        _("topics"), blank=True, help_text=_("For a press conference: the topics announced, one per line.")
    )

    content_panels = (
        Page.content_panels
        + [FieldPanel("summary"), FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("category")]
        + [FieldPanel("venue"), *HeroImageMixin.hero_panels, FieldPanel("body")]
        + [
            MultiFieldPanel(
                [FieldPanel("press_conference"), FieldPanel("agenda"), InlinePanel("materials", label=_("Material"))],
                heading=_("Press conference"),
            )
        ]
        + LocatedPage.location_panels
    )
    search_fields = PortalPage.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["promotion.EventIndexPage"]
    subpage_types = []

    serve_preview = PortalPage.serve_preview

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("An event cannot end before it starts.")
        is_conference = self.category == EventCategory.PRESS_CONFERENCE
        if is_conference and not self.press_conference:
            errors["press_conference"] = _("Say whether the press conference is regular or extraordinary.")
        elif self.press_conference and not is_conference:
            errors["press_conference"] = _("Only a press conference has this; choose the category “Press conference”.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        """A press conference carries out the press conference task of its year's plan, unless editors chose one."""
        if self.category == EventCategory.PRESS_CONFERENCE and not self.plan_task_id and self.start:
            from plans.models import Plan

            plan = Plan.objects.filter(year=timezone.localdate(self.start).year, press_conference_task__isnull=False)
            self.plan_task_id = plan.values_list("press_conference_task", flat=True).first()
        return super().save(*args, **kwargs)

    def agenda_items(self):
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    @path("ics/", name="ics")
    def ics(self, request):
        return calendar_response(request, [self], f"{self.slug}.ics")

    def search_date(self):
        return timezone.localdate(self.start)

    def structured_data(self, request):
        return {
            "@type": "Event",
            "startDate": self.start.isoformat(),
            "endDate": self.end.isoformat(),
            "location": {"@type": "Place", "name": self.venue, **self.geo_data()},
        }


class EventMaterial(Orderable):
    """A document released to the press at a press conference."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="materials")
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Its title is what readers see."),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture-forestry", _("Agriculture and forestry")
    PROCESSING = "processing-industry", _("Processing and manufacturing")
    TOURISM = "tourism-services", _("Tourism and services")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure and urban development")
    ENERGY = "energy", _("Energy")
    TRADE = "trade-logistics", _("Trade and logistics")
    SOCIAL = "health-education", _("Health and education")


class InvestmentForm(models.TextChoices):
    DOMESTIC = "domestic", _("Domestic investment")
    FDI = "fdi", _("Foreign direct investment")
    JOINT_VENTURE = "joint-venture", _("Joint venture")
    PPP = "ppp", _("Public–private partnership (PPP)")
    BCC = "bcc", _("Business cooperation contract (BCC)")


class LandStatus(models.TextChoices):
    CLEARED = "cleared", _("Land cleared")
    PARTLY_CLEARED = "partly-cleared", _("Land partly cleared")
    NOT_CLEARED = "not-cleared", _("Land not yet cleared")
    IN_PLANNING = "in-planning", _("In the land-use plan")


class ProjectStatus(models.TextChoices):
    CALLING = "calling", _("Calling for investment")
    NEGOTIATING = "negotiating", _("Under negotiation")
    LICENSED = "licensed", _("Investor selected")
    IMPLEMENTING = "implementing", _("Being implemented")


# Capital ranges readers filter by, in VND: (key, label, minimum, maximum or None).
CAPITAL_RANGES = [
    ("under-100bn", _("Under 100 billion VND"), 0, 100_000_000_000),
    ("100-500bn", _("100 to 500 billion VND"), 100_000_000_000, 500_000_000_000),
    ("500bn-1000bn", _("500 to 1,000 billion VND"), 500_000_000_000, 1_000_000_000_000),
    ("over-1000bn", _("Over 1,000 billion VND"), 1_000_000_000_000, None),
]


class InvestmentIndexPage(SectionPage):
    """Investment opportunities, filterable by sector, district, form, capital and status."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["promotion.InvestmentProjectPage", "promotion.InvestmentPolicyPage"]

    class Meta:
        verbose_name = _("investment index page")

    def projects(self):
        return with_listing_images(
            InvestmentProjectPage.objects.live().public().child_of(self).select_related("district")
        )

    def filter_choices(self):
        """Each filter with its choices, in the order the form shows them."""
        return [
            ("sector", _("Sector"), Sector.choices),
            ("district", _("District"), [(d.slug, d.name) for d in District.objects.all()]),
            ("form", _("Form of investment"), InvestmentForm.choices),
            ("capital", _("Total capital"), [(key, label) for key, label, _low, _high in CAPITAL_RANGES]),
            ("status", _("Status"), ProjectStatus.choices),
        ]

    def filtered_projects(self, request, filters):
        """Projects narrowed by every valid filter in the query string; invalid values are ignored."""
        lookups = {"sector": "sector", "district": "district__slug", "form": "investment_form", "status": "status"}
        projects = self.projects()
        chosen = {}
        for name, _label, choices in filters:
            value = get_choice(request.GET, name, dict(choices))
            if value is None:
                continue
            chosen[name] = value
            if name == "capital":
                _key, _label, low, high = next(r for r in CAPITAL_RANGES if r[0] == value)
                projects = projects.filter(capital_vnd__gte=low)
                if high is not None:
                    projects = projects.filter(capital_vnd__lt=high)
            else:
                projects = projects.filter(**{lookups[name]: value})
        return projects.order_by("title"), chosen

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["filters"] = self.filter_choices()
        context["projects"], context["chosen"] = self.filtered_projects(request, context["filters"])
        return context


class InvestmentProjectPage(HeroImageMixin, LocatedPage):
    """An investment opportunity. Every figure is one field for all languages."""

    summary = models.TextField(_("summary"), help_text=_("One or two sentences, shown in listings."))
    body = StreamField(
        BaseStreamBlock(), verbose_name=_("body"), blank=True, help_text=_("Objectives, scale, incentives.")
    )
    sector = models.CharField(_("sector"), max_length=40, choices=Sector.choices, help_text=_("The project's field."))
    area_ha = models.DecimalField(
        _("area (ha)"), max_digits=10, decimal_places=2, null=True, blank=True, help_text=_("Land area in hectares.")
    )
    capital_vnd = models.BigIntegerField(
        _("total capital (VND)"), null=True, blank=True, help_text=_("Planned total investment in Vietnamese dong.")
    )
    investment_form = models.CharField(
        _("form of investment"),
        max_length=40,
        choices=InvestmentForm.choices,
        help_text=_("How it may be invested in."),
    )
    land_status = models.CharField(
        _("land status"), max_length=40, choices=LandStatus.choices, blank=True, help_text=_("State of the site.")
    )
    status = models.CharField(
        _("status"),
        max_length=40,
        choices=ProjectStatus.choices,
        default=ProjectStatus.CALLING,
        help_text=_("Where it stands."),
    )
    contact = models.TextField(
        _("contact point"), blank=True, help_text=_("Agency, person, phone and e-mail to contact.")
    )
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Marks demonstration figures so readers are not misled.")
    )

    content_panels = (
        Page.content_panels
        + [FieldPanel("summary"), FieldPanel("is_sample"), *HeroImageMixin.hero_panels, FieldPanel("body")]
        + [
            MultiFieldPanel(
                [
                    FieldPanel("sector"),
                    FieldPanel("investment_form"),
                    FieldRowPanel([FieldPanel("area_ha"), FieldPanel("capital_vnd")]),
                    FieldPanel("land_status"),
                    FieldPanel("status"),
                ],
                heading=_("Facts"),
            ),
            FieldPanel("contact"),
            InlinePanel("dossiers", label=_("Dossiers")),
        ]
        + LocatedPage.location_panels
    )
    search_fields = PortalPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("sector"),
        index.FilterField("status"),
    ]

    parent_page_types = ["promotion.InvestmentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")

    @property
    def card_meta(self):
        district = self.district.name if self.district else ""
        return " · ".join(filter(None, [self.get_sector_display(), district, self.get_status_display()]))

    def search_facts(self):
        return [*super().search_facts(), str(self.get_sector_display()), str(self.get_investment_form_display())]

    def dossiers_for(self, language):
        """Dossiers in the reader's language first, then the others."""
        return sorted(self.dossiers.select_related("document"), key=lambda dossier: dossier.language != language)

    def capital_usd(self, vnd_per_usd):
        if not self.capital_vnd or not vnd_per_usd:
            return None
        return round(self.capital_vnd / vnd_per_usd)

    def structured_data(self, request):
        return {"@type": "Place", "additionalType": "InvestmentOpportunity", **self.geo_data()}


class ProjectDossier(Orderable):
    """A downloadable dossier of a project, in one language."""

    page = ParentalKey(InvestmentProjectPage, on_delete=models.CASCADE, related_name="dossiers")
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The dossier file (PDF, Word, spreadsheet)."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, help_text=_("The language the dossier is written in.")
    )

    panels = [FieldPanel("document"), FieldPanel("language")]


class InvestmentPolicyPage(PortalPage):
    """Incentives, procedures and support for investors."""

    summary = models.TextField(_("summary"), blank=True, help_text=_("Shown under the title and in listings."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True, help_text=_("The page's content."))

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = PortalPage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["promotion.InvestmentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("investment policy page")


class ProductCategory(models.TextChoices):
    FOOD = "food", _("Food")
    BEVERAGE = "beverage", _("Beverages")
    HERBAL = "herbal", _("Herbs and medicinal products")
    HANDICRAFT = "handicraft", _("Handicrafts")
    FARM = "farm-produce", _("Fresh farm produce")


class ProductIndexPage(SectionPage):
    """Local products (OCOP: One Commune One Product)."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["promotion.ProductPage"]

    class Meta:
        verbose_name = _("product index page")

    def products(self):
        products = ProductPage.objects.live().public().child_of(self).select_related("district")
        return with_listing_images(products).order_by("-ocop_stars", "title")


class ProductPage(HeroImageMixin, LocatedPage):
    summary = models.TextField(_("summary"), help_text=_("One or two sentences, shown in listings."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True, help_text=_("The page's content."))
    ocop_stars = models.PositiveSmallIntegerField(
        _("OCOP stars"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("The product's OCOP rating, 1 to 5 stars; leave empty if not rated."),
    )
    producer = models.CharField(_("producer"), max_length=255, help_text=_("Company, cooperative or household."))
    category = models.CharField(
        _("category"), max_length=40, choices=ProductCategory.choices, help_text=_("What kind of product it is.")
    )

    content_panels = (
        Page.content_panels
        + [FieldPanel("summary"), *HeroImageMixin.hero_panels]
        + [
            FieldRowPanel([FieldPanel("category"), FieldPanel("ocop_stars")]),
            FieldPanel("producer"),
            FieldPanel("body"),
        ]
        + LocatedPage.location_panels
    )
    search_fields = PortalPage.search_fields + [index.SearchField("summary"), index.SearchField("producer")]
    parent_page_types = ["promotion.ProductIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("local product")
        verbose_name_plural = _("local products")

    @property
    def card_meta(self):
        return " · ".join(filter(None, [self.get_category_display(), self.district.name if self.district else ""]))

    def structured_data(self, request):
        data = {
            "@type": "Product",
            "category": self.get_category_display(),
            "manufacturer": {"@type": "Organization", "name": self.producer},
        }
        if self.ocop_stars:
            data["award"] = f"OCOP {self.ocop_stars}★"
        return data


class PublicationIndexPage(SectionPage):
    """Brochures, guides and other publications (plan item 4.1)."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["promotion.PublicationPage"]

    class Meta:
        verbose_name = _("publication index page")

    def publications(self):
        publications = PublicationPage.objects.live().public().child_of(self)
        return with_listing_images(publications, "cover").order_by("-year", "title")


class PublicationPage(PortalPage):
    summary = models.TextField(_("summary"), help_text=_("What the publication is about."))
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)], help_text=_("Year of publication.")
    )
    cover = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("cover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The front cover; its description is the alt text."),
    )
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The publication in this language (PDF)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("cover")]),
        FieldPanel("document"),
    ]
    search_fields = PortalPage.search_fields + [index.SearchField("summary")]
    parent_page_types = ["promotion.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    @property
    def card_meta(self):
        return str(self.year)

    def structured_data(self, request):
        return {"@type": "CreativeWork", "datePublished": str(self.year)}


class InvestorEnquiryPage(HandledFormPage):
    """Would-be investors ask the investment promotion office here (plan item 4.5)."""

    form_class = InvestorEnquiryForm
    template = "home/handled_form_page.html"
    landing_page_template = "home/handled_form_page_landing.html"

    class Meta:
        verbose_name = _("investor enquiry form")

    @staticmethod
    def enquired_project(query):
        """The live project that `?project=<id>` names (its "Enquire" button), else None: anyone can write it."""
        project_id = get_int(query, "project", minimum=1)
        if project_id is None:
            return None
        return InvestmentProjectPage.objects.live().public().filter(pk=project_id).first()

    def serve(self, request, *args, **kwargs):
        project = self.enquired_project(request.GET) if request.method != "POST" else None
        # The form starts with the project's name in the reader's language and its sector chosen.
        self.form_initial = {"project": project.title, "sector": project.sector} if project else {}
        return super().serve(request, *args, **kwargs)

    def get_form(self, *args, **kwargs):
        if not args and "data" not in kwargs:
            kwargs.setdefault("initial", getattr(self, "form_initial", {}))
        return super().get_form(*args, **kwargs)
