from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", views.TwoFactorView.as_view(), name="accounts_two_factor"),
        path("two-factor/setup/", views.SetupView.as_view(), name="accounts_two_factor_setup"),
        path("two-factor/verify/", views.VerifyView.as_view(), name="accounts_two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("accounts_two_factor"),
        "label": _("Two-step verification"),
        "help_text": _("A code from an app on your phone at every sign-in, besides your password."),
    }
