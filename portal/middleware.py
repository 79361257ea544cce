from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path

ADMIN_PATH = "/admin/"
REFUSED_METHODS = {"TRACE", "TRACK", "CONNECT"}


def refuse_tracing(get_response):
    """TRACE and TRACK echo a request back (cookies included) and CONNECT asks for a tunnel: no page
    of the site answers them."""

    def middleware(request):
        if request.method in REFUSED_METHODS:
            return HttpResponseNotAllowed(["GET", "HEAD", "POST", "OPTIONS"])
        return get_response(request)

    return middleware


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a path without a known language prefix is a 404.

    Django would redirect `/fr/` to `/vi/fr/` (which then 404s); readers and crawlers are better
    served by an honest 404. Only `/` is redirected, by `portal.views.root_redirect`. The admin
    speaks the site's default language whatever the browser asks for, unless the user chose
    another in their account (Wagtail then switches to it).
    """

    def process_request(self, request):
        if request.path_info.startswith(ADMIN_PATH):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        else:
            super().process_request(request)

    def process_response(self, request, response):
        if response.status_code == 404 and not get_language_from_path(request.path_info):
            patch_vary_headers(response, ("Accept-Language",))
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware:
    """Sends the strict public policy everywhere but in Wagtail's admin, which needs inline code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        in_admin = request.path_info.startswith(ADMIN_PATH)
        response.headers.setdefault("Content-Security-Policy", settings.CSP_ADMIN if in_admin else settings.CSP_PUBLIC)
        return response
