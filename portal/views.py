from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request
from django.views.decorators.cache import cache_control


def root_redirect(request):
    """Send `/` to the language the browser prefers (Accept-Language), Vietnamese otherwise."""
    language = get_language_from_request(request)
    response = HttpResponseRedirect(f"/{language}/")
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return render(request, "robots.txt", {"languages": settings.LANGUAGES}, content_type="text/plain")
