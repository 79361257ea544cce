"""The news section of the home page (see home.home_sections)."""

from django.utils.translation import gettext_lazy as _

from home.home_sections import HomeSection

SECTIONS = [
    HomeSection(
        key="news",
        model="news.ArticlePage",
        heading=_("Latest news"),
        order=10,
        ordering=("-date", "-pk"),
        card_template="news/includes/home_card_meta.html",
        provides_lead=True,
    )
]
