from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    """Press work of plan items 5.2–5.4: monitoring what the press publishes and answering it."""

    name = "press"
    verbose_name = _("Press work")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
