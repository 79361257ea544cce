"""Where wagtail-modeltranslation 0.16 disagrees with itself, and the fix (see README).

Its `_localized_set_url_path` builds a language's URL path from that language's slug or else the
*default* language's slug, while its router matches the slug through modeltranslation's fallback
chain (for Lao: Lao, then English, then Vietnamese). A page with an English slug and no Lao one
was therefore published at one URL in Lao and routed at another: a 404. Here both follow the
fallback chain. It also read the tree root's empty translated URL path, giving the home page
"home/" instead of "/home/".

Its copy view (a `before_copy_page` hook) takes its form from its own module: there it is replaced by the
one whose slugs are ASCII, as every address is here (`home.forms.PortalCopyForm`).
"""

from modeltranslation.utils import build_localized_fieldname, resolution_order
from wagtail_modeltranslation import patch_wagtailadmin, wagtail_hooks


def _first_value(instance, field_name, language):
    for code in resolution_order(language):
        value = getattr(instance, build_localized_fieldname(field_name, code), None)
        if value:
            return value
    return getattr(instance, field_name, None)


def localized_set_url_path(page, parent, language):
    url_path_field = build_localized_fieldname("url_path", language)
    if parent:
        # The tree root predates the translated columns, which stay empty on it.
        parent_url_path = "/" if parent.is_root() else _first_value(parent, "url_path", language)
        setattr(page, url_path_field, parent_url_path + _first_value(page, "slug", language) + "/")
    else:
        setattr(page, url_path_field, "/")


def apply():
    from .forms import PortalCopyForm

    patch_wagtailadmin._localized_set_url_path = localized_set_url_path
    wagtail_hooks.PatchedCopyForm = PortalCopyForm
