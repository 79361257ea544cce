from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request
from django.views.decorators.cache import cache_control
from django.views.static import serve


def root_redirect(request):
    """Send `/` to the language the browser prefers (Accept-Language), Vietnamese otherwise."""
    language = get_language_from_request(request)
    response = HttpResponseRedirect(f"/{language}/")
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    return render(request, "robots.txt", {"languages": settings.LANGUAGES}, content_type="text/plain")


@cache_control(max_age=86400, public=True)
def media(request, path):
    """An uploaded file (an image rendition, say) from MEDIA_ROOT, when SERVE_MEDIA is on."""
    if not settings.SERVE_MEDIA:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
