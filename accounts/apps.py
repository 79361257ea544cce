from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in to the admin: throttled attempts, two-step verification, sessions that expire when idle."""

    name = "accounts"
    verbose_name = _("Sign-in")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import start_activity

        user_logged_in.connect(start_activity, dispatch_uid="accounts_start_activity")
