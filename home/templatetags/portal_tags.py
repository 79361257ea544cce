import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page, PageViewRestriction, Site

from home import models

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """Each site language with the address of the current page in it.

    `translated` is False where the page is shown in a fallback language; hreflang links skip
    those, and the switcher offers that language's home page instead. Outside Wagtail pages
    (search, 404) the current path is translated.
    """
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    if isinstance(page, models.PortalPage):
        urls = page.language_urls(request)
        translated = set(page.translated_languages)
    else:
        urls = {code: request.build_absolute_uri(translate_url(request.path, code)) for code, _ in settings.LANGUAGES}
        translated = set(urls)
    versions = []
    for code, name in settings.LANGUAGES:
        offered = code in translated or code == current
        if not offered:  # the page is not in that language: the switcher leads to its home page
            with translation.override(code):
                urls[code] = request.build_absolute_uri(reverse("wagtail_serve", args=[""]))
        versions.append(
            {
                "code": code,
                "name": name,
                "url": urls[code],
                "current": code == current,
                "translated": code in translated,
            }
        )
    return versions


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu, from the page tree: the home page's children marked "show in menus", each with its own
    children so marked (`menu_children`), e.g. "Visit" over "Destinations" and "Events". Editors regroup it by
    moving pages and ticking "Show in menus". One query, whatever the size of the menu."""
    site = Site.find_for_request(context["request"])
    if site is None:
        return []
    root = site.root_page
    # Wagtail's .public() reads every view restriction first; in SQL, the menu is one query.
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    pages = (
        Page.objects.descendant_of(root)
        .filter(depth__in=(root.depth + 1, root.depth + 2))
        .live()
        .in_menu()
        .exclude(Exists(restricted))
        .order_by("path")
    )
    current = getattr(context.get("page"), "path", "")
    groups = {}
    for page in pages:
        page.holds_current_page = bool(current) and current.startswith(page.path)
        if page.depth == root.depth + 1:
            page.menu_children = []
            groups[page.path] = page
        elif parent := groups.get(page.path[: -page.steplen]):
            parent.menu_children.append(page)
    return list(groups.values())


@register.simple_tag(takes_context=True)
def portal_name(context):
    """The portal's name in its settings, else WAGTAIL_SITE_NAME; never a Site record's hostname."""
    try:
        name = models.PortalSettings.for_request(context["request"]).portal_name
    except models.PortalSettings.DoesNotExist:  # no site serves this host
        name = ""
    return name or settings.WAGTAIL_SITE_NAME


@register.filter
def lang_attribute(page, field_name="title"):
    """` lang="en"` where the page (or another translated object) is shown in a fallback language."""
    shown = models.content_language(page, field_name=field_name)
    return format_html(' lang="{}"', shown) if shown != translation.get_language() else ""


@register.simple_tag(takes_context=True)
def absolute_pageurl(context, page):
    return models.absolute_url(page, context["request"])


OPEN_GRAPH_LOCALES = {"vi": "vi_VN", "en": "en_GB", "lo": "lo_LA", "km": "km_KH"}
SOCIAL_RENDITION = "fill-1200x630"


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context, page):
    """Open Graph, Twitter card and schema.org JSON-LD for a page, in the language shown."""
    request = context["request"]
    portal = context.get("portal")
    url = models.absolute_url(page, request)
    description = page.search_description or getattr(page, "summary", "") or getattr(page, "intro", "")
    image = getattr(page, "hero_image", None) or getattr(portal, "logo", None)
    image_url = request.build_absolute_uri(image.get_rendition(SOCIAL_RENDITION).url) if image else ""
    language = page.content_language()
    data = {
        "@context": "https://schema.org",
        "name": page.title,
        "url": url,
        "inLanguage": language,
        **({"description": description} if description else {}),
        **({"image": image_url} if image_url else {}),
        **page.structured_data(request),
    }
    if getattr(portal, "portal_name", ""):
        data.setdefault("publisher", {"@type": "GovernmentOrganization", "name": portal.portal_name})
    return {
        "page": page,
        "url": url,
        "description": description,
        "image_url": image_url,
        "image_alt": image.default_alt_text if image else "",
        "og_type": "article" if data["@type"] == "NewsArticle" else "website",
        "og_locale": OPEN_GRAPH_LOCALES.get(language, language),
        "site_name": getattr(portal, "portal_name", ""),
        "json_ld": mark_safe(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_json_script_escapes)
        ),
    }


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.simple_tag
def live_page_of_type(label):
    """The first live, public page of a type ("app.Model"), e.g. the form a section points readers to."""
    from django.apps import apps

    return apps.get_model(label).objects.live().public().first()


@register.filter
def figure(value):
    """A number in the reader's format, grouped, with as many decimals as it was written with (73.4, not 73.40)."""
    if value in (None, ""):
        return ""
    decimals = max(0, -value.as_tuple().exponent) if hasattr(value, "as_tuple") else None
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
