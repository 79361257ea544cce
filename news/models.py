import datetime

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import HeroImageMixin, PortalPage, SectionPage, with_listing_images
from home.query_params import get_choice

ARTICLES_PER_PAGE = 12
FEED_LENGTH = 20


class Topic(models.Model):
    """A subject readers filter articles by; its name is written in every language."""

    name = models.CharField(_("name"), max_length=100, help_text=_("As readers see it, e.g. Vietnam–Laos friendship."))
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Used in listing addresses (?topic=…); the same in every language."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class ArticleIndexPage(RoutablePageMixin, SectionPage):
    """A news section (e.g. Vietnam–Laos friendship): its articles, filters and feeds."""

    press_releases = models.BooleanField(
        _("press releases"),
        default=False,
        help_text=_(
            "A section of press releases (plan item 5.2): it and its articles show the spokesperson's contact."
        ),
    )

    content_panels = SectionPage.content_panels + [FieldPanel("press_releases")]
    parent_page_types = ["home.HomePage", "home.StandardPage", "news.ArticleIndexPage"]
    subpage_types = ["news.ArticleIndexPage", "news.ArticlePage"]

    # The language override of PortalPage, not RoutablePageMixin's (which would skip it).
    serve_preview = PortalPage.serve_preview

    class Meta:
        verbose_name = _("article index page")

    def live_articles(self):
        return ArticlePage.objects.live().public().descendant_of(self)

    def articles(self):
        """Newest first, with what listings show fetched in a fixed number of queries."""
        return with_listing_images(self.live_articles()).prefetch_related("topics").order_by("-date", "-pk")

    @cached_property
    def topics(self):
        return list(Topic.objects.filter(articlepage__in=self.live_articles().values("pk")).distinct())

    @cached_property
    def years(self):
        return [day.year for day in self.live_articles().dates("date", "year", order="DESC")]

    def filtered_articles(self, request):
        """Articles narrowed by the reader's topic and year; unknown values are ignored, not errors."""
        filters = {"topic": None, "year": None}
        articles = self.articles()
        topic = next((topic for topic in self.topics if topic.slug == request.GET.get("topic")), None)
        if topic:
            filters["topic"] = topic
            articles = articles.filter(topics=topic)
        year = get_choice(request.GET, "year", self.years)
        if year:
            filters["year"] = year
            articles = articles.filter(date__year=year)
        return articles, filters

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles, filters = self.filtered_articles(request)
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page = paginator.page(1)
        query = {key: value.slug if key == "topic" else value for key, value in filters.items() if value}
        context.update(articles=page, filters=filters, filter_query=query)
        return context

    def latest_articles(self):
        return self.articles()[:FEED_LENGTH]

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        from .feeds import ArticleRssFeed

        return ArticleRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import ArticleAtomFeed

        return ArticleAtomFeed(self)(request)


class ArticlePage(RoutablePageMixin, HeroImageMixin, PortalPage):
    """A news article, friendship story or press release."""

    date = models.DateField(
        _("publication date"), default=datetime.date.today, help_text=_("Shown to readers; orders listings.")
    )
    summary = models.TextField(_("summary"), help_text=_("One or two sentences, shown in listings and feeds."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True, help_text=_("The article's text."))
    hero_credit = models.CharField(
        _("image credit"),
        max_length=200,
        blank=True,
        help_text=_("Author or source; leave empty to use the credit stored with the image."),
    )
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Where the article comes from, e.g. Báo Bắc Kạn.")
    )
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, help_text=_("Readers can filter the listing by these.")
    )
    responds_to = ParentalManyToManyField(
        "press.Coverage",
        verbose_name=_("clarifies press coverage"),
        blank=True,
        limit_choices_to={"needs_response": True},
        related_name="clarifications",
        help_text=_(
            "For a clarification (plan item 5.4): the logged coverage it answers. Once published, "
            "that coverage counts as answered."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([*HeroImageMixin.hero_panels, FieldPanel("hero_credit")], heading=_("Main image")),
        FieldPanel("body"),
        FieldPanel("source"),
        FieldPanel("topics"),
        FieldPanel("responds_to"),
        InlinePanel("related_links", label=_("Related articles")),
    ]
    search_fields = PortalPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.ArticleIndexPage"]
    subpage_types = []

    serve_preview = PortalPage.serve_preview

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    @property
    def section(self):
        return self.get_parent().specific

    def search_date(self):
        return self.date

    def related_articles(self):
        return [link.article for link in self.related_links.select_related("article") if link.article.live]

    def structured_data(self, request):
        return {
            "@type": "NewsArticle",
            "headline": self.title,
            "datePublished": self.date.isoformat(),
            "dateModified": (self.last_published_at or self.first_published_at).isoformat()
            if self.last_published_at or self.first_published_at
            else self.date.isoformat(),
            "articleSection": self.section.title,
        }

    @path("print/", name="print")
    def print_view(self, request):
        """A print-ready page (Decree 42/2022): the article alone, with its address."""
        return self.render(request, template="news/article_page_print.html")


class RelatedArticle(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(
        ArticlePage,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Another article readers of this one may want."),
    )

    panels = [FieldPanel("article")]
