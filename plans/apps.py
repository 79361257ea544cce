from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("External-information plans")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.collated_choices import list_in_collated_order

        list_in_collated_order(self.get_model("Unit"))
