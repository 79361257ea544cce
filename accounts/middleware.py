import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext

from portal.middleware import ADMIN_PATH

from .two_factor import asks_for_code, confirmed_device

LAST_ACTIVITY = "accounts_last_activity"
# Requests an open editor sends by itself: they do not keep an unattended session alive.
BACKGROUND_NAMESPACES = {"wagtailadmin_editing_sessions"}
# What a user who gave their password but not yet their code may open.
OPEN_BEFORE_CODE = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "accounts_two_factor_setup",
    "accounts_two_factor_verify",
}


def start_activity(sender, request, user, **kwargs):
    """Signing in is activity: written with the session that the sign-in saves anyway."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY] = int(time.time())


class IdleSessionMiddleware:
    """Signs out a user who has not made a request of their own for SESSION_IDLE_MINUTES.

    The time of their last request is written to the session at most once a minute, which also renews
    the session's expiry (SESSION_COOKIE_AGE is the same length), so a session nobody uses expires in
    the session store as well.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        now = int(time.time())
        last = request.session.get(LAST_ACTIVITY)
        if last is not None and now - last > settings.SESSION_IDLE_MINUTES * 60:
            logout(request)
            messages.info(
                request,
                ngettext(
                    "You were signed out after %(minutes)s minute without activity. Sign in again.",
                    "You were signed out after %(minutes)s minutes without activity. Sign in again.",
                    settings.SESSION_IDLE_MINUTES,
                )
                % {"minutes": settings.SESSION_IDLE_MINUTES},
            )
            return None  # the view goes on for an anonymous user: the admin asks them to sign in
        background = request.resolver_match.namespace in BACKGROUND_NAMESPACES
        if last is None or (not background and now - last >= 60):
            request.session[LAST_ACTIVITY] = now
        return None


async def anonymous_user():
    return AnonymousUser()


class TwoFactorMiddleware:
    """A user who must give a code (accounts.two_factor) and has only given their password is sent to
    give it, or to set up their authenticator, from every admin page; the public site treats them as
    not signed in (private pages and documents stay closed)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified() or not asks_for_code(user):
            return None
        if not request.path_info.startswith(ADMIN_PATH):
            request.user, request.auser = AnonymousUser(), anonymous_user
            return None
        if request.resolver_match.url_name in OPEN_BEFORE_CODE:
            return None
        url = reverse("accounts_two_factor_verify" if confirmed_device(user) else "accounts_two_factor_setup")
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
