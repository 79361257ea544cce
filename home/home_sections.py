"""The home page's sections of news, events, opportunities and places, which the content apps contribute.

Each app lists its sections in its own `home_sections.py` (`SECTIONS`), found through the app registry:
this core app names no content model. The home page costs one query per section whatever editors
chose and however many pages there are: pages are filtered for the reader's language and for
privacy inside that query, images and districts are joined to it, and renditions come from the cache.
"""

from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Length, Substr
from django.utils import translation
from django.utils.module_loading import module_has_submodule
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import PageChooserPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page, PageViewRestriction

LEAD_RANK = -1


def ready_q(language):
    """Pages whose text is live in `language` (a language not ready for readers is blank in the live row)."""
    if language == settings.LANGUAGE_CODE:
        return Q(pk__isnull=False)  # every page (an empty Q() would vanish from an OR)
    return Q(**{f"{build_localized_fieldname('title', language)}__gt": ""})


def public_q():
    """Pages outside every private section, in the same query (Wagtail's `public()` asks the database first)."""
    restricting = PageViewRestriction.objects.annotate(prefix=Substr(OuterRef("path"), 1, Length("page__path")))
    return ~Exists(restricting.filter(page__path=F("prefix")))


def parent_url(url):
    """The address of the page above: in Wagtail a page's address is its parent's followed by its slug."""
    return url.rstrip("/").rsplit("/", 1)[0] + "/" if url else ""


@dataclass
class SectionContent:
    section: "HomeSection"
    pages: list
    index_url: str = ""
    recent: bool = False  # no upcoming item: these are the latest ones, labelled so
    lead: object = None


@dataclass
class HomeSection:
    """One section of the home page: which pages, in what order, and how their cards look."""

    key: str
    model: str  # "app.Model" of the pages it lists
    heading: str
    order: int = 100
    limit: int = 3
    ordering: tuple = ("-first_published_at", "-pk")
    related: tuple = ("district",)  # joined to the query when the model has them
    image_field: str = "hero_image"
    index_label: str = ""  # the link to all of them (their parent page); none when empty
    recent_heading: str = ""  # the heading when nothing is upcoming (events)
    card_template: str = ""  # lines of a card of this section besides title and summary
    provides_lead: bool = False  # its newest page leads the home page when editors chose no lead

    @property
    def page_model(self):
        return apps.get_model(self.model)

    def has_field(self, name):
        return any(model_field.name == name for model_field in self.page_model._meta.get_fields())

    def queryset(self):
        related = [name for name in (*self.related, self.image_field) if self.has_field(name)]
        return self.page_model.objects.live().filter(public_q()).select_related(*related)

    def upcoming_q(self):
        """Pages still to come, for sections of events; None for the others."""
        return None

    def content(self, language, chosen, lead_id, request, default_lead=False):
        """The section's pages in the reader's language: editors' choices first, then the newest."""
        ranks = [When(pk=pk, then=Value(rank)) for rank, pk in enumerate(chosen)]
        if lead_id:
            ranks.insert(0, When(pk=lead_id, then=Value(LEAD_RANK)))
        rank = Case(*ranks, default=Value(len(chosen)), output_field=IntegerField())
        wanted = Q(pk__in=[*chosen, lead_id]) | ready_q(language)
        ordering = ["home_rank", *self.ordering]
        upcoming = self.upcoming_q()
        if upcoming is not None:
            is_upcoming = Case(When(upcoming, then=Value(1)), default=Value(0), output_field=IntegerField())
            soonest = Case(When(upcoming, then=F("start")))
            ordering = ["home_rank", "-home_upcoming", soonest.asc(), F("start").desc()]
        pages = self.queryset().filter(wanted).annotate(home_rank=rank)
        if upcoming is not None:
            pages = pages.annotate(home_upcoming=is_upcoming)
        pages = list(pages.order_by(*ordering)[: self.limit + (2 if self.provides_lead else 1)])
        lead = next((page for page in pages if page.pk == lead_id), None)
        pages = [page for page in pages if page is not lead]
        recent = False
        if upcoming is not None:
            recent = not any(page.home_upcoming for page in pages)
            if not recent:
                pages = [page for page in pages if page.home_upcoming or page.home_rank < len(chosen)]
        if lead is None and self.provides_lead and default_lead and pages:
            lead = pages.pop(0)
        pages = pages[: self.limit]
        index_url = parent_url(pages[0].get_url(request)) if pages and self.index_label else ""
        return SectionContent(self, pages, index_url=index_url, recent=recent, lead=lead)


@cache
def home_sections():
    """Every app's home page sections, in their order."""
    sections = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "home_sections") and config.name != __package__:
            sections += import_module(f"{config.name}.home_sections").SECTIONS
    return sorted(sections, key=lambda section: section.order)


def chosen_page_ids(stream):
    """The pages chosen in a StreamField of page choosers, without fetching them."""
    return [block["value"] for block in stream.raw_data if block.get("value")]


def entry_points(home, request, lead_id):
    """The entry points in the reader's language with their pages, and the chosen lead page's type, in one query."""
    blocks = list(home.entry_points.raw_data)
    ids = {block["value"].get("page") for block in blocks} | {lead_id}
    pages = Page.objects.live().filter(public_q()).in_bulk(ids - {None})
    points = [
        {**block["value"], "url": pages[block["value"]["page"]].get_url(request)}
        for block in blocks
        if block["value"].get("page") in pages
    ]
    return points, pages.get(lead_id)


def section_models():
    return [section.page_model for section in home_sections()]


class SectionPageChooserPanel(PageChooserPanel):
    """A chooser offering the pages the home page's sections list (news, events, opportunities, places)."""

    def get_form_options(self):
        options = super().get_form_options()
        options.setdefault("widgets", {})[self.field_name] = AdminPageChooser(target_models=section_models())
        return options


def home_page_content(home, request):
    """What the home page shows besides its own fields: the lead story, the entry points and each section.

    The lead is fetched by the query of its section. A lead of another type (the editor refuses one,
    but it may predate the rule) shows what every page has: its title and search description.
    """
    language = translation.get_language()
    points, lead_page = entry_points(home, request, home.lead_page_id)
    lead_id = lead_page.pk if lead_page is not None and lead_page.specific_class in section_models() else None
    chosen = chosen_page_ids(home.featured_pages)
    sections = [
        section.content(language, chosen, lead_id, request, default_lead=lead_page is None)
        for section in home_sections()
    ]
    lead = next((content.lead for content in sections if content.lead is not None), lead_page)
    return {"lead": lead, "entry_points": points, "sections": [content for content in sections if content.pages]}
