from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """Articles, friendship news and press releases."""

    name = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"
