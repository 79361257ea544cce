from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionConfig(AppConfig):
    """Investment, tourism, events and local products (issue: content for foreign readers)."""

    name = "promotion"
    verbose_name = _("Investment and tourism promotion")
    default_auto_field = "django.db.models.BigAutoField"
