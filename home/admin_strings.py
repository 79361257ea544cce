"""Admin strings that come from outside the project's code, listed so that `make messages` keeps them
in the project's catalogues, and the few that Wagtail shows without translating them, made translatable.

wagtail-modeltranslation ships no catalogue of its own; Django's Vietnamese catalogue lacks its time
units (Wagtail's "13 minutes ago") and some validation messages staff meet in the admin; Wagtail
shows custom permissions by their stored (English) names, through gettext.
"""

import functools

from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, gettext_noop, ngettext_lazy

WAGTAIL_MODELTRANSLATION_STRINGS = (
    gettext_noop("View / edit fields for"),
    gettext_noop("Page '{0}' and {1} subpages copied."),
    gettext_noop("Page '{0}' copied."),
    gettext_noop("Copy this page"),
)

# django/utils/timesince.py
DJANGO_TIME_UNITS = (
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
)

DJANGO_VALIDATION_MESSAGES = (
    gettext_noop("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    gettext_noop("File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."),
    gettext_noop("“%(pk)s” is not a valid value."),
)

# The name of home.editorial.SOURCE_PERMISSION, as stored and shown on the group form.
PERMISSION_NAMES = (gettext_noop("Can write the source text and facts of pages"),)


# Labels Wagtail renders without gettext, made translatable here (`apply`, at start-up): the tree root's title
# ("Root", data from Wagtail's first migration) in breadcrumbs and choosers; the Sites listing's columns, labelled
# from their attribute names (Column("site_name") → "Site name"); a promoted search result's field
# `external_link_text`, which has no verbose name.
ROOT_TITLE = gettext_noop("Root")
EXTERNAL_LINK_TEXT = gettext_lazy("External link text")


def apply():
    from wagtail.contrib.search_promotions.forms import SearchPromotionsFormSet
    from wagtail.models import Page, Site
    from wagtail.sites.views import IndexView as SitesIndexView

    display_title = Page.get_admin_display_title

    def get_admin_display_title(page):
        return gettext(ROOT_TITLE) if page.is_root() else display_title(page)

    Page.get_admin_display_title = get_admin_display_title

    fields = {field.name: field for field in Site._meta.get_fields() if hasattr(field, "verbose_name")}
    for column in SitesIndexView.columns:
        if column.name in fields and column.label == capfirst(column.name.replace("_", " ")):
            column.label = capfirst(fields[column.name].verbose_name)

    SearchPromotionsFormSet.form.base_fields["external_link_text"].label = EXTERNAL_LINK_TEXT


class PortalNamedSummaryItem:
    """A dashboard summary item ("3 pages", and for screen readers "created in …") naming the portal: Wagtail
    names the Site record, which is its hostname ("localhost") when the record has no name."""

    def get_context_data(self, parent_context):
        from .templatetags.portal_tags import portal_name

        return {**super().get_context_data(parent_context), "site_name": portal_name({"request": self.request})}


@functools.cache
def portal_named(summary_item_class):
    return type(summary_item_class.__name__, (PortalNamedSummaryItem, summary_item_class), {})
