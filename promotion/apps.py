from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionConfig(AppConfig):
    """Tourism, events and (to come) investment, local products and publications."""

    name = "promotion"
    verbose_name = _("Investment and tourism promotion")
    default_auto_field = "django.db.models.BigAutoField"
