"""Links in e-mails lead to the site's configured address (WAGTAILADMIN_BASE_URL), as Wagtail's own
e-mails do, not to the host and port of the page's Site record, which a run on another port or
behind a proxy does not change."""

from django import template
from wagtail.admin.utils import get_admin_base_url

register = template.Library()


@register.filter
def site_url(page):
    """The page's address in the active language, on the configured site."""
    parts = page.get_url_parts()
    return f"{get_admin_base_url()}{parts[2]}" if parts else ""
