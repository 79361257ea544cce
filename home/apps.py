from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            admin_strings,
            editorial,
            freshness,
            modeltranslation_fixes,
            notifications,
            page_addresses,
        )

        modeltranslation_fixes.apply()
        admin_strings.apply()
        editorial.connect_signals()
        notifications.connect_signals()
        freshness.connect_signals()
        page_addresses.connect_signals()
