from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Site

from home import models

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """Each site language with the address of the current page in it.

    `translated` is False where the page is shown in a fallback language; hreflang links skip
    those. Outside Wagtail pages (search, 404) the current path is translated instead.
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
    return [
        {
            "code": code,
            "name": name,
            "url": urls[code],
            "current": code == current,
            "translated": code in translated,
        }
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page's children marked "show in menus", in the reader's language."""
    site = Site.find_for_request(context["request"])
    if site is None:
        return []
    return site.root_page.get_children().live().in_menu().public()


@register.filter
def lang_attribute(page):
    """` lang="en"` where the page is shown in a fallback language, for screen readers."""
    shown = models.content_language(page)
    return format_html(' lang="{}"', shown) if shown != translation.get_language() else ""


@register.simple_tag(takes_context=True)
def absolute_pageurl(context, page):
    return models.absolute_url(page, context["request"])
