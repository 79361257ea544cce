from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_page
from wagtail.models import Site

from .models import PortalPage


@cache_page(60 * 15)
def sitemap_xml(request):
    """Every live public page once per language it is really written in, with its alternates."""
    site = Site.find_for_request(request)
    entries = []
    if site:
        pages = site.root_page.get_descendants(inclusive=True).live().public().specific()
        for page in pages:
            if not isinstance(page, PortalPage):
                continue
            urls = page.language_urls(request)
            alternates = [(code, urls[code]) for code in page.translated_languages]
            entries += [
                {"location": url, "lastmod": page.last_published_at, "alternates": alternates}
                for _code, url in alternates
            ]
    return TemplateResponse(request, "sitemap.xml", {"entries": entries}, content_type="application/xml")
